using MLNetCtr.Nn;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;

namespace MLNetCtr.Serving.Onnx;

/// <summary>
/// ONNX emitters of the attention layers (scaled dot-product attention as MatMul/Softmax, multi-head attention, the
/// transformer encoder layer, SRP4CTR's uni cross-attention), each computing what the layer's <c>Forward</c> computes
/// in evaluation mode. Key padding is a boolean <c>(B, Lk)</c> value, true where a key is VALID (<see cref="ValidKeys"/>).
/// </summary>
internal static class OnnxAttention
{
    /// <summary>Valid-key flags <c>(B, L)</c>, <c>j &lt; length[b]</c>, from the <c>&lt;column&gt;.Length</c> input of a sequence of <paramref name="maxLength"/> positions.</summary>
    public static string ValidKeys(this OnnxGraph g, string sequenceColumn, int maxLength)
    {
        string lengths = g.Input(sequenceColumn + OnnxExporter.LengthSuffix, DataType.Int64, OnnxGraph.Batch);   // (B)
        string positions = g.Constant("positions", [.. Enumerable.Range(0, maxLength).Select(j => (long)j)], 1, maxLength);   // (1, L)
        return g.Node("Less", [positions, g.Unsqueeze(lengths, 1)]);                                              // (B, L)
    }

    /// <summary>
    /// <c>Ops.ScaledDotProductAttention</c> without causality: <c>softmax(Q Kᵀ / √Dh, masked keys → −∞) V</c>, zeros for a
    /// query whose keys are all masked. Q <c>(B, H, Lq, Dh)</c>, K and V <c>(B, H, Lk, Dh)</c>, valid <c>(B, Lk)</c> → <c>(B, H, Lq, Dh)</c>.
    /// </summary>
    public static string ScaledDotProductAttention(this OnnxGraph g, string q, string k, string v, string validKeys, int headDim)
    {
        string scores = g.Scale(g.MatMul(q, g.Transpose(k, 0, 1, 3, 2)), 1f / MathF.Sqrt(headDim));                  // (B, H, Lq, Lk)
        string probabilities = g.MaskedSoftmax(scores, g.Unsqueeze(g.Unsqueeze(validKeys, 1), 1));                  // (B, H, Lq, Lk), valid (B, 1, 1, Lk)
        return g.MatMul(probabilities, v);                                                                          // (B, H, Lq, Dh)
    }

    /// <summary>
    /// Softmax of <paramref name="scores"/> over the last axis where the boolean <paramref name="valid"/> (broadcast to
    /// the scores' shape, same last axis) is true, masked entries 0; a row with no valid entry is all zeros, not NaN.
    /// </summary>
    public static string MaskedSoftmax(this OnnxGraph g, string scores, string valid)
    {
        string masked = g.Node("Where", [valid, scores, g.Constant("minus_infinity", [float.NegativeInfinity])]);
        string anyValid = g.Node("Cast", [g.Node("ReduceMax", [g.Node("Cast", [valid], attributes: OnnxGraph.Attribute("to", (long)DataType.Float))],
            attributes: [OnnxGraph.Attribute("axes", [-1L]), OnnxGraph.Attribute("keepdims", 1L)])], attributes: OnnxGraph.Attribute("to", (long)DataType.Bool));   // (…, 1)
        string safe = g.Node("Where", [anyValid, masked, g.Constant("zero", [0f])]);                                // a fully masked row: 0, not NaN
        return g.Node("Where", [anyValid, g.Softmax(safe), g.Constant("zero", [0f])]);
    }

    /// <summary>
    /// <see cref="Nn.AttentionPooling.Forward"/>: <c>Σ_t softmax_valid(vᵀ tanh(W·h_t + U·c + b))_t · h_t</c> over
    /// <paramref name="values"/> <c>(B, L, H)</c> with <paramref name="validKeys"/> <c>(B, L)</c> and the optional
    /// <paramref name="context"/> <c>(B, C)</c> → <c>(B, H)</c>, zeros for an empty row.
    /// </summary>
    public static string AttentionPooling(this OnnxGraph g, AttentionPooling layer, string values, string validKeys, string? context, string name)
    {
        if ((context is null) != (layer.Context is null))
        {
            throw new ArgumentException($"AttentionPooling(C = {layer.ContextSize}) needs {(layer.Context is null ? "no context" : "a context")}; got {(context is null ? "none" : $"'{context}'")}.", nameof(context));
        }
        string projected = g.LinearLastAxis(layer.Key, values, $"{name}.key");                                                     // (B, L, A)
        if (layer.Context is not null)
        {
            projected = g.Add(projected, g.Unsqueeze(g.Linear(layer.Context, context!, $"{name}.context"), 1));                    // (B, L, A) + (B, 1, A)
        }
        string scores = g.Reshape(g.LinearLastAxis(layer.Score, g.Node("Tanh", [projected]), $"{name}.score"), 0, -1);            // (B, L)
        string weights = g.Unsqueeze(g.MaskedSoftmax(scores, validKeys), 2);                                                      // (B, L, 1), 0 on padding
        return g.ReduceSum(g.Mul(weights, values), axis: 1);                                                                      // (B, H)
    }

