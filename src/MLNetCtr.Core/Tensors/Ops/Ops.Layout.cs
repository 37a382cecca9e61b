using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Elements before <paramref name="axis"/> (outer) and after it (inner) in a row-major shape.</summary>
    /// <remarks>A contiguous tensor is then an <c>(outer, shape[axis], inner)</c> block, which is how axis ops index it.</remarks>
    private static (int Outer, int Inner) AroundAxis(int[] shape, int axis) =>
        (Tensor.ShapeSize(shape.AsSpan(0, axis)), Tensor.ShapeSize(shape.AsSpan(axis + 1)));

    /// <summary>A copy of <paramref name="shape"/> with dimension <paramref name="axis"/> set to <paramref name="size"/>.</summary>
    private static int[] WithDim(int[] shape, int axis, int size)
    {
        int[] result = (int[])shape.Clone();
        result[axis] = size;
        return result;
    }

    /// <summary>The gradient step of ops that only move or copy elements in order: <c>dx += dy</c>.</summary>
    private static void AccumulateSameOrder(Tensor x, Tensor y)
    {
        if (x.RequiresGrad)
        {
            float[] dx = x.GradOrZeros();
            TensorPrimitives.Add(dx, y.Grad!, dx);
        }
    }

    /// <summary>Throws naming the first index outside <c>[0, count)</c>, its position, and what it indexes.</summary>
    private static void CheckIndices(ReadOnlySpan<int> indices, int count, string indexed, string parameterName)
    {
        for (int p = 0; p < indices.Length; p++)
        {
            if ((uint)indices[p] >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(parameterName, $"Id {indices[p]} at position {p} is out of range for {indexed}.");
            }
        }
    }

    /// <summary>Offset in the source of the start of run <paramref name="outer"/>, walking all axes but the last.</summary>
    private static int StridedOffset(int outer, int[] shape, int[] strides)
    {
        int offset = 0;
        for (int d = shape.Length - 2; d >= 0; d--)
        {
            offset += outer % shape[d] * strides[d];
            outer /= shape[d];
        }
        return offset;
    }
}
