using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// Single-precision <c>exp</c> for the softmax rows, computed in float lanes (TensorPrimitives' exp widens to double,
/// about twice the work): <c>exp(x) = 2ⁿ · e^r</c> with <c>n = round(x · log₂e)</c>, <c>r = x − n · ln 2</c> (ln 2 split in
/// two for exactness) and a degree-6 polynomial for <c>e^r</c> on <c>|r| ≤ ln 2 / 2</c> (Cephes' expf coefficients);
/// relative error within a few ulp of the true value. <c>x &lt; −86.6</c> (including −∞) gives 0 (below about 2.6e−38), <c>x &gt; 88.7</c> gives
/// +∞, NaN stays NaN. Every element goes through the same vector formula (tails through a padded vector), so a value
/// never depends on its position or on the span length.
/// </summary>
internal static class ExpKernels
{
    private const float Log2E = 1.44269504088896341f, Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
    private const float Lowest = -86.6f, Highest = 88.72283f;
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    /// <summary>
    /// Whether the float-lane kernels are this machine's fast path (AVX-512). Elsewhere <see cref="Vector512{T}"/> is
    /// emulated and TensorPrimitives' exp is faster, so <see cref="ScaledExp"/> and the callers that check this use it.
    /// </summary>
    internal static readonly bool IsAccelerated = Vector512.IsHardwareAccelerated;

    /// <summary><c>y_j = scale · exp(x_j − shift)</c> by this machine's fast path: <see cref="ExpShifted"/> where <see cref="IsAccelerated"/>, TensorPrimitives elsewhere.</summary>
    public static void ScaledExp(ReadOnlySpan<float> x, float shift, float scale, Span<float> y)
    {
        if (IsAccelerated)
        {
            ExpShifted(x, shift, scale, y);
            return;
        }
        TensorPrimitives.Subtract(x, shift, y);
        TensorPrimitives.Exp(y, y);
        if (scale != 1f)
        {
            TensorPrimitives.Multiply(y, scale, y);
        }
    }

    /// <summary><c>y_j = scale · exp(x_j − shift)</c> in float lanes; x and y may be the same span.</summary>
    public static void ExpShifted(ReadOnlySpan<float> x, float shift, float scale, Span<float> y)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(y.Length, x.Length);
        var s = Vector512.Create(shift);
        var c = Vector512.Create(scale);
        int i = 0;
        for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            (Exp(Vector512.Create(x.Slice(i, Vector512<float>.Count)) - s) * c).CopyTo(y.Slice(i));
        }
        if (i < x.Length)
        {
            Span<float> tail = stackalloc float[Vector512<float>.Count];
            x[i..].CopyTo(tail);
            (Exp(Vector512.Create((ReadOnlySpan<float>)tail) - s) * c).CopyTo(tail);
            tail[..(x.Length - i)].CopyTo(y[i..]);
        }
    }

    /// <summary><c>Σ_j exp(x_j − shift)</c>, summed in 16 lanes and then across them (a fixed order).</summary>
    public static float SumExpShifted(ReadOnlySpan<float> x, float shift)
    {
        var s = Vector512.Create(shift);
        Vector512<float> sum = Vector512<float>.Zero;
        int i = 0;
        for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            sum += Exp(Vector512.Create(x.Slice(i, Vector512<float>.Count)) - s);
        }
        if (i < x.Length)
        {
            Span<float> tail = stackalloc float[Vector512<float>.Count];
            tail.Fill(float.NegativeInfinity);      // padding lanes add exp(−∞) = 0
            x[i..].CopyTo(tail);
            sum += Exp(Vector512.Create((ReadOnlySpan<float>)tail) - s);
        }
        return Vector512.Sum(sum);
    }

    /// <summary>The scalar reference: the same formula on one value (tests compare the vector path and double-precision exp against it).</summary>
    internal static float ExpReference(float x) => Exp(Vector512.Create(x)).ToScalar();

    /// <summary><c>exp</c> of 16 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> clamped = Vector512.Min(Vector512.Max(x, Vector512.Create(Lowest)), Vector512.Create(Highest));
        Vector512<float> n = Vector512.Floor(Vector512.FusedMultiplyAdd(clamped, Vector512.Create(Log2E), Vector512.Create(0.5f)));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P2));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P3));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P4));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(P5));
        p = Vector512.FusedMultiplyAdd(p, r * r, r + Vector512<float>.One);                             // e^r
        Vector512<float> twoToNMinus1 = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(126), 23).AsSingle();
        Vector512<float> result = p * twoToNMinus1 * Vector512.Create(2f);                                  // 2ⁿ⁻¹ · 2: n = 128 stays finite
        result = Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(Lowest)), Vector512<float>.Zero, result);
        result = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(Highest)), Vector512.Create(float.PositiveInfinity), result);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);                            // NaN stays NaN
    }
}
