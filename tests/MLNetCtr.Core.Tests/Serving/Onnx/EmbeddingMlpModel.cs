using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;
using MLNetCtr.Training;

namespace MLNetCtr.Tests.Serving.Onnx;

/// <summary>Test network: <c>Mlp(LayerNorm(flatten(FeatureEmbedding(x))))</c>, with batch norm, exportable to ONNX.</summary>
internal sealed class EmbeddingMlpModel : CtrModel, IOnnxExportable
{
    private readonly FeatureEmbedding _embedding;   // (B, F, D)
    private readonly LayerNorm _norm;               // (B, F·D)
    private readonly Mlp _mlp;                      // (B, F·D) → (B, T)

    public EmbeddingMlpModel(DataEncoder encoder, Activation activation, Random random)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        _embedding = Register("embedding", new FeatureEmbedding(encoder, 4, random));
        int width = _embedding.Fields.Count * _embedding.Dimension;
        _norm = Register("norm", new LayerNorm(width));
        _mlp = Register("mlp", new Mlp(width, [16, 8], random, activation, dropout: 0.1f, batchNorm: true, outputSize: Tasks.Count));
        foreach ((string _, Tensor tensor) in NamedParameters().Concat(NamedBuffers()))
        {
            for (int i = 0; i < tensor.Size; i++)
            {
                tensor.Data[i] += 0.2f * (float)random.NextDouble();   // non-trivial norm affine parameters and running statistics
            }
        }
    }

    public override Tensor Forward(CtrBatch batch)
    {
        Tensor e = _embedding.Forward(batch);                              // (B, F, D)
        Tensor h = _norm.Forward(e.Reshape(batch.RowCount, _mlp.InFeatures));           // (B, F·D)
        return _mlp.Forward(h);                                            // (B, T)
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        string e = graph.Embed(_embedding, "embedding");                   // (B, F, D)
        string h = graph.LayerNorm(_norm, graph.Flatten(e), "norm");       // (B, F·D)
        return graph.Mlp(_mlp, h, "mlp");                                  // (B, T)
    }

    /// <summary>A family building this network, for <see cref="CtrPredictionModel"/>.</summary>
    public static ModelFamily Family(Activation activation) =>
        ModelFamily.Create<TrainingOptions>($"test-embedding-mlp-{activation}", (encoder, options) => new EmbeddingMlpModel(encoder, activation, new Random(options.Seed)));
}
