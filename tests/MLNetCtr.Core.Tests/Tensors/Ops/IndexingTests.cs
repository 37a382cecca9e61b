using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

using Ops = MLNetCtr.Tensors.Ops;

public sealed class IndexingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void IndexSelect_RepeatedIndices(int axis) => GradCheck.Unary(x => Ops.IndexSelect(x, axis, [2, 0, 2, 2]), [3, 3, 3]);

    [Theory]
    [InlineData(0, new[] { 2, 3 })]
    [InlineData(1, new[] { 3, 2 })]
    [InlineData(1, new[] { 2, 4 })]
    public void Gather(int axis, int[] indexShape)
    {
        var rng = new Random(axis);
        int[] index = [.. Enumerable.Range(0, indexShape[0] * indexShape[1]).Select(_ => rng.Next(3))];   // repeats likely
        GradCheck.Unary(x => Ops.Gather(x, axis, index, indexShape), [3, 3]);
    }

    [Fact]
    public void MaskedFill_SameShape() =>
        GradCheck.Unary(x => Ops.MaskedFill(x, [true, false, false, true, false, true], -1e9f), [2, 3]);

    [Theory]
    [InlineData(new[] { 1, 4 })]
    [InlineData(new[] { 3, 1 })]
    [InlineData(new[] { 4 })]
    [InlineData(new[] { 1, 1, 4 })]
    public void MaskedFill_Broadcast(int[] maskShape)
    {
        int size = maskShape.Aggregate(1, (p, d) => p * d);
        bool[] mask = [.. Enumerable.Range(0, size).Select(i => i % 2 == 0)];
        GradCheck.Unary(x => Ops.MaskedFill(x, mask, maskShape, 0.5f), maskShape.Length == 3 ? [2, 3, 4] : [3, 4]);
    }

    [Fact]
    public void IndexSelect_HandComputed()
    {
        Tensor x = Tensor.From([0, 1, 2, 3, 4, 5], 3, 2);
        Assert.Equal([4f, 5, 0, 1, 4, 5], Ops.IndexSelect(x, 0, [2, 0, 2]).Data);
        Assert.Equal([1f, 1, 3, 3, 5, 5], Ops.IndexSelect(x, 1, [1, 1]).Data);
        Assert.Equal([3, 0], Ops.IndexSelect(x, 1, []).Shape.ToArray());
    }

    [Fact]
    public void IndexSelect_RepeatedIndex_AccumulatesGradient()
    {
        Tensor x = Tensor.Parameter([0, 1, 2, 3, 4, 5], [3, 2]);
        Ops.Sum(Ops.IndexSelect(x, 0, [2, 0, 2])).Backward();
        Assert.Equal([1f, 1, 0, 0, 2, 2], x.Grad!);
    }

    [Fact]
    public void Gather_HandComputed()
    {
        Tensor logits = Tensor.From([0, 1, 2, 3, 4, 5], 2, 3);
        Assert.Equal([2f, 3], Ops.Gather(logits, 1, [2, 0], [2, 1]).Data);          // torch.gather(x, 1, [[2], [0]])
        Assert.Equal([3f, 1, 2], Ops.Gather(logits, 0, [1, 0, 0], [1, 3]).Data);    // torch.gather(x, 0, [[1, 0, 0]])
    }

    [Fact]
    public void MaskedFill_HandComputed_MaskedPositionsGetNoGradient()
    {
        Tensor x = Tensor.Parameter([1, 2, 3, 4, 5, 6], [2, 3]);
        Tensor y = Ops.MaskedFill(x, [false, true, false], [3], float.NegativeInfinity);
        Assert.Equal([1f, float.NegativeInfinity, 3, 4, float.NegativeInfinity, 6], y.Data);
        Ops.Sum(y * Tensor.From([1, 2, 3, 4, 5, 6], 2, 3)).Backward();
        Assert.Equal([1f, 0, 3, 4, 0, 6], x.Grad!);
    }

    [Fact]
    public void IndexSelect_OutOfRange_ThrowsNamingIndexPositionAndLength()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.IndexSelect(Tensor.Zeros(3, 2), 0, [0, 3]));
        Assert.Contains("Id 3 at position 1", e.Message);
        Assert.Contains("length 3", e.Message);
    }

    [Fact]
    public void Gather_BadIndex_ThrowsNamingShapes()
    {
        var shape = Assert.Throws<ArgumentException>(() => Ops.Gather(Tensor.Zeros(2, 3), 1, [0, 0, 0], [3, 1]));
        Assert.Contains("(3, 1)", shape.Message);
        Assert.Contains("(2, 3)", shape.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Gather(Tensor.Zeros(2, 3), 1, [0, -1], [2, 1]));
        Assert.Contains("Id -1 at position 1", range.Message);
    }

    [Fact]
    public void MaskedFill_MaskDoesNotBroadcast_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Ops.MaskedFill(Tensor.Zeros(2, 3), [true, false], [2], 0f));
        Assert.Contains("(2,)", e.Message);
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<ArgumentException>(() => Ops.MaskedFill(Tensor.Zeros(3), [true, false, true, true], [2, 2], 0f));
    }
}
