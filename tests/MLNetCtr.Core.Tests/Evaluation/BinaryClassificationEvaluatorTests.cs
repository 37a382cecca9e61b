using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Evaluation;

public sealed class BinaryClassificationEvaluatorTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void AreaUnderRocCurve_TiedScores_GetHalfCredit()
    {
        // Pairs (pos, neg): (0.8, 0.8) = ½, (0.8, 0.1) = 1, (0.3, 0.8) = 0, (0.3, 0.1) = 1 → 2.5 / 4.
        double auc = BinaryClassificationEvaluator.AreaUnderRocCurve([1, 0, 1, 0], [0.8f, 0.8f, 0.3f, 0.1f]);
        Assert.Equal(0.625, auc, Tolerance);
    }

    [Fact]
    public void AreaUnderRocCurve_Weighted_MatchesHandComputed()
    {
        // Weighted pairs: 2·1·½ + 2·3·1 + 1·1·0 + 1·3·1 = 10, over W⁺·W⁻ = 3·4.
        double auc = BinaryClassificationEvaluator.AreaUnderRocCurve([1, 0, 1, 0], [0.8f, 0.8f, 0.3f, 0.1f], [2, 1, 1, 3]);
        Assert.Equal(10.0 / 12, auc, Tolerance);
    }

    [Fact]
    public void AreaUnderRocCurve_AllTied_IsOneHalf() =>
        Assert.Equal(0.5, BinaryClassificationEvaluator.AreaUnderRocCurve([1, 0, 0, 1, 0], [3, 3, 3, 3, 3]), Tolerance);

    [Fact]
    public void AreaUnderRocCurve_NegatedScores_IsOneMinus()
    {
        var (labels, scores, weights) = BruteForce.Data(500, seed: 3);
        double auc = BinaryClassificationEvaluator.AreaUnderRocCurve(labels, scores, weights);
        double flipped = BinaryClassificationEvaluator.AreaUnderRocCurve(labels, scores.Select(s => -s).ToArray(), weights);
        Assert.Equal(1 - auc, flipped, 1e-9);
    }

    [Fact]
    public void AreaUnderPrecisionRecallCurve_NoTies_MatchesMlNetWalk()
    {
        // ML.NET's walk: + (r ½, p 1) adds ½·(1 + 1)/2; − lowers p to ½; + (r 1, p ⅔) adds ½·(½ + ⅔)/2. Total 19/24.
        double area = BinaryClassificationEvaluator.AreaUnderPrecisionRecallCurve([1, 0, 1, 0], [0.9f, 0.8f, 0.7f, 0.6f]);
        Assert.Equal(19.0 / 24, area, Tolerance);
    }

    [Fact]
    public void AreaUnderPrecisionRecallCurve_TiedGroup_IsOneThreshold()
    {
        // {+, −} tied at 0.8 → (r ½, p ½) adds ½·(1 + ½)/2; then + → (r 1, p ⅔) adds ½·(½ + ⅔)/2. Total ⅔.
        double area = BinaryClassificationEvaluator.AreaUnderPrecisionRecallCurve([1, 0, 1, 0], [0.8f, 0.8f, 0.3f, 0.1f]);
        Assert.Equal(2.0 / 3, area, Tolerance);
    }

    [Fact]
    public void AreaUnderPrecisionRecallCurve_TopRankedNegative_StartsFromPrecisionZero()
    {
        // − first: precision at recall 0 drops to 0; + → (r 1, p ½) adds 1·(0 + ½)/2.
        Assert.Equal(0.25, BinaryClassificationEvaluator.AreaUnderPrecisionRecallCurve([0, 1], [2f, 1f]), Tolerance);
    }

    [Fact]
    public void Evaluate_CountMetrics_MatchHandComputed()
    {
        // Predicted positive iff score > 0: [+, +, −, −] against labels [1, 0, 1, 0] → TP = FP = FN = TN = 1.
        var m = BinaryClassificationEvaluator.Evaluate([1f, 0, 1, 0], [2f, 1, -1, -3]);
        Assert.Equal(new BinaryConfusionMatrix(1, 1, 1, 1), m.ConfusionMatrix);
        Assert.Equal(0.5, m.Accuracy, Tolerance);
        Assert.Equal(0.5, m.PositivePrecision, Tolerance);
        Assert.Equal(0.5, m.PositiveRecall, Tolerance);
        Assert.Equal(0.5, m.NegativePrecision, Tolerance);
        Assert.Equal(0.5, m.NegativeRecall, Tolerance);
        Assert.Equal(0.5, m.F1Score, Tolerance);
        Assert.Equal(0.75, m.AreaUnderRocCurve, Tolerance);
    }

    [Fact]
    public void Evaluate_ScoreEqualToThreshold_IsPredictedNegative()
    {
        var m = BinaryClassificationEvaluator.Evaluate([1f, 0f], [0f, 0f]);
        Assert.Equal(new BinaryConfusionMatrix(0, 1, 0, 1), m.ConfusionMatrix);
        var shifted = BinaryClassificationEvaluator.Evaluate([1f, 0f], [2f, 1f], options: new() { ScoreThreshold = 1.5f });
        Assert.Equal(new BinaryConfusionMatrix(1, 0, 0, 1), shifted.ConfusionMatrix);
    }

    [Fact]
    public void Evaluate_LogLoss_MatchesHandComputed()
    {
        // −log₂ ½ = 1 and −log₂ ¾ = 0.4150…; the prior is ½, so Entropy = 1 and the reduction is 1 − LogLoss.
        var m = BinaryClassificationEvaluator.Evaluate([1f, 0f], [0f, -1.0986123f], [0.5f, 0.25f]);
        double expected = (1 - Math.Log2(0.75)) / 2;
        Assert.Equal(expected, m.LogLoss, 1e-9);
        Assert.Equal(1.0, m.Entropy, Tolerance);
        Assert.Equal(1 - expected, m.LogLossReduction, 1e-9);
    }

    [Fact]
    public void Evaluate_ConfidentMistake_IsClampedByEpsilon()
    {
        var clamped = BinaryClassificationEvaluator.Evaluate([0f, 1f], [5f, 5f], [1f, 1f]);
        Assert.Equal(-Math.Log2(1 - (1 - 1e-15)) / 2 - Math.Log2(1 - 1e-15) / 2, clamped.LogLoss, 1e-9);
        Assert.InRange(clamped.LogLoss, 24.9, 25.0);   // about half of −log₂ 1e-15 = 49.8

        var unclamped = BinaryClassificationEvaluator.Evaluate([0f, 1f], [5f, 5f], [1f, 1f], options: new() { LogLossEpsilon = 0 });
        Assert.Equal(double.PositiveInfinity, unclamped.LogLoss);
        Assert.Equal(double.NegativeInfinity, unclamped.LogLossReduction);
    }

    [Fact]
    public void Evaluate_NoProbabilities_UsesSigmoidOfScore()
    {
        var (labels, scores, weights) = BruteForce.Data(300, seed: 5);
        var implicitProbabilities = BinaryClassificationEvaluator.Evaluate(labels, scores, weights: weights);
        var explicitProbabilities = BinaryClassificationEvaluator.Evaluate(labels, scores, BruteForce.Sigmoid(scores), weights);
        Assert.Equal(explicitProbabilities.LogLoss, implicitProbabilities.LogLoss, 1e-6);
        Assert.Equal(explicitProbabilities.AreaUnderRocCurve, implicitProbabilities.AreaUnderRocCurve);
    }

    [Fact]
    public void Evaluate_AllPositive_FollowsMlNetConventions()
    {
        var m = BinaryClassificationEvaluator.Evaluate([1f, 1f, 1f], [1f, -1f, 2f], [0.7f, 0.3f, 0.9f]);
        Assert.True(double.IsNaN(m.AreaUnderRocCurve));         // 0 / 0 pairs
        Assert.Equal(1.0, m.AreaUnderPrecisionRecallCurve, Tolerance);
        Assert.Equal(0.0, m.NegativeRecall);                    // no negatives: ML.NET returns 0
        Assert.Equal(0.0, m.NegativePrecision);                 // TN = 0 over FN = 1
        Assert.Equal(0.0, m.Entropy);
        Assert.Equal(double.NegativeInfinity, m.LogLossReduction);
    }

    [Fact]
    public void Evaluate_AllNegative_FollowsMlNetConventions()
    {
        var m = BinaryClassificationEvaluator.Evaluate([0f, 0f], [-1f, -2f], [0.2f, 0.1f]);
        Assert.True(double.IsNaN(m.AreaUnderRocCurve));
        Assert.Equal(0.0, m.AreaUnderPrecisionRecallCurve);    // ML.NET never adds area without positives
        Assert.Equal(0.0, m.PositivePrecision);
        Assert.Equal(0.0, m.PositiveRecall);
        Assert.True(double.IsNaN(m.F1Score));                   // 2·0·0 / (0 + 0), as in ML.NET
        Assert.Equal(1.0, m.Accuracy);
    }

    [Fact]
    public void Evaluate_BoolLabels_MatchFloatLabels()
    {
        var (labels, scores, _) = BruteForce.Data(200, seed: 11);
        var fromBool = BinaryClassificationEvaluator.Evaluate(labels.Select(l => l > 0).ToArray(), scores);
        Assert.Equal(BinaryClassificationEvaluator.Evaluate(labels, scores), fromBool);
    }

    [Fact]
    public void Evaluate_IntegerWeights_EqualRepeatedRows()
    {
        var (labels, scores, _) = BruteForce.Data(150, seed: 13);
        float[] weights = Enumerable.Range(0, 150).Select(i => (float)(i % 4)).ToArray();
        new Random(1).Shuffle(weights);
        float[] probabilities = BruteForce.Sigmoid(scores);
        var weighted = BinaryClassificationEvaluator.Evaluate(labels, scores, probabilities, weights);
        var repeated = BinaryClassificationEvaluator.Evaluate(
            BruteForce.Repeat(labels, weights), BruteForce.Repeat(scores, weights), BruteForce.Repeat(probabilities, weights));
        AssertClose(repeated, weighted, 1e-9);
    }

    [Theory]
    [InlineData(1, 40, 0.3)]
    [InlineData(2, 5, 0.5)]
    [InlineData(3, 400, 0.1)]
    [InlineData(4, 2, 0.6)]
    public void Evaluate_RandomData_MatchesBruteForce(int seed, int distinctScores, double positiveRate)
    {
        var (labels, scores, weights) = BruteForce.Data(400, seed, distinctScores, positiveRate);
        float[] probabilities = BruteForce.Sigmoid(scores);
        foreach (float[]? w in new[] { null, weights })
        {
            var m = BinaryClassificationEvaluator.Evaluate(labels, scores, probabilities, w);
            Assert.Equal(BruteForce.RocArea(labels, scores, w), m.AreaUnderRocCurve, 1e-9);
            Assert.Equal(BruteForce.PrecisionRecallArea(labels, scores, w), m.AreaUnderPrecisionRecallCurve, 1e-9);
            Assert.Equal(BruteForce.LogLoss(labels, probabilities, w), m.LogLoss, 1e-9);
            double positives = m.ConfusionMatrix.Positives / m.ConfusionMatrix.Total;
            double entropy = -positives * Math.Log2(positives) - (1 - positives) * Math.Log2(1 - positives);
            Assert.Equal((entropy - m.LogLoss) / entropy, m.LogLossReduction, 1e-9);
            Assert.Equal(m.ConfusionMatrix.Total, w?.Sum(x => (double)x) ?? labels.Length, 1e-6);
        }
    }

    [Fact]
    public void Evaluate_ZeroWeights_EqualDroppingRows()
    {
        var (labels, scores, weights) = BruteForce.Data(300, seed: 17, distinctScores: 10);
        for (int i = 0; i < weights.Length; i += 3)
        {
            weights[i] = 0;
        }
        int[] kept = Enumerable.Range(0, labels.Length).Where(i => weights[i] > 0).ToArray();
        var withZeros = BinaryClassificationEvaluator.Evaluate(labels, scores, weights: weights);
        var dropped = BinaryClassificationEvaluator.Evaluate(
            kept.Select(i => labels[i]).ToArray(), kept.Select(i => scores[i]).ToArray(), weights: kept.Select(i => weights[i]).ToArray());
        AssertClose(dropped, withZeros, 1e-9);
    }

    [Fact]
    public void Evaluate_NaNScore_ThrowsNamingRow()
    {
        var e = Assert.Throws<ArgumentException>(() => BinaryClassificationEvaluator.Evaluate([1f, 0f, 1f], [0.1f, 0.2f, float.NaN]));
        Assert.Contains("scores[2] is NaN", e.Message);
    }

    [Fact]
    public void Evaluate_LengthMismatch_ThrowsNamingLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => BinaryClassificationEvaluator.Evaluate([1f, 0f, 1f], [0.1f, 0.2f]));
        Assert.Contains("scores has 2 rows but labels has 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => BinaryClassificationEvaluator.Evaluate([1f, 0f], [0.1f, 0.2f], weights: [1f]));
        Assert.Contains("weights has 1 rows but labels has 2", e.Message);
    }

    [Fact]
    public void Evaluate_BadInputs_ThrowNamingValues()
    {
        var p = Assert.Throws<ArgumentOutOfRangeException>(() => BinaryClassificationEvaluator.Evaluate([1f, 0f], [0f, 0f], [0.5f, 1.5f]));
        Assert.Contains("probabilities[1] = 1.5", p.Message);
        var w = Assert.Throws<ArgumentOutOfRangeException>(() => BinaryClassificationEvaluator.Evaluate([1f, 0f], [0f, 0f], weights: [1f, -2f]));
        Assert.Contains("weights[1] = -2", w.Message);
        var zero = Assert.Throws<ArgumentException>(() => BinaryClassificationEvaluator.Evaluate([1f, 0f], [0f, 0f], weights: [0f, 0f]));
        Assert.Contains("All 2 weights are zero", zero.Message);
        Assert.Throws<ArgumentException>(() => BinaryClassificationEvaluator.Evaluate(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryClassificationEvaluator.Evaluate([1f], [0f], options: new() { LogLossEpsilon = 0.5 }));
    }

    private static void AssertClose(BinaryClassificationMetrics expected, BinaryClassificationMetrics actual, double tolerance)
    {
        var e = new TaskMetrics { Binary = expected }.ToDictionary();
        var a = new TaskMetrics { Binary = actual }.ToDictionary();
        Assert.Equal(e.Keys, a.Keys);
        foreach ((string name, double value) in e)
        {
            Assert.True(Math.Abs(value - a[name]) <= tolerance * Math.Max(1, Math.Abs(value)), $"{name}: expected {value}, got {a[name]}");
        }
    }
}
