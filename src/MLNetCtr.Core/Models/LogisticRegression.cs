using MLNetCtr.Data;
using MLNetCtr.Serving.Onnx;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// Logistic regression over every feature field, one weight vector per task:
/// <c>logit_t = b_t + Σ_f w_t[field f's value]</c>, where numbers contribute <c>x · w</c> and sequences the mean of
/// their items' weights. The simplest baseline, and the check that the whole data → train → evaluate path works.
/// </summary>
public sealed class LogisticRegression : CtrModel, IOnnxExportable
{
    private readonly FeatureEmbedding _weights;   // (B, F, T): a "T-dimensional embedding" holds each value's weight per task
    private readonly Tensor _bias;                // (T)

    /// <summary>Creates the model for the features and labels of <paramref name="encoder"/>'s schema.</summary>
    public LogisticRegression(DataEncoder encoder, Random random)
        : base(CtrTask.FromSchema(encoder.Schema))
    {
        _weights = Register("weights", new FeatureEmbedding(encoder, Tasks.Count, random));
        _bias = RegisterParameter("bias", Tensor.Parameter(new float[Tasks.Count], [Tasks.Count]));
    }

    /// <inheritdoc/>
    public override Tensor Forward(CtrBatch batch) =>
        _weights.Forward(batch).Sum(1) + _bias;   // (B, F, T) → (B, T)

    string IOnnxExportable.ExportOnnx(OnnxGraph graph) =>
        graph.Add(graph.ReduceSum(graph.Embed(_weights, "weights"), axis: 1), graph.Parameter(_bias, "bias"));   // (B, F, T) → (B, T)
}
