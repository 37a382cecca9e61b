using System.Diagnostics;
using System.Globalization;
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models;
using MLNetCtr.Trainers;
using MLNetCtr.Text;
using MLNetCtr.Training;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// The BAHE evidence runs (not BenchmarkDotNet: one process per measurement, so peak working sets do not mix).
/// <code>
///   --bahe-evidence prepare  DIR ROWS MAX_TEXTS MODELS [TEST_FRACTION]   synthesize behavior-text data (test fraction default 0.1)
///                                                      and build its table (layer 0 frozen)
///   --bahe-evidence quality  DIR HIDDEN EPOCHS MODELS RUNS   RUNS ⊆ bahe,bahe-seed2,bahe-seed3,token,deepfm[,novalid]: BAHE, token-level BAHE, id-only DeepFM; test AUC
///                                                      (novalid: all epochs, no early stopping or best-model restore)
///   --bahe-evidence equivalence DIR HIDDEN EPOCHS MODELS SEEDS   per seed (comma-separated), BAHE and token-level BAHE on the
///                                                      same data, all epochs, no validation: test AUC of each, the difference,
///                                                      the largest parameter difference, wall time
///   --bahe-evidence epoch    DIR MODE MODELS             one training epoch of BAHE (AtomicBehaviors | TokenLevel); seconds and peak working set
/// </code>
/// </summary>
public static class BaheEvidence
{
    /// <summary>Runs one evidence command (see the class summary).</summary>
    public static void Run(string[] args)
    {
        string dir = args[1];
        switch (args[0])
        {
            case "prepare":
                Prepare(dir, int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4],
                    args.Length > 5 ? double.Parse(args[5], CultureInfo.InvariantCulture) : 0.1);
                break;
            case "equivalence":
                Equivalence(dir, int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4],
                    [.. args[5].Split(',').Select(seed => int.Parse(seed, CultureInfo.InvariantCulture))]);
                break;
            case "quality":
                Quality(dir, int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), args[4], args[5].Split(','));
                break;
            default:
                Epoch(dir, Enum.Parse<BaheMode>(args[2], ignoreCase: true), args[3]);
                break;
        }
    }

    private static void Prepare(string dir, int rows, int maxTexts, string models, double testFraction)
    {
        var watch = Stopwatch.StartNew();
        SyntheticResult result = SyntheticDataGenerator.Generate(ScenarioKind.BehaviorText,
            new SyntheticOptions { Rows = rows, Users = 2_000, Items = 1_000, MaxBehaviorTexts = maxTexts, BaseClickRate = 0.25, Seed = 3, TestFraction = testFraction }, dir);
        var (train, encoder) = CtrDataLoader.LoadAndFit(result.Train.Path, result.Schema);
        (float[] scores, float[] labels) = result.Test.Oracle(result.Truths[0]);
        Console.WriteLine($"data: {rows} rows, MaxBehaviorTexts {maxTexts}, oracle test AUC {Evaluation.BinaryClassificationEvaluator.AreaUnderRocCurve(labels, scores):F4}, {watch.Elapsed.TotalSeconds:F1} s");
        watch.Restart();
        var behaviors = new BaheBehaviorEncoder(UseLiteEncoder.Load(models));
        int encoded = behaviors.Encode(behaviors.OpenTable(Path.Combine(dir, "behaviors.db")),
            new[] { train, CtrDataLoader.Load(result.Valid.Path, encoder), CtrDataLoader.Load(result.Test.Path, encoder) }.SelectMany(Texts));
        Console.WriteLine($"table: encoded {encoded} distinct texts in {watch.Elapsed.TotalSeconds:F1} s ({encoded / watch.Elapsed.TotalSeconds:F0} texts/s)");
    }

    private static void Quality(string dir, int hidden, int epochs, string models, string[] runs)
    {
        (CtrDataset train, DataEncoder encoder, CtrDataset valid, CtrDataset test) = Load(dir);
        BaheOptions bahe = Options(dir, hidden, epochs, models);
        foreach ((string name, ModelFamily family, TrainingOptions options) in new (string, ModelFamily, TrainingOptions)[]
        {
            ("bahe", BaheTrainer.Definition, bahe),
            ("token", BaheTrainer.Definition, bahe with { Mode = BaheMode.TokenLevel }),
            ("bahe-seed2", BaheTrainer.Definition, bahe with { Seed = 2 }),
            ("bahe-seed3", BaheTrainer.Definition, bahe with { Seed = 3 }),
            ("deepfm", DeepFmTrainer.Definition, DeepFmTrainer.Definition.DefaultOptions() with { NumberOfEpochs = epochs, BatchSize = bahe.BatchSize, Seed = 1 }),
        })
        {
            if (!runs.Contains(name))
            {
                continue;
            }
            var watch = Stopwatch.StartNew();
            (CtrPredictionModel model, TrainingResult result) = family.Fit(train, encoder, runs.Contains("novalid") ? null : valid, options);
            double auc = model.Evaluate(test)["click"].Binary!.AreaUnderRocCurve;
            Console.WriteLine($"{name,-10}: test AUC {auc:F4} (best valid at step {result.BestStep} of {result.Steps}), {watch.Elapsed.TotalSeconds:F0} s, CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F0} s so far");
        }
    }

    private static void Equivalence(string dir, int hidden, int epochs, string models, int[] seeds)
    {
        (CtrDataset train, DataEncoder encoder, _, CtrDataset test) = Load(dir);
        Console.WriteLine($"train {train.RowCount} rows, test {test.RowCount} rows, H {hidden}, {epochs} epochs, no validation");
        var differences = new List<double>();
        var aucs = new Dictionary<BaheMode, List<double>> { [BaheMode.AtomicBehaviors] = [], [BaheMode.TokenLevel] = [] };
        foreach (int seed in seeds)
        {
            var networks = new List<CtrModel>();
            foreach (BaheMode mode in aucs.Keys)
            {
                var watch = Stopwatch.StartNew();
                CtrPredictionModel model = BaheTrainer.Definition.Fit(train, encoder, null, Options(dir, hidden, epochs, models) with { Mode = mode, Seed = seed }).Model;
                double seconds = watch.Elapsed.TotalSeconds;
                aucs[mode].Add(model.Evaluate(test)["click"].Binary!.AreaUnderRocCurve);
                networks.Add(model.Network);
                Console.WriteLine($"seed {seed} {mode,-15}: test AUC {aucs[mode][^1]:F4}, training {seconds:F0} s, with evaluation {watch.Elapsed.TotalSeconds:F0} s");
            }
            differences.Add(aucs[BaheMode.AtomicBehaviors][^1] - aucs[BaheMode.TokenLevel][^1]);
            float largest = networks[0].Parameters().Zip(networks[1].Parameters()).Max(p => p.First.Data.Zip(p.Second.Data).Max(x => Math.Abs(x.First - x.Second)));
            Console.WriteLine($"seed {seed}: AUC difference (BAHE − token-level) {differences[^1]:+0.0000;-0.0000;0.0000}, largest parameter difference {largest:G3}");
        }
        Console.WriteLine($"mean test AUC: BAHE {aucs[BaheMode.AtomicBehaviors].Average():F4}, token-level {aucs[BaheMode.TokenLevel].Average():F4}; mean difference {differences.Average():+0.0000;-0.0000;0.0000}, largest |difference| {differences.Max(Math.Abs):F4}");
    }

    private static void Epoch(string dir, BaheMode mode, string models)
    {
        (CtrDataset train, DataEncoder encoder, _, _) = Load(dir);
        double behaviors = train.Schema.Features.Where(c => c.Type == ColumnType.TextSequence).Average(c => train.Sequences[c.Name].Lengths.Average());
        BaheOptions options = Options(dir, 64, 1, models) with { Mode = mode, EncoderModel = mode == BaheMode.TokenLevel ? models : null, InitializeFromPretrained = false };
        var watch = Stopwatch.StartNew();
        TrainingResult result = BaheTrainer.Definition.Fit(train, encoder, null, options).Result;
        Console.WriteLine($"{mode,-15}: {train.RowCount} rows, {behaviors:F1} behaviors per sequence on average, epoch {result.Elapsed.TotalSeconds:F1} s " +
            $"(process {watch.Elapsed.TotalSeconds:F1} s, CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
    }

    private static BaheOptions Options(string dir, int hidden, int epochs, string models) => new()
    {
        BehaviorTable = Path.Combine(dir, "behaviors.db"), EncoderModel = models, HiddenSize = hidden == 512 ? null : hidden,
        FeedForward = hidden == 512 ? 1536 : 2 * hidden, HiddenSizes = [64, 32], NumberOfEpochs = epochs, BatchSize = 128, LearningRate = 2e-3f,
    };

    private static (CtrDataset, DataEncoder, CtrDataset, CtrDataset) Load(string dir)
    {
        DatasetSchema schema = DatasetSchema.Load(Path.Combine(dir, "schema.json"));
        var (train, encoder) = CtrDataLoader.LoadAndFit(Path.Combine(dir, "train.csv"), schema);
        return (train, encoder, CtrDataLoader.Load(Path.Combine(dir, "valid.csv"), encoder), CtrDataLoader.Load(Path.Combine(dir, "test.csv"), encoder));
    }

    private static IEnumerable<string> Texts(CtrDataset data) =>
        data.Schema.Features.Where(c => c.Type is ColumnType.TextSequence or ColumnType.Text).SelectMany(c =>
            data.Texts[c.Name].SelectMany(field => c.Type == ColumnType.Text ? [field] : field.Split(c.Separator!, StringSplitOptions.RemoveEmptyEntries)));
}
