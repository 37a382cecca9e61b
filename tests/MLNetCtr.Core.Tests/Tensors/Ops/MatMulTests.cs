using MLNetCtr.Tensors;
using MLNetCtr.Tensors.Kernels;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class MatMulTests
{
    public static TheoryData<int[], int[], bool, bool> Cases => new()
    {
        { [3, 4], [4, 5], false, false },
        { [4, 3], [4, 5], true, false },
        { [3, 4], [5, 4], false, true },
        { [4, 3], [5, 4], true, true },
        { [2, 3, 4], [2, 4, 5], false, false },
        { [2, 4, 3], [2, 5, 4], true, true },
        { [2, 3, 4], [4, 5], false, false },
        { [2, 3, 4], [5, 4], false, true },
        { [3, 4], [2, 4, 5], false, false },
        { [1, 1], [1, 1], false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatMul(int[] a, int[] b, bool ta, bool tb) =>
        GradCheck.Binary((x, y) => MLNetCtr.Tensors.Ops.MatMul(x, y, ta, tb), a, b);

    [Fact]
    public void MatMul_HandComputed()
    {
        Tensor c = MLNetCtr.Tensors.Ops.MatMul(Tensor.From([1, 2, 3, 4], 2, 2), Tensor.From([5, 6, 7, 8], 2, 2));
        Assert.Equal([19f, 22, 43, 50], c.Data);
        Assert.Equal([2, 2], c.Shape.ToArray());
    }

    [Fact]
    public void MatMul_InnerMismatch_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => MLNetCtr.Tensors.Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Contains("(2, 3)", e.Message);
    }

    [Fact]
    public void MatMul_ManyBatches_ForwardAndBackwardMatchPerItemReference()
    {
        // Attention scores Q·Kᵀ for 16 (batch, head) pairs of 50×50×32: large enough to run in parallel over the batch.
        const int batch = 16, l = 50, d = 32;
        Tensor q = GradCheck.Input([batch, l, d], seed: 3, name: "q"), k = GradCheck.Input([batch, l, d], seed: 4, name: "k");
        float[] r = GradCheck.Input([batch, l, l], seed: 5).Data;

        Tensor scores = MLNetCtr.Tensors.Ops.MatMul(q, k, transposeB: true);
        scores.BackwardFrom(r);

        float[] expected = new float[batch * l * l], dq = new float[batch * l * d], dk = new float[batch * l * d];
        for (int i = 0; i < batch; i++)
        {
            Span<float> qi = q.Data.AsSpan(i * l * d), ki = k.Data.AsSpan(i * l * d), ri = r.AsSpan(i * l * l);
            Gemm.MultiplyReference(qi, ki, expected.AsSpan(i * l * l), l, l, d, false, true, false);   // S = Q·Kᵀ
            Gemm.MultiplyReference(ri, ki, dq.AsSpan(i * l * d), l, d, l, false, false, false);        // dQ = dS·K
            Gemm.MultiplyReference(ri, qi, dk.AsSpan(i * l * d), l, d, l, true, false, false);         // dK = dSᵀ·Q
        }
        AssertClose(expected, scores.Data);
        AssertClose(dq, q.Grad!);
        AssertClose(dk, k.Grad!);
    }

    [Fact]
    public void MatMul_SharedLeftOperand_SumsItsGradientOverTheBatch()
    {
        const int batch = 12, m = 40, kk = 30, n = 50;
        Tensor w = GradCheck.Input([m, kk], seed: 6, name: "w"), x = GradCheck.Input([batch, kk, n], seed: 7, name: "x");
        float[] r = GradCheck.Input([batch, m, n], seed: 8).Data;

        MLNetCtr.Tensors.Ops.MatMul(w, x).BackwardFrom(r);

        float[] dw = new float[m * kk];
        for (int i = 0; i < batch; i++)
        {
            Gemm.MultiplyReference(r.AsSpan(i * m * n), x.Data.AsSpan(i * kk * n), dw, m, kk, n, false, true, accumulate: true);   // dW += dY_i·X_iᵀ
        }
        AssertClose(dw, w.Grad!);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * Math.Max(1f, Math.Abs(expected[i])), $"[{i}]: {actual[i]:G9} vs {expected[i]:G9}");
        }
    }
}
