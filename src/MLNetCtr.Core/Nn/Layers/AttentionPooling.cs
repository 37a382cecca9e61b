using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Additive attention pooling over the valid positions of left-aligned sequences (Bahdanau et al., 2015), optionally
/// conditioned on a per-row context vector c, as DUPN's attention over its LSTM states (Ni et al., KDD 2018):
/// <code>
///   s_t = vᵀ tanh(W·h_t + U·c + b)          (B, L)   scores; U·c only with a context
///   α   = softmax over t &lt; length of s      (B, L)   padding gets weight 0
///   out = Σ_t α_t · h_t                      (B, H)   zero for an empty row
/// </code>
/// </summary>
/// <remarks>Children: <c>key</c> (W, b: H → A), <c>context</c> (U: C → A, no bias; only with a context), <c>score</c> (v: A → 1, no bias).</remarks>
public sealed class AttentionPooling : Module
{
    /// <summary>Creates the layer and initializes it from <paramref name="random"/>.</summary>
    /// <param name="inputSize">H, the size of each position's vector.</param>
    /// <param name="contextSize">C, the size of the context vector; 0 for attention without context.</param>
    /// <param name="attentionSize">A, the width of the scoring layer.</param>
    /// <param name="random">Source of the initial weights.</param>
    public AttentionPooling(int inputSize, int contextSize, int attentionSize, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contextSize);
        InputSize = inputSize;
        ContextSize = contextSize;
        Key = Register("key", new Linear(inputSize, attentionSize, random));
        Context = contextSize == 0 ? null : Register("context", new Linear(contextSize, attentionSize, random, bias: false));
        Score = Register("score", new Linear(attentionSize, 1, random, bias: false));
    }

    /// <summary>H, the size of each position's vector.</summary>
    public int InputSize { get; }

    /// <summary>C, the size of the context vector (0 without context).</summary>
    public int ContextSize { get; }

    /// <summary>W and b, H → A.</summary>
    public Linear Key { get; }

    /// <summary>U, C → A without bias; null without context.</summary>
    public Linear? Context { get; }

    /// <summary>v, A → 1 without bias.</summary>
    public Linear Score { get; }

    /// <summary>
    /// Pools <paramref name="values"/> <c>(B, L, H)</c> over their first <paramref name="lengths"/> positions, attending
    /// with <paramref name="context"/> <c>(B, C)</c> (null exactly when the layer has no context). Returns <c>(B, H)</c>.
    /// </summary>
    public Tensor Forward(Tensor values, int[] lengths, Tensor? context = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(lengths);
        if (values.Rank != 3 || values.Dim(2) != InputSize || lengths.Length != values.Dim(0) || (context is null) != (Context is null))
        {
            throw new ArgumentException($"AttentionPooling(H = {InputSize}, C = {ContextSize}) needs values (B, L, {InputSize}), B lengths and {(Context is null ? "no context" : $"a context (B, {ContextSize})")}; got {Tensor.ShapeString(values.Shape)}, {lengths.Length} lengths and {(context is null ? "no context" : Tensor.ShapeString(context.Shape))}.", nameof(values));
        }
        int b = values.Dim(0), l = values.Dim(1);
        SequenceMasks.Longest(lengths, l);
        Tensor projected = Key.Forward(values);                                                        // (B, L, A)
        if (Context is not null)
        {
            projected = projected + Context.Forward(context!).Unsqueeze(1);                            // (B, L, A) + (B, 1, A)
        }
        Tensor scores = Score.Forward(Ops.Tanh(projected)).Reshape(b, l);                              // (B, L)
        bool[] padding = SequenceMasks.Padding(lengths, l);
        bool anyEmpty = UnmaskFirstOfEmptyRows(padding, lengths, l);                                    // keeps softmax finite
        Tensor weights = Ops.Softmax(Ops.MaskedFill(scores, padding, float.NegativeInfinity));         // (B, L), 0 on padding
        Tensor pooled = (weights.Unsqueeze(2) * values).Sum(1);                                         // (B, L, 1) ⊙ (B, L, H) → (B, H)
        return anyEmpty ? pooled * SequenceMasks.ValidAt(lengths, 0) : pooled;                           // (B, H), empty rows → 0
    }

    private static bool UnmaskFirstOfEmptyRows(bool[] padding, int[] lengths, int maxLength)
    {
        bool any = false;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] == 0)
            {
                padding[i * maxLength] = false;
                any = true;
            }
        }
        return any;
    }
}
