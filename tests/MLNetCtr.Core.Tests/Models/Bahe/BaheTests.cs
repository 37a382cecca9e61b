using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using MLNetCtr.Trainers;
using MLNetCtr.Text;

namespace MLNetCtr.Tests.Models;

public sealed class BaheTests(BehaviorTextFixture data) : IClassFixture<BehaviorTextFixture>
{
    private BaheOptions Small => new()
    {
        BehaviorTable = data.TablePath, FrozenLayers = BehaviorTextFixture.FrozenLayers, HiddenSize = 32, Heads = 2, FeedForward = 64, HiddenSizes = [64, 32],
        NumberOfEpochs = 2, BatchSize = 256, LearningRate = 3e-3f,
    };

    private static CtrBatch Batch(CtrDataset rows) => new BatchIterator(rows, new BatchOptions { BatchSize = rows.RowCount, Shuffle = false }).Epoch(0).First();

    private double TestAuc(CtrPredictionModel model) => model.Evaluate(data.Test)["click"].Binary!.AreaUnderRocCurve;

    [Fact]
    public void Fit_OnBehaviorTexts_LearnsWellAboveChanceOnUnseenParaphrases()
    {
        CtrPredictionModel model = new BaheTrainer(Small with { NumberOfEpochs = 5 }).Fit(data.Train, data.Encoder);

        Assert.True(model.History[^1].TrainingLoss < 0.95 * model.History[0].TrainingLoss, $"loss {model.History[0].TrainingLoss} → {model.History[^1].TrainingLoss}");
        Assert.InRange(TestAuc(model), 0.58, 1.0);   // oracle ≈ 0.77; the test rows' behavior texts never occur in training
    }

    [Fact]
    public void SaveLoad_GivesIdenticalScores()
    {
        CtrPredictionModel model = new BaheTrainer(Small with { NumberOfEpochs = 1 }).Fit(data.Train.Select([.. Enumerable.Range(0, 1000)]), data.Encoder);
        string path = data.NewPath();
        model.Save(path);

        Assert.Equal(model.Score(data.Test), CtrPredictionModel.LoadFrom(path).Score(data.Test));
    }

    [Fact]
    public void Forward_TokenLevel_GivesTheSameLogitsAsTheTable()
    {
        CtrBatch batch = Batch(data.Test.Select([.. Enumerable.Range(0, 16)]));
        BaheOptions layerZero = Small with { FrozenLayers = 1, BehaviorTable = data.NewPath("db"), EncoderModel = UseLiteModel.Directory() };
        var atomic = new Bahe(data.Encoder, layerZero);
        var tokenLevel = new Bahe(data.Encoder, layerZero with { Mode = BaheMode.TokenLevel });
        using var noGrad = GradMode.NoGrad();

        Assert.Equal(atomic.Forward(batch).Data, tokenLevel.Forward(batch).Data);   // bit for bit: the same vectors reach the same top
    }

    [Fact]
    public void Fit_TokenLevelAndTable_TrainToTheSameParameters()
    {
        CtrDataset rows = data.Train.Select([.. Enumerable.Range(0, 96)]);
        var layerZeroEncoder = new BaheBehaviorEncoder(UseLiteModel.Encoder, new BaheEncoderOptions { FrozenLayers = 1 });
        string table = data.NewPath("db");
        layerZeroEncoder.Encode(layerZeroEncoder.OpenTable(table), BehaviorTextFixture.Texts(rows));
        BaheOptions layerZero = Small with
        {
            FrozenLayers = 1, BehaviorTable = table, EncoderModel = UseLiteModel.Directory(), InitializeFromPretrained = false, NumberOfEpochs = 1, BatchSize = 24,
        };
        CtrModel atomic = new BaheTrainer(layerZero).Fit(rows, data.Encoder).Network;
        CtrModel tokenLevel = new BaheTrainer(layerZero with { Mode = BaheMode.TokenLevel }).Fit(rows, data.Encoder).Network;   // loads the encoder inside the first step's scope

        var expected = atomic.NamedParameters();
        var actual = tokenLevel.NamedParameters();
        Assert.Equal(expected.Select(p => p.Name), actual.Select(p => p.Name));
        Assert.All(expected.Zip(actual), pair => Assert.True(
            pair.First.Parameter.Data.Zip(pair.Second.Parameter.Data).All(x => Math.Abs(x.First - x.Second) <= 1e-6f),
            $"{pair.First.Name}: max difference {pair.First.Parameter.Data.Zip(pair.Second.Parameter.Data).Max(x => Math.Abs(x.First - x.Second))} after 4 steps"));
    }

