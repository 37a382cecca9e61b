using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Models;

/// <summary>
/// Cross-entropy of the masked items through an output layer <c>z_i = W[i] · h + b[i]</c> (W: (V, D)), by full or
/// sampled softmax (<see cref="ItemSoftmax"/>). Hidden states <c>(M, D)</c>, targets M item ids; output <c>[1]</c>.
/// </summary>
internal static class ItemPredictionLoss
{
    private const float Hidden = -1e9f;   // logit of an accidental hit: the positive must not be its own negative

    public static Tensor Compute(ItemSoftmax kind, Linear output, Tensor hidden, int[] targets, ItemFrequencies frequencies, int negatives, Random random) => kind switch
    {
        ItemSoftmax.Full => output.Bias is null
            ? Ops.CrossEntropy(output.Forward(hidden), targets)                                      // (M, V) → [1]
            : Ops.LinearCrossEntropy(hidden, output.Weight, output.Bias, targets),                  // fused, no (M, V) buffer → [1]
        ItemSoftmax.InBatch => InBatch(output, hidden, targets, frequencies),
        ItemSoftmax.LogUniform => LogUniform(output, hidden, targets, frequencies, negatives, random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown item softmax {(int)kind}."),
    };

    /// <summary>Logits <c>(M, M)</c> against every masked item of the batch; target i is column i.</summary>
    private static Tensor InBatch(Linear output, Tensor hidden, int[] targets, ItemFrequencies frequencies)
    {
        int m = targets.Length;
        Tensor logits = Logits(output, hidden, targets);                                            // (M, M)
        Tensor logQ = Tensor.From([.. targets.Select(t => frequencies.LogUnigram[t])], 1, m);       // (1, M)
        var hits = new bool[m * m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                hits[i * m + j] = i != j && targets[i] == targets[j];
            }
        }
        return Ops.CrossEntropy(Ops.MaskedFill(logits - logQ, hits, Hidden), [.. Enumerable.Range(0, m)]);
    }

    /// <summary>Logits <c>(M, 1 + S)</c>: the positive, then S shared log-uniform negatives; target 0.</summary>
    private static Tensor LogUniform(Linear output, Tensor hidden, int[] targets, ItemFrequencies frequencies, int s, Random random)
    {
        int m = targets.Length;
        int[] sampled = [.. Enumerable.Range(0, s).Select(_ => frequencies.SampleLogUniform(random))];
        Tensor positive = (hidden * Ops.IndexSelect(output.Weight, 0, targets)).Sum(1, keepDims: true)
            + Ops.IndexSelect(output.Bias!, 0, targets).Reshape(m, 1);                             // (M, 1)
        Tensor logits = Ops.Concat([positive, Logits(output, hidden, sampled)], axis: 1);           // (M, 1 + S)
        var logExpected = new float[m * (1 + s)];
        var hits = new bool[m * (1 + s)];
        for (int i = 0; i < m; i++)
        {
            logExpected[i * (1 + s)] = MathF.Log(s) + frequencies.LogLogUniform(targets[i]);
            for (int j = 0; j < s; j++)
            {
                logExpected[i * (1 + s) + 1 + j] = MathF.Log(s) + frequencies.LogLogUniform(sampled[j]);
                hits[i * (1 + s) + 1 + j] = sampled[j] == targets[i];
            }
        }
        Tensor corrected = logits - Tensor.From(logExpected, m, 1 + s);                            // (M, 1 + S)
        return Ops.CrossEntropy(Ops.MaskedFill(corrected, hits, Hidden), new int[m]);
    }

    /// <summary><c>h · W[ids]ᵀ + b[ids]</c>: <c>(M, |ids|)</c>.</summary>
    private static Tensor Logits(Linear output, Tensor hidden, int[] ids) =>
        Ops.MatMul(hidden, Ops.IndexSelect(output.Weight, 0, ids), transposeB: true) + Ops.IndexSelect(output.Bias!, 0, ids);
}
