using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Layer normalisation over the last axis (Ba et al., 2016): for each row x of <c>(…, D)</c>,
    /// <c>y = (x − mean(x)) / √(var(x) + ε) ⊙ γ + β</c>, with the biased variance, as PyTorch's <c>layer_norm</c>.
    /// Output is <c>(…, D)</c>.
    /// </summary>
    /// <param name="x">Input, <c>(…, D)</c>.</param>
    /// <param name="gamma">Scale γ, shape <c>(D)</c>, or null for none.</param>
    /// <param name="beta">Shift β, shape <c>(D)</c>, or null for none.</param>
    /// <param name="epsilon">Added to the variance; must be ≥ 0. Default: 1e-5, as in PyTorch.</param>
    /// <remarks>NOTE: fused so the backward keeps only μ and 1/σ per row instead of a dozen intermediate tensors.</remarks>
    public static Tensor LayerNorm(Tensor x, Tensor? gamma, Tensor? beta, float epsilon = 1e-5f)
    {
        int d = x.Dim(-1), rows = d == 0 ? 0 : x.Size / d;
        CheckAffine(gamma, d, nameof(gamma));
        CheckAffine(beta, d, nameof(beta));
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
        Tensor y = Tensor.ResultOfOverwritten(x.ShapeArray, new[] { x, gamma, beta }.OfType<Tensor>().ToArray());   // every row is written
        float[] xs = x.Data, ys = y.Data, statistics = Temporary(2 * rows);   // per row: μ, 1/σ
        float[] g = gamma?.Data ?? [], b = beta?.Data ?? [];
        ParallelRows.For(rows, d, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                (statistics[2 * r], statistics[2 * r + 1]) = LayerNormKernels.Forward(xs.AsSpan(r * d, d), g, b, epsilon, ys.AsSpan(r * d, d));
            }
        });

        // dx += r·(g − mean(g) − x̂·mean(g ⊙ x̂)) with g = dy ⊙ γ;   dγ += Σ_rows dy ⊙ x̂;   dβ += Σ_rows dy.
        y.SetBackward(() =>
        {
            float[] dy = y.Grad!;
            if (x.RequiresGrad)
            {
                float[] dx = x.GradOrZeros();
                ParallelRows.For(rows, d, (start, end) =>
                {
                    Span<float> scratch = d <= 512 ? stackalloc float[2 * d] : new float[2 * d];   // one per block, not per row
                    for (int r = start; r < end; r++)
                    {
                        LayerNormKernels.InputBackward(xs.AsSpan(r * d, d), dy.AsSpan(r * d, d), g, statistics[2 * r], statistics[2 * r + 1], dx.AsSpan(r * d, d), scratch);
                    }
                });
            }
            bool scaleGrad = gamma is { RequiresGrad: true }, shiftGrad = beta is { RequiresGrad: true };
            if (scaleGrad || shiftGrad)
            {
                float[] dGamma = scaleGrad ? gamma!.GradOrZeros() : [], dBeta = shiftGrad ? beta!.GradOrZeros() : [], xHat = Temporary(d);
                for (int r = 0; r < rows; r++)   // a reduction over rows: sequential, so the sum order is fixed
                {
                    LayerNormKernels.AffineBackward(xs.AsSpan(r * d, d), dy.AsSpan(r * d, d), statistics[2 * r], statistics[2 * r + 1], dGamma, dBeta, xHat);
                }
            }
        });
        return y;
    }

    private static void CheckAffine(Tensor? parameter, int d, string name)
    {
        if (parameter is not null && (parameter.Rank != 1 || parameter.Size != d))
        {
            throw new ArgumentException($"LayerNorm: {name} has shape {Tensor.ShapeString(parameter.Shape)}, expected ({d},) to match the last axis of the input.", name);
        }
    }
}
