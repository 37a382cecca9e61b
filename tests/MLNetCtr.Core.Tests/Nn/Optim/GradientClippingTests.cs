using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using static MLNetCtr.Tests.Nn.OptimizerFixtures;

namespace MLNetCtr.Tests.Nn.Optim;

public sealed class GradientClippingTests
{
    private static Tensor WithGradient(params float[] gradient)
    {
        Tensor p = Tensor.Parameter(new float[gradient.Length], [gradient.Length]);
        SetGradient(p, gradient);
        return p;
    }

    [Fact]
    public void ClipGlobalNorm_AboveMax_ScalesAllGradientsToMaxNorm()
    {
        Tensor a = WithGradient(3f, 0f), b = WithGradient(0f, 4f, 0f);   // global norm 5

        float norm = GradientClipping.ClipGlobalNorm([a, b], maxNorm: 1f);

        Assert.Equal(5f, norm, 1e-6f);
        float scale = 1f / (5f + 1e-6f);
        Assert.Equal([3f * scale, 0f], a.Grad!);
        Assert.Equal([0f, 4f * scale, 0f], b.Grad!);
    }

    [Fact]
    public void ClipGlobalNorm_BelowMax_LeavesGradients()
    {
        Tensor a = WithGradient(0.3f, 0.4f);

        Assert.Equal(0.5f, GradientClipping.ClipGlobalNorm([a], maxNorm: 1f), 1e-6f);
        Assert.Equal([0.3f, 0.4f], a.Grad!);
    }

    [Fact]
    public void ClipGlobalNorm_SparseTable_CountsAndScalesOnlyTouchedRows()
    {
        Tensor table = Tensor.Parameter(new float[6], [3, 2], "table", sparseGradient: true);
        AddRowGradient(table, 1, [6f, 8f]);
        table.Grad![4] = 100f;   // row 2 is not touched: the optimizer and the clipper never read it

        float norm = GradientClipping.ClipGlobalNorm([table], maxNorm: 5f);

        Assert.Equal(10f, norm, 1e-5f);
        Assert.Equal(3f, table.Grad[2], 1e-5f);
        Assert.Equal(4f, table.Grad[3], 1e-5f);
        Assert.Equal(100f, table.Grad[4]);
    }

    [Fact]
    public void ClipGlobalNorm_NonFiniteGradient_ReturnsItAndScalesNothing()
    {
        Tensor a = WithGradient(float.NaN, 1f), b = WithGradient(2f);
        Assert.True(float.IsNaN(GradientClipping.ClipGlobalNorm([a, b], maxNorm: 1f)));
        Assert.Equal(2f, b.Grad![0]);

        Tensor c = WithGradient(float.PositiveInfinity, 1f);
        Assert.Equal(float.PositiveInfinity, GradientClipping.ClipGlobalNorm([c], maxNorm: 1f));
        Assert.Equal(1f, c.Grad![1]);
    }

    [Fact]
    public void ClipGlobalNorm_ParameterWithoutGradient_IsSkipped()
    {
        Tensor none = Tensor.Parameter([1f], [1]);
        Assert.Equal(2f, GradientClipping.ClipGlobalNorm([none, WithGradient(2f)], maxNorm: 10f), 1e-6f);
        Assert.Null(none.Grad);
    }
}
