using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

using Ops = MLNetCtr.Tensors.Ops;

public sealed class ScopedOpsTests
{
    [Fact]
    public void Step_InReusedScope_GivesSameGradientsAsUnscoped()
    {
        Tensor table = Tensor.Parameter([.. GradCheck.Input([8, 4], seed: 1).Data], [8, 4], "items", sparseGradient: true);
        Tensor weight = GradCheck.Input([4, 3], seed: 2, name: "weight");
        float[] expected = Step(table, weight);
        var pool = new BufferPool();
        for (int run = 0; run < 3; run++)
        {
            using (TensorScope.Begin(pool))
            {
                Assert.Equal(expected, Step(table, weight));
            }
        }
        Assert.True(pool.FreeCount > 0);
    }

    /// <summary>A small forward/backward through most ops; returns the concatenated gradients and zeroes them.</summary>
    private static float[] Step(Tensor table, Tensor weight)
    {
        Tensor e = Ops.Embedding(table, [1, 5, 1, 0, 7, 2], [2, 3], paddingIndex: 0);          // (2, 3, 4)
        Tensor h = Ops.Gelu(Ops.MatMul(e.Reshape(6, 4), weight)).Reshape(2, 3, 3);            // (2, 3, 3)
        Tensor masked = Ops.MaskedFill(h, [false, false, true], [1, 1, 3], -5f);             // (2, 3, 3)
        Tensor pooled = Ops.Dropout(masked, 0.25f, training: true, new Random(3)).Max(1);      // (2, 3)
        Tensor joined = Ops.Concat([pooled, Ops.Tanh(e.Sum(1))], 1).Transpose(0, 1);          // (7, 2)
        Ops.Mean(Ops.Square(joined) + Ops.Exp(Ops.Slice(joined, 0, 2, 1))).Backward();
        float[] grads = [.. table.Grad!, .. weight.Grad!];
        table.ZeroGrad();
        weight.ZeroGrad();
        return grads;
    }
}
