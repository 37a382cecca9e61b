using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Evaluation;

public sealed class LongTailAucEvaluatorTests
{
    private static readonly Dictionary<string, long> s_frequency = new()
    {
        ["a"] = 100, ["b"] = 50, ["c"] = 5, ["d"] = 1, ["e"] = 1, ["f"] = 3, ["g"] = 10, ["h"] = 7, ["i"] = 20, ["j"] = 2,
    };

    [Fact]
    public void Evaluate_HandComputed_UsesTailRowsOnly()
    {
        // M = 10 → k = 2; sorted frequencies 1, 1, 2, … → f* = 1: tail {d, e}; "z" was never seen, so it is in too.
        string[] items = ["a", "d", "e", "z", "b", "d"];
        float[] labels = [1, 1, 0, 0, 0, 1];
        float[] scores = [0.1f, 0.9f, 0.5f, 0.7f, 0.95f, 0.6f];
        var m = LongTailAucEvaluator.Evaluate<string>(items, s_frequency, labels, scores);
        // Tail rows 1, 2, 3, 5: positives {0.9, 0.6}, negatives {0.5, 0.7} → pairs 1 + 1 + 1 + 0 = 3 of 4.
        Assert.Equal(0.75, m.LongTailAuc, 1e-12);
        Assert.Equal(1, m.FrequencyThreshold);
        Assert.Equal(2, m.TailItemCount);
        Assert.Equal(4, m.RowsUsed);
    }

    [Fact]
    public void FrequencyThreshold_TiesAtTheCut_AreAllIn()
    {
        var frequency = new Dictionary<int, long> { [1] = 4, [2] = 4, [3] = 4, [4] = 9, [5] = 12, [6] = 30, [7] = 31, [8] = 32, [9] = 33, [10] = 34 };
        long threshold = LongTailAucEvaluator.FrequencyThreshold(frequency, 0.2, out int tailItems);
        Assert.Equal(4, threshold);
        Assert.Equal(3, tailItems);
    }

    [Fact]
    public void FrequencyThreshold_FractionTimesCountIsWhole_TakesExactlyThatMany()
    {
        // 0.28 · 25 is 7.000000000000001 in double; the cut must still be k = 7.
        var frequency = Enumerable.Range(1, 25).ToDictionary(i => i, i => (long)i);
        Assert.Equal(7, LongTailAucEvaluator.FrequencyThreshold(frequency, 0.28, out int tailItems));
        Assert.Equal(7, tailItems);
    }

    [Fact]
    public void FrequencyThreshold_TinyFraction_KeepsAtLeastOneItem()
    {
        var frequency = new Dictionary<int, long> { [1] = 8, [2] = 3, [3] = 5 };
        Assert.Equal(3, LongTailAucEvaluator.FrequencyThreshold(frequency, 0.01, out int tailItems));
        Assert.Equal(1, tailItems);
        Assert.Equal(8, LongTailAucEvaluator.FrequencyThreshold(frequency, 1.0, out tailItems));
        Assert.Equal(3, tailItems);
    }

    [Fact]
    public void Evaluate_EmptyFrequencyMap_OnlyUnseenItemsAreTail()
    {
        var m = LongTailAucEvaluator.Evaluate<int>([1, 2, 3], new Dictionary<int, long>(), [1f, 0f, 1f], [0.3f, 0.2f, 0.1f]);
        Assert.Equal(0, m.FrequencyThreshold);
        Assert.Equal(3, m.RowsUsed);
        Assert.Equal(0.5, m.LongTailAuc, 1e-12);
    }

    [Fact]
    public void Evaluate_TailWithOneClass_IsNaN()
    {
        var m = LongTailAucEvaluator.Evaluate<string>(["d", "a", "e"], s_frequency, [1f, 0f, 1f], [0.3f, 0.2f, 0.1f]);
        Assert.True(double.IsNaN(m.LongTailAuc));
        Assert.Equal(2, m.RowsUsed);
    }

    [Fact]
    public void Evaluate_RandomData_MatchesBruteForceOnSelectedRows()
    {
        var (labels, scores, weights) = BruteForce.Data(800, seed: 21, distinctScores: 30);
        var rng = new Random(21);
        var frequency = Enumerable.Range(0, 200).ToDictionary(i => i, _ => (long)rng.Next(1, 40));
        int[] items = Enumerable.Range(0, labels.Length).Select(_ => rng.Next(220)).ToArray();   // 20 ids unseen in training
        var m = LongTailAucEvaluator.Evaluate<int>(items, frequency, labels, scores, weights, tailFraction: 0.3);

        long threshold = frequency.Values.Order().ElementAt(59);                                // k = ⌈0.3 · 200⌉ = 60
        int[] tail = Enumerable.Range(0, items.Length).Where(i => frequency.GetValueOrDefault(items[i]) <= threshold).ToArray();
        double expected = BruteForce.RocArea(tail.Select(i => labels[i]).ToArray(), tail.Select(i => scores[i]).ToArray(), tail.Select(i => weights[i]).ToArray());
        Assert.Equal(threshold, m.FrequencyThreshold);
        Assert.Equal(frequency.Values.Count(f => f <= threshold), m.TailItemCount);
        Assert.Equal(tail.Length, m.RowsUsed);
        Assert.Equal(expected, m.LongTailAuc, 1e-9);
    }

    [Fact]
    public void Evaluate_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LongTailAucEvaluator.Evaluate<string>(["a"], s_frequency, [1f], [0f], tailFraction: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LongTailAucEvaluator.Evaluate<string>(["a"], s_frequency, [1f], [0f], tailFraction: 1.5));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            LongTailAucEvaluator.Evaluate<int>([1], new Dictionary<int, long> { [1] = -3 }, [1f], [0f]));
        Assert.Contains("smallest is -3", e.Message);
    }
}
