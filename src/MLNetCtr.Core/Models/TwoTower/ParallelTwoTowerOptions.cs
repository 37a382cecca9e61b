using MLNetCtr.Nn;
using MLNetCtr.Training;

namespace MLNetCtr.Models.TwoTower;

/// <summary>
/// Options of the parallel two-tower model (<see cref="ParallelTwoTower"/>): which branches each tower holds and how
/// each is built, plus the training loop's options. Defaults come from <see cref="TwoTowerDefaults"/>.
/// </summary>
public record ParallelTwoTowerOptions : TrainingOptions
{
    /// <summary>Creates the defaults: every branch, and L2 on the embedding tables.</summary>
    public ParallelTwoTowerOptions() => EmbeddingWeightDecay = TwoTowerDefaults.EmbeddingWeightDecay;

    /// <summary>The branches of each tower, in the order of the matching vector; distinct. Default: all five.</summary>
    public IReadOnlyList<TowerBranchKind> Branches { get; init; } = TwoTowerDefaults.Branches;

    /// <summary>Activation of the MLP and DCN hidden layers. Default: <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>Dropout after each MLP and DCN hidden layer, in [0, 1). Default: 0.</summary>
    public float Dropout { get; init; }

    /// <summary>Batch norm in the MLP and DCN hidden layers. Default: false.</summary>
    public bool BatchNorm { get; init; }

    /// <summary>Embedding dimension of the MLP branch. Default: <see cref="TwoTowerDefaults.DeepEmbeddingDimension"/> (16).</summary>
    public int MlpEmbeddingDimension { get; init; } = TwoTowerDefaults.DeepEmbeddingDimension;

    /// <summary>
    /// Standard deviation of the initial MLP and DCN embeddings; null takes 1/√D of the branch's dimension D. Default:
    /// null (0.25 at D = 16).
    /// </summary>
    /// <remarks>
    /// A tower's id-dependent output is its embeddings shrunk by every layer, and the matching term multiplies the user
    /// tower's by the item tower's: from the 0.01 of <see cref="CtrDefaults.EmbeddingInitStandardDeviation"/> that product
    /// starts near 1e-6, the towers learn first-order effects through their biases, and training sits on that plateau long
    /// enough for early stopping to end it (a DSSM as good as logistic regression). 1/√D is TensorFlow's
    /// <c>embedding_column</c> default; the CIN branch starts there for the same reason.
    /// </remarks>
    public float? DeepEmbeddingInitStandardDeviation { get; init; }

    /// <summary>Hidden sizes of each MLP tower, before its linear output layer. Default: <c>[256, 128]</c>.</summary>
    public IReadOnlyList<int> MlpHiddenSizes { get; init; } = TwoTowerDefaults.HiddenSizes;

    /// <summary>Width of the MLP tower vectors. Default: <see cref="TwoTowerDefaults.TowerOutputDimension"/> (64).</summary>
    public int MlpOutputDimension { get; init; } = TwoTowerDefaults.TowerOutputDimension;

    /// <summary>Embedding dimension of the DCN branch. Default: <see cref="TwoTowerDefaults.DeepEmbeddingDimension"/> (16).</summary>
    public int DcnEmbeddingDimension { get; init; } = TwoTowerDefaults.DeepEmbeddingDimension;

    /// <summary>How each DCN tower combines its cross and deep networks. Default: <see cref="DcnV2Structure.Parallel"/>.</summary>
    public DcnV2Structure DcnStructure { get; init; } = DcnV2Structure.Parallel;

    /// <summary>Number of cross layers of each DCN tower. Default: <see cref="TwoTowerDefaults.CrossLayers"/> (3).</summary>
    public int DcnCrossLayers { get; init; } = TwoTowerDefaults.CrossLayers;

    /// <summary>Full-rank or low-rank cross weights. Default: <see cref="CrossRank.Full"/>.</summary>
    public CrossRank DcnCrossRank { get; init; } = CrossRank.Full;

