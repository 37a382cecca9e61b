namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// The logit of a product of probabilities given as logits: <c>logit(σ(a) · σ(b)) = −log(e^−a + e^−b + e^(−a−b))</c>,
    /// since <c>1 / (σ(a) σ(b)) = (1 + e^−a)(1 + e^−b)</c>. Element-wise over two tensors of one shape.
    /// </summary>
    /// <remarks>
    /// Composed from <see cref="LogSumExp"/>, so it stays finite and accurate where the product rounds to 0 or 1 in
    /// float: <c>BceWithLogits(ProductLogit(a, b), y)</c> is the binary cross-entropy of the probability σ(a)·σ(b)
    /// without ever forming it (ESMM's pCTCVR = pCTR · pCVR).
    /// </remarks>
    public static Tensor ProductLogit(Tensor a, Tensor b)
    {
        CheckSameShape(nameof(ProductLogit), a, b);
        Tensor minusA = -a, minusB = -b;
        return -LogSumExp(Stack([minusA, minusB, minusA + minusB]));   // (…, 3) → (…)
    }

    /// <summary>
    /// The logit of a mixture of two probabilities given as logits: <c>logit(σ(g) · σ(a) + σ(−g) · σ(b))</c>, that is
    /// <c>log q − log(1 − q)</c> with, in log space,
    /// <c>log q = logΣexp(log σ(g) + log σ(a), log σ(−g) + log σ(b))</c> and
    /// <c>log(1 − q) = logΣexp(log σ(g) + log σ(−a), log σ(−g) + log σ(−b))</c>. Element-wise over three tensors of one shape.
    /// </summary>
    /// <remarks>ESM2's pCVR = y2 · y3 + (1 − y2) · y4 with gate y2 = σ(g) = P(DAction | click).</remarks>
    public static Tensor MixtureLogit(Tensor gate, Tensor a, Tensor b)
    {
        CheckSameShape(nameof(MixtureLogit), gate, a);
        CheckSameShape(nameof(MixtureLogit), gate, b);
        Tensor logGate = LogSigmoid(gate), logNotGate = LogSigmoid(-gate);
        Tensor logQ = LogSumExp(Stack([logGate + LogSigmoid(a), logNotGate + LogSigmoid(b)]));              // (…)
        Tensor logNotQ = LogSumExp(Stack([logGate + LogSigmoid(-a), logNotGate + LogSigmoid(-b)]));         // (…)
        return logQ - logNotQ;
    }

    /// <summary>Tensors of one shape S stacked along a new last axis: <c>(S…, n)</c>.</summary>
    private static Tensor Stack(Tensor[] tensors) => Concat([.. tensors.Select(t => Unsqueeze(t, -1))], axis: -1);

    private static void CheckSameShape(string op, Tensor a, Tensor b)
    {
        if (!a.Shape.SequenceEqual(b.Shape))
        {
            throw new ArgumentException($"{op}: shapes {Tensor.ShapeString(a.Shape)} and {Tensor.ShapeString(b.Shape)} must be equal.", nameof(b));
        }
    }
}
