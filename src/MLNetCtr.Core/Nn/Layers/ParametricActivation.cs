using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>The learned activations of DIN (Zhou et al., 2018).</summary>
public enum ParametricActivationKind
{
    /// <summary>Dice: <c>y = p·x + (1 − p)·α·x</c> with <c>p = sigmoid(BatchNorm(x))</c>, the rectifier point following the data.</summary>
    Dice,

    /// <summary>PReLU (He et al., 2015): <c>y = max(x, 0) + α·min(x, 0)</c>.</summary>
    PRelu,
}

/// <summary>
/// A per-feature learned activation (<see cref="ParametricActivationKind"/>), α initialized to 0.25 as torch's
/// <c>nn.PReLU</c>. Input and output <c>(N, H)</c>.
/// </summary>
/// <remarks>Dice's normalization is a <see cref="BatchNorm1d"/> (batch statistics in training, running ones in
/// evaluation) whose affine γ, β start at 1 and 0 and are learned: a superset of the paper's plain standardization.
/// Children: parameter <c>alpha</c> (H) and, for Dice, <c>norm</c>.</remarks>
public sealed class ParametricActivation : Module
{
    private readonly Tensor _alpha;
    private readonly BatchNorm1d? _norm;

    /// <summary>Creates the activation for <paramref name="features"/> features.</summary>
    public ParametricActivation(ParametricActivationKind kind, int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown parametric activation {(int)kind}.");
        }
        Kind = kind;
        _alpha = RegisterParameter("alpha", Tensor.Parameter(Enumerable.Repeat(0.25f, features).ToArray(), [features]));
        _norm = kind == ParametricActivationKind.Dice ? Register("norm", new BatchNorm1d(features)) : null;
    }

    /// <summary>Which activation this is.</summary>
    public ParametricActivationKind Kind { get; }

    /// <summary>α, <c>(H)</c>.</summary>
    internal Tensor Alpha => _alpha;

    /// <summary>Dice's batch norm; null for PReLU.</summary>
    internal BatchNorm1d? Norm => _norm;

    /// <summary>Applies the activation to <paramref name="input"/> <c>(N, H)</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        if (_norm is null)
        {
            return Ops.Relu(input) - _alpha * Ops.Relu(-input);                  // (N, H)
        }
        Tensor p = Ops.Sigmoid(_norm.Forward(input));                           // (N, H)
        return input * (_alpha + p * (1f - _alpha));                            // p·x + (1 − p)·α·x
    }
}
