using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class TransformerEncoderLayerTests
{
    [Fact]
    public void Constructor_ChildrenNamesExactly()
    {
        var layer = new TransformerEncoderLayer(8, 2, 16, new Random(0));

        Assert.Equal(["attention", "feedForward1", "feedForward2", "norm1", "norm2"], layer.NamedChildren().Select(c => c.Name));
        Assert.Equal("attention.query.weight", layer.NamedParameters()[0].Name);
        Assert.Equal([16, 8], layer.FeedForward1.Weight.Shape.ToArray());
    }

    [Theory]
    [InlineData(NormPosition.Post, Activation.Gelu, false)]
    [InlineData(NormPosition.Pre, Activation.Tanh, false)]
    [InlineData(NormPosition.Post, Activation.Tanh, true)]
    public void Forward_Tiny_GradCheck(NormPosition norm, Activation activation, bool causal)
    {
        var layer = new TransformerEncoderLayer(4, 2, 6, new Random(1), activation: activation, norm: norm);
        var random = new Random(2);
        foreach ((string name, Tensor p) in layer.NamedParameters().Where(p => p.Parameter.Rank == 1))
        {
            Init.Normal(p, 0.2f, random, mean: name.StartsWith("norm", StringComparison.Ordinal) && name.EndsWith("weight", StringComparison.Ordinal) ? 1f : 0f);
        }
        bool[] mask = [false, false, false, false, true, true];   // (B = 2, L = 3)
        GradCheck.Check(t => layer.Forward(t[0], mask, causal), [GradCheck.Input([2, 3, 4], seed: 3, name: "x"), .. layer.Parameters()]);
    }

    [Fact]
    public void Forward_Dropout_ActiveInTrainingOnly()
    {
        var layer = new TransformerEncoderLayer(8, 2, 16, new Random(4), dropout: 0.2f);
        Tensor x = GradCheck.Input([2, 5, 8], seed: 5);
        Assert.NotEqual(layer.Forward(x).Data, layer.Forward(x).Data);

        layer.Eval();
        Assert.Equal(layer.Forward(x).Data, layer.Forward(x).Data);
    }

    [Fact]
    public void TransformerEncoder_StacksLayersWithFinalNorm()
    {
        var encoder = new TransformerEncoder(2, 8, 2, 16, new Random(6), norm: NormPosition.Pre, finalNorm: true);
        Tensor x = GradCheck.Input([2, 5, 8], seed: 7);

        Tensor y = encoder.Forward(x);

        Assert.Equal(2, encoder.Layers.Count);
        Assert.Equal("layers.1.norm2.bias", encoder.NamedParameters()[^3].Name);
        Assert.Equal(["norm.weight", "norm.bias"], encoder.NamedParameters().TakeLast(2).Select(p => p.Name));
        Tensor manual = x;
        foreach (TransformerEncoderLayer layer in encoder.Layers)
        {
            manual = layer.Forward(manual);
        }
        var finalNorm = (LayerNorm)encoder.NamedChildren().Single(c => c.Name == "norm").Module;
        Assert.Equal(finalNorm.Forward(manual).Data, y.Data);
    }

    [Fact]
    public void TransformerEncoder_SameSeed_SameParameters() =>
        Assert.Equal(
            new TransformerEncoder(2, 8, 2, 16, new Random(9)).Parameters().SelectMany(p => p.Data),
            new TransformerEncoder(2, 8, 2, 16, new Random(9)).Parameters().SelectMany(p => p.Data));

    [Fact]
    public void Constructor_DropoutOutOfRange_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TransformerEncoderLayer(8, 2, 16, new Random(0), dropout: 1f));
        Assert.Equal("dropout", e.ParamName);
        Assert.Contains("1", e.Message);
    }
}
