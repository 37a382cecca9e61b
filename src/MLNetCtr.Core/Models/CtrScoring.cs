using MLNetCtr.Data;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>Runs a model over a whole dataset without recording gradients.</summary>
public static class CtrScoring
{
    /// <summary>
    /// Rows per forward pass when scoring: the training default, so scoring needs no more activation memory than a
    /// training step (a sequence model's 4096-row pass holds gigabytes) while the GEMMs stay large enough to run at speed.
    /// </summary>
    public const int DefaultBatchSize = CtrDefaults.BatchSize;

    /// <summary>
    /// The model's raw outputs for every row, per task: <c>outputs[t][row]</c> is a logit (binary task) or a value
    /// (regression task). The model is put in evaluation mode and left there.
    /// </summary>
    public static float[][] Score(CtrModel model, CtrDataset data, int batchSize = DefaultBatchSize, BufferPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Run(model, data, model.Forward, batchSize, pool);
    }

    /// <summary>
    /// The outputs, per task, of every candidate in <paramref name="candidates"/> for the one user in <paramref name="user"/>,
    /// through the family's fast path (<see cref="HasUserOncePath"/>): the user part is computed once for all of them.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="user"/> has not exactly one row, or the family has no fast path.</exception>
    public static float[][] ScoreCandidates(CtrModel model, CtrDataset user, CtrDataset candidates, int batchSize = DefaultBatchSize, BufferPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (model is not IUserOnceScoring fast)
        {
            throw new ArgumentException($"{model?.GetType().Name ?? "null"} has no user-once path; score rows that repeat the user beside each candidate.", nameof(model));
        }
        if (user.RowCount != 1)
        {
            throw new ArgumentException($"The user data must hold exactly one row; it holds {user.RowCount}.", nameof(user));
        }
        pool ??= new BufferPool();
        using TensorScope scope = TensorScope.Begin(pool);   // the user part lives for the whole request
        using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
        model.Eval();
        CtrBatch userBatch = new BatchIterator(user, new BatchOptions { BatchSize = 1, Shuffle = false }).Epoch(0).Single();
        return Run(model, candidates, fast.ForUser(userBatch), batchSize, pool);
    }

    /// <summary>Whether <paramref name="model"/>'s family computes the user part once per request (<see cref="ScoreCandidates"/>).</summary>
    public static bool HasUserOncePath(CtrModel model) => model is IUserOnceScoring;

    private static float[][] Run(CtrModel model, CtrDataset data, Func<CtrBatch, Tensor> forward, int batchSize, BufferPool? pool)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        pool ??= new BufferPool();
        int tasks = model.Tasks.Count;
        float[][] outputs = Enumerable.Range(0, tasks).Select(_ => new float[data.RowCount]).ToArray();
        model.Eval();
        using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
        var batches = new BatchIterator(data, new BatchOptions { BatchSize = batchSize, Shuffle = false });
        foreach (CtrBatch batch in batches.Epoch(0))
        {
            using TensorScope scope = TensorScope.Begin(pool);
            float[] y = forward(batch).Data;   // (B, T) row-major
            ReadOnlySpan<int> rows = batch.SourceRows;
            for (int i = 0; i < rows.Length; i++)
            {
                for (int t = 0; t < tasks; t++)
                {
                    outputs[t][rows[i]] = y[i * tasks + t];
                }
            }
        }
        return outputs;
    }
}
