using System.Text.Json.Serialization;
using MLNetCtr.Models;
using MLNetCtr.Text;
using MLNetCtr.Training;

namespace MLNetCtr.Trainers;

/// <summary>Where a <see cref="Bahe"/> model gets each behavior's vector from.</summary>
public enum BaheMode
{
    /// <summary>BAHE: look each behavior up in the precomputed <see cref="BehaviorTable"/> (the frozen shallow part ran once per distinct text).</summary>
    AtomicBehaviors,

    /// <summary>The baseline BAHE is measured against: run the frozen shallow part over every token of every behavior in each step.</summary>
    TokenLevel,
}

/// <summary>Options of <see cref="BaheTrainer"/>.</summary>
public sealed record BaheOptions : TrainingOptions
{
    /// <summary>The SQLite behavior table (<see cref="BehaviorTable"/>); created if absent, extended with unseen texts.</summary>
    /// <value>Default: null, which <see cref="Validate"/> rejects.</value>
    public string? BehaviorTable { get; init; }

    /// <summary>
    /// Folder of Universal Sentence Encoder lite (<c>tools/fetch-use-lite.sh</c>): needed in <see cref="BaheMode.TokenLevel"/>,
    /// to initialize the deep layers from the pretrained ones, and to encode texts missing from the table.
    /// </summary>
    /// <value>Default: null (table only: a text missing from the table is an error).</value>
    public string? EncoderModel { get; init; }

    /// <summary>Where behavior vectors come from. Default: <see cref="BaheMode.AtomicBehaviors"/>.</summary>
    public BaheMode Mode { get; init; } = BaheMode.AtomicBehaviors;

    /// <summary>Layers of the pretrained encoder in the frozen shallow part (0–2). Default: 1 (embeddings + layer 0).</summary>
    public int FrozenLayers { get; init; } = 1;

    /// <summary>Trainable transformer layers over each behavior sequence. Default: 1.</summary>
    public int DeepLayers { get; init; } = 1;

    /// <summary>Width H of the deep layers; null for the behavior vectors' width D (512), which lets the deep layers start
    /// from the pretrained layers above the frozen ones. Default: null.</summary>
    public int? HiddenSize { get; init; }

    /// <summary>Attention heads of each deep layer; H must be a multiple. Default: 4 (as the pretrained encoder).</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Hidden width of each deep layer's feed-forward network. Default: 1536 (as the pretrained encoder).</summary>
    public int FeedForward { get; init; } = 1536;

    /// <summary>Whether deep layer i starts from pretrained layer <see cref="FrozenLayers"/> + i when it exists and widths match.
    /// Default: true.</summary>
    public bool InitializeFromPretrained { get; init; } = true;

    /// <summary>D of the embeddings of the other (id and numeric) features. Default: <see cref="CtrDefaults.EmbeddingDimension"/> (16).</summary>
    public int EmbeddingDimension { get; init; } = CtrDefaults.EmbeddingDimension;

    /// <summary>Hidden sizes of the head MLP. Default: <c>[256, 64]</c>.</summary>
    public IReadOnlyList<int> HiddenSizes { get; init; } = [256, 64];

    /// <summary>Whether the behavior sequences are encoded on parallel threads (feature parallel). Default: true.</summary>
    public bool ParallelSequences { get; init; } = true;

    /// <summary>Width H of the deep layers.</summary>
    [JsonIgnore]
    public int DeepWidth => HiddenSize ?? BaheBehaviorEncoder.DimensionOf(FrozenLayers);

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrEmpty(BehaviorTable))
        {
            throw new ArgumentException("BAHE needs a behavior table path (BehaviorTable).", nameof(BehaviorTable));
        }
        if (Mode == BaheMode.TokenLevel && string.IsNullOrEmpty(EncoderModel))
        {
            throw new ArgumentException("The token-level mode runs the pretrained encoder in every step: set EncoderModel.", nameof(EncoderModel));
        }
        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, $"Unknown BAHE mode {(int)Mode}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(FrozenLayers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(FrozenLayers, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(DeepLayers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FeedForward);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EmbeddingDimension);
        if (Heads <= 0 || DeepWidth <= 0 || DeepWidth % Heads != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Heads), Heads, $"Heads must be positive and divide the deep width {DeepWidth}.");
        }
    }
}
