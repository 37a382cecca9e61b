using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Mean cross-entropy of the logits <c>z = x · Wᵀ + b</c> against class indices, fused: equal (up to float
    /// rounding) to <c>CrossEntropy(Linear(x, weight, bias), targets, ignoreIndex)</c>, but the <c>(N, C)</c> logits are
    /// never materialised: they are computed in cache-sized tiles, once in the forward (a running log-sum-exp per row)
    /// and once more in the backward, which feeds each tile's <c>dz</c> straight into the dW and dx products. For a
    /// large output layer (an item vocabulary) this trades one extra GEMM for the memory traffic of the (N, C) logits
    /// and their gradient. <paramref name="x"/> <c>(…, D)</c>, <paramref name="weight"/> <c>(C, D)</c>,
    /// <paramref name="bias"/> <c>(C)</c>; output <c>[1]</c>.
    /// </summary>
    /// <param name="x">Inputs <c>(…, D)</c>, read as N = Size / D rows.</param>
    /// <param name="weight">Output layer weight <c>(C, D)</c>.</param>
    /// <param name="bias">Output layer bias <c>(C)</c>.</param>
    /// <param name="targets">One class index in <c>[0, C)</c> per row, or <paramref name="ignoreIndex"/>.</param>
    /// <param name="ignoreIndex">Target value that marks a row to leave out of loss and gradient. Default: −100, as in PyTorch.</param>
    /// <remarks>With every row ignored the loss and the gradient are 0 (as <see cref="CrossEntropy"/>). Results do not
    /// depend on the thread count.</remarks>
    public static Tensor LinearCrossEntropy(Tensor x, Tensor weight, Tensor bias, int[] targets, int ignoreIndex = -100) =>
        LinearCrossEntropy(x, weight, bias, targets, ignoreIndex, parallel: true);

    /// <summary><see cref="LinearCrossEntropy(Tensor, Tensor, Tensor, int[], int)"/>, optionally on the calling thread only (tests compare both).</summary>
    internal static Tensor LinearCrossEntropy(Tensor x, Tensor weight, Tensor bias, int[] targets, int ignoreIndex, bool parallel)
    {
        int d = weight.Rank == 2 ? weight.Dim(1) : -1, v = weight.Rank == 2 ? weight.Dim(0) : -1, n = d > 0 ? x.Size / d : 0;
        CheckLinearCrossEntropyArguments(x, weight, bias, targets, ignoreIndex, d, v, n);
        float[] logSumExp = Temporary(n), targetLogit = Temporary(n);
        LinearCrossEntropyKernels.Forward(x.Data, weight.Data, bias.Data, n, d, v, targets, ignoreIndex, logSumExp, targetLogit, parallel);
        double total = 0;   // fixed order: deterministic
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            if (targets[i] != ignoreIndex)
            {
                total += logSumExp[i] - targetLogit[i];
                kept++;
            }
        }
        Tensor loss = Tensor.ResultOf([1], x, weight, bias);
        loss.Data[0] = kept != 0 ? (float)(total / kept) : 0f;

        // dz_i = dL / kept · (softmax(z_i) − onehot(t_i)) on kept rows; dx += dz · W, dW += dzᵀ · x, db += Σ_i dz_i.
        loss.SetBackward(() =>
        {
            float scale = kept != 0 ? loss.Grad![0] / kept : 0f;
            float[] coefficients = Temporary(n);
            for (int i = 0; i < n; i++)
            {
                coefficients[i] = targets[i] == ignoreIndex ? 0f : scale;
            }
            float[]? dxPartials = x.RequiresGrad ? Temporary(LinearCrossEntropyKernels.Groups(v) * n * d) : null;
            LinearCrossEntropyKernels.Backward(x.Data, weight.Data, bias.Data, n, d, v, targets, logSumExp, coefficients,
                x.RequiresGrad ? x.GradOrZeros() : null, weight.RequiresGrad ? weight.GradOrZeros() : null,
                bias.RequiresGrad ? bias.GradOrZeros() : null, dxPartials, parallel);
        });
        return loss;
    }

    private static void CheckLinearCrossEntropyArguments(Tensor x, Tensor weight, Tensor bias, int[] targets, int ignoreIndex, int d, int v, int n)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (d <= 0 || v <= 0 || x.Rank < 1 || x.Dim(-1) != d || bias.Rank != 1 || bias.Size != v)
        {
            throw new ArgumentException($"LinearCrossEntropy needs weight (C ≥ 1, D ≥ 1), x (…, D) and bias (C); got x {Tensor.ShapeString(x.Shape)}, weight {Tensor.ShapeString(weight.Shape)}, bias {Tensor.ShapeString(bias.Shape)}.");
        }
        if (targets.Length != n)
        {
            throw new ArgumentException($"LinearCrossEntropy: x of shape {Tensor.ShapeString(x.Shape)} holds {n} rows, but {targets.Length} targets were given.", nameof(targets));
        }
        for (int i = 0; i < n; i++)
        {
            if (targets[i] != ignoreIndex && (uint)targets[i] >= (uint)v)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), $"LinearCrossEntropy: targets[{i}] = {targets[i]} is outside [0, {v}) and is not the ignore index {ignoreIndex}.");
            }
        }
    }
}
