using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// Base of every ranking network: maps a batch to one output per task and defines the training loss.
/// </summary>
/// <remarks>
/// <see cref="Forward"/> returns <c>(B, T)</c>: column t is task t's logit (binary) or value (regression), tasks in
/// <see cref="Tasks"/> order. The default <see cref="Loss"/> is <c>Σ_t w_t · loss_t</c>, with BCE-with-logits (row
/// weights applied) for binary tasks and MSE for regression tasks; models with structured outputs (ESMM) override it.
/// </remarks>
public abstract class CtrModel : Module
{
    /// <summary>Creates the model for <paramref name="tasks"/> (at least one).</summary>
    protected CtrModel(IReadOnlyList<CtrTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentOutOfRangeException.ThrowIfZero(tasks.Count);
        Tasks = tasks;
    }

    /// <summary>The prediction tasks, in output-column order.</summary>
    public IReadOnlyList<CtrTask> Tasks { get; }

    /// <summary>One output per task: <c>(B, T)</c> logits (binary tasks) or values (regression tasks).</summary>
    public abstract Tensor Forward(CtrBatch batch);

    /// <summary>The training loss of <paramref name="outputs"/> (from <see cref="Forward"/>) against the batch's labels: a one-element tensor.</summary>
    public virtual Tensor Loss(Tensor outputs, CtrBatch batch)
    {
        Tensor? total = null;
        for (int t = 0; t < Tasks.Count; t++)
        {
            CtrTask task = Tasks[t];
            Tensor prediction = TaskColumn(outputs, t);                                 // (B)
            Tensor label = Tensor.From(task.Target(batch), batch.RowCount);              // (B)
            Tensor loss = task.Kind == TaskKind.Binary
                ? Ops.BceWithLogits(prediction, label, batch.Weights)
                : Ops.Mse(prediction, label);
            loss = task.LossWeight == 1f ? loss : loss * task.LossWeight;
            total = total is null ? loss : total + loss;
        }
        return total!;
    }

    /// <summary>Column <paramref name="task"/> of a <c>(B, T)</c> output as a <c>(B)</c> tensor.</summary>
    protected static Tensor TaskColumn(Tensor outputs, int task) =>
        outputs.Dim(1) == 1 ? outputs.Reshape(outputs.Dim(0)) : outputs.Slice(1, task, 1).Reshape(outputs.Dim(0));
}
