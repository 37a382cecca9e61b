using MLNetCtr.Training;

namespace MLNetCtr.Cli.Demo;

/// <summary>
/// Records the mean training loss of every epoch from the training loop's progress reports, and passes each report on.
/// A report's <see cref="TrainingProgress.Loss"/> is the mean over the steps since the previous report, so the epoch's
/// mean is <c>Σ loss_r · steps_r / Σ steps_r</c> over its reports. (<see cref="TrainingRecord.TrainingLoss"/> is the
/// mean since the previous report too, only the last stretch of the epoch, which is why the history is not used.)
/// </summary>
internal sealed class EpochLosses(IProgress<TrainingProgress> next) : IProgress<TrainingProgress>
{
    private readonly SortedDictionary<int, (double Sum, long Steps)> _epochs = [];
    private long _lastStep;

    /// <summary>(epoch from 1, mean loss) of every epoch that took a step, in order.</summary>
    public IReadOnlyList<(int Epoch, double MeanLoss)> Means => [.. _epochs.Select(e => (e.Key + 1, e.Value.Sum / e.Value.Steps))];

    public void Report(TrainingProgress value)
    {
        long steps = value.Step - _lastStep;
        _lastStep = value.Step;
        if (steps > 0 && double.IsFinite(value.Loss))
        {
            (double sum, long count) = _epochs.GetValueOrDefault(value.Epoch);
            _epochs[value.Epoch] = (sum + (value.Loss * steps), count + steps);
        }
        next.Report(value);
    }
}
