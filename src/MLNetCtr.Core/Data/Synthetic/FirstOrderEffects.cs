namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Planted first-order (per-field) effects on the click logit of an impression:
/// <c>Σ_f bias_f[value_f] + 0.25 · popularity(item) − 0.5 · ln(position)</c>, each bias table drawn N(0, σ_f²) with
/// the field's σ_f below; low-cardinality fields carry most of the signal, ids a little, so the additive model is
/// learnable from a few rows per id.
/// </summary>
internal sealed class FirstOrderEffects
{
    private readonly ImpressionWorld _world;
    private readonly double[] _user, _age, _gender, _city, _item, _category, _brand, _price, _hour, _device;

    public FirstOrderEffects(SyntheticRandom random, ImpressionWorld world)
    {
        _world = world;
        _user = SyntheticMath.GaussianVector(random, world.Users.Count, 0.3);
        _age = SyntheticMath.GaussianVector(random, UserPopulation.AgeBuckets.Count, 0.35);
        _gender = SyntheticMath.GaussianVector(random, UserPopulation.Genders.Count, 0.2);
        _city = SyntheticMath.GaussianVector(random, UserPopulation.Cities, 0.25);
        _item = SyntheticMath.GaussianVector(random, world.Items.Count, 0.3);
        _category = SyntheticMath.GaussianVector(random, world.Items.Categories, 0.45);
        _brand = SyntheticMath.GaussianVector(random, world.Items.Brands, 0.3);
        _price = SyntheticMath.GaussianVector(random, ItemCatalog.PriceBuckets, 0.25);
        _hour = SyntheticMath.GaussianVector(random, ImpressionWorld.Hours, 0.2);
        _device = SyntheticMath.GaussianVector(random, ImpressionWorld.Devices.Count, 0.25);
    }

    /// <summary>The first-order part of the logit of <paramref name="x"/> (no intercept).</summary>
    public double Logit(in Impression x)
    {
        UserPopulation users = _world.Users;
        ItemCatalog items = _world.Items;
        return _user[x.User] + _age[users.AgeBucket[x.User]] + _gender[users.Gender[x.User]] + _city[users.City[x.User]]
            + _item[x.Item] + _category[items.Category[x.Item]] + _brand[items.Brand[x.Item]] + _price[items.PriceBucket[x.Item]]
            + _hour[x.Hour] + _device[x.Device]
            + 0.25 * items.PopularityScore[x.Item] - 0.5 * Math.Log(x.Position);
    }
}
