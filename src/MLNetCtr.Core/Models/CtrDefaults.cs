namespace MLNetCtr.Models;

/// <summary>The default values shared by every trainer, in one place.</summary>
public static class CtrDefaults
{
    /// <summary>Dimension of each field embedding.</summary>
    public const int EmbeddingDimension = 16;

    /// <summary>Step size of the optimizer.</summary>
    public const float LearningRate = 1e-3f;

    /// <summary>Rows per training step.</summary>
    public const int BatchSize = 1024;

    /// <summary>Passes over the training data.</summary>
    public const int NumberOfEpochs = 3;

    /// <summary>Validations without improvement before early stopping.</summary>
    public const int EarlyStoppingPatience = 2;

    /// <summary>Seed of every random choice (initialization, shuffling, dropout).</summary>
    public const int Seed = 1;

    /// <summary>Standard deviation of embedding initialization.</summary>
    public const float EmbeddingInitStandardDeviation = 1e-2f;
}
