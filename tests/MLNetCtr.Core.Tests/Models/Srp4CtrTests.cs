using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Tests.Models;

public sealed class Srp4CtrTests(SequenceScenarioFixture data) : IClassFixture<SequenceScenarioFixture>
{
    private static readonly FgBertArchitecture s_small = new() { EmbeddingDimension = 16, Layers = 2, Heads = 2, FeedForward = 32, Dropout = 0f };

    private double TestAuc(CtrPredictionModel model) => model.Evaluate(data.Test)["click"].Binary!.AreaUnderRocCurve;

    [Theory]
    [InlineData(ItemSoftmax.Full)]
    [InlineData(ItemSoftmax.InBatch)]
    [InlineData(ItemSoftmax.LogUniform)]
    public void Pretrain_MaskedItemRecallAndBehaviorAccuracy_RiseWellAboveChance(ItemSoftmax softmax)
    {
        var options = new FgBertOptions { Architecture = s_small, NumberOfEpochs = 2, ItemSoftmax = softmax, SampledNegatives = 64 };
        PretrainedFgBert pretrained = new FgBertPretrainer(options).Pretrain(data.Train, data.Encoder);

        FgBertMetrics metrics = pretrained.Evaluate(data.Test);

        Assert.True(metrics.MaskedItemRecallAt10 > 3 * metrics.RecallAt10Chance, $"recall@10 {metrics.MaskedItemRecallAt10} vs chance {metrics.RecallAt10Chance}");
        Assert.True(metrics.BehaviorAccuracy[1] > metrics.BehaviorMajorityRate[1] + 0.1, $"time-gap accuracy {metrics.BehaviorAccuracy[1]} vs majority {metrics.BehaviorMajorityRate[1]}");
        Assert.True(pretrained.EpochLosses[^1] < pretrained.EpochLosses[0]);
    }

    [Fact]
    public void Pretrained_SaveLoad_GivesIdenticalMetrics()
    {
        PretrainedFgBert pretrained = new FgBertPretrainer(new FgBertOptions { Architecture = s_small, NumberOfEpochs = 1 }).Pretrain(data.Valid, data.Encoder);
        string path = data.NewPath("safetensors");
        pretrained.Save(path);

        Assert.Equal(pretrained.Evaluate(data.Test), PretrainedFgBert.Load(path).Evaluate(data.Test), new MetricsComparer());
    }

    [Theory]
    [InlineData(Srp4CtrMode.CrossAttention, true)]
    [InlineData(Srp4CtrMode.MeanPooling, false)]
    public void FineTune_FromPretrained_LearnsAndSavesLoadsIdentically(Srp4CtrMode mode, bool freeze)
    {
        string pretrainedPath = data.NewPath("safetensors");
        new FgBertPretrainer(new FgBertOptions { Architecture = s_small, NumberOfEpochs = 1 }).Pretrain(data.Train, data.Encoder).Save(pretrainedPath);
        var options = new Srp4CtrOptions { Architecture = s_small, PretrainedModel = pretrainedPath, Mode = mode, FreezeEncoder = freeze, NumberOfEpochs = 2, BatchSize = 256, HiddenSizes = [64, 32] };
        CtrPredictionModel model = new Srp4CtrTrainer(options).Fit(data.Train, data.Encoder);
        string path = data.NewPath();
        model.Save(path);
        File.Delete(pretrainedPath);   // a saved model needs no pretrained file

        Assert.InRange(TestAuc(model), 0.62, 1.0);
        Assert.Equal(model.Score(data.Test), CtrPredictionModel.LoadFrom(path).Score(data.Test));
    }

