namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Each user's few favorite groups (categories or topics), drawn without replacement with probability
/// ∝ exp(2·⟨user latent, group latent⟩/√D), so that taste vectors shape interests; the first favorite is drawn
/// with weight 0.6, the second 0.3, the third 0.1.
/// </summary>
internal sealed class InterestProfiles
{
    private const int Favorites = 3;
    private static readonly DiscreteSampler s_rank = new([0.6, 0.3, 0.1]);
    private readonly int[] _favorites;   // (users, Favorites) row-major

    public InterestProfiles(SyntheticRandom random, UserPopulation users, double[] groupLatent, int groups)
    {
        int dimension = users.LatentDimension;
        int favorites = Math.Min(Favorites, groups);
        _favorites = new int[users.Count * Favorites];
        var weights = new double[groups];
        for (int u = 0; u < users.Count; u++)
        {
            for (int g = 0; g < groups; g++)
            {
                weights[g] = Math.Exp(2 * SyntheticMath.Dot(users.LatentOf(u), SyntheticMath.Row(groupLatent, g, dimension)) / Math.Sqrt(dimension));
            }
            for (int k = 0; k < Favorites; k++)
            {
                int chosen = k < favorites ? new DiscreteSampler(weights).Sample(random) : _favorites[u * Favorites];
                _favorites[u * Favorites + k] = chosen;
                weights[chosen] = 0;
            }
        }
    }

    /// <summary>One of <paramref name="user"/>'s favorite groups, by their weights.</summary>
    public int Sample(SyntheticRandom random, int user) => _favorites[user * Favorites + s_rank.Sample(random)];

    /// <summary>P(<see cref="Sample"/> for <paramref name="user"/> gives <paramref name="group"/>).</summary>
    public double Probability(int user, int group)
    {
        double p = 0;
        for (int k = 0; k < Favorites; k++)
        {
            p += _favorites[user * Favorites + k] == group ? s_rank.Probability(k) : 0;
        }
        return p;
    }
}
