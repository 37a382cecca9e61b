using System.Numerics.Tensors;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// Cross-entropy through an output layer without materialising the <c>(N, V)</c> logits <c>z = x · Wᵀ + b</c>
/// (x: (N, D), W: (V, D), b: (V)): z is computed tile by tile (<see cref="RowBlock"/> × <see cref="ColumnTile"/>,
/// cache-resident), the forward keeps a running log-sum-exp per row, and the backward recomputes each tile, turns it
/// into <c>dz = c_i · (softmax(z_i) − onehot(t_i))</c> in place and feeds it to the dW and dx products at once.
/// </summary>
/// <remarks>
/// Every tile of z is bit-identical to <see cref="Ops.Linear"/>'s (b first, then one FMA chain over D). Determinism:
/// the forward is parallel over row blocks, each row computed the same way whatever the thread count; the backward is
/// parallel over fixed groups of columns (their bounds depend only on the class count, see <see cref="GroupWidth"/>): a group owns
/// its rows of dW and db and writes dx into its own partial, and the partials are summed in group order.
/// </remarks>
internal static class LinearCrossEntropyKernels
{
    /// <summary>Rows of x per tile (the GEMM's A block).</summary>
    internal const int RowBlock = 128;

    /// <summary>Columns of z (rows of W) per tile: a 128 × 512 tile is 256 KiB.</summary>
    internal const int ColumnTile = 512;

    /// <summary>Columns per backward group (the unit of parallelism of the backward), until there are <see cref="MaxGroups"/>.</summary>
    internal const int GroupColumns = 4096;

    /// <summary>At most this many backward groups (each holds an N × D partial of dx); wider groups beyond.</summary>
    internal const int MaxGroups = 32;

    [ThreadStatic]
    private static float[]? t_tile;

    /// <summary>Number of backward groups for <paramref name="v"/> classes (the dx partials the caller provides).</summary>
    public static int Groups(int v) => Math.Clamp((v + GroupColumns - 1) / GroupColumns, 1, MaxGroups);

    /// <summary>Columns of each backward group (the last may be narrower or empty): a multiple of <see cref="ColumnTile"/>.</summary>
    internal static int GroupWidth(int v)
    {
        int groups = Groups(v), width = (v + groups - 1) / groups;
        return (width + ColumnTile - 1) / ColumnTile * ColumnTile;
    }

    /// <summary>
    /// <c>logSumExp[i] = log Σ_j exp(z_ij)</c> and <c>targetLogit[i] = z_{i, t_i}</c> for every row whose target is not
    /// <paramref name="ignoreIndex"/> (others are left as they are).
    /// </summary>
    public static void Forward(float[] x, float[] w, float[] b, int n, int d, int v, int[] targets, int ignoreIndex,
        float[] logSumExp, float[] targetLogit, bool parallel)
    {
        int blocks = (n + RowBlock - 1) / RowBlock;
        void Blocks(int start, int end)
        {
            float[] tile = Tile();
            Span<float> max = stackalloc float[RowBlock], sum = stackalloc float[RowBlock];
            for (int block = start; block < end; block++)
            {
                int i0 = block * RowBlock, rows = Math.Min(RowBlock, n - i0);
                max.Fill(float.NegativeInfinity);
                sum.Clear();
                for (int j0 = 0; j0 < v; j0 += ColumnTile)
                {
                    int columns = Math.Min(ColumnTile, v - j0);
                    Logits(x, w, b, d, i0, rows, j0, columns, tile);                                       // (rows, columns)
                    for (int r = 0; r < rows; r++)
                    {
                        int target = targets[i0 + r];
                        if (target == ignoreIndex)
                        {
                            continue;
                        }
                        ReadOnlySpan<float> z = tile.AsSpan(r * columns, columns);
                        float newMax = Math.Max(max[r], TensorPrimitives.Max(z));
                        sum[r] = (max[r] == float.NegativeInfinity ? 0f : sum[r] * MathF.Exp(max[r] - newMax)) + SoftmaxKernels.SumExpShifted(z, newMax);
                        max[r] = newMax;
                        if (target >= j0 && target < j0 + columns)
                        {
                            targetLogit[i0 + r] = z[target - j0];
                        }
                    }
                }
                for (int r = 0; r < rows; r++)
                {
                    if (targets[i0 + r] != ignoreIndex)
                    {
                        logSumExp[i0 + r] = max[r] + MathF.Log(sum[r]);
                    }
                }
            }
        }
        if (parallel)
        {
            ParallelRows.For(blocks, (long)RowBlock * v, Blocks);
        }
        else
        {
            Blocks(0, blocks);
        }
    }

