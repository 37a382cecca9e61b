using MLNetCtr.Data;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Tests.Models;

public sealed class MmoeTests(MultitaskScenarioFixture data) : IClassFixture<MultitaskScenarioFixture>
{
    /// <summary>Small enough to train in a few seconds on one core.</summary>
    private static readonly MmoeOptions Small = new()
    {
        NumberOfEpochs = 3, BatchSize = 512, LearningRate = 3e-3f, EmbeddingDimension = 8, ExpertCount = 3,
        ExpertHiddenLayers = [32, 16], TowerHiddenLayers = [8], EarlyStoppingPatience = 0,
    };

    [Theory]
    [InlineData(MultitaskStructure.Mmoe)]
    [InlineData(MultitaskStructure.SharedBottom)]
    [InlineData(MultitaskStructure.Ple)]
    public void Fit_Structure_LearnsEveryTaskAndSavesLoadsToIdenticalScores(MultitaskStructure structure)
    {
        CtrPredictionModel model = new MmoeTrainer(Small, structure).Fit(data.Train, data.Encoder, data.Valid);
        CtrMetrics metrics = model.Evaluate(data.Test);
        string path = Path.Combine(data.Directory, $"{structure}-{Guid.NewGuid():N}.zip");
        model.Save(path);
        CtrPredictionModel loaded = CtrPredictionModel.LoadFrom(path);

        Assert.Equal(structure, ((Mmoe)model.Network).Structure);
        Assert.Equal(["click", "like", "dwell_time"], model.Tasks.Select(t => t.Name));
        AssertAucAbove(metrics, "click", 0.78);
        AssertAucAbove(metrics, "like", 0.78);
        double rSquared = metrics["dwell_time"].Regression!.RSquared;
        Assert.True(rSquared > 0.3, $"{structure}: dwell time R² {rSquared:F4}");
        Assert.Equal(model.Score(data.Test), loaded.Score(data.Test));
        Assert.Equal(structure, ((Mmoe)loaded.Network).Structure);
    }

    [Fact]
    public void Forward_BiasTower_AddsToTheClickLogitInTrainingOnly()
    {
        Mmoe model = Create(Small);
        CtrBatch batch = FirstBatch(data.Train);

        float[] training = model.Forward(batch).Data;     // also initializes the dwell-time scale from the batch
        model.Eval();
        float[] serving = model.Forward(batch).Data;

        Assert.Contains(model.NamedParameters(), p => p.Name == "biasTower.position.weight");
        Assert.Contains(model.NamedParameters(), p => p.Name == "biasTower.embeddings.0.weight");   // device
        for (int row = 0; row < batch.RowCount; row++)
        {
            Assert.NotEqual(training[3 * row], serving[3 * row]);
            Assert.Equal(training[(3 * row) + 1], serving[(3 * row) + 1]);
            Assert.Equal(training[(3 * row) + 2], serving[(3 * row) + 2]);
        }
    }

    [Fact]
    public void Forward_ServingPosition_FeedsThatPositionToEveryRow()
    {
        Mmoe omitted = Create(Small), fixedPosition = Create(Small with { BiasTowerServingPosition = 1 });
        CtrBatch batch = FirstBatch(data.Train);
        omitted.Eval();
        fixedPosition.Eval();

        float[] without = omitted.Forward(batch).Data, with = fixedPosition.Forward(batch).Data;

        int[] device = batch.Categorical["device"];
        var shifts = Enumerable.Range(0, batch.RowCount).Select(row => (Device: device[row], Shift: with[3 * row] - without[3 * row])).ToArray();
        Assert.All(shifts, s => Assert.NotEqual(0f, s.Shift));
        foreach (var rows in shifts.GroupBy(s => s.Device))   // the tower reads the device too: one shift per device
        {
            Assert.InRange(rows.Max(s => s.Shift) - rows.Min(s => s.Shift), 0f, 1e-5f);
        }
        Assert.Equal(with.Where((_, i) => i % 3 != 0), without.Where((_, i) => i % 3 != 0));
    }

