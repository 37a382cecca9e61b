using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;

namespace MLNetCtr.Tests.Models.TwoTower;

public sealed class ParallelTwoTowerTests(FieldsScenarioFixture data) : IClassFixture<FieldsScenarioFixture>
{
    public static TheoryData<TowerBranchKind> Branches => new(Enum.GetValues<TowerBranchKind>());

    [Theory]
    [MemberData(nameof(Branches))]
    public void Fit_OneBranchAlone_Learns(TowerBranchKind branch)
    {
        var options = FieldsScenarioFixture.TinyTwoTower(new ParallelTwoTowerOptions(), [branch]);

        CtrPredictionModel model = new ParallelTwoTowerTrainer(options).Fit(data.Train, data.Encoder);

        double auc = model.Evaluate(data.Test)["click"].Binary!.AreaUnderRocCurve;
        Assert.True(auc > 0.70, $"{branch} alone: test AUC {auc:F4} (oracle {data.OracleAuc:F4})");
    }

    [Theory]
    [MemberData(nameof(Branches))]
    public void SaveLoad_OneBranchAlone_GivesIdenticalScores(TowerBranchKind branch)
    {
        var options = FieldsScenarioFixture.TinyTwoTower(new ParallelTwoTowerOptions(), [branch]) with { NumberOfEpochs = 1 };
        CtrPredictionModel model = new ParallelTwoTowerTrainer(options).Fit(data.Train.Select([.. Enumerable.Range(0, 3_000)]), data.Encoder);
        string path = Path.Combine(data.Directory, $"{branch}-{Guid.NewGuid():N}.mlnetctr");

        model.Save(path);
        CtrPredictionModel loaded = CtrPredictionModel.LoadFrom(path);

        Assert.Equal([branch], ((ParallelTwoTowerOptions)loaded.Options).Branches);
        Assert.Equal(model.Score(data.Test), loaded.Score(data.Test));
        Assert.NotEqual(new ParallelTwoTower(data.Encoder, options).NamedParameters().Last().Parameter.Data, loaded.Network.NamedParameters().Last().Parameter.Data);
    }

    [Theory]
    [MemberData(nameof(Branches))]
    public void UserVectors_ReadNoItemField_AndItemVectorsNoUserField(TowerBranchKind branch)
    {
        var model = new ParallelTwoTower(data.Encoder, FieldsScenarioFixture.TinyTwoTower(new ParallelTwoTowerOptions(), [branch]));
        model.Eval();
        CtrBatch original = Batch(data.Test.Select([.. Enumerable.Range(0, 64)]));
        CtrBatch itemsShuffled = Batch(WithColumnsOf(data.Test, side: FeatureSide.Item, rowOffset: 100));
        CtrBatch usersShuffled = Batch(WithColumnsOf(data.Test, side: FeatureSide.User, rowOffset: 200));

        Assert.Equal(model.UserVectors(original).Data, model.UserVectors(itemsShuffled).Data);
        Assert.NotEqual(model.UserVectors(original).Data, model.UserVectors(usersShuffled).Data);
        Assert.Equal(model.ItemVectors(original).Data, model.ItemVectors(usersShuffled).Data);
        Assert.NotEqual(model.ItemVectors(original).Data, model.ItemVectors(itemsShuffled).Data);
    }

    [Fact]
    public void MlpBranch_DefaultEmbeddingInit_LearnsMoreThanFirstOrderEffects()
    {
        // From 0.01 embeddings both towers vary too little with their ids for u ⊙ v to carry a user × item term, and the
        // DSSM sits at the logistic-regression plateau: with 0.01 this run ends at 0.7532 vs LR 0.7540; at 1/√D, 0.7630.
        var first = new LogisticRegressionTrainer(new LogisticRegressionOptions { NumberOfEpochs = 3, BatchSize = 512, EarlyStoppingPatience = 0 })
            .Fit(data.Train, data.Encoder);
        var options = FieldsScenarioFixture.TinyTwoTower(new TwoTowerOptions()) with { NumberOfEpochs = 20 };
        CtrPredictionModel dssm = new TwoTowerTrainer((TwoTowerOptions)options).Fit(data.Train, data.Encoder);

        double linear = first.Evaluate(data.Test)["click"].Binary!.AreaUnderRocCurve;
        double twoTower = dssm.Evaluate(data.Test)["click"].Binary!.AreaUnderRocCurve;
        Assert.True(twoTower > linear + 0.005, $"two-tower (MLP) {twoTower:F4} vs logistic regression {linear:F4} (oracle {data.OracleAuc:F4})");
    }

