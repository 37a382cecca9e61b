using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using T = MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Tensors;

/// <summary>Ops whose outputs skip zero-filling (<c>Tensor.ResultOfOverwritten</c>) give the same values from a pool full of NaN buffers.</summary>
public sealed class OverwrittenResultTests
{
    public static TheoryData<string> Cases => new(Ops.Keys);

    private static readonly Dictionary<string, Func<Tensor, Tensor>> Ops = new()
    {
        ["linear"] = x => T.Ops.Linear(x, Tensor.From([.. Enumerable.Range(0, 35).Select(i => (i % 7) - 3f)], 5, 7), Tensor.From([1f, 2f, 3f, 4f, 5f], 5)),
        ["relu"] = T.Ops.Relu,
        ["add-scalar"] = x => T.Ops.AddScalar(x, 2f),
        ["mul-scalar"] = x => T.Ops.MulScalar(x, 3f),
        ["broadcast-mul"] = x => x * Tensor.From([1f, 2f, 3f, 4f, 5f, 6f, 7f], 7),
        ["sum"] = x => x + x,
        ["reshape"] = x => T.Ops.Reshape(x, 7, 6),
        ["permute"] = x => T.Ops.Permute(x, 1, 0),
        ["concat"] = x => T.Ops.Concat([x, x], axis: 1),
        ["slice"] = x => T.Ops.Slice(x, 1, 2, 3),
        ["gelu"] = T.Ops.Gelu,
        ["layer-norm"] = x => T.Ops.LayerNorm(x, Tensor.Full(1.5f, 7), Tensor.Full(0.25f, 7)),
        ["layer-norm-plain"] = x => T.Ops.LayerNorm(x, null, null),
        ["attention"] = x => T.Ops.ScaledDotProductAttention(T.Ops.Reshape(x, 1, 1, 6, 7), T.Ops.Reshape(x, 1, 1, 6, 7), T.Ops.Reshape(x, 1, 1, 6, 7)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Op_FromPoolOfNaNBuffers_MatchesUnpooled(string op)
    {
        Tensor x = GradCheck.Input([6, 7], seed: 3);
        float[] expected = Ops[op](x).Data;
        var pool = new BufferPool();
        using (TensorScope.Begin(pool))
        {
            for (int length = 1; length <= 100; length++)
            {
                for (int copy = 0; copy < 4; copy++)
                {
                    Tensor.Full(float.NaN, length);
                }
            }
        }

        using (TensorScope.Begin(pool))
        {
            Assert.Equal(expected, Ops[op](x).Data);
        }
    }
}
