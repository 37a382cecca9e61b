using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models.Baselines;

/// <summary>Options of <see cref="FieldAwareFactorizationMachine"/>.</summary>
public sealed record FfmOptions : BaselineOptions;

/// <summary>
/// Field-aware factorization machine (Juan et al., 2016, "Field-aware Factorization Machines for CTR Prediction"):
/// <c>logit = b + Σ_f w[x_f] + Σ_{f&lt;g} ⟨e_{f,g}, e_{g,f}⟩</c>, where field f keeps one vector per partner field g.
/// With several tasks each has its own linear part; the pairwise term is shared.
/// </summary>
public sealed class FieldAwareFactorizationMachine : CtrModel, IOnnxExportable
{
    private readonly FirstOrderTerm _linear;           // (B, T)
    private readonly FieldAwareEmbedding _embedding;   // (B, F, F, D)

    /// <summary>Creates the model for the features and labels of <paramref name="encoder"/>'s schema.</summary>
    public FieldAwareFactorizationMachine(DataEncoder encoder, FfmOptions options)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        int fields = encoder.Schema.Features.Count(FeatureEmbedding.Embeds);
        _linear = Register("linear", new FirstOrderTerm(encoder, Tasks.Count, random));
        _embedding = Register("embedding", new FieldAwareEmbedding(encoder, fields, options.EmbeddingDimension, random));
    }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch) =>
        _linear.Forward(batch) + FfmInteraction.Pairwise(_embedding.Forward(batch));   // (B, T) + (B, 1) → (B, T)

    string IOnnxExportable.ExportOnnx(OnnxGraph graph) =>
        graph.Add(graph.FirstOrder(_linear, "linear"), graph.FfmPairwise(graph.EmbedFieldAware(_embedding, "embedding"), _embedding.Fields.Count));   // (B, T) + (B, 1)
}
