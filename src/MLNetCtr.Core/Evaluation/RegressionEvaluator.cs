namespace MLNetCtr.Evaluation;

/// <summary>Computes <see cref="RegressionMetrics"/> from plain columns, as ML.NET's <c>mlContext.Regression.Evaluate</c>.</summary>
public static class RegressionEvaluator
{
    /// <summary>Evaluates predicted values against labels; O(n), two passes in double precision.</summary>
    /// <param name="labels">True values (NaN rejected).</param>
    /// <param name="scores">Predicted values (NaN rejected).</param>
    /// <param name="weights">Row weights: finite, non-negative, not all zero; empty for unit weights.</param>
    public static RegressionMetrics Evaluate(ReadOnlySpan<float> labels, ReadOnlySpan<float> scores, ReadOnlySpan<float> weights = default)
    {
        MetricInputs.CheckScored(labels, scores, weights);
        double totalWeight = 0, labelSum = 0, absoluteSum = 0, squaredSum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double w = MetricInputs.Weight(weights, i), error = (double)labels[i] - scores[i];
            totalWeight += w;
            labelSum += w * labels[i];
            absoluteSum += w * Math.Abs(error);
            squaredSum += w * error * error;
        }

        // ML.NET writes the denominator as Σw·y² − (Σw·y)²/W; the second pass avoids its cancellation.
        double meanLabel = labelSum / totalWeight, totalSquares = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double deviation = labels[i] - meanLabel;
            totalSquares += MetricInputs.Weight(weights, i) * deviation * deviation;
        }

        double meanSquaredError = squaredSum / totalWeight;
        return new RegressionMetrics
        {
            MeanAbsoluteError = absoluteSum / totalWeight,
            MeanSquaredError = meanSquaredError,
            RootMeanSquaredError = Math.Sqrt(meanSquaredError),
            RSquared = 1 - squaredSum / totalSquares,
        };
    }
}
