using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class BatchNorm1dTests
{
    [Theory]
    [InlineData(new[] { 6, 3 })]
    [InlineData(new[] { 3, 3, 4 })]
    public void Forward_Training_GradCheck(int[] shape)
    {
        BatchNorm1d norm = Randomized(3);
        GradCheck.Check(t => norm.Forward(t[0]), [GradCheck.Input(shape, seed: 3, name: "x"), norm.Weight, norm.Bias]);
    }

    [Fact]
    public void Forward_Eval_GradCheck()
    {
        BatchNorm1d norm = Randomized(3);
        norm.Forward(GradCheck.Input([5, 3], seed: 4));   // moves the running statistics off their defaults
        norm.Eval();
        GradCheck.Check(t => norm.Forward(t[0]), [GradCheck.Input([4, 3, 2], seed: 5, name: "x"), norm.Weight, norm.Bias]);
    }

    [Fact]
    public void Forward_Training_NormalizesEachFeatureAndUpdatesRunningStatisticsUnbiased()
    {
        var norm = new BatchNorm1d(2, momentum: 0.5f);
        // Feature 0: 1, 3, 5, 7 (mean 4, biased var 5, unbiased 20/3); feature 1: 10, 10, 10, 14 (mean 11, var 3, unbiased 4).
        Tensor y = norm.Forward(Tensor.From([1, 10, 3, 10, 5, 10, 7, 14], 4, 2));

        for (int f = 0; f < 2; f++)
        {
            float[] column = [y.Data[f], y.Data[2 + f], y.Data[4 + f], y.Data[6 + f]];
            Assert.InRange(column.Average(), -1e-6, 1e-6);
            Assert.InRange(column.Average(v => v * v), 0.999, 1.0);
        }
        Assert.Equal([2f, 5.5f], norm.RunningMean.Data);                                       // 0.5·0 + 0.5·mean
        Assert.Equal(0.5 + 0.5 * 20 / 3.0, norm.RunningVariance.Data[0], 5);                     // 0.5·1 + 0.5·unbiased var
        Assert.Equal(2.5, norm.RunningVariance.Data[1], 5);
    }

    [Fact]
    public void Forward_Eval_UsesRunningStatisticsAndLeavesThemAlone()
    {
        var norm = new BatchNorm1d(2);
        new float[] { 1f, -2f }.CopyTo(norm.RunningMean.Data, 0);
        new float[] { 4f, 0.25f }.CopyTo(norm.RunningVariance.Data, 0);
        norm.Eval();

        Tensor y = norm.Forward(Tensor.From([3, -2, 1, -1.5f], 2, 2));

        Assert.Equal([1f, 0f, 0f, 1f], y.Data.Select(v => MathF.Round(v, 4)));
        Assert.Equal([1f, -2f], norm.RunningMean.Data);
    }

    [Fact]
    public void NamedBuffers_TorchNames_NotTrainable()
    {
        var norm = new BatchNorm1d(4);
        Assert.Equal(["weight", "bias"], norm.NamedParameters().Select(p => p.Name));
        Assert.Equal(["running_mean", "running_var"], norm.NamedBuffers().Select(b => b.Name));
        Assert.All(norm.NamedBuffers(), b => Assert.False(b.Buffer.RequiresGrad));
    }

    [Fact]
    public void Forward_Training_SingleValuePerFeature_ThrowsNamingShape() =>
        Assert.Contains("(1, 4)", Assert.Throws<ArgumentException>(() => new BatchNorm1d(4).Forward(Tensor.Zeros(1, 4))).Message);

    [Fact]
    public void Forward_WrongFeatureCount_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new BatchNorm1d(4).Forward(Tensor.Zeros(2, 5)));
        Assert.Contains("(2, 5)", e.Message);
        Assert.Contains("BatchNorm1d(4)", e.Message);
    }

    private static BatchNorm1d Randomized(int features)
    {
        var norm = new BatchNorm1d(features);
        Init.Normal(norm.Weight, 0.5f, new Random(1), mean: 1f);
        Init.Normal(norm.Bias, 0.5f, new Random(2));
        return norm;
    }
}
