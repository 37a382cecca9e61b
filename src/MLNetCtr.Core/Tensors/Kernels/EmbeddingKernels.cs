using System.Numerics.Tensors;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// Row gather and scatter-add on a row-major table of rows of <c>dim</c> floats: the forward and backward of an
/// embedding lookup (and of <see cref="Ops.IndexSelect"/>). Ids must be in range; spans are bounds-checked.
/// </summary>
internal static class EmbeddingKernels
{
    /// <summary>Below this many copied floats a gather runs on one thread: starting tasks costs more than it saves.</summary>
    private const int ParallelThreshold = 1 << 16;

    /// <summary><c>output[i, :] = table[ids[i], :]</c>; output holds <c>ids.Length · dim</c> floats. Parallel over ids when large.</summary>
    public static unsafe void Gather(ReadOnlySpan<float> table, int dim, ReadOnlySpan<int> ids, Span<float> output)
    {
        CheckOutput(output.Length, dim, ids.Length);
        int workers = Math.Min(Environment.ProcessorCount, (int)Math.Min(int.MaxValue, (long)ids.Length * dim / ParallelThreshold));
        if (workers <= 1)
        {
            GatherRows(table, dim, ids, output, 0, ids.Length);
            return;
        }
        // Each worker writes its own output rows, so the result does not depend on scheduling.
        fixed (float* tablePointer = table, outputPointer = output)
        fixed (int* idsPointer = ids)
        {
            (nint t, nint i, nint o) = ((nint)tablePointer, (nint)idsPointer, (nint)outputPointer);
            int tableLength = table.Length, count = ids.Length;
            Parallel.For(0, workers, w => GatherRows(
                new ReadOnlySpan<float>((void*)t, tableLength), dim, new ReadOnlySpan<int>((void*)i, count),
                new Span<float>((void*)o, count * dim), (int)((long)count * w / workers), (int)((long)count * (w + 1) / workers)));
        }
    }

    /// <summary>
    /// <c>gradTable[ids[i], :] += gradOutput[i, :]</c> for every i whose id is not <paramref name="skipId"/>, in order of i:
    /// sequential, so repeated ids accumulate in the same order on every run.
    /// </summary>
    public static void ScatterAdd(ReadOnlySpan<float> gradOutput, int dim, ReadOnlySpan<int> ids, Span<float> gradTable, int skipId = -1)
    {
        CheckOutput(gradOutput.Length, dim, ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] != skipId)
            {
                Span<float> row = gradTable.Slice(ids[i] * dim, dim);
                TensorPrimitives.Add(row, gradOutput.Slice(i * dim, dim), row);
            }
        }
    }

    /// <summary>Element loop version of <see cref="Gather"/>: the reference that tests compare against.</summary>
    internal static void GatherReference(ReadOnlySpan<float> table, int dim, ReadOnlySpan<int> ids, Span<float> output)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            for (int j = 0; j < dim; j++)
            {
                output[i * dim + j] = table[ids[i] * dim + j];
            }
        }
    }

    /// <summary>Element loop version of <see cref="ScatterAdd"/>.</summary>
    internal static void ScatterAddReference(ReadOnlySpan<float> gradOutput, int dim, ReadOnlySpan<int> ids, Span<float> gradTable, int skipId = -1)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            for (int j = 0; j < dim && ids[i] != skipId; j++)
            {
                gradTable[ids[i] * dim + j] += gradOutput[i * dim + j];
            }
        }
    }

    private static void GatherRows(ReadOnlySpan<float> table, int dim, ReadOnlySpan<int> ids, Span<float> output, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            table.Slice(ids[i] * dim, dim).CopyTo(output.Slice(i * dim, dim));
        }
    }

    private static void CheckOutput(int rowsLength, int dim, int idCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dim);
        if (rowsLength != (long)idCount * dim)
        {
            throw new ArgumentException($"{idCount} ids of dimension {dim} need {(long)idCount * dim} floats, but the span holds {rowsLength}.");
        }
    }
}
