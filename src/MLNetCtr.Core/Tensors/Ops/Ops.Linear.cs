using System.Numerics.Tensors;
using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Affine map <c>y = x · Wᵀ + b</c> over the last dimension, fused: each output row starts as b and the GEMM adds
    /// <c>x · Wᵀ</c> into it, and the backward sums dy's rows into db, so no separate broadcast add (and no gradient
    /// copy through it) is needed. <paramref name="x"/> <c>(…, in)</c>, <paramref name="weight"/> <c>(out, in)</c>,
    /// <paramref name="bias"/> <c>(out)</c>; returns <c>(…, out)</c>.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor bias)
    {
        int inFeatures = weight.Dim(1), outFeatures = weight.Dim(0), rows = x.Size / inFeatures;
        if (x.Rank < 1 || x.Dim(-1) != inFeatures || bias.Rank != 1 || bias.Size != outFeatures)
        {
            throw new ArgumentException($"Linear needs x (…, {inFeatures}) and bias ({outFeatures}) for weight {Tensor.ShapeString(weight.Shape)}; got x {Tensor.ShapeString(x.Shape)}, bias {Tensor.ShapeString(bias.Shape)}.");
        }
        Tensor y = Tensor.ResultOfOverwritten([.. x.ShapeArray[..^1], outFeatures], x, weight, bias);   // every row gets b, then the GEMM adds
        for (int r = 0; r < rows; r++)
        {
            bias.Data.CopyTo(y.Data, r * outFeatures);                                                          // y = b
        }
        Gemm.Multiply(x.Data, weight.Data, y.Data, rows, outFeatures, inFeatures, transA: false, transB: true, accumulate: true);   // y += x · Wᵀ

        y.SetBackward(() =>
        {
            float[] dy = y.Grad!;
            if (x.RequiresGrad)
            {
                Gemm.Multiply(dy, weight.Data, x.GradOrZeros(), rows, inFeatures, outFeatures, transA: false, transB: false, accumulate: true);   // dx += dy · W
            }
            if (weight.RequiresGrad)
            {
                Gemm.Multiply(dy, x.Data, weight.GradOrZeros(), outFeatures, inFeatures, rows, transA: true, transB: false, accumulate: true);   // dW += dyᵀ · x
            }
            if (bias.RequiresGrad)
            {
                float[] db = bias.GradOrZeros();
                for (int r = 0; r < rows; r++)
                {
                    TensorPrimitives.Add(db, dy.AsSpan(r * outFeatures, outFeatures), db);                       // db += Σ_rows dy
                }
            }
        });
        return y;
    }
}
