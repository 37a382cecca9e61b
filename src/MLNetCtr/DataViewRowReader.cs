using Microsoft.ML;
using Microsoft.ML.Data;
using MLNetCtr.Data;

namespace MLNetCtr;

/// <summary>
/// Reads the current row of a <see cref="DataViewRow"/> (a cursor, or PredictionEngine's input row) into a
/// <see cref="HostRowWriter"/>: one getter per slot of the writer, chosen by the column's kind, bound once.
/// </summary>
internal sealed class DataViewRowReader
{
    private readonly DatasetSchema _schema;
    private readonly IReadOnlyList<HostColumn> _columns;
    private readonly bool _requireLabels;
    private readonly string _sourceName;
    private readonly Action<HostRowWriter>[] _readers;

    /// <param name="row">The row to read; its getters are bound now.</param>
    /// <param name="schema">The schema of the rows to build.</param>
    /// <param name="requireLabels">Whether labels (and weight, group, position) must be present.</param>
    /// <param name="sourceName">Names the data in errors.</param>
    public DataViewRowReader(DataViewRow row, DatasetSchema schema, bool requireLabels, string sourceName)
    {
        _schema = schema;
        _columns = DataViewColumns.Of(row.Schema, schema.Columns.Select(c => c.Name));
        _requireLabels = requireLabels;
        _sourceName = sourceName;
        HostRowWriter probe = NewWriter();
        _readers = [.. probe.Slots.Select((s, slot) => s.Host is null ? null : Reader(row, row.Schema[s.Host.Name], s.Host.Kind, slot)).OfType<Action<HostRowWriter>>()];
    }

    /// <summary>The input columns the reader reads (what a cursor must make active).</summary>
    public static IEnumerable<DataViewSchema.Column> ColumnsNeeded(DataViewSchema input, DatasetSchema schema) =>
        schema.Columns.Select(c => input.GetColumnOrNull(c.Name)).OfType<DataViewSchema.Column>();

    /// <summary>A writer for a new batch of rows.</summary>
    public HostRowWriter NewWriter() => new(_schema, _columns, _requireLabels, _sourceName);

    /// <summary>Appends the row's current values to <paramref name="writer"/> as one row.</summary>
    public void ReadInto(HostRowWriter writer)
    {
        foreach (Action<HostRowWriter> read in _readers)
        {
            read(writer);
        }
        writer.EndRow();
    }

    /// <summary>Every row of <paramref name="data"/>, read with <paramref name="schema"/>.</summary>
    public static RawDataset ReadAll(IDataView data, DatasetSchema schema, bool requireLabels, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        using DataViewRowCursor cursor = data.GetRowCursor(ColumnsNeeded(data.Schema, schema));
        var reader = new DataViewRowReader(cursor, schema, requireLabels, sourceName);
        HostRowWriter writer = reader.NewWriter();
        while (cursor.MoveNext())
        {
            reader.ReadInto(writer);
        }
        return writer.ToRawDataset();
    }

    private static Action<HostRowWriter> Reader(DataViewRow row, DataViewSchema.Column column, HostValueKind kind, int slot)
    {
        switch (kind)
        {
            case HostValueKind.Text:
                ValueGetter<ReadOnlyMemory<char>> text = row.GetGetter<ReadOnlyMemory<char>>(column);
                ReadOnlyMemory<char> textValue = default;
                return w => { text(ref textValue); w.SetText(slot, textValue.Span); };
            case HostValueKind.Boolean:
                ValueGetter<bool> boolean = row.GetGetter<bool>(column);
                bool booleanValue = false;
                return w => { boolean(ref booleanValue); w.SetBoolean(slot, booleanValue); };
            case HostValueKind.Key:
                ValueGetter<uint> key = row.GetGetter<uint>(column);
                uint keyValue = 0;
                return w => { key(ref keyValue); w.SetKey(slot, keyValue); };
            case HostValueKind.TextList:
                ValueGetter<VBuffer<ReadOnlyMemory<char>>> texts = row.GetGetter<VBuffer<ReadOnlyMemory<char>>>(column);
                VBuffer<ReadOnlyMemory<char>> textsValue = default;
                return w => { texts(ref textsValue); w.SetTexts(slot, textsValue.IsDense ? textsValue.GetValues() : textsValue.DenseValues().ToArray()); };
            case HostValueKind.KeyList:
                ValueGetter<VBuffer<uint>> keys = row.GetGetter<VBuffer<uint>>(column);
                VBuffer<uint> keysValue = default;
                return w => { keys(ref keysValue); w.SetKeys(slot, keysValue.IsDense ? keysValue.GetValues() : keysValue.DenseValues().ToArray()); };
            default:
                return NumberReader(row, column, slot);
        }
    }

    private static Action<HostRowWriter> NumberReader(DataViewRow row, DataViewSchema.Column column, int slot)
    {
        Type raw = column.Type.RawType;
        if (raw == typeof(float))
        {
            return Number<float>(row, column, slot, v => v);
        }
        if (raw == typeof(double))
        {
            return Number<double>(row, column, slot, v => v);
        }
        return raw == typeof(int) ? Number<int>(row, column, slot, v => v) : Number<long>(row, column, slot, v => v);
    }

    private static Action<HostRowWriter> Number<T>(DataViewRow row, DataViewSchema.Column column, int slot, Func<T, double> widen)
    {
        ValueGetter<T> getter = row.GetGetter<T>(column);
        T value = default!;
        return w => { getter(ref value); w.SetNumber(slot, widen(value)); };
    }
}
