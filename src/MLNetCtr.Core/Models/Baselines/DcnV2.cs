using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.Baselines;

/// <summary>
/// DCN-V2 (Wang et al., 2021, "DCN V2: Improved Deep &amp; Cross Network and Practical Lessons for Web-scale Learning to
/// Rank Systems", arXiv 2008.13535): x_0 = the concatenated field embeddings; a cross network
/// <c>x_{l+1} = x_0 ⊙ (W_l x_l + b_l) + x_l</c> and an MLP, stacked or in parallel; a linear layer to one logit per task.
/// </summary>
public sealed class DcnV2 : CtrModel
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
}
