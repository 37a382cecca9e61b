namespace MLNetCtr.Evaluation;

/// <summary>
/// Every metric computed for one task (one label column): the ML.NET metrics of its kind plus the CTR extras.
/// Parts that were not computed are null and are left out of <see cref="ToDictionary"/> and of the JSON.
/// </summary>
public sealed record TaskMetrics
{
    /// <summary>Metrics of a binary task (click, conversion, …).</summary>
    public BinaryClassificationMetrics? Binary { get; init; }

    /// <summary>Metrics of a regression task (dwell time, …).</summary>
    public RegressionMetrics? Regression { get; init; }

    /// <summary>Group AUC, usually grouped by user or request.</summary>
    public GaucMetrics? Gauc { get; init; }

    /// <summary>
    /// AUC within each display position, averaged with the positions' impressions as weights (gAUC grouped by the
    /// position column): how well the score ranks items shown at the same slot, the yardstick of a position-debiased
    /// score, which the all-rows AUC would reward for absorbing the position instead. Null when the data has no
    /// position column.
    /// </summary>
    public GaucMetrics? PositionAuc { get; init; }

    /// <summary>Calibration ratio and reliability table (the table is not part of the flat dictionary).</summary>
    public CalibrationMetrics? Calibration { get; init; }

    /// <summary>AUC over the rows of long-tail items.</summary>
    public LongTailAucMetrics? LongTail { get; init; }

    /// <summary>
    /// Every scalar metric by its <see cref="CtrMetricNames"/> name, in a fixed order: binary, regression, gAUC,
    /// position AUC, calibration, long tail.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToDictionary()
    {
        var metrics = new OrderedDictionary<string, double>();
        Binary?.AddTo(metrics);
        Regression?.AddTo(metrics);
        Gauc?.AddTo(metrics);
        if (PositionAuc is { } byPosition)
        {
            metrics[CtrMetricNames.PositionAuc] = byPosition.Gauc;
            metrics[CtrMetricNames.PositionAucPositionsUsed] = byPosition.GroupsUsed;
        }
        Calibration?.AddTo(metrics);
        LongTail?.AddTo(metrics);
        return metrics;
    }
}