    [Fact]
    public void Create_BiasTowerOffOrWithoutPositionColumn_HasNoTower()
    {
        Assert.DoesNotContain(Create(Small with { UseBiasTower = false }).NamedParameters(), p => p.Name.StartsWith("biasTower", StringComparison.Ordinal));
        Assert.DoesNotContain(Create(Small, data.SequenceEncoder).NamedParameters(), p => p.Name.StartsWith("biasTower", StringComparison.Ordinal));
        Assert.Contains(Create(Small with { BiasTowerColumns = ["device"] }, data.SequenceEncoder).NamedParameters(), p => p.Name == "biasTower.embeddings.0.weight");
    }

    [Fact]
    public void Loss_ZeroWeightTask_GetsNoGradient()
    {
        Mmoe model = Create(Small with { TaskLossWeights = [1f, 0f, 0.5f] });
        CtrBatch batch = FirstBatch(data.Train);

        model.Loss(model.Forward(batch), batch).Backward();

        Assert.All(model.NamedParameters().Where(p => p.Name.StartsWith("towers.1.", StringComparison.Ordinal)),
            p => Assert.All(p.Parameter.Grad ?? [], g => Assert.Equal(0f, g)));
        Assert.All(model.NamedParameters().Where(p => p.Name.StartsWith("towers.0.", StringComparison.Ordinal)),
            p => Assert.Contains(p.Parameter.Grad!, g => g != 0f));
        Assert.Equal([1f, 0f, 0.5f], model.Tasks.Select(t => t.LossWeight));
    }

    [Fact]
    public void Forward_FirstTrainingBatch_SetsTheRegressionScaleFromItsTargets()
    {
        Mmoe model = Create(Small);
        CtrBatch batch = FirstBatch(data.Train);
        float[] dwell = batch.Labels["dwell_time"];
        double mean = dwell.Average(v => (double)v), deviation = Math.Sqrt(dwell.Average(v => (v - mean) * (v - mean)));

        model.Forward(batch);

        var state = model.NamedState().ToDictionary(p => p.Name, p => p.Tensor.Data[0]);
        Assert.Equal(mean, state["towers.2.shift"], 3);
        Assert.Equal(deviation, state["towers.2.scale"], 3);
        Assert.DoesNotContain(model.NamedState(), p => p.Name is "towers.0.shift" or "towers.1.scale");
        Assert.DoesNotContain(model.NamedParameters(), p => p.Name.EndsWith(".shift", StringComparison.Ordinal) || p.Name.EndsWith(".scale", StringComparison.Ordinal));
    }

    [Fact]
    public void Training_KeepsTheRegressionScaleOfTheFirstBatch()
    {
        Mmoe model = Create(Small);
        CtrBatch batch = FirstBatch(data.Train);
        model.Forward(batch);
        float[] before = [.. model.NamedState().Where(p => p.Name.StartsWith("towers.2.s", StringComparison.Ordinal)).Select(p => p.Tensor.Data[0])];
        var optimizer = new Adam(model.Parameters(), new AdamOptions { LearningRate = 0.05f });

        for (int step = 0; step < 5; step++)
        {
            optimizer.ZeroGrad();
            model.Loss(model.Forward(batch), batch).Backward();
            optimizer.Step();
        }

        Assert.Equal(2, before.Length);
        Assert.Equal(before, model.NamedState().Where(p => p.Name.StartsWith("towers.2.s", StringComparison.Ordinal)).Select(p => p.Tensor.Data[0]));
    }

    [Fact]
    public void Create_MismatchedLossWeights_NamesWeightsAndTasks()
    {
        var e = Assert.Throws<ArgumentException>(() => Create(Small with { TaskLossWeights = [1f, 2f] }));
        Assert.Contains("[1, 2]", e.Message);
        Assert.Contains("click, like, dwell_time", e.Message);
    }

    [Fact]
    public void Create_UnknownBiasTaskOrColumnOrSequence_SaysWhatExists()
    {
        Assert.Contains("click (Binary), like (Binary), dwell_time (Regression)",
            Assert.Throws<ArgumentException>(() => Create(Small with { BiasTowerTask = "buy" })).Message);
        Assert.Contains("'hour_of_week' is neither the position column (position)",
            Assert.Throws<ArgumentException>(() => Create(Small with { BiasTowerColumns = ["position", "hour_of_week"] })).Message);
        Assert.Contains("Sequence columns: none", Assert.Throws<ArgumentException>(() => Create(Small with { BehaviorSequence = "history" })).Message);
    }

