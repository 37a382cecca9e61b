using System.Diagnostics;
using MLNetCtr.Data;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;

namespace MLNetCtr.Training;

/// <summary>
/// The one training loop every trainer uses: seeded shuffled epochs, an optimizer step per batch (lazy on embedding
/// tables), a learning-rate schedule, gradient clipping, a NaN/Inf guard, validation with early stopping and
/// restore-best, progress reports, and checkpoints that a later run resumes from bit-identically.
/// </summary>
public sealed class TrainingLoop
{
    private readonly CtrModel _model;
    private readonly CtrDataset _train;
    private readonly CtrDataset? _valid;
    private readonly TrainingOptions _options;
    private readonly IProgress<TrainingProgress>? _progress;
    private readonly Optimizer _optimizer;
    private readonly LearningRateScheduler _scheduler;
    private readonly BatchIterator _batches;
    private readonly ItemFrequency? _itemFrequency;
    private readonly BufferPool _pool = new();
    private readonly BufferPool _validationPool = new();   // one for every validation: each pass reuses the last one's buffers
    private readonly long _totalSteps;
    private readonly int _reportEvery;
    private LoopState _state = new();
    private Dictionary<string, float[]>? _bestState;   // parameters and buffers of the best validation
    private double _lossSinceReport;
    private int _stepsSinceReport;
    private long _ticksAtReport;

    private TrainingLoop(CtrModel model, CtrDataset train, CtrDataset? valid, TrainingOptions options, IProgress<TrainingProgress>? progress)
    {
        _model = model;
        _train = train;
        _valid = valid;
        _options = options;
        _progress = progress;
        _batches = new BatchIterator(train, new BatchOptions { BatchSize = options.BatchSize, Shuffle = true, Seed = options.Seed });
        _totalSteps = (long)_batches.BatchesPerEpoch * options.NumberOfEpochs;
        _reportEvery = (int)Math.Max(1, _totalSteps / 200);
        _optimizer = OptimizerFactory.Create(model, options);
        _scheduler = new LearningRateScheduler(_optimizer, LearningRateSchedules.Create(options.Schedule, options.WarmupSteps, _totalSteps));
        _itemFrequency = valid is null ? null : ItemFrequency.Count(train);
    }

    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/>, validating on <paramref name="valid"/> when given.
    /// Throws <see cref="TrainingDivergedException"/> if the loss or gradient stops being finite.
    /// </summary>
    public static TrainingResult Run(CtrModel model, CtrDataset train, CtrDataset? valid, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (train.RowCount == 0)
        {
            throw new ArgumentException("The training data has no rows.", nameof(train));
        }
        return new TrainingLoop(model, train, valid, options, progress).Train(cancellationToken);
    }

    private TrainingResult Train(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ResumeIfAsked();
        _ticksAtReport = Stopwatch.GetTimestamp();
        bool stop = false;
        for (int epoch = _state.Epoch; epoch < _options.NumberOfEpochs && !stop; epoch++)
        {
            foreach (CtrBatch batch in _batches.Epoch(epoch).Skip(epoch == _state.Epoch ? _state.BatchInEpoch : 0))
            {
                cancellationToken.ThrowIfCancellationRequested();
                float loss = Step(batch, epoch);
                _state = _state with
                {
                    Epoch = epoch, BatchInEpoch = batch.Index + 1, Step = _state.Step + 1,
                    LossSinceRecord = _state.LossSinceRecord + loss, StepsSinceRecord = _state.StepsSinceRecord + 1,
                };
                stop = AfterStep(epoch, endOfEpoch: batch.Index + 1 == _batches.BatchesPerEpoch);
                if (stop)
                {
                    break;
                }
            }
            _state = _state with { Epoch = epoch + 1, BatchInEpoch = 0 };
        }
        if (_options.RestoreBestModel && _bestState is not null)
        {
            CopyState(_bestState, _model);
        }
        return new TrainingResult(_state.History, _state.Step, _state.BestStep, _state.BestValue, stop, clock.Elapsed);
    }

    /// <summary>One optimizer step on one batch, with every buffer borrowed from the run's pool; returns the batch's loss.</summary>
    private float Step(CtrBatch batch, int epoch)
    {
        using TensorScope scope = TensorScope.Begin(_pool);
        _model.Train();
        _model.ReseedDropout(DropoutMasks.Mix(_options.Seed, _state.Step));   // masks depend on (seed, step) only: resumable
        Tensor loss = _model.Loss(_model.Forward(batch), batch);
        float value = loss.Item();
        if (!float.IsFinite(value))
        {
            throw new TrainingDivergedException($"Training diverged: the loss is {value} at epoch {epoch + 1}, step {_state.Step + 1}. Lower the learning rate (now {_options.LearningRate}) or set {nameof(TrainingOptions.GradientClipNorm)}.");
        }
        loss.Backward();
        if (_options.GradientClipNorm > 0f)
        {
            float norm = GradientClipping.ClipGlobalNorm(_optimizer.Parameters, _options.GradientClipNorm);
            if (!float.IsFinite(norm))
            {
                throw new TrainingDivergedException($"Training diverged: the gradient norm is {norm} at epoch {epoch + 1}, step {_state.Step + 1}.");
            }
        }
        _optimizer.Step();
        _optimizer.ZeroGrad();
        _scheduler.Step();
        _lossSinceReport += value;
        _stepsSinceReport++;
        return value;
    }

