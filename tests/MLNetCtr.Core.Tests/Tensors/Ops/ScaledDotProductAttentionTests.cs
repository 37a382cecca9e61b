using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class ScaledDotProductAttentionTests
{
    private static readonly bool[] Padding2x5 = [false, false, false, true, true, true, false, false, false, true];

    public static TheoryData<int[], int[], int[], bool, bool> Cases => new()
    {
        // query (B, H, Lq, Dh), key (B, H, Lk, Dh), value (B, H, Lk, Dv), padding (B = 2, Lk = 5), causal
        { [2, 2, 3, 4], [2, 2, 5, 4], [2, 2, 5, 4], false, false },
        { [2, 2, 3, 4], [2, 2, 5, 4], [2, 2, 5, 4], true, false },
        { [2, 2, 3, 4], [2, 2, 5, 4], [2, 2, 5, 4], false, true },
        { [2, 2, 3, 4], [2, 2, 5, 4], [2, 2, 5, 4], true, true },     // batch 1, query 0: every key masked
        { [2, 1, 6, 5], [2, 1, 5, 5], [2, 1, 5, 3], true, true },     // Lq > Lk, odd Dh, Dv ≠ Dh
        { [1, 3, 4, 5], [1, 3, 4, 5], [1, 3, 4, 5], false, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScaledDotProductAttention_GradCheck(int[] queryShape, int[] keyShape, int[] valueShape, bool padded, bool causal)
    {
        Tensor q = GradCheck.Input(queryShape, seed: 1, name: "query"), k = GradCheck.Input(keyShape, seed: 2, name: "key"), v = GradCheck.Input(valueShape, seed: 3, name: "value");
        GradCheck.Check(t => TensorOps.ScaledDotProductAttention(t[0], t[1], t[2], padded ? Padding2x5 : null, causal), [q, k, v]);
    }

    [Fact]
    public void ScaledDotProductAttention_SelfAttentionOnOneTensor_GradCheck() =>
        GradCheck.Unary(x => TensorOps.ScaledDotProductAttention(x, x, x, causal: true), shape: [2, 2, 4, 3]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScaledDotProductAttention_MatchesComposedOps(int[] queryShape, int[] keyShape, int[] valueShape, bool padded, bool causal)
    {
        Tensor q = GradCheck.Input(queryShape, seed: 4), k = GradCheck.Input(keyShape, seed: 5), v = GradCheck.Input(valueShape, seed: 6);
        Tensor q2 = q.Clone(), k2 = k.Clone(), v2 = v.Clone();
        q2.RequiresGrad = k2.RequiresGrad = v2.RequiresGrad = true;
        bool[]? mask = padded ? Padding2x5 : null;
        Tensor fused = TensorOps.ScaledDotProductAttention(q, k, v, mask, causal);
        Tensor composed = ComposedAttention(q2, k2, v2, mask, causal);
        float[] upstream = GradCheck.Input(fused.ShapeArray, seed: 7).Data;
        fused.BackwardFrom(upstream);
        composed.BackwardFrom(upstream);
        Fixtures.AssertClose(composed.Data, fused.Data, "output");
        Fixtures.AssertClose(q2.Grad, q.Grad, "grad query");
        Fixtures.AssertClose(k2.Grad, k.Grad, "grad key");
        Fixtures.AssertClose(v2.Grad, v.Grad, "grad value");
    }

    [Fact]
    public void ScaledDotProductAttention_AllKeysMasked_OutputsZerosAndPassesZeroGradient()
    {
        Tensor q = GradCheck.Input([1, 2, 3, 4], seed: 1), k = GradCheck.Input([1, 2, 3, 4], seed: 2), v = GradCheck.Input([1, 2, 3, 4], seed: 3);
        Tensor output = TensorOps.ScaledDotProductAttention(q, k, v, [true, false, false], causal: true);   // query 0 sees only key 0, which is padded
        output.BackwardFrom(Enumerable.Repeat(1f, output.Size).ToArray());
        for (int head = 0; head < 2; head++)
        {
            Assert.All(output.Data.AsSpan(head * 12, 4).ToArray(), o => Assert.Equal(0f, o));
            Assert.All(q.Grad!.AsSpan(head * 12, 4).ToArray(), g => Assert.Equal(0f, g));
            Assert.Contains(output.Data.AsSpan(head * 12 + 4, 8).ToArray(), o => o != 0f);
        }
        Assert.All(k.Grad!.Concat(v.Grad!), g => Assert.True(float.IsFinite(g)));
        Assert.All(v.Grad!.Where((_, i) => i % 12 < 4), g => Assert.Equal(0f, g));   // the padded key 0 gets no value gradient
    }

    [Fact]
    public void ScaledDotProductAttention_MaskWithOnePaddedRow_UnpaddedRowMatchesNoMask()
    {
        Tensor q = GradCheck.Input([2, 2, 3, 4], seed: 1), k = GradCheck.Input([2, 2, 5, 4], seed: 2), v = GradCheck.Input([2, 2, 5, 4], seed: 3);
        float[] unmasked = TensorOps.ScaledDotProductAttention(q, k, v).Data;
        float[] masked = TensorOps.ScaledDotProductAttention(q, k, v, [false, false, false, false, false, false, true, false, false, false]).Data;

        Assert.Equal(unmasked[..24], masked[..24]);          // batch row 0 has no padded key: the unmasked fast path, same bits
        Assert.NotEqual(unmasked[24..], masked[24..]);       // batch row 1 hides key 1
    }

    [Fact]
    public void ScaledDotProductAttention_HeadDimensionMismatch_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorOps.ScaledDotProductAttention(Tensor.Zeros(1, 2, 3, 4), Tensor.Zeros(1, 2, 5, 6), Tensor.Zeros(1, 2, 5, 4)));
        Assert.Contains("query (1, 2, 3, 4)", e.Message);
        Assert.Contains("key (1, 2, 5, 6)", e.Message);
    }

    [Fact]
    public void ScaledDotProductAttention_MaskOfWrongLength_ThrowsNamingSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorOps.ScaledDotProductAttention(Tensor.Zeros(2, 1, 3, 4), Tensor.Zeros(2, 1, 5, 4), Tensor.Zeros(2, 1, 5, 4), new bool[5]));
        Assert.Contains("5 entries", e.Message);
        Assert.Contains("needs 10", e.Message);
    }

    /// <summary>softmax(Q Kᵀ/√Dh + M) V from MatMul, Add, Softmax and Mul; M = −1e9 at masked pairs; fully masked rows zeroed.</summary>
    private static Tensor ComposedAttention(Tensor q, Tensor k, Tensor v, bool[]? padding, bool causal)
    {
        int b = q.Dim(0), lq = q.Dim(2), lk = k.Dim(2);
        float[] additive = new float[b * lq * lk], keep = new float[b * lq];
        for (int bi = 0; bi < b; bi++)
        {
            for (int i = 0; i < lq; i++)
            {
                for (int j = 0; j < lk; j++)
                {
                    bool masked = (padding is not null && padding[bi * lk + j]) || (causal && j > i);
                    additive[(bi * lq + i) * lk + j] = masked ? -1e9f : 0f;
                    keep[bi * lq + i] = masked ? keep[bi * lq + i] : 1f;
                }
            }
        }
        Tensor scores = TensorOps.MatMul(q, k, transposeB: true) * (1f / MathF.Sqrt(q.Dim(3))) + Tensor.From(additive, b, 1, lq, lk);
        return TensorOps.MatMul(TensorOps.Softmax(scores), v) * Tensor.From(keep, b, 1, lq, 1);
    }
}
