using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>Which fan a Kaiming initializer preserves the variance of.</summary>
public enum FanMode
{
    /// <summary>Number of inputs: preserves the variance of activations in the forward pass (torch's default).</summary>
    FanIn,

    /// <summary>Number of outputs: preserves the variance of gradients in the backward pass.</summary>
    FanOut,
}

/// <summary>
/// Weight initializers, as <c>torch.nn.init</c> defines them. Each fills a tensor's data in place from the given
/// <see cref="Random"/> (so a seed fixes the result) and returns the tensor.
/// </summary>
/// <remarks>
/// Fans follow torch's <c>_calculate_fan_in_and_fan_out</c> (see <see cref="ComputeFans"/>): a Linear weight
/// <c>(out, in)</c> has fan-in <c>in</c> and fan-out <c>out</c>; an embedding table <c>(V, D)</c> has fan-in D and
/// fan-out V. A uniform U(−b, b) has standard deviation <c>b / √3</c>, hence the √3 in the uniform variants.
/// </remarks>
public static class Init
{
    /// <summary>
    /// Fans of a weight of shape (out, in, k₁, …): <c>fanIn = in · Π k</c>, <c>fanOut = out · Π k</c>
    /// (the trailing dimensions form the receptive field). Needs rank ≥ 2, as torch does.
    /// </summary>
    public static (int FanIn, int FanOut) ComputeFans(ReadOnlySpan<int> shape)
    {
        if (shape.Length < 2)
        {
            throw new ArgumentException($"Fans need a tensor of rank ≥ 2, not shape {Tensor.ShapeString(shape)}.", nameof(shape));
        }
        int receptiveField = Tensor.ShapeSize(shape[2..]);
        return (shape[1] * receptiveField, shape[0] * receptiveField);
    }

    /// <summary>Gain of a leaky ReLU with the given negative slope: <c>√(2 / (1 + a²))</c>; √2 for a plain ReLU (a = 0).</summary>
    public static float LeakyReluGain(float negativeSlope = 0f) => MathF.Sqrt(2f / (1f + negativeSlope * negativeSlope));

    /// <summary>Glorot/Xavier uniform: U(−b, b) with <c>b = gain · √(6 / (fanIn + fanOut))</c>.</summary>
    public static Tensor XavierUniform(Tensor tensor, Random random, float gain = 1f)
    {
        (int fanIn, int fanOut) = ComputeFans(tensor.Shape);
        return Uniform(tensor, gain * MathF.Sqrt(6f / (fanIn + fanOut)), random);
    }

    /// <summary>Glorot/Xavier normal: N(0, σ²) with <c>σ = gain · √(2 / (fanIn + fanOut))</c>.</summary>
    public static Tensor XavierNormal(Tensor tensor, Random random, float gain = 1f)
    {
        (int fanIn, int fanOut) = ComputeFans(tensor.Shape);
        return Normal(tensor, gain * MathF.Sqrt(2f / (fanIn + fanOut)), random);
    }

    /// <summary>
    /// He/Kaiming uniform: U(−b, b) with <c>b = √3 · gain / √fan</c> and the leaky-ReLU gain of
    /// <paramref name="negativeSlope"/> (0: ReLU, gain √2). With slope √5 and fan-in this is torch's default Linear
    /// weight init, U(±1/√in).
    /// </summary>
    public static Tensor KaimingUniform(Tensor tensor, Random random, float negativeSlope = 0f, FanMode mode = FanMode.FanIn)
    {
        float std = LeakyReluGain(negativeSlope) / MathF.Sqrt(Fan(tensor, mode));
        return Uniform(tensor, MathF.Sqrt(3f) * std, random);
    }

    /// <summary>He/Kaiming normal: N(0, σ²) with <c>σ = gain / √fan</c> and the leaky-ReLU gain of <paramref name="negativeSlope"/>.</summary>
    public static Tensor KaimingNormal(Tensor tensor, Random random, float negativeSlope = 0f, FanMode mode = FanMode.FanIn) =>
        Normal(tensor, LeakyReluGain(negativeSlope) / MathF.Sqrt(Fan(tensor, mode)), random);

    /// <summary>Fills with draws from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²) (Box–Muller).</summary>
    public static Tensor Normal(Tensor tensor, float standardDeviation, Random random, float mean = 0f)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(standardDeviation);
        float[] data = tensor.Data;
        for (int i = 0; i < data.Length; i += 2)
        {
            // Box–Muller: two independent standard normals from two uniforms; 1 − U keeps the log argument in (0, 1].
            double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
            double angle = 2.0 * Math.PI * random.NextDouble();
            data[i] = mean + standardDeviation * (float)(radius * Math.Cos(angle));
            if (i + 1 < data.Length)
            {
                data[i + 1] = mean + standardDeviation * (float)(radius * Math.Sin(angle));
            }
        }
        return tensor;
    }

    /// <summary>Fills with draws from U(−<paramref name="bound"/>, <paramref name="bound"/>).</summary>
    public static Tensor Uniform(Tensor tensor, float bound, Random random)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(bound);
        float[] data = tensor.Data;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((2.0 * random.NextDouble() - 1.0) * bound);
        }
        return tensor;
    }

    /// <summary>Fills with zeros.</summary>
    public static Tensor Zeros(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Array.Clear(tensor.Data);
        return tensor;
    }

    private static int Fan(Tensor tensor, FanMode mode)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        (int fanIn, int fanOut) = ComputeFans(tensor.Shape);
        int fan = mode == FanMode.FanIn ? fanIn : fanOut;
        return fan > 0 ? fan : throw new ArgumentException($"Kaiming init needs a non-zero fan; shape {Tensor.ShapeString(tensor.Shape)} has {mode} = 0.", nameof(tensor));
    }
}
