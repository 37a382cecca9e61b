using MLNetCtr.Tensors;

namespace MLNetCtr.Nn.Optim;

/// <summary>Options of <see cref="Adam"/>; defaults are torch's.</summary>
public sealed record AdamOptions
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

    /// <summary>
    /// L2 penalty λ added to the gradient (<c>g + λθ</c>), as torch's Adam; see <see cref="AdamW"/> for the decoupled
    /// form. On sparse-gradient tables it reaches the touched rows only (torch's SparseAdam has none).
    /// </summary>
    /// <value>Default: 0.</value>
    public float WeightDecay { get; init; }

    /// <summary>Throws if an option is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(LearningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(WeightDecay);
        AdamRule.Validate(Beta1, Beta2, Epsilon);
    }
}

/// <summary>
/// Adam (Kingma &amp; Ba, 2015) with L2 weight decay, as <c>torch.optim.Adam</c>. On sparse-gradient tables it is
/// lazy like <c>torch.optim.SparseAdam</c>: only touched rows and their moments change (<see cref="Optimizer"/>).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly float[]?[] _firstMoments;
    private readonly float[]?[] _secondMoments;
    private AdamRule.Coefficients _coefficients;

    /// <summary>Optimizes <paramref name="parameters"/> as one group.</summary>
    public Adam(IEnumerable<Tensor> parameters, AdamOptions? options = null)
        : this([new ParameterGroup([.. parameters])], options)
    {
    }

    /// <summary>Optimizes the given groups; a group's null learning rate or weight decay takes <paramref name="options"/>'.</summary>
    public Adam(IEnumerable<ParameterGroup> groups, AdamOptions? options = null)
        : base(groups, (options ??= new AdamOptions()).LearningRate, options.WeightDecay)
    {
        options.Validate();
        Options = options;
        _firstMoments = new float[Parameters.Count][];
        _secondMoments = new float[Parameters.Count][];
    }

    /// <summary>The options this optimizer was created with.</summary>
    public AdamOptions Options { get; }

    /// <summary>The first-moment estimate of <paramref name="parameter"/>, or null before its first update (for tests).</summary>
    internal float[]? FirstMoment(Tensor parameter) => _firstMoments[SlotOf(parameter)];

    /// <summary>The second-moment estimate of <paramref name="parameter"/>, or null before its first update (for tests).</summary>
    internal float[]? SecondMoment(Tensor parameter) => _secondMoments[SlotOf(parameter)];

    /// <inheritdoc/>
    private protected override IReadOnlyList<(string Name, float[]?[] PerSlot)> StateBuffers => [("exp_avg", _firstMoments), ("exp_avg_sq", _secondMoments)];

    private protected override void Update(in ParameterSlice slice) =>
        AdamRule.Apply(slice, StateOf(_firstMoments, slice), StateOf(_secondMoments, slice), Options.Beta1, Options.Beta2, Options.Epsilon, slice.WeightDecay, ref _coefficients);
}
