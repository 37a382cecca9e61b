using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class MseTests
{
    [Fact]
    public void Mse_GradCheck() => GradCheck.Binary(TensorOps.Mse, [3, 5], [3, 5]);

    [Fact]
    public void Mse_HandComputed()
    {
        Tensor loss = TensorOps.Mse(Tensor.From([1f, 2f, 3f, 4f], 2, 2), Tensor.From([1f, 0f, 3f, 7f], 2, 2));
        Assert.Equal((4f + 9f) / 4, loss.Item(), 6);
    }

    [Fact]
    public void Mse_ShapeMismatch_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorOps.Mse(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(3, 2)", e.Message);
    }

    [Fact]
    public void Mse_Empty_Throws() => Assert.Throws<ArgumentException>(() => TensorOps.Mse(Tensor.Zeros(0), Tensor.Zeros(0)));
}
