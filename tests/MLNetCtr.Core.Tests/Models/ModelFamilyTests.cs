using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Tests.Models;

/// <summary>Every new family: registered by id, learns on the fields scenario, and saves and loads to identical scores.</summary>
public sealed class ModelFamilyTests(FieldsScenarioFixture data) : IClassFixture<FieldsScenarioFixture>
{
    public static TheoryData<string> Ids => FieldsScenarioFixture.FamilyIds;

    [Theory]
    [MemberData(nameof(Ids))]
    public void Fit_OnFieldsScenario_LossFallsAndAucIsWellAboveChance(string id)
    {
        ModelFamily family = ModelRegistry.Get(id);
        var losses = new List<double>();

        (CtrPredictionModel model, _) = family.Fit(data.Train, data.Encoder, null, FieldsScenarioFixture.TinyOptions(id), new Recorder(p => losses.Add(p.Loss)));
        double auc = model.Evaluate(data.Test)["click"].Binary!.AreaUnderRocCurve;

        double first = losses.Take(3).Average(), last = losses.TakeLast(3).Average();
        Assert.True(last < 0.85 * first, $"{id}: loss went {first:F4} -> {last:F4}");
        Assert.True(auc > 0.70, $"{id}: test AUC {auc:F4} (oracle {data.OracleAuc:F4})");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void SaveLoad_GivesIdenticalScores(string id)
    {
        ModelFamily family = ModelRegistry.Get(id);
        CtrDataset sample = data.Train.Select([.. Enumerable.Range(0, 3_000)]);
        TrainingOptions options = FieldsScenarioFixture.TinyOptions(id) with { NumberOfEpochs = 1 };
        (CtrPredictionModel model, _) = family.Fit(sample, data.Encoder, null, options);
        string path = Path.Combine(data.Directory, $"{id}-{Guid.NewGuid():N}.mlnetctr");

        model.Save(path);
        CtrPredictionModel loaded = CtrPredictionModel.LoadFrom(path);

        Assert.Equal(id, loaded.Family.Id);
        Assert.Equal(family.OptionsToJson(model.Options), loaded.Family.OptionsToJson(loaded.Options));
        Assert.Equal(model.Score(data.Test), loaded.Score(data.Test));
        Assert.NotEqual(family.CreateModel(data.Encoder, options).NamedParameters().Last().Parameter.Data, loaded.Network.NamedParameters().Last().Parameter.Data);
    }

    [Fact]
    public void Registry_KnowsEveryTrainerId() =>
        Assert.Subset(ModelRegistry.Families.Select(f => f.Id).ToHashSet(), FieldsScenarioFixture.NewFamilyIds.ToHashSet());

    /// <summary>A synchronous progress sink.</summary>
    private sealed class Recorder(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport(value);
    }
}
