using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// A pre-norm transformer layer (Xiong et al., 2020) with a fused q|k|v projection that may change the width, the
/// layer of Google's Universal Sentence Encoder lite (tensor2tensor's "Kona" transformer):
/// <code>
///   h = LN₁(x)                                           (B, L, I)
///   q|k|v = h · Wqkv + bqkv,  H heads of Dh = I / H       (B, L, 3I)
///   a = Wo · concat_h softmax(q kᵀ / √Dh + M) v + bo     (B, L, O)
///   y = R(x) + a,  R = identity if I = O, else a Linear   (B, L, O)
///   out = y + W₂ · relu(W₁ · LN₂(y) + b₁) + b₂            (B, L, O)
/// </code>
/// Input <c>(B, L, I)</c>, output <c>(B, L, O)</c>. No dropout (inference layer of a frozen or fine-tuned encoder).
/// </summary>
/// <remarks>Children: <c>norm1</c>, <c>qkv</c>, <c>output</c>, <c>residual</c> (only when I ≠ O), <c>norm2</c>,
/// <c>feedForward1</c>, <c>feedForward2</c>.</remarks>
public sealed class PreNormTransformerLayer : Module
{
    /// <summary>Creates the layer and initializes it from <paramref name="random"/> (Linear and LayerNorm defaults).</summary>
    /// <param name="inputDim">Input width I, a multiple of <paramref name="heads"/>.</param>
    /// <param name="outputDim">Output width O.</param>
    /// <param name="heads">Number of attention heads H.</param>
    /// <param name="feedForward">Hidden width F of the feed-forward network.</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="epsilon">Layer norm ε. Default: 1e-6, as the Universal Sentence Encoder.</param>
    public PreNormTransformerLayer(int inputDim, int outputDim, int heads, int feedForward, Random random, float epsilon = 1e-6f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heads);
        if (inputDim % heads != 0)
        {
            throw new ArgumentException($"The input width {inputDim} is not divisible by the number of heads {heads}.", nameof(heads));
        }
        InputDim = inputDim;
        OutputDim = outputDim;
        Heads = heads;
        Norm1 = Register("norm1", new LayerNorm(inputDim, epsilon));
        Qkv = Register("qkv", new Linear(inputDim, 3 * inputDim, random));
        Output = Register("output", new Linear(inputDim, outputDim, random));
        Residual = inputDim == outputDim ? null : Register("residual", new Linear(inputDim, outputDim, random));
        Norm2 = Register("norm2", new LayerNorm(outputDim, epsilon));
        FeedForward1 = Register("feedForward1", new Linear(outputDim, feedForward, random));
        FeedForward2 = Register("feedForward2", new Linear(feedForward, outputDim, random));
    }

    /// <summary>Input width I.</summary>
    public int InputDim { get; }

    /// <summary>Output width O.</summary>
    public int OutputDim { get; }

    /// <summary>Number of attention heads H.</summary>
    public int Heads { get; }

    /// <summary>Layer norm before attention, width I (child <c>norm1</c>).</summary>
    public LayerNorm Norm1 { get; }

    /// <summary>The fused q|k|v projection I → 3I (child <c>qkv</c>).</summary>
    public Linear Qkv { get; }

    /// <summary>The attention output projection I → O (child <c>output</c>).</summary>
    public Linear Output { get; }

    /// <summary>The residual projection I → O when the width changes, else null (child <c>residual</c>).</summary>
    public Linear? Residual { get; }

    /// <summary>Layer norm before the feed-forward network, width O (child <c>norm2</c>).</summary>
    public LayerNorm Norm2 { get; }

    /// <summary>First feed-forward projection O → F (child <c>feedForward1</c>).</summary>
    public Linear FeedForward1 { get; }

    /// <summary>Second feed-forward projection F → O (child <c>feedForward2</c>).</summary>
    public Linear FeedForward2 { get; }

    /// <summary>Encodes <paramref name="input"/> <c>(B, L, I)</c>; returns <c>(B, L, O)</c>.</summary>
    /// <param name="input">The sequence, <c>(B, L, I)</c>.</param>
    /// <param name="keyPaddingMask">Optional <c>(B, L)</c> row-major flags, true = padded position no position attends to.</param>
    public Tensor Forward(Tensor input, bool[]? keyPaddingMask = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 3 || input.Dim(2) != InputDim)
        {
            throw new ArgumentException($"PreNormTransformerLayer({InputDim} → {OutputDim}) needs input (B, L, {InputDim}), got {Tensor.ShapeString(input.Shape)}.", nameof(input));
        }
        int b = input.Dim(0), l = input.Dim(1), dh = InputDim / Heads;
        Tensor[] qkv = Ops.Split(Qkv.Forward(Norm1.Forward(input)), [InputDim, InputDim, InputDim], axis: 2);   // 3 × (B, L, I)
        Tensor[] heads = [.. qkv.Select(t => t.Reshape(b, l, Heads, dh).Permute(0, 2, 1, 3))];                  // 3 × (B, H, L, Dh)
        Tensor context = Ops.ScaledDotProductAttention(heads[0], heads[1], heads[2], keyPaddingMask);           // (B, H, L, Dh)
        Tensor attended = Output.Forward(context.Permute(0, 2, 1, 3).Reshape(b, l, InputDim));                  // (B, L, O)
        Tensor y = (Residual is null ? input : Residual.Forward(input)) + attended;                              // (B, L, O)
        Tensor hidden = Ops.Relu(FeedForward1.Forward(Norm2.Forward(y)));                                        // (B, L, F)
        return y + FeedForward2.Forward(hidden);                                                                 // (B, L, O)
    }
}
