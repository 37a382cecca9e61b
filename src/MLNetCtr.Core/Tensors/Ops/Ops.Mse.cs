using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Mean squared error: <c>loss = (1/N) Σ_i (p_i − t_i)²</c> over the N elements of two tensors of the same shape.
    /// Output is <c>[1]</c>. Gradient flows to both operands when they require it.
    /// </summary>
    public static Tensor Mse(Tensor prediction, Tensor target)
    {
        CheckLossShapes(nameof(Mse), prediction, target);
        int n = prediction.Size;
        float[] difference = Temporary(n);   // p − t, kept for the backward
        TensorPrimitives.Subtract(prediction.Data, target.Data, difference);
        Tensor loss = Tensor.ResultOf([1], prediction, target);
        loss.Data[0] = TensorPrimitives.SumOfSquares(difference) / n;

        // dp += dL · 2(p − t) / N;   dt −= dL · 2(p − t) / N.
        loss.SetBackward(() =>
        {
            float coefficient = 2f * loss.Grad![0] / n;
            if (prediction.RequiresGrad)
            {
                TensorPrimitives.MultiplyAdd(difference, coefficient, prediction.GradOrZeros(), prediction.Grad!);
            }
            if (target.RequiresGrad)
            {
                TensorPrimitives.MultiplyAdd(difference, -coefficient, target.GradOrZeros(), target.Grad!);
            }
        });
        return loss;
    }
}
