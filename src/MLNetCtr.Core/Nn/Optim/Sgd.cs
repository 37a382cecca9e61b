using MLNetCtr.Tensors;

namespace MLNetCtr.Nn.Optim;

/// <summary>Options of <see cref="Sgd"/>; defaults are torch's.</summary>
public sealed record SgdOptions
{
    /// <summary>Step size (per-group override: <see cref="ParameterGroup.LearningRate"/>). torch has no default; 0.01 is ours.</summary>
    /// <value>Default: 0.01.</value>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Momentum factor μ ≥ 0; 0 is plain SGD.</summary>
    /// <value>Default: 0.</value>
    public float Momentum { get; init; }

    /// <summary>Dampening d of the momentum: the buffer adds <c>(1 − d)·g</c>.</summary>
    /// <value>Default: 0.</value>
    public float Dampening { get; init; }

    /// <summary>Nesterov momentum; needs <see cref="Momentum"/> &gt; 0 and <see cref="Dampening"/> = 0.</summary>
    /// <value>Default: false.</value>
    public bool Nesterov { get; init; }

    /// <summary>L2 penalty λ added to the gradient (<c>g + λθ</c>).</summary>
    /// <value>Default: 0.</value>
    public float WeightDecay { get; init; }

    /// <summary>Throws if an option is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(LearningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(Momentum);
        ArgumentOutOfRangeException.ThrowIfNegative(Dampening);
        ArgumentOutOfRangeException.ThrowIfNegative(WeightDecay);
        if (Nesterov && (Momentum <= 0f || Dampening != 0f))
        {
            throw new ArgumentException($"Nesterov momentum needs Momentum > 0 and Dampening = 0; got Momentum = {Momentum}, Dampening = {Dampening}.");
        }
    }
}

/// <summary>
/// Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, as <c>torch.optim.SGD</c>:
/// <code>
/// g  = grad + λ·θ
/// b  = g                      (first step)
/// b  = μ·b + (1 − d)·g        (later steps)
/// θ -= lr · (nesterov ? g + μ·b : b)
/// </code>
/// On sparse-gradient tables only touched rows and their momentum change; a row first touched after the
/// parameter's first step starts from a zero buffer (identical to torch's when dampening is 0).
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[]?[] _momentumBuffers;

    /// <summary>Optimizes <paramref name="parameters"/> as one group.</summary>
    public Sgd(IEnumerable<Tensor> parameters, SgdOptions? options = null)
        : this([new ParameterGroup([.. parameters])], options)
    {
    }

    /// <summary>Optimizes the given groups; a group's null learning rate or weight decay takes <paramref name="options"/>'.</summary>
    public Sgd(IEnumerable<ParameterGroup> groups, SgdOptions? options = null)
        : base(groups, (options ??= new SgdOptions()).LearningRate, options.WeightDecay)
    {
        options.Validate();
        Options = options;
        _momentumBuffers = new float[Parameters.Count][];
    }

    /// <summary>The options this optimizer was created with.</summary>
    public SgdOptions Options { get; }

    /// <inheritdoc/>
    private protected override IReadOnlyList<(string Name, float[]?[] PerSlot)> StateBuffers => [("momentum_buffer", _momentumBuffers)];

    private protected override void Update(in ParameterSlice slice)
    {
        Span<float> theta = slice.Values, grad = slice.Gradient;
        float momentum = Options.Momentum, lambda = slice.WeightDecay, lr = slice.LearningRate;
        Span<float> buffer = momentum != 0f ? slice.Of(StateOf(_momentumBuffers, slice)) : default;
        float oneMinusDampening = (float)(1.0 - Options.Dampening);
        for (int i = 0; i < theta.Length; i++)
        {
            float g = lambda != 0f ? grad[i] + lambda * theta[i] : grad[i];
            if (momentum != 0f)
            {
                buffer[i] = slice.Step == 1 ? g : buffer[i] * momentum + g * oneMinusDampening;
                g = Options.Nesterov ? g + momentum * buffer[i] : buffer[i];
            }
            theta[i] -= lr * g;
        }
    }
}
