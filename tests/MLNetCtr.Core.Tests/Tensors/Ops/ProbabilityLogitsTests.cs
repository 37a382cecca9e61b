using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class ProbabilityLogitsTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Logit(double p) => Math.Log(p / (1 - p));

    [Fact]
    public void LogSigmoid_GradCheck() => GradCheck.Unary(TensorOps.LogSigmoid, [3, 4], low: -6f, high: 6f);

    [Fact]
    public void LogSigmoid_ExtremeInputs_KeepFullRelativePrecision()
    {
        float[] x = [-200f, -30f, -1f, 0f, 1f, 20f, 60f];
        float[] y = TensorOps.LogSigmoid(Tensor.From(x)).Data;
        for (int i = 0; i < x.Length; i++)
        {
            // log σ(x) = x − log(1 + eˣ) = −log(1 + e⁻ˣ); for x ≥ 20, −e⁻ˣ is exact to a relative e⁻ˣ/2.
            double expected = x[i] < 0 ? x[i] - Math.Log(1 + Math.Exp(x[i])) : x[i] >= 20 ? -Math.Exp(-x[i]) : -Math.Log(1 + Math.Exp(-x[i]));
            Assert.True(Math.Abs(y[i] - expected) <= 1e-6 * Math.Abs(expected), $"logσ({x[i]}) = {y[i]:G9}, expected {expected:G9}");
        }
    }

    [Theory]
    [InlineData(new[] { 3, 5 }, false)]
    [InlineData(new[] { 2, 3, 4 }, true)]
    [InlineData(new[] { 2, 3, 4 }, false)]
    [InlineData(new[] { 1 }, false)]
    public void LogSumExp_GradCheck(int[] shape, bool keepDims) => GradCheck.Unary(x => TensorOps.LogSumExp(x, keepDims), shape);

    [Fact]
    public void LogSumExp_Shapes_DropOrKeepTheLastAxis()
    {
        Tensor x = Tensor.Zeros(2, 3, 4);
        Assert.Equal([2, 3], TensorOps.LogSumExp(x).Shape.ToArray());
        Assert.Equal([2, 3, 1], TensorOps.LogSumExp(x, keepDims: true).Shape.ToArray());
        Assert.Equal([1], TensorOps.LogSumExp(Tensor.Zeros(4)).Shape.ToArray());
        Fixtures.AssertClose(Math.Log(4), TensorOps.LogSumExp(x).Data[5], "log Σ exp 0");
    }

    [Fact]
    public void LogSumExp_HugeInputs_MatchDoubleReference()
    {
        float[] y = TensorOps.LogSumExp(Tensor.From([1000f, 999f, -1000f, -500f, -501f, -2000f], 2, 3)).Data;
        Fixtures.AssertClose(1000 + Math.Log(1 + Math.Exp(-1)), y[0], "row 0", 1e-7);
        Fixtures.AssertClose(-500 + Math.Log(1 + Math.Exp(-1)), y[1], "row 1", 1e-7);
    }

    [Fact]
    public void LogSumExp_EmptyAxis_IsRefusedNamingTheShape() =>
        Assert.Contains("(2, 0)", Assert.Throws<ArgumentException>(() => TensorOps.LogSumExp(Tensor.Zeros(2, 0))).Message);

    [Fact]
    public void ProductLogit_GradCheck() => GradCheck.Binary(TensorOps.ProductLogit, [4, 3], [4, 3], low: -4f, high: 4f);

    [Fact]
    public void ProductLogit_ModerateInputs_IsTheLogitOfTheProduct()
    {
        Tensor a = GradCheck.Input([20], seed: 5, low: -8f, high: 8f), b = GradCheck.Input([20], seed: 6, low: -8f, high: 8f);
        float[] y = TensorOps.ProductLogit(a, b).Data;
        for (int i = 0; i < y.Length; i++)
        {
            Fixtures.AssertClose(Logit(Sigmoid(a.Data[i]) * Sigmoid(b.Data[i])), y[i], $"logit(σ({a.Data[i]})·σ({b.Data[i]}))", 1e-6);
        }
    }

    [Fact]
    public void ProductLogit_WhereTheProductRoundsToZeroOrOne_StaysExact()
    {
        // σ(−60)² ≈ 8e−53 is 0 in float and 1 − σ(40)σ(45) is far below float epsilon: both would give an infinite BCE.
        float[] y = TensorOps.ProductLogit(Tensor.From([-60f, 40f, 5f, -90f]), Tensor.From([-60f, 45f, 90f, 3f])).Data;
        Fixtures.AssertClose(-120 - Math.Log(1 + 2 * Math.Exp(-60)), y[0], "both tiny", 1e-7);
        Fixtures.AssertClose(-Math.Log(Math.Exp(-40) + Math.Exp(-45) + Math.Exp(-85)), y[1], "both near 1", 1e-7);
        Fixtures.AssertClose(5, y[2], "σ(90) = 1 leaves logit 5", 1e-7);
        Fixtures.AssertClose(-90 + Math.Log(Sigmoid(3)), y[3], "tiny times σ(3)", 1e-7);
    }

    [Fact]
    public void ProductLogit_UnderBceWithLogits_IsTheCrossEntropyOfTheProduct()
    {
        Tensor a = GradCheck.Input([16], seed: 2, low: -5f, high: 5f), b = GradCheck.Input([16], seed: 3, low: -5f, high: 5f);
        float[] labels = [.. Enumerable.Range(0, 16).Select(i => (float)(i % 3 == 0 ? 1 : 0))];
        double expected = Enumerable.Range(0, 16).Average(i =>
        {
            double p = Sigmoid(a.Data[i]) * Sigmoid(b.Data[i]);
            return -(labels[i] * Math.Log(p) + (1 - labels[i]) * Math.Log(1 - p));
        });
        Fixtures.AssertClose(expected, TensorOps.BceWithLogits(TensorOps.ProductLogit(a, b), Tensor.From(labels)).Item(), "BCE(σ(a)·σ(b), y)", 1e-6);
    }

    [Fact]
    public void MixtureLogit_GradCheck() =>
        GradCheck.Check(t => TensorOps.MixtureLogit(t[0], t[1], t[2]),
            [GradCheck.Input([4, 3], 1, -4f, 4f), GradCheck.Input([4, 3], 2, -4f, 4f), GradCheck.Input([4, 3], 3, -4f, 4f)]);

    [Fact]
    public void MixtureLogit_ModerateInputs_IsTheLogitOfTheMixture()
    {
        Tensor g = GradCheck.Input([20], 4, -6f, 6f), a = GradCheck.Input([20], 5, -6f, 6f), b = GradCheck.Input([20], 6, -6f, 6f);
        float[] y = TensorOps.MixtureLogit(g, a, b).Data;
        for (int i = 0; i < y.Length; i++)
        {
            double q = Sigmoid(g.Data[i]) * Sigmoid(a.Data[i]) + Sigmoid(-g.Data[i]) * Sigmoid(b.Data[i]);
            Fixtures.AssertClose(Logit(q), y[i], $"mixture {i}", 1e-6);
        }
    }

    [Fact]
    public void MixtureLogit_SaturatedGate_PicksOneComponentExactly()
    {
        float[] y = TensorOps.MixtureLogit(Tensor.From([60f, -60f, 0f]), Tensor.From([-30f, 3f, 50f]), Tensor.From([2f, -30f, 50f])).Data;
        Fixtures.AssertClose(-30, y[0], "gate 1 → a", 1e-7);
        Fixtures.AssertClose(-30, y[1], "gate 0 → b", 1e-7);
        Fixtures.AssertClose(50, y[2], "a = b → a", 1e-7);
    }

    [Fact]
    public void ProductLogit_DifferentShapes_AreRefusedNamingThem() =>
        Assert.Contains("(2, 3)", Assert.Throws<ArgumentException>(() => TensorOps.ProductLogit(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2))).Message);
}