    [Fact]
    public void Validate_OutOfRangeOptions_NameTheOption()
    {
        Assert.Equal("TaskLossWeights", Assert.Throws<ArgumentOutOfRangeException>(() => new MmoeTrainer(Small with { TaskLossWeights = [1f, -1f] })).ParamName);
        Assert.Equal("ExpertHiddenLayers", Assert.Throws<ArgumentOutOfRangeException>(() => new MmoeTrainer(Small with { ExpertHiddenLayers = [] })).ParamName);
        Assert.Equal("Dropout", Assert.Throws<ArgumentOutOfRangeException>(() => new MmoeTrainer(Small with { Dropout = 1f })).ParamName);
    }

    [Theory]
    [InlineData("mmoe", MultitaskStructure.Mmoe)]
    [InlineData("shared-bottom", MultitaskStructure.SharedBottom)]
    [InlineData("omoe", MultitaskStructure.Omoe)]
    [InlineData("ple", MultitaskStructure.Ple)]
    public void Registry_FamilyId_BuildsItsStructure(string id, MultitaskStructure structure)
    {
        ModelFamily family = ModelRegistry.Get(id);
        var options = (MmoeOptions)family.OptionsFromJson("""{ "expertHiddenLayers": [8], "towerHiddenLayers": [], "taskLossWeights": [1, 1, 0.1] }""");

        var model = (Mmoe)family.CreateModel(data.Encoder, options);

        Assert.Equal(structure, model.Structure);
        Assert.Same(family, MmoeTrainer.DefinitionOf(structure));
        Assert.Equal(0.1f, model.Tasks[2].LossWeight);
    }

    [Fact]
    public void Fit_DupnUserRepresentation_LearnsAndSavesLoadsToIdenticalScores()
    {
        MmoeOptions options = Small with { BehaviorSequence = "hist_items", BehaviorHiddenSize = 8, NumberOfEpochs = 2 };
        CtrPredictionModel model = new MmoeTrainer(options).Fit(data.SequenceTrain, data.SequenceEncoder);
        string path = Path.Combine(data.Directory, $"dupn-{Guid.NewGuid():N}.zip");
        model.Save(path);

        double auc = model.Evaluate(data.SequenceTest)["click"].Binary!.AreaUnderRocCurve;
        double oracle = MultitaskScenarioFixture.OracleAucOf(data.Sequences, "click");

        Assert.Contains(model.Network.NamedParameters(), p => p.Name == "behaviors.lstm.weight_hh");
        Assert.Contains(model.Network.NamedParameters(), p => p.Name == "behaviors.attention.context.weight");   // profile-conditioned
        Assert.True(auc > 0.65, $"DUPN test AUC {auc:F4} (oracle {oracle:F4})");
        Assert.Equal(model.Score(data.SequenceTest), CtrPredictionModel.LoadFrom(path).Score(data.SequenceTest));
    }

    [Fact]
    public void Fit_NoEarlyStoppingTask_WatchesTheLossWeightedMeanOfTheBinaryTasks()
    {
        var options = Small with { NumberOfEpochs = 2, ExpertHiddenLayers = [8], TowerHiddenLayers = [], TaskLossWeights = [3f, 1f, 1f] };

        TrainingResult result = MmoeTrainer.Definition.Fit(data.Train, data.Encoder, data.Valid, options).Result;
        TrainingResult likeOnly = MmoeTrainer.Definition.Fit(data.Train, data.Encoder, data.Valid, options with { EarlyStoppingTask = "like" }).Result;

        var best = result.History.Single(r => r.Step == result.BestStep).Validation!;
        double click = best["click"]["AreaUnderRocCurve"], like = best["like"]["AreaUnderRocCurve"];   // dwell time has no AUC
        Assert.Equal(((3 * click) + like) / 4, result.BestValue, 12);
        Assert.Equal(likeOnly.History.Single(r => r.Step == likeOnly.BestStep).Validation!["like"]["AreaUnderRocCurve"], likeOnly.BestValue);
    }

