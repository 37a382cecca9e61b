using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Trainers;

/// <summary>
/// Options of the multi-task trainers <c>mmoe</c>, <c>shared-bottom</c> and <c>ple</c> (<see cref="MmoeTrainer"/>):
/// the training loop's, the network's sizes, the tasks' loss weights, the shallow bias tower and the DUPN user
/// representation. Each task is a label column of the schema, in schema order: binary labels are trained with BCE,
/// numeric ones with MSE. Defaults come from <see cref="CtrDefaults"/> and <see cref="MultitaskDefaults"/>.
/// </summary>
public sealed record MmoeOptions : TrainingOptions
{
    /// <summary>Dimension D of each field embedding. Default: <see cref="CtrDefaults.EmbeddingDimension"/> (16).</summary>
    public int EmbeddingDimension { get; init; } = CtrDefaults.EmbeddingDimension;

    /// <summary>Experts of MMoE and OMoE, and shared experts per level of PLE; shared-bottom has one. Default: <see cref="MultitaskDefaults.ExpertCount"/> (4).</summary>
    public int ExpertCount { get; init; } = MultitaskDefaults.ExpertCount;

    /// <summary>Task-specific experts per task and level (PLE only). Default: <see cref="MultitaskDefaults.TaskExpertCount"/> (1).</summary>
    public int TaskExpertCount { get; init; } = MultitaskDefaults.TaskExpertCount;

    /// <summary>Extraction levels (PLE only). Default: <see cref="MultitaskDefaults.PleLevels"/> (2).</summary>
    public int PleLevels { get; init; } = MultitaskDefaults.PleLevels;

    /// <summary>Hidden sizes of each expert MLP (of the bottom, for shared-bottom). Default: <c>[256, 128]</c>.</summary>
    public IReadOnlyList<int> ExpertHiddenLayers { get; init; } = MultitaskDefaults.ExpertHiddenLayers;

    /// <summary>Hidden sizes of each task tower before its output; may be empty. Default: <c>[64]</c>.</summary>
    public IReadOnlyList<int> TowerHiddenLayers { get; init; } = MultitaskDefaults.TowerHiddenLayers;

    /// <summary>Dropout after each hidden layer of the experts and towers, in [0, 1). Default: 0.</summary>
    public float Dropout { get; init; }

    /// <summary>
    /// Loss weight of each task, in the schema's label order; empty gives every task weight 1. A task of weight 0 is
    /// predicted but not trained. Default: empty.
    /// </summary>
    public IReadOnlyList<float> TaskLossWeights { get; init; } = [];

    /// <summary>
    /// Whether to train a shallow bias tower (YouTube, RecSys 2019) on <see cref="BiasTowerColumns"/>, whose logit is
    /// added to <see cref="BiasTowerTask"/>'s logit in training only. Default: true (it takes effect only where it has
    /// columns: by default, when the schema has a position column).
    /// </summary>
    /// <remarks>
    /// Validation scores are served without the tower, against logged (position-biased) labels of that task: to pick the
    /// best model, watch the AUC within each position (<see cref="TrainingOptions.EarlyStoppingMetric"/> =
    /// <see cref="ValidationMetric.PositionAuc"/>), watch another task (<see cref="TrainingOptions.EarlyStoppingTask"/>)
    /// or keep the last one (<see cref="TrainingOptions.RestoreBestModel"/> false).
    /// </remarks>
    public bool UseBiasTower { get; init; } = true;

    /// <summary>
    /// The bias tower's inputs: the schema's position column and/or categorical feature columns. Null for the default:
    /// the position column, if the schema has one, with the column <see cref="MultitaskDefaults.DeviceColumn"/>
    /// ("device") if present; no tower without a position column. Default: null.
    /// </summary>
    public IReadOnlyList<string>? BiasTowerColumns { get; init; }

    /// <summary>The task whose logit the bias tower corrects; null for the first binary task. Default: null.</summary>
    public string? BiasTowerTask { get; init; }

    /// <summary>Hidden sizes of the bias tower before its output. Default: <c>[16]</c>.</summary>
    public IReadOnlyList<int> BiasTowerHiddenLayers { get; init; } = MultitaskDefaults.BiasTowerHiddenLayers;

    /// <summary>Positions the bias tower tells apart: 0 … this − 1, larger ones share the last. Default: <see cref="MultitaskDefaults.BiasTowerPositions"/> (32).</summary>
    public int BiasTowerPositions { get; init; } = MultitaskDefaults.BiasTowerPositions;