    /// <summary>
    /// Accumulates the gradient of <c>Σ_i c_i · (logΣexp(z_i) − z_{i, t_i})</c>: <c>dz = c_i · (exp(z_i − lse_i) − onehot)</c>,
    /// <c>dx += dz · W</c>, <c>dW += dzᵀ · x</c>, <c>db += Σ_i dz_i</c>. Rows with <c>c_i = 0</c> contribute nothing. A null
    /// gradient is not computed; <paramref name="dxPartials"/> (zeroed, <see cref="Groups"/>(v) · N · D) is needed with dx.
    /// </summary>
    public static void Backward(float[] x, float[] w, float[] b, int n, int d, int v, int[] targets, float[] logSumExp, float[] coefficients,
        float[]? dx, float[]? dw, float[]? db, float[]? dxPartials, bool parallel)
    {
        int groups = Groups(v), width = GroupWidth(v);
        void Group(int g)
        {
            float[] tile = Tile();
            for (int j0 = g * width; j0 < Math.Min(v, (g + 1) * width); j0 += ColumnTile)
            {
                int columns = Math.Min(ColumnTile, v - j0);
                for (int i0 = 0; i0 < n; i0 += RowBlock)
                {
                    int rows = Math.Min(RowBlock, n - i0);
                    Logits(x, w, b, d, i0, rows, j0, columns, tile);                                           // z (rows, columns)
                    Span<float> dz = tile.AsSpan(0, rows * columns);
                    SoftmaxMinusOneHot(dz, i0, rows, j0, columns, targets, logSumExp, coefficients);                // dz in place
                    for (int r = 0; r < rows && db is not null; r++)
                    {
                        TensorPrimitives.Add(db.AsSpan(j0, columns), dz.Slice(r * columns, columns), db.AsSpan(j0, columns));   // db += Σ_rows dz
                    }
                    if (dw is not null)
                    {
                        Gemm.MultiplyOnThisThread(dz, x.AsSpan(i0 * d), dw.AsSpan(j0 * d), columns, d, rows, transA: true, transB: false, accumulate: true);   // dW_t += dzᵀ · x_b
                    }
                    if (dx is not null)
                    {
                        Gemm.MultiplyOnThisThread(dz, w.AsSpan(j0 * d), dxPartials!.AsSpan(((g * n) + i0) * d), rows, d, columns, transA: false, transB: false, accumulate: true);   // dx_b,g += dz · W_t
                    }
                }
            }
        }
        if (parallel && groups > 1)
        {
            Parallel.For(0, groups, Group);
        }
        else
        {
            for (int g = 0; g < groups; g++)
            {
                Group(g);
            }
        }
        if (dx is not null)
        {
            for (int g = 0; g < groups; g++)
            {
                TensorPrimitives.Add(dx.AsSpan(0, n * d), dxPartials!.AsSpan(g * n * d, n * d), dx.AsSpan(0, n * d));   // dx += Σ_g partial_g, in group order
            }
        }
    }

    /// <summary>The tile <c>z[i0 .. i0+rows, j0 .. j0+columns] = b + x_b · W_tᵀ</c>, row-major with row length <paramref name="columns"/>.</summary>
    private static void Logits(float[] x, float[] w, float[] b, int d, int i0, int rows, int j0, int columns, float[] tile)
    {
        for (int r = 0; r < rows; r++)
        {
            b.AsSpan(j0, columns).CopyTo(tile.AsSpan(r * columns, columns));                                   // z = b
        }
        Gemm.MultiplyOnThisThread(x.AsSpan(i0 * d, rows * d), w.AsSpan(j0 * d, columns * d), tile, rows, columns, d, transA: false, transB: true, accumulate: true);   // z += x · Wᵀ
    }

    /// <summary><c>dz_r = c_r · exp(z_r − lse_r)</c>, minus c_r at the target column when it lies in this tile.</summary>
    private static void SoftmaxMinusOneHot(Span<float> tile, int i0, int rows, int j0, int columns, int[] targets, float[] logSumExp, float[] coefficients)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<float> z = tile.Slice(r * columns, columns);
            float c = coefficients[i0 + r];
            if (c == 0f)
            {
                z.Clear();
                continue;
            }
            ExpKernels.ScaledExp(z, logSumExp[i0 + r], c, z);
            int target = targets[i0 + r];
            if (target >= j0 && target < j0 + columns)
            {
                z[target - j0] -= c;
            }
        }
    }

    private static float[] Tile() => t_tile ??= GC.AllocateUninitializedArray<float>(RowBlock * ColumnTile);
}
