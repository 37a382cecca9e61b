namespace MLNetCtr.Models.TwoTower;

/// <summary>The branches a tower of <see cref="ParallelTwoTower"/> can hold; each has its own embeddings.</summary>
public enum TowerBranchKind
{
    /// <summary>An MLP over the side's concatenated field embeddings (alone: the classic DSSM two-tower).</summary>
    Mlp,

    /// <summary>A DCN-V2 cross network with an MLP, stacked or in parallel.</summary>
    Dcn,

    /// <summary>FM: the side's field embeddings sum-pooled, so ⟨u, v⟩ holds every user × item second-order term.</summary>
    Fm,

    /// <summary>FFM: field-aware embeddings arranged so ⟨u, v⟩ equals the user × item FFM terms.</summary>
    Ffm,

    /// <summary>CIN (xDeepFM): sum-pooled CIN of each side (CIN1) and a CIN layer between both sides' feature maps (CIN2).</summary>
    Cin,
}

/// <summary>Default values of <see cref="ParallelTwoTowerOptions"/>, in one place.</summary>
public static class TwoTowerDefaults
{
    /// <summary>Embedding dimension of the MLP and DCN branches.</summary>
    public const int DeepEmbeddingDimension = 16;

    /// <summary>Embedding dimension of the FM, FFM and CIN branches.</summary>
    public const int InteractionEmbeddingDimension = 32;

    /// <summary>Width of the tower vectors of the MLP and DCN branches (their last, linear layer).</summary>
    public const int TowerOutputDimension = 64;

    /// <summary>Number of DCN-V2 cross layers.</summary>
    public const int CrossLayers = 3;

    /// <summary>r of low-rank DCN-V2 cross weights.</summary>
    public const int CrossLowRank = 32;

    /// <summary>Number of feature maps each side's CIN2 projection keeps (the rank of the CIN2 interaction).</summary>
    public const int CinCrossMaps = 16;

    /// <summary>L2 weight decay of the embedding tables.</summary>
    public const float EmbeddingWeightDecay = 1e-6f;

    /// <summary>Hidden sizes of the MLP and DCN deep networks.</summary>
    public static IReadOnlyList<int> HiddenSizes { get; } = [256, 128];

    /// <summary>Feature maps per CIN layer.</summary>
    public static IReadOnlyList<int> CinLayerSizes { get; } = [64, 64];

    /// <summary>The branches of the parallel two-tower model: all of them.</summary>
    public static IReadOnlyList<TowerBranchKind> Branches { get; } =
        [TowerBranchKind.Mlp, TowerBranchKind.Dcn, TowerBranchKind.Fm, TowerBranchKind.Ffm, TowerBranchKind.Cin];
}
