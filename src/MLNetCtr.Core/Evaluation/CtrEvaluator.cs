using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Tensors;

namespace MLNetCtr.Evaluation;

/// <summary>The training frequency of each item id, for <see cref="LongTailAucEvaluator"/>.</summary>
/// <param name="Column">The item column whose ids are counted.</param>
/// <param name="Frequency">Occurrences of each id in the training data.</param>
public sealed record ItemFrequency(string Column, IReadOnlyDictionary<int, long> Frequency)
{
    /// <summary>
    /// Counts the ids of <paramref name="data"/>'s item column: the first categorical feature on the item side, or
    /// null when the schema has none.
    /// </summary>
    public static ItemFrequency? Count(CtrDataset data)
    {
        ColumnSchema? item = data.Schema.Features.FirstOrDefault(c => c.Side == FeatureSide.Item && c.Type == ColumnType.Categorical);
        if (item is null)
        {
            return null;
        }
        var frequency = new Dictionary<int, long>();
        foreach (int id in data.Categorical[item.Name])
        {
            frequency[id] = frequency.GetValueOrDefault(id) + 1;
        }
        return new ItemFrequency(item.Name, frequency);
    }
}

/// <summary>Evaluates a model's outputs on a dataset, task by task, with every metric the data allows.</summary>
public static class CtrEvaluator
{
    /// <summary>
    /// Metrics per task from <paramref name="outputs"/> (as from <see cref="CtrScoring.Score"/>): binary tasks get
    /// ML.NET's binary metrics, calibration, gAUC (if the data has group ids) and long-tail AUC (if
    /// <paramref name="itemFrequency"/> is given); regression tasks get ML.NET's regression metrics.
    /// </summary>
    public static CtrMetrics Evaluate(CtrDataset data, IReadOnlyList<CtrTask> tasks, float[][] outputs, ItemFrequency? itemFrequency = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(outputs);
        var metrics = new CtrMetrics();
        for (int t = 0; t < tasks.Count; t++)
        {
            CtrTask task = tasks[t];
            int[]? subset = task.EvaluatedWhere is { } condition ? PositiveRows(data, condition) : null;
            CtrDataset rows = subset is null ? data : data.Select(subset);
            float[] scores = subset is null ? outputs[t] : subset.Select(i => outputs[t][i]).ToArray();
            float[] labels = task.Target(rows);
            metrics.Add(task.Name, task.Kind == TaskKind.Binary
                ? EvaluateBinary(rows, labels, scores, itemFrequency)
                : new TaskMetrics { Regression = RegressionEvaluator.Evaluate(labels, scores, rows.Weights) });
        }
        return metrics;
    }

    private static int[] PositiveRows(CtrDataset data, string column)
    {
        float[] labels = data.Labels.TryGetValue(column, out float[]? l) ? l
            : throw new KeyNotFoundException($"Evaluation is restricted to rows where '{column}' is positive, but the data has no such label (labels: {string.Join(", ", data.LabelNames)}).");
        return Enumerable.Range(0, labels.Length).Where(i => labels[i] > 0).ToArray();
    }

    /// <summary>
    /// Scores <paramref name="data"/> with <paramref name="model"/> and evaluates every task; a caller that evaluates
    /// again and again (validation) passes one <paramref name="pool"/> so each pass reuses the last one's buffers.
    /// </summary>
    public static CtrMetrics Evaluate(CtrModel model, CtrDataset data, ItemFrequency? itemFrequency = null, int batchSize = CtrScoring.DefaultBatchSize, BufferPool? pool = null) =>
        Evaluate(data, model.Tasks, CtrScoring.Score(model, data, batchSize, pool), itemFrequency);

    private static TaskMetrics EvaluateBinary(CtrDataset data, float[] labels, float[] logits, ItemFrequency? itemFrequency)
    {
        var probabilities = new float[logits.Length];
        System.Numerics.Tensors.TensorPrimitives.Sigmoid(logits, probabilities);
        return new TaskMetrics
        {
            Binary = BinaryClassificationEvaluator.Evaluate(labels, logits, probabilities, data.Weights),
            Calibration = CalibrationEvaluator.Evaluate(labels, probabilities, data.Weights),
            Gauc = data.GroupIds is { } groups ? GaucEvaluator.Evaluate<int>(groups, labels, logits, data.Weights) : null,
            PositionAuc = data.Positions is { } positions ? GaucEvaluator.Evaluate<int>(positions, labels, logits, data.Weights) : null,
            LongTail = itemFrequency is null ? null
                : LongTailAucEvaluator.Evaluate<int>(data.Categorical[itemFrequency.Column], itemFrequency.Frequency, labels, logits, data.Weights),
        };
    }
}
