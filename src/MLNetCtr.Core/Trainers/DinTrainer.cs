using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Training;

namespace MLNetCtr.Trainers;

/// <summary>Options of <see cref="DinTrainer"/>; defaults from the DIN paper where it gives them.</summary>
public sealed record DinOptions : TrainingOptions
{
    /// <summary>D, the width of every embedding. Default: <see cref="CtrDefaults.EmbeddingDimension"/> (16).</summary>
    public int EmbeddingDimension { get; init; } = CtrDefaults.EmbeddingDimension;

    /// <summary>Hidden sizes of the attention unit. Default: <c>[36]</c> (Zhou et al., 2018).</summary>
    public IReadOnlyList<int> AttentionHiddenSizes { get; init; } = [36];

    /// <summary>Hidden sizes of the prediction MLP. Default: <c>[200, 80]</c> (Zhou et al., 2018).</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [200, 80];

    /// <summary>The learned activation of both MLPs. Default: <see cref="ParametricActivationKind.Dice"/>.</summary>
    public ParametricActivationKind Activation { get; init; } = ParametricActivationKind.Dice;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EmbeddingDimension);
        if (AttentionHiddenSizes.Concat(HiddenSizes).Any(h => h <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(HiddenSizes), $"Hidden sizes must be positive; got attention [{string.Join(", ", AttentionHiddenSizes)}], head [{string.Join(", ", HiddenSizes)}].");
        }
    }
}

/// <summary>Trains a <see cref="Din"/> (Deep Interest Network) over the schema's behavior sequence.</summary>
public sealed class DinTrainer : CtrTrainer<DinOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public DinTrainer(DinOptions? options = null)
        : base(Definition, options ?? new DinOptions())
    {
    }

    /// <summary>The <c>din</c> family.</summary>
    public static ModelFamily Definition { get; } = ModelFamily.Create<DinOptions>("din", (encoder, options) => new Din(encoder, options));
}
