using MLNetCtr.Nn;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class LinearTests
{
    [Fact]
    public void Constructor_ShapesNamesAndTorchDefaultInitBounds()
    {
        var linear = new Linear(16, 5, new Random(0));

        Assert.Equal([5, 16], linear.Weight.Shape.ToArray());
        Assert.Equal([5], linear.Bias!.Shape.ToArray());
        Assert.Equal(["weight", "bias"], linear.NamedParameters().Select(p => p.Name));
        Assert.All(linear.Weight.Data.Concat(linear.Bias.Data), v => Assert.InRange(v, -0.25f, 0.25f));   // U(±1/√16)
        Assert.True(linear.Weight.RequiresGrad && linear.Bias.RequiresGrad);
    }

    [Fact]
    public void Constructor_SameSeed_SameWeights() =>
        Assert.Equal(new Linear(4, 3, new Random(9)).Weight.Data, new Linear(4, 3, new Random(9)).Weight.Data);

    [Fact]
    public void Constructor_NoBias_HasOnlyWeight() => Assert.Single(new Linear(4, 3, new Random(0), bias: false).Parameters());

    [Fact]
    public void Forward_HandComputed()
    {
        var linear = new Linear(2, 2, new Random(0));
        new float[] { 1, 2, 3, 4 }.CopyTo(linear.Weight.Data, 0);   // W = [[1, 2], [3, 4]]
        new float[] { 10, 20 }.CopyTo(linear.Bias!.Data, 0);

        Tensor y = linear.Forward(Tensor.From([1, 1, 2, 0], 2, 2));

        Assert.Equal([13f, 27, 12, 26], y.Data);   // x·Wᵀ + b
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, true)]
    [InlineData(new[] { 2, 3, 4 }, true)]
    [InlineData(new[] { 3, 4 }, false)]
    public void Forward_GradCheck(int[] inputShape, bool bias)
    {
        var linear = new Linear(4, 5, new Random(1), bias);
        Tensor x = GradCheck.Input(inputShape, seed: 2, name: "x");
        GradCheck.Check(t => linear.Forward(t[0]), [x, .. linear.Parameters()]);
    }

    [Fact]
    public void Forward_OutputShape_KeepsLeadingDimensions() =>
        Assert.Equal([2, 3, 7], new Linear(4, 7, new Random(0)).Forward(Tensor.Zeros(2, 3, 4)).Shape.ToArray());

    [Fact]
    public void Forward_WrongInputWidth_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Linear(4, 2, new Random(0)).Forward(Tensor.Zeros(3, 5)));
        Assert.Contains("(3, 5)", e.Message);
        Assert.Contains("Linear(4 → 2)", e.Message);
    }

    [Fact]
    public void Training_LinearRegression_LossFallsAndWeightsAreRecovered()
    {
        // y = x · [2, −1, 0.5]ᵀ + 0.3 on 64 random rows; mean squared error = dᵀd / n through MatMul.
        var rng = new Random(4);
        const int n = 64;
        float[] trueWeight = [2f, -1f, 0.5f];
        float[] xs = [.. Enumerable.Range(0, n * 3).Select(_ => (float)(rng.NextDouble() * 2 - 1))];
        float[] ys = [.. Enumerable.Range(0, n).Select(i => xs[3 * i] * 2f - xs[3 * i + 1] + xs[3 * i + 2] * 0.5f + 0.3f)];
        Tensor x = Tensor.From(xs, n, 3), y = Tensor.From(ys, n, 1);
        var linear = new Linear(3, 1, new Random(5));
        var adam = new Adam(linear.Parameters(), new AdamOptions { LearningRate = 0.05f });

        float Loss()
        {
            Tensor d = linear.Forward(x) - y;                                     // (n, 1)
            Tensor loss = MLNetCtr.Tensors.Ops.MatMul(d, d, transposeA: true) * (1f / n);   // (1, 1)
            adam.ZeroGrad();
            loss.Backward();
            return loss.Item();
        }

        float first = Loss();
        float last = first;
        for (int step = 0; step < 300; step++)
        {
            adam.Step();
            last = Loss();
        }

        Assert.True(last < 1e-3f * first, $"loss went {first} -> {last}");
        Assert.Equal(trueWeight, linear.Weight.Data, (a, b) => Math.Abs(a - b) < 0.02f);
        Assert.Equal(0.3f, linear.Bias!.Data[0], 0.02f);
    }
}
