using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models;
using MLNetCtr.Models.Baselines;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Nn;
using MLNetCtr.Serving;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Trainers;
using MLNetCtr.Training;
using Xunit.Abstractions;

namespace MLNetCtr.Tests.Serving.Onnx;

/// <summary>Every exportable family, small and with perturbed weights, run by ONNX Runtime on 64 rows and compared with our scores.</summary>
public sealed class FamilyExportTests(OnnxExportFixture data, ITestOutputHelper output) : IClassFixture<OnnxExportFixture>
{
    private static readonly string[] s_cases =
    [
        "fm", "ffm", "dcn-v2-parallel", "dcn-v2-stacked-low-rank", "dcn-v2-cross-only", "xdeepfm", "deepfm-batch-norm",
        "esmm", "esm2", "mmoe", "shared-bottom", "omoe", "ple", "mmoe-bias-tower-serving-position", "mmoe-dupn", "shared-bottom-dupn",
        "ple-dupn", "parallel-two-tower",
        "srp4ctr", "srp4ctr-user-queries", "srp4ctr-mean-pooling", "din-dice", "din-prelu", "bst",
        "bahe", "bahe-full-width",
    ];

    private static readonly Lock s_gate = new();
    private static Dictionary<string, Func<(CtrPredictionModel Model, float[][] Expected, Dictionary<string, float[]> Actual)>>? s_results;

    public static TheoryData<string> Cases => [.. s_cases];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Export_OnnxRuntimeOnABatch_MatchesOurScores(string name)
    {
        (CtrPredictionModel model, float[][] expected, Dictionary<string, float[]> actual) = Result(name);

        OnnxRuntimeCheck.AssertMatches(model.Tasks, expected, actual, line => output.WriteLine($"{name} {line}"));
    }

    /// <summary>
    /// Every case's model, our scores and ONNX Runtime's outputs: the models are all exported first and run in ONE node
    /// process (starting ONNX Runtime dominates a run); a case whose export failed rethrows its own error.
    /// </summary>
    private (CtrPredictionModel Model, float[][] Expected, Dictionary<string, float[]> Actual) Result(string name)
    {
        lock (s_gate)
        {
            s_results ??= RunAll();
        }
        return s_results[name]();
    }

