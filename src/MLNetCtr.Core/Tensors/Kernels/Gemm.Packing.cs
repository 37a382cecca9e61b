namespace MLNetCtr.Tensors.Kernels;

internal static partial class Gemm
{
    // Packed layouts (what the micro-kernels read; rows/columns past the matrix edge are zero):
    //
    //   A block (mc×kc of op(A)) as ⌈mc/MR⌉ panels, panel q at q·kc·MR:   panel[p·MR + r] = op(A)[i0 + q·MR + r, p0 + p]
    //   B block (kc×nc of op(B)) as ⌈nc/NR⌉ panels, panel q at q·kc·NR:   panel[p·NR + j] = op(B)[p0 + p, j0 + q·NR + j]
    //
    // so a kernel walks both panels strictly forward, MR + NR floats per step of p.

    /// <summary>Packs rows [i0, i0 + mc) and columns [p0, p0 + kc) of op(A) into MR-row panels at <paramref name="dst"/>.</summary>
    private static unsafe void PackA(in Operands o, float* dst, int i0, int mc, int p0, int kc, int mr)
    {
        for (int q = 0; q < mc; q += mr, dst += kc * mr)
        {
            int rows = Math.Min(mr, mc - q);
            for (int p = 0; p < kc; p++)
            {
                float* panel = dst + p * mr;
                if (o.TransA)
                {
                    // A is stored k×m: the MR values of one p are contiguous.
                    new ReadOnlySpan<float>(o.A + (long)(p0 + p) * o.M + i0 + q, rows).CopyTo(new Span<float>(panel, rows));
                }
                else
                {
                    float* src = o.A + (long)(i0 + q) * o.K + p0 + p;
                    for (int r = 0; r < rows; r++)
                    {
                        panel[r] = src[(long)r * o.K];
                    }
                }
                new Span<float>(panel + rows, mr - rows).Clear();
            }
        }
    }

    /// <summary>Packs rows [p0, p0 + kc) and columns [j0, j0 + nc) of op(B) into NR-column panels at <paramref name="dst"/>.</summary>
    private static unsafe void PackB(in Operands o, float* dst, int p0, int kc, int j0, int nc, int nr)
    {
        for (int q = 0; q < nc; q += nr, dst += kc * nr)
        {
            int cols = Math.Min(nr, nc - q);
            if (o.TransB)
            {
                // B is stored n×k: read each column of op(B) contiguously, write it with stride NR.
                for (int j = 0; j < cols; j++)
                {
                    float* src = o.B + (long)(j0 + q + j) * o.K + p0;
                    for (int p = 0; p < kc; p++)
                    {
                        dst[p * nr + j] = src[p];
                    }
                }
                for (int p = 0; p < kc && cols < nr; p++)
                {
                    new Span<float>(dst + p * nr + cols, nr - cols).Clear();
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    new ReadOnlySpan<float>(o.B + (long)(p0 + p) * o.N + j0 + q, cols).CopyTo(new Span<float>(dst + p * nr, cols));
                    new Span<float>(dst + p * nr + cols, nr - cols).Clear();
                }
            }
        }
    }
}
