// MMoE (Google, KDD 2018) against a shared bottom, on correlated tasks (click, like) plus a dwell-time regression, with
// YouTube's shallow tower on the position feature: trained with it, served without it, so position bias drops out.
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Trainers;

string directory = Path.Combine(Path.GetTempPath(), "mlnetctr-examples", "mmoe");
SyntheticResult data = SyntheticDataGenerator.Generate(ScenarioKind.Multitask,
    new SyntheticOptions { Rows = 30_000, Users = 200, Items = 150, Categories = 10, TaskCorrelation = 0.5, Seed = 1 }, directory);
(CtrDataset train, DataEncoder encoder) = CtrDataLoader.LoadAndFit(data.Train.Path, data.Schema);
CtrDataset valid = CtrDataLoader.Load(data.Valid.Path, encoder);
CtrDataset test = CtrDataLoader.Load(data.Test.Path, encoder);

var options = new MmoeOptions
{
    EmbeddingDimension = 8, ExpertCount = 3, ExpertHiddenLayers = [32, 16], TowerHiddenLayers = [8],
    NumberOfEpochs = 3, BatchSize = 512, LearningRate = 3e-3f, EarlyStoppingPatience = 0,
};
Console.WriteLine($"{"structure",-14} {"click AUC",10} {"like AUC",10} {"dwell R²",10}");
foreach (MultitaskStructure structure in new[] { MultitaskStructure.Mmoe, MultitaskStructure.SharedBottom })
{
    CtrPredictionModel model = new MmoeTrainer(options, structure).Fit(train, encoder, valid);
    CtrMetrics metrics = model.Evaluate(test);
    Console.WriteLine($"{structure,-14} {metrics["click"].Binary!.AreaUnderRocCurve,10:F4} {metrics["like"].Binary!.AreaUnderRocCurve,10:F4} {metrics["dwell_time"].Regression!.RSquared,10:F4}");
}

// The oracle's click truth is position-free relevance: the serving model (bias tower dropped) is scored against it.
(float[] relevance, float[] clicks) = data.Test.Oracle(data.Truths.Single(t => t.Name == "click_relevance"));
(float[] likeTruth, float[] likes) = data.Test.Oracle(data.Truths.Single(t => t.Name == "like"));
Console.WriteLine($"{"oracle",-14} {BinaryClassificationEvaluator.AreaUnderRocCurve(clicks, relevance),10:F4} {BinaryClassificationEvaluator.AreaUnderRocCurve(likes, likeTruth),10:F4}");
