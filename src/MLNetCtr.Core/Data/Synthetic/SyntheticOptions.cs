namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Options of <see cref="SyntheticDataGenerator"/>: size, seed and split, then the knobs of each scenario. A knob that a
/// scenario does not use is ignored by it; the summary of each knob names the scenarios that read it.
/// </summary>
public sealed record SyntheticOptions
{
    /// <summary>Total number of rows over the train, validation and test files.</summary>
    /// <value>Default: 100 000.</value>
    public int Rows { get; init; } = 100_000;

    /// <summary>Seed of every random choice; the same seed and options give byte-identical files.</summary>
    /// <value>Default: 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Fraction of the rows in the validation file (rounded to the nearest row); may be 0.</summary>
    /// <value>Default: 0.1.</value>
    public double ValidFraction { get; init; } = 0.1;

    /// <summary>Fraction of the rows in the test file (rounded to the nearest row); may be 0.</summary>
    /// <value>Default: 0.1.</value>
    public double TestFraction { get; init; } = 0.1;

    /// <summary>
    /// Mean true click probability over impressions; the intercept of every scenario's click model is solved for it.
    /// In <see cref="ScenarioKind.Multitask"/> every binary task has this rate. Must be in (0, 1).
    /// </summary>
    /// <value>Default: 0.1.</value>
    public double BaseClickRate { get; init; } = 0.1;

    /// <summary>Number of distinct users; how often each appears follows a power law (heavy and light users).</summary>
    /// <value>Default: 10 000.</value>
    public int Users { get; init; } = 10_000;

    /// <summary>Number of distinct items (all scenarios but <see cref="ScenarioKind.BehaviorText"/>, whose items are texts).</summary>
    /// <value>Default: 5 000.</value>
    public int Items { get; init; } = 5_000;

    /// <summary>Number of item categories; each category has ten brands (all scenarios but <see cref="ScenarioKind.BehaviorText"/>).</summary>
    /// <value>Default: 40.</value>
    public int Categories { get; init; } = 40;

    /// <summary>
    /// Exponent s of the Zipf law of item popularity: the item of rank r is shown with weight r^−s. With 5 000 items
    /// and s = 0.8 the top item gets about 4% of impressions and the rarest about one in 9 000.
    /// </summary>
    /// <value>Default: 0.8.</value>
    public double PopularityExponent { get; init; } = 0.8;

    /// <summary>Dimension of the planted user, item and topic latent vectors (and of the MMoE input x).</summary>
    /// <value>Default: 8.</value>
    public int LatentDimension { get; init; } = 8;

    /// <summary>
    /// Scale of the second-order terms (latent affinity and explicit field crosses) in <see cref="ScenarioKind.Fields"/>
    /// and <see cref="ScenarioKind.Funnel"/>; 0 makes them first-order.
    /// </summary>
    /// <value>Default: 1.</value>
    public double InteractionStrength { get; init; } = 1.0;

    /// <summary>
    /// Scale of a planted third-order cross in <see cref="ScenarioKind.Fields"/> and <see cref="ScenarioKind.Funnel"/>:
    /// a rank-4 three-way term over age bucket × hour × item category, which no second-order model (LR, FM, FFM, FM or
    /// FFM towers) can represent and cross networks, CIN and MLPs can; 0 leaves the world second-order.
    /// </summary>
    /// <value>Default: 0 (the data is then the same as before this option existed).</value>
    public double ThirdOrderStrength { get; init; }

    /// <summary>Longest behavior history (<see cref="ScenarioKind.Sequence"/>); lengths are uniform in [1, this].</summary>
    /// <value>Default: 30.</value>
    public int MaxHistoryLength { get; init; } = 30;

    /// <summary>Half-life, in hours, of a past behavior's weight in the <see cref="ScenarioKind.Sequence"/> click model.</summary>
    /// <value>Default: 24.</value>
    public double RecencyHalfLifeHours { get; init; } = 24.0;

