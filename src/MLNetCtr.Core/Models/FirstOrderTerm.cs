using MLNetCtr.Data;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// The linear part of FM-family models, one output per task: <c>y_t = b_t + Σ_f w_t[value of field f]</c>, where numbers
/// contribute <c>x · w</c> and sequences the mean of their items' weights. Input a batch, output <c>(B, T)</c>.
/// </summary>
public sealed class FirstOrderTerm : Module
{
    private readonly FeatureEmbedding _weights;   // a "T-dimensional embedding" holds each value's weight per task: (B, F, T)
    private readonly Tensor _bias;                // (T)

    /// <summary>Creates zero biases and small random weights for the fields <paramref name="include"/> accepts.</summary>
    /// <param name="encoder">The fitted vocabularies and statistics.</param>
    /// <param name="outputs">T, the number of outputs (tasks).</param>
    /// <param name="random">Source of the initial weights.</param>
    /// <param name="include">Which feature columns take part; null for every non-text feature.</param>
    public FirstOrderTerm(DataEncoder encoder, int outputs, Random random, Func<ColumnSchema, bool>? include = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        _weights = Register("weights", new FeatureEmbedding(encoder, outputs, random, include));
        _bias = RegisterParameter("bias", Tensor.Parameter(new float[outputs], [outputs]));
    }

    /// <summary>The per-task weights of every value, <c>(B, F, T)</c> when looked up.</summary>
    internal FeatureEmbedding Weights => _weights;

    /// <summary>The per-task biases, <c>(T)</c>.</summary>
    internal Tensor Bias => _bias;

    /// <summary><c>b + Σ_f w[x_f]</c> for every row: <c>(B, T)</c>.</summary>
    public Tensor Forward(CtrBatch batch) => _weights.Forward(batch).Sum(1) + _bias;   // (B, F, T) → (B, T)
}
