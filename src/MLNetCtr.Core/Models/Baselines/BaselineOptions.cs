using MLNetCtr.Nn;
using MLNetCtr.Training;

namespace MLNetCtr.Models.Baselines;

/// <summary>
/// Default values of the single-model ranking baselines, following the BARS benchmark's FuxiCTR settings (Zhu et al.,
/// 2022, "BARS: Towards Open Benchmarking for Recommender Systems"): embedding dimension 10, Adam at 1e-3, batches of
/// 4,096, early stopping on validation AUC with patience 2.
/// </summary>
public static class BaselineDefaults
{
    /// <summary>Dimension of each field embedding.</summary>
    public const int EmbeddingDimension = 10;

    /// <summary>Rows per training step.</summary>
    public const int BatchSize = 4096;

    /// <summary>Most passes over the training data (early stopping usually ends sooner).</summary>
    public const int NumberOfEpochs = 10;

    /// <summary>Hidden sizes of the deep networks (DeepFM, DCN-V2, xDeepFM), as in the DeepFM paper.</summary>
    public static IReadOnlyList<int> HiddenSizes { get; } = [400, 400, 400];
}

/// <summary>Options shared by the baselines: the training loop's, with BARS defaults, and the embedding dimension.</summary>
public abstract record BaselineOptions : TrainingOptions
{
    /// <summary>Creates the defaults: batch <see cref="BaselineDefaults.BatchSize"/> (4096), at most <see cref="BaselineDefaults.NumberOfEpochs"/> (10) epochs.</summary>
    protected BaselineOptions()
    {
        BatchSize = BaselineDefaults.BatchSize;
        NumberOfEpochs = BaselineDefaults.NumberOfEpochs;
    }

    /// <summary>Dimension of each field embedding. Default: <see cref="BaselineDefaults.EmbeddingDimension"/> (10).</summary>
    public int EmbeddingDimension { get; init; } = BaselineDefaults.EmbeddingDimension;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EmbeddingDimension);
    }
}

/// <summary>Options of the baselines with a deep network (an MLP over the concatenated field embeddings).</summary>
public abstract record DeepBaselineOptions : BaselineOptions
{
    /// <summary>Hidden sizes of the deep network. Default: <c>[400, 400, 400]</c>.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = BaselineDefaults.HiddenSizes;

    /// <summary>Activation of the hidden layers. Default: <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>Dropout after each hidden layer, in [0, 1). Default: 0.</summary>
    public float Dropout { get; init; }

    /// <summary>Batch norm in the hidden layers. Default: false.</summary>
    public bool BatchNorm { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        OptionChecks.Defined(Activation, nameof(Activation));
        ArgumentOutOfRangeException.ThrowIfNegative(Dropout);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Dropout, 1f);
        OptionChecks.PositiveSizes(HiddenSizes, nameof(HiddenSizes), allowEmpty: AllowsNoHiddenLayer);
    }

    /// <summary>Whether an empty <see cref="HiddenSizes"/> is valid (a model whose deep part is optional).</summary>
    protected virtual bool AllowsNoHiddenLayer => false;
}
