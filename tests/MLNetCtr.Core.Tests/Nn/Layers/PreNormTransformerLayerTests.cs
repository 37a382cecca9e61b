using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class PreNormTransformerLayerTests
{
    [Fact]
    public void Forward_WidthChange_GradCheckInputAndParameters()
    {
        var layer = new PreNormTransformerLayer(4, 6, 2, 5, new Random(3));
        bool[] padding = [false, false, true, false, false, false];   // (B = 2, L = 3)
        Tensor x = GradCheck.Input([2, 3, 4], seed: 1);
        GradCheck.Check(t => layer.Forward(t[0], padding), [x]);
        layer.ZeroGrad();
        GradCheck.Check(_ => layer.Forward(x.Detach(), padding), [.. layer.Parameters()]);
    }

    [Fact]
    public void Forward_SameWidth_HasNoResidualProjectionAndGradChecks()
    {
        var layer = new PreNormTransformerLayer(4, 4, 2, 3, new Random(4));
        Assert.Null(layer.Residual);
        GradCheck.Check(t => layer.Forward(t[0]), [GradCheck.Input([2, 3, 4], seed: 2)]);
    }

    [Fact]
    public void Forward_PaddedKey_DoesNotChangeValidPositions()
    {
        var layer = new PreNormTransformerLayer(4, 4, 2, 3, new Random(5));
        Tensor x = GradCheck.Input([1, 3, 4], seed: 3);
        Tensor full = layer.Forward(x, [false, false, true]);
        Tensor cut = layer.Forward(x.Slice(1, 0, 2));
        Assert.Equal(cut.Data, full.Data.AsSpan(0, 8).ToArray());
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsWithShape()
    {
        var error = Assert.Throws<ArgumentException>(() => new PreNormTransformerLayer(4, 4, 2, 3, new Random(1)).Forward(Tensor.Zeros(1, 2, 5)));
        Assert.Contains("(1, 2, 5)", error.Message);
    }
}
