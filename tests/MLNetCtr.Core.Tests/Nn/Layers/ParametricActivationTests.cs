using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class ParametricActivationTests
{
    [Theory]
    [InlineData(ParametricActivationKind.Dice)]
    [InlineData(ParametricActivationKind.PRelu)]
    public void Forward_GradCheck(ParametricActivationKind kind)
    {
        var activation = new ParametricActivation(kind, 3);
        GradCheck.Check(t => activation.Forward(t[0]), [GradCheck.Input([5, 3], seed: 2, avoid: 0f, name: "x"), .. activation.Parameters()]);
    }

    [Fact]
    public void PRelu_ScalesNegativesByAlpha()
    {
        var activation = new ParametricActivation(ParametricActivationKind.PRelu, 2);

        Tensor y = activation.Forward(Tensor.From([-4f, 2f], 1, 2));

        Assert.Equal([-1f, 2f], y.Data);
    }

    [Fact]
    public void Dice_InEvaluation_UsesRunningStatistics()
    {
        var activation = new ParametricActivation(ParametricActivationKind.Dice, 1);
        activation.Eval();

        Tensor y = activation.Forward(Tensor.From([0f, 10f], 2, 1));   // running mean 0, variance 1: p = sigmoid(x)

        float p = 1f / (1f + MathF.Exp(-10f));
        Assert.Equal(0f, y.Data[0]);
        Assert.Equal(10f * (p + (1 - p) * 0.25f), y.Data[1], 4);
    }

    [Fact]
    public void ParametricMlp_GradCheck()
    {
        var mlp = new ParametricMlp(4, [3], 1, ParametricActivationKind.PRelu, new Random(1));
        GradCheck.Check(t => mlp.Forward(t[0]), [GradCheck.Input([3, 4], seed: 3, name: "x"), .. mlp.Parameters()]);
    }
}
