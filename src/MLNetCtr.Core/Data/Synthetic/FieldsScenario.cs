namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// <see cref="ScenarioKind.Fields"/>: <c>logit = b + first-order field biases + interactions</c>, where the interactions
/// are user-latent · item-latent affinity, explicit crosses and an optional third-order cross (<see cref="InteractionEffects"/>); items are shown by a
/// Zipf popularity. What factorization and cross-network models are for.
/// </summary>
internal sealed class FieldsScenario : FieldClickScenario
{
    private readonly FirstOrderEffects _firstOrder;
    private readonly InteractionEffects _interactions;

    public FieldsScenario(SyntheticOptions options)
        : base(options)
    {
        _firstOrder = new FirstOrderEffects(WorldRandom, World);
        _interactions = new InteractionEffects(WorldRandom, World, options.InteractionStrength, options.ThirdOrderStrength);
        Calibrate(options);
    }

    protected override double Logit(in Impression x) => _firstOrder.Logit(x) + _interactions.Logit(x);
}
