namespace MLNetCtr.Data;

/// <summary>
/// Collects the values of one schema column while a file is read, one field per row. A field that does not parse throws
/// <see cref="FieldFormatException"/>; a rejected row is dropped with <see cref="Truncate"/>.
/// </summary>
internal abstract class ColumnBuilder(ColumnSchema column)
{
    /// <summary>The column being collected.</summary>
    public ColumnSchema Column { get; } = column;

    /// <summary>Appends the value of <paramref name="field"/> for the current row.</summary>
    public abstract void Append(ReadOnlySpan<char> field);

    /// <summary>Appends the value a row without this column gets (rows given for scoring, optional columns).</summary>
    public abstract void AppendAbsent();

    /// <summary>Keeps only the first <paramref name="rows"/> rows.</summary>
    public abstract void Truncate(int rows);

    /// <summary>Puts the collected values into <paramref name="store"/>.</summary>
    public abstract void AddTo(ColumnStore store);
}

/// <summary>A categorical feature: each value interned into its vocabulary's pool. An absent value is the empty string.</summary>
internal sealed class CategoricalBuilder(ColumnSchema column, ValuePool pool) : ColumnBuilder(column)
{
    private readonly GrowBuffer<int> _indices = new();

    public override void Append(ReadOnlySpan<char> field) => _indices.Add(pool.Intern(field));

    public override void AppendAbsent() => Append([]);

    public override void Truncate(int rows) => _indices.Truncate(rows);

    public override void AddTo(ColumnStore store) => store.Categorical[Column.Name] = _indices.ToArray();
}

/// <summary>
/// A sequence (or text-sequence) feature: elements split on the column's separator, oldest first; the most recent
/// <see cref="ColumnSchema.MaxLength"/> are interned and stored left-aligned in a padded row. Text sequences also keep
/// the raw field. An empty field is an empty sequence.
/// </summary>
internal sealed class SequenceBuilder(ColumnSchema column, ValuePool pool, bool keepText) : ColumnBuilder(column)
{
    private readonly GrowBuffer<int> _indices = new();
    private readonly GrowBuffer<int> _lengths = new();
    private readonly GrowBuffer<string>? _texts = keepText ? new() : null;

    /// <summary>Elements in the last appended field, before truncation (aligned sequences must agree on it).</summary>
    public int LastElementCount { get; private set; }

    public override void Append(ReadOnlySpan<char> field)
    {
        int maxLength = Column.MaxLength;
        ReadOnlySpan<char> separator = Column.Separator;
        int count = field.IsEmpty ? 0 : field.Count(separator) + 1;
        int skip = Math.Max(0, count - maxLength);   // the oldest elements beyond MaxLength are dropped
        Span<int> row = _indices.AddDefault(maxLength);
        ReadOnlySpan<char> rest = field;
        for (int index = 0; index < count; index++)
        {
            int cut = rest.IndexOf(separator);
            ReadOnlySpan<char> element = cut < 0 ? rest : rest[..cut];
            if (index >= skip)
            {
                row[index - skip] = pool.Intern(element);
            }
            rest = cut < 0 ? [] : rest[(cut + separator.Length)..];
        }
        LastElementCount = count;
        _lengths.Add(count - skip);
        _texts?.Add(field.ToString());
    }

    public override void AppendAbsent() => Append([]);

    public override void Truncate(int rows)
    {
        _indices.Truncate(rows * Column.MaxLength);
        _lengths.Truncate(rows);
        _texts?.Truncate(rows);
    }

    public override void AddTo(ColumnStore store)
    {
        store.Sequences[Column.Name] = new SequenceColumn(_indices.ToArray(), _lengths.ToArray(), Column.MaxLength);
        if (_texts is not null)
        {
            store.Texts[Column.Name] = _texts.ToArray();
        }
    }
}
