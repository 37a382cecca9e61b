// ESMM (Alibaba, SIGIR 2018): pCTCVR = pCTR × pCVR over the entire impression space, so pCVR never learns from clicked
// rows alone. Compared here with the naive way, apples to apples: the same architecture (field embeddings → one MLP
// tower) fitted on clicked impressions only. Clicks are sparse (10%), the setting where ESMM's shared embeddings help.
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Trainers;

string directory = Path.Combine(Path.GetTempPath(), "mlnetctr-examples", "esmm");
SyntheticResult data = SyntheticDataGenerator.Generate(ScenarioKind.Funnel,
    new SyntheticOptions { Rows = 40_000, Users = 100, Items = 100, Categories = 20, BaseClickRate = 0.1, ConversionRate = 0.3, Seed = 1 }, directory);
(CtrDataset train, DataEncoder encoder) = CtrDataLoader.LoadAndFit(data.Train.Path, data.Schema);
CtrDataset valid = CtrDataLoader.Load(data.Valid.Path, encoder), test = CtrDataLoader.Load(data.Test.Path, encoder);

// Both models validate (early stopping, best model restored): ESMM on the ctcvr AUC, the naive model on its own CVR AUC.
var options = new EsmmOptions { EmbeddingDimension = 8, TowerHiddenLayers = [32, 16], NumberOfEpochs = 8, BatchSize = 512, LearningRate = 1e-2f, EarlyStoppingPatience = 3, Seed = 1 };
CtrPredictionModel esmm = new EsmmTrainer(options, EsmmMode.Esmm).Fit(train, encoder, valid);
CtrPredictionModel naive = ClickedRowsCvr.Family.Fit(train.Select(ClickedRows(train)), encoder, valid.Select(ClickedRows(valid)),
    options with { EarlyStoppingTask = Esmm.CvrTask }).Model;

// pCVR is judged where it is defined: on the clicked test rows, against the buy label and against the true P(buy | click).
int[] clicked = ClickedRows(test);
float[] buy = [.. clicked.Select(i => test.Labels["buy"][i])], trueCvr = [.. clicked.Select(i => data.Test.Truths["buy_given_click"][i])];
float[][] esmmScores = esmm.Score(test);
float[] naiveCvr = naive.Score(test)[0];
(float[] truths, float[] labels) = data.Test.Oracle(data.Truths.Single(t => t.Name == "buy_given_click"));

Console.WriteLine($"Training rows: {train.RowCount} impressions, of which {ClickedRows(train).Length} clicked (the naive model sees only these).");
Console.WriteLine($"CVR on {clicked.Length} clicked test rows:      AUC     r with true P(buy | click)");
Console.WriteLine($"  ESMM pCVR                       {Auc(buy, esmmScores[1], clicked):F4}  {Correlation.Pearson(trueCvr, [.. clicked.Select(i => esmmScores[1][i])]):F4}");
Console.WriteLine($"  naive (same network, clicks)    {Auc(buy, naiveCvr, clicked):F4}  {Correlation.Pearson(trueCvr, [.. clicked.Select(i => naiveCvr[i])]):F4}");
Console.WriteLine($"  oracle                          {BinaryClassificationEvaluator.AreaUnderRocCurve(labels, truths):F4}");
float[] naiveCtcvr = [.. naiveCvr.Select((z, i) => Sigmoid(z) * Sigmoid(esmmScores[0][i]))];
Console.WriteLine($"CTCVR AUC over all {test.RowCount} test impressions: ESMM {esmm.Evaluate(test)[Esmm.CtcvrTask].Binary!.AreaUnderRocCurve:F4}, " +
    $"ESMM's pCTR × naive pCVR {BinaryClassificationEvaluator.AreaUnderRocCurve(test.Labels["buy"], naiveCtcvr):F4}");

static double Auc(float[] labels, float[] scores, int[] rows) => BinaryClassificationEvaluator.AreaUnderRocCurve(labels, [.. rows.Select(i => scores[i])]);

static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

static int[] ClickedRows(CtrDataset data) => ClickedRowsCvr.ClickedRows(data, "click");
