using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using MLNetCtr.Tensors;

namespace MLNetCtr.Nn.Optim;

/// <summary>Gradient clipping, as <c>torch.nn.utils.clip_grad_norm_</c>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient by <c>min(1, maxNorm / (‖g‖ + 1e-6))</c>, where ‖g‖ is the L2 norm of all gradients
    /// taken together, and returns ‖g‖. For sparse-gradient tables only the touched rows count and are scaled
    /// (the others are zero). Parameters without a gradient are skipped. A NaN or infinite norm is returned as it
    /// is and nothing is scaled, so the caller can stop or skip the step.
    /// </summary>
    public static float ClipGlobalNorm(IEnumerable<Tensor> parameters, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNorm);
        Tensor[] withGradient = [.. parameters.Where(p => p.Grad is not null)];
        double sumOfSquares = 0;
        foreach (Tensor p in withGradient)
        {
            ForEachGradientRange(p, range => sumOfSquares += TensorPrimitives.SumOfSquares(range));
        }
        float totalNorm = (float)Math.Sqrt(sumOfSquares);
        if (!float.IsFinite(totalNorm))
        {
            return totalNorm;
        }
        float scale = maxNorm / (totalNorm + 1e-6f);
        if (scale < 1f)
        {
            foreach (Tensor p in withGradient)
            {
                ForEachGradientRange(p, range => TensorPrimitives.Multiply(range, scale, range));
            }
        }
        return totalNorm;
    }

    /// <summary>Calls <paramref name="action"/> on the whole gradient, or on each touched row of a sparse-gradient table.</summary>
    private static void ForEachGradientRange(Tensor p, SpanAction action)
    {
        if (p.TouchedRows is { } rows)
        {
            int width = p.Size / p.Dim(0);
            foreach (int row in rows)
            {
                action(p.Grad.AsSpan(row * width, width));
            }
        }
        else
        {
            action(p.Grad);
        }
    }

    private delegate void SpanAction(Span<float> range);
}
