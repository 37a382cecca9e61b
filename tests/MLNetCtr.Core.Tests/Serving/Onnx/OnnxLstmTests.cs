using System.Text.Json;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Serving.Onnx.Proto;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using Xunit.Abstractions;
using DataType = MLNetCtr.Serving.Onnx.Proto.TensorProto.Types.DataType;

namespace MLNetCtr.Tests.Serving.Onnx;

/// <summary>The LSTM and attention-pooling emitters alone, run by ONNX Runtime against the layers' <c>Forward</c> on every position.</summary>
public sealed class OnnxLstmTests(OnnxExportFixture data, ITestOutputHelper output) : IClassFixture<OnnxExportFixture>
{
    private const int Rows = 6, Steps = 5, InputSize = 3, HiddenSize = 4;
    private static readonly int[] s_lengths = [0, 1, Steps, 3, Steps, 2];   // empty, one step, full, partial

    [Fact]
    public void Lstm_OnnxRuntimeOnMixedLengths_MatchesForwardOnEveryPositionIncludingPadding()
    {
        var lstm = new Lstm(InputSize, HiddenSize, new Random(3));
        Tensor input = GradCheck.Input([Rows, Steps, InputSize], seed: 4);
        float[] expected;
        using (GradMode.NoGrad())
        {
            expected = lstm.Forward(input, s_lengths).Outputs.Data;   // (B, L, H)
        }
        var graph = new OnnxGraph();
        string x = graph.Input("x", DataType.Float, OnnxGraph.Batch, Steps, InputSize);
        graph.Output(graph.Lstm(lstm, x, "seq", graph.ValidKeys("seq", Steps), "lstm"), "states", DataType.Float, OnnxGraph.Batch, Steps, HiddenSize);

        float[] actual = Run(graph, "lstm", input.Data)["states"];

        double diff = OnnxRuntimeCheck.MaxAbsDifference(expected, actual);
        output.WriteLine($"lstm states max |diff| = {OnnxRuntimeCheck.Format(diff)}");
        Assert.True(diff <= 1e-5, $"LSTM states differ by {diff}");
        Assert.All(Enumerable.Range(0, Steps * HiddenSize), i => Assert.Equal(0f, actual[i]));   // the empty row
    }

    [Fact]
    public void AttentionPooling_OnnxRuntimeWithContextAndAnEmptyRow_MatchesForward()
    {
        var pooling = new AttentionPooling(InputSize, contextSize: 2, attentionSize: 5, new Random(5));
        Tensor values = GradCheck.Input([Rows, Steps, InputSize], seed: 6), context = GradCheck.Input([Rows, 2], seed: 7);
        float[] expected;
        using (GradMode.NoGrad())
        {
            expected = pooling.Forward(values, s_lengths, context).Data;   // (B, H)
        }
        var graph = new OnnxGraph();
        string v = graph.Input("x", DataType.Float, OnnxGraph.Batch, Steps, InputSize);
        string c = graph.Input("context", DataType.Float, OnnxGraph.Batch, 2);
        graph.Output(graph.AttentionPooling(pooling, v, graph.ValidKeys("seq", Steps), c, "pooling"), "pooled", DataType.Float, OnnxGraph.Batch, InputSize);

        float[] actual = Run(graph, "pooling", values.Data, ("context", context.Data, [Rows, 2]))["pooled"];

        double diff = OnnxRuntimeCheck.MaxAbsDifference(expected, actual);
        output.WriteLine($"attention pooling max |diff| = {OnnxRuntimeCheck.Format(diff)}");
        Assert.True(diff <= 1e-5, $"Pooled vectors differ by {diff}");
        Assert.All(actual.Take(InputSize), value => Assert.Equal(0f, value));   // the empty row
    }

    /// <summary>Runs the graph on input <c>x</c> (B, L, I), the lengths <see cref="s_lengths"/> as <c>seq.Length</c>, and <paramref name="extra"/> float inputs.</summary>
    private Dictionary<string, float[]> Run(OnnxGraph graph, string name, float[] x, params (string Name, float[] Data, int[] Dims)[] extra)
    {
        var proto = new ModelProto { IrVersion = OnnxExporter.IrVersion, ProducerName = "MLNetCtr tests", Graph = graph.Proto };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxExporter.OpsetVersion });
        string path = data.Scratch($"{name}.onnx");
        OnnxExporter.Write(proto, path);
        var inputs = new Dictionary<string, object>
        {
            ["x"] = new { type = "float32", dims = new[] { Rows, Steps, InputSize }, data = x },
            ["seq" + OnnxExporter.LengthSuffix] = new { type = "int64", dims = new[] { Rows }, data = s_lengths },
        };
        foreach ((string input, float[] values, int[] dims) in extra)
        {
            inputs[input] = new { type = "float32", dims, data = values };
        }
        return OnnxRuntimeCheck.Run(path, JsonSerializer.Serialize(inputs));
    }
}
