namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Base of the impression scenarios with one click label: <c>click ~ Bernoulli(sigmoid(b + Logit(x)))</c>, b solved
/// so that the mean click probability is <see cref="SyntheticOptions.BaseClickRate"/>.
/// </summary>
internal abstract class FieldClickScenario : ImpressionScenario
{
    private double _intercept;

    protected FieldClickScenario(SyntheticOptions options)
        : base(options)
    {
    }

    public override IReadOnlyList<ColumnSchema> LabelColumns { get; } = [SyntheticColumns.BinaryLabel("click")];

    public override IReadOnlyList<SyntheticTruth> Truths { get; } = [ClickTruth];

    /// <summary>The planted logit of <paramref name="x"/> without the intercept.</summary>
    protected abstract double Logit(in Impression x);

    /// <summary>Solves the intercept; derived constructors call it once their effects exist.</summary>
    protected void Calibrate(SyntheticOptions options) =>
        _intercept = SyntheticMath.SolveIntercept(Pilot(options, r => Logit(World.Sample(r))), options.BaseClickRate);

    public override void NextRow(SyntheticRandom random, DatasetSplit split, CsvRowWriter row, Span<float> labels, Span<double> truths)
    {
        Impression x = World.Sample(random);
        WriteFeatures(row, x);
        truths[0] = SyntheticMath.Sigmoid(_intercept + Logit(x));
        labels[0] = random.NextBernoulli(truths[0]) ? 1 : 0;
    }
}
