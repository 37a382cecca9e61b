using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Tests.Training;

public sealed class TrainingLoopTests(LinearScenarioFixture data) : IClassFixture<LinearScenarioFixture>
{
    private static readonly LogisticRegressionOptions Quick = new() { NumberOfEpochs = 1, BatchSize = 2048, EarlyStoppingPatience = 0 };

    [Fact]
    public void LogisticRegression_OnLinearScenario_ReachesOracleAuc()
    {
        CtrPredictionModel model = new LogisticRegressionTrainer().Fit(data.Train, data.Encoder, data.Valid);

        double auc = model.Evaluate(data.Test)["click"].Binary!.AreaUnderRocCurve;

        Assert.True(auc >= data.OracleAuc - 0.005, $"test AUC {auc:F4}, oracle AUC {data.OracleAuc:F4}");
    }

    [Fact]
    public void Run_LossFalls()
    {
        var losses = new List<double>();
        CtrModel model = LogisticRegressionTrainer.Definition.CreateModel(data.Encoder, Quick);
        TrainingLoop.Run(model, data.Train, null, Quick with { BatchSize = 512 }, new Recorder(p => losses.Add(p.Loss)));

        Assert.True(losses.Count >= 10, $"only {losses.Count} progress reports");
        double first = losses.Take(3).Average(), last = losses.TakeLast(3).Average();
        Assert.True(last < 0.8 * first, $"loss went {first:F4} -> {last:F4}");
    }

    [Fact]
    public void Run_ReportsTheWatchedMetricOfEachValidation()
    {
        var reports = new List<TrainingProgress>();
        var options = Quick with { NumberOfEpochs = 2, EarlyStoppingMetric = ValidationMetric.LogLoss };
        CtrModel model = LogisticRegressionTrainer.Definition.CreateModel(data.Encoder, options);
        TrainingResult result = TrainingLoop.Run(model, data.Train, data.Valid, options, new Recorder(reports.Add));

        Assert.All(reports, p => Assert.Equal(ValidationMetric.LogLoss, p.WatchedMetric));
        Assert.All(reports.Where(p => p.Validation is not null), p => Assert.Equal(p.Validation!["click"]["LogLoss"], p.WatchedValue));
        Assert.Contains(reports, p => p.WatchedValue == result.BestValue);
        Assert.Null(reports[0].WatchedValue);                                         // before the first validation
    }

    [Fact]
    public void Run_SameSeed_GivesBitIdenticalModels()
    {
        float[] a = TrainedWeights(Quick), b = TrainedWeights(Quick);
        Assert.Equal(a, b);
        Assert.NotEqual(a, TrainedWeights(Quick with { Seed = 2 }));
    }

    [Fact]
    public void Resume_FromACheckpointMidEpoch_EndsWithTheSameModelAsAnUninterruptedRun()
    {
        string checkpoint = Path.Combine(data.Directory, $"resume-{Guid.NewGuid():N}.ckpt");
        var options = Quick with { NumberOfEpochs = 2, ValidateEverySteps = 25, CheckpointPath = checkpoint, CheckpointEverySteps = 30 };
        float[] uninterrupted = TrainedWeights(options with { CheckpointEverySteps = 0, CheckpointPath = null });

        using var cancel = new CancellationTokenSource();
        CtrModel first = LogisticRegressionTrainer.Definition.CreateModel(data.Encoder, options);
        Assert.Throws<OperationCanceledException>(() =>
            TrainingLoop.Run(first, data.Train, data.Valid, options, new Recorder(p => { if (p.Step >= 70) cancel.Cancel(); }), cancel.Token));

        CtrModel resumed = LogisticRegressionTrainer.Definition.CreateModel(data.Encoder, options);
        TrainingResult result = TrainingLoop.Run(resumed, data.Train, data.Valid, options with { ResumeFromCheckpoint = true });

        Assert.Equal(uninterrupted, Flatten(resumed));
        Assert.Equal(2 * ((data.Train.RowCount + 2047) / 2048), result.Steps);
    }

