namespace MLNetCtr.Data.Synthetic;

/// <summary>
/// Keeps a particle filter's weights normalized and, when their effective sample size <c>1 / Σ w²</c> falls below half
/// the particles, resamples systematically (Kitagawa, 1996): one uniform offset, N evenly spaced draws from the
/// weights' cumulative sum; the particles' states are copied along and every weight becomes <c>1 / N</c>.
/// </summary>
internal sealed class ParticleResampler(int particles)
{
    private readonly int[] _source = new int[particles];
    private readonly double[] _doubles = new double[particles];
    private readonly int[] _ints = new int[particles];

    /// <summary>Normalizes <paramref name="weights"/> and resamples the states when they have degenerated.</summary>
    /// <param name="weights">One non-negative weight per particle, not all zero.</param>
    /// <param name="random">The source of the offset.</param>
    /// <param name="a">A state per particle.</param>
    /// <param name="b">A state per particle.</param>
    /// <param name="c">A state per particle.</param>
    /// <param name="d">A state per particle.</param>
    /// <returns>Whether the particles were resampled.</returns>
    public bool Normalize(Span<double> weights, SyntheticRandom random, double[] a, double[] b, double[] c, int[] d)
    {
        double sum = 0, squares = 0;
        foreach (double w in weights)
        {
            sum += w;
        }
        if (!(sum > 0))
        {
            throw new InvalidOperationException($"The {weights.Length} particle weights sum to {sum}; at least one must be positive.");
        }
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] /= sum;
            squares += weights[i] * weights[i];
        }
        if (1 / squares >= weights.Length / 2.0)
        {
            return false;
        }
        double step = 1.0 / weights.Length, point = random.NextDouble() * step, cumulative = weights[0];
        for (int i = 0, j = 0; i < weights.Length; i++, point += step)
        {
            while (point > cumulative && j < weights.Length - 1)
            {
                cumulative += weights[++j];
            }
            _source[i] = j;
        }
        Gather(a, _doubles);
        Gather(b, _doubles);
        Gather(c, _doubles);
        for (int i = 0; i < d.Length; i++)
        {
            _ints[i] = d[_source[i]];
        }
        _ints.CopyTo(d, 0);
        weights.Fill(step);
        return true;
    }

    private void Gather(double[] state, double[] scratch)
    {
        for (int i = 0; i < state.Length; i++)
        {
            scratch[i] = state[_source[i]];
        }
        scratch.CopyTo(state, 0);
    }
}
