using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class CrossNetV2Tests
{
    [Theory]
    [InlineData(CrossRank.Full)]
    [InlineData(CrossRank.Low)]
    public void Forward_GradCheck(CrossRank rank)
    {
        var cross = new CrossNetV2(5, layerCount: 2, new Random(1), rank, lowRank: 2);
        GradCheck.Check(t => cross.Forward(t[0]), [GradCheck.Input([3, 5], seed: 2, name: "x0"), .. cross.Parameters()]);
    }

    [Fact]
    public void Forward_OneLayer_IsX0TimesAffinePlusX0()
    {
        var cross = new CrossNetV2(3, layerCount: 1, new Random(4));
        Tensor x0 = Tensor.From([1f, -2f, 0.5f, 3f, 0f, -1f], 2, 3);
        Tensor w = cross.NamedParameters().Single(p => p.Name == "layers.0.up.weight").Parameter;
        Tensor b = cross.NamedParameters().Single(p => p.Name == "layers.0.up.bias").Parameter;

        float[] y = cross.Forward(x0).Data;

        for (int row = 0; row < 2; row++)
        {
            for (int i = 0; i < 3; i++)
            {
                float affine = b.Data[i] + Enumerable.Range(0, 3).Sum(j => w.Data[i * 3 + j] * x0.Data[row * 3 + j]);
                float x = x0.Data[row * 3 + i];
                Assert.Equal(x * affine + x, y[row * 3 + i], 5);
            }
        }
    }

    [Fact]
    public void Constructor_LowRank_NamesAndShapes()
    {
        var cross = new CrossNetV2(6, layerCount: 2, new Random(0), CrossRank.Low, lowRank: 3);

        Assert.Equal(
            ["layers.0.down.weight", "layers.0.up.weight", "layers.0.up.bias", "layers.1.down.weight", "layers.1.up.weight", "layers.1.up.bias"],
            cross.NamedParameters().Select(p => p.Name));
        Assert.Equal([3, 6], cross.NamedParameters()[0].Parameter.Shape.ToArray());
        Assert.Equal([6, 3], cross.NamedParameters()[1].Parameter.Shape.ToArray());
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsNamingBothShapes()
    {
        var cross = new CrossNetV2(4, layerCount: 1, new Random(0));
        string message = Assert.Throws<ArgumentException>(() => cross.Forward(Tensor.Zeros(2, 5))).Message;
        Assert.Contains("(B, 4)", message);
        Assert.Contains("(2, 5)", message);
    }
}