    /// <summary>(B, L, E) → (B, H, L, Dh).</summary>
    public static string SplitHeads(this OnnxGraph g, string x, int heads, int headDim) => g.Transpose(g.Reshape(x, 0, 0, heads, headDim), 0, 2, 1, 3);

    /// <summary>(B, H, L, Dh) → (B, L, E).</summary>
    public static string MergeHeads(this OnnxGraph g, string x, int width) => g.Reshape(g.Transpose(x, 0, 2, 1, 3), 0, 0, width);

    /// <summary><see cref="MultiHeadAttention.ProjectKeyValue"/>: <c>(B, Lk, E)</c> → keys and values <c>(B, H, Lk, Dh)</c>.</summary>
    public static (string Keys, string Values) ProjectKeyValue(this OnnxGraph g, MultiHeadAttention attention, string keyValue, string name) =>
        (g.SplitHeads(g.LinearLastAxis(attention.Key, keyValue, $"{name}.key"), attention.Heads, attention.HeadDim),
         g.SplitHeads(g.LinearLastAxis(attention.Value, keyValue, $"{name}.value"), attention.Heads, attention.HeadDim));

    /// <summary><see cref="MultiHeadAttention.Forward"/> (no causality): query <c>(B, Lq, E)</c>, key/value source <c>(B, Lk, E)</c> → <c>(B, Lq, E)</c>.</summary>
    public static string MultiHeadAttention(this OnnxGraph g, MultiHeadAttention attention, string query, string keyValue, string validKeys, string name)
    {
        (string keys, string values) = g.ProjectKeyValue(attention, keyValue, name);
        string q = g.SplitHeads(g.LinearLastAxis(attention.Query, query, $"{name}.query"), attention.Heads, attention.HeadDim);   // (B, H, Lq, Dh)
        string context = g.ScaledDotProductAttention(q, keys, values, validKeys, attention.HeadDim);                            // (B, H, Lq, Dh)
        return g.LinearLastAxis(attention.Output, g.MergeHeads(context, attention.EmbedDim), $"{name}.output");                 // (B, Lq, E)
    }

    /// <summary><see cref="TransformerEncoderLayer.Forward"/> (no causality, dropout off), post- or pre-norm: <c>(B, L, D)</c> → <c>(B, L, D)</c>.</summary>
    public static string TransformerEncoderLayer(this OnnxGraph g, TransformerEncoderLayer layer, string input, string validKeys, string name)
    {
        string FeedForward(string x) => g.LinearLastAxis(layer.FeedForward2,
            g.Activation(layer.Activation, g.LinearLastAxis(layer.FeedForward1, x, $"{name}.feedForward1")), $"{name}.feedForward2");   // (B, L, D)
        if (layer.Norm == NormPosition.Post)
        {
            string x = g.LayerNorm(layer.Norm1, g.Add(input, g.MultiHeadAttention(layer.Attention, input, input, validKeys, $"{name}.attention")), $"{name}.norm1");
            return g.LayerNorm(layer.Norm2, g.Add(x, FeedForward(x)), $"{name}.norm2");
        }
        string normed = g.LayerNorm(layer.Norm1, input, $"{name}.norm1");
        string h = g.Add(input, g.MultiHeadAttention(layer.Attention, normed, normed, validKeys, $"{name}.attention"));
        return g.Add(h, FeedForward(g.LayerNorm(layer.Norm2, h, $"{name}.norm2")));
    }