    [Fact]
    public void Fit_WatchingPositionAuc_PicksTheEpochWithTheBestWithinPositionAuc()
    {
        var options = Small with { NumberOfEpochs = 3, ExpertHiddenLayers = [8], TowerHiddenLayers = [], EarlyStoppingMetric = ValidationMetric.PositionAuc, EarlyStoppingTask = "click" };

        TrainingResult result = MmoeTrainer.Definition.Fit(data.Train, data.Encoder, data.Valid, options).Result;

        double[] watched = [.. result.History.Select(r => r.Validation!["click"]["PositionAuc"])];
        Assert.Equal(3, watched.Length);
        Assert.Equal(watched.Max(), result.BestValue);
        Assert.Equal(result.History[Array.IndexOf(watched, watched.Max())].Step, result.BestStep);
    }

    [Fact]
    public void BiasTower_PositionDropout_ZeroesDroppedRowsPositionsInTrainingOnly()
    {
        CtrBatch batch = FirstBatch(data.Train);
        var options = Small with { BiasTowerPositionDropout = 0.5f, BiasTowerServingPosition = 2 };
        ShallowBiasTower dropping = new(data.Encoder, ["position"], options, new Random(3));
        ShallowBiasTower keeping = new(data.Encoder, ["position"], options with { BiasTowerPositionDropout = 0f }, new Random(3));   // same weights
        dropping.ReseedDropout(11);

        Tensor dropped = dropping.Forward(batch)!, kept = keeping.Forward(batch)!;                       // (B, 1)
        (Tensor Weight, float[] Grad) Gradient(ShallowBiasTower tower, Tensor output, float[] rowWeights)
        {
            Ops.Sum(output * Tensor.From(rowWeights, rowWeights.Length, 1)).Backward();
            Tensor weight = tower.NamedParameters().Single(p => p.Name == "position.weight").Parameter;
            return (weight, weight.Grad!);
        }
        float unknownPosition = MlpOfZero(keeping);
        float[] keptRows = [.. Enumerable.Range(0, batch.RowCount).Select(i => dropped.Data[i] == kept.Data[i] ? 1f : 0f)];
        for (int i = 0; i < batch.RowCount; i++)
        {
            Assert.True(keptRows[i] == 1f || dropped.Data[i] == unknownPosition, $"row {i}: {dropped.Data[i]} is neither {kept.Data[i]} nor {unknownPosition}");
        }
        Assert.InRange(keptRows.Sum(), 0.25f * batch.RowCount, 0.75f * batch.RowCount);
        // The position table learns from the kept rows only: the same gradient as the full tower weighted by the kept rows.
        float[] expected = Gradient(keeping, kept, keptRows).Grad, actual = Gradient(dropping, dropped, [.. Enumerable.Repeat(1f, batch.RowCount)]).Grad;
        Assert.Contains(expected, g => g != 0f);
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.Equal(expected[i], actual[i], 6));
        keeping.Eval();
        dropping.Eval();
        Assert.Equal(keeping.Forward(batch)!.Data, dropping.Forward(batch)!.Data);
    }

    /// <summary>The tower's output for a zero position embedding (a dropped position), by zeroing a copy of the table.</summary>
    private float MlpOfZero(ShallowBiasTower tower)
    {
        Tensor weight = tower.NamedParameters().Single(p => p.Name == "position.weight").Parameter;
        float[] saved = (float[])weight.Data.Clone();
        Array.Clear(weight.Data);
        float value = tower.Forward(FirstBatch(data.Train))!.Data[0];
        saved.CopyTo(weight.Data, 0);
        return value;
    }

    private Mmoe Create(MmoeOptions options, DataEncoder? encoder = null) => new(encoder ?? data.Encoder, options, MultitaskStructure.Mmoe);

    private static CtrBatch FirstBatch(CtrDataset dataset) =>
        new BatchIterator(dataset, new BatchOptions { BatchSize = 64, Shuffle = false }).Epoch(0).First();

    private static void AssertAucAbove(CtrMetrics metrics, string task, double floor)
    {
        double auc = metrics[task].Binary!.AreaUnderRocCurve;
        Assert.True(auc > floor, $"{task} test AUC {auc:F4} ≤ {floor}");
    }
}
