namespace MLNetCtr.Serving.Onnx;

/// <summary>The opset-17 operators the layer emitters use, as one-line helpers over <see cref="OnnxGraph"/>.</summary>
internal static class OnnxOps
{
    /// <summary><c>a + b</c> with broadcasting.</summary>
    public static string Add(this OnnxGraph g, string a, string b) => g.Node("Add", [a, b]);

    /// <summary><c>a − b</c> with broadcasting.</summary>
    public static string Sub(this OnnxGraph g, string a, string b) => g.Node("Sub", [a, b]);

    /// <summary><c>a ⊙ b</c> with broadcasting.</summary>
    public static string Mul(this OnnxGraph g, string a, string b) => g.Node("Mul", [a, b]);

    /// <summary>Rows <c>table[ids]</c>: (V, D) gathered by ids (…) → (…, D); a scalar index on <paramref name="axis"/> drops that axis.</summary>
    public static string Gather(this OnnxGraph g, string data, string indices, long axis = 0) =>
        g.Node("Gather", [data, indices], attributes: OnnxGraph.Attribute("axis", axis));

    /// <summary>Sum over <paramref name="axis"/>, which is removed.</summary>
    public static string ReduceSum(this OnnxGraph g, string x, long axis) =>
        g.Node("ReduceSum", [x, g.Constant("axes", [axis], 1)], attributes: OnnxGraph.Attribute("keepdims", 0L));

    /// <summary>Inserts a dimension of size 1 at <paramref name="axis"/>.</summary>
    public static string Unsqueeze(this OnnxGraph g, string x, long axis) => g.Node("Unsqueeze", [x, g.Constant("axes", [axis], 1)]);

    /// <summary>Concatenates along <paramref name="axis"/>.</summary>
    public static string Concat(this OnnxGraph g, IReadOnlyList<string> parts, long axis) =>
        g.Node("Concat", parts, attributes: OnnxGraph.Attribute("axis", axis));

    /// <summary>(B, …) → (B, product of the rest).</summary>
    public static string Flatten(this OnnxGraph g, string x) => g.Node("Flatten", [x], attributes: OnnxGraph.Attribute("axis", 1L));

    /// <summary>Int64 → float32.</summary>
    public static string ToFloat(this OnnxGraph g, string x) =>
        g.Node("Cast", [x], attributes: OnnxGraph.Attribute("to", (long)Proto.TensorProto.Types.DataType.Float));
}
