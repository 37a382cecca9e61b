using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class DropoutTests
{
    [Fact]
    public void Forward_Training_ZeroesAboutPAndScalesTheRest()
    {
        var dropout = new Dropout(0.25f, new Random(0));
        Tensor y = dropout.Forward(Tensor.Full(1f, 4000));

        Assert.All(y.Data, v => Assert.True(v == 0f || Math.Abs(v - 1f / 0.75f) < 1e-6, $"value {v}"));
        Assert.InRange(y.Data.Count(v => v == 0f) / 4000.0, 0.22, 0.28);
    }

    [Fact]
    public void Forward_Eval_ReturnsInputItself()
    {
        var dropout = new Dropout(0.5f, new Random(0));
        dropout.Eval();
        Tensor x = Tensor.Full(2f, 10);
        Assert.Same(x, dropout.Forward(x));
    }

    [Fact]
    public void Forward_SameSeed_SameMasks() =>
        Assert.Equal(new Dropout(0.5f, new Random(7)).Forward(Tensor.Full(1f, 64)).Data, new Dropout(0.5f, new Random(7)).Forward(Tensor.Full(1f, 64)).Data);

    [Theory]
    [InlineData(1f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void Constructor_ProbabilityOutOfRange_Throws(float p) =>
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(p, new Random(0))).ParamName);
}
