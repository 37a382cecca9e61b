using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Serving;
using MLNetCtr.Tests.Models;
using MLNetCtr.Trainers;

namespace MLNetCtr.Tests.Serving;

/// <summary>One parallel two-tower model (every branch), trained briefly once, served by inner products.</summary>
public sealed class TrainedTwoTowerFixture : IDisposable
{
    public TrainedTwoTowerFixture()
    {
        Data = new FieldsScenarioFixture();
        var options = FieldsScenarioFixture.TinyTwoTower(new ParallelTwoTowerOptions()) with { NumberOfEpochs = 1 };
        Model = new ParallelTwoTowerTrainer(options).Fit(Data.Train.Select([.. Enumerable.Range(0, 8_000)]), Data.Encoder);
    }

    public FieldsScenarioFixture Data { get; }

    public CtrPredictionModel Model { get; }

    public void Dispose() => Data.Dispose();
}

public sealed class TwoTowerServingTests(TrainedTwoTowerFixture trained) : IClassFixture<TrainedTwoTowerFixture>
{
    [Fact]
    public void FoldedScores_EqualTheFullModelsScores()
    {
        var serving = new TwoTowerServing(trained.Model);
        CtrDataset rows = trained.Data.Test;
        float[] full = trained.Model.Score(rows)[0];

        float[] users = serving.UserVectors(rows);
        ItemVectorTable items = serving.ItemVectors(rows, [.. Enumerable.Range(0, rows.RowCount).Select(i => $"row{i}")], "item_id");

        int w = serving.Width;
        for (int i = 0; i < rows.RowCount; i++)
        {
            float folded = serving.Score(users.AsSpan(i * w, w), items)[i];
            Assert.True(Math.Abs(folded - full[i]) <= 1e-5 * (1 + Math.Abs(full[i])), $"row {i}: folded {folded:G9}, full model {full[i]:G9}");
            if (i == 200)
            {
                break;   // each Score covers every item; 200 users are plenty
            }
        }
    }

    [Fact]
    public void ExportItems_KeepsOneRowPerKey_AndRoundTripsThroughTheFile()
    {
        var serving = new TwoTowerServing(trained.Model);
        string path = Path.Combine(trained.Data.Directory, $"items-{Guid.NewGuid():N}.safetensors");

        ItemVectorTable exported = serving.ExportItems(trained.Data.Synthetic.Train.Path, path);
        ItemVectorTable loaded = ItemVectorTable.Load(path);

        Assert.Equal(exported.Keys.Count, exported.Keys.Distinct().Count());
        Assert.InRange(exported.Count, 150, 200);   // the items of the training file
        Assert.Equal("item_id", loaded.KeyColumn);
        Assert.Equal("parallel-two-tower", loaded.Family);
        Assert.Equal(exported.Keys, loaded.Keys);
        Assert.Equal(exported.Vector(7).ToArray(), loaded.Vector(7).ToArray());
    }

    [Fact]
    public void TopK_IsTheBestScoresInOrder()
    {
        var serving = new TwoTowerServing(trained.Model);
        ItemVectorTable items = serving.ExportItems(trained.Data.Synthetic.Train.Path);
        float[] user = serving.UserVectors(trained.Data.Test.Select([3]));

        IReadOnlyList<ItemScore> top = serving.TopK(user, items, k: 10);
        float[] scores = serving.Score(user, items);

        Assert.Equal(10, top.Count);
        Assert.Equal(scores.OrderDescending().Take(10), top.Select(t => t.Score));
        Assert.All(top, t => Assert.Equal(scores[t.Index], t.Score));
    }

    [Fact]
    public void Constructor_NotATwoTowerModel_ThrowsNamingTheFamily()
    {
        CtrPredictionModel lr = new LogisticRegressionTrainer(new LogisticRegressionOptions { NumberOfEpochs = 1 })
            .Fit(trained.Data.Train.Select([.. Enumerable.Range(0, 1_000)]), trained.Data.Encoder);
        Assert.Contains("logistic-regression", Assert.Throws<ArgumentException>(() => new TwoTowerServing(lr)).Message);
    }

    [Fact]
    public void Constructor_UnknownTask_ThrowsListingTheTasks() =>
        Assert.Contains("click", Assert.Throws<ArgumentException>(() => new TwoTowerServing(trained.Model, "buy")).Message);

    [Fact]
    public void Score_VectorsOfAnotherWidth_AreRefusedNamingBothWidths()
    {
        var serving = new TwoTowerServing(trained.Model);
        var items = new ItemVectorTable(["a"], new float[3], 3, "parallel-two-tower", "item_id");
        string message = Assert.Throws<ArgumentException>(() => serving.Score(new float[serving.Width], items)).Message;
        Assert.Contains(serving.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), message);
        Assert.Contains("width 3", message);
    }

    [Fact]
    public void Load_NotAnItemVectorFile_IsRefusedNamingIt()
    {
        string path = Path.Combine(trained.Data.Directory, $"not-items-{Guid.NewGuid():N}.safetensors");
        File.WriteAllText(path, "item_id\ni1\n");
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => ItemVectorTable.Load(path)).Message);
    }
}
