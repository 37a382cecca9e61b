using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Layer normalization over the last dimension (Ba et al., 2016), as torch's <c>nn.LayerNorm(dim)</c>:
/// <c>y = (x − mean(x)) / √(var(x) + ε) ⊙ weight + bias</c> per row, biased variance. Input and output <c>(…, D)</c>.
/// </summary>
/// <remarks>weight (γ) starts at ones and bias (β) at zeros, as torch.</remarks>
public sealed class LayerNorm : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="dim">Size D of the normalized (last) dimension.</param>
    /// <param name="epsilon">Added to the variance, ≥ 0. Default: 1e-5, as torch.</param>
    /// <param name="elementwiseAffine">Whether to learn weight and bias. Default: true.</param>
    public LayerNorm(int dim, float epsilon = 1e-5f, bool elementwiseAffine = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dim);
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        Dim = dim;
        Epsilon = epsilon;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Parameter(Enumerable.Repeat(1f, dim).ToArray(), [dim]));
            Bias = RegisterParameter("bias", Tensor.Parameter(new float[dim], [dim]));
        }
    }

    /// <summary>Size D of the normalized dimension.</summary>
    public int Dim { get; }

    /// <summary>The ε added to the variance.</summary>
    public float Epsilon { get; }

    /// <summary>The scale γ, shape (D), or null without affine parameters.</summary>
    public Tensor? Weight { get; }

    /// <summary>The shift β, shape (D), or null without affine parameters.</summary>
    public Tensor? Bias { get; }

    /// <summary>Normalizes each row of <paramref name="input"/> <c>(…, D)</c>; returns <c>(…, D)</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Dim(-1) != Dim)
        {
            throw new ArgumentException($"LayerNorm({Dim}) needs input (…, {Dim}), got {Tensor.ShapeString(input.Shape)}.", nameof(input));
        }
        return Ops.LayerNorm(input, Weight, Bias, Epsilon);
    }
}
