namespace MLNetCtr.Data.Synthetic;

/// <summary>Draws an index with probability proportional to its weight: cumulative table and binary search, O(log n).</summary>
internal sealed class DiscreteSampler
{
    private readonly double[] _cumulative;   // _cumulative[i] = Σ_{j ≤ i} p_j; the last entry is 1

    public DiscreteSampler(ReadOnlySpan<double> weights)
    {
        _cumulative = new double[weights.Length];
        double total = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (!(weights[i] >= 0) || double.IsInfinity(weights[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weights[i], $"Weight {i} is {weights[i]}; weights must be finite and ≥ 0.");
            }
            total += weights[i];
            _cumulative[i] = total;
        }
        if (!(total > 0))
        {
            throw new ArgumentException($"The {weights.Length} weights sum to {total}; at least one must be positive.", nameof(weights));
        }
        for (int i = 0; i < _cumulative.Length; i++)
        {
            _cumulative[i] /= total;
        }
        _cumulative[^1] = 1;
    }

    /// <summary>Zipf law over ranks: index r (0-based) has weight (r + 1)^−<paramref name="exponent"/>.</summary>
    public static DiscreteSampler PowerLaw(int count, double exponent) => new(PowerLawWeights(count, exponent));

    /// <summary>The weights (r + 1)^−<paramref name="exponent"/>, r = 0 … count − 1.</summary>
    public static double[] PowerLawWeights(int count, double exponent)
    {
        var weights = new double[count];
        for (int r = 0; r < count; r++)
        {
            weights[r] = Math.Pow(r + 1, -exponent);
        }
        return weights;
    }

    /// <summary>
    /// Power-law weights assigned to a random order of the indices, so an index says nothing about its weight:
    /// the index of rank r (0-based) gets (r + 1)^−<paramref name="exponent"/>.
    /// </summary>
    public static double[] ShuffledPowerLawWeights(SyntheticRandom random, int count, double exponent)
    {
        int[] order = Enumerable.Range(0, count).ToArray();
        random.Shuffle<int>(order);
        double[] byRank = PowerLawWeights(count, exponent);
        var weights = new double[count];
        for (int rank = 0; rank < count; rank++)
        {
            weights[order[rank]] = byRank[rank];
        }
        return weights;
    }

    public int Count => _cumulative.Length;

    /// <summary>Normalized probability of <paramref name="index"/>.</summary>
    public double Probability(int index) => _cumulative[index] - (index == 0 ? 0 : _cumulative[index - 1]);

    public int Sample(SyntheticRandom random)
    {
        double u = random.NextDouble();
        int found = Array.BinarySearch(_cumulative, u);
        int index = found >= 0 ? found + 1 : ~found;   // the first entry strictly above u
        return Math.Min(index, _cumulative.Length - 1);
    }
}
