namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// One scenario: a planted world (built in the constructor from <see cref="RandomStream.World"/>) and the rule that
/// turns it into rows. A row is laid out as <c>features…, labels…, oracle columns…</c>; the scenario writes the feature
/// cells and hands back labels and truths, which <see cref="SyntheticDataGenerator"/> writes after them.
/// </summary>
internal abstract class SyntheticScenario
{
    /// <summary>Feature (and position) columns, in the order <see cref="NextRow"/> writes them.</summary>
    public abstract IReadOnlyList<ColumnSchema> FeatureColumns { get; }

    /// <summary>Label columns, in the order of the <c>labels</c> span of <see cref="NextRow"/>.</summary>
    public abstract IReadOnlyList<ColumnSchema> LabelColumns { get; }

    /// <summary>Truths, in the order of the <c>truths</c> span of <see cref="NextRow"/>.</summary>
    public abstract IReadOnlyList<SyntheticTruth> Truths { get; }

    /// <summary>The full schema: features, labels, then one ignored oracle column per truth.</summary>
    public DatasetSchema Schema => new() { Columns = [.. FeatureColumns, .. LabelColumns, .. Truths.Select(SyntheticColumns.Oracle)] };

    /// <summary>Draws one row of <paramref name="split"/>: writes its feature cells, fills its labels and truths.</summary>
    public abstract void NextRow(SyntheticRandom random, DatasetSplit split, CsvRowWriter row, Span<float> labels, Span<double> truths);

    public static SyntheticScenario Create(ScenarioKind kind, SyntheticOptions options) => kind switch
    {
        ScenarioKind.Fields => new FieldsScenario(options),
        ScenarioKind.Linear => new LinearScenario(options),
        ScenarioKind.Sequence => new SequenceScenario(options),
        ScenarioKind.Funnel => new FunnelScenario(options),
        ScenarioKind.Multitask => new MultitaskScenario(options),
        ScenarioKind.BehaviorText => new BehaviorTextScenario(options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown scenario {kind}."),
    };

    /// <summary>The single truth of a click-only scenario: <c>oracle_click</c>.</summary>
    protected static SyntheticTruth ClickTruth { get; } = new()
    {
        Name = "click",
        Label = "click",
        Description = "True probability of a click on the shown item.",
    };

    /// <summary>
    /// <paramref name="value"/> evaluated on <see cref="SyntheticMath.PilotRows"/> pilot rows drawn from
    /// <see cref="RandomStream.Calibration"/>: the sample on which intercepts and normalizers are solved.
    /// </summary>
    protected static T[] Pilot<T>(SyntheticOptions options, Func<SyntheticRandom, T> value)
    {
        var random = new SyntheticRandom(options.Seed, RandomStream.Calibration);
        var values = new T[SyntheticMath.PilotRows];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = value(random);
        }
        return values;
    }
}
