// Parallel two-tower (Tencent QQ-Browser): train on synthetic user/item/context fields, then serve the way the paper
// intends: item vectors exported once, one user vector per request, every candidate one inner product.
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Serving;
using MLNetCtr.Trainers;

string directory = Path.Combine(Path.GetTempPath(), "mlnetctr-examples", "parallel-two-tower");
SyntheticResult data = SyntheticDataGenerator.Generate(ScenarioKind.Fields,
    new SyntheticOptions { Rows = 30_000, Users = 300, Items = 200, Categories = 10, Seed = 1 }, directory);
(CtrDataset train, DataEncoder encoder) = CtrDataLoader.LoadAndFit(data.Train.Path, data.Schema);
CtrDataset valid = CtrDataLoader.Load(data.Valid.Path, encoder);
CtrDataset test = CtrDataLoader.Load(data.Test.Path, encoder);

// Every branch (MLP, DCN-v2, FM, FFM, CIN) in each tower, kept narrow so this runs in seconds.
var options = new ParallelTwoTowerOptions
{
    MlpEmbeddingDimension = 8, MlpHiddenSizes = [32], MlpOutputDimension = 16,
    DcnEmbeddingDimension = 8, DcnHiddenSizes = [32], DcnCrossLayers = 2, DcnOutputDimension = 16,
    FmEmbeddingDimension = 8, FfmEmbeddingDimension = 4, CinEmbeddingDimension = 8, CinLayerSizes = [8, 8], CinCrossMaps = 4,
    NumberOfEpochs = 3, BatchSize = 512, LearningRate = 3e-3f,
};
CtrPredictionModel model = new ParallelTwoTowerTrainer(options).Fit(train, encoder, valid);
(float[] truths, float[] labels) = data.Test.Oracle(data.Truths[0]);
Console.WriteLine($"Test AUC {model.Evaluate(test)["click"].Binary!.AreaUnderRocCurve:F4} (oracle {MLNetCtr.Evaluation.BinaryClassificationEvaluator.AreaUnderRocCurve(labels, truths):F4})");

// Serving: the LR fusion weights fold into the user vector, so logit = <u', v> + b.
var serving = new TwoTowerServing(model);
ItemVectorTable items = serving.ExportItems(data.Train.Path, Path.Combine(directory, "items.safetensors"));
Console.WriteLine($"Exported {items.Count} item vectors of width {items.Width} (key column '{items.KeyColumn}').");
float[] userVectors = serving.UserVectors(test);                 // (rows, width): one folded vector per request row
ReadOnlySpan<float> firstUser = userVectors.AsSpan(0, serving.Width);
Console.WriteLine($"Top 10 items for the user of the first test row (user_id {File.ReadLines(data.Test.Path).Skip(1).First().Split(',')[0]}):");
foreach (ItemScore hit in serving.TopK(firstUser, items, k: 10))
{
    Console.WriteLine($"  {items.Keys[hit.Index],-8} logit {hit.Score,8:F4}  p {1 / (1 + Math.Exp(-hit.Score)):F4}");
}