    [Fact]
    public void Resume_WithDropout_EndsWithTheSameModelAsAnUninterruptedRun()
    {
        string checkpoint = Path.Combine(data.Directory, $"resume-dropout-{Guid.NewGuid():N}.ckpt");
        var options = Quick with { NumberOfEpochs = 1, CheckpointPath = checkpoint, CheckpointEverySteps = 20 };
        var uninterrupted = new DropoutModel(data.Encoder);
        TrainingLoop.Run(uninterrupted, data.Train, null, options with { CheckpointEverySteps = 0, CheckpointPath = null });

        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => TrainingLoop.Run(new DropoutModel(data.Encoder), data.Train, null, options,
            new Recorder(p => { if (p.Step >= 30) cancel.Cancel(); }), cancel.Token));
        var resumed = new DropoutModel(data.Encoder);
        TrainingLoop.Run(resumed, data.Train, null, options with { ResumeFromCheckpoint = true });

        Assert.Equal(Flatten(uninterrupted), Flatten(resumed));
    }

    [Fact]
    public void Resume_WithBatchNorm_EndsWithTheSameParametersAndRunningStatistics()
    {
        string checkpoint = Path.Combine(data.Directory, $"resume-bn-{Guid.NewGuid():N}.ckpt");
        var options = Quick with { NumberOfEpochs = 1, CheckpointPath = checkpoint, CheckpointEverySteps = 20 };
        var uninterrupted = new DropoutModel(data.Encoder, batchNorm: true);
        TrainingLoop.Run(uninterrupted, data.Train, null, options with { CheckpointEverySteps = 0, CheckpointPath = null });

        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => TrainingLoop.Run(new DropoutModel(data.Encoder, batchNorm: true), data.Train, null, options,
            new Recorder(p => { if (p.Step >= 30) cancel.Cancel(); }), cancel.Token));
        var resumed = new DropoutModel(data.Encoder, batchNorm: true);
        TrainingLoop.Run(resumed, data.Train, null, options with { ResumeFromCheckpoint = true });

        Assert.NotEmpty(resumed.NamedBuffers());
        Assert.Equal(FlattenState(uninterrupted), FlattenState(resumed));
    }

    [Fact]
    public void RestoreBest_WithBatchNorm_RestoresTheRunningStatisticsOfTheBestValidation()
    {
        CtrDataset flipped = FlippedValidation();
        var options = Quick with { NumberOfEpochs = 3, ValidateEverySteps = 10, EarlyStoppingPatience = 2 };
        var model = new DropoutModel(data.Encoder, batchNorm: true);
        var buffersAtStep = new Dictionary<long, float[]>();

        TrainingResult result = TrainingLoop.Run(model, data.Train, flipped, options,
            new Recorder(p => buffersAtStep[p.Step] = model.NamedBuffers().SelectMany(b => b.Buffer.Data).ToArray()));

        Assert.True(result.StoppedEarly);
        Assert.NotEqual(buffersAtStep[result.BestStep], buffersAtStep[result.Steps]);
        Assert.Equal(buffersAtStep[result.BestStep], model.NamedBuffers().SelectMany(b => b.Buffer.Data).ToArray());
        Assert.Equal(result.BestValue, CtrEvaluatorAuc(model, flipped), 6);
    }

    /// <summary>Embeddings → MLP with dropout (and batch norm when asked): training draws masks every step.</summary>
    private sealed class DropoutModel : CtrModel
    {
        private readonly FeatureEmbedding _embedding;
        private readonly MLNetCtr.Nn.Mlp _mlp;

        public DropoutModel(DataEncoder encoder, bool batchNorm = false)
            : base(CtrTask.FromSchema(encoder.Schema))
        {
            var random = new Random(5);
            _embedding = Register("embedding", new FeatureEmbedding(encoder, 4, random));
            _mlp = Register("mlp", new MLNetCtr.Nn.Mlp(_embedding.Fields.Count * 4, [16], random, dropout: 0.3f, batchNorm: batchNorm, outputSize: 1));
        }

        public override MLNetCtr.Tensors.Tensor Forward(CtrBatch batch) =>
            _mlp.Forward(_embedding.Forward(batch).Flatten(1));   // (B, F·D) → (B, 1)
    }

    [Fact]
    public void EarlyStopping_WhenValidationOnlyGetsWorse_StopsAndRestoresTheBestModel()
    {
        CtrDataset flipped = FlippedValidation();
        var options = Quick with { NumberOfEpochs = 3, ValidateEverySteps = 10, EarlyStoppingPatience = 2 };
        CtrModel model = LogisticRegressionTrainer.Definition.CreateModel(data.Encoder, options);

        TrainingResult result = TrainingLoop.Run(model, data.Train, flipped, options);

        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestStep + 2 * 10, result.Steps);
        double restoredAuc = CtrEvaluatorAuc(model, flipped);
        Assert.Equal(result.BestValue, restoredAuc, 6);
    }

    [Fact]
    public void Run_TrainingRecord_CarriesTheMeanLossSinceThePreviousRecord()
    {
        var stepLosses = new List<(long Step, double Loss)>();
        var options = Quick with { BatchSize = 512, ValidateEverySteps = 10 };
        CtrModel model = LogisticRegressionTrainer.Definition.CreateModel(data.Encoder, options);

        CtrDataset train = data.Train.Select(Enumerable.Range(0, 40_000).ToArray());   // 79 steps: one progress report per step

        TrainingResult result = TrainingLoop.Run(model, train, null, options, new Recorder(p => stepLosses.Add((p.Step, p.Loss))));

        Assert.Equal(result.Steps, stepLosses.Count);
        Assert.True(result.History.Count >= 3, $"only {result.History.Count} records");
        long previous = 0;
        foreach (TrainingRecord record in result.History)
        {
            double expected = stepLosses.Where(s => s.Step > previous && s.Step <= record.Step).Average(s => s.Loss);
            Assert.Equal(expected, record.TrainingLoss, 9);
            previous = record.Step;
        }
    }

    [Fact]
    public void Run_DivergingLoss_StopsWithAClearMessage()
    {
        CtrModel model = LogisticRegressionTrainer.Definition.CreateModel(data.Encoder, Quick);
        var e = Assert.Throws<TrainingDivergedException>(() => TrainingLoop.Run(model, data.Train, null, Quick with { LearningRate = 1e38f }));
        Assert.Contains("learning rate", e.Message);
        Assert.Contains("step", e.Message);
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionTrainer(new LogisticRegressionOptions { BatchSize = 0 }));
        Assert.Equal("BatchSize", e.ParamName);
        Assert.Throws<ArgumentException>(() => new LogisticRegressionTrainer(new LogisticRegressionOptions { CheckpointEverySteps = 5 }));
    }

    private float[] TrainedWeights(TrainingOptions options)
    {
        CtrModel model = LogisticRegressionTrainer.Definition.CreateModel(data.Encoder, options);
        TrainingLoop.Run(model, data.Train, data.Valid, options);
        return Flatten(model);
    }

    private static float[] Flatten(CtrModel model) => model.NamedParameters().SelectMany(p => p.Parameter.Data).ToArray();

    private static float[] FlattenState(CtrModel model) =>
        model.NamedParameters().Concat(model.NamedBuffers()).SelectMany(p => p.Item2.Data).ToArray();

    /// <summary>Validation labels are the training labels flipped: every step that fits the training data hurts validation AUC.</summary>
    private CtrDataset FlippedValidation()
    {
        CtrDataset flipped = data.Train.Select(Enumerable.Range(0, 20_000).ToArray());
        float[] labels = flipped.Labels["click"];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = 1f - labels[i];
        }
        return flipped;
    }

    private static double CtrEvaluatorAuc(CtrModel model, CtrDataset data) =>
        MLNetCtr.Evaluation.CtrEvaluator.Evaluate(model, data)["click"].Binary!.AreaUnderRocCurve;

    /// <summary>A synchronous progress sink (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport(value);
    }
}
