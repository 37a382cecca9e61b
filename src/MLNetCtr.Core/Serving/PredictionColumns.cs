using MLNetCtr.Models;

namespace MLNetCtr.Serving;

/// <summary>What an output column holds.</summary>
public enum PredictionKind
{
    /// <summary>The task's raw output: a logit (binary task) or the predicted value (regression task). <c>Single</c>.</summary>
    Score,

    /// <summary>σ(score), binary tasks only. <c>Single</c>.</summary>
    Probability,

    /// <summary><c>score &gt; 0</c> (probability &gt; 0.5), binary tasks only. <c>Boolean</c>.</summary>
    PredictedLabel,
}

/// <summary>One output column a host (the ML.NET skin) appends to scored data.</summary>
/// <param name="Name">The column name, e.g. <c>"Score"</c> or <c>"ctr.Probability"</c>.</param>
/// <param name="Task">Index of the task in the model's output order.</param>
/// <param name="Kind">What the column holds.</param>
public sealed record PredictionColumn(string Name, int Task, PredictionKind Kind)
{
    /// <summary>The column's value for a row whose task output is <paramref name="score"/>: the score, σ(score), or score &gt; 0 as 1/0.</summary>
    public float ValueOf(float score) => Kind switch
    {
        PredictionKind.Score => score,
        PredictionKind.Probability => 1f / (1f + MathF.Exp(-score)),
        _ => score > 0f ? 1f : 0f,
    };
}

/// <summary>
/// Names of the columns scored data gets, as ML.NET names them, so <c>BinaryClassification.Evaluate</c> and
/// <c>Regression.Evaluate</c> read them unchanged. A single-task model writes <c>Score</c>, <c>Probability</c> and
/// <c>PredictedLabel</c> (a regression task: <c>Score</c> only); a multi-task model writes the same three per task, named
/// <c>&lt;task&gt;.Score</c>, <c>&lt;task&gt;.Probability</c>, <c>&lt;task&gt;.PredictedLabel</c> (ESMM: <c>ctr.Score</c>, <c>cvr.Score</c>,
/// <c>ctcvr.Score</c>, …), in task order.
/// </summary>
public static class PredictionColumns
{
    /// <summary>ML.NET's score column name.</summary>
    public const string Score = "Score";

    /// <summary>ML.NET's probability column name.</summary>
    public const string Probability = "Probability";

    /// <summary>ML.NET's predicted-label column name.</summary>
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>The output columns of a model with <paramref name="tasks"/>, in order.</summary>
    public static IReadOnlyList<PredictionColumn> For(IReadOnlyList<CtrTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfZero(tasks.Count);
        var columns = new List<PredictionColumn>();
        for (int t = 0; t < tasks.Count; t++)
        {
            string? task = tasks.Count == 1 ? null : tasks[t].Name;
            columns.Add(new PredictionColumn(NameOf(task, PredictionKind.Score), t, PredictionKind.Score));
            if (tasks[t].Kind == TaskKind.Binary)
            {
                columns.Add(new PredictionColumn(NameOf(task, PredictionKind.Probability), t, PredictionKind.Probability));
                columns.Add(new PredictionColumn(NameOf(task, PredictionKind.PredictedLabel), t, PredictionKind.PredictedLabel));
            }
        }
        return columns;
    }

    /// <summary>The name of a <paramref name="kind"/> column: plain for a single-task model (null task), else <c>&lt;task&gt;.&lt;Kind&gt;</c>.</summary>
    public static string NameOf(string? task, PredictionKind kind) => task is null ? kind.ToString() : $"{task}.{kind}";
}
