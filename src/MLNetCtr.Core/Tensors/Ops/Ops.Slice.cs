using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Elements <c>start … start+length−1</c> along <paramref name="axis"/>: (B, 10).Slice(1, 2, 3) is (B, 3). Copies.</summary>
    public static Tensor Slice(Tensor x, int axis, int start, int length)
    {
        int a = x.NormalizeAxis(axis), n = x.ShapeArray[a];
        if (start < 0 || length < 0 || start > n - length)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice [{start}, {start + length}) is outside axis {axis} of length {n} (shape {Tensor.ShapeString(x.Shape)}).");
        }
        Tensor y = Tensor.ResultOfOverwritten(WithDim(x.ShapeArray, a, length), x);
        (int outer, int inner) = AroundAxis(x.ShapeArray, a);
        int block = length * inner, inputRow = n * inner, skip = start * inner;   // x is (outer, n·inner)
        for (int o = 0; o < outer; o++)
        {
            x.Data.AsSpan(o * inputRow + skip, block).CopyTo(y.Data.AsSpan(o * block, block));
        }

        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros();
            for (int o = 0; o < outer; o++)
            {
                Span<float> dxRun = dx.AsSpan(o * inputRow + skip, block);
                TensorPrimitives.Add(dxRun, y.Grad!.AsSpan(o * block, block), dxRun);
            }
        });
        return y;
    }

    /// <summary>Cuts <paramref name="axis"/> into consecutive pieces of the given sizes, which must add up to its length.</summary>
    public static Tensor[] Split(Tensor x, IReadOnlyList<int> sizes, int axis)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int n = x.Dim(axis);
        if (sizes.Any(s => s < 0) || sizes.Sum() != n)
        {
            throw new ArgumentException($"Split sizes [{string.Join(", ", sizes)}] do not add up to {n}, the length of axis {axis} of shape {Tensor.ShapeString(x.Shape)}.", nameof(sizes));
        }
        var pieces = new Tensor[sizes.Count];
        for (int i = 0, start = 0; i < pieces.Length; start += sizes[i], i++)
        {
            pieces[i] = Slice(x, axis, start, sizes[i]);
        }
        return pieces;
    }
}
