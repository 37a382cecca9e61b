namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Base of the scenarios whose rows are impressions of an <see cref="ImpressionWorld"/>. Feature columns: user fields,
/// item fields, <c>hour, device</c>, then <c>position</c> (a context feature unless a scenario makes it a
/// <see cref="ColumnRole.Position"/> column).
/// </summary>
internal abstract class ImpressionScenario : SyntheticScenario
{
    protected ImpressionScenario(SyntheticOptions options)
    {
        WorldRandom = new SyntheticRandom(options.Seed, RandomStream.World);
        World = new ImpressionWorld(WorldRandom, options);
    }

    /// <summary>The world stream, for the effect tables derived classes draw after the world.</summary>
    protected SyntheticRandom WorldRandom { get; }

    protected ImpressionWorld World { get; }

    /// <summary>The position column. Default: a categorical context feature.</summary>
    protected virtual ColumnSchema PositionColumn { get; } = SyntheticColumns.Categorical("position", FeatureSide.Context);

    public override IReadOnlyList<ColumnSchema> FeatureColumns =>
        [.. ImpressionWorld.UserColumns, .. ImpressionWorld.ItemColumns, .. ImpressionWorld.ContextColumns, PositionColumn];

    /// <summary>Writes the cells of <see cref="FeatureColumns"/> for <paramref name="x"/>.</summary>
    protected void WriteFeatures(CsvRowWriter row, in Impression x)
    {
        World.WriteUser(row, x.User);
        World.WriteItem(row, x.Item);
        ImpressionWorld.WriteContext(row, x.Hour, x.Device);
        row.Integer(x.Position);
    }
}
