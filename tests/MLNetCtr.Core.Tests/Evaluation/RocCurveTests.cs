using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Evaluation;

public sealed class RocCurveTests
{
    [Fact]
    public void Compute_HandComputed_OnePointPerDistinctScore()
    {
        // Ranked: 0.9 (+), 0.8 (−), 0.8 (+), 0.3 (−): 2 positives, 2 negatives; the tie at 0.8 is one diagonal step.
        IReadOnlyList<RocPoint> curve = RocCurve.Compute([1f, 0f, 1f, 0f], [0.9f, 0.8f, 0.8f, 0.3f]);

        Assert.Equal([(0.0, 0.0), (0.0, 0.5), (0.5, 1.0), (1.0, 1.0)], curve.Select(p => (p.FalsePositiveRate, p.TruePositiveRate)));
        Assert.Equal([float.PositiveInfinity, 0.9f, 0.8f, 0.3f], curve.Select(p => p.Threshold));
    }

    [Fact]
    public void Area_OfRandomWeightedRowsWithTies_EqualsTheAuc()
    {
        var random = new Random(3);
        float[] labels = [.. Enumerable.Range(0, 500).Select(_ => random.NextDouble() < 0.3 ? 1f : 0f)];
        float[] scores = [.. labels.Select(y => MathF.Round((float)random.NextDouble() + y * 0.4f, 1))];   // rounding makes ties
        float[] weights = [.. labels.Select(_ => (float)random.NextDouble() * 2)];

        IReadOnlyList<RocPoint> curve = RocCurve.Compute(labels, scores, weights);

        Assert.Equal(BinaryClassificationEvaluator.AreaUnderRocCurve(labels, scores, weights), RocCurve.Area(curve), 1e-9);
        Assert.Equal((1.0, 1.0), (curve[^1].FalsePositiveRate, curve[^1].TruePositiveRate));
        Assert.Equal(scores.Distinct().Count() + 1, curve.Count);
    }

    [Fact]
    public void Compute_OneClassOnly_ThrowsNamingTheWeights()
    {
        var e = Assert.Throws<ArgumentException>(() => RocCurve.Compute([1f, 1f], [0.2f, 0.4f]));
        Assert.Contains("positive weight 2 and negative weight 0", e.Message);
    }
}
