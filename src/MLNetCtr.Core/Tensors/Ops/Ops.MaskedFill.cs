using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>A copy of <paramref name="x"/> with <paramref name="value"/> wherever the same-shaped <paramref name="mask"/> is true.</summary>
    public static Tensor MaskedFill(Tensor x, bool[] mask, float value) => MaskedFill(x, mask, x.ShapeArray, value);

    /// <summary>
    /// A copy of <paramref name="x"/> with <paramref name="value"/> wherever <paramref name="mask"/> (of
    /// <paramref name="maskShape"/>, broadcast to x's shape) is true; masked positions get zero gradient.
    /// Example: attention scores (B, H, L, L) with a padding mask (B, 1, 1, L) and value −∞.
    /// </summary>
    public static Tensor MaskedFill(Tensor x, bool[] mask, int[] maskShape, float value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(maskShape);
        if (Tensor.ShapeSize(maskShape) != mask.Length || !Broadcasting.Shape(x.ShapeArray, maskShape).AsSpan().SequenceEqual(x.ShapeArray))
        {
            throw new ArgumentException($"A mask of shape {Tensor.ShapeString(maskShape)} ({mask.Length} values) does not broadcast to shape {Tensor.ShapeString(x.Shape)}.", nameof(maskShape));
        }
        // keep[i] = 0 where the (broadcast) mask is true, else 1; it is also the backward's multiplier.
        float[] keep = Temporary(x.Size), maskAsFloat = mask.Length == x.Size ? keep : Temporary(mask.Length);
        for (int i = 0; i < mask.Length; i++)
        {
            maskAsFloat[i] = mask[i] ? 0f : 1f;
        }
        if (maskAsFloat != keep)
        {
            Broadcasting.Apply(keep, x.ShapeArray, maskAsFloat, maskShape, keep, x.ShapeArray, BinaryKernel.Add);
        }
        Tensor y = Tensor.ResultOf(x.ShapeArray, x);
        for (int i = 0; i < keep.Length; i++)
        {
            y.Data[i] = keep[i] == 0f ? value : x.Data[i];
        }
        y.SetBackward(() => TensorPrimitives.MultiplyAdd(y.Grad!, keep, x.GradOrZeros(), x.Grad!));   // dx += dy ⊙ keep
        return y;
    }
}
