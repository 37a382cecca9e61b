namespace MLNetCtr.Data;

/// <summary>
/// Interns the distinct raw values of one vocabulary while a file is read: each value gets a raw index from
/// <see cref="Vocabulary.FirstValueId"/> on, looked up from a span without allocating (a string is made only for a new
/// value). Raw indices are mapped to fitted vocabulary ids when the data is encoded.
/// </summary>
internal sealed class ValuePool
{
    private readonly Dictionary<string, int> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _values = [];

    public ValuePool() => _lookup = _indices.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>One more than the largest raw index handed out (indices below <see cref="Vocabulary.FirstValueId"/> are reserved).</summary>
    public int IndexBound => _values.Count + Vocabulary.FirstValueId;

    /// <summary>The raw index of <paramref name="value"/>, adding it if new.</summary>
    public int Intern(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out int index))
        {
            return index;
        }
        string text = value.ToString();
        index = IndexBound;
        _indices.Add(text, index);
        _values.Add(text);
        return index;
    }

    /// <summary>The value with raw index <paramref name="index"/>.</summary>
    public string ValueAt(int index) => _values[index - Vocabulary.FirstValueId];
}
