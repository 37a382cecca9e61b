using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// A stack of N <see cref="TransformerEncoderLayer"/>s, as torch's <c>nn.TransformerEncoder</c>, with an optional final
/// layer norm (what pre-norm stacks usually want). Input and output <c>(B, L, D)</c>.
/// </summary>
/// <remarks>Children: <c>layers.0</c> … <c>layers.{N−1}</c> and, with a final norm, <c>norm</c>.</remarks>
public sealed class TransformerEncoder : Module
{
    private readonly LayerNorm? _finalNorm;

    /// <summary>Creates N layers, initialized in order from <paramref name="random"/>.</summary>
    /// <param name="numberOfLayers">Number of layers N, ≥ 1.</param>
    /// <param name="dModel">Model width D; a multiple of <paramref name="heads"/>.</param>
    /// <param name="heads">Number of attention heads per layer.</param>
    /// <param name="feedForward">Hidden width F of each feed-forward network.</param>
    /// <param name="random">Source of the initial weights and of the dropout masks.</param>
    /// <param name="dropout">Dropout probability inside each layer, in [0, 1). Default: 0.</param>
    /// <param name="activation">Non-linearity of the feed-forward networks. Default: <see cref="Activation.Relu"/>.</param>
    /// <param name="norm">Where each layer's norms sit. Default: <see cref="NormPosition.Post"/>.</param>
    /// <param name="finalNorm">Whether to apply a layer norm to the last layer's output. Default: false, as torch.</param>
    public TransformerEncoder(int numberOfLayers, int dModel, int heads, int feedForward, Random random, float dropout = 0f,
        Activation activation = Activation.Relu, NormPosition norm = NormPosition.Post, bool finalNorm = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numberOfLayers);
        ArgumentNullException.ThrowIfNull(random);
        Layers = Register("layers", new ModuleList<TransformerEncoderLayer>());
        for (int i = 0; i < numberOfLayers; i++)
        {
            Layers.Add(new TransformerEncoderLayer(dModel, heads, feedForward, random, dropout, activation, norm));
        }
        _finalNorm = finalNorm ? Register("norm", new LayerNorm(dModel)) : null;
    }

    /// <summary>The layers, in order (child <c>layers</c>); run them one by one to see every layer's output.</summary>
    public ModuleList<TransformerEncoderLayer> Layers { get; }

    /// <summary>The norm after the last layer; null without one.</summary>
    internal LayerNorm? FinalNorm => _finalNorm;

    /// <summary>Encodes <paramref name="input"/> <c>(B, L, D)</c> through every layer; returns <c>(B, L, D)</c>.</summary>
    /// <param name="input">The sequence, <c>(B, L, D)</c>.</param>
    /// <param name="keyPaddingMask">Optional <c>(B, L)</c> row-major flags, true = padded position. Default: none.</param>
    /// <param name="causal">If true, position i attends only to positions j ≤ i. Default: false.</param>
    public Tensor Forward(Tensor input, bool[]? keyPaddingMask = null, bool causal = false)
    {
        Tensor x = input;
        foreach (TransformerEncoderLayer layer in Layers)
        {
            x = layer.Forward(x, keyPaddingMask, causal);        // (B, L, D)
        }
        return _finalNorm is null ? x : _finalNorm.Forward(x);   // (B, L, D)
    }
}
