namespace MLNetCtr.Evaluation;

/// <summary>Computes <see cref="CalibrationMetrics"/>: one O(n) pass over probabilities and labels.</summary>
/// <remarks>
/// Row <c>i</c> goes to bin <c>min(⌊p_i · B⌋, B − 1)</c> (computed in double), so bin b holds <c>b/B ≤ p &lt; (b+1)/B</c>
/// and the last bin also holds p = 1. Labels count as 1 when &gt; 0 and 0 otherwise.
/// </remarks>
public static class CalibrationEvaluator
{
    /// <summary>Computes the calibration ratio and the reliability table with float labels (positive when &gt; 0).</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="probabilities">Predicted probabilities in [0, 1].</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    /// <param name="binCount">Number of equal-width bins B ≥ 1; default <see cref="EvaluationDefaults.CalibrationBinCount"/> (10).</param>
    public static CalibrationMetrics Evaluate(
        ReadOnlySpan<float> labels,
        ReadOnlySpan<float> probabilities,
        ReadOnlySpan<float> weights = default,
        int binCount = EvaluationDefaults.CalibrationBinCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(binCount);
        MetricInputs.CheckLengths(labels.Length, probabilities.Length, weights.Length, nameof(probabilities));
        MetricInputs.CheckNotNaN(labels, nameof(labels));
        MetricInputs.CheckProbabilities(probabilities);
        MetricInputs.CheckWeights(weights);

        var count = new long[binCount];
        var weight = new double[binCount];
        var predictionSum = new double[binCount];
        var labelSum = new double[binCount];
        for (int i = 0; i < labels.Length; i++)
        {
            int b = Math.Min((int)(probabilities[i] * (double)binCount), binCount - 1);
            double w = MetricInputs.Weight(weights, i);
            count[b]++;
            weight[b] += w;
            predictionSum[b] += w * probabilities[i];
            labelSum[b] += labels[i] > 0 ? w : 0;
        }
        return Summarize(count, weight, predictionSum, labelSum);
    }

    /// <summary>Computes the calibration ratio and the reliability table with Boolean labels; see the float overload.</summary>
    /// <param name="labels">True labels.</param>
    /// <param name="probabilities">Predicted probabilities in [0, 1].</param>
    /// <param name="weights">Row weights; empty for unit weights.</param>
    /// <param name="binCount">Number of equal-width bins B ≥ 1; default <see cref="EvaluationDefaults.CalibrationBinCount"/> (10).</param>
    public static CalibrationMetrics Evaluate(
        ReadOnlySpan<bool> labels,
        ReadOnlySpan<float> probabilities,
        ReadOnlySpan<float> weights = default,
        int binCount = EvaluationDefaults.CalibrationBinCount)
        => Evaluate(MetricInputs.ToFloat(labels), probabilities, weights, binCount);

    private static CalibrationMetrics Summarize(long[] count, double[] weight, double[] predictionSum, double[] labelSum)
    {
        int binCount = count.Length;
        double totalWeight = weight.Sum(), meanPrediction = predictionSum.Sum() / totalWeight, meanLabel = labelSum.Sum() / totalWeight;
        var bins = new CalibrationBin[binCount];
        double calibrationError = 0;
        for (int b = 0; b < binCount; b++)
        {
            double binPrediction = predictionSum[b] / weight[b], binLabel = labelSum[b] / weight[b];   // NaN when empty
            bins[b] = new CalibrationBin((double)b / binCount, (double)(b + 1) / binCount, count[b], weight[b], binPrediction, binLabel);
            if (weight[b] > 0)
            {
                calibrationError += weight[b] / totalWeight * Math.Abs(binPrediction - binLabel);
            }
        }
        return new CalibrationMetrics(meanPrediction / meanLabel, meanPrediction, meanLabel, calibrationError, bins);
    }
}
