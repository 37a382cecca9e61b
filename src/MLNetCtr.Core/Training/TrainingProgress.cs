namespace MLNetCtr.Training;

/// <summary>A progress report of the training loop.</summary>
/// <param name="Epoch">Current epoch, from 0.</param>
/// <param name="NumberOfEpochs">Epochs planned.</param>
/// <param name="Step">Optimizer steps done so far.</param>
/// <param name="TotalSteps">Steps planned (early stopping may end sooner).</param>
/// <param name="Loss">Mean training loss since the previous report.</param>
/// <param name="SamplesPerSecond">Training rows per second since the previous report.</param>
/// <param name="Validation">The latest validation metrics (task → metric name → value, as <c>CtrMetrics.ToDictionary()</c>), or null before the first validation.</param>
public sealed record TrainingProgress(int Epoch, int NumberOfEpochs, long Step, long TotalSteps, double Loss, double SamplesPerSecond, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Validation)
{
    /// <summary>The metric that early stopping and restore-best watch (<see cref="TrainingOptions.EarlyStoppingMetric"/>).</summary>
    public ValidationMetric WatchedMetric { get; init; }

    /// <summary>
    /// The watched value of <see cref="Validation"/>: the metric of <see cref="TrainingOptions.EarlyStoppingTask"/>, or its
    /// loss-weighted mean over the trained tasks; null before the first validation.
    /// </summary>
    public double? WatchedValue { get; init; }
}

/// <summary>One point of the training history: a validation (or the end of an epoch without validation data).</summary>
/// <param name="Epoch">Epoch, from 0.</param>
/// <param name="Step">Optimizer steps done.</param>
/// <param name="TrainingLoss">Mean training loss since the previous record.</param>
/// <param name="Validation">Validation metrics (task → metric name → value), or null without validation data.</param>
public sealed record TrainingRecord(int Epoch, long Step, double TrainingLoss, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Validation);

/// <summary>What a training run did.</summary>
/// <param name="History">Validations (or epoch ends), in order.</param>
/// <param name="Steps">Optimizer steps taken.</param>
/// <param name="BestStep">Step of the best validation, or the last step without validation data.</param>
/// <param name="BestValue">The watched metric at <paramref name="BestStep"/> (NaN without validation data).</param>
/// <param name="StoppedEarly">Whether early stopping ended the run.</param>
/// <param name="Elapsed">Wall-clock training time.</param>
public sealed record TrainingResult(IReadOnlyList<TrainingRecord> History, long Steps, long BestStep, double BestValue, bool StoppedEarly, TimeSpan Elapsed);

/// <summary>Training produced a non-finite loss or gradient; the run was stopped before it could corrupt the model.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception with a message naming where it happened.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }
}
