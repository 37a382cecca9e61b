using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class ArithmeticTests
{
    public static TheoryData<int[], int[]> BroadcastShapes => new()
    {
        { [3, 4], [3, 4] },
        { [3, 4], [4] },
        { [3, 4], [3, 1] },
        { [2, 1, 4], [3, 1] },
        { [1], [2, 3] },
        { [2, 3, 4], [1, 3, 1] },
    };

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Add(int[] a, int[] b) => GradCheck.Binary(MLNetCtr.Tensors.Ops.Add, a, b);

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Sub(int[] a, int[] b) => GradCheck.Binary(MLNetCtr.Tensors.Ops.Sub, a, b);

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Mul(int[] a, int[] b) => GradCheck.Binary(MLNetCtr.Tensors.Ops.Mul, a, b);

    [Theory]
    [MemberData(nameof(BroadcastShapes))]
    public void Div(int[] a, int[] b) => GradCheck.Binary(MLNetCtr.Tensors.Ops.Div, a, b, low: 0.5f, high: 2f);

    [Fact]
    public void ScalarOperators() => GradCheck.Unary(x => (2f * x + 1f) / 4f - 3f, [3, 5]);

    [Fact]
    public void Add_Broadcast_MatchesHandComputed()
    {
        Tensor y = Tensor.From([1, 2, 3, 4, 5, 6], 2, 3) + Tensor.From([10, 20, 30], 3);
        Assert.Equal([11f, 22, 33, 14, 25, 36], y.Data);
        Tensor z = Tensor.From([1, 2, 3, 4, 5, 6], 2, 3) * Tensor.From([10, 100], 2, 1);
        Assert.Equal([10f, 20, 30, 400, 500, 600], z.Data);
    }

    [Fact]
    public void Add_IncompatibleShapes_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4,)", e.Message);
    }

    [Fact]
    public void Sigmoid() => GradCheck.Unary(MLNetCtr.Tensors.Ops.Sigmoid, [3, 4]);

    [Fact]
    public void Sigmoid_LargeInputs_StayFinite() =>
        Assert.All(MLNetCtr.Tensors.Ops.Sigmoid(Tensor.From([-1e4f, 1e4f])).Data, v => Assert.True(float.IsFinite(v)));
}
