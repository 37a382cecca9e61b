namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// Splits independent rows into contiguous blocks and runs the blocks on the thread pool when the work is large
/// enough to pay for it. Each row is computed by exactly one block, in the same way whatever the thread count, so
/// results are bit-for-bit deterministic; reductions across rows stay with the caller, in a fixed order.
/// </summary>
internal static class ParallelRows
{
    /// <summary>Below this many elements per block, a thread-pool hop costs more than it saves.</summary>
    internal const int MinElementsPerBlock = 16_384;

    /// <summary>Calls <paramref name="body"/>(start, end) on disjoint row ranges that cover <c>[0, rows)</c>.</summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="elementsPerRow">Work per row in elements (sizes the blocks).</param>
    /// <param name="body">Processes rows <c>[start, end)</c>; must touch nothing that another row touches.</param>
    public static void For(int rows, long elementsPerRow, Action<int, int> body)
    {
        long total = rows * Math.Max(1, elementsPerRow);
        int blocks = (int)Math.Min(Math.Min(rows, Environment.ProcessorCount), total / MinElementsPerBlock);
        if (blocks <= 1)
        {
            body(0, rows);
            return;
        }
        Parallel.For(0, blocks, block => body((int)((long)rows * block / blocks), (int)((long)rows * (block + 1) / blocks)));
    }
}
