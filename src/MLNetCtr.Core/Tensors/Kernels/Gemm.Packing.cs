using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MLNetCtr.Tensors.Kernels;

internal static partial class Gemm
{
    // Packed layouts (what the micro-kernels read; rows/columns past the matrix edge are zero):
    //
    //   A block (mc×kc of op(A)) as ⌈mc/MR⌉ panels, panel q at q·kc·MR:   panel[p·MR + r] = op(A)[i0 + q·MR + r, p0 + p]
    //   B block (kc×nc of op(B)) as ⌈nc/NR⌉ panels, panel q at q·kc·NR:   panel[p·NR + j] = op(B)[p0 + p, j0 + q·NR + j]
    //
    // so a kernel walks both panels strictly forward, MR + NR floats per step of p. When the source runs along p
    // (A not transposed, B transposed) packing is a transpose, done 8×8 at a time in registers.
    // Every loop here is AggressiveOptimization: a GEMM spends its first hundreds of ms in tier-0 code otherwise.

    /// <summary>Packs rows [i0, i0 + mc) and columns [p0, p0 + kc) of op(A) into MR-row panels at <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackA(in Operands o, float* dst, int i0, int mc, int p0, int kc, int mr)
    {
        for (int q = 0; q < mc; q += mr, dst += kc * mr)
        {
            int rows = Math.Min(mr, mc - q);
            if (o.TransA)
            {
                // A is stored k×m: the MR values of one p are contiguous (a full 8-row panel: one vector per p).
                float* src = o.A + (long)p0 * o.M + i0 + q;
                if (rows == 8 && mr == 8)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        Vector256.Store(Vector256.Load(src + (long)p * o.M), dst + p * 8);
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++)
                {
                    CopyPadded(src + (long)p * o.M, dst + p * mr, rows, mr);
                }
            }
            else
            {
                // A is stored m×k: row r of the panel runs along p, so the panel is its transpose.
                TransposeInto(o.A + (long)(i0 + q) * o.K + p0, o.K, dst, mr, rows, kc);
                ClearColumns(dst, mr, rows, mr, kc);
            }
        }
    }

    /// <summary>Packs rows [p0, p0 + kc) and columns [j0, j0 + nc) of op(B) into NR-column panels at <paramref name="dst"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void PackB(in Operands o, float* dst, int p0, int kc, int j0, int nc, int nr)
    {
        for (int q = 0; q < nc; q += nr, dst += kc * nr)
        {
            int cols = Math.Min(nr, nc - q);
            if (o.TransB)
            {
                // B is stored n×k: column j of op(B) runs along p, so the panel is a transpose.
                TransposeInto(o.B + (long)(j0 + q) * o.K + p0, o.K, dst, nr, cols, kc);
                ClearColumns(dst, nr, cols, nr, kc);
            }
            else
            {
                // B is stored k×n: the NR values of one p are contiguous (a full 32-column panel: two 512-bit vectors per p).
                float* src = o.B + (long)p0 * o.N + j0 + q;
                if (cols == 32 && nr == 32)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        float* row = src + (long)p * o.N;
                        Vector512.Store(Vector512.Load(row), dst + p * 32);
                        Vector512.Store(Vector512.Load(row + 16), dst + p * 32 + 16);
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++)
                {
                    CopyPadded(src + (long)p * o.N, dst + p * nr, cols, nr);
                }
            }
        }
    }

    /// <summary>Copies <paramref name="count"/> floats and zero-fills the rest of a <paramref name="width"/>-float row (width a multiple of 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CopyPadded(float* src, float* dst, int count, int width)
    {
        int x = 0;
        for (; x + 8 <= count; x += 8)
        {
            Vector256.Store(Vector256.Load(src + x), dst + x);
        }
        for (; x < count; x++)
        {
            dst[x] = src[x];
        }
        for (; x < width; x++)
        {
            dst[x] = 0f;
        }
    }

    /// <summary>Zero-fills columns [from, to) of a kc-row block with row stride <paramref name="stride"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ClearColumns(float* dst, int stride, int from, int to, int kc)
    {
        for (int p = 0; from < to && p < kc; p++)
        {
            new Span<float>(dst + p * stride + from, to - from).Clear();
        }
    }

    /// <summary>
    /// <c>dst[p·dstStride + r] = src[r·srcStride + p]</c> for r &lt; <paramref name="rows"/> and p &lt; <paramref name="kc"/>:
    /// the rows of a source that runs along p become the columns of a p-major panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void TransposeInto(float* src, int srcStride, float* dst, int dstStride, int rows, int kc)
    {
        int r = 0;
        for (; Avx.IsSupported && r + 8 <= rows; r += 8)
        {
            int p = 0;
            for (; p + 8 <= kc; p += 8)
            {
                Transpose8x8(src + (long)r * srcStride + p, srcStride, dst + p * dstStride + r, dstStride);
            }
            for (; p < kc; p++)
            {
                for (int x = r; x < r + 8; x++)
                {
                    dst[p * dstStride + x] = src[(long)x * srcStride + p];
                }
            }
        }
        for (; r < rows; r++)
        {
            float* row = src + (long)r * srcStride;
            for (int p = 0; p < kc; p++)
            {
                dst[p * dstStride + r] = row[p];
            }
        }
    }

    /// <summary>Transposes an 8×8 block of floats in registers (unpack, shuffle, then swap 128-bit halves).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Transpose8x8(float* src, int srcStride, float* dst, int dstStride)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + srcStride);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * srcStride), r3 = Avx.LoadVector256(src + 3 * srcStride);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * srcStride), r5 = Avx.LoadVector256(src + 5 * srcStride);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * srcStride), r7 = Avx.LoadVector256(src + 7 * srcStride);

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);   // a0 b0 a1 b1 | a4 b4 a5 b5 …
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);   // a0 b0 c0 d0 | a4 b4 c4 d4 …
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(s3, s7, 0x31));
    }
}
