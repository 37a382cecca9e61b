using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Matrix product <c>C = op(A) · op(B)</c> over the last two dimensions; op transposes when asked.
    /// A is (…, M, K) — or (…, K, M) with <paramref name="transposeA"/> — and B is (…, K, N) — or (…, N, K) with
    /// <paramref name="transposeB"/>. Leading (batch) dimensions must be equal, or one operand must be 2-D and is
    /// then shared by every batch. C is (…, M, N).
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transposeA = false, bool transposeB = false)
    {
        var p = new MatMulPlan(a, b, transposeA, transposeB);
        Tensor c = Tensor.ResultOf(p.OutputShape, a, b);
        Gemm.MultiplyBatched(a.Data, p.StrideA, b.Data, p.StrideB, c.Data, p.StrideC, p.Batch, p.M, p.N, p.K,
            transposeA, transposeB, accumulate: false);                                                              // C_i = op(A_i) · op(B_i)

        // A shared operand (stride 0) has a stride-0 gradient: MultiplyBatched sums the batch's terms into it in order.
        c.SetBackward(() =>
        {
            float[] dc = c.Grad!;
            if (a.RequiresGrad)
            {
                float[] da = a.GradOrZeros();
                if (!transposeA)
                {
                    Gemm.MultiplyBatched(dc, p.StrideC, b.Data, p.StrideB, da, p.StrideA, p.Batch, p.M, p.K, p.N,
                        false, !transposeB, accumulate: true);                                                       // dA = dC · op(B)ᵀ
                }
                else
                {
                    Gemm.MultiplyBatched(b.Data, p.StrideB, dc, p.StrideC, da, p.StrideA, p.Batch, p.K, p.M, p.N,
                        transposeB, true, accumulate: true);                                                         // dA = op(B) · dCᵀ
                }
            }
            if (b.RequiresGrad)
            {
                float[] db = b.GradOrZeros();
                if (!transposeB)
                {
                    Gemm.MultiplyBatched(a.Data, p.StrideA, dc, p.StrideC, db, p.StrideB, p.Batch, p.K, p.N, p.M,
                        !transposeA, false, accumulate: true);                                                       // dB = op(A)ᵀ · dC
                }
                else
                {
                    Gemm.MultiplyBatched(dc, p.StrideC, a.Data, p.StrideA, db, p.StrideB, p.Batch, p.N, p.K, p.M,
                        true, transposeA, accumulate: true);                                                         // dB = dCᵀ · op(A)
                }
            }
        });
        return c;
    }

    /// <summary>Sizes and per-batch strides of a (batched) matrix product; a stride of 0 marks a shared operand.</summary>
    private readonly struct MatMulPlan
    {
        public MatMulPlan(Tensor a, Tensor b, bool transposeA, bool transposeB)
        {
            if (a.Rank < 2 || b.Rank < 2)
            {
                throw new ArgumentException($"MatMul needs operands of rank ≥ 2, got {Tensor.ShapeString(a.Shape)} and {Tensor.ShapeString(b.Shape)}.");
            }
            int[] sa = a.ShapeArray, sb = b.ShapeArray;
            int ar = sa[^2], ac = sa[^1], br = sb[^2], bc = sb[^1];
            (M, K) = transposeA ? (ac, ar) : (ar, ac);
            int kb;
            (kb, N) = transposeB ? (bc, br) : (br, bc);
            if (K != kb)
            {
                throw new ArgumentException($"MatMul inner dimensions differ: {Tensor.ShapeString(sa)}{(transposeA ? "ᵀ" : "")} · {Tensor.ShapeString(sb)}{(transposeB ? "ᵀ" : "")} ({K} vs {kb}).");
            }
            int[] batchA = sa[..^2], batchB = sb[..^2];
            int[] batchShape = batchA.Length >= batchB.Length ? batchA : batchB;
            if (batchA.Length > 0 && batchB.Length > 0 && !batchA.AsSpan().SequenceEqual(batchB))
            {
                throw new ArgumentException($"MatMul batch dimensions differ: {Tensor.ShapeString(sa)} and {Tensor.ShapeString(sb)}; they must be equal, or one operand 2-D.");
            }
            OutputShape = [.. batchShape, M, N];
            Batch = Tensor.ShapeSize(batchShape);
            StrideA = batchA.Length > 0 ? M * K : 0;
            StrideB = batchB.Length > 0 ? K * N : 0;
            StrideC = M * N;
            if (batchB.Length == 0 && batchA.Length > 0 && !transposeA)
            {
                // A shared B: (Batch·M, K) · op(B) is one large product instead of many small ones.
                M *= Batch;
                StrideC = StrideA = 0;
                Batch = 1;
            }
        }

        public int M { get; }

        public int N { get; }

        public int K { get; }

        public int Batch { get; }

        public int StrideA { get; }

        public int StrideB { get; }

        public int StrideC { get; }

        public int[] OutputShape { get; }
    }
}
