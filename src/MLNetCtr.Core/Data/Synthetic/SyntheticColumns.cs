namespace MLNetCtr.Data.Synthetic;

/// <summary>Short constructors of the <see cref="ColumnSchema"/> kinds the scenarios write.</summary>
internal static class SyntheticColumns
{
    public static ColumnSchema Categorical(string name, FeatureSide side, string? vocabulary = null) =>
        new() { Name = name, Side = side, Vocabulary = vocabulary };

    public static ColumnSchema Numeric(string name, FeatureSide side, NumericTransform transform) =>
        new() { Name = name, Type = ColumnType.Numeric, Side = side, Transform = transform };

    /// <summary>A categorical sequence; <paramref name="alignedWith"/> names the item sequence it follows position by position.</summary>
    public static ColumnSchema Sequence(string name, FeatureSide side, int maxLength, string? vocabulary = null, string? alignedWith = null) =>
        new() { Name = name, Type = ColumnType.Sequence, Side = side, MaxLength = maxLength, Vocabulary = vocabulary, AlignedWith = alignedWith };

    public static ColumnSchema Text(string name, FeatureSide side) => new() { Name = name, Type = ColumnType.Text, Side = side };

    public static ColumnSchema TextSequence(string name, FeatureSide side, int maxLength, string vocabulary) =>
        new() { Name = name, Type = ColumnType.TextSequence, Side = side, MaxLength = maxLength, Vocabulary = vocabulary };

    public static ColumnSchema BinaryLabel(string name) => new() { Name = name, Role = ColumnRole.Label, Type = ColumnType.Binary };

    public static ColumnSchema NumericLabel(string name) =>
        new() { Name = name, Role = ColumnRole.Label, Type = ColumnType.Numeric, Transform = NumericTransform.None };

    /// <summary>The display position, read by position-bias towers.</summary>
    public static ColumnSchema Position(string name) =>
        new() { Name = name, Role = ColumnRole.Position, Type = ColumnType.Categorical };

    /// <summary>The column holding a truth: numeric, ignored by models.</summary>
    public static ColumnSchema Oracle(SyntheticTruth truth) =>
        new() { Name = truth.Column, Role = ColumnRole.Ignore, Type = ColumnType.Numeric, Transform = NumericTransform.None };
}
