using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Mean cross-entropy of <paramref name="logits"/> <c>(N, C)</c> (or <c>(…, C)</c>, read as N = Size / C rows)
    /// against class indices <paramref name="targets"/> (length N), as PyTorch's <c>cross_entropy</c>:
    /// <c>loss = Σ_i w_i · (logΣexp(z_i) − z_i[t_i]) / Σ_i w_i</c>, with <c>w_i = classWeights[t_i]</c> (1 without
    /// weights) and rows whose target equals <paramref name="ignoreIndex"/> left out of both sums. Output is <c>[1]</c>.
    /// </summary>
    /// <param name="logits">Unnormalised scores, <c>(…, C)</c>.</param>
    /// <param name="targets">One class index in <c>[0, C)</c> per row, or <paramref name="ignoreIndex"/>.</param>
    /// <param name="ignoreIndex">Target value that marks a row to ignore. Default: −100, as in PyTorch.</param>
    /// <param name="classWeights">Optional weight per class, length C. Default: none (all 1).</param>
    /// <remarks>When every row is ignored (or the kept weights sum to 0) the loss is 0 and the gradient is 0, where
    /// PyTorch returns NaN: an all-padding batch must not poison training.</remarks>
    public static Tensor CrossEntropy(Tensor logits, int[] targets, int ignoreIndex = -100, float[]? classWeights = null)
    {
        int c = logits.Dim(-1), n = c == 0 ? 0 : logits.Size / c;
        CheckCrossEntropyArguments(logits, targets, ignoreIndex, classWeights, n, c);
        float[] z = logits.Data, logSumExp = Temporary(n), rowLoss = Temporary(n);
        ParallelRows.For(n, c, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                logSumExp[i] = SoftmaxKernels.LogSumExp(z.AsSpan(i * c, c));
                rowLoss[i] = targets[i] == ignoreIndex ? 0f : TargetWeight(targets[i], classWeights) * (logSumExp[i] - z[i * c + targets[i]]);
            }
        });
        double total = 0, weightSum = 0;   // fixed order: deterministic
        for (int i = 0; i < n; i++)
        {
            total += rowLoss[i];
            weightSum += targets[i] == ignoreIndex ? 0f : TargetWeight(targets[i], classWeights);
        }
        Tensor loss = Tensor.ResultOf([1], logits);
        loss.Data[0] = weightSum != 0 ? (float)(total / weightSum) : 0f;

        // dz_i += dL · w_i / Σw · (softmax(z_i) − onehot(t_i)), with softmax(z_i) = exp(z_i − logΣexp(z_i)).
        loss.SetBackward(() =>
        {
            float[] dz = logits.GradOrZeros();
            float scale = weightSum != 0 ? (float)(loss.Grad![0] / weightSum) : 0f;
            ParallelRows.For(n, c, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    float coefficient = targets[i] == ignoreIndex ? 0f : scale * TargetWeight(targets[i], classWeights);
                    if (coefficient != 0f)
                    {
                        SoftmaxKernels.AddScaledExp(z.AsSpan(i * c, c), logSumExp[i], coefficient, dz.AsSpan(i * c, c));
                        dz[i * c + targets[i]] -= coefficient;
                    }
                }
            });
        });
        return loss;
    }

    private static float TargetWeight(int target, float[]? classWeights) => classWeights is null ? 1f : classWeights[target];

    private static void CheckCrossEntropyArguments(Tensor logits, int[] targets, int ignoreIndex, float[]? classWeights, int n, int c)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (c == 0)
        {
            throw new ArgumentException($"CrossEntropy needs at least one class; logits have shape {Tensor.ShapeString(logits.Shape)}.", nameof(logits));
        }
        if (targets.Length != n)
        {
            throw new ArgumentException($"CrossEntropy: logits of shape {Tensor.ShapeString(logits.Shape)} hold {n} rows, but {targets.Length} targets were given.", nameof(targets));
        }
        if (classWeights is not null && classWeights.Length != c)
        {
            throw new ArgumentException($"CrossEntropy: {classWeights.Length} class weights given for {c} classes.", nameof(classWeights));
        }
        for (int i = 0; i < n; i++)
        {
            if (targets[i] != ignoreIndex && (uint)targets[i] >= (uint)c)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"CrossEntropy: targets[{i}] = {targets[i]} is outside [0, {c}) and is not the ignore index {ignoreIndex}.");
            }
        }
    }
}
