namespace MLNetCtr.Data;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator whose sequence for a seed is fixed by this code, not by
/// the runtime version, so shuffles and splits are reproducible everywhere.
/// </summary>
internal struct DataRandom
{
    private ulong _state;

    /// <summary>A generator for <paramref name="seed"/> and a stream number (e.g. the epoch), mixed so nearby pairs differ.</summary>
    public DataRandom(int seed, int stream = 0) => _state = ((ulong)(uint)seed << 32 | (uint)stream) * 0xD1B54A32D192ED03UL;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>) (multiply-shift; bias below 2^-32 for int ranges).</summary>
    public int NextInt(int exclusiveMax) => (int)((NextUInt64() >> 32) * (ulong)exclusiveMax >> 32);

    /// <summary>Fisher–Yates shuffle of <paramref name="items"/> in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
