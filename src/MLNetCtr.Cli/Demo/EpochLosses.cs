using MLNetCtr.Training;

namespace MLNetCtr.Cli.Demo;

/// <summary>
/// The mean training loss of every epoch, from a run's history: each <see cref="TrainingRecord.TrainingLoss"/> is the
/// mean over the steps since the previous record, so an epoch's mean is <c>Σ loss_r · steps_r / Σ steps_r</c> over its
/// records (one record per epoch when validating at epoch ends, several with validation every n steps).
/// </summary>
internal static class EpochLosses
{
    /// <summary>(epoch from 1, mean loss) of every epoch with a record that covers steps, in order.</summary>
    public static IReadOnlyList<(int Epoch, double MeanLoss)> Of(IReadOnlyList<TrainingRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var epochs = new SortedDictionary<int, (double Sum, long Steps)>();
        long previousStep = 0;
        foreach (TrainingRecord record in history)
        {
            long steps = record.Step - previousStep;
            previousStep = record.Step;
            if (steps > 0 && double.IsFinite(record.TrainingLoss))
            {
                (double sum, long count) = epochs.GetValueOrDefault(record.Epoch);
                epochs[record.Epoch] = (sum + (record.TrainingLoss * steps), count + steps);
            }
        }
        return [.. epochs.Select(e => (e.Key + 1, e.Value.Sum / e.Value.Steps))];
    }
}
