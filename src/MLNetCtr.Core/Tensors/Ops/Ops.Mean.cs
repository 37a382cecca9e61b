namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Mean of all elements, shape <c>(1,)</c>.</summary>
    public static Tensor Mean(Tensor x) => Reduce(x, [.. Enumerable.Range(0, x.Rank)], keepDims: false, mean: true);

    /// <summary>Mean over <paramref name="axis"/> (negative counts from the end); that dimension is dropped unless <paramref name="keepDims"/>.</summary>
    public static Tensor Mean(Tensor x, int axis, bool keepDims = false) => Reduce(x, [axis], keepDims, mean: true);

    /// <summary>Mean over several distinct axes; they are dropped unless <paramref name="keepDims"/> (all dropped gives <c>(1,)</c>).</summary>
    public static Tensor Mean(Tensor x, int[] axes, bool keepDims = false) => Reduce(x, axes, keepDims, mean: true);
}
