using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.Baselines;

/// <summary>Options of <see cref="FactorizationMachine"/>.</summary>
public sealed record FmOptions : BaselineOptions;

/// <summary>
/// Factorization machine (Rendle, 2010, "Factorization Machines"): <c>logit = b + Σ_f w[x_f] + Σ_{f&lt;g} ⟨e_f, e_g⟩</c>
/// over every feature field. With several tasks each has its own linear part; the pairwise term is shared.
/// </summary>
public sealed class FactorizationMachine : CtrModel, IOnnxExportable
{
    private readonly FirstOrderTerm _linear;        // (B, T)
    private readonly FeatureEmbedding _embedding;   // (B, F, D)

    /// <summary>Creates the model for the features and labels of <paramref name="encoder"/>'s schema.</summary>
    public FactorizationMachine(DataEncoder encoder, FmOptions options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        _linear = Register("linear", new FirstOrderTerm(encoder, Tasks.Count, random));
        _embedding = Register("embedding", new FeatureEmbedding(encoder, options.EmbeddingDimension, random));
    }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch) =>
        _linear.Forward(batch) + FmInteraction.Pairwise(_embedding.Forward(batch));   // (B, T) + (B, 1) → (B, T)

    string IOnnxExportable.ExportOnnx(OnnxGraph graph) =>
        graph.Add(graph.FirstOrder(_linear, "linear"), graph.FmPairwise(graph.Embed(_embedding, "embedding")));   // (B, T) + (B, 1)
}
