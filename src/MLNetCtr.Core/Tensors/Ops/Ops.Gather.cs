namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// torch.gather: <c>y[i₀, …, i_axis, …] = x[i₀, …, index[i₀, …, i_axis, …], …]</c>. The index (given flat, with
    /// <paramref name="indexShape"/>) has x's rank and is no larger than x in every other dimension; y has its shape.
    /// Example: logits (B, C) with labels (B, 1) on axis 1 give each row's label logit, (B, 1).
    /// </summary>
    public static Tensor Gather(Tensor x, int axis, int[] index, int[] indexShape)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(indexShape);
        int a = x.NormalizeAxis(axis);
        if (indexShape.Length != x.Rank || Tensor.ShapeSize(indexShape) != index.Length
            || indexShape.Where((d, i) => i != a && d > x.ShapeArray[i]).Any())
        {
            throw new ArgumentException($"Gather on axis {axis}: an index of shape {Tensor.ShapeString(indexShape)} ({index.Length} values) does not fit shape {Tensor.ShapeString(x.Shape)}.", nameof(indexShape));
        }
        CheckIndices(index, x.ShapeArray[a], $"axis {axis} of length {x.ShapeArray[a]} (shape {Tensor.ShapeString(x.Shape)})", nameof(index));
        Tensor y = Tensor.ResultOf(indexShape, x);
        for (int p = 0; p < index.Length; p++)
        {
            y.Data[p] = x.Data[GatherSource(p, x.ShapeArray, a, index, indexShape)];
        }

        // Several positions may read the same element: the backward accumulates, in order of p.
        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros(), dy = y.Grad!;
            for (int p = 0; p < index.Length; p++)
            {
                dx[GatherSource(p, x.ShapeArray, a, index, indexShape)] += dy[p];
            }
        });
        return y;
    }

    /// <summary>Offset in x read by flat index position <paramref name="position"/>.</summary>
    private static int GatherSource(int position, int[] shape, int axis, int[] index, int[] indexShape)
    {
        int offset = 0, stride = 1, rest = position;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            int coordinate = rest % indexShape[d];
            rest /= indexShape[d];
            offset += (d == axis ? index[position] : coordinate) * stride;
            stride *= shape[d];
        }
        return offset;
    }
}
