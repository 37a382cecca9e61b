using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// n experts: MLPs of one shape over one input, whose outputs are stacked for a gate to mix. Input <c>(B, in)</c>,
/// output <c>(B, n, H)</c> with H the last hidden size. Children: <c>experts.0</c>, <c>experts.1</c>, … (each an <see cref="Mlp"/>).
/// </summary>
public sealed class ExpertGroup : Module
{
    private readonly ModuleList<Mlp> _experts;

    /// <summary>Creates <paramref name="count"/> experts and initializes them from <paramref name="random"/>, in order.</summary>
    /// <param name="inFeatures">Size of the input's last dimension.</param>
    /// <param name="count">n, the number of experts.</param>
    /// <param name="hiddenSizes">Hidden sizes of each expert MLP (at least one; ReLU after each).</param>
    /// <param name="random">Source of the initial weights and dropout masks.</param>
    /// <param name="dropout">Dropout after each hidden layer, in [0, 1).</param>
    public ExpertGroup(int inFeatures, int count, IReadOnlyList<int> hiddenSizes, Random random, float dropout = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        ArgumentOutOfRangeException.ThrowIfZero(hiddenSizes.Count);
        _experts = new ModuleList<Mlp>();
        for (int i = 0; i < count; i++)
        {
            _experts.Add(new Mlp(inFeatures, hiddenSizes, random, dropout: dropout));
        }
        Register("experts", _experts);
        OutFeatures = hiddenSizes[^1];
    }

    /// <summary>The expert MLPs.</summary>
    internal IReadOnlyList<Mlp> Experts => _experts;

    /// <summary>n, the number of experts.</summary>
    public int Count => _experts.Count;

    /// <summary>H, the size of each expert's output.</summary>
    public int OutFeatures { get; }

    /// <summary>Every expert applied to <paramref name="input"/> <c>(B, in)</c>, stacked: <c>(B, n, H)</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        var outputs = new Tensor[_experts.Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = _experts[i].Forward(input);                                  // (B, H)
        }
        return Ops.Concat(outputs, axis: 1).Reshape(input.Dim(0), outputs.Length, OutFeatures);   // (B, n·H) → (B, n, H)
    }
}
