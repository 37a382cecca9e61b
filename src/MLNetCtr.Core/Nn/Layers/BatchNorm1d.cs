using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Batch normalization (Ioffe &amp; Szegedy, 2015) over the batch, as torch's <c>nn.BatchNorm1d(F)</c>, for input
/// <c>(B, F)</c> or <c>(B, F, L)</c>: <c>y = (x − μ) / √(σ² + ε) ⊙ weight + bias</c> per feature f. Output has the
/// input's shape.
/// </summary>
/// <remarks>
/// Training mode uses the batch statistics (μ, biased σ² over B, or over B and L) and updates the buffers
/// <c>running_mean ← (1 − m)·running_mean + m·μ</c> and <c>running_var ← (1 − m)·running_var + m·σ²·n/(n − 1)</c>
/// (unbiased, n values per feature), as torch. Evaluation mode uses the running statistics. weight starts at ones,
/// bias at zeros, running_mean at zeros and running_var at ones. Composed from primitives, so autograd derives the
/// backward (which flows through μ and σ² in training mode).
/// </remarks>
public sealed class BatchNorm1d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="features">Number of features F (dimension 1 of the input).</param>
    /// <param name="epsilon">Added to the variance, ≥ 0. Default: 1e-5, as torch.</param>
    /// <param name="momentum">Weight m of the current batch in the running statistics, in [0, 1]. Default: 0.1, as torch.</param>
    public BatchNorm1d(int features, float epsilon = 1e-5f, float momentum = 0.1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        ArgumentOutOfRangeException.ThrowIfNegative(momentum);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(momentum, 1f);
        Features = features;
        Epsilon = epsilon;
        Momentum = momentum;
        Weight = RegisterParameter("weight", Tensor.Parameter(Enumerable.Repeat(1f, features).ToArray(), [features]));
        Bias = RegisterParameter("bias", Tensor.Parameter(new float[features], [features]));
        RunningMean = RegisterBuffer("running_mean", Tensor.From(new float[features], features));
        RunningVariance = RegisterBuffer("running_var", Tensor.From(Enumerable.Repeat(1f, features).ToArray(), features));
    }

    /// <summary>Number of features F.</summary>
    public int Features { get; }

    /// <summary>The ε added to the variance.</summary>
    public float Epsilon { get; }

    /// <summary>Weight m of the current batch in the running statistics.</summary>
    public float Momentum { get; }

    /// <summary>The scale γ, shape (F).</summary>
    public Tensor Weight { get; }

    /// <summary>The shift β, shape (F).</summary>
    public Tensor Bias { get; }

    /// <summary>Running mean per feature, shape (F); a buffer named <c>running_mean</c>.</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running unbiased variance per feature, shape (F); a buffer named <c>running_var</c>.</summary>
    public Tensor RunningVariance { get; }

    /// <summary>Normalizes <paramref name="input"/> <c>(B, F)</c> or <c>(B, F, L)</c>; returns the same shape.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank is not (2 or 3) || input.Dim(1) != Features)
        {
            throw new ArgumentException($"BatchNorm1d({Features}) needs input (B, {Features}) or (B, {Features}, L), got {Tensor.ShapeString(input.Shape)}.", nameof(input));
        }
        // Statistics and affine parameters broadcast as (F) against (B, F), or as (F, 1) against (B, F, L).
        int[] axes = input.Rank == 2 ? [0] : [0, 2];
        int[] featureShape = input.Rank == 2 ? [Features] : [Features, 1];
        Tensor normalized = IsTraining ? NormalizeWithBatchStatistics(input, axes, featureShape) : NormalizeWithRunningStatistics(input, featureShape);
        return normalized * Weight.Reshape(featureShape) + Bias.Reshape(featureShape);   // input's shape
    }

    private Tensor NormalizeWithBatchStatistics(Tensor input, int[] axes, int[] featureShape)
    {
        int count = input.Size / Features;   // n = B or B·L values per feature
        if (count < 2)
        {
            throw new ArgumentException($"BatchNorm1d in training mode needs more than one value per feature, got input {Tensor.ShapeString(input.Shape)}.", nameof(input));
        }
        Tensor mean = input.Mean(axes).Reshape(featureShape);        // (F) or (F, 1)
        Tensor centered = input - mean;                              // input's shape
        Tensor variance = Ops.Square(centered).Mean(axes);           // (F), biased
        UpdateRunningStatistics(mean.Data, variance.Data, count);
        return centered / Ops.Sqrt(variance + Epsilon).Reshape(featureShape);
    }

    private Tensor NormalizeWithRunningStatistics(Tensor input, int[] featureShape)
    {
        var inverseStd = new float[Features];
        for (int f = 0; f < Features; f++)
        {
            inverseStd[f] = 1f / MathF.Sqrt(RunningVariance.Data[f] + Epsilon);
        }
        Tensor mean = Tensor.From((float[])RunningMean.Data.Clone(), featureShape);   // copies: the buffers may change before backward
        return (input - mean) * Tensor.From(inverseStd, featureShape);
    }

    private void UpdateRunningStatistics(float[] batchMean, float[] batchVariance, int count)
    {
        float m = Momentum, unbiased = count / (count - 1f);
        for (int f = 0; f < Features; f++)
        {
            RunningMean.Data[f] = (1f - m) * RunningMean.Data[f] + m * batchMean[f];
            RunningVariance.Data[f] = (1f - m) * RunningVariance.Data[f] + m * batchVariance[f] * unbiased;
        }
    }
}
