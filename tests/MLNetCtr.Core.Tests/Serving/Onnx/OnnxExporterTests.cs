using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Serving.Onnx.Proto;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;
using MLNetCtr.Training;
using Xunit.Abstractions;

namespace MLNetCtr.Tests.Serving.Onnx;

public sealed class OnnxExporterTests(OnnxExportFixture data, ITestOutputHelper output) : IClassFixture<OnnxExportFixture>
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Models => ["logistic-regression", .. Enum.GetNames<Activation>().Select(a => $"mlp-{a}")];

    [Theory]
    [MemberData(nameof(Models))]
    public void Export_OnnxRuntimeOnABatch_MatchesOurScoresAndProbabilities(string name)
    {
        CtrPredictionModel model = Create(name);
        string path = data.Scratch($"{name}.onnx");
        float[][] expected = model.Score(data.Rows);

        OnnxExporter.Export(model, path);
        Dictionary<string, float[]> actual = OnnxRuntimeCheck.Run(path, OnnxRuntimeCheck.InputsJson(data.Rows));

        Assert.Equal(2, model.Tasks.Count);
        for (int t = 0; t < model.Tasks.Count; t++)
        {
            CtrTask task = model.Tasks[t];
            double scoreDiff = OnnxRuntimeCheck.MaxAbsDifference(expected[t], actual[task.Name + OnnxExporter.ScoreSuffix]);
            output.WriteLine($"{name} {task.Name}.Score max |diff| = {OnnxRuntimeCheck.Format(scoreDiff)}");
            Assert.True(scoreDiff <= Tolerance, $"{task.Name}.Score differs by {scoreDiff}");
            if (task.Kind == TaskKind.Binary)
            {
                float[] probabilities = [.. expected[t].Select(z => (float)(1 / (1 + Math.Exp(-z))))];
                double probabilityDiff = OnnxRuntimeCheck.MaxAbsDifference(probabilities, actual[task.Name + OnnxExporter.ProbabilitySuffix]);
                output.WriteLine($"{name} {task.Name}.Probability max |diff| = {OnnxRuntimeCheck.Format(probabilityDiff)}");
                Assert.True(probabilityDiff <= Tolerance, $"{task.Name}.Probability differs by {probabilityDiff}");
            }
            else
            {
                Assert.False(actual.ContainsKey(task.Name + OnnxExporter.ProbabilitySuffix));
            }
        }
    }

    [Fact]
    public void Export_Graph_TakesEncodedColumnsWithASymbolicBatchDimension()
    {
        string path = data.Scratch("inputs.onnx");

        OnnxExporter.Export(Create("logistic-regression"), path);
        ModelProto proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

        Assert.Equal(OnnxExporter.OpsetVersion, proto.OpsetImport.Single().Version);
        ValueInfoProto ids = proto.Graph.Input.Single(i => i.Name == "hist_items");
        Assert.Equal((int)TensorProto.Types.DataType.Int64, ids.Type.TensorType.ElemType);
        Assert.Equal(OnnxGraph.BatchDimension, ids.Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal((int)TensorProto.Types.DataType.Float, proto.Graph.Input.Single(i => i.Name == "item_price").Type.TensorType.ElemType);
        Assert.Contains(proto.Graph.Input, i => i.Name == "hist_items" + OnnxExporter.LengthSuffix);
        Assert.Equal(["click.Score", "click.Probability", $"{data.Rows.LabelNames[1]}.Score"], proto.Graph.Output.Select(o => o.Name));
    }

    [Fact]
    public void Export_SharedVocabularyTable_IsWrittenOnce()
    {
        string path = data.Scratch("shared.onnx");

        OnnxExporter.Export(Create("logistic-regression"), path);
        ModelProto proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

        TensorProto table = Assert.Single(proto.Graph.Initializer, i => i.Name.Contains("item_id"));
        Assert.Equal([data.Encoder.CardinalityOf("item_id"), 2], table.Dims);
        Assert.DoesNotContain(proto.Graph.Initializer, i => i.Name.Contains("hist_items"));
    }

    [Fact]
    public void Export_EncoderJsonBesideTheModel_RoundTripsTheVocabularies()
    {
        string path = data.Scratch("encoder.onnx");

        OnnxExporter.Export(Create("logistic-regression"), path);

        string json = File.ReadAllText(OnnxExporter.EncoderPathFor(path));
        Assert.Equal(data.Scratch("encoder.encoder.json"), OnnxExporter.EncoderPathFor(path));
        Assert.Equal(data.Encoder.ToJson(), DataEncoder.FromJson(json).ToJson());
    }

    [Fact]
    public void Export_NetworkWithoutExport_ThrowsNamingTheFamily()
    {
        var family = ModelFamily.Create<TrainingOptions>("test-not-exportable", (encoder, _) => new NotExportable(encoder));
        var model = new CtrPredictionModel(family, new TrainingOptions(), data.Encoder, family.CreateModel(data.Encoder, new TrainingOptions()));

        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(model, data.Scratch("none.onnx")));

        Assert.Contains("test-not-exportable", error.Message);
        Assert.False(File.Exists(data.Scratch("none.onnx")));
    }

    private CtrPredictionModel Create(string name)
    {
        bool logistic = name == "logistic-regression";
        ModelFamily family = logistic ? LogisticRegressionTrainer.Definition : EmbeddingMlpModel.Family(Enum.Parse<Activation>(name["mlp-".Length..]));
        TrainingOptions options = logistic ? new LogisticRegressionOptions { Seed = 7 } : new TrainingOptions { Seed = 7 };
        CtrModel network = family.CreateModel(data.Encoder, options);
        if (logistic)
        {
            Randomize(network.Parameters(), new Random(11));   // the bias starts at zero: make it count
        }
        return new CtrPredictionModel(family, options, data.Encoder, network);
    }

    private static void Randomize(IEnumerable<Tensor> tensors, Random random)
    {
        foreach (Tensor tensor in tensors)
        {
            for (int i = 0; i < tensor.Size; i++)
            {
                tensor.Data[i] += (float)(random.NextDouble() - 0.5);
            }
        }
    }

    private sealed class NotExportable(DataEncoder encoder) : CtrModel(CtrTask.FromSchema(encoder.Schema))
    {
        public override Tensor Forward(CtrBatch batch) => Tensor.Zeros(batch.RowCount, Tasks.Count);
    }
}
