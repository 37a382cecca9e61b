namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Planted interaction effects on the click logit of an impression. The second-order ones are scaled by
/// <see cref="SyntheticOptions.InteractionStrength"/>:
/// <code>
///   0.6 · ⟨user latent, item latent⟩ / √D                     user taste × item content (FM-like)
/// + cross[age, category] + cross[gender, category]             explicit field crosses, N(0, 0.35²) and N(0, 0.3²)
/// + cross[device, price bucket] + cross[hour, category]        N(0, 0.25²) and N(0, 0.2²)
/// </code>
/// and a third-order one by <see cref="SyntheticOptions.ThirdOrderStrength"/> (a rank-R CP term, unit variance):
/// <code>
///   Σ_r A[age, r] · H[hour, r] · C[category, r] / √R            A, H, C ~ N(0, 1), R = 4
/// </code>
/// </summary>
internal sealed class InteractionEffects
{
    /// <summary>R, the rank of the third-order term.</summary>
    public const int ThirdOrderRank = 4;

    private readonly ImpressionWorld _world;
    private readonly double _strength, _thirdOrderStrength;
    private readonly double[] _ageCategory, _genderCategory, _devicePrice, _hourCategory;   // (rows, columns) row-major
    private readonly double[] _ageFactors = [], _hourFactors = [], _categoryFactors = [];      // (rows, R) row-major

    public InteractionEffects(SyntheticRandom random, ImpressionWorld world, double strength, double thirdOrderStrength)
    {
        _world = world;
        _strength = strength;
        _thirdOrderStrength = thirdOrderStrength;
        int categories = world.Items.Categories;
        _ageCategory = SyntheticMath.GaussianMatrix(random, UserPopulation.AgeBuckets.Count, categories, 0.35);
        _genderCategory = SyntheticMath.GaussianMatrix(random, UserPopulation.Genders.Count, categories, 0.3);
        _devicePrice = SyntheticMath.GaussianMatrix(random, ImpressionWorld.Devices.Count, ItemCatalog.PriceBuckets, 0.25);
        _hourCategory = SyntheticMath.GaussianMatrix(random, ImpressionWorld.Hours, categories, 0.2);
        if (thirdOrderStrength > 0)   // drawn last, and only when used, so a second-order world keeps its draws
        {
            _ageFactors = SyntheticMath.GaussianMatrix(random, UserPopulation.AgeBuckets.Count, ThirdOrderRank, 1);
            _hourFactors = SyntheticMath.GaussianMatrix(random, ImpressionWorld.Hours, ThirdOrderRank, 1);
            _categoryFactors = SyntheticMath.GaussianMatrix(random, categories, ThirdOrderRank, 1);
        }
    }

    /// <summary>User-latent · item-latent affinity, ⟨u, v⟩ / √D (about unit scale).</summary>
    public double Affinity(int user, int item) =>
        SyntheticMath.Dot(_world.Users.LatentOf(user), _world.Items.LatentOf(item)) / Math.Sqrt(_world.Items.LatentDimension);

    /// <summary>The interaction part of the logit of <paramref name="x"/>: second-order plus third-order.</summary>
    public double Logit(in Impression x) => SecondOrder(x) + (_thirdOrderStrength > 0 ? _thirdOrderStrength * ThirdOrder(x) : 0);

    /// <summary>Σ_r A[age, r] · H[hour, r] · C[category, r] / √R.</summary>
    private double ThirdOrder(in Impression x)
    {
        ReadOnlySpan<double> age = SyntheticMath.Row(_ageFactors, _world.Users.AgeBucket[x.User], ThirdOrderRank);
        ReadOnlySpan<double> hour = SyntheticMath.Row(_hourFactors, x.Hour, ThirdOrderRank);
        ReadOnlySpan<double> category = SyntheticMath.Row(_categoryFactors, _world.Items.Category[x.Item], ThirdOrderRank);
        double sum = 0;
        for (int r = 0; r < ThirdOrderRank; r++)
        {
            sum += age[r] * hour[r] * category[r];
        }
        return sum / Math.Sqrt(ThirdOrderRank);
    }

    private double SecondOrder(in Impression x)
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