    /// <summary>Validation, early stopping, progress and checkpoints after a step; true to stop.</summary>
    private bool AfterStep(int epoch, bool endOfEpoch)
    {
        bool validate = _options.ValidateEverySteps > 0 ? _state.Step % _options.ValidateEverySteps == 0 : endOfEpoch;
        bool stop = false;
        if (validate)
        {
            stop = Validate(epoch);
        }
        else if (_state.Step % _reportEvery == 0)
        {
            Report(epoch, validation: null, Stopwatch.GetTimestamp());
        }
        if (_options.CheckpointEverySteps > 0 && _state.Step % _options.CheckpointEverySteps == 0)
        {
            Checkpoint.Save(_options.CheckpointPath!, _model, _optimizer, _state, _bestState);
        }
        return stop;
    }

    /// <summary>Scores the validation data, records it, keeps the best parameters; true when patience has run out.</summary>
    private bool Validate(int epoch)
    {
        long trainingEnded = Stopwatch.GetTimestamp();   // throughput counts training time only
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? metrics = _valid is null ? null
            : CtrEvaluator.Evaluate(_model, _valid, _itemFrequency, _options.BatchSize, _validationPool).ToDictionary();
        Report(epoch, metrics, trainingEnded);
        double loss = _state.StepsSinceRecord > 0 ? _state.LossSinceRecord / _state.StepsSinceRecord : double.NaN;   // since the previous record
        var history = new List<TrainingRecord>(_state.History) { new(epoch, _state.Step, loss, metrics) };
        _state = _state with { History = history, LossSinceRecord = 0, StepsSinceRecord = 0 };
        if (metrics is null)
        {
            _state = _state with { BestStep = _state.Step };
            return false;
        }
        double value = WatchedMetric.Of(metrics, _model.Tasks, _options);
        bool better = double.IsNaN(_state.BestValue) || (LowerIsBetter(_options.EarlyStoppingMetric) ? value < _state.BestValue : value > _state.BestValue);
        if (better)
        {
            _state = _state with { BestValue = value, BestStep = _state.Step, ValidationsWithoutImprovement = 0 };
            _bestState = _options.RestoreBestModel ? SnapshotState(_model) : null;
            return false;
        }
        _state = _state with { ValidationsWithoutImprovement = _state.ValidationsWithoutImprovement + 1 };
        return _options.EarlyStoppingPatience > 0 && _state.ValidationsWithoutImprovement >= _options.EarlyStoppingPatience;
    }

    private static bool LowerIsBetter(ValidationMetric metric) =>
        metric is ValidationMetric.LogLoss or ValidationMetric.RootMeanSquaredError or ValidationMetric.MeanAbsoluteError;

    /// <summary>Reports progress (the mean loss since the previous report), with throughput over the training time up to <paramref name="trainingEnded"/>.</summary>
    private void Report(int epoch, IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? validation, long trainingEnded)
    {
        double seconds = Stopwatch.GetElapsedTime(_ticksAtReport, trainingEnded).TotalSeconds;
        double loss = _stepsSinceReport > 0 ? _lossSinceReport / _stepsSinceReport : double.NaN;
        double samplesPerSecond = seconds > 0 ? _stepsSinceReport * (double)_options.BatchSize / seconds : 0;
        validation ??= _state.History.LastOrDefault()?.Validation;
        _progress?.Report(new TrainingProgress(epoch, _options.NumberOfEpochs, _state.Step, _totalSteps, loss, samplesPerSecond, validation)
        {
            WatchedMetric = _options.EarlyStoppingMetric,
            WatchedValue = validation is null ? null : WatchedMetric.Of(validation, _model.Tasks, _options),
        });
        (_lossSinceReport, _stepsSinceReport, _ticksAtReport) = (0, 0, Stopwatch.GetTimestamp());
    }

    private void ResumeIfAsked()
    {
        if (_options.ResumeFromCheckpoint && _options.CheckpointPath is { } path && File.Exists(path))
        {
            (_state, _bestState) = Checkpoint.Load(path, _model, _optimizer);
            for (long s = 0; s < _state.Step; s++)
            {
                _scheduler.Step();
            }
        }
    }

    /// <summary>Copies of every parameter and buffer (a batch norm's running statistics belong to the best model too).</summary>
    private static Dictionary<string, float[]> SnapshotState(CtrModel model) =>
        model.NamedState().ToDictionary(p => p.Name, p => (float[])p.Tensor.Data.Clone());

    private static void CopyState(Dictionary<string, float[]> source, CtrModel model)
    {
        foreach ((string name, Tensor tensor) in model.NamedState())
        {
            source[name].CopyTo(tensor.Data, 0);
        }
    }
}
