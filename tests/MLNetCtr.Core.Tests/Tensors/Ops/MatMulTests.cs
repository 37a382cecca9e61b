using MLNetCtr.Tensors;
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
}
