using MLNetCtr.Tensors;

namespace MLNetCtr.Nn.Optim;

/// <summary>
/// Parameters that share a learning rate and a weight decay (an entry of torch's <c>param_groups</c>), for example
/// embedding tables without weight decay next to dense layers with it.
/// </summary>
/// <param name="Parameters">The tensors of the group; a tensor may belong to one group only.</param>
public sealed record ParameterGroup(IReadOnlyList<Tensor> Parameters)
{
    /// <summary>Learning rate of this group; null takes the optimizer's options' learning rate.</summary>
    /// <value>Default: null.</value>
    public float? LearningRate { get; init; }

    /// <summary>Weight decay of this group; null takes the optimizer's options' weight decay.</summary>
    /// <value>Default: null.</value>
    public float? WeightDecay { get; init; }
}
