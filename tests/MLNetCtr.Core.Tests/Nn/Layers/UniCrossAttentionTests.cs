using System.Text.Json;
using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class UniCrossAttentionTests
{
    private static readonly JsonElement GoldenCases = Fixtures.Load("golden_uni_cross_attention.json").GetProperty("cases");

    /// <summary>
    /// Against PyTorch 1.13 (tools/golden_uni_cross_attention.py: torch's MultiheadAttention whose in-projection is the
    /// block's query and the shared K/V, then the post-norm residuals): output and every gradient of <c>sum(y · r)</c>.
    /// </summary>
    [Theory]
    [InlineData("candidate_and_queries_padded")]
    [InlineData("one_candidate")]
    public void Forward_MatchesTorch(string name)
    {
        JsonElement c = GoldenCases.GetProperty(name);
        Tensor candidate = c.GetProperty("candidate").ToTensor(requiresGrad: true, name: "candidate");
        Tensor sequence = c.GetProperty("sequence").ToTensor(requiresGrad: true, name: "sequence");
        int d = candidate.Dim(2), heads = c.GetProperty("heads").GetInt32();
        var shared = new MultiHeadAttention(d, heads, new Random(1));
        var block = new UniCrossAttention(d, heads, c.GetProperty("feedforward").GetInt32(), new Random(2));
        var sharedKeyValue = shared.NamedParameters().Where(p => p.Name.StartsWith("key.", StringComparison.Ordinal) || p.Name.StartsWith("value.", StringComparison.Ordinal)).ToList();
        Fixtures.LoadByName(block.NamedParameters(), c.GetProperty("params"));
        Fixtures.LoadByName(sharedKeyValue, c.GetProperty("shared_params"));
        bool[] padding = [.. c.GetProperty("key_padding_mask").EnumerateArray().SelectMany(row => row.EnumerateArray().Select(v => v.GetBoolean()))];

        (Tensor keys, Tensor values) = shared.ProjectKeyValue(sequence);
        Tensor y = block.Forward(candidate, keys, values, padding);
        Fixtures.AssertClose(c.GetProperty("y").Data(), y.Data, "y");
        y.BackwardFrom(c.GetProperty("r").Data());

        Fixtures.AssertClose(c.GetProperty("grad_candidate").Data(), candidate.Grad, "grad candidate");
        Fixtures.AssertClose(c.GetProperty("grad_sequence").Data(), sequence.Grad, "grad sequence");
        Fixtures.AssertByName(block.NamedParameters(), c.GetProperty("grads"), t => t.Grad, "grad");
        Fixtures.AssertByName(sharedKeyValue, c.GetProperty("shared_grads"), t => t.Grad, "shared grad");
    }

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
