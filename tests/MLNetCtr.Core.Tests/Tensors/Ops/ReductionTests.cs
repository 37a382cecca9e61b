using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

using Ops = MLNetCtr.Tensors.Ops;

public sealed class ReductionTests
{
    public static TheoryData<int[], int[], bool> AxisCases => new()
    {
        { [3, 4], [0], false },
        { [3, 4], [1], true },
        { [3, 4], [-1], false },
        { [2, 3, 4], [1], false },
        { [2, 3, 4], [0, 2], true },
        { [2, 3, 4], [2, 0], false },
        { [2, 3, 4], [0, 1, 2], false },
        { [2, 1, 4], [1], false },
    };

    [Theory]
    [MemberData(nameof(AxisCases))]
    public void Sum(int[] shape, int[] axes, bool keepDims) => GradCheck.Unary(x => Ops.Sum(x, axes, keepDims), shape);

    [Theory]
    [MemberData(nameof(AxisCases))]
    public void Mean(int[] shape, int[] axes, bool keepDims) => GradCheck.Unary(x => Ops.Mean(x, axes, keepDims), shape);

    [Fact]
    public void SumAll() => GradCheck.Unary(Ops.Sum, [2, 3, 4]);

    [Fact]
    public void MeanAll() => GradCheck.Unary(Ops.Mean, [2, 3, 4]);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void Max(int axis, bool keepDims) => GradCheck.Unary(x => Ops.Max(x, axis, keepDims), [2, 3, 4], seed: 3);

    [Fact]
    public void Sum_HandComputed()
    {
        Tensor x = Tensor.From([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([5f, 7, 9], Ops.Sum(x, 0).Data);
        Assert.Equal([6f, 15], Ops.Sum(x, 1).Data);
        Assert.Equal([2, 1], Ops.Sum(x, 1, keepDims: true).Shape.ToArray());
        Assert.Equal([3], Ops.Sum(x, 0).Shape.ToArray());
        Tensor all = Ops.Sum(x);
        Assert.Equal([1], all.Shape.ToArray());
        Assert.Equal(21f, all.Item());
        Assert.Equal([1], Ops.Sum(x, [0, 1]).Shape.ToArray());
        Assert.Equal([1, 1], Ops.Sum(x, [0, 1], keepDims: true).Shape.ToArray());
    }

    [Fact]
    public void Mean_HandComputed()
    {
        Tensor x = Tensor.From([1, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2);
        Assert.Equal([2.5f, 6.5f], Ops.Mean(x, [1, 2]).Data);
        Assert.Equal([4f, 5f], Ops.Mean(x, [0, 1]).Data);
        Assert.Equal(4.5f, Ops.Mean(x).Item());
    }

    [Fact]
    public void Mean_Backward_SpreadsGradientEvenly()
    {
        Tensor x = Tensor.Parameter([1, 2, 3, 4, 5, 6], [2, 3]);
        Ops.Sum(Ops.Mean(x, 1)).Backward();
        Assert.All(x.Grad!, g => Assert.Equal(1f / 3, g, 6));
    }

    [Fact]
    public void Max_Ties_GradientGoesToFirst()
    {
        Tensor x = Tensor.Parameter([1, 5, 5, 2, 7, 0], [2, 3]);
        Tensor y = Ops.Max(x, 1);
        Assert.Equal([5f, 7], y.Data);
        Ops.Sum(y).Backward();
        Assert.Equal([0f, 1, 0, 0, 1, 0], x.Grad!);
    }

    [Fact]
    public void Sum_BadAxis_ThrowsNamingAxisAndShape()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Sum(Tensor.Zeros(2, 3), 2));
        Assert.Contains("Axis 2", e.Message);
        Assert.Contains("(2, 3)", e.Message);
    }

    [Fact]
    public void Sum_RepeatedAxis_ThrowsNamingAxes()
    {
        var e = Assert.Throws<ArgumentException>(() => Ops.Sum(Tensor.Zeros(2, 3), [1, -1]));
        Assert.Contains("[1, -1]", e.Message);
        Assert.Contains("(2, 3)", e.Message);
    }
}
