// BAHE (Geng et al., SIGIR 2024): long textual user behaviors made affordable. The frozen shallow part of a pretrained
// text encoder turns each DISTINCT behavior text into a vector once (a behavior table); training and serving look the
// vectors up and run only the trainable deep layers over each behavior sequence. Needs Universal Sentence Encoder lite:
// run tools/fetch-use-lite.sh once at the repository root (or set MLNETCTR_MODELS to a folder holding use-lite/).
using System.Diagnostics;
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Text;
using MLNetCtr.Trainers;

string useLite = FindUseLite();
string directory = Path.Combine(Path.GetTempPath(), "mlnetctr-examples", "bahe");
SyntheticResult data = SyntheticDataGenerator.Generate(ScenarioKind.BehaviorText,
    new SyntheticOptions { Rows = 8_000, Users = 300, Items = 300, MaxBehaviorTexts = 4, BaseClickRate = 0.25, Seed = 3 }, directory);
(CtrDataset train, DataEncoder encoder) = CtrDataLoader.LoadAndFit(data.Train.Path, data.Schema);
CtrDataset test = CtrDataLoader.Load(data.Test.Path, encoder);

// 1. The behavior table: every distinct behavior and item text through the frozen shallow part, once.
//    FrozenLayers = 0 (pooled token embeddings) keeps the example to seconds; BAHE's default is 1 (embeddings + layer 0).
var behaviorEncoder = new BaheBehaviorEncoder(UseLiteEncoder.Load(useLite), new BaheEncoderOptions { FrozenLayers = 0 });
string tablePath = Path.Combine(directory, "behaviors.db");
File.Delete(tablePath);
BehaviorTable table = behaviorEncoder.OpenTable(tablePath);
var clock = Stopwatch.StartNew();
int encoded = behaviorEncoder.Encode(table, Texts(train).Concat(Texts(test)));
Console.WriteLine($"Behavior table: {encoded} distinct texts encoded once in {clock.Elapsed.TotalSeconds:F1} s ({table.Dimension}-d vectors)");

// 2. BAHE over the table: trainable layers per behavior sequence, the item text through the same table.
var options = new BaheOptions
{
    BehaviorTable = tablePath, FrozenLayers = 0, HiddenSize = 32, Heads = 2, FeedForward = 64, HiddenSizes = [64, 32],
    NumberOfEpochs = 4, BatchSize = 256, LearningRate = 3e-3f,
};
clock.Restart();
CtrPredictionModel model = new BaheTrainer(options).Fit(train, encoder);
(float[] truths, float[] labels) = data.Test.Oracle(data.Truths[0]);
Console.WriteLine($"BAHE trained in {clock.Elapsed.TotalSeconds:F1} s: test AUC {model.Evaluate(test)["click"].Binary!.AreaUnderRocCurve:F4} "
    + $"(oracle {BinaryClassificationEvaluator.AreaUnderRocCurve(labels, truths):F4}; test rows phrase behaviors with unseen templates)");

// 3. Serving: the deep part as ONNX, taking the looked-up behavior vectors (the table stays outside the graph).
string onnxPath = Path.Combine(directory, "bahe.onnx");
OnnxExporter.Export(model, onnxPath);
Console.WriteLine($"ONNX: {onnxPath} ({new FileInfo(onnxPath).Length / 1024} KiB); inputs per behavior column (B, L, {table.Dimension}) vectors + lengths");

static IEnumerable<string> Texts(CtrDataset data) =>
    data.Schema.Features.Where(c => c.Type is ColumnType.TextSequence or ColumnType.Text).SelectMany(c =>
        data.Texts[c.Name].SelectMany(field => c.Type == ColumnType.Text ? [field] : field.Split(c.Separator!, StringSplitOptions.RemoveEmptyEntries)));

static string FindUseLite()
{
    string? root = Environment.GetEnvironmentVariable("MLNETCTR_MODELS");
    IEnumerable<string> candidates = !string.IsNullOrEmpty(root) ? [Path.Combine(root, "use-lite")] : Ancestors(Environment.CurrentDirectory).Concat(Ancestors(AppContext.BaseDirectory)).Select(d => Path.Combine(d, ".models", "use-lite"));
    return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "model.json")))
        ?? throw new FileNotFoundException("Universal Sentence Encoder lite was not found in .models/use-lite: run tools/fetch-use-lite.sh once at the repository root (or set MLNETCTR_MODELS).");
}

static IEnumerable<string> Ancestors(string start)
{
    for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
    {
        yield return d.FullName;
    }
}
