using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetCtr.Models;

namespace MLNetCtr.Tests;

/// <summary>Training and test data, and a parallel two-tower fitted once through the simple catalog overload.</summary>
public sealed class SkinFixture
{
    public SkinFixture()
    {
        Train = Ml.Data.LoadFromEnumerable(ClickRows.Generate(10_000, seed: 1));
        Test = Ml.Data.LoadFromEnumerable(TestRows);
        TwoTower = Ml.Ctr().Trainers.ParallelTwoTower(userColumnNames: ["UserId"], itemColumnNames: ["ItemId", "Category", "Price"], learningRate: 0.01f).Fit(Train);
    }

    public MLContext Ml { get; } = new(seed: 1);

    public List<ClickRow> TestRows { get; } = ClickRows.Generate(2_000, seed: 2);

    public IDataView Train { get; }

    public IDataView Test { get; }

    public CtrPredictionTransformer TwoTower { get; }

    /// <summary>Models must come within 0.08 of the oracle AUC (about 0.80 here) on 10k training rows.</summary>
    public double MinimumAuc => ClickRows.OracleAuc(TestRows) - 0.08;

    /// <summary>
    /// For the models whose tests check the skin's columns rather than quality (ESMM, MMoE, SRP4CTR at default sizes
    /// overfit 10k rows of 150 ids): well above chance (0.5), so a broken mapping fails.
    /// </summary>
    public double PlumbingAuc => 0.62;
}

public sealed class CtrCatalogTests(SkinFixture data) : IClassFixture<SkinFixture>
{
    private readonly MLContext _ml = data.Ml;
    private readonly IDataView _train = data.Train, _test = data.Test;
    private readonly List<ClickRow> _testRows = data.TestRows;

    private CtrPredictionTransformer FitTwoTower() => data.TwoTower;

    private static float[] Column(IDataView data, string name) => [.. data.GetColumn<float>(name)];

    [Fact]
    public void ParallelTwoTower_FitTransformEvaluate_ReachesAucWellAboveChance()
    {
        IDataView scored = FitTwoTower().Transform(_test);

        CalibratedBinaryClassificationMetrics metrics = _ml.BinaryClassification.Evaluate(scored);

        Assert.InRange(metrics.AreaUnderRocCurve, data.MinimumAuc, 1.0);
        Assert.Equal(_testRows.Count, scored.GetColumn<bool>("PredictedLabel").Count());
    }

    [Fact]
    public void PredictionEngine_Predict_EqualsTheTransformedColumns()
    {
        CtrPredictionTransformer model = FitTwoTower();
        float[] scores = Column(model.Transform(_test), "Score");
        bool[] labels = [.. model.Transform(_test).GetColumn<bool>("PredictedLabel")];
        PredictionEngine<ClickRow, ClickPrediction> engine = _ml.Model.CreatePredictionEngine<ClickRow, ClickPrediction>(model);

        for (int i = 0; i < 50; i++)
        {
            ClickPrediction prediction = engine.Predict(_testRows[i]);
            Assert.Equal(scores[i], prediction.Score, 5);
            Assert.Equal(1 / (1 + MathF.Exp(-scores[i])), prediction.Probability, 5);
            Assert.Equal(labels[i], prediction.PredictedLabel);
        }
    }

    [Fact]
    public void SaveLoad_GivesIdenticalScores_AndMLNetModelSaveIsRefusedWithDirections()
    {
        CtrPredictionTransformer model = FitTwoTower();
        string path = Path.Combine(Path.GetTempPath(), $"mlnetctr-skin-{Guid.NewGuid():N}.zip");
        model.Save(path);

        CtrPredictionTransformer loaded = _ml.Ctr().LoadModel(path);
        Exception refused = Assert.ThrowsAny<Exception>(() => _ml.Model.Save(model, _train.Schema, Path.ChangeExtension(path, ".mlnet.zip")));
        File.Delete(path);

        Assert.Equal(Column(model.Transform(_test), "Score"), Column(loaded.Transform(_test), "Score"));
        Assert.Contains("CtrPredictionTransformer.Save(path)", refused.ToString());
    }

