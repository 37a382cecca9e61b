using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// <c>y[…] = log Σ_j exp(x[…, j])</c> over the last axis, taken around the row maximum so that no term overflows.
    /// Input <c>(…, C)</c>; output <c>(…)</c>, or <c>(…, 1)</c> with <paramref name="keepDims"/> (a rank-1 input gives <c>[1]</c>).
    /// </summary>
    /// <remarks>NOTE: fused rather than composed from Max/Exp/Sum/Log because the composed backward sends the whole
    /// gradient of the max to one element; the true gradient is <c>softmax(x)</c>, which this backward computes from the
    /// output alone. As with <see cref="Softmax"/>, a row that is all −∞ gives NaN.</remarks>
    public static Tensor LogSumExp(Tensor x, bool keepDims = false)
    {
        int c = x.Dim(-1), rows = c == 0 ? 0 : x.Size / c;
        if (c == 0)
        {
            throw new ArgumentException($"LogSumExp over an empty last axis (shape {Tensor.ShapeString(x.Shape)}) has no value.", nameof(x));
        }
        int[] shape = keepDims ? [.. x.ShapeArray[..^1], 1] : x.Rank == 1 ? [1] : x.ShapeArray[..^1];
        Tensor y = Tensor.ResultOf(shape, x);
        float[] xs = x.Data, ys = y.Data;
        for (int r = 0; r < rows; r++)
        {
            ys[r] = SoftmaxKernels.LogSumExp(xs.AsSpan(r * c, c));
        }

        // dx[…, j] += dy[…] · exp(x[…, j] − y[…]) = dy · softmax(x)[…, j].
        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros(), dy = y.Grad!;
            for (int r = 0; r < rows; r++)
            {
                SoftmaxKernels.AddScaledExp(xs.AsSpan(r * c, c), shift: ys[r], scale: dy[r], dx.AsSpan(r * c, c));
            }
        });
        return y;
    }
}
