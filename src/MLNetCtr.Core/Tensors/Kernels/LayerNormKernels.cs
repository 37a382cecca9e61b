using System.Numerics.Tensors;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// Row kernels for layer normalisation of one row x of D values:
/// <c>μ = mean(x)</c>, <c>σ² = mean((x − μ)²)</c> (biased), <c>r = 1/√(σ² + ε)</c>, <c>x̂ = (x − μ)·r</c>,
/// <c>y = x̂ ⊙ γ + β</c>. An empty γ or β span means no scale or no shift.
/// </summary>
internal static class LayerNormKernels
{
    /// <summary>Writes y and returns the row's mean μ and inverse standard deviation r, which the backward reuses.</summary>
    public static (float Mean, float InverseStd) Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float epsilon, Span<float> y)
    {
        float mean = TensorPrimitives.Sum(x) / x.Length;
        TensorPrimitives.Subtract(x, mean, y);                                           // two-pass variance: no cancellation
        float inverseStd = 1f / MathF.Sqrt(TensorPrimitives.SumOfSquares(y) / x.Length + epsilon);
        TensorPrimitives.Multiply(y, inverseStd, y);                                     // x̂
        if (!gamma.IsEmpty)
        {
            TensorPrimitives.Multiply(y, gamma, y);
        }
        if (!beta.IsEmpty)
        {
            TensorPrimitives.Add(y, beta, y);
        }
        return (mean, inverseStd);
    }

    /// <summary>
    /// <c>dx += r · (g − mean(g) − x̂ · mean(g ⊙ x̂))</c> with <c>g = dy ⊙ γ</c>: the gradient through x̂ of a row,
    /// where μ and σ² both depend on every x_j. <paramref name="scratch"/> holds 2·D floats.
    /// </summary>
    public static void InputBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, ReadOnlySpan<float> gamma, float mean, float inverseStd, Span<float> dx, Span<float> scratch)
    {
        int d = x.Length;
        Span<float> g = scratch[..d], xHat = scratch.Slice(d, d);
        if (gamma.IsEmpty)
        {
            dy.CopyTo(g);
        }
        else
        {
            TensorPrimitives.Multiply(dy, gamma, g);
        }
        TensorPrimitives.Subtract(x, mean, xHat);
        TensorPrimitives.Multiply(xHat, inverseStd, xHat);
        float meanG = TensorPrimitives.Sum(g) / d, meanGXHat = TensorPrimitives.Dot(g, xHat) / d;
        TensorPrimitives.MultiplyAdd(xHat, -meanGXHat, g, g);     // g − x̂ · mean(g ⊙ x̂)
        TensorPrimitives.Subtract(g, meanG, g);                   //   − mean(g)
        TensorPrimitives.MultiplyAdd(g, inverseStd, dx, dx);      // dx += r · (…)
    }

    /// <summary><c>dγ += dy ⊙ x̂</c> and <c>dβ += dy</c> for one row (either may be empty); <paramref name="xHat"/> is D floats of scratch.</summary>
    public static void AffineBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, float mean, float inverseStd, Span<float> dGamma, Span<float> dBeta, Span<float> xHat)
    {
        if (!dGamma.IsEmpty)
        {
            TensorPrimitives.Subtract(x, mean, xHat);
            TensorPrimitives.Multiply(xHat, inverseStd, xHat);
            TensorPrimitives.MultiplyAdd(dy, xHat, dGamma, dGamma);
        }
        if (!dBeta.IsEmpty)
        {
            TensorPrimitives.Add(dBeta, dy, dBeta);
        }
    }
}
