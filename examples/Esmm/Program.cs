// ESMM (Alibaba, SIGIR 2018): pCTCVR = pCTR × pCVR over the entire impression space, so pCVR never learns from clicked
// rows alone. Compared here with the naive way: a CVR model trained only on clicked impressions.
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Models.Baselines;
using MLNetCtr.Trainers;

string directory = Path.Combine(Path.GetTempPath(), "mlnetctr-examples", "esmm");
SyntheticResult data = SyntheticDataGenerator.Generate(ScenarioKind.Funnel,
    new SyntheticOptions { Rows = 40_000, Users = 200, Items = 200, BaseClickRate = 0.2, ConversionRate = 0.15, Seed = 1 }, directory);
(CtrDataset train, DataEncoder encoder) = CtrDataLoader.LoadAndFit(data.Train.Path, data.Schema);
CtrDataset test = CtrDataLoader.Load(data.Test.Path, encoder);

var esmmOptions = new EsmmOptions { EmbeddingDimension = 8, TowerHiddenLayers = [32, 16], NumberOfEpochs = 4, BatchSize = 512, LearningRate = 3e-3f };
CtrPredictionModel esmm = new EsmmTrainer(esmmOptions, EsmmMode.Esmm).Fit(train, encoder);

// The naive CVR model: a DeepFM fitted on clicked impressions only (its "buy" output is then P(buy | click)).
CtrDataset clickedTrain = train.Select(ClickedRows(train));
var naiveOptions = new DeepFmOptions { EmbeddingDimension = 8, HiddenSizes = [32, 16], NumberOfEpochs = 4, BatchSize = 512, LearningRate = 3e-3f };
CtrPredictionModel naive = new DeepFmTrainer(naiveOptions).Fit(clickedTrain, encoder);

// pCVR is judged where it is defined: on the clicked test rows, against the buy label.
int[] clicked = ClickedRows(test);
float[] buy = [.. clicked.Select(i => test.Labels["buy"][i])];
float[] esmmCvr = esmm.Score(test)[esmm.Tasks.Select(t => t.Name).ToList().IndexOf(Esmm.CvrTask)];
float[] naiveCvr = naive.Score(test)[naive.Tasks.Select(t => t.Name).ToList().IndexOf("buy")];
(float[] truths, float[] labels) = data.Test.Oracle(data.Truths.Single(t => t.Name == "buy_given_click"));

Console.WriteLine($"Training rows: {train.RowCount} impressions, of which {clickedTrain.RowCount} clicked (the naive model sees only these).");
Console.WriteLine($"CVR AUC on {clicked.Length} clicked test rows:");
Console.WriteLine($"  ESMM pCVR          {BinaryClassificationEvaluator.AreaUnderRocCurve(buy, [.. clicked.Select(i => esmmCvr[i])]):F4}");
Console.WriteLine($"  naive CVR (DeepFM) {BinaryClassificationEvaluator.AreaUnderRocCurve(buy, [.. clicked.Select(i => naiveCvr[i])]):F4}");
Console.WriteLine($"  oracle             {BinaryClassificationEvaluator.AreaUnderRocCurve(labels, truths):F4}");
// Sample selection bias shows on the impressions nobody clicked: there the synthetic world still knows P(buy | click).
float[] trueCvr = data.Test.Truths["buy_given_click"];
Console.WriteLine($"Correlation with the true P(buy | click) over all {test.RowCount} test impressions: ESMM {Correlation(esmmCvr, trueCvr):F4}, naive {Correlation(naiveCvr, trueCvr):F4}");
CtrMetrics metrics = esmm.Evaluate(test);
Console.WriteLine($"ESMM over all impressions: CTR AUC {metrics[Esmm.CtrTask].Binary!.AreaUnderRocCurve:F4}, CTCVR AUC {metrics[Esmm.CtcvrTask].Binary!.AreaUnderRocCurve:F4}");

// Pearson correlation of σ(logits) with probabilities.
static double Correlation(float[] logits, float[] probabilities)
{
    double[] x = [.. logits.Select(z => 1 / (1 + Math.Exp(-z)))], y = [.. probabilities.Select(p => (double)p)];
    double mx = x.Average(), my = y.Average();
    double covariance = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
    return covariance / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
}

static int[] ClickedRows(CtrDataset data) => [.. Enumerable.Range(0, data.RowCount).Where(i => data.Labels["click"][i] > 0)];
