namespace MLNetCtr.Training;

/// <summary>Where a training run stands: everything a checkpoint needs besides parameters and optimizer state.</summary>
/// <param name="Epoch">The current epoch, from 0.</param>
/// <param name="BatchInEpoch">Batches of <paramref name="Epoch"/> already trained on.</param>
/// <param name="Step">Optimizer steps so far.</param>
/// <param name="BestStep">Step of the best validation so far.</param>
/// <param name="BestValue">The watched metric at the best validation (NaN before the first).</param>
/// <param name="ValidationsWithoutImprovement">Validations since the best one.</param>
/// <param name="History">Validation records so far.</param>
/// <param name="LossSinceRecord">Sum of the training losses of the steps since the last record (the next record's mean).</param>
/// <param name="StepsSinceRecord">Steps since the last record.</param>
internal sealed record LoopState(int Epoch = 0, int BatchInEpoch = 0, long Step = 0, long BestStep = 0, double BestValue = double.NaN,
    int ValidationsWithoutImprovement = 0, IReadOnlyList<TrainingRecord>? History = null, double LossSinceRecord = 0, long StepsSinceRecord = 0)
{
    /// <summary>Validation records so far (never null).</summary>
    public IReadOnlyList<TrainingRecord> History { get; init; } = History ?? [];
}
