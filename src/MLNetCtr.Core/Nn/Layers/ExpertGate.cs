using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// A softmax gate over n experts (Ma et al., KDD 2018): <c>g(x) = softmax(W·x + b)</c> (n), and the gated mixture
/// <c>Σ_i g(x)_i · expert_i</c>. Gate input <c>(B, in)</c>, experts <c>(B, n, H)</c>, output <c>(B, H)</c>.
/// </summary>
/// <remarks>Children: <c>linear</c> (in → n).</remarks>
public sealed class ExpertGate : Module
{
    private readonly Linear _linear;

    /// <summary>Creates the gate and initializes it from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Size of the gate input's last dimension.</param>
    /// <param name="experts">n, the number of experts it mixes (at least 2; one expert needs no gate).</param>
    /// <param name="random">Source of the initial weights.</param>
    public ExpertGate(int inFeatures, int experts, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(experts, 2);
        _linear = Register("linear", new Linear(inFeatures, experts, random));
    }

    /// <summary>The gate's projection (in → n).</summary>
    internal Linear Linear => _linear;

    /// <summary>n, the number of experts it mixes.</summary>
    public int Experts => _linear.OutFeatures;

    /// <summary>The gate's weights over the experts for <paramref name="gateInput"/> <c>(B, in)</c>: <c>(B, n)</c>, rows summing to 1.</summary>
    public Tensor Weights(Tensor gateInput) => Ops.Softmax(_linear.Forward(gateInput));   // (B, n)

    /// <summary>Mixes <paramref name="experts"/> <c>(B, n, H)</c> with the weights of <paramref name="gateInput"/> <c>(B, in)</c>: <c>(B, H)</c>.</summary>
    public Tensor Forward(Tensor gateInput, Tensor experts)
    {
        ArgumentNullException.ThrowIfNull(experts);
        if (experts.Rank != 3 || experts.Dim(1) != Experts)
        {
            throw new ArgumentException($"The gate mixes {Experts} experts; got expert outputs of shape {Tensor.ShapeString(experts.Shape)}, expected (B, {Experts}, H).", nameof(experts));
        }
        Tensor weights = Weights(gateInput).Unsqueeze(2);   // (B, n, 1)
        return (weights * experts).Sum(1);                  // (B, n, H) summed over n → (B, H)
    }
}
