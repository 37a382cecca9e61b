using Microsoft.ML.Data;

namespace Microsoft.ML;

// Declared in ML.NET's Microsoft.ML.DataView assembly (src/Microsoft.ML.DataView/IDataView.cs).

public interface IDataView
{
    bool CanShuffle { get; }

    DataViewSchema Schema { get; }

    long? GetRowCount();

    DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);

    DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null);
}

public delegate void ValueGetter<TValue>(ref TValue value);

public abstract class DataViewRow : IDisposable
{
    public abstract long Position { get; }

    public abstract long Batch { get; }

    public abstract DataViewSchema Schema { get; }

    public abstract ValueGetter<DataViewRowId> GetIdGetter();

    public abstract bool IsColumnActive(DataViewSchema.Column column);

    public abstract ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column);

    public void Dispose() => throw NotInReferenceAssembly.Error();

    protected virtual void Dispose(bool disposing) => throw NotInReferenceAssembly.Error();
}

public abstract class DataViewRowCursor : DataViewRow
{
    public abstract bool MoveNext();
}
