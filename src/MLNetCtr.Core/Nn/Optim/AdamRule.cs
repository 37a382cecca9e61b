using System.Runtime.Intrinsics;
using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Nn.Optim;

/// <summary>The Adam moment update and step, shared by <see cref="Adam"/> and <see cref="AdamW"/>.</summary>
internal static class AdamRule
{
    /// <summary>
    /// torch's single-tensor Adam on one range, with <c>t</c> the parameter's step count:
    /// <code>
    /// g  = grad + λ·θ                      (λ = l2WeightDecay; 0 for AdamW)
    /// m  = β₁·m + (1 − β₁)·g
    /// v  = β₂·v + (1 − β₂)·g²
    /// θ -= (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
    /// </code>
    /// </summary>
    /// <remarks><paramref name="coefficients"/> caches the step's bias corrections across the rows of a sparse table.</remarks>
    public static void Apply(in ParameterSlice slice, float[] firstMoment, float[] secondMoment, float beta1, float beta2, float epsilon, float l2WeightDecay, ref Coefficients coefficients)
    {
        Span<float> theta = slice.Values, grad = slice.Gradient, m = slice.Of(firstMoment), v = slice.Of(secondMoment);
        if (coefficients.Step != slice.Step || coefficients.LearningRate != slice.LearningRate)
        {
            coefficients = new Coefficients(slice.Step, slice.LearningRate, beta1, beta2);
        }
        Step(theta, grad, m, v, beta1, beta2, epsilon, l2WeightDecay, coefficients);
    }

    /// <summary>
    /// The update of <see cref="Apply"/> on spans, vectorized (Vector512, else Vector256) in the same operation order as
    /// <see cref="StepReference"/>, so the results are bitwise equal; long ranges (dense weights) are split across cores.
    /// </summary>
    internal static void Step(Span<float> theta, Span<float> grad, Span<float> m, Span<float> v, float beta1, float beta2, float epsilon, float l2WeightDecay, in Coefficients c)
    {
        if (theta.Length < 2 * ParallelChunk)
        {
            StepRange(theta, grad, m, v, beta1, beta2, epsilon, l2WeightDecay, c);
            return;
        }
        unsafe
        {
            fixed (float* pt = theta, pg = grad, pm = m, pv = v)
            {
                (nint t, nint g, nint mm, nint vv, int length) = ((nint)pt, (nint)pg, (nint)pm, (nint)pv, theta.Length);
                Coefficients cc = c;
                ParallelRows.For((length + ParallelChunk - 1) / ParallelChunk, ParallelChunk, (start, end) =>
                {
                    int from = start * ParallelChunk, count = Math.Min(length, end * ParallelChunk) - from;
                    StepRange(new Span<float>((float*)t + from, count), new Span<float>((float*)g + from, count), new Span<float>((float*)mm + from, count),
                        new Span<float>((float*)vv + from, count), beta1, beta2, epsilon, l2WeightDecay, cc);
                });
            }
        }
    }

    /// <summary>Values per parallel block of a dense update.</summary>
    private const int ParallelChunk = 1 << 15;

    private static void StepRange(Span<float> theta, Span<float> grad, Span<float> m, Span<float> v, float beta1, float beta2, float epsilon, float l2WeightDecay, in Coefficients c)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= theta.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512<float> th = Vector512.Create<float>(theta[i..]), g = Vector512.Create<float>(grad[i..]);
                g = l2WeightDecay != 0f ? g + (l2WeightDecay * th) : g;
                Vector512<float> mi = (Vector512.Create<float>(m[i..]) * beta1) + (g * c.OneMinusBeta1);
                Vector512<float> vi = (Vector512.Create<float>(v[i..]) * beta2) + (g * g * c.OneMinusBeta2);
                Vector512<float> denominator = (Vector512.Sqrt(vi) / c.BiasCorrection2Sqrt) + Vector512.Create(epsilon);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                (th - (c.StepSize * (mi / denominator))).CopyTo(theta[i..]);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= theta.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> th = Vector256.Create<float>(theta[i..]), g = Vector256.Create<float>(grad[i..]);
                g = l2WeightDecay != 0f ? g + (l2WeightDecay * th) : g;
                Vector256<float> mi = (Vector256.Create<float>(m[i..]) * beta1) + (g * c.OneMinusBeta1);
                Vector256<float> vi = (Vector256.Create<float>(v[i..]) * beta2) + (g * g * c.OneMinusBeta2);
                Vector256<float> denominator = (Vector256.Sqrt(vi) / c.BiasCorrection2Sqrt) + Vector256.Create(epsilon);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                (th - (c.StepSize * (mi / denominator))).CopyTo(theta[i..]);
            }
        }
        StepReference(theta[i..], grad[i..], m[i..], v[i..], beta1, beta2, epsilon, l2WeightDecay, c);
    }

    /// <summary>The plain scalar update that <see cref="Step"/> must match bit for bit.</summary>
    internal static void StepReference(Span<float> theta, Span<float> grad, Span<float> m, Span<float> v, float beta1, float beta2, float epsilon, float l2WeightDecay, in Coefficients c)
    {
        float oneMinusBeta1 = c.OneMinusBeta1, oneMinusBeta2 = c.OneMinusBeta2;
        float stepSize = c.StepSize, biasCorrection2Sqrt = c.BiasCorrection2Sqrt;
        for (int i = 0; i < theta.Length; i++)
        {
            float g = l2WeightDecay != 0f ? grad[i] + l2WeightDecay * theta[i] : grad[i];
            m[i] = m[i] * beta1 + g * oneMinusBeta1;
            v[i] = v[i] * beta2 + g * g * oneMinusBeta2;
            float denominator = MathF.Sqrt(v[i]) / biasCorrection2Sqrt + epsilon;
            theta[i] -= stepSize * (m[i] / denominator);
        }
    }

    /// <summary>The scalars of one step, in double and then rounded once, as torch computes them in Python floats.</summary>
    public readonly struct Coefficients
    {
        public Coefficients(long step, float learningRate, float beta1, float beta2)
        {
            Step = step;
            LearningRate = learningRate;
            OneMinusBeta1 = (float)(1.0 - beta1);
            OneMinusBeta2 = (float)(1.0 - beta2);
            StepSize = (float)(learningRate / (1.0 - Math.Pow(beta1, step)));   // lr / (1 − β₁ᵗ)
            BiasCorrection2Sqrt = (float)Math.Sqrt(1.0 - Math.Pow(beta2, step));   // √(1 − β₂ᵗ)
        }

        public long Step { get; }

        public float LearningRate { get; }

        public float OneMinusBeta1 { get; }

        public float OneMinusBeta2 { get; }

        public float StepSize { get; }

        public float BiasCorrection2Sqrt { get; }
    }

    /// <summary>Throws unless the betas are in [0, 1) and ε ≥ 0 (torch's checks).</summary>
    public static void Validate(float beta1, float beta2, float epsilon)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(beta1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(beta1, 1f);
        ArgumentOutOfRangeException.ThrowIfNegative(beta2);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(beta2, 1f);
        ArgumentOutOfRangeException.ThrowIfNegative(epsilon);
    }
}
