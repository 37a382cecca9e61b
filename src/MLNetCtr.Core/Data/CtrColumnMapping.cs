namespace MLNetCtr.Data;

/// <summary>
/// Which columns of a host data frame (an ML.NET <c>IDataView</c>) play which role, from which a
/// <see cref="DatasetSchema"/> is inferred by <see cref="HostSchema.Infer"/>: Boolean labels are binary tasks, numeric
/// labels regression tasks; text and key features are categorical, numbers numeric, Booleans binary, lists sequences.
/// </summary>
/// <remarks>
/// Set <see cref="Schema"/> to describe the columns exactly (separators, vocabulary options, numeric transforms,
/// text sequences); every other property is then ignored.
/// </remarks>
public sealed record CtrColumnMapping
{
    /// <summary>The label columns, one per task, in task order. Default: <c>["Label"]</c> (<see cref="HostSchema.DefaultLabelColumnName"/>).</summary>
    public IReadOnlyList<string> LabelColumnNames { get; init; } = [HostSchema.DefaultLabelColumnName];

    /// <summary>
    /// The feature columns; null takes every visible column that has no other role here. Default: null.
    /// </summary>
    public IReadOnlyList<string>? FeatureColumnNames { get; init; }

    /// <summary>Features describing the user (the user tower of two-tower models). Default: empty.</summary>
    public IReadOnlyList<string> UserColumnNames { get; init; } = [];

    /// <summary>Features describing the candidate item (the item tower). Default: empty; other features are context.</summary>
    public IReadOnlyList<string> ItemColumnNames { get; init; } = [];

    /// <summary>Per-row example weights (a number ≥ 0), or null. Default: null.</summary>
    public string? WeightColumnName { get; init; }

    /// <summary>Group (user/request) ids for gAUC, or null. Default: null.</summary>
    public string? GroupIdColumnName { get; init; }

    /// <summary>Display positions (an integer) for position-bias towers, or null. Default: null.</summary>
    public string? PositionColumnName { get; init; }

    /// <summary>
    /// Column → the column whose vocabulary it shares, e.g. <c>{ "HistoryItems": "ItemId" }</c> (history items and the
    /// candidate item). Default: empty.
    /// </summary>
    public IReadOnlyDictionary<string, string> SharedVocabularies { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Side-info sequence → the item sequence it is aligned with position by position, e.g.
    /// <c>{ "HistoryCategories": "HistoryItems" }</c>. Default: empty.
    /// </summary>
    public IReadOnlyDictionary<string, string> AlignedSequences { get; init; } = new Dictionary<string, string>();

    /// <summary>Sequences keep their most recent elements, this many. Default: <see cref="SchemaDefaults.MaxSequenceLength"/> (50).</summary>
    public int MaxSequenceLength { get; init; } = SchemaDefaults.MaxSequenceLength;

    /// <summary>An explicit schema (columns matched by name); when set, every other property is ignored. Default: null.</summary>
    public DatasetSchema? Schema { get; init; }
}
