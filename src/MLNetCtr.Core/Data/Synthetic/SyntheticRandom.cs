namespace MLNetCtr.Data.Synthetic;

/// <summary>Independent random streams derived from one seed, so that changing one stage never shifts another.</summary>
internal enum RandomStream
{
    /// <summary>The planted world: users, items, effect tables, vocabularies.</summary>
    World = 1,

    /// <summary>Pilot rows used only to solve intercepts and normalizers.</summary>
    Calibration = 2,

    /// <summary>The rows written to the files.</summary>
    Rows = 3,

    /// <summary>Monte-Carlo draws of truths computed from the rows (posteriors over what a row hides), never of the rows themselves.</summary>
    Posterior = 4,

    /// <summary>Noise of optional extra labels, so that turning them on leaves every other cell of every row as it was.</summary>
    ExtraLabels = 5,
}

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64. Unlike <see cref="Random"/>, whose seeded
/// algorithm is an implementation detail, the sequence is fixed, so a seed gives the same files on every .NET version.
/// </summary>
internal sealed class SyntheticRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpareGaussian;

    public SyntheticRandom(int seed, RandomStream stream)
    {
        ulong x = ((ulong)(uint)seed << 8) ^ (ulong)stream;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="count"/>) by multiply-shift (bias below 2^−32 · count).</summary>
    public int NextInt(int count) => (int)(((NextUInt64() >> 32) * (ulong)count) >> 32);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int NextInt(int min, int maxInclusive) => min + NextInt(maxInclusive - min + 1);

    public bool NextBernoulli(double probability) => NextDouble() < probability;

    /// <summary>Standard normal, by Marsaglia's polar method (pairs; the second value is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * factor;
        _hasSpareGaussian = true;
        return u * factor;
    }

    /// <summary>Exponential with the given mean.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1 - NextDouble());

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
