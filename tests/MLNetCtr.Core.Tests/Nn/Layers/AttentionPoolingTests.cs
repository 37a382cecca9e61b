using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class AttentionPoolingTests
{
    [Fact]
    public void Forward_WithContext_GradCheck()
    {
        var pooling = new AttentionPooling(3, 2, 4, new Random(0));
        int[] lengths = [4, 1, 3];
        GradCheck.Check(t => pooling.Forward(t[0], lengths, t[1]),
            [GradCheck.Input([3, 4, 3], seed: 1, name: "values"), GradCheck.Input([3, 2], seed: 2, name: "context"), .. pooling.Parameters()]);
    }

    [Fact]
    public void Forward_WithoutContextAndWithEmptyRow_GradCheck()
    {
        var pooling = new AttentionPooling(3, 0, 4, new Random(0));
        Assert.Equal(["key.weight", "key.bias", "score.weight"], pooling.NamedParameters().Select(p => p.Name));
        GradCheck.Check(t => pooling.Forward(t[0], [2, 0]), [GradCheck.Input([2, 3, 3], seed: 3, name: "values"), .. pooling.Parameters()]);
    }

    [Fact]
    public void Forward_PaddingDoesNotMatterAndWeightsAreConvex()
    {
        var pooling = new AttentionPooling(2, 0, 3, new Random(4));
        Tensor values = Tensor.From([1f, 0f, 0f, 1f, 9f, 9f], 1, 3, 2);   // two valid positions, then padding
        Tensor changed = Tensor.From([1f, 0f, 0f, 1f, -50f, 7f], 1, 3, 2);

        Tensor pooled = pooling.Forward(values, [2]);

        Assert.Equal(pooled.Data, pooling.Forward(changed, [2]).Data);
        Assert.InRange(pooled.Data[0], 0f, 1f);                            // a convex mix of (1, 0) and (0, 1)
        Assert.Equal(1f, pooled.Data[0] + pooled.Data[1], 5);
    }

    [Fact]
    public void Forward_EmptyRow_PoolsToZero()
    {
        var pooling = new AttentionPooling(2, 0, 3, new Random(5));
        Tensor pooled = pooling.Forward(Tensor.Full(3f, 2, 2, 2), [0, 2]);

        Assert.Equal([0f, 0f], pooled.Data[..2]);
        Assert.Equal([3f, 3f], pooled.Data[2..]);
    }

    [Fact]
    public void Forward_MissingContext_SaysWhatItNeeds()
    {
        var pooling = new AttentionPooling(2, 5, 3, new Random(0));
        var e = Assert.Throws<ArgumentException>(() => pooling.Forward(Tensor.Zeros(1, 2, 2), [1]));
        Assert.Contains("a context (B, 5)", e.Message);
    }
}
