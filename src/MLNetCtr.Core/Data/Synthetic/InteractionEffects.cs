namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Planted second-order effects on the click logit of an impression, all scaled by
/// <see cref="SyntheticOptions.InteractionStrength"/>:
/// <code>
///   0.6 · ⟨user latent, item latent⟩ / √D                     user taste × item content (FM-like)
/// + cross[age, category] + cross[gender, category]             explicit field crosses, N(0, 0.35²) and N(0, 0.3²)
/// + cross[device, price bucket] + cross[hour, category]        N(0, 0.25²) and N(0, 0.2²)
/// </code>
/// </summary>
internal sealed class InteractionEffects
{
    private readonly ImpressionWorld _world;
    private readonly double _strength;
    private readonly double[] _ageCategory, _genderCategory, _devicePrice, _hourCategory;   // (rows, columns) row-major

    public InteractionEffects(SyntheticRandom random, ImpressionWorld world, double strength)
    {
        _world = world;
        _strength = strength;
        int categories = world.Items.Categories;
        _ageCategory = SyntheticMath.GaussianMatrix(random, UserPopulation.AgeBuckets.Count, categories, 0.35);
        _genderCategory = SyntheticMath.GaussianMatrix(random, UserPopulation.Genders.Count, categories, 0.3);
        _devicePrice = SyntheticMath.GaussianMatrix(random, ImpressionWorld.Devices.Count, ItemCatalog.PriceBuckets, 0.25);
        _hourCategory = SyntheticMath.GaussianMatrix(random, ImpressionWorld.Hours, categories, 0.2);
    }

    /// <summary>User-latent · item-latent affinity, ⟨u, v⟩ / √D (about unit scale).</summary>
    public double Affinity(int user, int item) =>
        SyntheticMath.Dot(_world.Users.LatentOf(user), _world.Items.LatentOf(item)) / Math.Sqrt(_world.Items.LatentDimension);

    /// <summary>The second-order part of the logit of <paramref name="x"/>.</summary>
    public double Logit(in Impression x)
    {
        if (_strength == 0)
        {
            return 0;
        }
        int categories = _world.Items.Categories;
        int category = _world.Items.Category[x.Item];
        double crosses = _ageCategory[_world.Users.AgeBucket[x.User] * categories + category]
            + _genderCategory[_world.Users.Gender[x.User] * categories + category]
            + _devicePrice[x.Device * ItemCatalog.PriceBuckets + _world.Items.PriceBucket[x.Item]]
            + _hourCategory[x.Hour * categories + category];
        return _strength * (0.6 * Affinity(x.User, x.Item) + crosses);
    }
}
