using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// The uni cross-attention block of SRP4CTR (Han et al., 2024, arXiv 2407.19658): queries <c>c</c> (the candidate, or
/// learnable query tokens) attend to keys and values projected ELSEWHERE (by a pretrained layer's own K/V projections,
/// shared), then a feed-forward network, each in a post-norm residual as <see cref="TransformerEncoderLayer"/>:
/// <c>c' = norm1(c + W_o · MHA(W_q c, K, V))</c>, <c>out = norm2(c' + W₂ act(W₁ c' + b₁) + b₂)</c>.
/// Query <c>(B, Lq, D)</c>, keys and values <c>(B, H, Lk, Dh)</c>; output <c>(B, Lq, D)</c>. Queries never attend to
/// each other, and nothing flows back into the keys' sequence.
/// </summary>
/// <remarks>Children: <c>query</c>, <c>output</c> (D → D), <c>feedForward1</c> (D → F), <c>feedForward2</c> (F → D),
/// <c>norm1</c>, <c>norm2</c>: the block's own parameters; layer norm ε is 1e-5.</remarks>
public sealed class UniCrossAttention : Module
{
    /// <summary>Creates the block and initializes it from <paramref name="random"/> (Linear layers as torch).</summary>
    /// <param name="dModel">Width D; a multiple of <paramref name="heads"/>.</param>
    /// <param name="heads">Number of heads H, as the keys and values were split into.</param>
    /// <param name="feedForward">Hidden width F of the feed-forward network.</param>
    /// <param name="random">Source of the initial weights.</param>
    public UniCrossAttention(int dModel, int heads, int feedForward, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dModel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        if (dModel % heads != 0)
        {
            throw new ArgumentException($"The width {dModel} is not divisible by the number of heads {heads}.", nameof(heads));
        }
        Heads = heads;
        Query = Register("query", new Linear(dModel, dModel, random));
        Output = Register("output", new Linear(dModel, dModel, random));
        FeedForward1 = Register("feedForward1", new Linear(dModel, feedForward, random));
        FeedForward2 = Register("feedForward2", new Linear(feedForward, dModel, random));
        Norm1 = Register("norm1", new LayerNorm(dModel));
        Norm2 = Register("norm2", new LayerNorm(dModel));
    }

    /// <summary>Number of heads H.</summary>
    public int Heads { get; }

    /// <summary>The block's own query projection.</summary>
    public Linear Query { get; }

    /// <summary>The block's own output projection.</summary>
    public Linear Output { get; }

    /// <summary>First feed-forward projection, D → F.</summary>
    public Linear FeedForward1 { get; }

    /// <summary>Second feed-forward projection, F → D.</summary>
    public Linear FeedForward2 { get; }

    /// <summary>Norm of the attention residual.</summary>
    public LayerNorm Norm1 { get; }

    /// <summary>Norm of the feed-forward residual.</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>Attends from <paramref name="query"/> <c>(B, Lq, D)</c> to <paramref name="keys"/>, <paramref name="values"/> <c>(B, H, Lk, Dh)</c>.</summary>
    /// <param name="query">The asking tokens, <c>(B, Lq, D)</c>; B may be 1 against keys of batch 1 (serving many candidates).</param>
    /// <param name="keys">Projected keys, <c>(B, H, Lk, Dh)</c>.</param>
    /// <param name="values">Projected values, <c>(B, H, Lk, Dh)</c>.</param>
    /// <param name="keyPaddingMask">Optional <c>(B, Lk)</c> flags, true = padded key.</param>
    public Tensor Forward(Tensor query, Tensor keys, Tensor values, bool[]? keyPaddingMask = null)
    {
        int b = query.Dim(0), lq = query.Dim(1), d = query.Dim(2), dh = d / Heads;
        Tensor q = Query.Forward(query).Reshape(b, lq, Heads, dh).Permute(0, 2, 1, 3);                // (B, H, Lq, Dh)
        Tensor context = Ops.ScaledDotProductAttention(q, keys, values, keyPaddingMask);             // (B, H, Lq, Dh)
        Tensor attended = Output.Forward(context.Permute(0, 2, 1, 3).Reshape(b, lq, d));            // (B, Lq, D)
        Tensor x = Norm1.Forward(query + attended);                                                  // (B, Lq, D)
        return Norm2.Forward(x + FeedForward2.Forward(Ops.Relu(FeedForward1.Forward(x))));          // (B, Lq, D)
    }
}
