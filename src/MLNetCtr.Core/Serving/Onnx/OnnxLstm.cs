using MLNetCtr.Nn;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;

namespace MLNetCtr.Serving.Onnx;

/// <summary>
/// ONNX emitter of <see cref="Nn.Lstm"/> as opset 17's <c>LSTM</c> operator (one forward direction, no peepholes,
/// sequence-major layout). Our layer keeps torch's gate blocks <c>[i f g o]</c> and two biases; ONNX takes
/// <c>W[iofc]</c> <c>(1, 4H, I)</c>, <c>R[iofc]</c> <c>(1, 4H, H)</c> and <c>B = [Wb[iofc]; Rb[iofc]]</c> <c>(1, 8H)</c>,
/// so the blocks are reordered when the weights are written.
/// </summary>
internal static class OnnxLstm
{
    /// <summary>Our gate block (i = 0, f = 1, g = 2, o = 3) at each of ONNX's positions i, o, f, c.</summary>
    private static readonly int[] s_onnxOrder = [0, 3, 1, 2];

    /// <summary>
    /// <see cref="Nn.Lstm.Forward"/>'s outputs: <paramref name="input"/> <c>(B, L, I)</c> of the lengths of
    /// <paramref name="sequenceColumn"/> (its <c>&lt;column&gt;.Length</c> input) → <c>(B, L, H)</c>, zero where
    /// <paramref name="validKeys"/> <c>(B, L)</c> is false (past each row's end, and everywhere for an empty row).
    /// </summary>
    public static string Lstm(this OnnxGraph g, Lstm layer, string input, string sequenceColumn, string validKeys, string name)
    {
        int h = layer.HiddenSize;
        string w = g.Constant($"{name}.W", GatesInOnnxOrder(layer.WeightIh.Data), 1, 4 * h, layer.InputSize);                        // (1, 4H, I)
        string r = g.Constant($"{name}.R", GatesInOnnxOrder(layer.WeightHh.Data), 1, 4 * h, h);                                      // (1, 4H, H)
        string b = g.Constant($"{name}.B", [.. GatesInOnnxOrder(layer.BiasIh.Data), .. GatesInOnnxOrder(layer.BiasHh.Data)], 1, 8 * h);   // (1, 8H)
        string lengths = g.Input(sequenceColumn + OnnxExporter.LengthSuffix, DataType.Int64, OnnxGraph.Batch);                          // (B)
        string steps = g.Node("Cast", [lengths], attributes: OnnxGraph.Attribute("to", (long)DataType.Int32));                          // sequence_lens is int32
        string y = g.Node("LSTM", [g.Transpose(input, 1, 0, 2), w, r, b, steps], attributes: OnnxGraph.Attribute("hidden_size", (long)h));   // (L, 1, B, H)
        string outputs = g.Reshape(g.Transpose(y, 2, 0, 1, 3), 0, 0, h);                                                                // (B, L, H)
        return g.Mul(outputs, g.Unsqueeze(g.Node("Cast", [validKeys], attributes: OnnxGraph.Attribute("to", (long)DataType.Float)), 2));   // (B, L, H) ⊙ (B, L, 1)
    }

    /// <summary>A <c>(4H, …)</c> row-major tensor of gate blocks <c>[i f g o]</c> rewritten as <c>[i o f g]</c>.</summary>
    private static float[] GatesInOnnxOrder(float[] data)
    {
        int block = data.Length / 4;
        var reordered = new float[data.Length];
        for (int k = 0; k < 4; k++)
        {
            data.AsSpan(s_onnxOrder[k] * block, block).CopyTo(reordered.AsSpan(k * block, block));
        }
        return reordered;
    }
}
