namespace MLNetCtr.Data;

/// <summary>How a <see cref="BatchIterator"/> cuts a dataset into batches.</summary>
public sealed record BatchOptions
{
    /// <summary>Rows per batch (the last batch of an epoch may be smaller).</summary>
    /// <value>Default: <see cref="DataDefaults.BatchSize"/> (1024).</value>
    public int BatchSize { get; init; } = DataDefaults.BatchSize;

    /// <summary>Visit rows in a new random order every epoch (for training); otherwise in dataset order.</summary>
    /// <value>Default: true.</value>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffles: epoch e of a given seed always visits rows in the same order.</summary>
    /// <value>Default: <see cref="DataDefaults.Seed"/> (0).</value>
    public int Seed { get; init; } = DataDefaults.Seed;

    /// <summary>Leave out the last batch of an epoch when it has fewer than <see cref="BatchSize"/> rows.</summary>
    /// <value>Default: false.</value>
    public bool DropLast { get; init; }

    /// <summary>Throws if an option is out of range.</summary>
    public void Validate() => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
}
