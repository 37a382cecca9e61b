using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Evaluation;

public sealed class RankedRowsTests
{
    [Fact]
    public void OrderByDescendingScore_MatchesStableLinqSort()
    {
        var rng = new Random(5);
        float[] special = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1f, -1f];
        float[] scores = Enumerable.Range(0, 2000)
            .Select(i => i % 5 == 0 ? special[rng.Next(special.Length)] : (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-30, 30))))
            .ToArray();
        // Reference: descending by value, +0 directly before −0 (the packed key's order), then by row.
        int[] expected = Enumerable.Range(0, scores.Length)
            .OrderByDescending(i => scores[i]).ThenBy(i => float.IsNegative(scores[i]) && scores[i] == 0 ? 1 : 0).ThenBy(i => i).ToArray();
        Assert.Equal(expected, RankedRows.OrderByDescendingScore(scores));
    }

    [Fact]
    public void OrderByDescendingScore_Subset_SortsOnlyThoseRows()
    {
        float[] scores = [0.1f, 0.9f, 0.5f, 0.7f, 0.3f];
        Assert.Equal([3, 2, 0], RankedRows.OrderByDescendingScore(scores, [0, 2, 3]));
        Assert.Empty(RankedRows.OrderByDescendingScore(scores, ReadOnlySpan<int>.Empty));
    }

    [Fact]
    public void RocArea_NegativeAndPositiveZero_Tie() =>
        Assert.Equal(0.5, BinaryClassificationEvaluator.AreaUnderRocCurve([1f, 0f, 1f, 0f], [-0f, 0f, 0f, -0f]), 1e-12);
}
