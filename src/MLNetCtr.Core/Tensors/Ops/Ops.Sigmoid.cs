using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Element-wise logistic function: <c>y[i] = 1 / (1 + exp(−x[i]))</c>.</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        Tensor y = Tensor.ResultOf(x.ShapeArray, x);
        TensorPrimitives.Sigmoid(x.Data, y.Data);

        // dx += dy · y · (1 − y): reuses the output, so no second exp() and no overflow.
        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros(), dy = y.Grad!, s = y.Data;
            for (int i = 0; i < s.Length; i++)
            {
                dx[i] += dy[i] * s[i] * (1f - s[i]);
            }
        });
        return y;
    }
}
