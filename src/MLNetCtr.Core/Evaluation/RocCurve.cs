namespace MLNetCtr.Evaluation;

/// <summary>One point of a ROC curve: the rates reached by predicting positive every row whose score is ≥ <see cref="Threshold"/>.</summary>
/// <param name="FalsePositiveRate">Weight of negatives at or above the threshold over all negative weight, in [0, 1].</param>
/// <param name="TruePositiveRate">Weight of positives at or above the threshold over all positive weight (recall), in [0, 1].</param>
/// <param name="Threshold">The score threshold; +∞ for the first point (0, 0), where nothing is predicted positive.</param>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate, float Threshold);

/// <summary>
/// The receiver operating characteristic curve of scored rows: one point per distinct score, swept from the highest
/// score down, starting at (0, 0) and ending at (1, 1). Tied scores are one threshold, so a run of ties is a single
/// diagonal step, and the trapezoid area under the points equals
/// <see cref="BinaryClassificationEvaluator.AreaUnderRocCurve"/> (the Mann–Whitney AUC, ties counted half).
/// </summary>
public static class RocCurve
{
    /// <summary>Computes the curve; inputs as in <see cref="BinaryClassificationEvaluator.AreaUnderRocCurve"/>.</summary>
    /// <param name="labels">True labels, positive when &gt; 0.</param>
    /// <param name="scores">Scores; higher means more likely positive.</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    /// <exception cref="ArgumentException">Either class has zero total weight, so one rate is undefined.</exception>
    public static IReadOnlyList<RocPoint> Compute(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.CheckScored(labels, scores, weights);
        RankedRows rows = RankedRows.Rank(labels, scores, weights);
        double positives = 0, negatives = 0;
        for (int k = 0; k < rows.Count; k++)
        {
            (rows.Positive[k] ? ref positives : ref negatives) += rows.Weight(k);
        }
        if (positives <= 0 || negatives <= 0)
        {
            throw new ArgumentException($"A ROC curve needs positive and negative rows; got positive weight {positives} and negative weight {negatives}.", nameof(labels));
        }
        var points = new List<RocPoint> { new(0, 0, float.PositiveInfinity) };
        double truePositives = 0, falsePositives = 0;
        for (int k = 0; k < rows.Count; k++)
        {
            (rows.Positive[k] ? ref truePositives : ref falsePositives) += rows.Weight(k);
            if (k == rows.Count - 1 || rows.Scores[k + 1] != rows.Scores[k])   // the last row of a run of ties
            {
                points.Add(new RocPoint(falsePositives / negatives, truePositives / positives, rows.Scores[k]));
            }
        }
        return points;
    }

    /// <summary>The trapezoid area under <paramref name="points"/> (in order of rising false-positive rate).</summary>
    /// <param name="points">A curve from <see cref="Compute"/>.</param>
    public static double Area(IReadOnlyList<RocPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        double area = 0;
        for (int i = 1; i < points.Count; i++)
        {
            area += (points[i].FalsePositiveRate - points[i - 1].FalsePositiveRate) * (points[i].TruePositiveRate + points[i - 1].TruePositiveRate) / 2;
        }
        return area;
    }
}