    /// <summary>
    /// Probability of dropping a training row's position feature in the bias tower (its embedding becomes 0), in [0, 1):
    /// the YouTube ranker drops it for 10% of rows so the model does not over-rely on the position. Default:
    /// <see cref="MultitaskDefaults.BiasTowerPositionDropout"/> (0.1).
    /// </summary>
    /// <remarks>
    /// On the dropped rows the task's own tower must explain the position effect, so the served score absorbs part of
    /// whatever the logged ranker placed by. Where the position carries little of the old ranker's relevance, 0 serves
    /// scores closer to the position-free relevance (README, "Measured quality").
    /// </remarks>
    public float BiasTowerPositionDropout { get; init; } = MultitaskDefaults.BiasTowerPositionDropout;

    /// <summary>
    /// At serving, feed the bias tower this position (its other columns as they are) instead of leaving it out; null
    /// leaves it out. Default: null.
    /// </summary>
    public int? BiasTowerServingPosition { get; init; }

    /// <summary>
    /// The item sequence column of a DUPN user representation (Ni et al., KDD 2018): its items and the sequences
    /// aligned with it (behavior type, time gap, …) go through an LSTM and attention pooling conditioned on the user
    /// profile, and the result joins the shared input of every task. Null for none. Default: null.
    /// </summary>
    public string? BehaviorSequence { get; init; }

    /// <summary>Hidden size of the DUPN LSTM and attention. Default: <see cref="MultitaskDefaults.BehaviorHiddenSize"/> (32).</summary>
    public int BehaviorHiddenSize { get; init; } = MultitaskDefaults.BehaviorHiddenSize;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EmbeddingDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExpertCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TaskExpertCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PleLevels);
        ThrowIfNotPositive(ExpertHiddenLayers, nameof(ExpertHiddenLayers), allowEmpty: false);
        ThrowIfNotPositive(TowerHiddenLayers, nameof(TowerHiddenLayers), allowEmpty: true);
        ThrowIfNotPositive(BiasTowerHiddenLayers, nameof(BiasTowerHiddenLayers), allowEmpty: true);
        if (!(Dropout >= 0f && Dropout < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, $"Dropout must be in [0, 1); got {Dropout}.");
        }
        if (TaskLossWeights is null || TaskLossWeights.Any(w => !(w >= 0f) || !float.IsFinite(w)))
        {
            throw new ArgumentOutOfRangeException(nameof(TaskLossWeights), $"Task loss weights must be finite and ≥ 0; got [{string.Join(", ", TaskLossWeights ?? [])}].");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BiasTowerPositions);
        if (!(BiasTowerPositionDropout >= 0f && BiasTowerPositionDropout < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(BiasTowerPositionDropout), BiasTowerPositionDropout, $"The bias tower's position dropout must be in [0, 1); got {BiasTowerPositionDropout}.");
        }
        if (BiasTowerServingPosition is { } position)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(position, nameof(BiasTowerServingPosition));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BehaviorHiddenSize);
    }

    /// <summary>
    /// The tasks of <paramref name="encoder"/>'s schema (its labels, in order) with their <see cref="TaskLossWeights"/>.
    /// Throws when the weights do not match the tasks one for one or are all 0.
    /// </summary>
    public IReadOnlyList<CtrTask> TasksOf(DataEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        IReadOnlyList<CtrTask> tasks = CtrTask.FromSchema(encoder.Schema);
        IReadOnlyList<float> weights = TaskLossWeights;
        if (weights.Count > 0 && (weights.Count != tasks.Count || !weights.Any(w => w > 0f)))
        {
            throw new ArgumentException($"{nameof(TaskLossWeights)} [{string.Join(", ", weights)}] must give one weight per task ({string.Join(", ", tasks.Select(t => t.Name))}), at least one of them positive.", nameof(encoder));
        }
        return weights.Count == 0 ? tasks : [.. tasks.Select((t, i) => t with { LossWeight = weights[i] })];
    }

    private static void ThrowIfNotPositive(IReadOnlyList<int>? sizes, string name, bool allowEmpty)
    {
        if (sizes is null || (!allowEmpty && sizes.Count == 0) || sizes.Any(s => s <= 0))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must hold {(allowEmpty ? "" : "at least one size, and ")}only positive sizes; got [{string.Join(", ", sizes ?? [])}].");
        }
    }
}
