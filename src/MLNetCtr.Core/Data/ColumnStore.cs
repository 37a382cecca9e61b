namespace MLNetCtr.Data;

/// <summary>
/// Columnar arrays of one set of rows, keyed by column name: the storage behind <see cref="RawDataset"/>,
/// <see cref="CtrDataset"/> and <see cref="CtrBatch"/>. Every array has exactly <see cref="RowCount"/> rows.
/// </summary>
internal sealed class ColumnStore
{
    public ColumnStore(int rowCount) => RowCount = rowCount;

    public int RowCount { get; }

    public Dictionary<string, int[]> Categorical { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, float[]> Numeric { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SequenceColumn> Sequences { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string[]> Texts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, float[]> Labels { get; } = new(StringComparer.Ordinal);

    /// <summary>Raw values of ignored numeric columns (e.g. a timestamp), kept only to order rows for splits.</summary>
    public Dictionary<string, double[]> OrderingKeys { get; } = new(StringComparer.Ordinal);

    public float[]? Weights { get; set; }

    public int[]? GroupIds { get; set; }

    public int[]? Positions { get; set; }

    /// <summary>A store with the same columns and <paramref name="rowCount"/> zeroed rows.</summary>
    public ColumnStore Allocate(int rowCount)
    {
        var s = new ColumnStore(rowCount);
        foreach ((string name, int[] _) in Categorical) { s.Categorical[name] = new int[rowCount]; }
        foreach ((string name, float[] _) in Numeric) { s.Numeric[name] = new float[rowCount]; }
        foreach ((string name, SequenceColumn c) in Sequences) { s.Sequences[name] = new SequenceColumn(new int[rowCount * c.MaxLength], new int[rowCount], c.MaxLength); }
        foreach ((string name, string[] _) in Texts) { s.Texts[name] = new string[rowCount]; }
        foreach ((string name, float[] _) in Labels) { s.Labels[name] = new float[rowCount]; }
        foreach ((string name, double[] _) in OrderingKeys) { s.OrderingKeys[name] = new double[rowCount]; }
        s.Weights = Weights is null ? null : new float[rowCount];
        s.GroupIds = GroupIds is null ? null : new int[rowCount];
        s.Positions = Positions is null ? null : new int[rowCount];
        return s;
    }

    /// <summary>Copies row <c>rows[i]</c> of this store into row i of <paramref name="target"/> (made by <see cref="Allocate"/>).</summary>
    public void GatherInto(ColumnStore target, ReadOnlySpan<int> rows)
    {
        foreach ((string name, int[] source) in Categorical) { Gather(source, target.Categorical[name], rows); }
        foreach ((string name, float[] source) in Numeric) { Gather(source, target.Numeric[name], rows); }
        foreach ((string name, string[] source) in Texts) { Gather(source, target.Texts[name], rows); }
        foreach ((string name, float[] source) in Labels) { Gather(source, target.Labels[name], rows); }
        foreach ((string name, double[] source) in OrderingKeys) { Gather(source, target.OrderingKeys[name], rows); }
        foreach ((string name, SequenceColumn source) in Sequences) { GatherSequence(source, target.Sequences[name], rows); }
        Gather(Weights, target.Weights, rows);
        Gather(GroupIds, target.GroupIds, rows);
        Gather(Positions, target.Positions, rows);
    }

    /// <summary>A new store holding the given rows, in the given order.</summary>
    public ColumnStore Select(ReadOnlySpan<int> rows)
    {
        foreach (int row in rows)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row, nameof(rows));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount, nameof(rows));
        }
        ColumnStore target = Allocate(rows.Length);
        GatherInto(target, rows);
        return target;
    }

    private static void Gather<T>(T[]? source, T[]? target, ReadOnlySpan<int> rows)
    {
        if (source is null || target is null)
        {
            return;
        }
        for (int i = 0; i < rows.Length; i++)
        {
            target[i] = source[rows[i]];
        }
    }

    private static void GatherSequence(SequenceColumn source, SequenceColumn target, ReadOnlySpan<int> rows)
    {
        int maxLength = source.MaxLength;
        for (int i = 0; i < rows.Length; i++)
        {
            source.Ids.AsSpan(rows[i] * maxLength, maxLength).CopyTo(target.Ids.AsSpan(i * maxLength, maxLength));
            target.Lengths[i] = source.Lengths[rows[i]];
        }
    }
}
