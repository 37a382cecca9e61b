using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Trainers;

namespace MLNetCtr.Tests.Models;

public sealed class DinBstTests(SequenceScenarioFixture data) : IClassFixture<SequenceScenarioFixture>
{
    private double TestAuc(CtrPredictionModel model) => model.Evaluate(data.Test)["click"].Binary!.AreaUnderRocCurve;

    [Theory]
    [InlineData(ParametricActivationKind.Dice)]
    [InlineData(ParametricActivationKind.PRelu)]
    public void Din_OnSequenceScenario_LearnsWellAboveChance(ParametricActivationKind activation)
    {
        CtrPredictionModel model = new DinTrainer(new DinOptions { NumberOfEpochs = 2, BatchSize = 256, Activation = activation, HiddenSizes = [64, 32] }).Fit(data.Train, data.Encoder);

        Assert.InRange(TestAuc(model), 0.62, 1.0);
    }

    [Fact]
    public void Bst_OnSequenceScenario_LearnsWellAboveChance()
    {
        CtrPredictionModel model = new BstTrainer(new BstOptions { NumberOfEpochs = 2, BatchSize = 256, HiddenSizes = [64, 32] }).Fit(data.Train, data.Encoder);

        Assert.InRange(TestAuc(model), 0.62, 1.0);
    }

    [Theory]
    [InlineData("din")]
    [InlineData("bst")]
    public void SaveLoad_GivesIdenticalScores(string family)
    {
        CtrPredictionModel model = ModelRegistry.Get(family).Fit(data.Train.Select([.. Enumerable.Range(0, 2000)]), data.Encoder, null,
            ModelRegistry.Get(family).DefaultOptions() with { NumberOfEpochs = 1, BatchSize = 256 }).Model;
        string path = data.NewPath();
        model.Save(path);

        Assert.Equal(model.Score(data.Test), CtrPredictionModel.LoadFrom(path).Score(data.Test));
    }
}
