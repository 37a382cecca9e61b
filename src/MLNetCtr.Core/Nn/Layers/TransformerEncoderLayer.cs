using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// One transformer encoder layer (Vaswani et al., 2017), as torch's <c>nn.TransformerEncoderLayer(batch_first=True)</c>:
/// self-attention and a position-wise feed-forward network <c>FF(x) = W₂ · Dropout(act(W₁ x + b₁)) + b₂</c>, each
/// wrapped in a residual connection with dropout and a layer norm. Input and output <c>(B, L, D)</c>.
/// </summary>
/// <remarks>
/// Post-norm: <c>x = norm1(x + Dropout(Attention(x))); x = norm2(x + Dropout(FF(x)))</c>. Pre-norm:
/// <c>x = x + Dropout(Attention(norm1(x))); x = x + Dropout(FF(norm2(x)))</c>. Children: <c>attention</c>
/// (<see cref="MultiHeadAttention"/>), <c>feedForward1</c> (D → F), <c>feedForward2</c> (F → D), <c>norm1</c>,
/// <c>norm2</c> (torch's <c>self_attn</c>, <c>linear1</c>, <c>linear2</c>, <c>norm1</c>, <c>norm2</c>); layer norm ε is 1e-5.
/// </remarks>
public sealed class TransformerEncoderLayer : Module
{
    private readonly DropoutMasks _dropoutMasks;

    /// <summary>Creates the layer and initializes it from <paramref name="random"/>.</summary>
    /// <param name="dModel">Model width D; a multiple of <paramref name="heads"/>.</param>
    /// <param name="heads">Number of attention heads.</param>
    /// <param name="feedForward">Hidden width F of the feed-forward network.</param>
    /// <param name="random">Source of the initial weights and of the dropout masks.</param>
    /// <param name="dropout">Dropout probability in attention, in the feed-forward network and on both residual branches, in [0, 1). Default: 0.</param>
    /// <param name="activation">Non-linearity of the feed-forward network. Default: <see cref="Activation.Relu"/>, as torch.</param>
    /// <param name="norm">Where the layer norms sit. Default: <see cref="NormPosition.Post"/>, as torch.</param>
    public TransformerEncoderLayer(int dModel, int heads, int feedForward, Random random, float dropout = 0f,
        Activation activation = Activation.Relu, NormPosition norm = NormPosition.Post)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Unknown activation {(int)activation}.");
        }
        if (!Enum.IsDefined(norm))
        {
            throw new ArgumentOutOfRangeException(nameof(norm), norm, $"Unknown norm position {(int)norm}.");
        }
        Activation = activation;
        Norm = norm;
        Attention = Register("attention", new MultiHeadAttention(dModel, heads, random, dropout));
        FeedForward1 = Register("feedForward1", new Linear(dModel, feedForward, random));
        FeedForward2 = Register("feedForward2", new Linear(feedForward, dModel, random));
        Norm1 = Register("norm1", new LayerNorm(dModel));
        Norm2 = Register("norm2", new LayerNorm(dModel));
        DropoutProbability = dropout;   // validated by the attention's constructor
        _dropoutMasks = CreateDropoutMasks(random);
    }

    /// <summary>Dropout probability in attention, in the feed-forward network and on both residual branches (training mode only).</summary>
    public float DropoutProbability { get; }

    /// <summary>Non-linearity of the feed-forward network.</summary>
    public Activation Activation { get; }

    /// <summary>Where the layer norms sit.</summary>
    public NormPosition Norm { get; }

    /// <summary>Self-attention (child <c>attention</c>).</summary>
    public MultiHeadAttention Attention { get; }

    /// <summary>First feed-forward projection, D → F (child <c>feedForward1</c>).</summary>
    public Linear FeedForward1 { get; }

    /// <summary>Second feed-forward projection, F → D (child <c>feedForward2</c>).</summary>
    public Linear FeedForward2 { get; }

    /// <summary>Layer norm of the attention block (child <c>norm1</c>).</summary>
    public LayerNorm Norm1 { get; }

    /// <summary>Layer norm of the feed-forward block (child <c>norm2</c>).</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>Encodes <paramref name="input"/> <c>(B, L, D)</c>; returns <c>(B, L, D)</c>.</summary>
    /// <param name="input">The sequence, <c>(B, L, D)</c>.</param>
    /// <param name="keyPaddingMask">Optional <c>(B, L)</c> row-major flags, true = padded position that no position attends to. Default: none.</param>
    /// <param name="causal">If true, position i attends only to positions j ≤ i. Default: false.</param>
    public Tensor Forward(Tensor input, bool[]? keyPaddingMask = null, bool causal = false)
    {
        if (Norm == NormPosition.Post)
        {
            Tensor x = Norm1.Forward(input + ApplyDropout(SelfAttention(input, keyPaddingMask, causal)));   // (B, L, D)
            return Norm2.Forward(x + ApplyDropout(FeedForwardNetwork(x)));                                  // (B, L, D)
        }
        Tensor h = input + ApplyDropout(SelfAttention(Norm1.Forward(input), keyPaddingMask, causal));         // (B, L, D)
        return h + ApplyDropout(FeedForwardNetwork(Norm2.Forward(h)));                                      // (B, L, D)
    }

    private Tensor ApplyDropout(Tensor x) => Ops.Dropout(x, DropoutProbability, IsTraining, _dropoutMasks.Random);

    private Tensor SelfAttention(Tensor x, bool[]? keyPaddingMask, bool causal) => Attention.Forward(x, x, keyPaddingMask, causal);

    private Tensor FeedForwardNetwork(Tensor x)
    {
        Tensor hidden = ApplyDropout(Activation.Apply(FeedForward1.Forward(x)));   // (B, L, F)
        return FeedForward2.Forward(hidden);                                                      // (B, L, D)
    }
}