    /// <summary>
    /// Whether a scenario whose true probability depends on something its rows do not show also writes P(label | row):
    /// the truth averaged over what the row hides, under the generator's own model — the Bayes-optimal score, hence the
    /// ceiling, of any model of the row. <see cref="ScenarioKind.Sequence"/> hides each behavior's exact age behind its
    /// time-gap bucket and adds the truth <c>click_observable</c> (a particle filter per row: several times slower to
    /// generate). The other scenarios' truths are already functions of the row and ignore this.
    /// </summary>
    /// <value>Default: false.</value>
    public bool ObservableTruths { get; init; }

    /// <summary>Mean P(cart or wishlist | click) over impressions (<see cref="ScenarioKind.Funnel"/>). Must be in (0, 1).</summary>
    /// <value>Default: 0.3.</value>
    public double ActionRate { get; init; } = 0.3;

    /// <summary>Mean P(buy | click) over impressions (<see cref="ScenarioKind.Funnel"/>). Must be in (0, 1).</summary>
    /// <value>Default: 0.05.</value>
    public double ConversionRate { get; init; } = 0.05;

    /// <summary>
    /// ℓ, how much a DAction tells about the purchase that may follow (<see cref="ScenarioKind.Funnel"/>): the buy logit
    /// is <c>b + ℓ + g</c> after a DAction and <c>b − ℓ + g</c> without one. With 0 a DAction tells about the purchase
    /// only through the features both logits share (ESM2's P(buy | DAction) and P(buy | no DAction) are then equal);
    /// larger values make buys follow DActions. Must be in [0, 10].
    /// </summary>
    /// <value>Default: 1.5.</value>
    public double ActionConversionLift { get; init; } = 1.5;

    /// <summary>Number of binary tasks of <see cref="ScenarioKind.Multitask"/> (click, like, share, comment, follow), 2 to 5.</summary>
    /// <value>Default: 2.</value>
    public int TaskCount { get; init; } = 2;

    /// <summary>
    /// ρ = cos(w₁, w_k) between the weight vector of the first task and each other task of
    /// <see cref="ScenarioKind.Multitask"/> (also of the dwell-time task). In [−1, 1].
    /// </summary>
    /// <value>Default: 0.5.</value>
    public double TaskCorrelation { get; init; } = 0.5;

    /// <summary>
    /// Whether <see cref="ScenarioKind.Multitask"/> uses the input of the MMoE paper's synthetic study (Ma et al., KDD
    /// 2018, §4.1) instead of planted field vectors: <c>x ~ N(0, I_D)</c>, D = <see cref="LatentDimension"/> (the paper:
    /// 100), drawn per impression from the row stream independently of the categorical fields, and written as D
    /// numeric context columns <c>x1 … xD</c> (transform <see cref="NumericTransform.None"/>). The tasks, the logged
    /// ranker's positions, dwell time, the truths and the oracle read this x exactly as they read the field vectors:
    /// <c>f_k(x) = w_kᵀx + Σ_j sin(α_j·w_kᵀx + β_j)</c>, cos(w_1, w_k) = <see cref="TaskCorrelation"/>. The categorical
    /// fields are still written but then carry no signal. With field vectors a model's own field embeddings can hold
    /// each w_kᵀx as one scalar per field value, so the tasks never compete for a shared bottom; with a dense x the
    /// shared layers must learn both projections. Only the multitask scenario reads it; the others ignore it, like
    /// every scenario-specific knob. Any value is valid.
    /// </summary>
    /// <value>Default: false (the data is then the same as before this option existed).</value>
    public bool DenseTaskInput { get; init; }

