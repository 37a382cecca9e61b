namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Planted items: a category (category sizes follow a power law), a brand within the category, a price (log-normal
/// around a category level and a brand premium) with its decile bucket, a latent vector (category center + brand
/// center + item noise) and a Zipf popularity over a random order of items, which makes a long tail of rare items.
/// </summary>
internal sealed class ItemCatalog
{
    public const int BrandsPerCategory = 10;
    public const int PriceBuckets = 10;

    private readonly GroupedPopularity _popularity;

    public ItemCatalog(SyntheticRandom random, SyntheticOptions options)
    {
        Count = options.Items;
        Categories = options.Categories;
        LatentDimension = options.LatentDimension;
        Category = new int[Count];
        Brand = new int[Count];
        Price = new float[Count];
        PriceBucket = new int[Count];
        AssignCategoriesAndBrands(random);
        AssignPrices(random);
        CategoryLatent = SyntheticMath.GaussianMatrix(random, Categories, LatentDimension, 1.0);
        double[] brandLatent = SyntheticMath.GaussianMatrix(random, Categories * BrandsPerCategory, LatentDimension, 0.5);
        Latent = SyntheticMath.GaussianMatrix(random, Count, LatentDimension, 0.6);
        for (int i = 0; i < Count; i++)
        {
            for (int d = 0; d < LatentDimension; d++)
            {
                Latent[i * LatentDimension + d] += CategoryLatent[Category[i] * LatentDimension + d] + brandLatent[Brand[i] * LatentDimension + d];
            }
        }

        double[] weights = DiscreteSampler.ShuffledPowerLawWeights(random, Count, options.PopularityExponent);
        _popularity = new GroupedPopularity(Category, weights, Categories);
        PopularityScore = GroupedPopularity.Score(weights);
    }

    public int Count { get; }

    public int Categories { get; }

    public int Brands => Categories * BrandsPerCategory;

    public int LatentDimension { get; }

    public int[] Category { get; }

    /// <summary>Brand ids are global: category · <see cref="BrandsPerCategory"/> + brand rank within the category.</summary>
    public int[] Brand { get; }

    public float[] Price { get; }

    /// <summary>Decile of the price over the catalog, 0 (cheapest) to 9.</summary>
    public int[] PriceBucket { get; }

    /// <summary>(Categories, LatentDimension) row-major.</summary>
    public double[] CategoryLatent { get; }

    /// <summary>(Count, LatentDimension) row-major.</summary>
    public double[] Latent { get; }

    /// <summary>log(popularity weight), standardized over items: about N(0, 1), larger for popular items.</summary>
    public double[] PopularityScore { get; }

    public ReadOnlySpan<double> LatentOf(int item) => SyntheticMath.Row(Latent, item, LatentDimension);

    /// <summary>An item drawn by popularity.</summary>
    public int Sample(SyntheticRandom random) => _popularity.Sample(random);

    /// <summary>An item of <paramref name="category"/> drawn by popularity.</summary>
    public int SampleInCategory(SyntheticRandom random, int category) => _popularity.SampleInGroup(random, category);

    /// <summary>P(<see cref="Sample"/> draws <paramref name="item"/>).</summary>
    public double Probability(int item) => _popularity.Probability(item);

    /// <summary>P(<see cref="SampleInCategory"/> with <paramref name="category"/> draws <paramref name="item"/>).</summary>
    public double ProbabilityInCategory(int item, int category) => _popularity.ProbabilityInGroup(item, category);

    private void AssignCategoriesAndBrands(SyntheticRandom random)
    {
        var categorySize = DiscreteSampler.PowerLaw(Categories, 0.8);
        var brandShare = DiscreteSampler.PowerLaw(BrandsPerCategory, 1.0);
        for (int i = 0; i < Count; i++)
        {
            Category[i] = i < Categories ? i : categorySize.Sample(random);   // every category has an item
            Brand[i] = Category[i] * BrandsPerCategory + brandShare.Sample(random);
        }
    }

    private void AssignPrices(SyntheticRandom random)
    {
        double[] categoryLevel = SyntheticMath.GaussianVector(random, Categories, 0.8);
        double[] brandPremium = SyntheticMath.GaussianVector(random, Categories * BrandsPerCategory, 0.3);
        for (int i = 0; i < Count; i++)
        {
            double logPrice = 3.0 + categoryLevel[Category[i]] + brandPremium[Brand[i]] + 0.4 * random.NextGaussian();
            Price[i] = (float)(Math.Round(Math.Exp(logPrice) * 100) / 100);
        }
        int[] byPrice = Enumerable.Range(0, Count).OrderBy(i => Price[i]).ThenBy(i => i).ToArray();
        for (int rank = 0; rank < Count; rank++)
        {
            PriceBucket[byPrice[rank]] = (int)((long)rank * PriceBuckets / Count);
        }
    }
}
