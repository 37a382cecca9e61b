using System.Numerics.Tensors;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// Single-precision matrix multiply on row-major spans: <c>C (m×n) = [C +] op(A) · op(B)</c>, where op(A) is A
/// stored m×k, or Aᵀ with A stored k×m when <c>transA</c>; op(B) is B stored k×n, or Bᵀ with B stored n×k when
/// <c>transB</c>.
/// </summary>
internal static class Gemm
{
    /// <summary>The fast path. Results equal <see cref="MultiplyReference"/> up to float rounding.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k, bool transA, bool transB, bool accumulate)
    {
        CheckSizes(a, b, c, m, n, k);
        if (!accumulate)
        {
            c[..(m * n)].Clear();
        }
        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                float aip = transA ? a[p * m + i] : a[i * k + p];
                if (!transB)
                {
                    TensorPrimitives.MultiplyAdd(b.Slice(p * n, n), aip, row, row);   // C[i, :] += A[i, p] · B[p, :]
                }
                else
                {
                    for (int j = 0; j < n; j++)
                    {
                        row[j] += aip * b[j * k + p];
                    }
                }
            }
        }
    }

    /// <summary>The triple loop: the algorithmic reference that tests compare <see cref="Multiply"/> against.</summary>
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
        if (a.Length < (long)m * k || b.Length < (long)k * n || c.Length < (long)m * n)
        {
            throw new ArgumentException($"GEMM {m}×{k} · {k}×{n}: operand spans are too short (a {a.Length}, b {b.Length}, c {c.Length}).");
        }
    }
}
