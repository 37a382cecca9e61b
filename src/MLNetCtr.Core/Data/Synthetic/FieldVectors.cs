namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Planted field embeddings of an impression: <c>x = Σ_f E_f[value_f] / √(Σ_f σ_f²)</c>, every table E_f drawn
/// N(0, σ_f²·I_D), so x is about N(0, I_D) over impressions. Ids weigh most (σ = 1), category 0.7, brand 0.5, the
/// other fields 0.3–0.4: a model with field embeddings can represent x exactly.
/// </summary>
internal sealed class FieldVectors
{
    private readonly ImpressionWorld _world;
    private readonly int _dimension;
    private readonly double[] _user, _age, _gender, _city, _item, _category, _brand, _price, _hour, _device;
    private readonly double _scale;
    private readonly double[] _buffer;

    public FieldVectors(SyntheticRandom random, ImpressionWorld world)
    {
        _world = world;
        _dimension = world.Items.LatentDimension;
        _user = Table(random, world.Users.Count, 1.0);
        _age = Table(random, UserPopulation.AgeBuckets.Count, 0.4);
        _gender = Table(random, UserPopulation.Genders.Count, 0.3);
        _city = Table(random, UserPopulation.Cities, 0.3);
        _item = Table(random, world.Items.Count, 1.0);
        _category = Table(random, world.Items.Categories, 0.7);
        _brand = Table(random, world.Items.Brands, 0.5);
        _price = Table(random, ItemCatalog.PriceBuckets, 0.4);
        _hour = Table(random, ImpressionWorld.Hours, 0.3);
        _device = Table(random, ImpressionWorld.Devices.Count, 0.3);
        _scale = 1 / Math.Sqrt(1.0 + 0.16 + 0.09 + 0.09 + 1.0 + 0.49 + 0.25 + 0.16 + 0.09 + 0.09);   // 1/√(Σ σ_f²)
        _buffer = new double[_dimension];
    }

    /// <summary>x of <paramref name="impression"/>, (D); valid until the next call.</summary>
    public ReadOnlySpan<double> Of(in Impression impression)
    {
        UserPopulation users = _world.Users;
        ItemCatalog items = _world.Items;
        int u = impression.User, i = impression.Item;
        Span<double> x = _buffer;
        x.Clear();
        Add(x, _user, u);
        Add(x, _age, users.AgeBucket[u]);
        Add(x, _gender, users.Gender[u]);
        Add(x, _city, users.City[u]);
        Add(x, _item, i);
        Add(x, _category, items.Category[i]);
        Add(x, _brand, items.Brand[i]);
        Add(x, _price, items.PriceBucket[i]);
        Add(x, _hour, impression.Hour);
        Add(x, _device, impression.Device);
        for (int d = 0; d < x.Length; d++)
        {
            x[d] *= _scale;
        }
        return x;
    }

    private double[] Table(SyntheticRandom random, int rows, double scale) => SyntheticMath.GaussianMatrix(random, rows, _dimension, scale);

    private void Add(Span<double> x, double[] table, int row)
    {
        ReadOnlySpan<double> e = SyntheticMath.Row(table, row, _dimension);
        for (int d = 0; d < x.Length; d++)
        {
            x[d] += e[d];
        }
    }
}
