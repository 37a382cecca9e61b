using System.Globalization;

namespace MLNetCtr.Data;

/// <summary>
/// Collects rows of a host data frame (an ML.NET <c>IDataView</c> cursor) value by value into a <see cref="RawDataset"/>
/// of a <see cref="DatasetSchema"/>, through the same column builders as the CSV loader: every value is validated and
/// interned exactly as the same value read from a file would be, so a model scores both alike.
/// </summary>
/// <remarks>
/// For each row, set every slot whose <see cref="Slots"/> entry has a host column (<c>Set…</c>, once each), then call
/// <see cref="EndRow"/>; slots without a host column (labels when scoring) get the value of an absent column. Numbers
/// reach the builders in invariant round-trip text, keys as their number (0, the missing key, as an empty value), lists
/// joined by the column's separator.
/// </remarks>
public sealed class HostRowWriter
{
    private readonly RawDatasetBuilder _builder;
    private readonly HostColumn?[] _hosts;
    private readonly bool[] _set;
    private readonly string _sourceName;
    private char[] _buffer = new char[256];

    /// <summary>Prepares to collect rows of <paramref name="columns"/> for <paramref name="schema"/>.</summary>
    /// <param name="schema">The schema of the rows to build.</param>
    /// <param name="columns">The host's columns.</param>
    /// <param name="requireLabels">Whether label, weight, group and position columns must be present (training).</param>
    /// <param name="sourceName">Names the data in errors, e.g. <c>"IDataView"</c>.</param>
    public HostRowWriter(DatasetSchema schema, IReadOnlyList<HostColumn> columns, bool requireLabels, string sourceName)
    {
        HostSchema.Check(schema, columns, requireLabels);
        _builder = new RawDatasetBuilder(schema);
        _hosts = _builder.Slots.Select(s => columns.FirstOrDefault(h => h.Name == s.Column.Name)).ToArray();
        _set = new bool[_hosts.Length];
        Slots = [.. _builder.Slots.Select((s, i) => (s.Column, _hosts[i]))];
        _sourceName = sourceName ?? throw new ArgumentNullException(nameof(sourceName));
    }

    /// <summary>Per slot: the schema column it fills and the host column it reads, or null when the host lacks it.</summary>
    public IReadOnlyList<(ColumnSchema Column, HostColumn? Host)> Slots { get; }

    /// <summary>Rows completed so far.</summary>
    public int RowCount => _builder.RowCount;

    /// <summary>Sets a text value (categorical value, number text, or a sequence joined by its separator).</summary>
    public void SetText(int slot, ReadOnlySpan<char> value) => Append(slot, value);

    /// <summary>Sets a number (NaN is a missing feature value).</summary>
    public void SetNumber(int slot, double value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture);
        Append(slot, text[..written]);
    }

    /// <summary>Sets a Boolean (1 or 0).</summary>
    public void SetBoolean(int slot, bool value) => Append(slot, value ? "1" : "0");

    /// <summary>Sets a key; 0, the missing key, is an empty value.</summary>
    public void SetKey(int slot, ulong key)
    {
        Span<char> text = stackalloc char[24];
        int written = 0;
        if (key != 0)
        {
            key.TryFormat(text, out written, provider: CultureInfo.InvariantCulture);
        }
        Append(slot, text[..written]);
    }

    /// <summary>Sets a list of texts, oldest first; no element may contain the column's separator.</summary>
    public void SetTexts(int slot, ReadOnlySpan<ReadOnlyMemory<char>> elements)
    {
        string separator = _builder.Slots[slot].Column.Separator;
        int length = 0;
        for (int i = 0; i < elements.Length; i++)
        {
            ReadOnlySpan<char> element = elements[i].Span;
            if (element.Contains(separator, StringComparison.Ordinal))
            {
                Fail(slot, $"list element {i} '{FieldParsing.Quote(element)}' contains the separator '{separator}' of the sequence column.");
            }
            length = Join(length, i == 0 ? [] : separator, element);
        }
        Append(slot, _buffer.AsSpan(0, length));
    }

    /// <summary>Sets a list of keys, oldest first; a 0 key is an empty element.</summary>
    public void SetKeys(int slot, ReadOnlySpan<uint> keys)
    {
        string separator = _builder.Slots[slot].Column.Separator;
        Span<char> text = stackalloc char[12];
        int length = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            int written = 0;
            if (keys[i] != 0)
            {
                keys[i].TryFormat(text, out written, provider: CultureInfo.InvariantCulture);
            }
            length = Join(length, i == 0 ? [] : separator, text[..written]);
        }
        Append(slot, _buffer.AsSpan(0, length));
    }

    /// <summary>Completes the row: every slot with a host column must have been set once; the others get their absent value.</summary>
    /// <exception cref="DataFormatException">The row does not match the schema (names the row, from 1, and the column).</exception>
    public void EndRow()
    {
        for (int slot = 0; slot < _hosts.Length; slot++)
        {
            if (_hosts[slot] is null)
            {
                _builder.AppendAbsent(slot);
            }
            else if (!_set[slot])
            {
                throw new InvalidOperationException($"Row {RowCount + 1}: column '{_hosts[slot]!.Name}' was not set before {nameof(EndRow)}.");
            }
        }
        Array.Clear(_set);
        try
        {
            _builder.CommitRow();
        }
        catch (FieldFormatException e)
        {
            _builder.RollbackRow();
            throw Error(e.Slot ?? 0, e.Reason);
        }
    }

    /// <summary>The rows collected so far.</summary>
    public RawDataset ToRawDataset() => _builder.Build(report: null);

    private void Append(int slot, ReadOnlySpan<char> field)
    {
        if (_hosts[slot] is null || _set[slot])
        {
            throw new InvalidOperationException($"Row {RowCount + 1}: slot {slot} ('{_builder.Slots[slot].Column.Name}') " +
                (_hosts[slot] is null ? "has no host column." : $"was already set; call {nameof(EndRow)} first."));
        }
        try
        {
            _builder.Append(slot, field);
        }
        catch (FieldFormatException e)
        {
            Fail(slot, e.Reason);
        }
        _set[slot] = true;
    }

    private int Join(int length, ReadOnlySpan<char> separator, ReadOnlySpan<char> element)
    {
        int needed = length + separator.Length + element.Length;
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, 2 * _buffer.Length));
        }
        separator.CopyTo(_buffer.AsSpan(length));
        element.CopyTo(_buffer.AsSpan(length + separator.Length));
        return needed;
    }

    /// <summary>Drops the partial row and throws the error naming the row and column.</summary>
    private void Fail(int slot, string reason)
    {
        _builder.RollbackRow();
        Array.Clear(_set);
        throw Error(slot, reason);
    }

    private DataFormatException Error(int slot, string reason) =>
        new(_sourceName, RowCount + 1, _builder.Slots[slot].Column.Name, 0, reason);
}
