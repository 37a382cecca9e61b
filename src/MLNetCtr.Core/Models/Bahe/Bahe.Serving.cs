using MLNetCtr.Data;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;

namespace MLNetCtr.Models;

/// <summary>
/// BAHE's serving paths: the user part once per request (<see cref="IUserOnceScoring"/>: the behavior sequences are
/// looked up and encoded once, each candidate costs its item vector, its fields and the head) and ONNX export of the
/// deep part over looked-up behavior vectors.
/// </summary>
/// <remarks>
/// The ONNX graph takes the behavior vectors, not the texts: the table lookup stays outside (the behavior table is a
/// SQLite file that grows as unseen texts are encoded, and may be far larger than the network), so the graph stays
/// small and valid as the table grows. Inputs, besides those of the other fields: per text-sequence column
/// <c>&lt;column&gt;</c> float (B, L, D), L the column's <see cref="ColumnSchema.MaxLength"/>, the vectors of its most recent
/// behaviors left-aligned and zero-padded, with <c>&lt;column&gt;.Length</c> int64 (B); for the item text
/// <c>&lt;column&gt;</c> float (B, D). A vector is <see cref="Text.BehaviorTable.VectorOf"/> of the text's id.
/// </remarks>
public sealed partial class Bahe : IOnnxExportable, IUserOnceScoring
{
    Func<CtrBatch, Tensor> IUserOnceScoring.ForUser(CtrBatch user)
    {
        CheckTable();
        Tensor[] users = UserVectors(user);                                                        // S × (1, H), once per request
        Tensor userFields = _others.Forward(user);                                                 // (1, F, E), once per request
        Tensor itemSide = Tensor.From([.. _others.Fields.Select(f => f.Column.Side == FeatureSide.Item ? 1f : 0f)], 1, _others.Fields.Count, 1);   // (1, F, 1)
        return candidates =>
        {
            int[] repeat = new int[candidates.RowCount];                                           // row 0, C times
            Tensor others = _others.Forward(candidates) * itemSide + userFields * (1f - itemSide); // (C, F, E): item fields of the candidate, the rest of the user
            return Head([.. users.Select(u => Ops.IndexSelect(u, 0, repeat))], ItemVector(candidates), others.Flatten(1));   // (C, T)
        };
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        int d = _vectors.Dimension;
        string[] users = [.. _sequences.Select((column, s) => _towers[s].ExportOnnx(graph,
            graph.Input(column.Name, DataType.Float, OnnxGraph.Batch, column.MaxLength, d), column.Name, column.MaxLength, $"towers.{s}"))];   // S × (B, H)
        string item = graph.Linear(_item, graph.Input(_itemText.Name, DataType.Float, OnnxGraph.Batch, d), "item");                           // (B, H)
        string others = graph.Flatten(graph.Embed(_others, "others"));                                                                        // (B, F·E)
        return graph.Mlp(_head, graph.Concat([.. users, item, .. users.Select(u => graph.Mul(u, item)), others], axis: 1), "head");           // (B, T)
    }

    /// <summary>
    /// The looked-up vectors the ONNX graph takes for <paramref name="batch"/>: per text-sequence column its vectors
    /// (float32, B × L × D, L its max length) and lengths (int64, B), and the item text's vectors (float32, B × D).
    /// </summary>
    internal IEnumerable<(string Name, string Type, int[] Dims, Array Data)> OnnxVectorInputs(CtrBatch batch)
    {
        int b = batch.RowCount, d = _vectors.Dimension;
        foreach (ColumnSchema column in _sequences)
        {
            (Tensor vectors, int[] lengths) = _vectors.Sequences(batch.Texts[column.Name], column.Separator!, column.MaxLength);   // (B, L', D)
            int l = vectors.Dim(1), max = column.MaxLength;
            var padded = new float[b * max * d];                                                                                   // (B, L, D)
            for (int row = 0; row < b; row++)
            {
                vectors.Data.AsSpan(row * l * d, Math.Min(l, max) * d).CopyTo(padded.AsSpan(row * max * d));
            }
            yield return (column.Name, "float32", [b, max, d], padded);
            yield return (column.Name + OnnxExporter.LengthSuffix, "int64", [b], lengths.Select(n => (long)n).ToArray());
        }
        yield return (_itemText.Name, "float32", [b, d], _vectors.Single(batch.Texts[_itemText.Name]).Data);
    }
}
