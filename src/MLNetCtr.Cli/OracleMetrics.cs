using MLNetCtr.Data;
using MLNetCtr.Data.Synthetic;
using MLNetCtr.Evaluation;

namespace MLNetCtr.Cli;

/// <summary>
/// The metrics of the true probabilities (and true means) of a synthetic dataset on its test split: the ceiling a model
/// is measured against, keyed by truth name in the JSON shape of <see cref="CtrMetrics"/>.
/// </summary>
internal static class OracleMetrics
{
    /// <summary>Name of the file <c>mlnetctr synth</c> writes them to, beside the data.</summary>
    public const string FileName = "oracle_metrics.json";

    /// <summary>
    /// Evaluates every truth of <paramref name="data"/> on <paramref name="split"/>, restricted to the rows where its
    /// <see cref="SyntheticTruth.Given"/> label is positive: binary truths as probabilities (score = logit(truth)),
    /// <see cref="TruthKind.Mean"/> truths as regression predictions. Truths with no such rows are left out. Where the
    /// schema has a position column, binary truths also get <see cref="TaskMetrics.PositionAuc"/>, as models do.
    /// </summary>
    public static CtrMetrics Evaluate(SyntheticResult data, DatasetSplit split)
    {
        var metrics = new CtrMetrics();
        int[]? positions = PositionsOf(data, split);
        foreach (SyntheticTruth truth in data.Truths)
        {
            (float[] truths, float[] labels) = data[split].Oracle(truth);
            if (truths.Length > 0)
            {
                metrics.Add(truth.Name, truth.Kind == TruthKind.Mean
                    ? new TaskMetrics { Regression = RegressionEvaluator.Evaluate(labels, truths) }
                    : Binary(labels, truths, positions is null ? null : [.. data[split].OracleRows(truth).Select(i => positions[i])]));
            }
        }
        return metrics;
    }

    /// <summary>The position of each row of the split, read from its file; null when the schema has no position column.</summary>
    private static int[]? PositionsOf(SyntheticResult data, DatasetSplit split)
    {
        if (!data.Schema.Columns.Any(c => c.Role == ColumnRole.Position))
        {
            return null;
        }
        return CtrDataLoader.ReadRaw(data[split].Path, data.Schema).Store.Positions;   // parsed at read time: no encoder needed
    }

    private static TaskMetrics Binary(float[] labels, float[] probabilities, int[]? positions)
    {
        // logit(p) = ln(p / (1 − p)), in double: p of exactly 0 or 1 gives ∓∞, which the evaluator ranks correctly.
        float[] logits = probabilities.Select(p => (float)Math.Log(p / (1.0 - p))).ToArray();
        return new TaskMetrics
        {
            Binary = BinaryClassificationEvaluator.Evaluate(labels, logits, probabilities),
            Calibration = CalibrationEvaluator.Evaluate(labels, probabilities),
            PositionAuc = positions is null ? null : GaucEvaluator.Evaluate<int>(positions, labels, logits),
        };
    }
}
