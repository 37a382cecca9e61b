using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// An MLP whose hidden layers use a <see cref="ParametricActivation"/>: per hidden size H,
/// <c>Linear → Dice/PReLU</c>, then an output Linear. Input <c>(N, in)</c>, output <c>(N, out)</c>.
/// </summary>
/// <remarks>Children: <c>linear.{i}</c>, <c>activation.{i}</c>, <c>output</c>.</remarks>
public sealed class ParametricMlp : Module
{
    private readonly ModuleList<Linear> _linears;
    private readonly ModuleList<ParametricActivation> _activations;
    private readonly Linear _output;

    /// <summary>Creates the network and initializes it from <paramref name="random"/>.</summary>
    public ParametricMlp(int inFeatures, IReadOnlyList<int> hiddenSizes, int outputSize, ParametricActivationKind activation, Random random)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        _linears = Register("linear", new ModuleList<Linear>());
        _activations = Register("activation", new ModuleList<ParametricActivation>());
        int width = inFeatures;
        foreach (int size in hiddenSizes)
        {
            _linears.Add(new Linear(width, size, random));
            _activations.Add(new ParametricActivation(activation, size));
            width = size;
        }
        _output = Register("output", new Linear(width, outputSize, random));
    }

    /// <summary>The hidden layers' projections.</summary>
    internal IReadOnlyList<Linear> Linears => _linears;

    /// <summary>The hidden layers' activations.</summary>
    internal IReadOnlyList<ParametricActivation> Activations => _activations;

    /// <summary>The output projection.</summary>
    internal Linear Output => _output;

    /// <summary>Runs the network on <paramref name="input"/> <c>(N, in)</c>; returns <c>(N, out)</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        Tensor x = input;
        for (int i = 0; i < _linears.Count; i++)
        {
            x = _activations[i].Forward(_linears[i].Forward(x));   // (N, H_i)
        }
        return _output.Forward(x);                                   // (N, out)
    }
}
