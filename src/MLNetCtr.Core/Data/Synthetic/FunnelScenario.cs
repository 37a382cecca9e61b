namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// <see cref="ScenarioKind.Funnel"/>: impression → click → DAction (cart or wishlist) → buy, the sample-selection-bias
/// setting of ESMM (Ma et al., SIGIR 2018) and ESM2 (Wen et al., SIGIR 2020). Actions and purchases are observed only
/// after a click, so <c>daction</c> and <c>buy</c> are 0 on unclicked rows.
/// <code>
///   P(click)            = σ(b_c + first-order + interactions)                        as in Fields
///   P(daction | click)  = σ(b_a + 0.5·affinity + 0.4·quality − 0.4·sensitivity·price + cart[category])
///   P(buy | daction)    = σ(b_b + ℓ + g),   P(buy | no daction) = σ(b_b − ℓ + g)      ℓ = ActionConversionLift (1.5)
///   g                   = 0.5·affinity + 0.6·quality − 0.6·sensitivity·price − 0.2·price + trust[brand]
/// </code>
/// affinity = ⟨user latent, item latent⟩/√D, quality ~ N(0, 0.5²) per item, sensitivity ~ N(0, 1) per user, price the
/// standardized price bucket. b_a and b_b are solved for <see cref="SyntheticOptions.ActionRate"/> and
/// <see cref="SyntheticOptions.ConversionRate"/> as means over impressions (not over clicks: clicked rows are biased
/// towards users and items with a high P(click)).
/// </summary>
internal sealed class FunnelScenario : ImpressionScenario
{
    private readonly FirstOrderEffects _firstOrder;
    private readonly InteractionEffects _interactions;
    private readonly double[] _quality, _sensitivity, _cartPropensity, _brandTrust;
    private readonly double _clickIntercept, _actionIntercept, _buyIntercept;
    private readonly double _lift;

    public FunnelScenario(SyntheticOptions options)
        : base(options)
    {
        _firstOrder = new FirstOrderEffects(WorldRandom, World);
        _interactions = new InteractionEffects(WorldRandom, World, options.InteractionStrength, options.ThirdOrderStrength);
        _quality = SyntheticMath.GaussianVector(WorldRandom, World.Items.Count, 0.5);
        _sensitivity = SyntheticMath.GaussianVector(WorldRandom, World.Users.Count, 1.0);
        _cartPropensity = SyntheticMath.GaussianVector(WorldRandom, World.Items.Categories, 0.4);
        _brandTrust = SyntheticMath.GaussianVector(WorldRandom, World.Items.Brands, 0.3);
        _lift = options.ActionConversionLift;

        Impression[] pilot = Pilot(options, World.Sample);
        _clickIntercept = SyntheticMath.SolveIntercept(pilot.Select(ClickLogit).ToArray(), options.BaseClickRate);
        _actionIntercept = SyntheticMath.SolveIntercept(pilot.Select(ActionLogit).ToArray(), options.ActionRate);
        _buyIntercept = SyntheticMath.SolveIntercept(b => pilot.Average(x => BuyGivenClick(x, b)), options.ConversionRate);
    }

    public override IReadOnlyList<ColumnSchema> LabelColumns { get; } =
        [SyntheticColumns.BinaryLabel("click"), SyntheticColumns.BinaryLabel("daction"), SyntheticColumns.BinaryLabel("buy")];

    public override IReadOnlyList<SyntheticTruth> Truths { get; } =
    [
        ClickTruth with { Description = "pCTR: true P(click)." },
        new() { Name = "click_daction", Label = "daction", Description = "pCTAVR: true P(click and cart/wishlist), over all impressions." },
        new() { Name = "click_buy", Label = "buy", Description = "pCTCVR: true P(click and buy), over all impressions." },
        new() { Name = "daction_given_click", Label = "daction", Given = "click", Description = "True P(cart/wishlist | click), defined on every impression, scored on clicked rows." },
        new() { Name = "buy_given_click", Label = "buy", Given = "click", Description = "pCVR: true P(buy | click), defined on every impression, scored on clicked rows." },
    ];

    public override void NextRow(SyntheticRandom random, DatasetSplit split, CsvRowWriter row, Span<float> labels, Span<double> truths)
    {
        Impression x = World.Sample(random);
        WriteFeatures(row, x);
        double pClick = SyntheticMath.Sigmoid(_clickIntercept + ClickLogit(x));
        double pAction = SyntheticMath.Sigmoid(_actionIntercept + ActionLogit(x));
        (double buyIfAction, double buyIfNoAction) = BuyProbabilities(x, _buyIntercept);
        double pBuy = pAction * buyIfAction + (1 - pAction) * buyIfNoAction;
        truths[0] = pClick;
        truths[1] = pClick * pAction;
        truths[2] = pClick * pBuy;
        truths[3] = pAction;
        truths[4] = pBuy;

        bool click = random.NextBernoulli(pClick);
        bool action = click && random.NextBernoulli(pAction);
        bool buy = click && random.NextBernoulli(action ? buyIfAction : buyIfNoAction);
        labels[0] = click ? 1 : 0;
        labels[1] = action ? 1 : 0;
        labels[2] = buy ? 1 : 0;
    }

    private double ClickLogit(Impression x) => _firstOrder.Logit(x) + _interactions.Logit(x);

    private double ActionLogit(Impression x) =>
        0.5 * _interactions.Affinity(x.User, x.Item) + 0.4 * _quality[x.Item]
        - 0.4 * _sensitivity[x.User] * PriceScore(x.Item) + _cartPropensity[World.Items.Category[x.Item]];

    private (double IfAction, double IfNoAction) BuyProbabilities(Impression x, double intercept)
    {
        double price = PriceScore(x.Item);
        double g = 0.5 * _interactions.Affinity(x.User, x.Item) + 0.6 * _quality[x.Item]
            - 0.6 * _sensitivity[x.User] * price - 0.2 * price + _brandTrust[World.Items.Brand[x.Item]];
        return (SyntheticMath.Sigmoid(intercept + _lift + g), SyntheticMath.Sigmoid(intercept - _lift + g));
    }

    private double BuyGivenClick(Impression x, double buyIntercept)
    {
        double pAction = SyntheticMath.Sigmoid(_actionIntercept + ActionLogit(x));
        (double ifAction, double ifNoAction) = BuyProbabilities(x, buyIntercept);
        return pAction * ifAction + (1 - pAction) * ifNoAction;
    }

    // Price bucket 0…9 standardized to mean 0 and unit variance.
    private double PriceScore(int item) => (World.Items.PriceBucket[item] - 4.5) / 2.87;
}