    [Fact]
    public void DeepEmbeddingInit_DefaultIsOneOverRootD_AndAnOverrideIsUsed()
    {
        var defaults = new ParallelTwoTowerOptions { MlpEmbeddingDimension = 16, DcnEmbeddingDimension = 4 };
        Assert.Equal(0.25f, defaults.DeepEmbeddingInitFor(defaults.MlpEmbeddingDimension));
        Assert.Equal(0.5f, defaults.DeepEmbeddingInitFor(defaults.DcnEmbeddingDimension));
        Assert.Equal(0.01f, (defaults with { DeepEmbeddingInitStandardDeviation = 0.01f }).DeepEmbeddingInitFor(16));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (defaults with { DeepEmbeddingInitStandardDeviation = 0f }).Validate());
        Assert.Equal(nameof(ParallelTwoTowerOptions.DeepEmbeddingInitStandardDeviation), e.ParamName);
    }

    [Fact]
    public void FmBranch_InnerProduct_IsAWholeFmOverAllFields()
    {
        var model = new ParallelTwoTower(data.Encoder, FieldsScenarioFixture.TinyTwoTower(new ParallelTwoTowerOptions(), [TowerBranchKind.Fm]));
        var fm = (FmTowerBranch)model.Branches[0];
        CtrBatch batch = Batch(data.Test.Select([.. Enumerable.Range(0, 16)]));

        float[] inner = (fm.UserVector(batch) * fm.ItemVector(batch)).Sum(1).Data;
        float[] whole = (fm.FirstOrder(batch) + FmInteraction.Pairwise(fm.AllEmbeddings(batch))).Data;   // Σ w + Σ_{f<g} ⟨e_f, e_g⟩ over all fields

        TestKit.Fixtures.AssertClose(whole, inner, "⟨u, v⟩ vs FM", tolerance: 1e-5);
    }

    [Fact]
    public void FfmBranch_InnerProduct_IsAWholeFfmOverAllFields()
    {
        var model = new ParallelTwoTower(data.Encoder, FieldsScenarioFixture.TinyTwoTower(new ParallelTwoTowerOptions(), [TowerBranchKind.Ffm]));
        var ffm = (FfmTowerBranch)model.Branches[0];
        CtrBatch batch = Batch(data.Test.Select([.. Enumerable.Range(0, 16)]));

        float[] inner = (ffm.UserVector(batch) * ffm.ItemVector(batch)).Sum(1).Data;
        float[] whole = (ffm.FirstOrder(batch) + FfmInteraction.Pairwise(ffm.AllEmbeddings(batch))).Data;   // Σ w + Σ_{f<g} ⟨e_{f,g}, e_{g,f}⟩

        TestKit.Fixtures.AssertClose(whole, inner, "⟨u, v⟩ vs FFM", tolerance: 1e-5);
    }

    [Fact]
    public void Forward_IsTheMatchingLayerOverTheProductOfUserAndItemVectors()
    {
        var model = new ParallelTwoTower(data.Encoder, FieldsScenarioFixture.TinyTwoTower(new ParallelTwoTowerOptions()));
        model.Eval();
        CtrBatch batch = Batch(data.Test.Select([.. Enumerable.Range(0, 8)]));

        float[] logits = model.Forward(batch).Data;
        float[] u = model.UserVectors(batch).Data, v = model.ItemVectors(batch).Data, w = model.MatchingWeight.Data;

        int width = model.Width;
        Assert.Equal(width, model.Branches.Sum(b => b.Width));
        for (int row = 0; row < 8; row++)
        {
            double expected = model.MatchingBias.Data[0] + Enumerable.Range(0, width).Sum(j => (double)w[j] * u[row * width + j] * v[row * width + j]);
            TestKit.Fixtures.AssertClose(expected, logits[row], $"row {row}", tolerance: 1e-5);
        }
    }

    [Fact]
    public void Constructor_SchemaWithoutItemFeatures_ThrowsListingTheSides()
    {
        DatasetSchema schema = data.Encoder.Schema with
        {
            Columns = [.. data.Encoder.Schema.Columns.Select(c => c.Side == FeatureSide.Item ? c with { Side = FeatureSide.Context } : c)],
        };
        var encoder = new DataEncoder(schema, data.Encoder.Vocabularies, data.Encoder.Numerics);

        string message = Assert.Throws<ArgumentException>(() => new ParallelTwoTower(encoder, new ParallelTwoTowerOptions())).Message;

        Assert.Contains("item: []", message);
        Assert.Contains("item_id", message);
    }

    [Fact]
    public void Options_DuplicateBranches_AreRefusedNamingThem()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelTwoTowerTrainer(new ParallelTwoTowerOptions { Branches = [TowerBranchKind.Fm, TowerBranchKind.Fm] }));
        Assert.Equal("Branches", e.ParamName);
        Assert.Contains("[Fm, Fm]", e.Message);
    }

    [Fact]
    public void TwoTowerOptions_DefaultToTheMlpBranchAlone() =>
        Assert.Equal([TowerBranchKind.Mlp], new TwoTowerOptions().Branches);

    private static CtrBatch Batch(CtrDataset rows) =>
        new BatchIterator(rows, new BatchOptions { BatchSize = rows.RowCount, Shuffle = false }).Epoch(0).Single();

    /// <summary>The first 64 test rows, with the columns of one side taken from 64 other rows.</summary>
    private static CtrDataset WithColumnsOf(CtrDataset source, FeatureSide side, int rowOffset)
    {
        CtrDataset rows = source.Select([.. Enumerable.Range(0, 64)]);
        CtrDataset donors = source.Select([.. Enumerable.Range(rowOffset, 64)]);
        foreach (ColumnSchema column in source.Schema.Features.Where(c => c.Side == side && rows.Categorical.ContainsKey(c.Name)))
        {
            donors.Categorical[column.Name].CopyTo(rows.Categorical[column.Name], 0);
        }
        return rows;
    }
}
