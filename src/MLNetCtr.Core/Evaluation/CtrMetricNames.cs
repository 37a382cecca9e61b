namespace MLNetCtr.Evaluation;

/// <summary>
/// The metric names used as JSON keys by <see cref="CtrMetrics"/>: ML.NET's property names where ML.NET has the
/// metric, and descriptive PascalCase names for the CTR extras.
/// </summary>
public static class CtrMetricNames
{
    /// <summary><see cref="BinaryClassificationMetrics.AreaUnderRocCurve"/>.</summary>
    public const string AreaUnderRocCurve = nameof(AreaUnderRocCurve);

    /// <summary><see cref="BinaryClassificationMetrics.AreaUnderPrecisionRecallCurve"/>.</summary>
    public const string AreaUnderPrecisionRecallCurve = nameof(AreaUnderPrecisionRecallCurve);

    /// <summary><see cref="BinaryClassificationMetrics.Accuracy"/>.</summary>
    public const string Accuracy = nameof(Accuracy);

    /// <summary><see cref="BinaryClassificationMetrics.PositivePrecision"/>.</summary>
    public const string PositivePrecision = nameof(PositivePrecision);

    /// <summary><see cref="BinaryClassificationMetrics.PositiveRecall"/>.</summary>
    public const string PositiveRecall = nameof(PositiveRecall);

    /// <summary><see cref="BinaryClassificationMetrics.NegativePrecision"/>.</summary>
    public const string NegativePrecision = nameof(NegativePrecision);

    /// <summary><see cref="BinaryClassificationMetrics.NegativeRecall"/>.</summary>
    public const string NegativeRecall = nameof(NegativeRecall);

    /// <summary><see cref="BinaryClassificationMetrics.F1Score"/>.</summary>
    public const string F1Score = nameof(F1Score);

    /// <summary><see cref="BinaryClassificationMetrics.LogLoss"/>.</summary>
    public const string LogLoss = nameof(LogLoss);

    /// <summary><see cref="BinaryClassificationMetrics.LogLossReduction"/>.</summary>
    public const string LogLossReduction = nameof(LogLossReduction);

    /// <summary><see cref="BinaryClassificationMetrics.Entropy"/>.</summary>
    public const string Entropy = nameof(Entropy);

    /// <summary><see cref="BinaryConfusionMatrix.TruePositives"/>.</summary>
    public const string TruePositives = nameof(TruePositives);

    /// <summary><see cref="BinaryConfusionMatrix.FalseNegatives"/>.</summary>
    public const string FalseNegatives = nameof(FalseNegatives);

    /// <summary><see cref="BinaryConfusionMatrix.FalsePositives"/>.</summary>
    public const string FalsePositives = nameof(FalsePositives);

    /// <summary><see cref="BinaryConfusionMatrix.TrueNegatives"/>.</summary>
    public const string TrueNegatives = nameof(TrueNegatives);

    /// <summary><see cref="GaucMetrics.Gauc"/>.</summary>
    public const string Gauc = nameof(Gauc);

    /// <summary><see cref="GaucMetrics.GroupsUsed"/>.</summary>
    public const string GaucGroupsUsed = nameof(GaucGroupsUsed);

    /// <summary><see cref="GaucMetrics.GroupCount"/>.</summary>
    public const string GaucGroupCount = nameof(GaucGroupCount);

    /// <summary><see cref="TaskMetrics.PositionAuc"/>: the impression-weighted AUC within each display position.</summary>
    public const string PositionAuc = nameof(PositionAuc);

    /// <summary>The positions with both classes, which <see cref="PositionAuc"/> averages over.</summary>
    public const string PositionAucPositionsUsed = nameof(PositionAucPositionsUsed);

    /// <summary><see cref="CalibrationMetrics.CalibrationRatio"/>.</summary>
    public const string CalibrationRatio = nameof(CalibrationRatio);

    /// <summary><see cref="CalibrationMetrics.MeanPrediction"/>.</summary>
    public const string MeanPrediction = nameof(MeanPrediction);

    /// <summary><see cref="CalibrationMetrics.MeanLabel"/>.</summary>
    public const string MeanLabel = nameof(MeanLabel);

    /// <summary><see cref="CalibrationMetrics.ExpectedCalibrationError"/>.</summary>
    public const string ExpectedCalibrationError = nameof(ExpectedCalibrationError);

    /// <summary><see cref="LongTailAucMetrics.LongTailAuc"/>.</summary>
    public const string LongTailAuc = nameof(LongTailAuc);

    /// <summary><see cref="LongTailAucMetrics.RowsUsed"/>.</summary>
    public const string LongTailRows = nameof(LongTailRows);

    /// <summary><see cref="RegressionMetrics.MeanAbsoluteError"/>.</summary>
    public const string MeanAbsoluteError = nameof(MeanAbsoluteError);

    /// <summary><see cref="RegressionMetrics.MeanSquaredError"/>.</summary>
    public const string MeanSquaredError = nameof(MeanSquaredError);

    /// <summary><see cref="RegressionMetrics.RootMeanSquaredError"/>.</summary>
    public const string RootMeanSquaredError = nameof(RootMeanSquaredError);

    /// <summary><see cref="RegressionMetrics.RSquared"/>.</summary>
    public const string RSquared = nameof(RSquared);
}
