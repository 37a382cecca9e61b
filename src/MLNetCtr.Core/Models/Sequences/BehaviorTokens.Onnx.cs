using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;

namespace MLNetCtr.Models;

/// <summary>ONNX emitters of <see cref="BehaviorTokens"/>: the behavior sequence's inputs are <c>&lt;column&gt;</c> int64 (B, L) and <c>&lt;item sequence&gt;.Length</c> int64 (B).</summary>
public sealed partial class BehaviorTokens
{
    /// <summary>The unmasked tokens <c>x + s + pos</c> in ONNX, as <see cref="FgBertEncoder.Embed"/> computes them: <c>(B, L, D)</c>.</summary>
    internal string ExportTokens(OnnxGraph g, string name) => g.Add(ExportBehaviors(g, name), ExportPositions(g, name, 0, Schema.MaxLength));   // + (L, D)

    /// <summary><c>x + s</c> in ONNX, <see cref="Content"/> + <see cref="SideInfo"/>: <c>(B, L, D)</c>.</summary>
    internal string ExportBehaviors(OnnxGraph g, string name)
    {
        string content = ExportSum(g, Schema.ItemFeatures.Select(c => (ItemTable(c), c.Name)), name);                                // (B, L, D)
        return Schema.BehaviorFeatures.Count == 0 ? content                                                                           // + 0 is exact
            : g.Add(content, ExportSum(g, Schema.BehaviorFeatures.Select((c, n) => (_behaviorTables[n], c.Name)), name));            // (B, L, D)
    }

    /// <summary>Rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 of <see cref="Position"/> in ONNX: <c>(count, D)</c>.</summary>
    internal string ExportPositions(OnnxGraph g, string name, int start, int count) =>
        g.Slice(g.Parameter(Position, $"{name}.position"), axis: 0, start: start, length: count);

    /// <summary><see cref="CandidateContent"/> in ONNX: <c>(B, D)</c> from the candidate's int64 (B) inputs.</summary>
    internal string ExportCandidateContent(OnnxGraph g, string name)
    {
        string? sum = null;
        for (int m = 0; m < Schema.CandidateContent.Count; m++)
        {
            string table = g.Parameter(ItemTable(Schema.ItemFeatures[m]).Weight, $"{name}.item_{Schema.ItemFeatures[m].VocabularyName}");
            string e = g.Gather(table, g.Input(Schema.CandidateContent[m].Name, DataType.Int64, OnnxGraph.Batch));                 // (B, D)
            sum = sum is null ? e : g.Add(sum, e);
        }
        return sum!;
    }

    /// <summary><see cref="MeanOverValid"/> in ONNX over <paramref name="states"/> <c>(B, L, D)</c> with valid flags <paramref name="valid"/> <c>(B, L)</c>: <c>(B, D)</c>.</summary>
    internal string ExportMeanOverValid(OnnxGraph g, string states, string valid) => g.MeanOverValid(states, valid, Schema.ItemSequence.Name);

    /// <summary>The valid positions of the sequence, <c>(B, L)</c>: true below each row's length.</summary>
    internal string ExportValid(OnnxGraph g) => g.ValidKeys(Schema.ItemSequence.Name, Schema.MaxLength);

    private static string ExportSum(OnnxGraph g, IEnumerable<(Embedding Table, string Column)> features, string name)
    {
        string? sum = null;
        foreach ((Embedding table, string column) in features)
        {
            string e = g.LookUpSequence(table.Weight, column, $"{name}.{column}");                          // (B, L, D)
            sum = sum is null ? e : g.Add(sum, e);
        }
        return sum!;
    }
}