    private Dictionary<string, Func<(CtrPredictionModel, float[][], Dictionary<string, float[]>)>> RunAll()
    {
        var exported = new Dictionary<string, (CtrPredictionModel Model, float[][] Expected)>();
        var failed = new Dictionary<string, Exception>();
        var jobs = new List<(string Name, string Model, string InputsJson)>();
        foreach (string name in s_cases)
        {
            try
            {
                (CtrPredictionModel model, CtrDataset rows) = Create(name);
                string path = data.Scratch($"{name}.onnx");
                OnnxExporter.Export(model, path);
                exported[name] = (model, model.Score(rows));
                jobs.Add((name, path, OnnxRuntimeCheck.InputsJson(rows, model.Network is Bahe bahe ? bahe.OnnxVectorInputs(Batch(rows)) : null)));
            }
            catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException)
            {
                failed[name] = e;
            }
        }
        Dictionary<string, Dictionary<string, float[]>> actual = OnnxRuntimeCheck.RunBatch(jobs);
        return s_cases.ToDictionary(name => name, name => new Func<(CtrPredictionModel, float[][], Dictionary<string, float[]>)>(() =>
            failed.TryGetValue(name, out Exception? error) ? throw new InvalidOperationException($"{name}: export failed.", error)
                : (exported[name].Model, exported[name].Expected, actual[name])));
    }

    [Fact]
    public void ExportTwoTower_UserItemAndScorerGraphs_MatchFoldedServingAndScores()
    {
        (CtrPredictionModel model, CtrDataset rows) = Create("parallel-two-tower");
        var serving = new TwoTowerServing(model);
        float[][] expected = model.Score(rows);
        float[] folded = serving.UserVectors(rows);
        string inputs = OnnxRuntimeCheck.InputsJson(rows);

        TwoTowerOnnxFiles files = TwoTowerOnnxExporter.Export(model, data.Scratch("two-tower"));
        Dictionary<string, float[]> users = OnnxRuntimeCheck.Run(files.User, inputs);
        Dictionary<string, float[]> items = OnnxRuntimeCheck.Run(files.Item, inputs);
        string vectors = ScorerInputs(model, items[TwoTowerOnnxExporter.ItemVector], rows.RowCount, t => users[t + TwoTowerOnnxExporter.UserVectorSuffix], rows.RowCount, serving.Width);
        Dictionary<string, float[]> scores = OnnxRuntimeCheck.Run(files.Scorer, vectors);

        double userDiff = OnnxRuntimeCheck.MaxAbsDifference(folded, users["click" + TwoTowerOnnxExporter.UserVectorSuffix]);
        output.WriteLine($"folded user vectors max |diff| = {OnnxRuntimeCheck.Format(userDiff)}");
        Assert.True(userDiff <= 1e-5, $"folded user vectors differ by {userDiff}");
        OnnxRuntimeCheck.AssertMatches(model.Tasks, expected, scores, output.WriteLine);
        Assert.True(File.Exists(files.Encoder));
    }

    [Fact]
    public void ExportTwoTower_ScorerWithOneUserRow_ScoresEveryItemAgainstIt()
    {
        (CtrPredictionModel model, CtrDataset rows) = Create("parallel-two-tower");
        var serving = new TwoTowerServing(model);
        float[] user = serving.UserVectors(rows).AsSpan(0, serving.Width).ToArray();
        TwoTowerOnnxFiles files = TwoTowerOnnxExporter.Export(model, data.Scratch("two-tower-one-user"));
        float[] itemVectors = OnnxRuntimeCheck.Run(files.Item, OnnxRuntimeCheck.InputsJson(rows))[TwoTowerOnnxExporter.ItemVector];
        var table = new ItemVectorTable([.. Enumerable.Range(0, rows.RowCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], itemVectors, serving.Width, model.Family.Id, "key");
        string vectors = ScorerInputs(model, itemVectors, rows.RowCount, _ => user, users: 1, serving.Width);   // every task reads the click task's vector: only click is compared

        float[] onnx = OnnxRuntimeCheck.Run(files.Scorer, vectors)["click" + OnnxExporter.ScoreSuffix];

        double diff = OnnxRuntimeCheck.MaxAbsDifference(serving.Score(user, table), onnx);
        Assert.True(diff <= 1e-5, $"scores differ by {diff}");
    }

    [Fact]
    public void MixedLengths_DupnCases_HoldAnEmptyAOneStepAndAFullHistoryInEveryAlignedSequence()
    {
        (_, CtrDataset rows) = Create("mmoe-dupn");
        string[] aligned = [.. rows.Schema.Columns.Where(c => c.Name == DupnSequence || c.AlignedWith == DupnSequence).Select(c => c.Name)];

        Assert.True(aligned.Length > 1, $"Only {aligned.Length} sequence(s) aligned with {DupnSequence}.");
        Assert.All(aligned, name => Assert.Equal(rows.Sequences[DupnSequence].Lengths, rows.Sequences[name].Lengths));
        Assert.Superset(new HashSet<int> { 0, 1, rows.Sequences[DupnSequence].MaxLength }, rows.Sequences[DupnSequence].Lengths.ToHashSet());
        Assert.Contains(rows.Sequences[DupnSequence].Lengths, n => n > 1 && n < rows.Sequences[DupnSequence].MaxLength);
    }

    [Fact]
    public void ExportTwoTower_NotATwoTowerModel_ThrowsNamingTheFamily()
    {
        (CtrPredictionModel model, _) = Create("fm");

        var error = Assert.Throws<ArgumentException>(() => TwoTowerOnnxExporter.Export(model, data.Scratch("fm-two-tower")));

        Assert.Contains("'fm'", error.Message);
    }

    /// <summary>The scorer's inputs: the item vectors (B, W) and each task's folded user vectors (U, W).</summary>
    private static string ScorerInputs(CtrPredictionModel model, float[] items, int rows, Func<string, float[]> userVectors, int users, int width)
    {
        var inputs = new Dictionary<string, object> { [TwoTowerOnnxExporter.ItemVector] = new { type = "float32", dims = new[] { rows, width }, data = items } };
        foreach (CtrTask task in model.Tasks)
        {
            inputs[task.Name + TwoTowerOnnxExporter.UserVectorSuffix] = new { type = "float32", dims = new[] { users, width }, data = userVectors(task.Name) };
        }
        return System.Text.Json.JsonSerializer.Serialize(inputs);
    }

    private (CtrPredictionModel Model, CtrDataset Rows) Create(string name)
    {
        (DataEncoder encoder, CtrDataset rows) = name switch
        {
            "esmm" or "esm2" => data.Scenario(ScenarioKind.Funnel),
            "mmoe-bias-tower-serving-position" => data.Scenario(ScenarioKind.Multitask),
            "srp4ctr" or "srp4ctr-user-queries" or "srp4ctr-mean-pooling" or "din-dice" or "din-prelu" or "bst" => data.Scenario(ScenarioKind.Sequence),
            "bahe" or "bahe-full-width" => data.Scenario(ScenarioKind.BehaviorText),
            "mmoe-dupn" or "shared-bottom-dupn" or "ple-dupn" => (data.Encoder, MixedLengths(data.Rows, DupnSequence)),
            _ => (data.Encoder, data.Rows),
        };
        (ModelFamily family, TrainingOptions options) = name switch
        {
            "fm" => (FmTrainer.Definition, (TrainingOptions)new FmOptions { EmbeddingDimension = 4 }),
            "ffm" => (FfmTrainer.Definition, (TrainingOptions)new FfmOptions { EmbeddingDimension = 3 }),
            "dcn-v2-parallel" => (DcnV2Trainer.Definition, (TrainingOptions)new DcnV2Options { EmbeddingDimension = 4, HiddenSizes = [16, 8], CrossLayers = 2 }),
            "dcn-v2-stacked-low-rank" => (DcnV2Trainer.Definition, (TrainingOptions)new DcnV2Options { EmbeddingDimension = 4, HiddenSizes = [16], Structure = DcnV2Structure.Stacked, CrossRank = CrossRank.Low, LowRank = 4 }),
            "dcn-v2-cross-only" => (DcnV2Trainer.Definition, (TrainingOptions)new DcnV2Options { EmbeddingDimension = 4, HiddenSizes = [], Structure = DcnV2Structure.CrossOnly }),
            "xdeepfm" => (XDeepFmTrainer.Definition, (TrainingOptions)new XDeepFmOptions { EmbeddingDimension = 4, HiddenSizes = [16], CinLayerSizes = [6, 5] }),
            "deepfm-batch-norm" => (DeepFmTrainer.Definition, (TrainingOptions)new DeepFmOptions { EmbeddingDimension = 4, HiddenSizes = [16, 8], BatchNorm = true, Activation = Activation.Tanh }),
            "esmm" => (EsmmTrainer.EsmmDefinition, (TrainingOptions)new EsmmOptions { EmbeddingDimension = 4, TowerHiddenLayers = [16, 8] }),
            "esm2" => (EsmmTrainer.Esm2Definition, (TrainingOptions)new EsmmOptions { EmbeddingDimension = 4, TowerHiddenLayers = [16, 8] }),
            "mmoe" => (MmoeTrainer.Definition, (TrainingOptions)SmallMmoe),
            "shared-bottom" => (MmoeTrainer.SharedBottomDefinition, (TrainingOptions)SmallMmoe),
            "omoe" => (MmoeTrainer.OmoeDefinition, (TrainingOptions)SmallMmoe),
            "ple" => (MmoeTrainer.PleDefinition, (TrainingOptions)(SmallMmoe with { PleLevels = 2, TaskExpertCount = 2 })),
            "mmoe-bias-tower-serving-position" => (MmoeTrainer.Definition, (TrainingOptions)(SmallMmoe with { BiasTowerServingPosition = 1, BiasTowerHiddenLayers = [8] })),
            "mmoe-dupn" => (MmoeTrainer.Definition, (TrainingOptions)SmallDupn),
            "shared-bottom-dupn" => (MmoeTrainer.SharedBottomDefinition, (TrainingOptions)SmallDupn),
            "ple-dupn" => (MmoeTrainer.PleDefinition, (TrainingOptions)(SmallDupn with { PleLevels = 2, TaskExpertCount = 2 })),
            "parallel-two-tower" => (ParallelTwoTowerTrainer.Definition, (TrainingOptions)Models.FieldsScenarioFixture.TinyTwoTower(new ParallelTwoTowerOptions(),
                [TowerBranchKind.Mlp, TowerBranchKind.Dcn, TowerBranchKind.Fm, TowerBranchKind.Ffm, TowerBranchKind.Cin])),
            "srp4ctr" => (Srp4CtrTrainer.Definition, (TrainingOptions)SmallSrp4Ctr),
            "srp4ctr-user-queries" => (Srp4CtrTrainer.Definition, (TrainingOptions)(SmallSrp4Ctr with { UserQueries = true, QueryCount = 3 })),
            "srp4ctr-mean-pooling" => (Srp4CtrTrainer.Definition, (TrainingOptions)(SmallSrp4Ctr with { Mode = Srp4CtrMode.MeanPooling })),
            "din-dice" => (DinTrainer.Definition, (TrainingOptions)new DinOptions { EmbeddingDimension = 4, AttentionHiddenSizes = [8], HiddenSizes = [16, 8] }),
            "din-prelu" => (DinTrainer.Definition, (TrainingOptions)new DinOptions { EmbeddingDimension = 4, AttentionHiddenSizes = [8], HiddenSizes = [16], Activation = ParametricActivationKind.PRelu }),
            "bst" => (BstTrainer.Definition, (TrainingOptions)new BstOptions { EmbeddingDimension = 8, Layers = 2, Heads = 2, FeedForward = 16, HiddenSizes = [16] }),
            "bahe" => (BaheTrainer.Definition, (TrainingOptions)SmallBahe(data)),
            "bahe-full-width" => (BaheTrainer.Definition, (TrainingOptions)(SmallBahe(data) with { HiddenSize = null, Heads = 4, DeepLayers = 1 })),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown export case."),
        };
        CtrModel network = family.CreateModel(encoder, options);
        OnnxRuntimeCheck.Perturb(network, seed: 11);
        return (new CtrPredictionModel(family, options, encoder, network), rows);
    }

    private static Srp4CtrOptions SmallSrp4Ctr { get; } = new()
    {
        Architecture = new FgBertArchitecture { EmbeddingDimension = 8, Layers = 2, Heads = 2, FeedForward = 16, Dropout = 0.1f },
        HiddenSizes = [16],
    };

    /// <summary>BAHE over the fixture's random behavior table: 2 deep layers of width 8 (projected from D = 256).</summary>
    internal static BaheOptions SmallBahe(OnnxExportFixture data) => new()
    {
        BehaviorTable = data.BehaviorTablePath, FrozenLayers = 0, HiddenSize = 8, Heads = 2, FeedForward = 16, DeepLayers = 2, EmbeddingDimension = 4, HiddenSizes = [16],
    };

    private static CtrBatch Batch(CtrDataset rows) => new BatchIterator(rows, new BatchOptions { BatchSize = rows.RowCount, Shuffle = false }).Epoch(0).Single();

    private static MmoeOptions SmallMmoe { get; } = new() { EmbeddingDimension = 4, ExpertCount = 3, ExpertHiddenLayers = [16, 8], TowerHiddenLayers = [8] };

    private const string DupnSequence = "hist_items";

    private static MmoeOptions SmallDupn { get; } = SmallMmoe with { BehaviorSequence = DupnSequence, BehaviorHiddenSize = 6 };

    /// <summary>
    /// A copy of <paramref name="rows"/> in which the first three rows with a history get 0 behaviors, 1 behavior and
    /// all L (their own ids repeated), in <paramref name="itemSequence"/> and every sequence aligned with it.
    /// </summary>
    private static CtrDataset MixedLengths(CtrDataset rows, string itemSequence)
    {
        CtrDataset mixed = rows.Select([.. Enumerable.Range(0, rows.RowCount)]);
        int[] lengths = mixed.Sequences[itemSequence].Lengths;
        int[] picked = [.. Enumerable.Range(0, mixed.RowCount).Where(r => lengths[r] > 0).Take(3)];
        foreach (ColumnSchema column in mixed.Schema.Columns.Where(c => c.Name == itemSequence || c.AlignedWith == itemSequence))
        {
            SequenceColumn sequence = mixed.Sequences[column.Name];
            int l = sequence.MaxLength;
            for (int k = 0; k < picked.Length; k++)
            {
                Span<int> ids = sequence.Ids.AsSpan(picked[k] * l, l);
                int n = sequence.Lengths[picked[k]], target = k == 2 ? l : k;
                for (int t = 0; t < l; t++)
                {
                    ids[t] = t < target ? ids[t % n] : Vocabulary.PaddingId;
                }
                sequence.Lengths[picked[k]] = target;
            }
        }
        return mixed;
    }
}
