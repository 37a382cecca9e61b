using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.Baselines;

/// <summary>Options of <see cref="XDeepFm"/>.</summary>
public sealed record XDeepFmOptions : DeepBaselineOptions
{
    /// <summary>Feature maps of each CIN layer. Default: <c>[64, 64]</c> (the xDeepFM paper used 100–200 on Criteo).</summary>
    public IReadOnlyList<int> CinLayerSizes { get; init; } = [64, 64];

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        OptionChecks.PositiveSizes(CinLayerSizes, nameof(CinLayerSizes), allowEmpty: false);
    }
}

/// <summary>
/// xDeepFM (Lian et al., 2018, "xDeepFM: Combining Explicit and Implicit Feature Interactions for Recommender
/// Systems", arXiv 1803.05170): <c>logit = linear(x) + w_cinᵀ CIN(e) + MLP(flatten(e))</c>, the compressed interaction
/// network and the MLP sharing the field embeddings e.
/// </summary>
public sealed class XDeepFm : CtrModel, IOnnxExportable
{
    private readonly FirstOrderTerm _linear;        // (B, T)
    private readonly FeatureEmbedding _embedding;   // (B, F, D)
    private readonly Cin _cin;                      // (B, F, D) → (B, ΣH)
    private readonly Linear _cinOutput;             // (B, ΣH) → (B, T)
    private readonly Mlp _deep;                     // (B, F·D) → (B, T)

    /// <summary>Creates the model for the features and labels of <paramref name="encoder"/>'s schema.</summary>
    public XDeepFm(DataEncoder encoder, XDeepFmOptions options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        _linear = Register("linear", new FirstOrderTerm(encoder, Tasks.Count, random));
        _embedding = Register("embedding", new FeatureEmbedding(encoder, options.EmbeddingDimension, random));
        int fields = _embedding.Fields.Count;
        _cin = Register("cin", new Cin(fields, options.CinLayerSizes, random));
        _cinOutput = Register("cinOutput", new Linear(_cin.OutFeatures, Tasks.Count, random, bias: false));
        _deep = Register("deep", new Mlp(fields * options.EmbeddingDimension, options.HiddenSizes, random,
            options.Activation, options.Dropout, options.BatchNorm, outputSize: Tasks.Count));
    }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch)
    {
        Tensor e = _embedding.Forward(batch);                                    // (B, F, D)
        Tensor cin = _cinOutput.Forward(_cin.Forward(e));                        // (B, T)
        return _linear.Forward(batch) + cin + _deep.Forward(e.Flatten(1));       // (B, T)
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        string e = graph.Embed(_embedding, "embedding");                                                            // (B, F, D)
        string cin = graph.Linear(_cinOutput, graph.Cin(_cin, e, _embedding.Dimension, "cin"), "cinOutput");        // (B, T)
        return graph.Add(graph.Add(graph.FirstOrder(_linear, "linear"), cin), graph.Mlp(_deep, graph.Flatten(e), "deep"));   // (B, T)
    }
}
