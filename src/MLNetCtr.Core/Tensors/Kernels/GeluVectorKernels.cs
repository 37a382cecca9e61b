using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static MLNetCtr.Tensors.Kernels.GeluKernels;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// <see cref="GeluKernels"/>' formulas (A&amp;S 7.1.26 erf) evaluated 16 lanes at a time in registers, one pass over
/// the data instead of one TensorPrimitives pass per step, with <see cref="ExpKernels"/>' float exp. Tails go through
/// a padded vector, so every element is computed by the same formula.
/// </summary>
internal static class GeluVectorKernels
{
    private static int Lanes => Vector512<float>.Count;

    /// <summary><c>y[i] = x[i] · Φ(x[i])</c>.</summary>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(y.Length, x.Length);
        int i = 0;
        for (; i <= x.Length - Lanes; i += Lanes)
        {
            var v = Vector512.Create(x.Slice(i, Lanes));
            (v * NormalCdfAndDensity(v).Cdf).CopyTo(y.Slice(i));
        }
        if (i < x.Length)
        {
            Span<float> tail = stackalloc float[Lanes];
            x[i..].CopyTo(tail);
            var v = Vector512.Create((ReadOnlySpan<float>)tail);
            (v * NormalCdfAndDensity(v).Cdf).CopyTo(tail);
            tail[..(x.Length - i)].CopyTo(y[i..]);
        }
    }

    /// <summary><c>dx[i] += dy[i] · (Φ(x[i]) + x[i] · φ(x[i]))</c>.</summary>
    public static void AccumulateBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dy.Length, x.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(dx.Length, x.Length);
        int i = 0;
        for (; i <= x.Length - Lanes; i += Lanes)
        {
            Step(Vector512.Create(x.Slice(i, Lanes)), Vector512.Create(dy.Slice(i, Lanes)), Vector512.Create((ReadOnlySpan<float>)dx.Slice(i, Lanes))).CopyTo(dx.Slice(i));
        }
        if (i < x.Length)
        {
            Span<float> xs = stackalloc float[Lanes], dys = stackalloc float[Lanes], dxs = stackalloc float[Lanes];
            x[i..].CopyTo(xs);
            dy[i..x.Length].CopyTo(dys);
            dx[i..x.Length].CopyTo(dxs);
            Step(Vector512.Create((ReadOnlySpan<float>)xs), Vector512.Create((ReadOnlySpan<float>)dys), Vector512.Create((ReadOnlySpan<float>)dxs)).CopyTo(dxs);
            dxs[..(x.Length - i)].CopyTo(dx[i..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Step(Vector512<float> x, Vector512<float> dy, Vector512<float> dx)
    {
        (Vector512<float> cdf, Vector512<float> pdf) = NormalCdfAndDensity(x);
        return dx + (dy * (cdf + (x * pdf)));                                        // dx + dy · (Φ + x·φ)
    }

    /// <summary>Φ(x) and φ(x) of 16 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> Cdf, Vector512<float> Pdf) NormalCdfAndDensity(Vector512<float> x)
    {
        Vector512<float> z = Vector512.Abs(x) * Vector512.Create(InvSqrt2);                          // z = |x| / √2
        Vector512<float> t = Vector512<float>.One / ((z * Vector512.Create(P)) + Vector512<float>.One);   // t = 1 / (1 + p z)
        Vector512<float> e = ExpKernels.Exp(-(z * z));                                             // e = exp(−x²/2)
        Vector512<float> q = (t * Vector512.Create(A5)) + Vector512.Create(A4);
        q = (q * t) + Vector512.Create(A3);
        q = (q * t) + Vector512.Create(A2);
        q = (q * t) + Vector512.Create(A1);
        q = q * t * e;                                                                             // erfc(|x|/√2) = 2 Φ(−|x|)
        Vector512<float> half = Vector512.Create(0.5f) - (q * Vector512.Create(0.5f));                // ½ − Φ(−|x|) ≥ 0
        Vector512<float> signed = Vector512.Xor(half.AsUInt32(), x.AsUInt32() & Vector512.Create(0x8000_0000u)).AsSingle();
        return (Vector512.Create(0.5f) + signed, e * Vector512.Create(InvSqrt2Pi));                 // Φ(x) = ½ + sign(x) (½ − Φ(−|x|))
    }
}
