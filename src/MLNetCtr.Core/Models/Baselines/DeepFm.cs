using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.Baselines;

/// <summary>Options of <see cref="DeepFm"/>.</summary>
public sealed record DeepFmOptions : DeepBaselineOptions;

/// <summary>
/// DeepFM (Guo et al., 2017, "DeepFM: A Factorization-Machine based Neural Network for CTR Prediction", arXiv
/// 1703.04247): <c>logit = linear(x) + FM(e) + MLP(flatten(e))</c>, the FM and the MLP sharing the field embeddings e.
/// </summary>
public sealed class DeepFm : CtrModel, IOnnxExportable
{
    private readonly FirstOrderTerm _linear;        // (B, T)
    private readonly FeatureEmbedding _embedding;   // (B, F, D)
    private readonly Mlp _deep;                     // (B, F·D) → (B, T)

    /// <summary>Creates the model for the features and labels of <paramref name="encoder"/>'s schema.</summary>
    public DeepFm(DataEncoder encoder, DeepFmOptions options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        _linear = Register("linear", new FirstOrderTerm(encoder, Tasks.Count, random));
        _embedding = Register("embedding", new FeatureEmbedding(encoder, options.EmbeddingDimension, random));
        _deep = Register("deep", new Mlp(_embedding.Fields.Count * options.EmbeddingDimension, options.HiddenSizes, random,
            options.Activation, options.Dropout, options.BatchNorm, outputSize: Tasks.Count));
    }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch)
    {
        Tensor e = _embedding.Forward(batch);                                               // (B, F, D)
        return _linear.Forward(batch) + FmInteraction.Pairwise(e) + _deep.Forward(e.Flatten(1));   // (B, T) + (B, 1) + (B, T)
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        string e = graph.Embed(_embedding, "embedding");                                           // (B, F, D)
        string wide = graph.Add(graph.FirstOrder(_linear, "linear"), graph.FmPairwise(e));         // (B, T) + (B, 1)
        return graph.Add(wide, graph.Mlp(_deep, graph.Flatten(e), "deep"));                       // + (B, T)
    }
}
