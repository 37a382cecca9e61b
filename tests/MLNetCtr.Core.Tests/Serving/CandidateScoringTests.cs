using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models;
using MLNetCtr.Models.Baselines;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Serving;
using MLNetCtr.Tests.Serving.Onnx;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Tests.Serving;

/// <summary>One request of one user × many candidates through <see cref="CtrScorer.ScoreCandidates"/>: the fast paths and the generic one.</summary>
public sealed class CandidateScoringTests(OnnxExportFixture data) : IClassFixture<OnnxExportFixture>
{
    [Theory]
    [InlineData("parallel-two-tower", true)]
    [InlineData("srp4ctr", true)]
    [InlineData("srp4ctr-mean-pooling", true)]
    [InlineData("deepfm", false)]
    [InlineData("bahe", true)]
    public void ScoreCandidates_OneUserManyItems_EqualsScoringTheJoinedRows(string name, bool userOnce)
    {
        var scorer = new CtrScorer(Create(name));
        ScenarioKind kind = ScenarioOf(name);
        IReadOnlyList<IReadOnlyDictionary<string, string?>> rows = data.RawRows(kind, 40);
        IReadOnlyDictionary<string, string?> user = Columns(rows[0], item: false, kind);
        IReadOnlyDictionary<string, string?>[] candidates = [.. rows.Select(r => Columns(r, item: true, kind))];
        IReadOnlyList<CtrPrediction> expected = scorer.Score([.. candidates.Select(c => Join(user, c))]);

        IReadOnlyList<CtrPrediction> actual = scorer.ScoreCandidates(user, candidates);

        Assert.Equal(userOnce, scorer.HasUserOncePath);
        Assert.Equal(candidates.Length, actual.Count);
        for (int i = 0; i < candidates.Length; i++)
        {
            foreach ((string task, float score) in expected[i].Scores)
            {
                Assert.Equal(score, actual[i].Scores[task], 1e-5f);
            }
        }
        Assert.True(expected.Select(p => p.Scores["click"]).Distinct().Count() > candidates.Length / 2, "the candidates should score differently");
    }

    [Theory]
    [InlineData("parallel-two-tower")]
    [InlineData("srp4ctr")]
    public void ScoreCandidates_FromManyThreadsAtOnce_GivesTheSequentialResults(string name)
    {
        var scorer = new CtrScorer(Create(name));
        IReadOnlyList<IReadOnlyDictionary<string, string?>> rows = data.RawRows(ScenarioKind.Sequence, 24);
        IReadOnlyDictionary<string, string?>[] candidates = [.. rows.Select(r => Columns(r, item: true))];
        float[][] sequential = [.. Enumerable.Range(0, 8).Select(u => Clicks(scorer.ScoreCandidates(Columns(rows[u], item: false), candidates)))];

        var concurrent = new float[8][];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, u => concurrent[u] = Clicks(scorer.ScoreCandidates(Columns(rows[u], item: false), candidates)));

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public void ScoreCandidates_CandidateWithoutAnItemColumn_NamesTheCandidateAndTheColumn()
    {
        var scorer = new CtrScorer(Create("parallel-two-tower"));
        IReadOnlyList<IReadOnlyDictionary<string, string?>> rows = data.RawRows(ScenarioKind.Sequence, 2);
        var second = new Dictionary<string, string?>(Columns(rows[1], item: true));
        second.Remove("item_id");

        var e = Assert.Throws<ArgumentException>(() => scorer.ScoreCandidates(Columns(rows[0], item: false), [Columns(rows[0], item: true), second]));

        Assert.Contains("Candidate 2", e.Message);
        Assert.Contains("'item_id'", e.Message);
    }

    [Fact]
    public void ScoreCandidates_UserWithoutItsHistory_NamesTheColumn()
    {
        var scorer = new CtrScorer(Create("srp4ctr"));
        IReadOnlyList<IReadOnlyDictionary<string, string?>> rows = data.RawRows(ScenarioKind.Sequence, 1);
        var user = new Dictionary<string, string?>(Columns(rows[0], item: false));
        user.Remove("hist_items");

        var e = Assert.Throws<ArgumentException>(() => scorer.ScoreCandidates(user, [Columns(rows[0], item: true)]));

        Assert.Contains("The user row", e.Message);
        Assert.Contains("'hist_items'", e.Message);
    }

    [Fact]
    public void ScoreCandidates_UnseenItem_IsScoredAsOutOfVocabulary()
    {
        var scorer = new CtrScorer(Create("srp4ctr"));
        IReadOnlyList<IReadOnlyDictionary<string, string?>> rows = data.RawRows(ScenarioKind.Sequence, 1);
        var unseen = new Dictionary<string, string?>(Columns(rows[0], item: true)) { ["item_id"] = "never-seen-item" };

        CtrPrediction prediction = Assert.Single(scorer.ScoreCandidates(Columns(rows[0], item: false), [unseen]));

        Assert.True(float.IsFinite(prediction.Scores["click"]));
    }

    private static ScenarioKind ScenarioOf(string name) => name == "bahe" ? ScenarioKind.BehaviorText : ScenarioKind.Sequence;

    private IReadOnlyDictionary<string, string?> Columns(IReadOnlyDictionary<string, string?> row, bool item, ScenarioKind kind = ScenarioKind.Sequence)
    {
        DatasetSchema schema = data.Scenario(kind).Encoder.Schema;
        HashSet<string> items = [.. schema.Features.Where(c => c.Side == FeatureSide.Item).Select(c => c.Name)];
        return row.Where(p => items.Contains(p.Key) == item).ToDictionary(p => p.Key, p => p.Value);
    }

    private static float[] Clicks(IReadOnlyList<CtrPrediction> predictions) => [.. predictions.Select(p => p.Scores["click"])];

    private static Dictionary<string, string?> Join(IReadOnlyDictionary<string, string?> user, IReadOnlyDictionary<string, string?> candidate) =>
        user.Concat(candidate).ToDictionary(p => p.Key, p => p.Value);

    private CtrPredictionModel Create(string name)
    {
        DataEncoder encoder = data.Scenario(ScenarioOf(name)).Encoder;
        var srp4ctr = new Srp4CtrOptions { Architecture = new FgBertArchitecture { EmbeddingDimension = 8, Layers = 2, Heads = 2, FeedForward = 16 }, HiddenSizes = [16], UserQueries = true };
        (ModelFamily family, TrainingOptions options) = name switch
        {
            "parallel-two-tower" => (ParallelTwoTowerTrainer.Definition, (TrainingOptions)Models.FieldsScenarioFixture.TinyTwoTower(new ParallelTwoTowerOptions(),
                [TowerBranchKind.Mlp, TowerBranchKind.Dcn, TowerBranchKind.Fm, TowerBranchKind.Ffm, TowerBranchKind.Cin])),
            "srp4ctr" => (Srp4CtrTrainer.Definition, srp4ctr),
            "srp4ctr-mean-pooling" => (Srp4CtrTrainer.Definition, srp4ctr with { Mode = Srp4CtrMode.MeanPooling }),
            "deepfm" => (DeepFmTrainer.Definition, new DeepFmOptions { EmbeddingDimension = 4, HiddenSizes = [16] }),
            "bahe" => (BaheTrainer.Definition, FamilyExportTests.SmallBahe(data)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case."),
        };
        CtrModel network = family.CreateModel(encoder, options);
        OnnxRuntimeCheck.Perturb(network, seed: 3);
        return new CtrPredictionModel(family, options, encoder, network);
    }
}