    [Fact]
    public void Pipeline_AfterMapValueToKey_ReadsKeyColumns()
    {
        var pipeline = _ml.Transforms.Conversion.MapValueToKey("ItemKey", "ItemId")
            .Append(_ml.Ctr().Trainers.ParallelTwoTower(new CtrEstimatorOptions<MLNetCtr.Models.TwoTower.ParallelTwoTowerOptions>
            {
                Columns = new() { FeatureColumnNames = ["UserId", "ItemKey", "Category"], UserColumnNames = ["UserId"], ItemColumnNames = ["ItemKey", "Category"] },
                Trainer = new() { Branches = [MLNetCtr.Models.TwoTower.TowerBranchKind.Mlp, MLNetCtr.Models.TwoTower.TowerBranchKind.Fm], LearningRate = 0.01f },
            }));

        var model = pipeline.Fit(_train);

        Assert.InRange(_ml.BinaryClassification.Evaluate(model.Transform(_test)).AreaUnderRocCurve, data.MinimumAuc, 1.0);
        Assert.Equal(typeof(KeyDataViewType), ColumnType("ItemKey"));

        Type ColumnType(string name) => model.Transform(_test).Schema[name].Type.GetType();
    }

    [Fact]
    public void Esmm_WritesColumnsPerTask_ThatBinaryEvaluateReads()
    {
        var estimator = _ml.Ctr().Trainers.Esmm(featureColumnNames: ["UserId", "ItemId", "Category"], clickColumnName: "Label", conversionColumnName: "Buy", learningRate: 0.01f);

        IDataView scored = estimator.Fit(_train).Transform(_test);

        string[] names = [.. scored.Schema.Select(c => c.Name)];
        Assert.Contains("ctr.Score", names);
        Assert.Contains("cvr.Probability", names);
        Assert.Contains("ctcvr.PredictedLabel", names);
        var metrics = _ml.BinaryClassification.Evaluate(scored, labelColumnName: "Label", scoreColumnName: "ctr.Score",
            probabilityColumnName: "ctr.Probability", predictedLabelColumnName: "ctr.PredictedLabel");
        Assert.InRange(metrics.AreaUnderRocCurve, data.PlumbingAuc, 1.0);
    }

    [Fact]
    public void Mmoe_BinaryAndRegressionLabels_WriteBinaryAndRegressionColumns()
    {
        var estimator = _ml.Ctr().Trainers.Mmoe(labelColumnNames: ["Label", "Dwell"], featureColumnNames: ["UserId", "ItemId", "Category"], learningRate: 0.01f);

        IDataView scored = estimator.Fit(_train).Transform(_test);

        Assert.InRange(_ml.BinaryClassification.Evaluate(scored, "Label", "Label.Score", "Label.Probability", "Label.PredictedLabel").AreaUnderRocCurve, data.PlumbingAuc, 1.0);
        Assert.InRange(_ml.Regression.Evaluate(scored, "Dwell", "Dwell.Score").RSquared, 0.2, 1.0);
        Assert.Null(scored.Schema.GetColumnOrNull("Dwell.Probability"));
    }

    [Fact]
    public void FgBertThenSrp4Ctr_FineTunesThePretrainedEncoderOnTheSameColumns()
    {
        var architecture = new FgBertArchitecture { EmbeddingDimension = 16, Layers = 1, Heads = 2, FeedForward = 32, Dropout = 0f };
        FgBertEstimator pretraining = _ml.Ctr().Trainers.FgBert(new CtrEstimatorOptions<Trainers.FgBertOptions>
        {
            Columns = new() { ItemColumnNames = ["ItemId"], FeatureColumnNames = ["UserId", "ItemId", "History", "HistoryTypes"], SharedVocabularies = new Dictionary<string, string> { ["History"] = "ItemId" }, AlignedSequences = new Dictionary<string, string> { ["HistoryTypes"] = "History" }, MaxSequenceLength = 5 },
            Trainer = new() { Architecture = architecture, NumberOfEpochs = 2 },
        });
        FgBertTransformer pretrained = pretraining.Fit(_train);

        CtrPredictionTransformer model = _ml.Ctr().Trainers.Srp4Ctr("ItemId", "History", ["HistoryTypes"], pretrained, learningRate: 0.005f).Fit(_train);

        Assert.InRange(_ml.BinaryClassification.Evaluate(model.Transform(_test)).AreaUnderRocCurve, data.PlumbingAuc, 1.0);
        Assert.Null(((Trainers.Srp4CtrOptions)model.Model.Options).PretrainedModel);
    }
}
