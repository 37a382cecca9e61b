namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// Single-precision matrix multiply on row-major spans: <c>C (m×n) = [C +] op(A) · op(B)</c>, where op(A) is A
/// stored m×k, or Aᵀ with A stored k×m when <c>transA</c>; op(B) is B stored k×n, or Bᵀ with B stored n×k when
/// <c>transB</c>.
/// </summary>
/// <remarks>
/// The fast path packs op(A) and op(B) into cache-sized panels and runs a register-blocked FMA micro-kernel
/// (<see cref="GemmKernel"/>), parallel over parts of C when the product is large; a product with one row or one
/// column takes a matrix-vector path instead. Every element of C is one fused-multiply-add chain
/// <c>c = fma(op(A)[i, p], op(B)[p, j], c)</c> for p = 0, 1, …, k−1, started from C (when accumulating) or from 0,
/// and computed by one thread: the result does not depend on the path, the tiling, the kernel or the thread count,
/// so repeated runs are bit-identical. C must not overlap A or B.
/// </remarks>
internal static partial class Gemm
{
    /// <summary>The fast path. Results equal <see cref="MultiplyReference"/> up to float rounding.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool transA, bool transB, bool accumulate) =>
        Multiply(a, b, c, m, n, k, transA, transB, accumulate, DefaultKernel);

    /// <summary>The fast path with a chosen micro-kernel (tests run both on one machine).</summary>
    internal static unsafe void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool transA, bool transB, bool accumulate, GemmKernel kernel)
    {
        CheckSizes(a, b, c, m, n, k);
        fixed (float* pa = a, pb = b, pc = c)
        {
            MultiplyBlocked(new Operands(pa, pb, pc, m, n, k, transA, transB), accumulate, kernel, parallel: (long)m * n * k >= ParallelThreshold);
        }
    }

    /// <summary>The fast path on the calling thread only, for callers that already run independent products in parallel.</summary>
    internal static unsafe void MultiplyOnThisThread(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool transA, bool transB, bool accumulate)
    {
        CheckSizes(a, b, c, m, n, k);
        fixed (float* pa = a, pb = b, pc = c)
        {
            MultiplyBlocked(new Operands(pa, pb, pc, m, n, k, transA, transB), accumulate, DefaultKernel, parallel: false);
        }
    }

    /// <summary>
    /// Many same-shape products: <c>C_i = [C_i +] op(A_i) · op(B_i)</c> for i in [0, batch), where <c>X_i</c> starts at
    /// <c>i · strideX</c> in its span (for attention: B·H products of L×L×d). A stride of 0 shares that operand across
    /// the batch; a <paramref name="strideC"/> of 0 sums every product into the one C, in batch order. Small products
    /// run in parallel over the batch, large ones one after another, each parallel inside.
    /// </summary>
    public static void MultiplyBatched(ReadOnlySpan<float> a, int strideA, ReadOnlySpan<float> b, int strideB, Span<float> c, int strideC,
        int batch, int m, int n, int k, bool transA, bool transB, bool accumulate) =>
        MultiplyBatched(a, strideA, b, strideB, c, strideC, batch, m, n, k, transA, transB, accumulate, DefaultKernel);

    /// <summary><see cref="MultiplyBatched(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, Span{float}, int, int, int, int, int, bool, bool, bool)"/> with a chosen micro-kernel.</summary>
    internal static unsafe void MultiplyBatched(ReadOnlySpan<float> a, int strideA, ReadOnlySpan<float> b, int strideB, Span<float> c, int strideC,
        int batch, int m, int n, int k, bool transA, bool transB, bool accumulate, GemmKernel kernel)
    {
        CheckBatch(a, strideA, b, strideB, c, strideC, batch, m, n, k);
        long work = (long)m * n * k;
        bool overBatch = strideC != 0 && batch > 1 && batch * work >= ParallelThreshold
            && (work < ParallelThreshold || batch >= 4 * Environment.ProcessorCount);
        fixed (float* pa = a, pb = b, pc = c)
        {
            var first = new Operands(pa, pb, pc, m, n, k, transA, transB);
            Operands Item(int i) => first.Offset((long)i * strideA, (long)i * strideB, (long)i * strideC);
            if (overBatch)
            {
                Parallel.For(0, batch, i => MultiplyBlocked(Item(i), accumulate, kernel, parallel: false));
                return;
            }
            for (int i = 0; i < batch; i++)
            {
                MultiplyBlocked(Item(i), accumulate || (strideC == 0 && i > 0), kernel, parallel: work >= ParallelThreshold);
            }
        }
    }

    /// <summary>The triple loop: the algorithmic reference that tests compare <see cref="Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/> against.</summary>
    internal static void MultiplyReference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool transA, bool transB, bool accumulate)
    {
        CheckSizes(a, b, c, m, n, k);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    sum += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                }
                c[i * n + j] = accumulate ? c[i * n + j] + sum : sum;
            }
        }
    }

    private static void CheckSizes(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
        {
            throw new ArgumentException($"GEMM {m}×{k} · {k}×{n}: operand spans are too short (a {a.Length}, b {b.Length}, c {c.Length}).");
        }
    }

    private static void CheckBatch(ReadOnlySpan<float> a, int strideA, ReadOnlySpan<float> b, int strideB, Span<float> c, int strideC, int batch, int m, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(strideA);
        ArgumentOutOfRangeException.ThrowIfNegative(strideB);
        ArgumentOutOfRangeException.ThrowIfNegative(strideC);
        if (strideC != 0 && strideC < (long)m * n && batch > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(strideC), strideC, $"Batched GEMM outputs of {m}×{n} would overlap at stride {strideC}; use 0 (sum into one C) or at least {(long)m * n}.");
        }
        if (batch == 0)
        {
            return;
        }
        long needA = (long)(batch - 1) * strideA + (long)m * k, needB = (long)(batch - 1) * strideB + (long)k * n, needC = (long)(batch - 1) * strideC + (long)m * n;
        if (a.Length < needA || b.Length < needB || c.Length < needC)
        {
            throw new ArgumentException($"Batched GEMM of {batch} × ({m}×{k} · {k}×{n}): operand spans are too short (a {a.Length} < {needA}, b {b.Length} < {needB} or c {c.Length} < {needC}).");
        }
    }
}
