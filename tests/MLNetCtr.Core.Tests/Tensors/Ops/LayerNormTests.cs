using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class LayerNormTests
{
    [Theory]
    [InlineData(new[] { 4, 5 })]
    [InlineData(new[] { 2, 3, 6 })]
    [InlineData(new[] { 1, 2 })]
    public void LayerNorm_Affine_GradCheck(int[] shape)
    {
        int d = shape[^1];
        Tensor x = GradCheck.Input(shape, seed: 1, name: "x");
        Tensor gamma = GradCheck.Input([d], seed: 2, low: 0.5f, high: 1.5f, name: "gamma");
        Tensor beta = GradCheck.Input([d], seed: 3, name: "beta");
        GradCheck.Check(t => TensorOps.LayerNorm(t[0], t[1], t[2]), [x, gamma, beta]);
    }

    [Fact]
    public void LayerNorm_NoAffine_GradCheck() => GradCheck.Unary(x => TensorOps.LayerNorm(x, null, null), shape: [3, 5]);

    [Fact]
    public void LayerNorm_ScaleOnly_GradCheck()
    {
        Tensor x = GradCheck.Input([3, 5], seed: 4, name: "x");
        Tensor gamma = GradCheck.Input([5], seed: 5, name: "gamma");
        GradCheck.Check(t => TensorOps.LayerNorm(t[0], t[1], null, epsilon: 1e-3f), [x, gamma]);
    }

    [Fact]
    public void LayerNorm_FrozenAffine_GivesGradientToInputOnly()
    {
        Tensor x = GradCheck.Input([2, 5], seed: 6, name: "x");
        Tensor gamma = Tensor.From([1f, 2f, 0.5f, -1f, 3f]), beta = Tensor.From([0f, 1f, 0f, 1f, 0f]);
        GradCheck.Check(t => TensorOps.LayerNorm(t[0], gamma, beta), [x]);
        Assert.Null(gamma.Grad);
    }

    [Fact]
    public void LayerNorm_NoAffine_RowsHaveZeroMeanAndUnitVariance()
    {
        Tensor y = TensorOps.LayerNorm(GradCheck.Input([3, 8], seed: 7, low: 5f, high: 15f), null, null, epsilon: 0f);
        for (int r = 0; r < 3; r++)
        {
            float[] row = y.Data[(r * 8)..(r * 8 + 8)];
            Assert.Equal(0f, row.Average(), 5);
            Assert.Equal(1f, row.Average(v => v * v), 5);
        }
    }

    [Fact]
    public void LayerNorm_ManyRows_GammaGradientMatchesSmallBatches()
    {
        // 600 rows · 64 = 38,400 elements: large enough for the parallel row path on a multi-core machine.
        Tensor x = GradCheck.Input([600, 64], seed: 8), gamma = GradCheck.Input([64], seed: 9), beta = GradCheck.Input([64], seed: 10);
        TensorOps.LayerNorm(x, gamma, beta).BackwardFrom(Enumerable.Repeat(1f, x.Size).ToArray());
        var expectedGamma = new double[64];
        for (int r = 0; r < 600; r++)
        {
            Tensor row = Tensor.From(x.Data[(r * 64)..(r * 64 + 64)], 1, 64);
            float[] y = TensorOps.LayerNorm(row, null, null).Data;   // x̂ of the row
            for (int j = 0; j < 64; j++)
            {
                expectedGamma[j] += y[j];
            }
        }
        Fixtures.AssertClose([.. expectedGamma.Select(v => (float)v)], gamma.Grad, "dγ = Σ x̂", 1e-4);
        Assert.All(beta.Grad!, g => Assert.Equal(600f, g));
        Assert.All(x.Grad!, g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void LayerNorm_GammaOfWrongLength_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorOps.LayerNorm(Tensor.Zeros(2, 5), Tensor.Zeros(4), null));
        Assert.Contains("gamma has shape (4,)", e.Message);
        Assert.Contains("expected (5,)", e.Message);
    }
}
