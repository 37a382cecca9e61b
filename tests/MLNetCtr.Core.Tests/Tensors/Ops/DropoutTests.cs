using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

using Ops = MLNetCtr.Tensors.Ops;

public sealed class DropoutTests
{
    [Fact]
    public void Dropout() => GradCheck.Unary(x => Ops.Dropout(x, 0.4f, training: true, new Random(5)), [4, 5]);

    [Fact]
    public void Dropout_Training_ZeroesOrScalesEachElement()
    {
        Tensor x = Tensor.Full(2f, 10_000);
        float[] y = Ops.Dropout(x, 0.3f, training: true, new Random(1)).Data;
        Assert.All(y, v => Assert.True(v == 0f || v == 2f / 0.7f, $"unexpected {v}"));
        Assert.InRange(y.Count(v => v == 0f) / 10_000.0, 0.27, 0.33);
    }

    [Fact]
    public void Dropout_SameSeed_SameMask()
    {
        Tensor x = GradCheck.Input([50], seed: 2);
        Assert.Equal(Ops.Dropout(x, 0.5f, true, new Random(9)).Data, Ops.Dropout(x, 0.5f, true, new Random(9)).Data);
        Assert.NotEqual(Ops.Dropout(x, 0.5f, true, new Random(9)).Data, Ops.Dropout(x, 0.5f, true, new Random(10)).Data);
    }

    [Fact]
    public void Dropout_EvalOrZeroProbability_IsIdentity()
    {
        Tensor x = GradCheck.Input([3, 4], seed: 2);
        Assert.Same(x, Ops.Dropout(x, 0.5f, training: false, new Random(1)));
        Assert.Same(x, Ops.Dropout(x, 0f, training: true, new Random(1)));
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void Dropout_BadProbability_ThrowsNamingValue(float p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Dropout(Tensor.Zeros(2), p, true, new Random(1)));
        Assert.Equal("p", e.ParamName);
        Assert.Equal(p, e.ActualValue);
    }
}
