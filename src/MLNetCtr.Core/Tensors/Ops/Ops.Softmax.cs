using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Softmax over the last axis: <c>y[…, j] = exp(x[…, j] − m) / Σ_k exp(x[…, k] − m)</c>, with m the row maximum
    /// (so large inputs never overflow). Input and output are <c>(…, C)</c>.
    /// </summary>
    /// <remarks>NOTE: fused rather than composed from exp/sum/div: one pass per row, no overflow, and a backward that
    /// needs only the output. As in PyTorch, a row that is all −∞ gives NaN.</remarks>
    public static Tensor Softmax(Tensor x)
    {
        int c = x.Dim(-1), rows = c == 0 ? 0 : x.Size / c;
        Tensor y = Tensor.ResultOf(x.ShapeArray, x);
        float[] xs = x.Data, ys = y.Data;
        ParallelRows.For(rows, c, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                SoftmaxKernels.Softmax(xs.AsSpan(r * c, c), ys.AsSpan(r * c, c));
            }
        });

        // dx += y ⊙ (dy − ⟨dy, y⟩) per row: the Jacobian of softmax is diag(y) − y yᵀ.
        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros(), dy = y.Grad!;
            ParallelRows.For(rows, c, (start, end) =>
            {
                for (int r = start; r < end; r++)
                {
                    SoftmaxKernels.SoftmaxBackward(ys.AsSpan(r * c, c), dy.AsSpan(r * c, c), dx.AsSpan(r * c, c));
                }
            });
        });
        return y;
    }

    /// <summary>
    /// Log-softmax over the last axis: <c>y[…, j] = x[…, j] − log Σ_k exp(x[…, k])</c>, with the log-sum-exp taken
    /// around the row maximum. Input and output are <c>(…, C)</c>. More accurate than <c>log(Softmax(x))</c>.
    /// </summary>
    public static Tensor LogSoftmax(Tensor x)
    {
        int c = x.Dim(-1), rows = c == 0 ? 0 : x.Size / c;
        Tensor y = Tensor.ResultOf(x.ShapeArray, x);
        float[] xs = x.Data, ys = y.Data;
        ParallelRows.For(rows, c, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                SoftmaxKernels.LogSoftmax(xs.AsSpan(r * c, c), ys.AsSpan(r * c, c));
            }
        });

        // dx += dy − softmax(x) · Σ dy per row, where softmax(x) = exp(y).
        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros(), dy = y.Grad!;
            ParallelRows.For(rows, c, (start, end) =>
            {
                for (int r = start; r < end; r++)
                {
                    SoftmaxKernels.LogSoftmaxBackward(ys.AsSpan(r * c, c), dy.AsSpan(r * c, c), dx.AsSpan(r * c, c));
                }
            });
        });
        return y;
    }
}
