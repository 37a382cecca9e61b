using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class OuterTests
{
    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 3, 2 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 3, 5 })]
    [InlineData(new[] { 1, 1 }, new[] { 1, 3 })]
    public void Outer(int[] a, int[] b) => GradCheck.Binary(MLNetCtr.Tensors.Ops.Outer, a, b);

    [Fact]
    public void Outer_EqualsTheBroadcastProduct()
    {
        Tensor x = GradCheck.Input([5, 3], seed: 1), y = GradCheck.Input([5, 4], seed: 2);

        Tensor fused = MLNetCtr.Tensors.Ops.Outer(x, y);
        Tensor composed = (x.Unsqueeze(2) * y.Unsqueeze(1)).Reshape(5, 12);

        Assert.Equal(composed.Data, fused.Data);
    }

    [Fact]
    public void Outer_OnlyOneInputRequiresGrad_GradientsFlowToIt()
    {
        Tensor x = GradCheck.Input([2, 3], seed: 3), y = Tensor.From([1f, 2f, 3f, 4f], 2, 2);

        MLNetCtr.Tensors.Ops.Outer(x, y).Sum().Backward();

        Assert.Equal([3f, 3f, 3f, 7f, 7f, 7f], x.Grad!);   // dx[r, i] = Σ_j y[r, j]
    }

    [Fact]
    public void Outer_DifferentLeadingDimensions_ThrowsNamingBothShapes()
    {
        string message = Assert.Throws<ArgumentException>(() => MLNetCtr.Tensors.Ops.Outer(Tensor.Zeros(2, 3), Tensor.Zeros(3, 3))).Message;
        Assert.Contains("(2, 3)", message);
        Assert.Contains("(3, 3)", message);
    }
}
