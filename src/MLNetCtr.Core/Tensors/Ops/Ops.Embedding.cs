using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Embedding lookup: <c>output[p, :] = table[ids[p], :]</c> for a table (V, D) and ids of shape
    /// <paramref name="idsShape"/>; the output is (idsShape…, D). The backward scatter-adds into the table's gradient
    /// and, for a table created with a sparse gradient, records the rows it wrote in <see cref="Tensor.TouchedRows"/>;
    /// no other row is written. Ids equal to <paramref name="paddingIndex"/> receive no gradient.
    /// </summary>
    /// <remarks><paramref name="ids"/> is read again by the backward step: do not overwrite it before <see cref="Tensor.Backward()"/>.</remarks>
    public static Tensor Embedding(Tensor table, int[] ids, int[] idsShape, int? paddingIndex = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(idsShape);
        if (table.Rank != 2)
        {
            throw new ArgumentException($"An embedding table is (V, D); got shape {Tensor.ShapeString(table.Shape)}.", nameof(table));
        }
        if (Tensor.ShapeSize(idsShape) != ids.Length)
        {
            throw new ArgumentException($"Ids shape {Tensor.ShapeString(idsShape)} holds {Tensor.ShapeSize(idsShape)} ids, but {ids.Length} were given.", nameof(idsShape));
        }
        int rows = table.ShapeArray[0], dim = table.ShapeArray[1];
        CheckIndices(ids, rows, $"embedding table '{table.Name}' of {rows} rows (V = {rows})", nameof(ids));
        if (paddingIndex is { } padding)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(padding, nameof(paddingIndex));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(padding, rows, nameof(paddingIndex));
        }
        int skip = paddingIndex ?? -1;
        Tensor y = Tensor.ResultOf([.. idsShape, dim], table);
        EmbeddingKernels.Gather(table.Data, dim, ids, y.Data);

        y.SetBackward(() =>
        {
            EmbeddingKernels.ScatterAdd(y.Grad!, dim, ids, table.GradOrZeros(), skip);
            if (table.TouchedRows is { } touched)
            {
                foreach (int id in ids)
                {
                    if (id != skip)
                    {
                        touched.Add(id);
                    }
                }
            }
        });
        return y;
    }
}
