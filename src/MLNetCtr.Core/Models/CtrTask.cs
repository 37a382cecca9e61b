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

/// <summary>One prediction task of a model: a label column, its kind and its weight in the loss.</summary>
/// <param name="Name">The label column, e.g. <c>"click"</c>.</param>
/// <param name="Kind">Binary or regression.</param>
/// <param name="LossWeight">Weight of this task's loss in the total loss.</param>
public sealed record CtrTask(string Name, TaskKind Kind, float LossWeight = 1f)
{
    /// <summary>The tasks of a schema: one per label column, in schema order, each with loss weight 1.</summary>
    public static IReadOnlyList<CtrTask> FromSchema(DatasetSchema schema) =>
        schema.Labels.Select(c => new CtrTask(c.Name, c.Type == ColumnType.Binary ? TaskKind.Binary : TaskKind.Regression)).ToArray();
}
