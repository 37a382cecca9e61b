using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class LayerNormTests
{
    [Fact]
    public void Constructor_OnesAndZerosNamedLikeTorch()
    {
        var norm = new LayerNorm(4);
        Assert.Equal(["weight", "bias"], norm.NamedParameters().Select(p => p.Name));
        Assert.All(norm.Weight!.Data, v => Assert.Equal(1f, v));
        Assert.All(norm.Bias!.Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Forward_WithoutAffine_RowsHaveZeroMeanUnitVariance()
    {
        var norm = new LayerNorm(4, elementwiseAffine: false);
        Assert.Empty(norm.Parameters());

        Tensor y = norm.Forward(Tensor.From([1, 2, 3, 4, 10, 10, 20, 20], 2, 4));

        for (int row = 0; row < 2; row++)
        {
            float[] r = y.Data[(4 * row)..(4 * row + 4)];
            Assert.InRange(r.Average(), -1e-6, 1e-6);
            Assert.InRange(r.Average(v => v * v), 0.999, 1.0);
        }
    }

    [Fact]
    public void Forward_GradCheck()
    {
        var norm = new LayerNorm(5);
        Init.Normal(norm.Weight!, 0.5f, new Random(3), mean: 1f);
        Init.Normal(norm.Bias!, 0.5f, new Random(4));
        GradCheck.Check(t => norm.Forward(t[0]), [GradCheck.Input([2, 3, 5], seed: 5, name: "x"), norm.Weight!, norm.Bias!]);
    }

    [Fact]
    public void Forward_WrongWidth_ThrowsNamingShapes() =>
        Assert.Contains("(2, 3)", Assert.Throws<ArgumentException>(() => new LayerNorm(4).Forward(Tensor.Zeros(2, 3))).Message);
}