    /// <summary>
    /// Whether <see cref="ScenarioKind.Multitask"/> also writes the regression tasks of the MMoE paper's synthetic study
    /// (Ma et al., KDD 2018, §4.1), one numeric label <c>&lt;task&gt;_value</c> per binary task (<c>click_value</c>,
    /// <c>like_value</c>, …) after <c>dwell_time</c>: <c>y_k = f̃_k(x) + ε</c>, ε ~ N(0, 0.1²), where f̃_k is task k's
    /// standardized score that its binary label is drawn from. Each has a truth of the same name, f̃_k (its noise-free
    /// mean), so the oracle RMSE is about 0.1. A Bernoulli label hides most of f̃ under its own noise, so models of
    /// similar quality tie on AUC; these nearly noise-free targets measure how well a model fits each task's function.
    /// Their noise is a random stream of its own, so every other cell of every row is unchanged. Any value is valid.
    /// </summary>
    /// <value>Default: false (the data is then the same as before this option existed).</value>
    public bool TaskValueLabels { get; init; }

    /// <summary>Number of display positions, 1 (top) to this (<see cref="ScenarioKind.Fields"/>, <see cref="ScenarioKind.Linear"/>, <see cref="ScenarioKind.Funnel"/>, <see cref="ScenarioKind.Multitask"/>).</summary>
    /// <value>Default: 10.</value>
    public int Positions { get; init; } = 10;

    /// <summary>
    /// η of the examination probability position^−η that multiplies the true relevance into the observed click
    /// probability (<see cref="ScenarioKind.Multitask"/>); 0 removes the position bias.
    /// </summary>
    /// <value>Default: 1.</value>
    public double PositionBiasStrength { get; init; } = 1.0;

    /// <summary>
    /// Paraphrase templates of each behavior kind (click, purchase, search) kept for the test split only
    /// (<see cref="ScenarioKind.BehaviorText"/>), 1 to 4 (each kind has eight).
    /// </summary>
    /// <value>Default: 2.</value>
    public int HeldOutTemplates { get; init; } = 2;

    /// <summary>Longest sequence of each behavior kind (<see cref="ScenarioKind.BehaviorText"/>).</summary>
    /// <value>Default: 8.</value>
    public int MaxBehaviorTexts { get; init; } = 8;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first option out of range and its value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Rows);
        ThrowIfOutside(ValidFraction, 0, 1, nameof(ValidFraction));
        ThrowIfOutside(TestFraction, 0, 1, nameof(TestFraction));
        if (SyntheticSplitPlan.For(this).Train < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ValidFraction),
                $"ValidFraction ({ValidFraction}) + TestFraction ({TestFraction}) of {Rows} rows leave no training row.");
        }
        ThrowIfOutside(BaseClickRate, 1e-4, 1 - 1e-4, nameof(BaseClickRate));
        ThrowIfOutside(ActionRate, 1e-4, 1 - 1e-4, nameof(ActionRate));
        ThrowIfOutside(ConversionRate, 1e-4, 1 - 1e-4, nameof(ConversionRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(Users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Categories, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Items, Categories);
        ArgumentOutOfRangeException.ThrowIfNegative(PopularityExponent);
        ArgumentOutOfRangeException.ThrowIfLessThan(LatentDimension, 1);
        ThrowIfOutside(ActionConversionLift, 0, 10, nameof(ActionConversionLift));
        ArgumentOutOfRangeException.ThrowIfLessThan(TaskCount, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TaskCount, MultitaskScenario.TaskNames.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(InteractionStrength);
        ArgumentOutOfRangeException.ThrowIfNegative(ThirdOrderStrength);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxHistoryLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(RecencyHalfLifeHours);
        ThrowIfOutside(TaskCorrelation, -1, 1, nameof(TaskCorrelation));
        ArgumentOutOfRangeException.ThrowIfLessThan(Positions, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(PositionBiasStrength);
        ArgumentOutOfRangeException.ThrowIfLessThan(HeldOutTemplates, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HeldOutTemplates, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBehaviorTexts, 1);
    }

    private static void ThrowIfOutside(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [{min}, {max}]; got {value}.");
        }
    }
}
