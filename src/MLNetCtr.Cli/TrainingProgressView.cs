using System.Globalization;
using MLNetCtr.Training;

namespace MLNetCtr.Cli;

/// <summary>Shows training progress as steps done, with the loss, the throughput and the last validation's watched metric.</summary>
internal sealed class TrainingProgressView(IProgressLine line) : IProgress<TrainingProgress>
{
    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? _lastValidation;

    public void Report(TrainingProgress value)
    {
        bool validated = value.Validation is not null && !ReferenceEquals(value.Validation, _lastValidation);
        _lastValidation = value.Validation;
        double fraction = value.TotalSteps > 0 ? (double)value.Step / value.TotalSteps : 0;
        line.Update(fraction, Describe(value), milestone: validated);
    }

    /// <summary><c>epoch 1/3  loss 0.3012  412k rows/s  valid AUC 0.7712</c>: the value early stopping watches.</summary>
    internal static string Describe(TrainingProgress p)
    {
        string status = string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch + 1}/{p.NumberOfEpochs}  loss {p.Loss:F4}  {Rate(p.SamplesPerSecond)} rows/s");
        return p.WatchedValue is { } value ? string.Create(CultureInfo.InvariantCulture, $"{status}  valid {ShortName(p.WatchedMetric)} {value:F4}") : status;
    }

    private static string ShortName(ValidationMetric metric) => metric switch
    {
        ValidationMetric.AreaUnderRocCurve => "AUC",
        ValidationMetric.Gauc => "GAUC",
        ValidationMetric.LogLoss => "log loss",
        ValidationMetric.AreaUnderPrecisionRecallCurve => "AUPRC",
        ValidationMetric.RootMeanSquaredError => "RMSE",
        ValidationMetric.MeanAbsoluteError => "MAE",
        ValidationMetric.PositionAuc => "position AUC",
        _ => metric.ToString(),
    };

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:F1}M"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e3:F0}k"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{perSecond:F0}"),
    };
}
