namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Planted users: demographics (age bucket, gender, city with Zipf-sized cities), a latent taste vector that is
/// partly explained by the demographics, and a power-law activity (a few heavy users, many light ones).
/// </summary>
internal sealed class UserPopulation
{
    public static readonly IReadOnlyList<string> AgeBuckets = ["under18", "18-24", "25-34", "35-44", "45-54", "55-64", "65plus"];
    public static readonly IReadOnlyList<string> Genders = ["female", "male", "unknown"];
    public const int Cities = 100;
    private const double ActivityExponent = 0.8;

    private readonly DiscreteSampler _activity;

    public UserPopulation(SyntheticRandom random, int count, int latentDimension)
    {
        Count = count;
        LatentDimension = latentDimension;
        var age = new DiscreteSampler([0.05, 0.18, 0.27, 0.2, 0.14, 0.1, 0.06]);
        var gender = new DiscreteSampler([0.48, 0.46, 0.06]);
        var city = DiscreteSampler.PowerLaw(Cities, 1.0);
        AgeBucket = new int[count];
        Gender = new int[count];
        City = new int[count];
        for (int u = 0; u < count; u++)
        {
            AgeBucket[u] = age.Sample(random);
            Gender[u] = gender.Sample(random);
            City[u] = city.Sample(random);
        }

        // latent[u] = ageCenter[age(u)] + genderCenter[gender(u)] + individual noise: demographics carry part of the taste.
        double[] ageCenters = SyntheticMath.GaussianMatrix(random, AgeBuckets.Count, latentDimension, 0.6);
        double[] genderCenters = SyntheticMath.GaussianMatrix(random, Genders.Count, latentDimension, 0.5);
        Latent = SyntheticMath.GaussianMatrix(random, count, latentDimension, 0.8);
        for (int u = 0; u < count; u++)
        {
            for (int d = 0; d < latentDimension; d++)
            {
                Latent[u * latentDimension + d] += ageCenters[AgeBucket[u] * latentDimension + d] + genderCenters[Gender[u] * latentDimension + d];
            }
        }

        _activity = new DiscreteSampler(DiscreteSampler.ShuffledPowerLawWeights(random, count, ActivityExponent));
    }

    public int Count { get; }

    public int LatentDimension { get; }

    public int[] AgeBucket { get; }

    public int[] Gender { get; }

    public int[] City { get; }

    /// <summary>(Count, LatentDimension) row-major.</summary>
    public double[] Latent { get; }

    public ReadOnlySpan<double> LatentOf(int user) => SyntheticMath.Row(Latent, user, LatentDimension);

    /// <summary>A user drawn by activity.</summary>
    public int Sample(SyntheticRandom random) => _activity.Sample(random);
}
