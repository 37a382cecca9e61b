namespace MLNetCtr.Data;

/// <summary>Default values of the data layer (loading, batching, splitting), in one place.</summary>
public static class DataDefaults
{
    /// <summary>Rows per training batch.</summary>
    public const int BatchSize = 1024;

    /// <summary>Seed of batch shuffling and random splits.</summary>
    public const int Seed = 0;

    /// <summary>How many skipped-row reasons a <see cref="LoadReport"/> keeps.</summary>
    public const int MaxReportedErrors = 10;

    /// <summary>Characters read from a data file at a time; records longer than this grow the buffer.</summary>
    public const int ReadBufferChars = 1 << 16;
}
