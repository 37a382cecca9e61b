namespace MLNetCtr.Data.Synthetic;

/// <summary>The kinds of synthetic dataset <see cref="SyntheticDataGenerator"/> can plant truth into.</summary>
public enum ScenarioKind
{
    /// <summary>
    /// User, item and context categorical fields; per-field biases, user-latent · item-latent affinity, a few explicit
    /// field crosses and power-law item popularity. Label <c>click</c>.
    /// </summary>
    Fields,

    /// <summary>The fields of <see cref="Fields"/> with a purely additive (first-order) logit: logistic regression can reach the oracle.</summary>
    Linear,

    /// <summary>
    /// Behavior histories (<c>hist_items</c> with aligned category, brand, price, behavior-type and time-gap sequences);
    /// the click depends on the candidate's similarity to the recent history, weighted by recency. Label <c>click</c>.
    /// </summary>
    Sequence,

    /// <summary>
    /// Impression → click → cart/wishlist (DAction) → buy, conversions observed only after clicks (ESMM/ESM2). Labels
    /// <c>click</c>, <c>daction</c>, <c>buy</c>.
    /// </summary>
    Funnel,

    /// <summary>
    /// Correlated binary tasks built as in the MMoE paper (cos(w₁, w₂) = ρ), a dwell-time regression task and a
    /// position bias on clicks (a <c>position</c> column).
    /// </summary>
    Multitask,

    /// <summary>
    /// Behaviors as short English texts (click, purchase and search sequences) and an item text; clicks are driven by
    /// meaning, and the test split uses paraphrase templates never seen in training.
    /// </summary>
    BehaviorText,
}
