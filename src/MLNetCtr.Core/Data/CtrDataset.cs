namespace MLNetCtr.Data;

/// <summary>
/// An encoded dataset in memory, column by column (see <see cref="CtrColumns"/>): made by
/// <see cref="DataEncoder.Encode(RawDataset)"/> or <see cref="CtrDataLoader.Load"/>, iterated in batches by
/// <see cref="BatchIterator"/>.
/// </summary>
public sealed class CtrDataset : CtrColumns
{
    internal CtrDataset(DatasetSchema schema, ColumnStore store, LoadReport? report)
        : base(schema, store) => Report = report;

    /// <summary>What loading the file did, or null when the rows did not come from one file (a subset, encoded rows).</summary>
    public LoadReport? Report { get; }

    /// <summary>A copy holding the given rows, in the given order.</summary>
    public CtrDataset Select(ReadOnlySpan<int> rows) => new(Schema, Store.Select(rows), report: null);
}
