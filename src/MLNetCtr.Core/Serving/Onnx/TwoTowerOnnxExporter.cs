using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;

namespace MLNetCtr.Serving.Onnx;

/// <summary>The files <see cref="TwoTowerOnnxExporter.Export"/> writes.</summary>
/// <param name="User">The user tower: user and context inputs → <c>&lt;task&gt;.UserVector</c> float (B, W) per task, folded (<c>w_t ⊙ u</c>).</param>
/// <param name="Item">The item tower: item inputs → <c>ItemVector</c> float (B, W).</param>
/// <param name="Scorer">The folded scorer: <c>&lt;task&gt;.UserVector</c> (U, W) and <c>ItemVector</c> (B, W) → <c>&lt;task&gt;.Score</c> = <c>⟨u'_t, v⟩ + b_t</c> (B), U = 1 or B.</param>
/// <param name="Encoder">The encoder JSON (vocabularies and statistics) the inputs are encoded with.</param>
public sealed record TwoTowerOnnxFiles(string User, string Item, string Scorer, string Encoder);

/// <summary>
/// Writes a parallel two-tower model (<see cref="ParallelTwoTower"/>) as the three ONNX graphs of its serving path
/// (opset <see cref="OnnxExporter.OpsetVersion"/>): the user tower with the matching weights folded in, the item tower,
/// and the inner-product scorer, so a user vector is computed once per request and item vectors ahead of time.
/// </summary>
/// <remarks>
/// Inputs are named and encoded as in <see cref="OnnxExporter"/>. The scorer takes one user row against many items
/// (U = 1, broadcast) or one user row per item (U = B). Its binary tasks also output <c>&lt;task&gt;.Probability</c>.
/// </remarks>
public static class TwoTowerOnnxExporter
{
    /// <summary>Suffix of a task's folded user vector: <c>&lt;task&gt;.UserVector</c>.</summary>
    public const string UserVectorSuffix = ".UserVector";

    /// <summary>Name of the item vector (output of the item tower, input of the scorer).</summary>
    public const string ItemVector = "ItemVector";

    /// <summary>
    /// Writes <c>&lt;basePath&gt;.user.onnx</c>, <c>.item.onnx</c>, <c>.scorer.onnx</c> and <c>.encoder.json</c>, each
    /// atomically; returns their paths. Throws <see cref="ArgumentException"/> naming the family if it is not a two-tower model.
    /// </summary>
    public static TwoTowerOnnxFiles Export(CtrPredictionModel model, string basePath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(basePath);
        ParallelTwoTower network = model.Network as ParallelTwoTower
            ?? throw new ArgumentException($"Model family '{model.Family.Id}' is not a two-tower model; the three-graph export needs a parallel-two-tower or two-tower model.", nameof(model));
        var files = new TwoTowerOnnxFiles(basePath + ".user.onnx", basePath + ".item.onnx", basePath + ".scorer.onnx", basePath + ".encoder.json");
        string encoder = Path.GetFileName(files.Encoder);
        network.Eval();
        OnnxExporter.Write(OnnxExporter.Wrap(UserGraph(model, network), model, encoder, "user tower"), files.User);
        OnnxExporter.Write(OnnxExporter.Wrap(ItemGraph(network), model, encoder, "item tower"), files.Item);
        OnnxExporter.Write(OnnxExporter.Wrap(ScorerGraph(model, network), model, encoder, "folded scorer"), files.Scorer);
        OnnxExporter.WriteEncoder(model, files.Encoder);
        return files;
    }

    private static OnnxGraph UserGraph(CtrPredictionModel model, ParallelTwoTower network)
    {
        var graph = new OnnxGraph();
        string user = network.ExportUserVectors(graph);                                                   // u: (B, W)
        for (int t = 0; t < model.Tasks.Count; t++)
        {
            string weights = graph.Constant($"matching.weight.{t}", network.MatchingWeight.Data.AsSpan(t * network.Width, network.Width).ToArray(), network.Width);
            graph.Output(graph.Mul(user, weights), model.Tasks[t].Name + UserVectorSuffix, DataType.Float, OnnxGraph.Batch, network.Width);   // w_t ⊙ u
        }
        return graph;
    }

    private static OnnxGraph ItemGraph(ParallelTwoTower network)
    {
        var graph = new OnnxGraph();
        graph.Output(network.ExportItemVectors(graph), ItemVector, DataType.Float, OnnxGraph.Batch, network.Width);   // v: (B, W)
        return graph;
    }

    private static OnnxGraph ScorerGraph(CtrPredictionModel model, ParallelTwoTower network)
    {
        var graph = new OnnxGraph();
        string items = graph.Input(ItemVector, DataType.Float, OnnxGraph.Batch, network.Width);          // (B, W)
        for (int t = 0; t < model.Tasks.Count; t++)
        {
            CtrTask task = model.Tasks[t];
            string user = graph.Input(task.Name + UserVectorSuffix, DataType.Float, -2, network.Width);   // (U, W), U = 1 or B
            string inner = graph.ReduceSum(graph.Mul(user, items), axis: 1);                               // ⟨u'_t, v⟩: (B)
            OnnxExporter.AddTaskOutputs(graph, task, graph.Add(inner, graph.Constant($"matching.bias.{t}", [network.MatchingBias.Data[t]])));
        }
        return graph;
    }
}
