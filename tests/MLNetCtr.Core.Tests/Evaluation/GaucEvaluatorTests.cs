using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Evaluation;

public sealed class GaucEvaluatorTests
{
    [Fact]
    public void Evaluate_HandComputed_SkipsOneClassGroups()
    {
        // A: AUC 1 over 2 rows; B: AUC ½ over 3 rows; C: positives only, left out. (2·1 + 3·½) / 5 = 0.7.
        string[] groups = ["A", "A", "B", "B", "B", "C", "C"];
        float[] labels = [1, 0, 1, 0, 0, 1, 1];
        float[] scores = [0.9f, 0.1f, 0.2f, 0.5f, 0.1f, 0.3f, 0.4f];
        var g = GaucEvaluator.Evaluate<string>(groups, labels, scores);
        Assert.Equal(0.7, g.Gauc, 1e-12);
        Assert.Equal(3, g.GroupCount);
        Assert.Equal(2, g.GroupsUsed);
        Assert.Equal(5, g.RowsUsed);
    }

    [Fact]
    public void Evaluate_TiesWithinGroup_GetHalfCredit()
    {
        var g = GaucEvaluator.Evaluate<int>([7, 7, 7, 7], [1f, 0f, 1f, 0f], [0.8f, 0.8f, 0.3f, 0.1f]);
        Assert.Equal(0.625, g.Gauc, 1e-12);
    }

    [Fact]
    public void Evaluate_NoGroupWithBothClasses_IsNaN()
    {
        var g = GaucEvaluator.Evaluate<int>([1, 1, 2], [1f, 1f, 0f], [0.5f, 0.4f, 0.3f]);
        Assert.True(double.IsNaN(g.Gauc));
        Assert.Equal(0, g.GroupsUsed);
        Assert.Equal(2, g.GroupCount);
    }

    [Fact]
    public void Evaluate_OneGroup_EqualsAuc()
    {
        var (labels, scores, weights) = BruteForce.Data(300, seed: 2);
        var g = GaucEvaluator.Evaluate<int>(new int[300], labels, scores, weights);
        Assert.Equal(BinaryClassificationEvaluator.AreaUnderRocCurve(labels, scores, weights), g.Gauc, 1e-12);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 40)]
    [InlineData(3, 150)]
    public void Evaluate_RandomGroups_MatchesExplicitGrouping(int seed, int groupCount)
    {
        var (labels, scores, weights) = BruteForce.Data(600, seed, distinctScores: 12);
        var rng = new Random(seed);
        long[] groups = Enumerable.Range(0, labels.Length).Select(_ => (long)rng.Next(groupCount) * 1_000_003).ToArray();
        foreach (float[]? w in new[] { null, weights })
        {
            var g = GaucEvaluator.Evaluate<long>(groups, labels, scores, w);
            var (expected, used) = BruteForce.Gauc(groups, labels, scores, w);
            Assert.Equal(expected, g.Gauc, 1e-9);
            Assert.Equal(used, g.GroupsUsed);
            Assert.Equal(groups.Distinct().Count(), g.GroupCount);
        }
    }

    [Fact]
    public void Evaluate_BoolLabels_MatchFloatLabels()
    {
        var (labels, scores, _) = BruteForce.Data(200, seed: 4);
        int[] groups = Enumerable.Range(0, 200).Select(i => i % 9).ToArray();
        Assert.Equal(
            GaucEvaluator.Evaluate<int>(groups, labels, scores),
            GaucEvaluator.Evaluate<int>(groups, labels.Select(l => l > 0).ToArray(), scores));
    }

    [Fact]
    public void Evaluate_GroupLengthMismatch_ThrowsNamingLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => GaucEvaluator.Evaluate<int>([1, 2], [1f, 0f, 1f], [0f, 0f, 0f]));
        Assert.Contains("groups has 2 rows but labels has 3", e.Message);
    }
}
