using Google.Protobuf;
using MLNetCtr.Models;
using MLNetCtr.Serialization;
using MLNetCtr.Serving.Onnx.Proto;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;

namespace MLNetCtr.Serving.Onnx;

/// <summary>
/// Writes a trained model as an ONNX model (IR version 8, opset 17) that ONNX Runtime and other ONNX engines can run,
/// with the data encoder's vocabularies as JSON beside it (<see cref="EncoderPathFor"/>).
/// </summary>
/// <remarks>
/// The graph takes the encoded columns its network reads, all with a symbolic batch dimension "B": for a categorical
/// (or bucketized) column <c>&lt;column&gt;</c> int64 (B) vocabulary ids; for a numeric column <c>&lt;column&gt;</c>
/// float (B) transformed values; for a sequence column <c>&lt;column&gt;</c> int64 (B, L) left-aligned ids padded with 0,
/// and <c>&lt;column&gt;.Length</c> int64 (B). Encode raw values with <c>DataEncoder.FromJson</c> of the JSON file. Outputs
/// per task: <c>&lt;task&gt;.Score</c> float (B), the logit (binary) or value (regression), and for binary tasks
/// <c>&lt;task&gt;.Probability</c> float (B). Only families whose network supports export can be exported
/// (<see cref="CanExport"/>).
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set version the graphs use.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version of the files (IR 8 goes with opset 17).</summary>
    public const int IrVersion = 8;

    /// <summary>Suffix of a sequence column's length input: <c>&lt;column&gt;.Length</c>.</summary>
    public const string LengthSuffix = ".Length";

    /// <summary>Suffix of a task's score output: <c>&lt;task&gt;.Score</c>.</summary>
    public const string ScoreSuffix = ".Score";

    /// <summary>Suffix of a binary task's probability output: <c>&lt;task&gt;.Probability</c>.</summary>
    public const string ProbabilitySuffix = ".Probability";

    /// <summary>Whether <paramref name="network"/>'s family supports ONNX export.</summary>
    public static bool CanExport(CtrModel network) => network is IOnnxExportable;

    /// <summary>Where <see cref="Export"/> writes the encoder JSON for <paramref name="onnxPath"/>: <c>model.onnx</c> → <c>model.encoder.json</c>.</summary>
    public static string EncoderPathFor(string onnxPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(onnxPath);
        return Path.ChangeExtension(onnxPath, ".encoder.json");
    }

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> as ONNX and its encoder to <see cref="EncoderPathFor"/>,
    /// each atomically. The network is put in evaluation mode (as scoring does) and left there. Throws
    /// <see cref="NotSupportedException"/> naming the family if it cannot be exported.
    /// </summary>
    public static void Export(CtrPredictionModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Write(Build(model, Path.GetFileName(EncoderPathFor(path))), path);
        WriteEncoder(model, EncoderPathFor(path));
    }

    /// <summary>The ONNX model of <paramref name="model"/>'s network in evaluation mode.</summary>
    internal static ModelProto Build(CtrPredictionModel model, string encoderFileName)
    {
        if (model.Network is not IOnnxExportable exportable)
        {
            throw new NotSupportedException($"Model family '{model.Family.Id}' ({model.Network.GetType().Name}) does not support ONNX export yet.");
        }
        model.Network.Eval();
        var graph = new OnnxGraph();
        string outputs = exportable.ExportOnnx(graph);   // (B, T)
        for (int t = 0; t < model.Tasks.Count; t++)
        {
            AddTaskOutputs(graph, model.Tasks[t], graph.Gather(outputs, graph.Constant("task", [(long)t]), axis: 1));   // (B)
        }
        return Wrap(graph, model, encoderFileName, "model");
    }

    /// <summary>Publishes <paramref name="score"/> <c>(B)</c> as <c>&lt;task&gt;.Score</c>, and its sigmoid as <c>&lt;task&gt;.Probability</c> for a binary task.</summary>
    internal static void AddTaskOutputs(OnnxGraph graph, CtrTask task, string score)
    {
        graph.Output(score, task.Name + ScoreSuffix, DataType.Float, OnnxGraph.Batch);
        if (task.Kind == TaskKind.Binary)
        {
            graph.Output(graph.Node("Sigmoid", [score]), task.Name + ProbabilitySuffix, DataType.Float, OnnxGraph.Batch);
        }
    }

    /// <summary>The ONNX model (IR <see cref="IrVersion"/>, opset <see cref="OpsetVersion"/>) around <paramref name="graph"/>, with MLNetCtr metadata.</summary>
    internal static ModelProto Wrap(OnnxGraph graph, CtrPredictionModel model, string encoderFileName, string part)
    {
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "MLNetCtr",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "",
            DocString = $"MLNetCtr {model.Family.Id} {part}; encode inputs with the vocabularies in {encoderFileName}.",
            Graph = graph.Proto,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "mlnetctr.family", Value = model.Family.Id });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "mlnetctr.part", Value = part });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "mlnetctr.encoder", Value = encoderFileName });
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "mlnetctr.tasks", Value = string.Join(",", model.Tasks.Select(t => t.Name)) });
        return proto;
    }

    /// <summary>Writes <paramref name="proto"/> to <paramref name="path"/> atomically.</summary>
    internal static void Write(ModelProto proto, string path) => AtomicFile.Write(path, stream => proto.WriteTo(stream));

    /// <summary>Writes <paramref name="model"/>'s encoder (vocabularies and statistics) as JSON to <paramref name="path"/> atomically.</summary>
    internal static void WriteEncoder(CtrPredictionModel model, string path) =>
        AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(model.Encoder.ToJson())));
}
