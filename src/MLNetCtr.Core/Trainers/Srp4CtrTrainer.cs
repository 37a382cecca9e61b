using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Trainers;

/// <summary>Options of <see cref="Srp4CtrTrainer"/>.</summary>
public sealed record Srp4CtrOptions : TrainingOptions
{
    /// <summary>The encoder's architecture; must match the pretrained file's. Default: <see cref="FgBertArchitecture"/>'s defaults.</summary>
    public FgBertArchitecture Architecture { get; init; } = new();

    /// <summary>
    /// A file written by <see cref="PretrainedFgBert.Save"/>, or null to train from scratch. Its embedding rows follow
    /// their values into the fine-tuning vocabularies, which may be fitted on other rows. Default: null.
    /// </summary>
    public string? PretrainedModel { get; init; }

    /// <summary>Whether the pretrained encoder (and its shared tables) stays fixed. Default: false (fine-tuned).</summary>
    public bool FreezeEncoder { get; init; }

    /// <summary>SRP4CTR or FG-BERT-MP. Default: <see cref="Srp4CtrMode.CrossAttention"/>.</summary>
    public Srp4CtrMode Mode { get; init; } = Srp4CtrMode.CrossAttention;

    /// <summary>k, the Querying Transformer's query tokens. Default: 4.</summary>
    public int QueryCount { get; init; } = 4;

    /// <summary>Whether queries are also generated per user from user/context fields by an MLP. Default: false.</summary>
    public bool UserQueries { get; init; }

    /// <summary>Hidden sizes of the head MLP. Default: <c>[128, 64]</c>.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [128, 64];

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        Architecture.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(QueryCount);
        if (PretrainedModel is not null && !File.Exists(PretrainedModel))
        {
            throw new FileNotFoundException($"The pretrained model '{PretrainedModel}' does not exist.", PretrainedModel);
        }
    }
}

/// <summary>Fine-tunes <see cref="Srp4Ctr"/> from a pretrained FG-BERT (<see cref="FgBertPretrainer"/>), or trains it from scratch.</summary>
public sealed class Srp4CtrTrainer : CtrTrainer<Srp4CtrOptions>
{
    /// <summary>Creates the trainer; null options take the defaults.</summary>
    public Srp4CtrTrainer(Srp4CtrOptions? options = null)
        : base(Definition, options ?? new Srp4CtrOptions())
    {
    }

    /// <summary>The <c>srp4ctr</c> family; the pretrained encoder is loaded before training, never when a saved model is loaded.</summary>
    public static ModelFamily Definition { get; } = ModelFamily.Create<Srp4CtrOptions>("srp4ctr", (encoder, options) => new Srp4Ctr(encoder, options),
        prepare: (network, encoder, options) =>
        {
            if (options.PretrainedModel is { } path)
            {
                ((Srp4Ctr)network).LoadPretrained(PretrainedFgBert.Load(path), encoder);
            }
        });
}
