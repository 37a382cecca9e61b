using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Sum of all elements, shape <c>(1,)</c>.</summary>
    public static Tensor Sum(Tensor x) => Reduce(x, [.. Enumerable.Range(0, x.Rank)], keepDims: false, mean: false);

    /// <summary>Sum over <paramref name="axis"/> (negative counts from the end); that dimension is dropped unless <paramref name="keepDims"/>.</summary>
    public static Tensor Sum(Tensor x, int axis, bool keepDims = false) => Reduce(x, [axis], keepDims, mean: false);

    /// <summary>Sum over several distinct axes; they are dropped unless <paramref name="keepDims"/> (all dropped gives <c>(1,)</c>).</summary>
    public static Tensor Sum(Tensor x, int[] axes, bool keepDims = false) => Reduce(x, axes, keepDims, mean: false);

    /// <summary>
    /// Sum (or mean) over <paramref name="axes"/>. Forward: the backward of broadcasting, from x's shape to the kept
    /// shape (reduced axes set to 1). Backward: <c>dx += broadcast(dy · scale)</c>, scale 1 or 1/count.
    /// </summary>
    private static Tensor Reduce(Tensor x, int[] axes, bool keepDims, bool mean)
    {
        ArgumentNullException.ThrowIfNull(axes);
        int[] kept = (int[])x.ShapeArray.Clone();
        var reduced = new bool[x.Rank];
        foreach (int axis in axes)
        {
            int a = x.NormalizeAxis(axis);
            if (reduced[a])
            {
                throw new ArgumentException($"Axis {axis} is repeated in [{string.Join(", ", axes)}] (shape {Tensor.ShapeString(x.Shape)}).", nameof(axes));
            }
            reduced[a] = true;
            kept[a] = 1;
        }
        int count = Tensor.ShapeSize(x.ShapeArray.Where((_, i) => reduced[i]).ToArray());
        float scale = mean ? 1f / count : 1f;
        int[] dropped = [.. kept.Where((_, i) => !reduced[i])];
        Tensor y = Tensor.ResultOf(keepDims ? kept : dropped.Length > 0 ? dropped : [1], x);
        Broadcasting.AccumulateReduced(x.Data, x.ShapeArray, y.Data, kept);
        if (mean)
        {
            TensorPrimitives.Multiply(y.Data, scale, y.Data);
        }

        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros(), dy = y.Grad!;
            if (mean)
            {
                dy = Temporary(y.Size);
                TensorPrimitives.Multiply(y.Grad!, scale, dy);
            }
            Broadcasting.Apply(dx, x.ShapeArray, dy, kept, dx, x.ShapeArray, BinaryKernel.Add);
        });
        return y;
    }
}
