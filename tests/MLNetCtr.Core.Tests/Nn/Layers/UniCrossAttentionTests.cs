using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class UniCrossAttentionTests
{
    [Fact]
    public void Forward_WithSharedKeyValueProjections_GradCheck()
    {
        var shared = new MultiHeadAttention(4, 2, new Random(1));
        var block = new UniCrossAttention(4, 2, 6, new Random(2));
        bool[] padding = [false, false, true, false, false, false];   // (B = 2, L = 3)
        GradCheck.Check(
            t =>
            {
                (Tensor keys, Tensor values) = shared.ProjectKeyValue(t[1]);
                return block.Forward(t[0], keys, values, padding);
            },
            [GradCheck.Input([2, 2, 4], seed: 3, name: "candidate"), GradCheck.Input([2, 3, 4], seed: 4, name: "sequence"), .. block.Parameters(), shared.Key.Weight, shared.Value.Weight]);
    }

    [Fact]
    public void Forward_QueriesAreIndependent_EachRowEqualsItsOwnPass()
    {
        var shared = new MultiHeadAttention(4, 2, new Random(1));
        var block = new UniCrossAttention(4, 2, 6, new Random(2));
        (Tensor keys, Tensor values) = shared.ProjectKeyValue(GradCheck.Input([1, 5, 4], seed: 6));
        Tensor queries = GradCheck.Input([1, 3, 4], seed: 7);

        Tensor together = block.Forward(queries, keys, values);
        Tensor second = block.Forward(queries.Slice(1, 1, 1), keys, values);

        Assert.Equal(together.Data.AsSpan(4, 4).ToArray(), second.Data, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void QueryingTransformer_PerUserQueries_GradCheck()
    {
        var queries = new QueryingTransformer(2, 4, 2, 6, userFeatures: 3, new Random(3));
        bool[] padding = [false, true, false, false];   // (B = 2, L = 2)
        GradCheck.Check(t => queries.Forward(t[0], padding, t[1]),
            [GradCheck.Input([2, 2, 4], seed: 8, name: "states"), GradCheck.Input([2, 3], seed: 9, name: "user"), .. queries.Parameters()], eps: 1e-3f);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