    /// <summary><see cref="Nn.PreNormTransformerLayer.Forward"/>: <c>(B, L, I)</c> → <c>(B, L, O)</c>, the fused q|k|v projection sliced into its three parts.</summary>
    public static string PreNormTransformerLayer(this OnnxGraph g, PreNormTransformerLayer layer, string input, string validKeys, string name)
    {
        int width = layer.InputDim, headDim = width / layer.Heads;
        string qkv = g.LinearLastAxis(layer.Qkv, g.LayerNorm(layer.Norm1, input, $"{name}.norm1"), $"{name}.qkv");                   // (B, L, 3I)
        string[] heads = [.. Enumerable.Range(0, 3).Select(part => g.SplitHeads(g.Slice(qkv, axis: 2, start: part * width, length: width), layer.Heads, headDim))];   // 3 × (B, H, L, Dh)
        string context = g.ScaledDotProductAttention(heads[0], heads[1], heads[2], validKeys, headDim);                               // (B, H, L, Dh)
        string attended = g.LinearLastAxis(layer.Output, g.MergeHeads(context, width), $"{name}.output");                            // (B, L, O)
        string y = g.Add(layer.Residual is null ? input : g.LinearLastAxis(layer.Residual, input, $"{name}.residual"), attended);    // (B, L, O)
        string hidden = g.Node("Relu", [g.LinearLastAxis(layer.FeedForward1, g.LayerNorm(layer.Norm2, y, $"{name}.norm2"), $"{name}.feedForward1")]);   // (B, L, F)
        return g.Add(y, g.LinearLastAxis(layer.FeedForward2, hidden, $"{name}.feedForward2"));                                       // (B, L, O)
    }

    /// <summary><see cref="TransformerEncoder.Forward"/> (no causality): every layer, then the final norm if any: <c>(B, L, D)</c> → <c>(B, L, D)</c>.</summary>
    public static string TransformerEncoder(this OnnxGraph g, TransformerEncoder encoder, string input, string validKeys, string name)
    {
        string x = input;
        for (int l = 0; l < encoder.Layers.Count; l++)
        {
            x = g.TransformerEncoderLayer(encoder.Layers[l], x, validKeys, $"{name}.layers.{l}");   // (B, L, D)
        }
        return encoder.FinalNorm is null ? x : g.LayerNorm(encoder.FinalNorm, x, $"{name}.norm");
    }

    /// <summary>
    /// The mean of <paramref name="states"/> <c>(B, L, D)</c> over each row's valid positions (<paramref name="validKeys"/>
    /// <c>(B, L)</c>), <c>Σ_valid / max(length, 1)</c> with the lengths of <paramref name="sequenceColumn"/>: <c>(B, D)</c>, zeros for an empty sequence.
    /// </summary>
    public static string MeanOverValid(this OnnxGraph g, string states, string validKeys, string sequenceColumn)
    {
        string lengths = g.ToFloat(g.Input(sequenceColumn + OnnxExporter.LengthSuffix, DataType.Int64, OnnxGraph.Batch));                 // (B)
        string inverse = g.Unsqueeze(g.Node("Reciprocal", [g.Node("Max", [lengths, g.Constant("one", [1f])])]), 1);                         // (B, 1)
        string mask = g.Unsqueeze(g.Node("Cast", [validKeys], attributes: OnnxGraph.Attribute("to", (long)DataType.Float)), 2);              // (B, L, 1)
        return g.Mul(g.ReduceSum(g.Mul(states, mask), axis: 1), inverse);                                                                   // (B, D)
    }

    /// <summary><see cref="UniCrossAttention.Forward"/>: query <c>(B, Lq, D)</c>, projected keys and values <c>(B, H, Lk, Dh)</c> → <c>(B, Lq, D)</c>.</summary>
    public static string UniCrossAttention(this OnnxGraph g, UniCrossAttention block, string query, string keys, string values, string validKeys, int width, string name)
    {
        int headDim = width / block.Heads;
        string q = g.SplitHeads(g.LinearLastAxis(block.Query, query, $"{name}.query"), block.Heads, headDim);                  // (B, H, Lq, Dh)
        string context = g.ScaledDotProductAttention(q, keys, values, validKeys, headDim);                                      // (B, H, Lq, Dh)
        string attended = g.LinearLastAxis(block.Output, g.MergeHeads(context, width), $"{name}.output");                       // (B, Lq, D)
        string x = g.LayerNorm(block.Norm1, g.Add(query, attended), $"{name}.norm1");                                           // (B, Lq, D)
        string hidden = g.Node("Relu", [g.LinearLastAxis(block.FeedForward1, x, $"{name}.feedForward1")]);                     // (B, Lq, F)
        return g.LayerNorm(block.Norm2, g.Add(x, g.LinearLastAxis(block.FeedForward2, hidden, $"{name}.feedForward2")), $"{name}.norm2");
    }
}
