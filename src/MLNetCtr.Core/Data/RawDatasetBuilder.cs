namespace MLNetCtr.Data;

/// <summary>
/// Builds a <see cref="RawDataset"/> row by row: one <see cref="ColumnBuilder"/> ("slot") per loaded schema column.
/// A row is appended field by field, then committed (after the aligned-sequence check) or rolled back.
/// </summary>
internal sealed class RawDatasetBuilder
{
    private readonly ColumnBuilder[] _slots;
    private readonly (int Aligned, int Target)[] _alignedPairs;
    private readonly Dictionary<string, ValuePool> _pools = new(StringComparer.Ordinal);

    public RawDatasetBuilder(DatasetSchema schema)
    {
        schema.Validate();
        Schema = schema;
        var groups = new ValuePool();
        _slots = schema.Columns.Select(c => Create(c, groups)).OfType<ColumnBuilder>().ToArray();
        _alignedPairs = schema.Columns
            .Where(c => c.AlignedWith is not null && c.Role == ColumnRole.Feature)
            .Select(c => (SlotOf(c.Name), SlotOf(c.AlignedWith!)))
            .Where(p => p.Item1 >= 0 && p.Item2 >= 0)
            .ToArray();
    }

    public DatasetSchema Schema { get; }

    /// <summary>The loaded columns, by slot.</summary>
    public IReadOnlyList<ColumnBuilder> Slots => _slots;

    /// <summary>Rows committed so far.</summary>
    public int RowCount { get; private set; }

    /// <summary>The slot of column <paramref name="name"/>, or −1 if it is not loaded.</summary>
    public int SlotOf(string name) => Array.FindIndex(_slots, b => b.Column.Name == name);

    /// <summary>Whether a file may lack the column of <paramref name="slot"/>.</summary>
    public bool IsOptional(int slot, LoadOptions options) => _slots[slot].Column.Role switch
    {
        ColumnRole.Ignore => true,
        ColumnRole.Label => !options.RequireLabels,
        _ => false,
    };

    public void Append(int slot, ReadOnlySpan<char> field) => _slots[slot].Append(field);

    public void AppendAbsent(int slot) => _slots[slot].AppendAbsent();

    /// <summary>Checks the row's aligned sequences and keeps it.</summary>
    public void CommitRow()
    {
        foreach ((int aligned, int target) in _alignedPairs)
        {
            int alignedCount = ((SequenceBuilder)_slots[aligned]).LastElementCount;
            int targetCount = ((SequenceBuilder)_slots[target]).LastElementCount;
            if (alignedCount != targetCount)
            {
                throw new FieldFormatException(
                    $"sequence '{_slots[aligned].Column.Name}' has {alignedCount} elements but '{_slots[target].Column.Name}', " +
                    $"which it is aligned with, has {targetCount}.", aligned);
            }
        }
        RowCount++;
    }

    /// <summary>Drops whatever the current row appended.</summary>
    public void RollbackRow()
    {
        foreach (ColumnBuilder slot in _slots)
        {
            slot.Truncate(RowCount);
        }
    }

    public RawDataset Build(LoadReport? report)
    {
        var store = new ColumnStore(RowCount);
        foreach (ColumnBuilder slot in _slots)
        {
            slot.AddTo(store);
        }
        return new RawDataset(Schema, store, _pools, report);
    }

    private ColumnBuilder? Create(ColumnSchema c, ValuePool groups) => (c.Role, c.Type) switch
    {
        (ColumnRole.Feature, ColumnType.Categorical) => new CategoricalBuilder(c, PoolOf(c)),
        (ColumnRole.Feature, ColumnType.Sequence) => new SequenceBuilder(c, PoolOf(c), keepText: false),
        (ColumnRole.Feature, ColumnType.TextSequence) => new SequenceBuilder(c, PoolOf(c), keepText: true),
        (ColumnRole.Feature, ColumnType.Text) => new TextBuilder(c),
        (ColumnRole.Feature, ColumnType.Numeric or ColumnType.Binary) => new FloatBuilder(c, FloatColumnKind.Feature),
        (ColumnRole.Label, _) => new FloatBuilder(c, FloatColumnKind.Label),
        (ColumnRole.Weight, _) => new FloatBuilder(c, FloatColumnKind.Weight),
        (ColumnRole.GroupId, _) => new GroupIdBuilder(c, groups),
        (ColumnRole.Position, _) => new PositionBuilder(c),
        (ColumnRole.Ignore, ColumnType.Numeric) => new OrderingKeyBuilder(c),
        _ => null,
    };

    private ValuePool PoolOf(ColumnSchema c)
    {
        if (!_pools.TryGetValue(c.VocabularyName, out ValuePool? pool))
        {
            _pools[c.VocabularyName] = pool = new ValuePool();
        }
        return pool;
    }
}
