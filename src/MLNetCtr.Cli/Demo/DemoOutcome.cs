using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;
using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Cli.Demo;

/// <summary>One task of a trained demo model on the test split, next to its oracle (the true probabilities).</summary>
/// <param name="Task">The model's task name.</param>
/// <param name="Truth">The truth it is measured against.</param>
/// <param name="Model">The model's test metrics (binary and calibration).</param>
/// <param name="Oracle">The oracle's metrics on the same rows.</param>
/// <param name="ModelRoc">The model's ROC curve.</param>
/// <param name="OracleRoc">The oracle's ROC curve.</param>
internal sealed record TaskOutcome(string Task, string Truth, TaskMetrics Model, TaskMetrics Oracle, IReadOnlyList<RocPoint> ModelRoc, IReadOnlyList<RocPoint> OracleRoc);

/// <summary>A trained demo model: where it was saved, how training went, and its tasks against the oracle.</summary>
/// <param name="Definition">What was trained.</param>
/// <param name="ModelPath">Where the model file was saved.</param>
/// <param name="Training">The training run, with its per-epoch validation history.</param>
/// <param name="EpochLoss">(epoch from 1, mean training loss) of every epoch.</param>
/// <param name="Tasks">Each task of <see cref="DemoModel.TruthOfTask"/> on the test split.</param>
internal sealed record DemoOutcome(DemoModel Definition, string ModelPath, TrainingResult Training, IReadOnlyList<(int Epoch, double MeanLoss)> EpochLoss,
    IReadOnlyList<TaskOutcome> Tasks)
{
    /// <summary>
    /// Scores <paramref name="test"/> (the encoded test split of <paramref name="data"/>) with <paramref name="model"/>
    /// and compares every task with its truth, on the rows where the truth is defined (e.g. clicked rows for pCVR).
    /// </summary>
    public static DemoOutcome Evaluate(DemoModel definition, string modelPath, CtrPredictionModel model, TrainingResult training,
        IReadOnlyList<(int Epoch, double MeanLoss)> epochLoss, SyntheticResult data, CtrDataset test)
    {
        CtrMetrics modelMetrics = model.Evaluate(test);
        CtrMetrics oracleMetrics = OracleMetrics.Evaluate(data, DatasetSplit.Test);
        float[][] logits = model.Score(test);
        var tasks = new List<TaskOutcome>();
        foreach ((string task, string truthName) in definition.TruthOfTask)
        {
            SyntheticTruth truth = data.Truths.Single(t => t.Name == truthName);
            (float[] truths, float[] labels) = data.Test.Oracle(truth);
            int[] rows = truth.Given is { } given
                ? [.. Enumerable.Range(0, data.Test.Rows).Where(i => data.Test.Labels[given][i] > 0.5f)]
                : [.. Enumerable.Range(0, data.Test.Rows)];
            float[] taskLogits = logits[model.Tasks.Select(t => t.Name).ToList().IndexOf(task)];
            float[] scores = [.. rows.Select(i => taskLogits[i])];
            tasks.Add(new TaskOutcome(task, truthName, modelMetrics[task], oracleMetrics[truthName],
                RocCurve.Compute(labels, scores), RocCurve.Compute(labels, truths)));
        }
        return new DemoOutcome(definition, modelPath, training, epochLoss, tasks);
    }
}
