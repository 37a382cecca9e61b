using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Trainers;

/// <summary>Default values of <see cref="EsmmOptions"/>.</summary>
public static class EsmmDefaults
{
    /// <summary>Hidden widths of each tower: <c>[256, 128, 64]</c> (a new array on every read).</summary>
    public static IReadOnlyList<int> TowerHiddenLayers => [256, 128, 64];

    /// <summary>Label column of clicks.</summary>
    public const string ClickLabel = "click";

    /// <summary>Label column of conversions (purchases).</summary>
    public const string ConversionLabel = "buy";

    /// <summary>Label column of ESM2's DActions (cart or wish-list additions).</summary>
    public const string ActionLabel = "daction";
}

/// <summary>
/// Options of <see cref="EsmmTrainer"/> (ESMM and ESM2): the training loop's, the network's sizes, which label plays
/// which role in the funnel, and the weight of each loss term.
/// </summary>
public sealed record EsmmOptions : TrainingOptions
{
    /// <summary>Creates the defaults; validation (when given) watches the AUC of the <c>ctcvr</c> task, ESMM's target.</summary>
    public EsmmOptions() => EarlyStoppingTask = Esmm.CtcvrTask;

    /// <summary>Dimension D of the shared field embeddings. Default: <see cref="CtrDefaults.EmbeddingDimension"/> (16).</summary>
    public int EmbeddingDimension { get; init; } = CtrDefaults.EmbeddingDimension;

    /// <summary>Hidden widths of every tower (each ends in a one-unit output). Default: <see cref="EsmmDefaults.TowerHiddenLayers"/> ([256, 128, 64]).</summary>
    public IReadOnlyList<int> TowerHiddenLayers { get; init; } = EsmmDefaults.TowerHiddenLayers;

    /// <summary>Dropout after each hidden layer of the towers, in [0, 1). Default: 0.</summary>
    public float Dropout { get; init; }

    /// <summary>The binary label of clicks. Default: <see cref="EsmmDefaults.ClickLabel"/> ("click").</summary>
    public string ClickLabel { get; init; } = EsmmDefaults.ClickLabel;

    /// <summary>The binary label of conversions, observed after a click. Default: <see cref="EsmmDefaults.ConversionLabel"/> ("buy").</summary>
    public string ConversionLabel { get; init; } = EsmmDefaults.ConversionLabel;

    /// <summary>ESM2 only: the binary label of DActions between click and conversion. Default: <see cref="EsmmDefaults.ActionLabel"/> ("daction").</summary>
    public string ActionLabel { get; init; } = EsmmDefaults.ActionLabel;

    /// <summary>Weight of BCE(pCTR, click) in the loss. Default: 1.</summary>
    public float ClickLossWeight { get; init; } = 1f;

    /// <summary>Weight of BCE(pCTCVR, click ∧ conversion) in the loss. Default: 1.</summary>
    public float ConversionLossWeight { get; init; } = 1f;

    /// <summary>ESM2 only: weight of BCE(pCTAVR, click ∧ DAction) in the loss. Default: 1.</summary>
    public float ActionLossWeight { get; init; } = 1f;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EmbeddingDimension);
        ArgumentNullException.ThrowIfNull(TowerHiddenLayers);
        foreach (int width in TowerHiddenLayers)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width, nameof(TowerHiddenLayers));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(Dropout);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Dropout, 1f);
        string[] labels = [ClickLabel, ConversionLabel, ActionLabel];
        if (labels.Any(string.IsNullOrWhiteSpace) || labels.Distinct(StringComparer.Ordinal).Count() != labels.Length)
        {
            throw new ArgumentException($"{nameof(ClickLabel)} '{ClickLabel}', {nameof(ConversionLabel)} '{ConversionLabel}' and {nameof(ActionLabel)} '{ActionLabel}' must be distinct, non-empty label names.", nameof(ClickLabel));
        }
        foreach ((float weight, string name) in new[] { (ClickLossWeight, nameof(ClickLossWeight)), (ConversionLossWeight, nameof(ConversionLossWeight)), (ActionLossWeight, nameof(ActionLossWeight)) })
        {
            if (!(weight >= 0f) || !float.IsFinite(weight))
            {
                throw new ArgumentOutOfRangeException(name, weight, $"{name} must be a finite, non-negative number.");
            }
        }
        if (ClickLossWeight == 0f && ConversionLossWeight == 0f)
        {
            throw new ArgumentException($"{nameof(ClickLossWeight)} and {nameof(ConversionLossWeight)} are both 0: nothing would train the towers.", nameof(ConversionLossWeight));
        }
    }
}
