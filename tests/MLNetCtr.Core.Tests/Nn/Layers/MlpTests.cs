using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class MlpTests
{
    [Fact]
    public void Constructor_NamesInOrder()
    {
        var mlp = new Mlp(4, [8, 6], new Random(0), batchNorm: true, dropout: 0.1f, outputSize: 1);

        Assert.Equal(
            ["hidden.0.linear.weight", "hidden.0.linear.bias", "hidden.0.batchNorm.weight", "hidden.0.batchNorm.bias",
             "hidden.1.linear.weight", "hidden.1.linear.bias", "hidden.1.batchNorm.weight", "hidden.1.batchNorm.bias",
             "output.weight", "output.bias"],
            mlp.NamedParameters().Select(p => p.Name));
        Assert.Equal(4, mlp.NamedBuffers().Count);
        Assert.Equal((4, 1), (mlp.InFeatures, mlp.OutFeatures));
    }

    [Fact]
    public void Forward_WithoutOutputLayer_EndsWithLastHiddenActivation()
    {
        var mlp = new Mlp(3, [5], new Random(0));
        Tensor y = mlp.Forward(Tensor.From([.. Enumerable.Range(0, 12).Select(i => i - 6f)], 4, 3));

        Assert.Equal([4, 5], y.Shape.ToArray());
        Assert.Equal(5, mlp.OutFeatures);
        Assert.All(y.Data, v => Assert.True(v >= 0f));   // ReLU last
    }

    [Theory]
    [InlineData(Activation.Tanh, false)]
    [InlineData(Activation.Gelu, true)]
    public void Forward_GradCheck(Activation activation, bool batchNorm)
    {
        var mlp = new Mlp(3, [5, 4], new Random(1), activation, batchNorm: batchNorm, outputSize: 2);
        GradCheck.Check(t => mlp.Forward(t[0]), [GradCheck.Input([6, 3], seed: 2, name: "x"), .. mlp.Parameters()]);
    }

    [Fact]
    public void Forward_Dropout_ActiveInTrainingOnly()
    {
        var mlp = new Mlp(4, [64], new Random(3), dropout: 0.5f, outputSize: 1);
        Tensor x = Tensor.Full(1f, 2, 4);
        Assert.NotEqual(mlp.Forward(x).Data, mlp.Forward(x).Data);   // two masks

        mlp.Eval();
        Assert.Equal(mlp.Forward(x).Data, mlp.Forward(x).Data);
    }

    [Fact]
    public void Constructor_NoLayers_Throws() =>
        Assert.Throws<ArgumentException>(() => new Mlp(4, [], new Random(0)));

    [Fact]
    public void Constructor_UnknownActivation_ThrowsNamingIt() =>
        Assert.Contains("9", Assert.Throws<ArgumentOutOfRangeException>(() => new Mlp(4, [2], new Random(0), (Activation)9)).Message);
}
