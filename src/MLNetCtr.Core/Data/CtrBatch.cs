namespace MLNetCtr.Data;

/// <summary>
/// A batch of rows copied out of a <see cref="CtrDataset"/> by a <see cref="BatchIterator"/>. Its arrays have exactly
/// <see cref="CtrColumns.RowCount"/> rows and are REUSED: the iterator refills the same batch object for the next batch,
/// so use (or copy) a batch before moving on.
/// </summary>
public sealed class CtrBatch : CtrColumns
{
    private readonly int[] _sourceRows;

    internal CtrBatch(DatasetSchema schema, ColumnStore store)
        : base(schema, store) => _sourceRows = new int[store.RowCount];

    /// <summary>The dataset row each batch row was copied from.</summary>
    public ReadOnlySpan<int> SourceRows => _sourceRows;

    /// <summary>The epoch this batch belongs to.</summary>
    public int Epoch { get; private set; }

    /// <summary>Index of this batch within its epoch, from 0.</summary>
    public int Index { get; private set; }

    /// <summary>Copies <paramref name="rows"/> of <paramref name="data"/> into this batch's buffers.</summary>
    internal void Fill(CtrDataset data, ReadOnlySpan<int> rows, int epoch, int index)
    {
        data.Store.GatherInto(Store, rows);
        rows.CopyTo(_sourceRows);
        Epoch = epoch;
        Index = index;
    }
}
