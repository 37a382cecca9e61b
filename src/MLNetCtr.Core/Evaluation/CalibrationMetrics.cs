namespace MLNetCtr.Evaluation;

/// <summary>
/// How well predicted probabilities match observed rates, overall and per probability bin (a reliability table).
/// Produced by <see cref="CalibrationEvaluator"/>; with row weights every mean and count below is weighted.
/// </summary>
/// <param name="CalibrationRatio">
/// <see cref="MeanPrediction"/> / <see cref="MeanLabel"/>: predicted clicks over observed clicks. 1 is calibrated on
/// average, above 1 over-predicts; +∞ when there are no positives (NaN if the predictions are all 0 too).
/// </param>
/// <param name="MeanPrediction">Weighted mean predicted probability <c>Σ w·p / W</c>.</param>
/// <param name="MeanLabel">Weighted positive rate <c>Σ w·[y &gt; 0] / W</c>.</param>
/// <param name="ExpectedCalibrationError">
/// <c>Σ_b (W_b / W)·|mean prediction_b − mean label_b|</c> over the non-empty bins (Naeini et al., AAAI 2015).
/// </param>
/// <param name="Bins">The reliability table: equal-width bins of predicted probability, lowest first.</param>
public sealed record CalibrationMetrics(
    double CalibrationRatio,
    double MeanPrediction,
    double MeanLabel,
    double ExpectedCalibrationError,
    IReadOnlyList<CalibrationBin> Bins)
{
    /// <summary>Appends the scalar metrics (not the bins) under their <see cref="CtrMetricNames"/> names.</summary>
    internal void AddTo(IDictionary<string, double> metrics)
    {
        metrics[CtrMetricNames.CalibrationRatio] = CalibrationRatio;
        metrics[CtrMetricNames.MeanPrediction] = MeanPrediction;
        metrics[CtrMetricNames.MeanLabel] = MeanLabel;
        metrics[CtrMetricNames.ExpectedCalibrationError] = ExpectedCalibrationError;
    }
}

/// <summary>One row of the reliability table: the rows whose predicted probability falls in [LowerBound, UpperBound).</summary>
/// <param name="LowerBound">Inclusive lower edge, <c>b / B</c>.</param>
/// <param name="UpperBound">Upper edge, <c>(b + 1) / B</c>; exclusive except for the last bin, which holds p = 1.</param>
/// <param name="Count">Number of rows in the bin.</param>
/// <param name="Weight">Total row weight in the bin (equals <see cref="Count"/> when unweighted).</param>
/// <param name="MeanPrediction">Weighted mean predicted probability in the bin; NaN when the bin's weight is 0.</param>
/// <param name="MeanLabel">Weighted positive rate in the bin; NaN when the bin's weight is 0.</param>
public sealed record CalibrationBin(double LowerBound, double UpperBound, long Count, double Weight, double MeanPrediction, double MeanLabel);
