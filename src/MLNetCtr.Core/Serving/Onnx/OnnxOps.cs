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

    /// <summary><c>a · s</c> for a float constant <paramref name="scale"/>.</summary>
    public static string Scale(this OnnxGraph g, string a, float scale) => g.Mul(a, g.Constant("scale", [scale]));

    /// <summary><c>−x</c>.</summary>
    public static string Neg(this OnnxGraph g, string x) => g.Node("Neg", [x]);

    /// <summary>Batched matrix product with numpy broadcasting: <c>(…, m, k) × (…, k, n)</c> → <c>(…, m, n)</c>.</summary>
    public static string MatMul(this OnnxGraph g, string a, string b) => g.Node("MatMul", [a, b]);

    /// <summary>Rows <c>table[ids]</c>: (V, D) gathered by ids (…) → (…, D); a scalar index on <paramref name="axis"/> drops that axis.</summary>
    public static string Gather(this OnnxGraph g, string data, string indices, long axis = 0) =>
        g.Node("Gather", [data, indices], attributes: OnnxGraph.Attribute("axis", axis));

    /// <summary>Sum over <paramref name="axis"/>, which is removed (kept with size 1 when <paramref name="keepDims"/>).</summary>
    public static string ReduceSum(this OnnxGraph g, string x, long axis, bool keepDims = false) =>
        g.Node("ReduceSum", [x, g.Constant("axes", [axis], 1)], attributes: OnnxGraph.Attribute("keepdims", keepDims ? 1L : 0L));

    /// <summary><c>log Σ exp</c> over the last axis, which is removed (opset 17 takes the axes as an attribute).</summary>
    public static string LogSumExpLast(this OnnxGraph g, string x) =>
        g.Node("ReduceLogSumExp", [x], attributes: [OnnxGraph.Attribute("axes", [-1L]), OnnxGraph.Attribute("keepdims", 0L)]);

    /// <summary>Softmax over <paramref name="axis"/>.</summary>
    public static string Softmax(this OnnxGraph g, string x, long axis = -1) => g.Node("Softmax", [x], attributes: OnnxGraph.Attribute("axis", axis));

    /// <summary>Inserts a dimension of size 1 at <paramref name="axis"/>.</summary>
    public static string Unsqueeze(this OnnxGraph g, string x, long axis) => g.Node("Unsqueeze", [x, g.Constant("axes", [axis], 1)]);

    /// <summary>Concatenates along <paramref name="axis"/>; a single part is returned as it is.</summary>
    public static string Concat(this OnnxGraph g, IReadOnlyList<string> parts, long axis) =>
        parts.Count == 1 ? parts[0] : g.Node("Concat", parts, attributes: OnnxGraph.Attribute("axis", axis));

    /// <summary>(B, …) → (B, product of the rest).</summary>
    public static string Flatten(this OnnxGraph g, string x) => g.Node("Flatten", [x], attributes: OnnxGraph.Attribute("axis", 1L));

    /// <summary>Reshapes to <paramref name="dims"/>; 0 copies the input's dimension there (the batch), −1 is inferred.</summary>
    public static string Reshape(this OnnxGraph g, string x, params long[] dims) => g.Node("Reshape", [x, g.Constant("shape", dims, dims.Length)]);

    /// <summary>Permutes the axes: output axis i is input axis <c>perm[i]</c>.</summary>
    public static string Transpose(this OnnxGraph g, string x, params long[] perm) => g.Node("Transpose", [x], attributes: OnnxGraph.Attribute("perm", perm));

    /// <summary><paramref name="length"/> entries from <paramref name="start"/> along <paramref name="axis"/>.</summary>
    public static string Slice(this OnnxGraph g, string x, long axis, long start, long length) =>
        g.Node("Slice", [x, g.Constant("starts", [start], 1), g.Constant("ends", [start + length], 1), g.Constant("axes", [axis], 1)]);

    /// <summary>A <c>(B, 1)</c> column of ones, B the first dimension of <paramref name="like"/>.</summary>
    public static string OnesColumn(this OnnxGraph g, string like) => g.ExpandRows(g.Constant("ones", [1f], 1, 1), like);

    /// <summary><paramref name="x"/> <c>(1, X)</c> or <c>(B, X)</c> broadcast to <c>(B, X)</c>, B the first dimension of <paramref name="like"/>.</summary>
    public static string ExpandRows(this OnnxGraph g, string x, string like) => g.ExpandBatch(x, like, 1);

    /// <summary><paramref name="x"/> broadcast to <c>[B, …dims]</c>, B the first dimension of <paramref name="like"/> (a dimension of 1 keeps x's own).</summary>
    public static string ExpandBatch(this OnnxGraph g, string x, string like, params long[] dims)
    {
        string rows = g.Slice(g.Node("Shape", [like]), axis: 0, start: 0, length: 1);                 // [B]
        return g.Node("Expand", [x, g.Concat([rows, g.Constant("dims", dims, dims.Length)], axis: 0)]);
    }

    /// <summary><c>log σ(x) = min(x, 0) − log(1 + exp(−|x|))</c>, the stable form <c>Ops.LogSigmoid</c> uses.</summary>
    public static string LogSigmoid(this OnnxGraph g, string x)
    {
        string log1pExp = g.Node("Log", [g.Add(g.Node("Exp", [g.Neg(g.Node("Abs", [x]))]), g.Constant("one", [1f]))]);
        return g.Sub(g.Node("Min", [x, g.Constant("zero", [0f])]), log1pExp);
    }

    /// <summary>Int64 → float32.</summary>
    public static string ToFloat(this OnnxGraph g, string x) =>
        g.Node("Cast", [x], attributes: OnnxGraph.Attribute("to", (long)Proto.TensorProto.Types.DataType.Float));
}
