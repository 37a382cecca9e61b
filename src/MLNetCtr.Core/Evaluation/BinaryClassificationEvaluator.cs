namespace MLNetCtr.Evaluation;

/// <summary>
/// Computes <see cref="BinaryClassificationMetrics"/> from plain columns, as ML.NET's
/// <c>mlContext.BinaryClassification.Evaluate</c> does from <c>Label</c>, <c>Score</c> and <c>Probability</c>.
/// </summary>
/// <remarks>
/// Columns are spans of equal length n ≥ 1. A label is positive when &gt; 0; a score is a logit (NaN rejected, ±∞
/// allowed); a probability is in [0, 1]; weights are finite, non-negative and not all zero. An empty weights span
/// means unit weights; an empty probabilities span means <c>σ(score)</c>. Bad input throws, naming the row: unlike
/// ML.NET, which skips NaN labels and scores, nothing is silently dropped. Cost: one O(n log n) sort.
/// </remarks>
public static class BinaryClassificationEvaluator
{
    /// <summary>Evaluates scored rows with labels in ML.NET's float convention (positive when &gt; 0).</summary>
    /// <param name="labels">True labels, e.g. 0 and 1.</param>
    /// <param name="scores">Scores (logits); higher means more likely positive.</param>
    /// <param name="probabilities">Calibrated probabilities for the log-loss; empty for <c>σ(score)</c>.</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    /// <param name="options">Threshold and log-loss clamping; null for the defaults.</param>
    public static BinaryClassificationMetrics Evaluate(
        ReadOnlySpan<float> labels,
        ReadOnlySpan<float> scores,
        ReadOnlySpan<float> probabilities = default,
        ReadOnlySpan<float> weights = default,
        BinaryClassificationEvaluatorOptions? options = null)
    {
        options ??= new BinaryClassificationEvaluatorOptions();
        options.Validate();
        MetricInputs.CheckScored(labels, scores, weights);
        if (!probabilities.IsEmpty)
        {
            MetricInputs.CheckLengths(labels.Length, probabilities.Length, weights.Length, nameof(probabilities));
            MetricInputs.CheckProbabilities(probabilities);
        }

        BinaryConfusionMatrix confusion = Confuse(labels, scores, weights, options.ScoreThreshold);
        double logLoss = MeanLogLoss(labels, scores, probabilities, weights, options.LogLossEpsilon);
        double entropy = BinaryEntropy(confusion.Positives / confusion.Total);
        double positivePrecision = Ratio(confusion.TruePositives, confusion.TruePositives + confusion.FalsePositives);
        double positiveRecall = Ratio(confusion.TruePositives, confusion.Positives);
        RankedRows ranked = RankedRows.Rank(labels, scores, weights);
        return new BinaryClassificationMetrics
        {
            AreaUnderRocCurve = RankedAreas.RocArea(ranked),
            AreaUnderPrecisionRecallCurve = RankedAreas.PrecisionRecallArea(ranked),
            Accuracy = (confusion.TruePositives + confusion.TrueNegatives) / confusion.Total,
            PositivePrecision = positivePrecision,
            PositiveRecall = positiveRecall,
            NegativePrecision = Ratio(confusion.TrueNegatives, confusion.TrueNegatives + confusion.FalseNegatives),
            NegativeRecall = Ratio(confusion.TrueNegatives, confusion.Negatives),
            F1Score = 2 * positivePrecision * positiveRecall / (positivePrecision + positiveRecall),
            LogLoss = logLoss,
            LogLossReduction = (entropy - logLoss) / entropy,
            Entropy = entropy,
            ConfusionMatrix = confusion,
        };
    }

    /// <summary>Evaluates scored rows with Boolean labels; see the float overload.</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="scores">Scores (logits); higher means more likely positive.</param>
    /// <param name="probabilities">Calibrated probabilities for the log-loss; empty for <c>σ(score)</c>.</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    /// <param name="options">Threshold and log-loss clamping; null for the defaults.</param>
    public static BinaryClassificationMetrics Evaluate(
        ReadOnlySpan<bool> labels,
        ReadOnlySpan<float> scores,
        ReadOnlySpan<float> probabilities = default,
        ReadOnlySpan<float> weights = default,
        BinaryClassificationEvaluatorOptions? options = null)
        => Evaluate(MetricInputs.ToFloat(labels), scores, probabilities, weights, options);

    /// <summary>Only <see cref="BinaryClassificationMetrics.AreaUnderRocCurve"/>: one sort and one sweep.</summary>
    /// <param name="labels">True labels, positive when &gt; 0.</param>
    /// <param name="scores">Scores; higher means more likely positive.</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    public static double AreaUnderRocCurve(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.CheckScored(labels, scores, weights);
        return RankedAreas.RocArea(RankedRows.Rank(labels, scores, weights));
    }

    /// <summary>Only <see cref="BinaryClassificationMetrics.AreaUnderPrecisionRecallCurve"/>: one sort and one sweep.</summary>
    /// <param name="labels">True labels, positive when &gt; 0.</param>
    /// <param name="scores">Scores; higher means more likely positive.</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    public static double AreaUnderPrecisionRecallCurve(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.CheckScored(labels, scores, weights);
        return RankedAreas.PrecisionRecallArea(RankedRows.Rank(labels, scores, weights));
    }

    /// <summary>Binary entropy in bits, <c>−q·log₂ q − (1 − q)·log₂(1 − q)</c>, with <c>0·log 0 = 0</c>.</summary>
    internal static double BinaryEntropy(double q) =>
        q <= 0 || q >= 1 ? 0 : -q * Math.Log2(q) - (1 - q) * Math.Log2(1 - q);

    private static BinaryConfusionMatrix Confuse(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights, float threshold)
    {
        double truePositives = 0, falseNegatives = 0, falsePositives = 0, trueNegatives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double w = MetricInputs.Weight(weights, i);
            switch ((Positive: labels[i] > 0, PredictedPositive: scores[i] > threshold))
            {
                case (true, true): truePositives += w; break;
                case (true, false): falseNegatives += w; break;
                case (false, true): falsePositives += w; break;
                case (false, false): trueNegatives += w; break;
            }
        }
        return new BinaryConfusionMatrix(truePositives, falseNegatives, falsePositives, trueNegatives);
    }

    /// <summary><c>−(1/W) Σ w·log₂ p(true class)</c> with p clamped to [ε, 1 − ε]; p = σ(score) when no probabilities.</summary>
    private static double MeanLogLoss(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> weights, double epsilon)
    {
        double sum = 0, totalWeight = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = probabilities.IsEmpty ? 1 / (1 + Math.Exp(-(double)scores[i])) : probabilities[i];
            p = Math.Clamp(p, epsilon, 1 - epsilon);
            double w = MetricInputs.Weight(weights, i);
            if (w > 0)                          // 0 · ∞ would be NaN when ε = 0
            {
                sum += w * -Math.Log2(labels[i] > 0 ? p : 1 - p);
                totalWeight += w;
            }
        }
        return sum / totalWeight;
    }

    /// <summary>ML.NET's convention for precision and recall: 0 when the denominator is 0.</summary>
    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 0;
}
