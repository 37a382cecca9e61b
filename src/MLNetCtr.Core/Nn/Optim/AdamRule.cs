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
        float oneMinusBeta1 = coefficients.OneMinusBeta1, oneMinusBeta2 = coefficients.OneMinusBeta2;
        float stepSize = coefficients.StepSize, biasCorrection2Sqrt = coefficients.BiasCorrection2Sqrt;
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
