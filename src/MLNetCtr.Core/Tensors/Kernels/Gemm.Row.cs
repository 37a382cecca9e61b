using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLNetCtr.Tensors.Kernels;

internal static partial class Gemm
{
    // A product with one row (m = 1) or one column (n = 1) is a matrix-vector product: memory-bound, and the
    // MR×NR register tile would waste up to 31 of every 32 lanes on it. n = 1 becomes m = 1 by transposing the
    // product (a 1×m row and an m×1 column have the same memory); then c (1×n) = a (1×k) · op(B) streams the rows
    // of op(B) (B itself, or 64-column transposed packs of Bᵀ), still one fma chain over p per element.
    private const int RowChunkColumns = 64;      // a transposed B is packed this many columns at a time
    private const int RowSumsColumns = 2048;     // running sums kept in L1 (8 KiB) while the rows of B stream past

    /// <summary><c>Cᵀ = op(B)ᵀ · op(A)ᵀ</c> for a product with one column: the same arithmetic on the same memory, as one row.</summary>
    private static unsafe Operands AsRowProduct(Operands o) =>
        new(o.B, o.A, o.C, 1, o.M, o.K, transA: false, transB: !o.TransA);

    /// <summary>c (1×n) = [c +] a (1×k) · op(B), parallel over column chunks when <paramref name="parallel"/>.</summary>
    private static void MultiplyRow(Operands o, bool accumulate, bool parallel)
    {
        int parts = parallel ? Math.Min(Environment.ProcessorCount, (o.N + RowChunkColumns - 1) / RowChunkColumns) : 1;
        int columnsPerPart = RoundUp((o.N + parts - 1) / parts, RowChunkColumns);
        void Part(int t) => MultiplyRowPart(o, accumulate, t * columnsPerPart, Math.Min(o.N, (t + 1) * columnsPerPart));
        if (parts > 1)
        {
            Parallel.For(0, parts, Part);
        }
        else
        {
            Part(0);
        }
    }

    /// <summary>Columns [j0, j1) of a row product; a transposed B is packed 64 columns at a time so its rows run along j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MultiplyRowPart(Operands o, bool accumulate, int j0, int j1)
    {
        if (!o.TransB)
        {
            RowTimesRows(o.A, o.B, o.N, o.C, o.K, j0, j1, accumulate);
            return;
        }
        float* packed = PackBuffer.ForB.Reserve(Math.Min(Kc, o.K) * RowChunkColumns);
        for (int j = j0; j < j1; j += RowChunkColumns)
        {
            int width = Math.Min(RowChunkColumns, j1 - j);
            for (int pc = 0; pc < o.K; pc += Kc)
            {
                int kc = Math.Min(Kc, o.K - pc);
                TransposeInto(o.B + (long)j * o.K + pc, o.K, packed, RowChunkColumns, width, kc);   // packed[p·64 + jj] = B[j + jj, pc + p]
                RowTimesMatrix(o.A + pc, packed, RowChunkColumns, o.C + j, kc, width, accumulate || pc > 0);
            }
        }
    }

    /// <summary>
    /// <c>c[j] = [c[j] +] Σ_p a[p] · b[p·ldb + j]</c> for j in [j0, j1), each as one fma chain over p, reading whole
    /// rows of b: a column block walked down k rows would stride by ldb, which defeats the prefetchers (ldb is often
    /// a power of two: every row in one cache set). The running sums stay in L1 instead of registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RowTimesRows(float* a, float* b, nint ldb, float* c, int k, int j0, int j1, bool accumulate)
    {
        for (int j = j0; j < j1; j += RowSumsColumns)
        {
            int width = Math.Min(RowSumsColumns, j1 - j);
            float* cj = c + j;
            if (!accumulate)
            {
                new Span<float>(cj, width).Clear();    // fma(x, y, +0) rounds x·y once, as the chain from 0 does
            }
            for (int p = 0; p < k; p++)
            {
                float* bp = b + p * ldb + j;
                Vector256<float> ap = Vector256.Create(a[p]);
                int x = 0;
                for (; x + 8 <= width; x += 8)
                {
                    Vector256.FusedMultiplyAdd(ap, Vector256.Load(bp + x), Vector256.Load(cj + x)).Store(cj + x);
                }
                for (; x < width; x++)
                {
                    cj[x] = MathF.FusedMultiplyAdd(a[p], bp[x], cj[x]);
                }
            }
        }
    }

    /// <summary><c>c[j] = [c[j] +] Σ_p a[p] · b[p·ldb + j]</c> for j &lt; width with the sums in registers: for a packed, contiguous b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RowTimesMatrix(float* a, float* b, nint ldb, float* c, int k, int width, bool accumulate)
    {
        int j = 0;
        for (; j + 32 <= width; j += 32)
        {
            Vector256<float> c0 = Vector256<float>.Zero, c1 = c0, c2 = c0, c3 = c0;
            if (accumulate)
            {
                (c0, c1, c2, c3) = (Vector256.Load(c + j), Vector256.Load(c + j + 8), Vector256.Load(c + j + 16), Vector256.Load(c + j + 24));
            }
            float* bj = b + j;
            for (int p = 0; p < k; p++, bj += ldb)
            {
                Vector256<float> ap = Vector256.Create(a[p]);
                c0 = Vector256.FusedMultiplyAdd(ap, Vector256.Load(bj), c0);
                c1 = Vector256.FusedMultiplyAdd(ap, Vector256.Load(bj + 8), c1);
                c2 = Vector256.FusedMultiplyAdd(ap, Vector256.Load(bj + 16), c2);
                c3 = Vector256.FusedMultiplyAdd(ap, Vector256.Load(bj + 24), c3);
            }
            c0.Store(c + j);
            c1.Store(c + j + 8);
            c2.Store(c + j + 16);
            c3.Store(c + j + 24);
        }
        for (; j + 8 <= width; j += 8)
        {
            Vector256<float> acc = accumulate ? Vector256.Load(c + j) : Vector256<float>.Zero;
            for (int p = 0; p < k; p++)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(a[p]), Vector256.Load(b + p * ldb + j), acc);
            }
            acc.Store(c + j);
        }
        for (; j < width; j++)
        {
            float acc = accumulate ? c[j] : 0f;
            for (int p = 0; p < k; p++)
            {
                acc = MathF.FusedMultiplyAdd(a[p], b[p * ldb + j], acc);
            }
            c[j] = acc;
        }
    }
}
