// SRP4CTR (Meituan, 2024): FG-BERT is pretrained on behavior sequences (masked items and masked side information), then
// fine-tuned for CTR with uni cross-attention from the candidate and a Querying Transformer. Compared with training
// the same network from scratch.
using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Trainers;

string directory = Path.Combine(Path.GetTempPath(), "mlnetctr-examples", "srp4ctr");
SyntheticResult data = SyntheticDataGenerator.Generate(ScenarioKind.Sequence,
    new SyntheticOptions { Rows = 15_000, Users = 300, Items = 300, Categories = 12, MaxHistoryLength = 10, BaseClickRate = 0.25, Seed = 1 }, directory);
(CtrDataset train, DataEncoder encoder) = CtrDataLoader.LoadAndFit(data.Train.Path, data.Schema);
CtrDataset test = CtrDataLoader.Load(data.Test.Path, encoder);
var architecture = new FgBertArchitecture { EmbeddingDimension = 16, Layers = 2, Heads = 2, FeedForward = 32, Dropout = 0f };

// 1. Self-supervised pretraining: no labels are read.
var pretrainer = new FgBertPretrainer(new FgBertOptions { Architecture = architecture, NumberOfEpochs = 2 });
PretrainedFgBert pretrained = pretrainer.Pretrain(train, encoder, new Progress<(int Epoch, float Loss)>(p => Console.WriteLine($"FG-BERT epoch {p.Epoch}: loss {p.Loss:F4}")));
FgBertMetrics masked = pretrained.Evaluate(test);
Console.WriteLine($"Masked-item recall@10 {masked.MaskedItemRecallAt10:F4} (chance {masked.RecallAt10Chance:F4})");
string pretrainedPath = Path.Combine(directory, "fg-bert.safetensors");
pretrained.Save(pretrainedPath);

// 2. CTR fine-tuning from the pretrained encoder, and the same model from scratch.
var options = new Srp4CtrOptions { Architecture = architecture, NumberOfEpochs = 2, BatchSize = 256, HiddenSizes = [64, 32], EarlyStoppingPatience = 0 };
CtrPredictionModel fineTuned = new Srp4CtrTrainer(options with { PretrainedModel = pretrainedPath }).Fit(train, encoder);
CtrPredictionModel scratch = new Srp4CtrTrainer(options).Fit(train, encoder);
(float[] truths, float[] labels) = data.Test.Oracle(data.Truths[0]);
Console.WriteLine($"Test AUC: SRP4CTR from FG-BERT {fineTuned.Evaluate(test)["click"].Binary!.AreaUnderRocCurve:F4}, "
    + $"from scratch {scratch.Evaluate(test)["click"].Binary!.AreaUnderRocCurve:F4}, oracle {BinaryClassificationEvaluator.AreaUnderRocCurve(labels, truths):F4}");
