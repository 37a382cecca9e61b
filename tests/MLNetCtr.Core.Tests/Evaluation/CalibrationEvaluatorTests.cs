using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Evaluation;

public sealed class CalibrationEvaluatorTests
{
    [Fact]
    public void Evaluate_HandComputed_MatchesTable()
    {
        // Bins of width 0.1: {0.05 | 0}, {0.15, 0.12 | 1, 0}, {0.95, 1.0 | 1, 1}; 1.0 falls in the last bin.
        var c = CalibrationEvaluator.Evaluate([0f, 1, 0, 1, 1], [0.05f, 0.15f, 0.12f, 0.95f, 1f]);
        Assert.Equal(10, c.Bins.Count);
        Assert.Equal(0.454, c.MeanPrediction, 1e-6);
        Assert.Equal(0.6, c.MeanLabel, 1e-12);
        Assert.Equal(0.454 / 0.6, c.CalibrationRatio, 1e-6);
        AssertBin(c.Bins[0], 0.0, 0.1, 1, 0.05, 0.0);
        AssertBin(c.Bins[1], 0.1, 0.2, 2, 0.135, 0.5);
        AssertBin(c.Bins[9], 0.9, 1.0, 2, 0.975, 1.0);
        Assert.Equal(0, c.Bins[5].Count);
        Assert.True(double.IsNaN(c.Bins[5].MeanPrediction) && double.IsNaN(c.Bins[5].MeanLabel));
        Assert.Equal((1 * 0.05 + 2 * 0.365 + 2 * 0.025) / 5, c.ExpectedCalibrationError, 1e-6);
    }

    [Fact]
    public void Evaluate_BinEdges_GoToTheUpperBin()
    {
        var c = CalibrationEvaluator.Evaluate([0f, 0f, 1f], [0f, 0.5f, 1f], binCount: 2);
        Assert.Equal([1L, 2L], c.Bins.Select(b => b.Count));
        Assert.Equal(0.5, c.Bins[1].LowerBound);
    }

    [Fact]
    public void Evaluate_PerfectlyCalibratedBins_HaveZeroError()
    {
        // Every bin's mean prediction equals its positive rate.
        var c = CalibrationEvaluator.Evaluate([1f, 0f, 0f, 0f, 1f, 1f, 1f, 0f], [0.25f, 0.25f, 0.25f, 0.25f, 0.75f, 0.75f, 0.75f, 0.75f], binCount: 4);
        Assert.Equal(0, c.ExpectedCalibrationError, 1e-12);
        Assert.Equal(1, c.CalibrationRatio, 1e-12);
    }

    [Fact]
    public void Evaluate_NoPositives_RatioIsInfinite()
    {
        var c = CalibrationEvaluator.Evaluate([0f, 0f], [0.1f, 0.2f]);
        Assert.Equal(double.PositiveInfinity, c.CalibrationRatio);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 7)]
    [InlineData(3, 1)]
    public void Evaluate_RandomData_MatchesExplicitBinning(int seed, int binCount)
    {
        var (labels, scores, weights) = BruteForce.Data(500, seed, distinctScores: 60);
        float[] p = BruteForce.Sigmoid(scores);
        var c = CalibrationEvaluator.Evaluate(labels, p, weights, binCount);
        double total = weights.Sum(w => (double)w);
        double meanPrediction = Enumerable.Range(0, p.Length).Sum(i => weights[i] * (double)p[i]) / total;
        double meanLabel = Enumerable.Range(0, p.Length).Sum(i => labels[i] > 0 ? weights[i] : 0.0) / total;
        Assert.Equal(meanPrediction / meanLabel, c.CalibrationRatio, 1e-9);
        for (int b = 0; b < binCount; b++)
        {
            int[] rows = Enumerable.Range(0, p.Length)
                .Where(i => p[i] >= (double)b / binCount && (p[i] < (double)(b + 1) / binCount || b == binCount - 1)).ToArray();
            Assert.Equal(rows.Length, c.Bins[b].Count);
            if (rows.Length > 0)
            {
                double binWeight = rows.Sum(i => (double)weights[i]);
                Assert.Equal(binWeight, c.Bins[b].Weight, 1e-9);
                Assert.Equal(rows.Sum(i => weights[i] * (double)p[i]) / binWeight, c.Bins[b].MeanPrediction, 1e-9);
                Assert.Equal(rows.Sum(i => labels[i] > 0 ? weights[i] : 0.0) / binWeight, c.Bins[b].MeanLabel, 1e-9);
            }
        }
    }

    [Fact]
    public void Evaluate_IntegerWeights_EqualRepeatedRows()
    {
        var (labels, scores, _) = BruteForce.Data(120, seed: 8, distinctScores: 30);
        float[] p = BruteForce.Sigmoid(scores);
        float[] weights = Enumerable.Range(0, 120).Select(i => (float)(1 + i % 3)).ToArray();
        var weighted = CalibrationEvaluator.Evaluate(labels, p, weights);
        var repeated = CalibrationEvaluator.Evaluate(BruteForce.Repeat(labels, weights), BruteForce.Repeat(p, weights));
        Assert.Equal(repeated.CalibrationRatio, weighted.CalibrationRatio, 1e-9);
        Assert.Equal(repeated.ExpectedCalibrationError, weighted.ExpectedCalibrationError, 1e-9);
        Assert.Equal(repeated.Bins.Select(b => b.Weight), weighted.Bins.Select(b => b.Weight));
    }

    [Fact]
    public void Evaluate_BadInputs_ThrowNamingValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationEvaluator.Evaluate([1f], [0.5f], binCount: 0));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationEvaluator.Evaluate([1f, 0f], [0.5f, -0.1f]));
        Assert.Contains("probabilities[1] = -0.1", e.Message);
    }

    private static void AssertBin(CalibrationBin bin, double lower, double upper, long count, double meanPrediction, double meanLabel)
    {
        Assert.Equal(lower, bin.LowerBound, 1e-12);
        Assert.Equal(upper, bin.UpperBound, 1e-12);
        Assert.Equal(count, bin.Count);
        Assert.Equal(meanPrediction, bin.MeanPrediction, 1e-6);
        Assert.Equal(meanLabel, bin.MeanLabel, 1e-12);
    }
}
