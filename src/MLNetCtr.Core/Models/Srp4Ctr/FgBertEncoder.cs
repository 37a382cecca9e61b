using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Serving.Onnx;

namespace MLNetCtr.Models;

/// <summary>The architecture of an <see cref="FgBertEncoder"/>; a fine-tuned model must match its pretrained encoder's.</summary>
public sealed record FgBertArchitecture
{
    /// <summary>D, the token width. Default: 32.</summary>
    public int EmbeddingDimension { get; init; } = 32;

    /// <summary>N, the transformer layers. Default: 2.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Attention heads per layer; must divide D. Default: 2.</summary>
    public int Heads { get; init; } = 2;

    /// <summary>Hidden width of each feed-forward network. Default: 128 (4D).</summary>
    public int FeedForward { get; init; } = 128;

    /// <summary>Dropout inside the layers, in [0, 1). Default: 0.1 (BERT).</summary>
    public float Dropout { get; init; } = 0.1f;

    /// <summary>Standard deviation of the token tables' initialization. Default: 0.02 (BERT).</summary>
    public float InitStandardDeviation { get; init; } = 0.02f;

    /// <summary>Throws naming the first invalid value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EmbeddingDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Layers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FeedForward);
        if (Heads <= 0 || EmbeddingDimension % Heads != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Heads), Heads, $"Heads must be positive and divide the embedding dimension {EmbeddingDimension}.");
        }
    }
}

/// <summary>
/// FG-BERT (SRP4CTR, Han et al., 2024, arXiv 2407.19658): a bidirectional transformer over behavior tokens
/// <c>token_i = x̃_i + s̃_i + pos_i</c>, where a content-masked position has <c>x̃_i = [MASK_x]</c> and a
/// behavior-masked one <c>s̃_i = [MASK_s]</c> (two learned vectors). Input a batch, output every layer's input and the
/// last output, <c>N + 1</c> tensors <c>(B, L, D)</c>.
/// </summary>
/// <remarks>Children: <c>tokens</c> (<see cref="BehaviorTokens"/>), parameters <c>contentMask</c>, <c>behaviorMask</c> (D),
/// <c>layers.{l}</c> (post-norm <see cref="TransformerEncoderLayer"/>s, GELU).</remarks>
public sealed class FgBertEncoder : Module
{
    private readonly Tensor _contentMask, _behaviorMask;

    /// <summary>Creates the encoder for <paramref name="encoder"/>'s behavior sequence.</summary>
    public FgBertEncoder(DataEncoder encoder, FgBertArchitecture architecture, Random random)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Architecture = architecture;
        int d = architecture.EmbeddingDimension;
        Tokens = Register("tokens", new BehaviorTokens(BehaviorSchema.FromSchema(encoder.Schema), encoder, d, random, architecture.InitStandardDeviation));
        _contentMask = RegisterParameter("contentMask", Init.Normal(Tensor.Parameter(new float[d], [d]), architecture.InitStandardDeviation, random));
        _behaviorMask = RegisterParameter("behaviorMask", Init.Normal(Tensor.Parameter(new float[d], [d]), architecture.InitStandardDeviation, random));
        Layers = Register("layers", new ModuleList<TransformerEncoderLayer>());
        for (int l = 0; l < architecture.Layers; l++)
        {
            Layers.Add(new TransformerEncoderLayer(d, architecture.Heads, architecture.FeedForward, random, architecture.Dropout, Activation.Gelu));
        }
    }

    /// <summary>The architecture.</summary>
    public FgBertArchitecture Architecture { get; }

    /// <summary>The input embeddings.</summary>
    public BehaviorTokens Tokens { get; }

    /// <summary>The transformer layers.</summary>
    public ModuleList<TransformerEncoderLayer> Layers { get; }

    /// <summary>
    /// Tokens <c>(B, L, D)</c>; <paramref name="contentMasked"/> and <paramref name="behaviorMasked"/> (B·L flags of 0/1,
    /// or null for none) choose the positions whose content or side info is replaced by its mask vector.
    /// </summary>
    public Tensor Embed(CtrColumns batch, float[]? contentMasked = null, float[]? behaviorMasked = null)
    {
        int b = batch.RowCount, l = Tokens.Schema.MaxLength;
        Tensor content = Blend(Tokens.Content(batch), contentMasked, _contentMask, b, l);     // (B, L, D)
        Tensor side = Blend(Tokens.SideInfo(batch), behaviorMasked, _behaviorMask, b, l);     // (B, L, D)
        return content + side + Tokens.SequencePositions();                                    // (B, L, D)
    }

    /// <summary>Runs the layers: element l of the result is layer l's input, element N the last output; each <c>(B, L, D)</c>.</summary>
    public Tensor[] Encode(Tensor tokens, bool[] padding)
    {
        var states = new Tensor[Layers.Count + 1];
        states[0] = tokens;
        for (int l = 0; l < Layers.Count; l++)
        {
            states[l + 1] = Layers[l].Forward(states[l], padding);   // (B, L, D)
        }
        return states;
    }

    /// <summary>
    /// <see cref="Encode"/> of the unmasked tokens in ONNX, with valid-key flags <paramref name="validKeys"/> <c>(B, L)</c>:
    /// element l is layer l's input, element N the last output, each <c>(B, L, D)</c>.
    /// </summary>
    internal string[] ExportEncode(OnnxGraph g, string validKeys, string name)
    {
        var states = new string[Layers.Count + 1];
        states[0] = Tokens.ExportTokens(g, $"{name}.tokens");                                                    // (B, L, D)
        for (int l = 0; l < Layers.Count; l++)
        {
            states[l + 1] = g.TransformerEncoderLayer(Layers[l], states[l], validKeys, $"{name}.layers.{l}");   // (B, L, D)
        }
        return states;
    }

    /// <summary><c>x ⊙ (1 − m) + m ⊗ v</c>: rows flagged in <paramref name="masked"/> become the mask vector.</summary>
    private static Tensor Blend(Tensor x, float[]? masked, Tensor maskVector, int b, int l)
    {
        if (masked is null)
        {
            return x;
        }
        Tensor m = Tensor.From(masked, b, l, 1);   // (B, L, 1)
        return x * (1f - m) + m * maskVector;      // (B, L, D)
    }
}
