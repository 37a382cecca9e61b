namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// The same elements, in order, in a new shape; at most one dimension may be −1 and is then inferred. The data is
    /// copied (tensors are contiguous); the gradient flows back unchanged.
    /// </summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        int[] target = ResolveShape(x, shape);
        Tensor y = Tensor.ResultOfOverwritten(target, x);
        x.Data.AsSpan().CopyTo(y.Data);
        y.SetBackward(() => AccumulateSameOrder(x, y));
        return y;
    }

    /// <summary>Merges axes <paramref name="startAxis"/> … <paramref name="endAxis"/> (inclusive) into one: (B, F, D).Flatten(1) is (B, F·D).</summary>
    public static Tensor Flatten(Tensor x, int startAxis = 0, int endAxis = -1)
    {
        int start = x.NormalizeAxis(startAxis), end = x.NormalizeAxis(endAxis);
        if (start > end)
        {
            throw new ArgumentException($"Flatten: start axis {startAxis} comes after end axis {endAxis} (shape {Tensor.ShapeString(x.Shape)}).", nameof(startAxis));
        }
        int[] s = x.ShapeArray;
        return Reshape(x, [.. s[..start], Tensor.ShapeSize(s.AsSpan(start..(end + 1))), .. s[(end + 1)..]]);
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="axis"/>, in <c>[−(Rank+1), Rank]</c>: (B, D).Unsqueeze(1) is (B, 1, D).</summary>
    public static Tensor Unsqueeze(Tensor x, int axis)
    {
        int a = axis < 0 ? axis + x.Rank + 1 : axis;
        ArgumentOutOfRangeException.ThrowIfNegative(a, nameof(axis));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(a, x.Rank, nameof(axis));
        return Reshape(x, [.. x.ShapeArray[..a], 1, .. x.ShapeArray[a..]]);
    }

    /// <summary>Removes dimension <paramref name="axis"/>, which must have size 1: (B, 1, D).Squeeze(1) is (B, D).</summary>
    public static Tensor Squeeze(Tensor x, int axis)
    {
        int a = x.NormalizeAxis(axis);
        if (x.ShapeArray[a] != 1 || x.Rank == 1)
        {
            throw new ArgumentException($"Squeeze: axis {axis} of shape {Tensor.ShapeString(x.Shape)} is not a size-1 dimension of a tensor of rank ≥ 2.", nameof(axis));
        }
        return Reshape(x, [.. x.ShapeArray[..a], .. x.ShapeArray[(a + 1)..]]);
    }

    private static int[] ResolveShape(Tensor x, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int[] target = (int[])shape.Clone();
        int inferred = Array.IndexOf(target, -1);
        int known = Tensor.ShapeSize(target.Where(d => d != -1).Select(Math.Abs).ToArray());
        bool valid = target.Count(d => d == -1) <= 1 && target.All(d => d >= -1) && (inferred >= 0 ? known > 0 && x.Size % known == 0 : known == x.Size);
        if (!valid)
        {
            throw new ArgumentException($"Cannot reshape a tensor of shape {Tensor.ShapeString(x.Shape)} ({x.Size} elements) to {Tensor.ShapeString(shape)}.", nameof(shape));
        }
        if (inferred >= 0)
        {
            target[inferred] = x.Size / known;
        }
        return target;
    }
}
