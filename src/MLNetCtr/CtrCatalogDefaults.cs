using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Trainers;

namespace MLNetCtr;

/// <summary>
/// The defaults of the simple-argument overloads of <see cref="CtrTrainers"/>, in one place (each is the core's default;
/// the <c>Options</c> overloads take every other default from the core's options records).
/// </summary>
public static class CtrCatalogDefaults
{
    /// <summary>The label column of single-task estimators: <c>"Label"</c>, as in ML.NET.</summary>
    public const string LabelColumnName = HostSchema.DefaultLabelColumnName;

    /// <summary>ESMM's click label column: <c>"click"</c>.</summary>
    public const string ClickColumnName = EsmmDefaults.ClickLabel;

    /// <summary>ESMM's conversion label column: <c>"buy"</c>.</summary>
    public const string ConversionColumnName = EsmmDefaults.ConversionLabel;

    /// <summary>ESM2's DAction (cart, wish list) label column: <c>"daction"</c>.</summary>
    public const string ActionColumnName = EsmmDefaults.ActionLabel;

    /// <summary>Passes over the training data: <see cref="CtrDefaults.NumberOfEpochs"/> (3).</summary>
    public const int NumberOfEpochs = CtrDefaults.NumberOfEpochs;

    /// <summary>Rows per training step: <see cref="CtrDefaults.BatchSize"/> (1024).</summary>
    public const int BatchSize = CtrDefaults.BatchSize;

    /// <summary>Step size of the optimizer: <see cref="CtrDefaults.LearningRate"/> (0.001).</summary>
    public const float LearningRate = CtrDefaults.LearningRate;

    /// <summary>Dimension of each field embedding (ESMM, MMoE): <see cref="CtrDefaults.EmbeddingDimension"/> (16).</summary>
    public const int EmbeddingDimension = CtrDefaults.EmbeddingDimension;

    /// <summary>Experts of MMoE: <see cref="MultitaskDefaults.ExpertCount"/> (4).</summary>
    public const int ExpertCount = MultitaskDefaults.ExpertCount;

    /// <summary>Rows scored per forward pass by <see cref="CtrPredictionTransformer.Transform"/>.</summary>
    public const int ScoringChunkRows = 1024;
}
