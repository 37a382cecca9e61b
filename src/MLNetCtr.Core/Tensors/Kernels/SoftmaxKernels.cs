using System.Numerics.Tensors;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>
/// Row kernels for softmax and log-softmax over one row of C values, numerically stable by subtracting the row
/// maximum m: <c>softmax(x)_j = exp(x_j − m) / Σ_k exp(x_k − m)</c>. Entries of −∞ (masked) get probability 0.
/// </summary>
internal static class SoftmaxKernels
{
    /// <summary>Stack scratch used to vectorise exp without a heap buffer.</summary>
    private const int Chunk = 256;

    /// <summary><c>y = softmax(x)</c>; x and y may be the same span. A row that is all −∞ is left to the caller.</summary>
    public static void Softmax(ReadOnlySpan<float> x, Span<float> y)
    {
        float max = TensorPrimitives.Max(x);
        ExpKernels.ScaledExp(x, max, 1f, y);
        TensorPrimitives.Multiply(y, 1f / TensorPrimitives.Sum(y), y);
    }

    /// <summary><c>y = x − logΣexp(x)</c>; x and y may be the same span.</summary>
    public static void LogSoftmax(ReadOnlySpan<float> x, Span<float> y)
    {
        float logSumExp = LogSumExp(x);
        TensorPrimitives.Subtract(x, logSumExp, y);
    }

    /// <summary><c>log Σ_j exp(x_j)</c>, computed as <c>m + log Σ_j exp(x_j − m)</c> with m = max(x).</summary>
    public static float LogSumExp(ReadOnlySpan<float> x)
    {
        float max = TensorPrimitives.Max(x);
        return max + MathF.Log(SumExpShifted(x, max));
    }

    /// <summary>Softmax backward: <c>dx += y ⊙ (dy − ⟨dy, y⟩)</c>, with y the softmax output.</summary>
    public static void SoftmaxBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        float dot = TensorPrimitives.Dot(dy, y);
        TensorPrimitives.MultiplyAdd(y, dy, dx, dx);    // dx += y ⊙ dy
        TensorPrimitives.MultiplyAdd(y, -dot, dx, dx);  // dx −= ⟨dy, y⟩ · y
    }

    /// <summary>Log-softmax backward: <c>dx += dy − exp(y) · Σ dy</c>, with y the log-softmax output.</summary>
    public static void LogSoftmaxBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        TensorPrimitives.Add(dx, dy, dx);
        AddScaledExp(y, shift: 0f, scale: -TensorPrimitives.Sum(dy), dx);
    }

    /// <summary><c>Σ_j exp(x_j − shift)</c>, vectorised through a stack chunk.</summary>
    public static float SumExpShifted(ReadOnlySpan<float> x, float shift)
    {
        if (ExpKernels.IsAccelerated)
        {
            return ExpKernels.SumExpShifted(x, shift);
        }
        Span<float> buffer = stackalloc float[Chunk];
        float sum = 0f;
        for (int start = 0; start < x.Length; start += Chunk)
        {
            Span<float> part = buffer[..Math.Min(Chunk, x.Length - start)];
            TensorPrimitives.Subtract(x.Slice(start, part.Length), shift, part);
            TensorPrimitives.Exp(part, part);
            sum += TensorPrimitives.Sum(part);
        }
        return sum;
    }

    /// <summary><c>dx_j += scale · exp(x_j − shift)</c>, vectorised through a stack chunk.</summary>
    public static void AddScaledExp(ReadOnlySpan<float> x, float shift, float scale, Span<float> dx)
    {
        Span<float> buffer = stackalloc float[Chunk];
        for (int start = 0; start < x.Length; start += Chunk)
        {
            Span<float> part = buffer[..Math.Min(Chunk, x.Length - start)];
            Span<float> target = dx.Slice(start, part.Length);
            ExpKernels.ScaledExp(x.Slice(start, part.Length), shift, scale, part);
            TensorPrimitives.Add(part, target, target);
        }
    }
}
