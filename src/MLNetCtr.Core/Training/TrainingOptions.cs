using MLNetCtr.Models;
using MLNetCtr.Nn.Optim;

namespace MLNetCtr.Training;

/// <summary>The optimizer a trainer uses.</summary>
public enum OptimizerKind
{
    /// <summary>Adam with L2 weight decay; lazy (touched rows only) on embedding tables.</summary>
    Adam,

    /// <summary>Adam with decoupled weight decay.</summary>
    AdamW,

    /// <summary>Adagrad.</summary>
    Adagrad,

    /// <summary>SGD with momentum 0.9.</summary>
    Sgd,
}

/// <summary>The validation metric that selects the best model and triggers early stopping.</summary>
public enum ValidationMetric
{
    /// <summary>ROC AUC of the task (higher is better).</summary>
    AreaUnderRocCurve,

    /// <summary>Group AUC of the task (higher is better); needs a group id column.</summary>
    Gauc,

    /// <summary>Log-loss of the task (lower is better).</summary>
    LogLoss,

    /// <summary>Area under the precision-recall curve (higher is better).</summary>
    AreaUnderPrecisionRecallCurve,

    /// <summary>RMSE of a regression task (lower is better).</summary>
    RootMeanSquaredError,

    /// <summary>MAE of a regression task (lower is better).</summary>
    MeanAbsoluteError,

    /// <summary>
    /// AUC within each display position, weighted by rows (higher is better); needs a position column. Picks the model
    /// by ranking within a position, so a task scored without its position correction (a multi-task bias tower's task)
    /// is not judged against the position's own effect on the logged labels.
    /// </summary>
    PositionAuc,
}

/// <summary>
/// Options of the training loop shared by every trainer (each trainer's <c>Options</c> derives from this record).
/// Defaults come from <see cref="CtrDefaults"/>.
/// </summary>
public record TrainingOptions
{
    /// <summary>Passes over the training data. Default: <see cref="CtrDefaults.NumberOfEpochs"/> (3).</summary>
    public int NumberOfEpochs { get; init; } = CtrDefaults.NumberOfEpochs;

    /// <summary>Rows per step. Default: <see cref="CtrDefaults.BatchSize"/> (1024).</summary>
    public int BatchSize { get; init; } = CtrDefaults.BatchSize;

    /// <summary>Peak learning rate. Default: <see cref="CtrDefaults.LearningRate"/> (0.001).</summary>
    public float LearningRate { get; init; } = CtrDefaults.LearningRate;

    /// <summary>The optimizer. Default: <see cref="OptimizerKind.Adam"/>.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Weight decay of dense parameters. Default: 0.</summary>
    public float WeightDecay { get; init; }

    /// <summary>L2 weight decay of embedding tables (applied to the rows a step touches). Default: 0.</summary>
    public float EmbeddingWeightDecay { get; init; }

    /// <summary>Learning-rate schedule. Default: <see cref="LearningRateScheduleKind.Constant"/>.</summary>
    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Constant;

    /// <summary>Linear warm-up steps of a warm-up schedule. Default: 0.</summary>
    public int WarmupSteps { get; init; }

    /// <summary>Clip the global gradient norm to this value; 0 turns clipping off. Default: 0.</summary>
    public float GradientClipNorm { get; init; }

    /// <summary>Validate every this many steps; 0 validates at the end of each epoch. Default: 0.</summary>
    public int ValidateEverySteps { get; init; }

    /// <summary>The metric that picks the best model. Default: <see cref="ValidationMetric.AreaUnderRocCurve"/>.</summary>
    public ValidationMetric EarlyStoppingMetric { get; init; } = ValidationMetric.AreaUnderRocCurve;

    /// <summary>
    /// The task whose <see cref="EarlyStoppingMetric"/> is watched; null watches every task of a multi-task model at once:
    /// the mean of the tasks' metrics weighted by their loss weights (<c>Σ_t w_t · m_t / Σ_t w_t</c>), over the tasks of
    /// positive weight that report the metric. A model with one task watches that task. Default: null.
    /// </summary>
    /// <remarks>
    /// Weighted by loss weight because the weights already say how much each task matters: a task of weight 0 (trained
    /// through another, or only predicted) does not pick the model, and with equal weights it is the plain mean.
    /// Watching one task alone picks that task's best epoch, often at the other tasks' expense.
    /// </remarks>
    public string? EarlyStoppingTask { get; init; }

    /// <summary>Stop after this many validations without improvement; 0 never stops early. Default: <see cref="CtrDefaults.EarlyStoppingPatience"/> (2).</summary>
    public int EarlyStoppingPatience { get; init; } = CtrDefaults.EarlyStoppingPatience;

    /// <summary>At the end, restore the parameters of the best validation. Default: true.</summary>
    public bool RestoreBestModel { get; init; } = true;

    /// <summary>Seed of initialization, shuffling and dropout. Default: <see cref="CtrDefaults.Seed"/> (1).</summary>
    public int Seed { get; init; } = CtrDefaults.Seed;

    /// <summary>Where checkpoints are written; null writes none. Default: null.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Write a checkpoint every this many steps (needs <see cref="CheckpointPath"/>). Default: 0 (none).</summary>
    public int CheckpointEverySteps { get; init; }

    /// <summary>If <see cref="CheckpointPath"/> exists, continue from it instead of starting over. Default: false.</summary>
    public bool ResumeFromCheckpoint { get; init; }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range.</summary>
    public virtual void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(NumberOfEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        if (!(LearningRate > 0f) || !float.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a positive number.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(WeightDecay);
        ArgumentOutOfRangeException.ThrowIfNegative(EmbeddingWeightDecay);
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(GradientClipNorm);
        ArgumentOutOfRangeException.ThrowIfNegative(ValidateEverySteps);
        ArgumentOutOfRangeException.ThrowIfNegative(EarlyStoppingPatience);
        ArgumentOutOfRangeException.ThrowIfNegative(CheckpointEverySteps);
        if (CheckpointEverySteps > 0 && CheckpointPath is null)
        {
            throw new ArgumentException($"{nameof(CheckpointEverySteps)} is {CheckpointEverySteps} but no {nameof(CheckpointPath)} is set.", nameof(CheckpointPath));
        }
    }
}
