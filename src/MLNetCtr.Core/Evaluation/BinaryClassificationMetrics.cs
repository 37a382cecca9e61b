namespace MLNetCtr.Evaluation;

/// <summary>
/// Evaluation results for a binary classifier, with ML.NET's names and definitions (ML.NET splits them between
/// <c>BinaryClassificationMetrics</c> and <c>CalibratedBinaryClassificationMetrics</c>). Produced by
/// <see cref="BinaryClassificationEvaluator"/>. With row weights, every metric is ML.NET's weighted one.
/// </summary>
/// <remarks>
/// A row is positive when its label is &gt; 0 (or true) and predicted positive when its score is &gt;
/// <see cref="BinaryClassificationEvaluatorOptions.ScoreThreshold"/> (0). Ratios with an empty denominator follow ML.NET:
/// precision and recall are 0, F1 is NaN when precision and recall are both 0, and the areas are listed per property.
/// </remarks>
public sealed record BinaryClassificationMetrics
{
    /// <summary>
    /// Probability that a random positive scores higher than a random negative, ties counting one half
    /// (the Mann–Whitney U statistic over W⁺·W⁻). NaN when the labels hold one class only, as in ML.NET.
    /// </summary>
    public required double AreaUnderRocCurve { get; init; }

    /// <summary>
    /// Area under the precision/recall curve by the "lower trapezoid" estimator of Boyd, Eng and Page (ECML 2013), as in
    /// ML.NET: between consecutive recall levels r₀ &lt; r₁, <c>(r₁ − r₀)·(min precision at r₀ + max precision at r₁)/2</c>,
    /// starting from (0, 1). 0 when there are no positives, 1 when there are only positives.
    /// </summary>
    /// <remarks>
    /// Two differences from ML.NET, both documented choices: ML.NET estimates it on a reservoir sample of 100,000 rows
    /// (we use every row, so the two agree exactly up to that size), and ML.NET steps through tied scores one row at a
    /// time in sample order (we take a run of tied scores as one threshold, so the value never depends on row order;
    /// without ties the two agree).
    /// </remarks>
    public required double AreaUnderPrecisionRecallCurve { get; init; }

    /// <summary>Share of rows whose predicted label equals the true label: <c>(TP + TN) / total</c>.</summary>
    public required double Accuracy { get; init; }

    /// <summary><c>TP / (TP + FP)</c>: share of the predicted positives that are positive; 0 when nothing is predicted positive.</summary>
    public required double PositivePrecision { get; init; }

    /// <summary><c>TP / (TP + FN)</c>: share of the positives predicted positive; 0 when there are no positives.</summary>
    public required double PositiveRecall { get; init; }

    /// <summary><c>TN / (TN + FN)</c>: share of the predicted negatives that are negative; 0 when nothing is predicted negative.</summary>
    public required double NegativePrecision { get; init; }

    /// <summary><c>TN / (TN + FP)</c>: share of the negatives predicted negative; 0 when there are no negatives.</summary>
    public required double NegativeRecall { get; init; }

    /// <summary>Harmonic mean of <see cref="PositivePrecision"/> and <see cref="PositiveRecall"/>; NaN when both are 0, as in ML.NET.</summary>
    public required double F1Score { get; init; }

    /// <summary>
    /// Mean log-loss in bits: <c>−(1/W) Σ w·log₂(p)</c> for positives and <c>log₂(1 − p)</c> for negatives, with p
    /// clamped to <c>[ε, 1 − ε]</c> (<see cref="BinaryClassificationEvaluatorOptions.LogLossEpsilon"/>).
    /// </summary>
    public required double LogLoss { get; init; }

    /// <summary>
    /// <c>(Entropy − LogLoss) / Entropy</c>: the improvement over always predicting the test-set prior, as a fraction
    /// (ML.NET's relative information gain since it moved from percentages in 2019). 1 is perfect, 0 is the prior, and
    /// it is unbounded below. When the labels hold one class the entropy is 0, giving −∞ (or NaN if LogLoss is 0 too),
    /// as in ML.NET.
    /// </summary>
    public required double LogLossReduction { get; init; }

    /// <summary>Test-set entropy in bits, the log-loss of always predicting the prior: <c>H(W⁺ / W)</c>.</summary>
    public required double Entropy { get; init; }

    /// <summary>The confusion matrix at the score threshold; the source of the count-based metrics.</summary>
    public required BinaryConfusionMatrix ConfusionMatrix { get; init; }

    /// <summary>Appends every scalar metric under its <see cref="CtrMetricNames"/> name.</summary>
    internal void AddTo(IDictionary<string, double> metrics)
    {
        metrics[CtrMetricNames.AreaUnderRocCurve] = AreaUnderRocCurve;
        metrics[CtrMetricNames.AreaUnderPrecisionRecallCurve] = AreaUnderPrecisionRecallCurve;
        metrics[CtrMetricNames.Accuracy] = Accuracy;
        metrics[CtrMetricNames.PositivePrecision] = PositivePrecision;
        metrics[CtrMetricNames.PositiveRecall] = PositiveRecall;
        metrics[CtrMetricNames.NegativePrecision] = NegativePrecision;
        metrics[CtrMetricNames.NegativeRecall] = NegativeRecall;
        metrics[CtrMetricNames.F1Score] = F1Score;
        metrics[CtrMetricNames.LogLoss] = LogLoss;
        metrics[CtrMetricNames.LogLossReduction] = LogLossReduction;
        metrics[CtrMetricNames.Entropy] = Entropy;
        metrics[CtrMetricNames.TruePositives] = ConfusionMatrix.TruePositives;
        metrics[CtrMetricNames.FalseNegatives] = ConfusionMatrix.FalseNegatives;
        metrics[CtrMetricNames.FalsePositives] = ConfusionMatrix.FalsePositives;
        metrics[CtrMetricNames.TrueNegatives] = ConfusionMatrix.TrueNegatives;
    }
}