    [Fact]
    public void InitializeFromPretrained_FullWidth_CopiesLayerOneIntoEveryTower()
    {
        var model = new Bahe(data.Encoder, new BaheOptions { BehaviorTable = data.NewPath("db") });
        Assert.Equal(3, model.InitializeFromPretrained(UseLiteModel.Encoder));
        Tensor pretrained = UseLiteModel.Encoder.Layers[1].FeedForward2.Weight;
        Tensor deep = model.NamedParameters().Single(p => p.Name == "towers.2.layers.0.feedForward2.weight").Parameter;
        Assert.Equal(pretrained.Data, deep.Data);
    }

    [Fact]
    public void InitializeFromPretrained_NarrowDeepLayers_CopiesNothing() =>
        Assert.Equal(0, new Bahe(data.Encoder, Small).InitializeFromPretrained(UseLiteModel.Encoder));

    [Fact]
    public void Forward_TextMissingFromTableWithoutEncoder_ThrowsNamingTheCommand()
    {
        string table = data.NewPath("db");
        var model = new Bahe(data.Encoder, Small with { BehaviorTable = table });
        var error = Assert.Throws<InvalidOperationException>(() => model.Forward(Batch(data.Test.Select([0]))));
        Assert.Contains("encode-behaviors", error.Message);
    }

    [Fact]
    public void Forward_TextMissingFromTableWithEncoder_EncodesItOnce()
    {
        string table = data.NewPath("db");
        var model = new Bahe(data.Encoder, Small with { BehaviorTable = table, EncoderModel = UseLiteModel.Directory() });
        model.Forward(Batch(data.Test.Select([0, 1])));

        Assert.Equal(BehaviorTextFixture.Texts(data.Test.Select([0, 1])).Distinct().Count(), model.Table.Count);
    }

    [Fact]
    public void LoadFrom_AnotherTableAtThePath_ThrowsNamingTheTable()
    {
        string table = data.NewPath("db");
        File.Copy(data.TablePath, table);
        CtrPredictionModel model = new BaheTrainer(Small with { BehaviorTable = table, NumberOfEpochs = 1 }).Fit(data.Train.Select([.. Enumerable.Range(0, 300)]), data.Encoder);
        string path = data.NewPath();
        model.Save(path);
        File.Delete(table);
        var encoder = new BaheBehaviorEncoder(UseLiteModel.Encoder, new BaheEncoderOptions { FrozenLayers = BehaviorTextFixture.FrozenLayers });
        encoder.Encode(encoder.OpenTable(table), BehaviorTextFixture.Texts(data.Test));

        var error = Assert.Throws<InvalidOperationException>(() => CtrPredictionModel.LoadFrom(path).Score(data.Test));
        Assert.Contains(table, error.Message);
    }

    [Fact]
    public void SequenceTower_GradCheck()
    {
        var tower = new BaheSequenceTower(6, 4, 1, 2, 5, maxLength: 3, new Random(2));
        int[] lengths = [3, 1];
        GradCheck.Check(t => tower.Forward(t[0], lengths), [GradCheck.Input([2, 3, 6], seed: 4)]);
    }

    [Fact]
    public void MaskedMeanPooling_GradCheckAndValues()
    {
        GradCheck.Check(t => MaskedMeanPooling.Forward(t[0], [2, 0, 3]), [GradCheck.Input([3, 3, 2], seed: 5)]);
        Tensor pooled = MaskedMeanPooling.Forward(Tensor.From([1f, 2f, 3f, 4f, 100f, 100f], 1, 3, 2), [2]);
        Assert.Equal([2f, 3f], pooled.Data);
    }
}
