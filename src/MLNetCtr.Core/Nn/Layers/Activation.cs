using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>An element-wise non-linearity, chosen by value (for options and layer constructors).</summary>
public enum Activation
{
    /// <summary>Rectifier <c>max(x, 0)</c>.</summary>
    Relu,

    /// <summary>Gaussian error linear unit <c>x · Φ(x)</c>, the exact (erf) form as torch's default.</summary>
    Gelu,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Logistic function <c>1 / (1 + e^(−x))</c>.</summary>
    Sigmoid,

    /// <summary>No change: <c>x</c>.</summary>
    Identity,
}

/// <summary>Applies an <see cref="Activation"/>.</summary>
public static class ActivationExtensions
{
    /// <summary>Applies <paramref name="activation"/> element-wise to <paramref name="input"/>; <see cref="Activation.Identity"/> returns the input itself.</summary>
    public static Tensor Apply(this Activation activation, Tensor input) => activation switch
    {
        Activation.Relu => Ops.Relu(input),
        Activation.Gelu => Ops.Gelu(input),
        Activation.Tanh => Ops.Tanh(input),
        Activation.Sigmoid => Ops.Sigmoid(input),
        Activation.Identity => input,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown activation {(int)activation}."),
    };
}
