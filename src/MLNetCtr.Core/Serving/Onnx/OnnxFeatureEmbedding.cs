using MLNetCtr.Models;
using MLNetCtr.Tensors;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;

namespace MLNetCtr.Serving.Onnx;

/// <summary>
/// ONNX emitter of <see cref="FeatureEmbedding"/>, declaring the graph inputs its fields read: <c>&lt;column&gt;</c>
/// int64 (B) ids for a categorical field, float (B) for a numeric one, int64 (B, L) left-aligned ids plus
/// <c>&lt;column&gt;.Length</c> int64 (B) for a sequence.
/// </summary>
internal static class OnnxFeatureEmbedding
{
    /// <summary>Every field of every row, <c>(B, F, D)</c>, as <see cref="FeatureEmbedding.Forward"/> computes it.</summary>
    public static string Embed(this OnnxGraph g, FeatureEmbedding embedding, string name)
    {
        var vectors = new string[embedding.Fields.Count];
        for (int f = 0; f < vectors.Length; f++)
        {
            EmbeddedField field = embedding.Fields[f];
            string key = field.Kind == FieldKind.Numeric ? field.Column.Name : field.Column.VocabularyName;   // a shared table is named once, by its vocabulary
            string table = g.Parameter(field.Table, $"{name}.{key}");
            vectors[f] = g.Unsqueeze(EmbedField(g, field, table), axis: 1);   // (B, 1, D)
        }
        return vectors.Length == 1 ? vectors[0] : g.Concat(vectors, axis: 1);   // (B, F, D)
    }

    /// <summary>
    /// Rows of <paramref name="table"/> <c>(V, D)</c> looked up by the sequence input <c>&lt;column&gt;</c> int64 (B, L):
    /// <c>(B, L, D)</c>, padding ids reading their (zero) row as <c>Ops.Embedding</c> does. Also the path of a precomputed,
    /// frozen vector table (e.g. behavior-text vectors) looked up by a sequence of ids.
    /// </summary>
    public static string LookUpSequence(this OnnxGraph g, Tensor table, string column, string name) =>
        g.Gather(g.Parameter(table, name), g.Input(column, DataType.Int64, OnnxGraph.Batch, -2));   // (B, L, D)

    private static string EmbedField(OnnxGraph g, EmbeddedField field, string table)
    {
        string column = field.Column.Name;
        switch (field.Kind)
        {
            case FieldKind.Categorical:
                return g.Gather(table, g.Input(column, DataType.Int64, OnnxGraph.Batch));                      // (B, D)
            case FieldKind.Numeric:
                return g.Mul(g.Unsqueeze(g.Input(column, DataType.Float, OnnxGraph.Batch), axis: 1), table);  // (B, 1) ⊙ (1, D) → (B, D)
            default:
                string ids = g.Input(column, DataType.Int64, OnnxGraph.Batch, -2);                             // (B, L)
                string lengths = g.Input(column + OnnxExporter.LengthSuffix, DataType.Int64, OnnxGraph.Batch); // (B)
                string sum = g.ReduceSum(g.Gather(table, ids), axis: 1);                                      // (B, L, D) → (B, D); padding rows summed as in Forward
                string inverse = g.Node("Reciprocal", [g.Node("Max", [g.ToFloat(lengths), g.Constant("one", [1f])])]);   // 1 / max(length, 1), (B)
                return g.Mul(sum, g.Unsqueeze(inverse, axis: 1));                                              // (B, D) ⊙ (B, 1)
        }
    }
}
