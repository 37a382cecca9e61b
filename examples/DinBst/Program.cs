// DIN (Alibaba, KDD 2018) and BST (Alibaba, 2019), the behavior-sequence baselines SRP4CTR compares with: DIN weighs each
// past behavior by its relevance to the candidate (local activation unit), BST runs a transformer over the sequence.
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Trainers;

string directory = Path.Combine(Path.GetTempPath(), "mlnetctr-examples", "din-bst");
SyntheticResult data = SyntheticDataGenerator.Generate(ScenarioKind.Sequence,
    new SyntheticOptions { Rows = 15_000, Users = 300, Items = 300, Categories = 12, MaxHistoryLength = 10, BaseClickRate = 0.25, Seed = 1 }, directory);
(CtrDataset train, DataEncoder encoder) = CtrDataLoader.LoadAndFit(data.Train.Path, data.Schema);
CtrDataset test = CtrDataLoader.Load(data.Test.Path, encoder);

CtrPredictionModel din = new DinTrainer(new DinOptions { NumberOfEpochs = 2, BatchSize = 256, HiddenSizes = [64, 32] }).Fit(train, encoder);
CtrPredictionModel bst = new BstTrainer(new BstOptions { NumberOfEpochs = 2, BatchSize = 256, HiddenSizes = [64, 32] }).Fit(train, encoder);
(float[] truths, float[] labels) = data.Test.Oracle(data.Truths[0]);
Console.WriteLine($"Test AUC: DIN {din.Evaluate(test)["click"].Binary!.AreaUnderRocCurve:F4}, BST {bst.Evaluate(test)["click"].Binary!.AreaUnderRocCurve:F4}, "
    + $"oracle {BinaryClassificationEvaluator.AreaUnderRocCurve(labels, truths):F4}");
