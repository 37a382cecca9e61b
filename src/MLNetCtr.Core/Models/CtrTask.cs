using MLNetCtr.Data;

namespace MLNetCtr.Models;

/// <summary>What a task predicts.</summary>
public enum TaskKind
{
    /// <summary>A binary label: the model outputs a logit, trained with binary cross-entropy.</summary>
    Binary,

    /// <summary>A numeric label: the model outputs the value, trained with mean squared error.</summary>
    Regression,
}

/// <summary>
/// One prediction task (one output column) of a model: its name, kind, target and weight in the loss.
/// </summary>
/// <remarks>
/// The target is the product of <see cref="LabelColumns"/> (for binary labels, their conjunction: ESMM's CTCVR target is
/// <c>click · buy</c>); by default the single label column named like the task. <see cref="EvaluatedWhere"/> restricts
/// evaluation to rows where another label is 1 (ESMM's CVR is evaluated on clicked rows only).
/// </remarks>
/// <param name="Name">The output's name, e.g. <c>"click"</c> or <c>"ctcvr"</c>.</param>
/// <param name="Kind">Binary or regression.</param>
/// <param name="LossWeight">Weight of this task's loss in the total loss.</param>
public sealed record CtrTask(string Name, TaskKind Kind, float LossWeight = 1f)
{
    /// <summary>The label columns whose product is the target. Default: <c>[Name]</c>.</summary>
    public IReadOnlyList<string> LabelColumns { get; init; } = [Name];

    /// <summary>Evaluate only rows where this label column is positive; null for every row. Default: null.</summary>
    public string? EvaluatedWhere { get; init; }

    /// <summary>The target of every row of <paramref name="data"/>: the product of <see cref="LabelColumns"/>.</summary>
    public float[] Target(CtrColumns data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (LabelColumns.Count == 1)
        {
            return Labels(data, LabelColumns[0]);
        }
        float[] target = [.. Labels(data, LabelColumns[0])];
        foreach (string column in LabelColumns.Skip(1))
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(target, Labels(data, column), target);
        }
        return target;
    }

    private float[] Labels(CtrColumns data, string column) =>
        data.Labels.TryGetValue(column, out float[]? labels) ? labels
            : throw new KeyNotFoundException($"Task '{Name}' needs label column '{column}', which the data does not have (labels: {string.Join(", ", data.LabelNames)}).");

    /// <summary>The tasks of a schema: one per label column, in schema order, each with loss weight 1.</summary>
    public static IReadOnlyList<CtrTask> FromSchema(DatasetSchema schema) =>
        schema.Labels.Select(c => new CtrTask(c.Name, c.Type == ColumnType.Binary ? TaskKind.Binary : TaskKind.Regression)).ToArray();
}
