using System.Globalization;

namespace MLNetCtr.Data;

/// <summary>What <see cref="SchemaInference"/> guessed for one file column, and why (one line for a person to check).</summary>
/// <param name="Column">The guessed column.</param>
/// <param name="Reason">The evidence, e.g. "812 distinct numbers, 15% empty, skew 14.2: log".</param>
public sealed record InferredColumn(ColumnSchema Column, string Reason);

/// <summary>Statistics of one column over a sample of rows, and the column they suggest.</summary>
internal sealed class ColumnProfile(string name, string separator)
{
    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
    private readonly List<double> _numbers = [];
    private int _rows, _nonEmpty, _nonBinary, _nonInteger, _split, _maxElements;

    public string Name { get; } = name;

    public void Add(ReadOnlySpan<char> field)
    {
        _rows++;
        if (field.IsWhiteSpace())
        {
            return;
        }
        _nonEmpty++;
        _distinct.Add(field.ToString());
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x))
        {
            _numbers.Add(x);
            _nonInteger += x == Math.Floor(x) ? 0 : 1;
        }
        _nonBinary += FieldParsing.TryBinary(field, out _) ? 0 : 1;
        int elements = field.Count(separator) + 1;
        _split += elements > 1 ? 1 : 0;
        _maxElements = Math.Max(_maxElements, elements);
    }

    /// <summary>A label: binary when every value reads as 0/1 (or true/false, −1), else numeric (regression).</summary>
    public InferredColumn GuessLabel()
    {
        string empty = _nonEmpty < _rows ? Format($"; {_rows - _nonEmpty:N0} empty, which training rejects") : "";
        return _nonBinary == 0
            ? new(new ColumnSchema { Name = Name, Role = ColumnRole.Label, Type = ColumnType.Binary }, "0/1 values" + empty)
            : new(new ColumnSchema { Name = Name, Role = ColumnRole.Label, Type = ColumnType.Numeric, Transform = NumericTransform.None },
                Format($"{_nonBinary:N0} values not 0/1: regression") + empty);
    }

    /// <summary>
    /// A feature, in this order: never filled → ignored; split by the separator in most rows → sequence; a different
    /// value in every row (and not fractional numbers) → an id, ignored; all numbers with many distinct values →
    /// numeric (log if heavy-tailed); anything else → categorical.
    /// </summary>
    public InferredColumn GuessFeature(SchemaInferenceOptions options, FeatureSide side)
    {
        var feature = new ColumnSchema { Name = Name, Side = side, MinCount = options.MinCount };
        bool allNumbers = _nonEmpty > 0 && _numbers.Count == _nonEmpty;
        if (_nonEmpty == 0)
        {
            return new(feature with { Role = ColumnRole.Ignore }, Format($"empty in all {_rows:N0} rows"));
        }
        if (_split * 2 > _nonEmpty)
        {
            int maxLength = Math.Min(SchemaDefaults.MaxSequenceLength, _maxElements);
            return new(feature with { Type = ColumnType.Sequence, Separator = separator, MaxLength = maxLength },
                Format($"'{separator}' splits {Percent(_split, _nonEmpty)}, up to {_maxElements} elements"));
        }
        if (_distinct.Count == _rows && _rows >= SchemaInferenceDefaults.MinRowsForIdColumn && (!allNumbers || _nonInteger == 0))
        {
            return new(feature with { Role = ColumnRole.Ignore, Type = allNumbers ? ColumnType.Numeric : ColumnType.Categorical, MinCount = 1 },
                Format($"unique in each of {_rows:N0} rows: an id"));
        }
        if (allNumbers && _distinct.Count >= options.MinNumericDistinct)
        {
            double skewness = Skewness();
            NumericTransform transform = Math.Abs(skewness) > SchemaInferenceDefaults.LogSkewness ? NumericTransform.Log : NumericTransform.Standardize;
            return new(feature with { Type = ColumnType.Numeric, MinCount = 1, Transform = transform },
                Format($"{_distinct.Count:N0} distinct numbers, {Percent(_rows - _nonEmpty, _rows)} empty, skew {skewness:F1}: {(transform == NumericTransform.Log ? "log" : "standardize")}"));
        }
        string what = allNumbers ? Format($"only {_distinct.Count:N0} distinct numbers (< {options.MinNumericDistinct})") : Format($"{_distinct.Count:N0} distinct texts");
        return new(feature, Format($"{what}, {Percent(_rows - _nonEmpty, _rows)} empty"));
    }

    /// <summary>Sample skewness <c>m3 / m2^1.5</c> of the numbers (0 when they are all equal).</summary>
    private double Skewness()
    {
        double mean = _numbers.Average(), m2 = 0, m3 = 0;
        foreach (double x in _numbers)
        {
            double d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= _numbers.Count;
        m3 /= _numbers.Count;
        return m2 > 0 ? m3 / Math.Pow(m2, 1.5) : 0;
    }

    private static string Percent(int count, int total) => Format($"{100.0 * count / Math.Max(1, total):F0}%");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
