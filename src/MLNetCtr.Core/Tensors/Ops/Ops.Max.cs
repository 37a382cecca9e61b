using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Maximum over <paramref name="axis"/>; that dimension is dropped unless <paramref name="keepDims"/>. The gradient
    /// goes to the first maximal element of each reduced run (as torch's <c>max(dim)</c>); NaN propagates.
    /// </summary>
    public static Tensor Max(Tensor x, int axis, bool keepDims = false)
    {
        int a = x.NormalizeAxis(axis);
        int n = x.ShapeArray[a];
        if (n == 0)
        {
            throw new ArgumentException($"Max over axis {axis} of length 0 (shape {Tensor.ShapeString(x.Shape)}) has no value.", nameof(axis));
        }
        (int outer, int inner) = AroundAxis(x.ShapeArray, a);
        int[] shape = keepDims ? WithDim(x.ShapeArray, a, 1) : [.. x.ShapeArray.Where((_, i) => i != a)];
        Tensor y = Tensor.ResultOf(shape.Length > 0 ? shape : [1], x);
        for (int o = 0; o < outer; o++)
        {
            Span<float> best = y.Data.AsSpan(o * inner, inner);
            x.Data.AsSpan(o * n * inner, inner).CopyTo(best);
            for (int k = 1; k < n; k++)
            {
                TensorPrimitives.Max(best, x.Data.AsSpan((o * n + k) * inner, inner), best);
            }
        }

        // dx[first k with x = max] += dy, for every (outer, inner) position.
        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros(), dy = y.Grad!, xs = x.Data, ys = y.Data;
            for (int o = 0; o < outer; o++)
            {
                for (int j = 0; j < inner; j++)
                {
                    int k = 0;
                    while (k < n && xs[(o * n + k) * inner + j] != ys[o * inner + j])
                    {
                        k++;
                    }
                    if (k < n)
                    {
                        dx[(o * n + k) * inner + j] += dy[o * inner + j];
                    }
                }
            }
        });
        return y;
    }
}