    /// <summary>r of low-rank cross weights. Default: <see cref="TwoTowerDefaults.CrossLowRank"/> (32).</summary>
    public int DcnLowRank { get; init; } = TwoTowerDefaults.CrossLowRank;

    /// <summary>Hidden sizes of each DCN tower's deep network. Default: <c>[256, 128]</c>.</summary>
    public IReadOnlyList<int> DcnHiddenSizes { get; init; } = TwoTowerDefaults.HiddenSizes;

    /// <summary>Width of the DCN tower vectors (a linear layer over the DCN output). Default: 64.</summary>
    public int DcnOutputDimension { get; init; } = TwoTowerDefaults.TowerOutputDimension;

    /// <summary>Embedding dimension of the FM branch. Default: <see cref="TwoTowerDefaults.InteractionEmbeddingDimension"/> (32).</summary>
    public int FmEmbeddingDimension { get; init; } = TwoTowerDefaults.InteractionEmbeddingDimension;

    /// <summary>Embedding dimension of the FFM branch (per field pair). Default: 32.</summary>
    public int FfmEmbeddingDimension { get; init; } = TwoTowerDefaults.InteractionEmbeddingDimension;

    /// <summary>Embedding dimension of the CIN branch. Default: 32.</summary>
    public int CinEmbeddingDimension { get; init; } = TwoTowerDefaults.InteractionEmbeddingDimension;

    /// <summary>Feature maps of each CIN layer. Default: <c>[64, 64]</c>.</summary>
    public IReadOnlyList<int> CinLayerSizes { get; init; } = TwoTowerDefaults.CinLayerSizes;

    /// <summary>Maps each side keeps for CIN2 (the rank of the user-map × item-map interaction). Default: <see cref="TwoTowerDefaults.CinCrossMaps"/> (16).</summary>
    public int CinCrossMaps { get; init; } = TwoTowerDefaults.CinCrossMaps;

    /// <summary>The initial standard deviation of deep-branch embeddings of dimension <paramref name="dimension"/>: <see cref="DeepEmbeddingInitStandardDeviation"/> or 1/√D.</summary>
    internal float DeepEmbeddingInitFor(int dimension) => DeepEmbeddingInitStandardDeviation ?? 1f / MathF.Sqrt(dimension);

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(Branches);
        if (Branches.Count == 0 || Branches.Distinct().Count() != Branches.Count || Branches.Any(b => !Enum.IsDefined(b)))
        {
            throw new ArgumentOutOfRangeException(nameof(Branches), $"Branches must be distinct known branches ({string.Join(", ", Enum.GetNames<TowerBranchKind>())}), at least one; got [{string.Join(", ", Branches)}].");
        }
        OptionChecks.Defined(Activation, nameof(Activation));
        OptionChecks.Defined(DcnStructure, nameof(DcnStructure));
        OptionChecks.Defined(DcnCrossRank, nameof(DcnCrossRank));
        ArgumentOutOfRangeException.ThrowIfNegative(Dropout);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Dropout, 1f);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MlpEmbeddingDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MlpOutputDimension);
        if (DeepEmbeddingInitStandardDeviation is { } std && !(std > 0f && float.IsFinite(std)))
        {
            throw new ArgumentOutOfRangeException(nameof(DeepEmbeddingInitStandardDeviation), std, $"{nameof(DeepEmbeddingInitStandardDeviation)} must be a positive number or null; got {std}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DcnEmbeddingDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DcnCrossLayers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DcnLowRank);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DcnOutputDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FmEmbeddingDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FfmEmbeddingDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CinEmbeddingDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CinCrossMaps);
        OptionChecks.PositiveSizes(MlpHiddenSizes, nameof(MlpHiddenSizes), allowEmpty: true);
        OptionChecks.PositiveSizes(DcnHiddenSizes, nameof(DcnHiddenSizes), allowEmpty: DcnStructure == DcnV2Structure.CrossOnly);
        OptionChecks.PositiveSizes(CinLayerSizes, nameof(CinLayerSizes), allowEmpty: false);
    }
}
