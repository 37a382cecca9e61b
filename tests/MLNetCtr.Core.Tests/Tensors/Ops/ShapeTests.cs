using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

using Ops = MLNetCtr.Tensors.Ops;

public sealed class ShapeTests
{
    private static Tensor Arange(params int[] shape) =>
        Tensor.From([.. Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(i => (float)i)], shape);

    [Fact]
    public void Reshape() => GradCheck.Unary(x => Ops.Reshape(x, 4, -1) * Tensor.From([1, 2, 3], 3), [2, 6]);

    [Fact]
    public void Flatten() => GradCheck.Unary(x => Ops.Flatten(x, 1), [2, 3, 4]);

    [Fact]
    public void UnsqueezeSqueeze() => GradCheck.Unary(x => Ops.Squeeze(Ops.Unsqueeze(x, -1) * Tensor.From([2f], 1), 2), [3, 4]);

    [Theory]
    [InlineData(new[] { 1, 0 })]
    [InlineData(new[] { 0, 2, 1 })]
    [InlineData(new[] { 2, 0, 1 })]
    [InlineData(new[] { 1, 2, 0 })]
    [InlineData(new[] { -1, 0, 1 })]
    [InlineData(new[] { 1, 0, 2 })]
    public void Permute(int[] axes) => GradCheck.Unary(x => Ops.Permute(x, axes), axes.Length == 2 ? [3, 4] : [2, 3, 4]);

    [Fact]
    public void Transpose() => GradCheck.Unary(x => Ops.Transpose(x, 0, 2), [2, 3, 4]);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Concat(int axis) =>
        GradCheck.Check(t => Ops.Concat([t[0], t[1], t[0]], axis), [GradCheck.Input([2, 3, 2], 1), GradCheck.Input([2, 3, 2], 2)]);

    [Fact]
    public void Concat_UnequalSizesAlongAxis() =>
        GradCheck.Binary((a, b) => Ops.Concat([a, b], 1), [2, 1, 3], [2, 4, 3]);

    [Fact]
    public void Slice() => GradCheck.Unary(x => Ops.Slice(x, 1, 1, 2), [2, 4, 3]);

    [Fact]
    public void Split() => GradCheck.Unary(x => Ops.Concat([.. Ops.Split(x, [1, 3, 0, 1], -1).Reverse()], -1), [2, 5]);

    [Fact]
    public void Reshape_InfersDimension()
    {
        Tensor y = Ops.Reshape(Arange(2, 3, 4), -1, 4);
        Assert.Equal([6, 4], y.Shape.ToArray());
        Assert.Equal(Arange(24).Data, y.Data);
    }

    [Fact]
    public void Transpose_HandComputed()
    {
        Tensor y = Ops.Transpose(Arange(2, 3), 0, 1);
        Assert.Equal([3, 2], y.Shape.ToArray());
        Assert.Equal([0f, 3, 1, 4, 2, 5], y.Data);
    }

