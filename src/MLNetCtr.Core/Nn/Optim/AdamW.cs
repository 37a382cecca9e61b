using MLNetCtr.Tensors;

namespace MLNetCtr.Nn.Optim;

/// <summary>Options of <see cref="AdamW"/>; defaults are torch's.</summary>
public sealed record AdamWOptions
{
    /// <summary>Step size (per-group override: <see cref="ParameterGroup.LearningRate"/>).</summary>
    /// <value>Default: 0.001.</value>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Decay of the first-moment (mean) estimate, β₁, in [0, 1).</summary>
    /// <value>Default: 0.9.</value>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Decay of the second-moment (uncentered variance) estimate, β₂, in [0, 1).</summary>
    /// <value>Default: 0.999.</value>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>Added to the denominator for numerical stability, ε ≥ 0.</summary>
    /// <value>Default: 1e-8.</value>
    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>Decoupled weight decay λ: each step first scales the parameter by <c>1 − lr·λ</c>.</summary>
    /// <value>Default: 0.01.</value>
    public float WeightDecay { get; init; } = 0.01f;

    /// <summary>Throws if an option is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(LearningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(WeightDecay);
        AdamRule.Validate(Beta1, Beta2, Epsilon);
    }
}

/// <summary>
/// AdamW (Loshchilov &amp; Hutter, 2019): Adam with decoupled weight decay, as <c>torch.optim.AdamW</c>. On
/// sparse-gradient tables only the touched rows are updated and decayed (<see cref="Optimizer"/>).
/// </summary>
public sealed class AdamW : Optimizer
{
    private readonly float[]?[] _firstMoments;
    private readonly float[]?[] _secondMoments;
    private AdamRule.Coefficients _coefficients;

    /// <summary>Optimizes <paramref name="parameters"/> as one group.</summary>
    public AdamW(IEnumerable<Tensor> parameters, AdamWOptions? options = null)
        : this([new ParameterGroup([.. parameters])], options)
    {
    }

    /// <summary>Optimizes the given groups; a group's null learning rate or weight decay takes <paramref name="options"/>'.</summary>
    public AdamW(IEnumerable<ParameterGroup> groups, AdamWOptions? options = null)
        : base(groups, (options ??= new AdamWOptions()).LearningRate, options.WeightDecay)
    {
        options.Validate();
        Options = options;
        _firstMoments = new float[Parameters.Count][];
        _secondMoments = new float[Parameters.Count][];
    }

    /// <summary>The options this optimizer was created with.</summary>
    public AdamWOptions Options { get; }

    /// <inheritdoc/>
    private protected override IReadOnlyList<(string Name, float[]?[] PerSlot)> StateBuffers => [("exp_avg", _firstMoments), ("exp_avg_sq", _secondMoments)];

    private protected override void Update(in ParameterSlice slice)
    {
        if (slice.WeightDecay != 0f)
        {
            float keep = (float)(1.0 - (double)slice.LearningRate * slice.WeightDecay);   // θ ← (1 − lr·λ)·θ
            Span<float> theta = slice.Values;
            for (int i = 0; i < theta.Length; i++)
            {
                theta[i] *= keep;
            }
        }
        AdamRule.Apply(slice, StateOf(_firstMoments, slice), StateOf(_secondMoments, slice), Options.Beta1, Options.Beta2, Options.Epsilon, l2WeightDecay: 0f, ref _coefficients);
    }
}
