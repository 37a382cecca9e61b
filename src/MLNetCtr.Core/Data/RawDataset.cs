namespace MLNetCtr.Data;

/// <summary>
/// Rows read from a file but not yet encoded: categorical values are interned, numbers are as read. Split it
/// (<see cref="DataSplit"/>), fit a <see cref="DataEncoder"/> on the training part only, then encode every part.
/// </summary>
public sealed class RawDataset
{
    internal RawDataset(DatasetSchema schema, ColumnStore store, IReadOnlyDictionary<string, ValuePool> pools, LoadReport? report)
    {
        Schema = schema;
        Store = store;
        Pools = pools;
        Report = report;
    }

    /// <summary>The schema the rows were read with.</summary>
    public DatasetSchema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Store.RowCount;

    /// <summary>What loading the file did, or null for a subset.</summary>
    public LoadReport? Report { get; }

    /// <summary>Columns whose categorical entries are raw indices into <see cref="Pools"/> (by vocabulary name).</summary>
    internal ColumnStore Store { get; }

    /// <summary>The interned values of each vocabulary, shared by every subset of one load.</summary>
    internal IReadOnlyDictionary<string, ValuePool> Pools { get; }

    /// <summary>A copy holding the given rows, in the given order (sharing the interned values).</summary>
    public RawDataset Select(ReadOnlySpan<int> rows) => new(Schema, Store.Select(rows), Pools, report: null);
}
