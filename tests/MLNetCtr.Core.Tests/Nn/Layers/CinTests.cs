using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class CinTests
{
    [Fact]
    public void Forward_GradCheck()
    {
        var cin = new Cin(3, [2, 3], new Random(1));
        GradCheck.Check(t => cin.Forward(t[0]), [GradCheck.Input([2, 3, 4], seed: 2, name: "x0"), .. cin.Parameters()]);
    }

    [Fact]
    public void FeatureMaps_GradCheck()
    {
        var cin = new Cin(2, [3], new Random(3));
        GradCheck.Check(t => cin.FeatureMaps(t[0]), [GradCheck.Input([2, 2, 3], seed: 4, name: "x0"), .. cin.Parameters()]);
    }

    [Fact]
    public void FirstLayer_IsTheWeightedSumOfFieldProducts()
    {
        const int m = 3, d = 2;
        var cin = new Cin(m, [2], new Random(5));
        Tensor x0 = GradCheck.Input([1, m, d], seed: 6);
        float[] w = cin.Parameters()[0].Data;   // (2, m·m)

        float[] maps = cin.FeatureMaps(x0).Data;   // (1, 2, D)

        for (int h = 0; h < 2; h++)
        {
            for (int k = 0; k < d; k++)
            {
                double expected = 0;
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < m; j++)
                    {
                        expected += w[h * m * m + i * m + j] * x0.Data[i * d + k] * x0.Data[j * d + k];
                    }
                }
                Assert.Equal(expected, maps[h * d + k], 5);
            }
        }
    }

    [Fact]
    public void Forward_IsTheFeatureMapsSummedOverD()
    {
        var cin = new Cin(3, [4, 2], new Random(7));
        Tensor x0 = GradCheck.Input([2, 3, 5], seed: 8);

        Tensor pooled = cin.Forward(x0), maps = cin.FeatureMaps(x0);

        Assert.Equal(6, cin.OutFeatures);
        Assert.Equal([2, 6, 5], maps.Shape.ToArray());
        Fixtures.AssertClose(maps.Sum(2).Data, pooled.Data, "pooled");
    }

    [Fact]
    public void Forward_WrongFieldCount_ThrowsNamingTheShape() =>
        Assert.Contains("(2, 4, 5)", Assert.Throws<ArgumentException>(() => new Cin(3, [2], new Random(0)).Forward(Tensor.Zeros(2, 4, 5))).Message);
}