    [Fact]
    public void Permute_MovesEveryElement()
    {
        Tensor x = Arange(2, 3, 4), y = Ops.Permute(x, 2, 0, 1);   // y[k, i, j] = x[i, j, k]
        Assert.Equal([4, 2, 3], y.Shape.ToArray());
        Assert.Equal([0f, 1, 2, 3, 12, 13, 14, 15, 4, 5], Ops.Permute(x, 1, 0, 2).Data[..10]);   // last axis kept: row copies
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 4; k++)
                {
                    Assert.Equal(x.Data[(i * 3 + j) * 4 + k], y.Data[(k * 2 + i) * 3 + j]);
                }
            }
        }
    }

    [Fact]
    public void FlattenUnsqueezeSqueeze_Shapes()
    {
        Tensor x = Arange(2, 3, 4);
        Assert.Equal([2, 12], Ops.Flatten(x, 1).Shape.ToArray());
        Assert.Equal([24], Ops.Flatten(x).Shape.ToArray());
        Assert.Equal([6, 4], Ops.Flatten(x, 0, 1).Shape.ToArray());
        Assert.Equal([2, 1, 3, 4], Ops.Unsqueeze(x, 1).Shape.ToArray());
        Assert.Equal([2, 3, 4, 1], Ops.Unsqueeze(x, -1).Shape.ToArray());
        Assert.Equal([2, 3, 4], Ops.Squeeze(Ops.Unsqueeze(x, 0), 0).Shape.ToArray());
    }

    [Fact]
    public void ConcatSplitSlice_HandComputed()
    {
        Tensor a = Arange(2, 2), b = Tensor.From([10, 11, 12, 13, 14, 15], 2, 3);
        Tensor c = Ops.Concat([a, b], 1);
        Assert.Equal([2, 5], c.Shape.ToArray());
        Assert.Equal([0f, 1, 10, 11, 12, 2, 3, 13, 14, 15], c.Data);
        Assert.Equal([0f, 1, 2, 3, 0, 1, 2, 3], Ops.Concat([a, a], 0).Data);

        Tensor[] pieces = Ops.Split(c, [2, 3], 1);
        Assert.Equal(a.Data, pieces[0].Data);
        Assert.Equal(b.Data, pieces[1].Data);
        Assert.Equal([11f, 12, 14, 15], Ops.Slice(c, 1, 3, 2).Data);
        Assert.Equal([2f, 3, 13, 14, 15], Ops.Slice(c, 0, 1, 1).Data);
    }

    [Fact]
    public void TensorMethods_ForwardToOps()
    {
        Tensor x = Arange(2, 3, 4);
        Assert.Equal(Ops.Sum(x, 1).Data, x.Sum(1).Data);
        Assert.Equal(Ops.Mean(x, [0, 2], keepDims: true).Data, x.Mean([0, 2], keepDims: true).Data);
        Assert.Equal(Ops.Max(x, -1).Data, x.Max(-1).Data);
        Assert.Equal([4, 6], x.Reshape(4, -1).Shape.ToArray());
        Assert.Equal([2, 12], x.Flatten(1).Shape.ToArray());
        Assert.Equal(Ops.Transpose(x, 1, 2).Data, x.Transpose(1, 2).Data);
        Assert.Equal([4, 2, 3], x.Permute(2, 0, 1).Shape.ToArray());
        Assert.Equal([2, 3, 1, 4], x.Unsqueeze(2).Squeeze(2).Unsqueeze(2).Shape.ToArray());
        Assert.Equal(Ops.Slice(x, 2, 1, 2).Data, x.Slice(2, 1, 2).Data);
        Assert.Equal(276f, x.Sum().Item());
        Assert.Equal(11.5f, x.Mean().Item());
    }

    [Fact]
    public void Reshape_Mismatch_ThrowsNamingBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Ops.Reshape(Tensor.Zeros(2, 3), 4, -1));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4, -1)", e.Message);
        Assert.Throws<ArgumentException>(() => Ops.Reshape(Tensor.Zeros(2, 3), -1, -1));
        Assert.Throws<ArgumentException>(() => Ops.Reshape(Tensor.Zeros(2, 3), 7));
        Assert.Throws<ArgumentException>(() => Ops.Reshape(Tensor.Zeros(2, 3), -2, -3));
    }

    [Fact]
    public void Permute_NotAPermutation_ThrowsNamingAxesAndShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Ops.Permute(Tensor.Zeros(2, 3, 4), 0, 0, 1));
        Assert.Contains("[0, 0, 1]", e.Message);
        Assert.Contains("(2, 3, 4)", e.Message);
        Assert.Throws<ArgumentException>(() => Ops.Permute(Tensor.Zeros(2, 3, 4), 0, 1));
    }

    [Fact]
    public void Transpose_BadAxis_ThrowsNamingAxisAndShape()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Transpose(Tensor.Zeros(2, 3), 0, 3));
        Assert.Contains("Axis 3", e.Message);
        Assert.Contains("(2, 3)", e.Message);
    }

    [Fact]
    public void Concat_ShapeMismatch_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Ops.Concat([Tensor.Zeros(2, 3), Tensor.Zeros(3, 3)], 1));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(3, 3)", e.Message);
        Assert.Throws<ArgumentException>(() => Ops.Concat([], 0));
    }

    [Fact]
    public void SplitSlice_OutOfRange_ThrowNamingValues()
    {
        var split = Assert.Throws<ArgumentException>(() => Ops.Split(Tensor.Zeros(2, 5), [2, 2], 1));
        Assert.Contains("[2, 2]", split.Message);
        Assert.Contains("5", split.Message);
        var slice = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Slice(Tensor.Zeros(2, 5), 1, 4, 2));
        Assert.Contains("[4, 6)", slice.Message);
        Assert.Contains("(2, 5)", slice.Message);
    }

    [Fact]
    public void Squeeze_NotSizeOne_ThrowsNamingShape()
    {
        var e = Assert.Throws<ArgumentException>(() => Ops.Squeeze(Tensor.Zeros(2, 3), 1));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Unsqueeze(Tensor.Zeros(2, 3), 3));
    }
}
