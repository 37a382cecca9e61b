using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Multi-head attention (Vaswani et al., 2017), as torch's <c>nn.MultiheadAttention(E, H, batch_first=True)</c> with
/// separate projections: <c>y = Output(concat_h softmax(Q_h K_hᵀ / √Dh + M) V_h)</c> with Q = Query(q), K = Key(kv),
/// V = Value(kv). Query <c>(B, Lq, E)</c>, key/value source <c>(B, Lk, E)</c>, output <c>(B, Lq, E)</c>; H heads of
/// Dh = E / H.
/// </summary>
/// <remarks>
/// Children <c>query</c>, <c>key</c>, <c>value</c>, <c>output</c> are Linear(E, E), weight (out, in) as torch; torch's
/// fused <c>in_proj_weight</c> (3E, E) is the row-wise concatenation of query, key and value weights. Initialization
/// as torch: Xavier-uniform over that (3E, E) matrix, i.e. U(±√(6 / 4E)) for each projection, default Linear init for
/// the output weight, zero biases. Dropout (torch's <c>dropout</c>) acts on the attention probabilities in training
/// mode; it then takes a composed path (MatMul, MaskedFill, Softmax, Dropout) instead of the fused attention op.
/// <see cref="ProjectKeyValue"/> and <see cref="Attend"/> split the work so that projected keys and values can be
/// cached and reused by many queries.
/// </remarks>
public sealed class MultiHeadAttention : Module
{
    private readonly DropoutMasks _dropoutMasks;

    /// <summary>Creates the layer and initializes it from <paramref name="random"/>.</summary>
    /// <param name="embedDim">Model width E; must be a multiple of <paramref name="heads"/>.</param>
    /// <param name="heads">Number of heads H.</param>
    /// <param name="random">Source of the initial weights and of the dropout masks.</param>
    /// <param name="dropout">Dropout probability on the attention probabilities, in [0, 1). Default: 0.</param>
    /// <param name="bias">Whether the four projections have biases. Default: true.</param>
    public MultiHeadAttention(int embedDim, int heads, Random random, float dropout = 0f, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embedDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        ArgumentNullException.ThrowIfNull(random);
        if (embedDim % heads != 0)
        {
            throw new ArgumentException($"The embedding dimension {embedDim} is not divisible by the number of heads {heads}.", nameof(heads));
        }
        if (!(dropout >= 0f && dropout < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "The dropout probability must be in [0, 1).");
        }
        EmbedDim = embedDim;
        Heads = heads;
        DropoutProbability = dropout;
        Query = Register("query", new Linear(embedDim, embedDim, random, bias));
        Key = Register("key", new Linear(embedDim, embedDim, random, bias));
        Value = Register("value", new Linear(embedDim, embedDim, random, bias));
        Output = Register("output", new Linear(embedDim, embedDim, random, bias));
        float inputBound = MathF.Sqrt(6f / (embedDim + 3 * embedDim));   // Xavier over the stacked (3E, E) in-projection
        foreach (Linear projection in (Linear[])[Query, Key, Value])
        {
            Init.Uniform(projection.Weight, inputBound, random);
        }
        foreach (Tensor? projectionBias in (Tensor?[])[Query.Bias, Key.Bias, Value.Bias, Output.Bias])
        {
            if (projectionBias is not null)
            {
                Init.Zeros(projectionBias);
            }
        }
        _dropoutMasks = CreateDropoutMasks(random);
    }

    /// <summary>Model width E.</summary>
    public int EmbedDim { get; }

    /// <summary>Number of heads H.</summary>
    public int Heads { get; }

    /// <summary>Dropout probability on the attention probabilities (training mode only).</summary>
    public float DropoutProbability { get; }

    /// <summary>Width of one head, Dh = E / H.</summary>
    public int HeadDim => EmbedDim / Heads;

    /// <summary>The query projection (child <c>query</c>).</summary>
    public Linear Query { get; }

    /// <summary>The key projection (child <c>key</c>).</summary>
    public Linear Key { get; }

    /// <summary>The value projection (child <c>value</c>).</summary>
    public Linear Value { get; }

    /// <summary>The output projection (child <c>output</c>).</summary>
    public Linear Output { get; }

    /// <summary>Attends from <paramref name="query"/> <c>(B, Lq, E)</c> to <paramref name="keyValue"/> <c>(B, Lk, E)</c>; returns <c>(B, Lq, E)</c>.</summary>
    /// <param name="query">The sequence that asks, <c>(B, Lq, E)</c>.</param>
    /// <param name="keyValue">The sequence attended to, <c>(B, Lk, E)</c>; pass <paramref name="query"/> for self-attention.</param>
    /// <param name="keyPaddingMask">Optional <c>(B, Lk)</c> row-major flags, true = padded key. Default: none.</param>
    /// <param name="causal">If true, query i sees only keys j ≤ i. Default: false.</param>
    /// <remarks>A query whose keys are all masked gets the output bias only (zero attention context), not NaN.</remarks>
    public Tensor Forward(Tensor query, Tensor keyValue, bool[]? keyPaddingMask = null, bool causal = false)
    {
        (Tensor keys, Tensor values) = ProjectKeyValue(keyValue);
        return Attend(query, keys, values, keyPaddingMask, causal);
    }

    /// <summary>Projects <paramref name="keyValue"/> <c>(B, Lk, E)</c> to per-head keys and values, each <c>(B, H, Lk, Dh)</c>.</summary>
    public (Tensor Keys, Tensor Values) ProjectKeyValue(Tensor keyValue)
    {
        CheckSequence(keyValue, nameof(keyValue));
        return (SplitHeads(Key.Forward(keyValue)), SplitHeads(Value.Forward(keyValue)));
    }

    /// <summary>
    /// Attends from <paramref name="query"/> <c>(B, Lq, E)</c> to already projected <paramref name="keys"/> and
    /// <paramref name="values"/> <c>(B, H, Lk, Dh)</c> (from <see cref="ProjectKeyValue"/>); returns <c>(B, Lq, E)</c>.
    /// </summary>
    public Tensor Attend(Tensor query, Tensor keys, Tensor values, bool[]? keyPaddingMask = null, bool causal = false)
    {
        CheckSequence(query, nameof(query));
        Tensor q = SplitHeads(Query.Forward(query));                                       // (B, H, Lq, Dh)
        Tensor context = IsTraining && DropoutProbability > 0f
            ? AttentionWithDropout.Forward(q, keys, values, keyPaddingMask, causal, DropoutProbability, _dropoutMasks.Random)
            : Ops.ScaledDotProductAttention(q, keys, values, keyPaddingMask, causal);       // (B, H, Lq, Dh)
        Tensor merged = context.Permute(0, 2, 1, 3).Reshape(query.Dim(0), query.Dim(1), EmbedDim);   // (B, Lq, E)
        return Output.Forward(merged);                                                      // (B, Lq, E)
    }

    /// <summary>(B, L, E) → (B, L, H, Dh) → (B, H, L, Dh).</summary>
    private Tensor SplitHeads(Tensor x) => x.Reshape(x.Dim(0), x.Dim(1), Heads, HeadDim).Permute(0, 2, 1, 3);

    private void CheckSequence(Tensor x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Rank != 3 || x.Dim(2) != EmbedDim)
        {
            throw new ArgumentException($"MultiHeadAttention(E = {EmbedDim}, H = {Heads}) needs {name} (B, L, {EmbedDim}), got {Tensor.ShapeString(x.Shape)}.", name);
        }
    }
}
