using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Trainers;

/// <summary>Options of <see cref="BstTrainer"/>.</summary>
public sealed record BstOptions : TrainingOptions
{
    /// <summary>D, the width of every embedding and of the transformer. Default: <see cref="CtrDefaults.EmbeddingDimension"/> (16).</summary>
    public int EmbeddingDimension { get; init; } = CtrDefaults.EmbeddingDimension;

    /// <summary>Transformer layers. Default: 1 (Chen et al., 2019 found one best).</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Attention heads; D must be a multiple. Default: 2.</summary>
    public int Heads { get; init; } = 2;

    /// <summary>Hidden width of each feed-forward network. Default: 64 (4D).</summary>
    public int FeedForward { get; init; } = 64;

    /// <summary>Dropout inside the transformer, in [0, 1). Default: 0.</summary>
    public float Dropout { get; init; }

    /// <summary>Hidden sizes of the prediction MLP. Default: <c>[200, 80]</c>.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [200, 80];

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EmbeddingDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Layers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FeedForward);
        if (Heads <= 0 || EmbeddingDimension % Heads != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Heads), Heads, $"Heads must be positive and divide the embedding dimension {EmbeddingDimension}.");
        }
    }
}

/// <summary>Trains a <see cref="Bst"/> (Behavior Sequence Transformer) over the schema's behavior sequence.</summary>
public sealed class BstTrainer : CtrTrainer<BstOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public BstTrainer(BstOptions? options = null)
        : base(Definition, options ?? new BstOptions())
    {
    }

    /// <summary>The <c>bst</c> family.</summary>
    public static ModelFamily Definition { get; } = ModelFamily.Create<BstOptions>("bst", (encoder, options) => new Bst(encoder, options));
}
