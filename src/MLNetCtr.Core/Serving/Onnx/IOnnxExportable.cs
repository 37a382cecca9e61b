namespace MLNetCtr.Serving.Onnx;

/// <summary>
/// A network that can write itself into an ONNX graph: the only part a model family adds for ONNX export. It
/// composes the layer emitters (<see cref="OnnxFeatureEmbedding"/>, <see cref="OnnxLayers"/>) the way its
/// <c>Forward</c> composes layers.
/// </summary>
internal interface IOnnxExportable
{
    /// <summary>Adds the network's inference-mode forward pass to <paramref name="graph"/>; returns the name of its <c>(B, T)</c> output (logits or values, tasks in order).</summary>
    string ExportOnnx(OnnxGraph graph);
}
