using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Multi-layer perceptron: per hidden size H, <c>Linear → [BatchNorm1d] → activation → [Dropout]</c>, then an optional
/// output Linear without activation. Input <c>(B, in)</c> (or <c>(…, in)</c> without batch norm); output
/// <c>(B, out)</c> with out = the output size, or the last hidden size when there is no output layer.
/// </summary>
/// <remarks>
/// Parameter names: <c>hidden.{i}.linear.weight</c>, <c>hidden.{i}.linear.bias</c>, <c>hidden.{i}.batchNorm.weight</c>,
/// <c>hidden.{i}.batchNorm.bias</c> (buffers <c>hidden.{i}.batchNorm.running_mean</c>, <c>….running_var</c>), and
/// <c>output.weight</c>, <c>output.bias</c>. Linear layers use torch's default initialization.
/// </remarks>
public sealed class Mlp : Module
{
    private readonly ModuleList<MlpBlock> _hidden;
    private readonly Linear? _output;

    /// <summary>Creates the network and initializes it from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Size of the input's last dimension.</param>
    /// <param name="hiddenSizes">Width of each hidden layer, in order; may be empty when <paramref name="outputSize"/> is given.</param>
    /// <param name="random">Source of the initial weights and of the dropout masks.</param>
    /// <param name="activation">Non-linearity after each hidden layer. Default: <see cref="Activation.Relu"/>.</param>
    /// <param name="dropout">Dropout probability after each hidden activation, in [0, 1); 0 adds no dropout. Default: 0.</param>
    /// <param name="batchNorm">Whether to add <see cref="BatchNorm1d"/> between each hidden Linear and its activation. Default: false.</param>
    /// <param name="outputSize">Width of a final Linear (no activation), or null for none. Default: null.</param>
    public Mlp(int inFeatures, IReadOnlyList<int> hiddenSizes, Random random, Activation activation = Activation.Relu,
        float dropout = 0f, bool batchNorm = false, int? outputSize = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        ArgumentNullException.ThrowIfNull(random);
        if (hiddenSizes.Count == 0 && outputSize is null)
        {
            throw new ArgumentException("An Mlp needs at least one hidden size or an output size.", nameof(hiddenSizes));
        }
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown activation {(int)activation}.");
        }
        InFeatures = inFeatures;
        _hidden = Register("hidden", new ModuleList<MlpBlock>());
        int width = inFeatures;
        foreach (int size in hiddenSizes)
        {
            _hidden.Add(new MlpBlock(width, size, random, activation, dropout, batchNorm));
            width = size;
        }
        if (outputSize is { } outputWidth)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputWidth, nameof(outputSize));
            _output = Register("output", new Linear(width, outputWidth, random));
            width = outputWidth;
        }
        OutFeatures = width;
    }

    /// <summary>Size of the input's last dimension.</summary>
    public int InFeatures { get; }

    /// <summary>Size of the output's last dimension: the output size, or the last hidden size.</summary>
    public int OutFeatures { get; }

    /// <summary>The hidden blocks, input to output (read by the ONNX exporter).</summary>
    internal IReadOnlyList<MlpBlock> Hidden => _hidden;

    /// <summary>The final Linear, or null (read by the ONNX exporter).</summary>
    internal Linear? Output => _output;

    /// <summary>Runs the network on <paramref name="input"/> <c>(B, in)</c>; returns <c>(B, out)</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        Tensor x = input;
        foreach (MlpBlock block in _hidden)
        {
            x = block.Forward(x);                            // (B, H_i)
        }
        return _output is null ? x : _output.Forward(x);     // (B, out)
    }
}

/// <summary>One hidden layer of an <see cref="Mlp"/>: <c>Linear → [BatchNorm1d] → activation → [Dropout]</c>.</summary>
internal sealed class MlpBlock : Module
{
    private readonly Linear _linear;
    private readonly BatchNorm1d? _batchNorm;
    private readonly Activation _activation;
    private readonly Dropout? _dropout;

    public MlpBlock(int inFeatures, int outFeatures, Random random, Activation activation, float dropout, bool batchNorm)
    {
        _linear = Register("linear", new Linear(inFeatures, outFeatures, random));
        _batchNorm = batchNorm ? Register("batchNorm", new BatchNorm1d(outFeatures)) : null;
        _activation = activation;
        // Its own mask generator, seeded from the init stream: deterministic per seed, independent of other layers' draws.
        _dropout = dropout == 0f ? null : Register("dropout", new Dropout(dropout, new Random(random.Next())));
    }

    public Linear Linear => _linear;

    public BatchNorm1d? BatchNorm => _batchNorm;

    public Activation Activation => _activation;

    public Tensor Forward(Tensor input)
    {
        Tensor h = _linear.Forward(input);                               // (B, H)
        h = _batchNorm is null ? h : _batchNorm.Forward(h);              // (B, H)
        h = _activation.Apply(h);                                        // (B, H)
        return _dropout is null ? h : _dropout.Forward(h);               // (B, H)
    }
}
