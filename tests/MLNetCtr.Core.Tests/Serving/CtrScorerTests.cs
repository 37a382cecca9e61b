using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Serialization;
using MLNetCtr.Serving;
using MLNetCtr.Tests.Training;
using MLNetCtr.Trainers;

namespace MLNetCtr.Tests.Serving;

public sealed class CtrScorerTests : IClassFixture<LinearScenarioFixture>
{
    private readonly LinearScenarioFixture _data;
    private readonly CtrPredictionModel _model;
    private readonly List<Dictionary<string, string?>> _rows;

    public CtrScorerTests(LinearScenarioFixture data)
    {
        _data = data;
        _model = new LogisticRegressionTrainer(new LogisticRegressionOptions { NumberOfEpochs = 1 }).Fit(data.Train, data.Encoder);
        string[] lines = File.ReadLines(data.Synthetic.Test.Path).Take(201).ToArray();
        string[] header = lines[0].Split(',');
        _rows = lines.Skip(1).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => (string?)p.v)).ToList();
    }

    [Fact]
    public void Score_Dictionaries_EqualBatchScoringOfTheSameRows()
    {
        var scorer = new CtrScorer(_model);
        float[] expected = _model.Score(_data.Test)[0];

        IReadOnlyList<CtrPrediction> predictions = scorer.Score(_rows.ToArray());

        for (int i = 0; i < _rows.Count; i++)
        {
            Assert.Equal(expected[i], predictions[i].Scores["click"], 5);
            Assert.Equal(1 / (1 + Math.Exp(-expected[i])), predictions[i].Probabilities["click"], 5);
        }
    }

    [Fact]
    public void Score_FromManyThreadsAtOnce_GivesTheSequentialResults()
    {
        var scorer = new CtrScorer(_model);
        float[] sequential = _rows.Select(r => scorer.Score(r).Scores["click"]).ToArray();
        var concurrent = new float[_rows.Count];

        Parallel.For(0, _rows.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => concurrent[i] = scorer.Score(_rows[i]).Scores["click"]);

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public void Score_TypedRows_MapPropertiesToColumns()
    {
        var scorer = new CtrScorer(_model);
        Dictionary<string, string?> row = _rows[0];
        var typed = new Request(row);

        Assert.Equal(scorer.Score(row).Scores["click"], scorer.ScoreObjects([typed])[0].Scores["click"]);
    }

    [Fact]
    public void Score_UnseenCategories_AreScoredAsOutOfVocabulary()
    {
        var scorer = new CtrScorer(_model);
        var row = new Dictionary<string, string?>(_rows[0]) { ["item_id"] = "never-seen-item", ["user_id"] = "never-seen-user" };
        Assert.True(float.IsFinite(scorer.Score(row).Scores["click"]));
    }

    [Fact]
    public void Score_MissingColumn_NamesIt()
    {
        var row = new Dictionary<string, string?>(_rows[0]);
        row.Remove("device");
        var e = Assert.Throws<ArgumentException>(() => new CtrScorer(_model).Score(row));
        Assert.Contains("'device'", e.Message);
    }

    [Fact]
    public void Score_WrongType_NamesTheColumn()
    {
        var row = new Dictionary<string, string?>(_rows[0]) { ["item_price"] = "cheap" };
        var e = Assert.ThrowsAny<Exception>(() => new CtrScorer(_model).Score(row));
        Assert.Contains("item_price", e.Message);
    }

    [Fact]
    public void Save_InterruptedMidWrite_LeavesThePreviousModelIntact()
    {
        string path = Path.Combine(_data.Directory, $"atomic-{Guid.NewGuid():N}.zip");
        _model.Save(path);
        byte[] before = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("simulated crash in the middle of a save");
        }));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(_model.Score(_data.Test)[0], CtrPredictionModel.LoadFrom(path).Score(_data.Test)[0]);
        Assert.DoesNotContain(Directory.GetFiles(_data.Directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Save_AfterAKilledSave_RemovesItsTemporaryButNotALiveWritersOne()
    {
        string path = Path.Combine(_data.Directory, $"stale-{Guid.NewGuid():N}.zip");
        string abandoned = Path.Combine(_data.Directory, AtomicFile.TemporaryName(Path.GetFileName(path), Guid.NewGuid().ToString("N")));
        string live = Path.Combine(_data.Directory, AtomicFile.TemporaryName(Path.GetFileName(path), Guid.NewGuid().ToString("N")));
        string unrelated = Path.Combine(_data.Directory, AtomicFile.TemporaryName(Path.GetFileName(path), "not-a-guid"));
        File.WriteAllBytes(abandoned, new byte[100]);
        File.WriteAllBytes(unrelated, new byte[100]);

        using (var writer = new FileStream(live, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            _model.Save(path);
            Assert.True(File.Exists(live));
        }

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(unrelated));
        Assert.Equal(_model.Score(_data.Test)[0], CtrPredictionModel.LoadFrom(path).Score(_data.Test)[0]);
        File.Delete(live);
        File.Delete(unrelated);
    }

    /// <summary>A typed request: properties named like the columns (ignoring case) or mapped with [CtrColumn].</summary>
    private sealed class Request(Dictionary<string, string?> row)
    {
        [CtrColumn("user_id")]
        public string? User { get; } = row["user_id"];

        [CtrColumn("item_id")]
        public string? Item { get; } = row["item_id"];

        public string? Age_Bucket { get; } = row["age_bucket"];

        public string? Gender { get; } = row["gender"];

        public string? City { get; } = row["city"];

        public string? Category { get; } = row["category"];

        public string? Brand { get; } = row["brand"];

        [CtrColumn("price_bucket")]
        public string? PriceBucket { get; } = row["price_bucket"];

        public double Item_Price { get; } = double.Parse(row["item_price"]!, System.Globalization.CultureInfo.InvariantCulture);

        public int Hour { get; } = int.Parse(row["hour"]!, System.Globalization.CultureInfo.InvariantCulture);

        public string? Device { get; } = row["device"];

        public int Position { get; } = int.Parse(row["position"]!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
