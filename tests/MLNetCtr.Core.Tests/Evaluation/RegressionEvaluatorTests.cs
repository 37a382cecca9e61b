using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Evaluation;

public sealed class RegressionEvaluatorTests
{
    [Fact]
    public void Evaluate_HandComputed_MatchesMlNetDefinitions()
    {
        // Errors −0.5, 0, 1, −1; ȳ = 2.5 so Σ(y − ȳ)² = 5 and Σ(y − ŷ)² = 2.25.
        var m = RegressionEvaluator.Evaluate([1f, 2, 3, 4], [1.5f, 2, 2, 5]);
        Assert.Equal(0.625, m.MeanAbsoluteError, 1e-12);
        Assert.Equal(0.5625, m.MeanSquaredError, 1e-12);
        Assert.Equal(0.75, m.RootMeanSquaredError, 1e-12);
        Assert.Equal(0.55, m.RSquared, 1e-12);
    }

    [Fact]
    public void Evaluate_PredictingTheMean_HasZeroRSquared()
    {
        var m = RegressionEvaluator.Evaluate([1f, 2, 3, 6], [3f, 3, 3, 3]);
        Assert.Equal(0, m.RSquared, 1e-12);
    }

    [Fact]
    public void Evaluate_ConstantLabels_RSquaredIsUndefined()
    {
        Assert.Equal(double.NegativeInfinity, RegressionEvaluator.Evaluate([2f, 2f], [1f, 2f]).RSquared);
        Assert.True(double.IsNaN(RegressionEvaluator.Evaluate([2f, 2f], [2f, 2f]).RSquared));
    }

    [Fact]
    public void Evaluate_RandomWeighted_MatchesFormulas()
    {
        var rng = new Random(9);
        float[] labels = Enumerable.Range(0, 300).Select(_ => (float)(rng.NextDouble() * 10)).ToArray();
        float[] scores = labels.Select(y => y + (float)(rng.NextDouble() * 2 - 1)).ToArray();
        float[] weights = Enumerable.Range(0, 300).Select(_ => (float)rng.NextDouble() + 0.1f).ToArray();
        var m = RegressionEvaluator.Evaluate(labels, scores, weights);

        double w = weights.Sum(x => (double)x);
        double mse = Enumerable.Range(0, 300).Sum(i => weights[i] * Math.Pow((double)labels[i] - scores[i], 2)) / w;
        double mean = Enumerable.Range(0, 300).Sum(i => weights[i] * (double)labels[i]) / w;
        double variance = Enumerable.Range(0, 300).Sum(i => weights[i] * Math.Pow(labels[i] - mean, 2)) / w;
        Assert.Equal(Enumerable.Range(0, 300).Sum(i => weights[i] * Math.Abs((double)labels[i] - scores[i])) / w, m.MeanAbsoluteError, 1e-9);
        Assert.Equal(mse, m.MeanSquaredError, 1e-9);
        Assert.Equal(Math.Sqrt(mse), m.RootMeanSquaredError, 1e-9);
        Assert.Equal(1 - mse / variance, m.RSquared, 1e-9);
    }

    [Fact]
    public void Evaluate_IntegerWeights_EqualRepeatedRows()
    {
        float[] labels = [1f, 4f, 2f, 8f];
        float[] scores = [2f, 3f, 2.5f, 6f];
        float[] weights = [3f, 1f, 0f, 2f];
        var weighted = RegressionEvaluator.Evaluate(labels, scores, weights);
        var repeated = RegressionEvaluator.Evaluate(BruteForce.Repeat(labels, weights), BruteForce.Repeat(scores, weights));
        Assert.Equal(repeated.MeanAbsoluteError, weighted.MeanAbsoluteError, 1e-12);
        Assert.Equal(repeated.MeanSquaredError, weighted.MeanSquaredError, 1e-12);
        Assert.Equal(repeated.RSquared, weighted.RSquared, 1e-12);
    }

    [Fact]
    public void Evaluate_NaNLabel_ThrowsNamingRow()
    {
        var e = Assert.Throws<ArgumentException>(() => RegressionEvaluator.Evaluate([1f, float.NaN], [1f, 2f]));
        Assert.Contains("labels[1] is NaN", e.Message);
    }
}
