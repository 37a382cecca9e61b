using MLNetCtr.Tensors;

namespace MLNetCtr.Nn;

/// <summary>
/// Affine map <c>y = x · Wᵀ + b</c> over the last dimension, with W of shape (out, in) and b of shape (out), as
/// torch's <c>nn.Linear</c>. Input <c>(…, in)</c> with at least two dimensions, output <c>(…, out)</c>.
/// </summary>
/// <remarks>
/// Initialization is torch's default: <c>kaiming_uniform(a = √5)</c> for W, which is U(±1/√in), and U(±1/√in) for b.
/// </remarks>
public sealed class Linear : Module
{
    /// <summary>Creates the layer and initializes it from <paramref name="random"/>.</summary>
    /// <param name="inFeatures">Size of the input's last dimension.</param>
    /// <param name="outFeatures">Size of the output's last dimension.</param>
    /// <param name="random">Source of the initial weights; a fixed seed gives fixed weights.</param>
    /// <param name="bias">Whether to add a learned bias.</param>
    public Linear(int inFeatures, int outFeatures, Random random, bool bias = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        ArgumentNullException.ThrowIfNull(random);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Tensor.Parameter(new float[outFeatures * inFeatures], [outFeatures, inFeatures]));
        Init.KaimingUniform(Weight, random, negativeSlope: MathF.Sqrt(5f));
        if (bias)
        {
            Bias = RegisterParameter("bias", Tensor.Parameter(new float[outFeatures], [outFeatures]));
            Init.Uniform(Bias, 1f / MathF.Sqrt(inFeatures), random);
        }
    }

    /// <summary>Size of the input's last dimension.</summary>
    public int InFeatures { get; }

    /// <summary>Size of the output's last dimension.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight W, shape (out, in).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias b, shape (out), or null for a layer without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>Applies the map to <paramref name="input"/> of shape <c>(…, in)</c>, rank ≥ 2; returns <c>(…, out)</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2 || input.Dim(-1) != InFeatures)
        {
            throw new ArgumentException($"Linear({InFeatures} → {OutFeatures}) needs input (…, {InFeatures}) of rank ≥ 2, got {Tensor.ShapeString(input.Shape)}.", nameof(input));
        }
        return Bias is null
            ? Ops.MatMul(input, Weight, transposeB: true)               // (…, out)
            : Ops.Linear(input, Weight, Bias);                          // (…, out): x · Wᵀ + b, fused
    }
}
