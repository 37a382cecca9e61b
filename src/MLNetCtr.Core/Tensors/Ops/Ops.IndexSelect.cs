using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Picks entries <paramref name="indices"/> along <paramref name="axis"/>, in that order, repeats allowed:
    /// (4, D).IndexSelect(0, [2, 0, 2]) is (3, D). In the backward, repeated indices accumulate.
    /// </summary>
    public static Tensor IndexSelect(Tensor x, int axis, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int a = x.NormalizeAxis(axis), n = x.ShapeArray[a], m = indices.Length;
        CheckIndices(indices, n, $"axis {axis} of length {n} (shape {Tensor.ShapeString(x.Shape)})", nameof(indices));
        Tensor y = Tensor.ResultOf(WithDim(x.ShapeArray, a, m), x);
        (int outer, int inner) = AroundAxis(x.ShapeArray, a);

        // Per outer index, x is a (n, inner) table and y a (m, inner) lookup into it.
        for (int o = 0; o < outer; o++)
        {
            EmbeddingKernels.Gather(x.Data.AsSpan(o * n * inner, n * inner), inner, indices, y.Data.AsSpan(o * m * inner, m * inner));
        }
        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros();
            for (int o = 0; o < outer; o++)
            {
                EmbeddingKernels.ScatterAdd(y.Grad!.AsSpan(o * m * inner, m * inner), inner, indices, dx.AsSpan(o * n * inner, n * inner));
            }
        });
        return y;
    }
}
