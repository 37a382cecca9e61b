using System.Globalization;

namespace MLNetCtr.Data;

/// <summary>Where a float column goes.</summary>
internal enum FloatColumnKind
{
    /// <summary>A numeric or binary feature; an empty field is missing (NaN).</summary>
    Feature,

    /// <summary>A label (task); an empty field is an error, an absent column NaN.</summary>
    Label,

    /// <summary>The example weight, ≥ 0; an absent column weighs 1.</summary>
    Weight,
}

/// <summary>A numeric or binary feature, a label or the weight.</summary>
internal sealed class FloatBuilder(ColumnSchema column, FloatColumnKind kind) : ColumnBuilder(column)
{
    private readonly GrowBuffer<float> _values = new();

    public override void Append(ReadOnlySpan<char> field)
    {
        float value = kind == FloatColumnKind.Feature && field.IsWhiteSpace() ? float.NaN
            : Column.Type == ColumnType.Binary ? FieldParsing.Binary(field)
            : FieldParsing.Number<float>(field, allowMissing: kind == FloatColumnKind.Feature);
        if (kind == FloatColumnKind.Weight && value < 0f)
        {
            throw new FieldFormatException($"weight {value} is negative.");
        }
        _values.Add(value);
    }

    public override void AppendAbsent() => _values.Add(kind == FloatColumnKind.Weight ? 1f : float.NaN);

    public override void Truncate(int rows) => _values.Truncate(rows);

    public override void AddTo(ColumnStore store)
    {
        float[] values = _values.ToArray();
        switch (kind)
        {
            case FloatColumnKind.Feature: store.Numeric[Column.Name] = values; break;
            case FloatColumnKind.Label: store.Labels[Column.Name] = values; break;
            default: store.Weights = values; break;
        }
    }
}

/// <summary>A text feature, kept as strings for tokenizers.</summary>
internal sealed class TextBuilder(ColumnSchema column) : ColumnBuilder(column)
{
    private readonly GrowBuffer<string> _texts = new();

    public override void Append(ReadOnlySpan<char> field) => _texts.Add(field.ToString());

    public override void AppendAbsent() => _texts.Add("");

    public override void Truncate(int rows) => _texts.Truncate(rows);

    public override void AddTo(ColumnStore store) => store.Texts[Column.Name] = _texts.ToArray();
}

/// <summary>The group id: raw values interned into dense ids from 0; an absent value is −1.</summary>
internal sealed class GroupIdBuilder(ColumnSchema column, ValuePool pool) : ColumnBuilder(column)
{
    private readonly GrowBuffer<int> _ids = new();

    public override void Append(ReadOnlySpan<char> field) => _ids.Add(pool.Intern(field) - Vocabulary.FirstValueId);

    public override void AppendAbsent() => _ids.Add(-1);

    public override void Truncate(int rows) => _ids.Truncate(rows);

    public override void AddTo(ColumnStore store) => store.GroupIds = _ids.ToArray();
}

/// <summary>The display position, an integer; an absent value is 0.</summary>
internal sealed class PositionBuilder(ColumnSchema column) : ColumnBuilder(column)
{
    private readonly GrowBuffer<int> _positions = new();

    public override void Append(ReadOnlySpan<char> field) => _positions.Add(FieldParsing.Integer(field));

    public override void AppendAbsent() => _positions.Add(0);

    public override void Truncate(int rows) => _positions.Truncate(rows);

    public override void AddTo(ColumnStore store) => store.Positions = _positions.ToArray();
}

/// <summary>
/// An ignored numeric column (e.g. a timestamp), kept in double precision only to order rows for splits. Being ignored,
/// it never rejects a row: a field that is not a finite number is kept as NaN (which <see cref="DataSplit.ByOrder"/> reports).
/// </summary>
internal sealed class OrderingKeyBuilder(ColumnSchema column) : ColumnBuilder(column)
{
    private readonly GrowBuffer<double> _keys = new();

    public override void Append(ReadOnlySpan<char> field) =>
        _keys.Add(double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double key) && double.IsFinite(key) ? key : double.NaN);

    public override void AppendAbsent() => _keys.Add(double.NaN);

    public override void Truncate(int rows) => _keys.Truncate(rows);

    public override void AddTo(ColumnStore store) => store.OrderingKeys[Column.Name] = _keys.ToArray();
}
