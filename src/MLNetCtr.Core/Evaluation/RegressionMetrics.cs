namespace MLNetCtr.Evaluation;

/// <summary>
/// Evaluation results for a regression task, with ML.NET's names and definitions (ML.NET's <c>LossFunction</c> is
/// left out: with its default squared loss it equals <see cref="MeanSquaredError"/>). Produced by
/// <see cref="RegressionEvaluator"/>; with row weights every metric is weighted.
/// </summary>
public sealed record RegressionMetrics
{
    /// <summary>Mean absolute error (ML.NET's L1): <c>(1/W) Σ w·|y − ŷ|</c>.</summary>
    public required double MeanAbsoluteError { get; init; }

    /// <summary>Mean squared error (ML.NET's L2): <c>(1/W) Σ w·(y − ŷ)²</c>.</summary>
    public required double MeanSquaredError { get; init; }

    /// <summary>Square root of <see cref="MeanSquaredError"/> (ML.NET's RMS).</summary>
    public required double RootMeanSquaredError { get; init; }

    /// <summary>
    /// Coefficient of determination: <c>1 − Σ w·(y − ŷ)² / Σ w·(y − ȳ)²</c> with ȳ the weighted mean label. 1 is perfect,
    /// 0 is predicting ȳ, and it is unbounded below; with constant labels the denominator is 0 (−∞, or NaN when the
    /// predictions are exact), as in ML.NET.
    /// </summary>
    public required double RSquared { get; init; }

    /// <summary>Appends every metric under its <see cref="CtrMetricNames"/> name.</summary>
    internal void AddTo(IDictionary<string, double> metrics)
    {
        metrics[CtrMetricNames.MeanAbsoluteError] = MeanAbsoluteError;
        metrics[CtrMetricNames.MeanSquaredError] = MeanSquaredError;
        metrics[CtrMetricNames.RootMeanSquaredError] = RootMeanSquaredError;
        metrics[CtrMetricNames.RSquared] = RSquared;
    }
}
