namespace MLNetCtr.Text;

/// <summary>Options of <see cref="BaheBehaviorEncoder"/>.</summary>
public sealed record BaheEncoderOptions
{
    /// <summary>How many transformer layers of the pretrained encoder form the frozen shallow part (0 = embeddings only).</summary>
    /// <value>Default: 1 (embeddings + layer 0, 512-d vectors), BAHE's split of a shallow frozen and a deep trainable part.</value>
    public int FrozenLayers { get; init; } = 1;

    /// <summary>At most this many texts per forward pass when building a table; a pass holds texts of one token count only (no padding).</summary>
    /// <value>Default: 64.</value>
    public int BatchSize { get; init; } = 64;

    /// <summary>Batches encoded at the same time.</summary>
    /// <value>Default: the number of processors.</value>
    public int DegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Throws if an option is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(FrozenLayers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FrozenLayers, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DegreeOfParallelism);
    }
}

/// <summary>Progress of <see cref="BaheBehaviorEncoder.Encode"/>: texts encoded so far out of the new ones.</summary>
/// <param name="Encoded">New texts encoded so far.</param>
/// <param name="Total">New texts to encode in this call.</param>
public readonly record struct BehaviorEncodingProgress(int Encoded, int Total);
