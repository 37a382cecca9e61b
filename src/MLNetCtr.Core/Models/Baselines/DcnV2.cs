using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.Baselines;

/// <summary>Options of <see cref="DcnV2"/>.</summary>
public sealed record DcnV2Options : DeepBaselineOptions
{
    /// <summary>How the cross and deep networks combine. Default: <see cref="DcnV2Structure.Parallel"/>.</summary>
    public DcnV2Structure Structure { get; init; } = DcnV2Structure.Parallel;

    /// <summary>Number of cross layers. Default: 3.</summary>
    public int CrossLayers { get; init; } = 3;

    /// <summary>Full-rank or low-rank cross weights. Default: <see cref="CrossRank.Full"/>.</summary>
    public CrossRank CrossRank { get; init; } = CrossRank.Full;

    /// <summary>r of low-rank cross weights. Default: 32.</summary>
    public int LowRank { get; init; } = 32;

    /// <inheritdoc/>
    protected override bool AllowsNoHiddenLayer => Structure == DcnV2Structure.CrossOnly;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        OptionChecks.Defined(Structure, nameof(Structure));
        OptionChecks.Defined(CrossRank, nameof(CrossRank));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(CrossLayers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LowRank);
    }
}

/// <summary>
/// DCN-V2 (Wang et al., 2021, "DCN V2: Improved Deep &amp; Cross Network and Practical Lessons for Web-scale Learning to
/// Rank Systems", arXiv 2008.13535): x_0 = the concatenated field embeddings; a cross network
/// <c>x_{l+1} = x_0 ⊙ (W_l x_l + b_l) + x_l</c> and an MLP, stacked or in parallel; a linear layer to one logit per task.
/// </summary>
public sealed class DcnV2 : CtrModel, IOnnxExportable
{
    private readonly FeatureEmbedding _embedding;   // (B, F, D)
    private readonly DeepCrossNetwork _network;     // (B, F·D) → (B, H')
    private readonly Linear _output;                // (B, H') → (B, T)

    /// <summary>Creates the model for the features and labels of <paramref name="encoder"/>'s schema.</summary>
    public DcnV2(DataEncoder encoder, DcnV2Options options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        _embedding = Register("embedding", new FeatureEmbedding(encoder, options.EmbeddingDimension, random));
        _network = Register("network", new DeepCrossNetwork(_embedding.Fields.Count * options.EmbeddingDimension, options.Structure,
            options.CrossLayers, options.HiddenSizes, random, options.CrossRank, options.LowRank, options.Activation, options.Dropout, options.BatchNorm));
        _output = Register("output", new Linear(_network.OutFeatures, Tasks.Count, random));
    }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch)
    {
        Tensor x0 = _embedding.Forward(batch).Flatten(1);   // (B, F·D)
        return _output.Forward(_network.Forward(x0));       // (B, H') → (B, T)
    }

    string IOnnxExportable.ExportOnnx(OnnxGraph graph)
    {
        string x0 = graph.Flatten(graph.Embed(_embedding, "embedding"));                           // (B, F·D)
        return graph.Linear(_output, graph.DeepCross(_network, x0, "network"), "output");          // (B, H') → (B, T)
    }
}
