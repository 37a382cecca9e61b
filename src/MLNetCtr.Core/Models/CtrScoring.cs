using MLNetCtr.Data;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>Runs a model over a whole dataset without recording gradients.</summary>
public static class CtrScoring
{
    /// <summary>Rows per forward pass when scoring.</summary>
    public const int DefaultBatchSize = 4096;

    /// <summary>
    /// The model's raw outputs for every row, per task: <c>outputs[t][row]</c> is a logit (binary task) or a value
    /// (regression task). The model is put in evaluation mode and left there.
    /// </summary>
    public static float[][] Score(CtrModel model, CtrDataset data, int batchSize = DefaultBatchSize, BufferPool? pool = null)
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
            float[] y = model.Forward(batch).Data;   // (B, T) row-major
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
