using MLNetCtr.Tensors;

namespace MLNetCtr.Nn.Optim;

/// <summary>Options of <see cref="Adagrad"/>; defaults are torch's.</summary>
public sealed record AdagradOptions
{
    /// <summary>Step size (per-group override: <see cref="ParameterGroup.LearningRate"/>).</summary>
    /// <value>Default: 0.01.</value>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Learning-rate decay δ: step t uses <c>lr / (1 + (t − 1)·δ)</c>.</summary>
    /// <value>Default: 0.</value>
    public float LearningRateDecay { get; init; }

    /// <summary>Starting value of every element's sum of squared gradients.</summary>
    /// <value>Default: 0.</value>
    public float InitialAccumulatorValue { get; init; }

    /// <summary>Added to the denominator for numerical stability, ε ≥ 0.</summary>
    /// <value>Default: 1e-10.</value>
    public float Epsilon { get; init; } = 1e-10f;

    /// <summary>L2 penalty λ added to the gradient (<c>g + λθ</c>). torch refuses it with sparse gradients; here it reaches touched rows only.</summary>
    /// <value>Default: 0.</value>
    public float WeightDecay { get; init; }

    /// <summary>Throws if an option is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(LearningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(LearningRateDecay);
        ArgumentOutOfRangeException.ThrowIfNegative(InitialAccumulatorValue);
        ArgumentOutOfRangeException.ThrowIfNegative(Epsilon);
        ArgumentOutOfRangeException.ThrowIfNegative(WeightDecay);
    }
}

/// <summary>
/// Adagrad (Duchi et al., 2011), as <c>torch.optim.Adagrad</c>, with t the parameter's step count:
/// <code>
/// g  = grad + λ·θ
/// s += g²
/// θ -= lr / (1 + (t − 1)·δ) · g / (√s + ε)
/// </code>
/// On sparse-gradient tables only touched rows and their sums change, as torch does for sparse gradients.
/// </summary>
public sealed class Adagrad : Optimizer
{
    private readonly float[]?[] _sumsOfSquares;

    /// <summary>Optimizes <paramref name="parameters"/> as one group.</summary>
    public Adagrad(IEnumerable<Tensor> parameters, AdagradOptions? options = null)
        : this([new ParameterGroup([.. parameters])], options)
    {
    }

    /// <summary>Optimizes the given groups; a group's null learning rate or weight decay takes <paramref name="options"/>'.</summary>
    public Adagrad(IEnumerable<ParameterGroup> groups, AdagradOptions? options = null)
        : base(groups, (options ??= new AdagradOptions()).LearningRate, options.WeightDecay)
    {
        options.Validate();
        Options = options;
        _sumsOfSquares = new float[Parameters.Count][];
    }

    /// <summary>The options this optimizer was created with.</summary>
    public AdagradOptions Options { get; }

    /// <summary>The running sum of squared gradients of <paramref name="parameter"/>, or null before its first update (for tests).</summary>
    internal float[]? SumOfSquares(Tensor parameter) => _sumsOfSquares[SlotOf(parameter)];

    /// <inheritdoc/>
    private protected override IReadOnlyList<(string Name, float[]?[] PerSlot)> StateBuffers => [("sum", _sumsOfSquares)];

    private protected override void Update(in ParameterSlice slice)
    {
        Span<float> theta = slice.Values, grad = slice.Gradient;
        Span<float> sum = slice.Of(StateOf(_sumsOfSquares, slice, Options.InitialAccumulatorValue));
        float lambda = slice.WeightDecay, epsilon = Options.Epsilon;
        float decayedLearningRate = (float)(slice.LearningRate / (1.0 + (slice.Step - 1) * (double)Options.LearningRateDecay));
        for (int i = 0; i < theta.Length; i++)
        {
            float g = lambda != 0f ? grad[i] + lambda * theta[i] : grad[i];
            sum[i] += g * g;
            theta[i] -= decayedLearningRate * (g / (MathF.Sqrt(sum[i]) + epsilon));
        }
    }
}