    [Fact]
    public void LoadPretrained_VocabulariesFittedOnOtherRows_CopiesEachValuesOwnRow()
    {
        // Pretrained on the validation file with its own vocabularies, fine-tuned with the training file's: a value's
        // vector must follow the value, not its id.
        (CtrDataset valid, DataEncoder validEncoder) = CtrDataLoader.LoadAndFit(data.Synthetic.Valid.Path, data.Synthetic.Schema);
        PretrainedFgBert pretrained = new FgBertPretrainer(new FgBertOptions { Architecture = s_small, NumberOfEpochs = 1 }).Pretrain(valid, validEncoder);
        var model = new Srp4Ctr(data.Encoder, new Srp4CtrOptions { Architecture = s_small, HiddenSizes = [32] });

        model.LoadPretrained(pretrained, data.Encoder);

        BehaviorTokens target = model.Encoder.Tokens, source = pretrained.Model.Encoder.Tokens;
        int d = s_small.EmbeddingDimension;
        foreach (string column in new[] { "hist_items", "hist_brands" })
        {
            Vocabulary to = data.Encoder.VocabularyOf(column), from = validEncoder.VocabularyOf(column);
            float[] mine = target.ItemTable(data.Encoder.Schema[column]).Weight.Data, theirs = source.ItemTable(validEncoder.Schema[column]).Weight.Data;
            Assert.Contains(to.Values, v => from.IdOf(v) != to.IdOf(v));   // the two files number the values differently
            Assert.All(to.Values, v => Assert.Equal(theirs.AsSpan(from.IdOf(v) * d, d).ToArray(), mine.AsSpan(to.IdOf(v) * d, d).ToArray()));
        }
        Assert.Equal(source.Position.Data, target.Position.Data);
        Assert.Equal(pretrained.Model.Encoder.Layers[1].FeedForward2.Weight.Data, model.Encoder.Layers[1].FeedForward2.Weight.Data);
    }

    [Fact]
    public void Fit_FromScratch_LearnsAndSavesLoadsIdentically()
    {
        var options = new Srp4CtrOptions { Architecture = s_small, NumberOfEpochs = 2, BatchSize = 256, HiddenSizes = [64, 32] };
        CtrPredictionModel model = new Srp4CtrTrainer(options).Fit(data.Train, data.Encoder);
        string path = data.NewPath();
        model.Save(path);

        Assert.Null(((Srp4CtrOptions)model.Options).PretrainedModel);
        Assert.InRange(TestAuc(model), 0.62, 1.0);
        Assert.Equal(model.Score(data.Test), CtrPredictionModel.LoadFrom(path).Score(data.Test));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScoreCandidates_OneUserManyCandidates_EqualsTheFullForwardPass(bool userQueries)
    {
        var model = new Srp4Ctr(data.Encoder, new Srp4CtrOptions { Architecture = s_small, UserQueries = userQueries, HiddenSizes = [32] });
        model.Eval();
        using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
        const int c = 64;
        CtrBatch sameUser = AsBatch(data.Test.Select([.. Enumerable.Repeat(3, c)]));
        CtrBatch candidates = AsBatch(data.Test.Select([.. Enumerable.Range(0, c)]));
        foreach (ColumnSchema column in data.Encoder.Schema.Features.Where(f => f.Side == FeatureSide.Item))
        {
            (candidates.Categorical.TryGetValue(column.Name, out int[]? ids) ? ids : null)?.CopyTo(sameUser.Categorical[column.Name], 0);
            (candidates.Numeric.TryGetValue(column.Name, out float[]? numbers) ? numbers : null)?.CopyTo(sameUser.Numeric[column.Name], 0);
        }
        float[] full = model.Forward(sameUser).Data;

        float[] served = model.ScoreCandidates(model.EncodeUser(AsBatch(data.Test.Select([3]))), candidates).Data;

        Assert.Equal(c, served.Length);
        Assert.All(Enumerable.Range(0, c), i => Assert.True(Math.Abs(full[i] - served[i]) <= 1e-5, $"candidate {i}: {full[i]} vs {served[i]}"));
        Assert.True(served.Distinct().Count() > c / 2);   // the candidates really differ
    }

    [Fact]
    public void FineTune_PretrainedWithAnotherArchitecture_FailsNamingTheShapes()
    {
        string pretrainedPath = data.NewPath("safetensors");
        new FgBertPretrainer(new FgBertOptions { Architecture = s_small, NumberOfEpochs = 1 }).Pretrain(data.Valid, data.Encoder).Save(pretrainedPath);
        var options = new Srp4CtrOptions { Architecture = s_small with { EmbeddingDimension = 8 }, PretrainedModel = pretrainedPath, NumberOfEpochs = 1 };

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => new Srp4CtrTrainer(options).Fit(data.Valid, data.Encoder));

        Assert.Contains("this model needs", e.Message);
    }

    private static CtrBatch AsBatch(CtrDataset rows) =>
        new BatchIterator(rows, new BatchOptions { BatchSize = rows.RowCount, Shuffle = false }).Epoch(0).First();

    private sealed class MetricsComparer : IEqualityComparer<FgBertMetrics>
    {
        public bool Equals(FgBertMetrics? x, FgBertMetrics? y) =>
            x!.MaskedItemRecallAt10 == y!.MaskedItemRecallAt10 && x.BehaviorAccuracy.SequenceEqual(y.BehaviorAccuracy);

        public int GetHashCode(FgBertMetrics obj) => 0;
    }
}
