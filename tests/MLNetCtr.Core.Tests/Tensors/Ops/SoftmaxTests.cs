using MLNetCtr.Tensors;
using MLNetCtr.Tensors.Kernels;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class SoftmaxTests
{
    [Theory]
    [InlineData(new[] { 3, 5 })]
    [InlineData(new[] { 2, 3, 7 })]
    [InlineData(new[] { 1 })]
    public void Softmax_GradCheck(int[] shape) => GradCheck.Unary(TensorOps.Softmax, shape);

    [Theory]
    [InlineData(new[] { 3, 5 })]
    [InlineData(new[] { 2, 3, 7 })]
    [InlineData(new[] { 1 })]
    public void LogSoftmax_GradCheck(int[] shape) => GradCheck.Unary(TensorOps.LogSoftmax, shape);

    [Fact]
    public void Softmax_RandomRows_MatchDoubleReference()
    {
        Tensor x = GradCheck.Input([4, 9], seed: 3, low: -20f, high: 20f);
        float[] y = TensorOps.Softmax(x).Data, logY = TensorOps.LogSoftmax(x).Data;
        for (int r = 0; r < 4; r++)
        {
            double[] row = [.. x.Data.Skip(r * 9).Take(9).Select(v => (double)v)];
            double logSumExp = Math.Log(row.Sum(Math.Exp));
            for (int j = 0; j < 9; j++)
            {
                Fixtures.AssertClose(Math.Exp(row[j] - logSumExp), y[r * 9 + j], $"softmax[{r}, {j}]", 1e-6);
                Fixtures.AssertClose(row[j] - logSumExp, logY[r * 9 + j], $"log-softmax[{r}, {j}]", 1e-6);
            }
        }
    }

    [Fact]
    public void Softmax_HugeInputs_StayFiniteAndSumToOne()
    {
        Tensor y = TensorOps.Softmax(Tensor.From([1e4f, -1e4f, 3e4f, 0f, 88f, 89f], 2, 3));
        Assert.All(y.Data, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f, y.Data[0] + y.Data[1] + y.Data[2], 6);
        Assert.Equal(1f, y.Data[3] + y.Data[4] + y.Data[5], 6);
    }

    [Fact]
    public void LogSoftmax_HugeInputs_StayFinite() =>
        Assert.All(TensorOps.LogSoftmax(Tensor.From([1e4f, -1e4f, 3e4f], 1, 3)).Data, v => Assert.True(float.IsFinite(v)));

    [Fact]
    public void Softmax_NegativeInfinity_GetsZeroProbability()
    {
        Tensor y = TensorOps.Softmax(Tensor.From([float.NegativeInfinity, 0f, 0f], 1, 3));
        Assert.Equal([0f, 0.5f, 0.5f], y.Data);
    }

    [Fact]
    public void Softmax_ManyRows_EqualsRowKernelBitForBit()
    {
        // Large enough for ParallelRows to split the rows into blocks when the machine has several cores.
        Tensor x = GradCheck.Input([301, 257], seed: 5, low: -5f, high: 5f);
        float[] y = TensorOps.Softmax(x).Data, logY = TensorOps.LogSoftmax(x).Data, expected = new float[257];
        for (int r = 0; r < 301; r++)
        {
            SoftmaxKernels.Softmax(x.Data.AsSpan(r * 257, 257), expected);
            Assert.True(expected.AsSpan().SequenceEqual(y.AsSpan(r * 257, 257)), $"softmax row {r}");
            SoftmaxKernels.LogSoftmax(x.Data.AsSpan(r * 257, 257), expected);
            Assert.True(expected.AsSpan().SequenceEqual(logY.AsSpan(r * 257, 257)), $"log-softmax row {r}");
        }
    }

    [Fact]
    public void LogSumExp_RowLongerThanStackChunk_MatchesDoubleReference()
    {
        Tensor x = GradCheck.Input([1000], seed: 9, low: -30f, high: 30f);
        double expected = x.Data.Max() + Math.Log(x.Data.Sum(v => Math.Exp(v - (double)x.Data.Max())));
        Fixtures.AssertClose(expected, SoftmaxKernels.LogSumExp(x.Data), "log-sum-exp", 1e-6);
    }
}
