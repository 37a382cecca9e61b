using System.Numerics.Tensors;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// GELU in its exact form <c>gelu(x) = x · Φ(x)</c>, Φ the standard normal CDF, <c>Φ(x) = ½ (1 + erf(x / √2))</c>
/// (torch's default, not the tanh approximation), and its derivative <c>gelu′(x) = Φ(x) + x · φ(x)</c>.
/// </summary>
/// <remarks>
/// erf comes from Abramowitz &amp; Stegun 7.1.26: for z ≥ 0, <c>erf(z) = 1 − t (a1 + t (a2 + t (a3 + t (a4 + t a5)))) e^(−z²)</c>
/// with <c>t = 1 / (1 + p z)</c>, absolute error ≤ 1.5·10⁻⁷ (in exact arithmetic); odd symmetry gives z &lt; 0.
/// Evaluated in float32, against torch's float64 values on [−9, 9] (tests/…/Fixtures/ops/gelu.json), gelu is off by
/// at most 1.2·10⁻⁷·max(1, |x|) and gelu′ by at most 1.5·10⁻⁷: about one float32 rounding step.
/// On AVX-512 machines the fast path is <see cref="GeluVectorKernels"/> (one pass in registers); elsewhere it works
/// on chunks small enough for the stack, calling TensorPrimitives for each step.
/// </remarks>
internal static class GeluKernels
{
    private const int Chunk = 256;
    internal const float P = 0.3275911f, A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    internal const float InvSqrt2 = 0.70710678118654752f, InvSqrt2Pi = 0.39894228040143268f;

    /// <summary><c>y[i] = x[i] · Φ(x[i])</c>.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        if (ExpKernels.IsAccelerated)
        {
            GeluVectorKernels.Forward(x, y);
            return;
        }
        Span<float> cdf = stackalloc float[Chunk], pdf = stackalloc float[Chunk];
        for (int start = 0; start < x.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, x.Length - start);
            ReadOnlySpan<float> xc = x.Slice(start, n);
            NormalCdfAndDensity(xc, cdf[..n], pdf[..n]);
            TensorPrimitives.Multiply(xc, cdf[..n], y.Slice(start, n));
        }
    }

    /// <summary>The backward step <c>dx[i] += dy[i] · (Φ(x[i]) + x[i] · φ(x[i]))</c>.</summary>
    public static void AccumulateBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        if (ExpKernels.IsAccelerated)
        {
            GeluVectorKernels.AccumulateBackward(x, dy, dx);
            return;
        }
        Span<float> cdf = stackalloc float[Chunk], pdf = stackalloc float[Chunk];
        for (int start = 0; start < x.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, x.Length - start);
            Span<float> derivative = cdf[..n], dxc = dx.Slice(start, n);
            NormalCdfAndDensity(x.Slice(start, n), cdf[..n], pdf[..n]);
            TensorPrimitives.MultiplyAdd(x.Slice(start, n), pdf[..n], cdf[..n], derivative);   // Φ + x·φ
            TensorPrimitives.MultiplyAdd(dy.Slice(start, n), derivative, dxc, dxc);
        }
    }

    /// <summary>Φ(x) and φ(x) for one chunk; <paramref name="pdf"/> doubles as scratch before it gets φ.</summary>
    private static void NormalCdfAndDensity(ReadOnlySpan<float> x, Span<float> cdf, Span<float> pdf)
    {
        Span<float> z = cdf, t = pdf;
        TensorPrimitives.Abs(x, z);
        TensorPrimitives.Multiply(z, InvSqrt2, z);                           // z = |x| / √2
        Span<float> q = stackalloc float[z.Length];
        TensorPrimitives.Multiply(z, P, t);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Reciprocal(t, t);                                   // t = 1 / (1 + p z)
        TensorPrimitives.Multiply(z, z, z);
        TensorPrimitives.Multiply(z, -1f, z);
        TensorPrimitives.Exp(z, z);                                          // e = exp(−z²) = exp(−x²/2)
        TensorPrimitives.Multiply(t, A5, q);
        TensorPrimitives.Add(q, A4, q);
        TensorPrimitives.MultiplyAdd(q, t, A3, q);
        TensorPrimitives.MultiplyAdd(q, t, A2, q);
        TensorPrimitives.MultiplyAdd(q, t, A1, q);
        TensorPrimitives.Multiply(q, t, q);                                  // q = polynomial(t)
        TensorPrimitives.Multiply(q, z, q);                                  // q = erfc(|x|/√2) = 2 Φ(−|x|)
        TensorPrimitives.Multiply(z, InvSqrt2Pi, pdf);                       // φ(x) = e / √(2π)
        TensorPrimitives.Multiply(q, -0.5f, q);
        TensorPrimitives.Add(q, 0.5f, q);                                    // ½ − Φ(−|x|) ≥ 0
        TensorPrimitives.CopySign(q, x, q);
        TensorPrimitives.Add(q, 0.5f, cdf);                                  // Φ(x) = ½ + sign(x) (½ − Φ(−|x|))
    }

    /// <summary>Scalar float64 version of <see cref="Forward"/>: the reference that tests compare against.</summary>
    internal static void ForwardReference(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = (float)(x[i] * NormalCdf(x[i]));
        }
    }

    /// <summary>Scalar float64 version of <see cref="AccumulateBackward"/>.</summary>
    internal static void AccumulateBackwardReference(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            dx[i] += (float)(dy[i] * (NormalCdf(xi) + xi * InvSqrt2Pi * Math.Exp(-0.5 * xi * xi)));
        }
    }

    /// <summary>Abramowitz &amp; Stegun 7.1.26 in float64: |error| ≤ 1.5·10⁻⁷.</summary>
    internal static double Erf(double x)
    {
        double z = Math.Abs(x), t = 1.0 / (1.0 + P * z);
        double poly = t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5))));
        return Math.CopySign(1.0 - poly * Math.Exp(-z * z), x);
    }

    private static double NormalCdf(double x) => 0.5 * (1.0 + Erf(x * InvSqrt2));
}
