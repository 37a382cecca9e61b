namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// <see cref="ScenarioKind.Linear"/>: the columns of <see cref="ScenarioKind.Fields"/> with a purely additive logit,
/// <c>b + Σ_f bias_f[value_f]</c> (<see cref="FirstOrderEffects"/>), so logistic regression on one-hot fields can reach
/// the oracle AUC.
/// </summary>
internal sealed class LinearScenario : FieldClickScenario
{
    private readonly FirstOrderEffects _firstOrder;

    public LinearScenario(SyntheticOptions options)
        : base(options)
    {
        _firstOrder = new FirstOrderEffects(WorldRandom, World);
        Calibrate(options);
    }

    protected override double Logit(in Impression x) => _firstOrder.Logit(x);
}
