using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Element-wise Gaussian error linear unit in its exact form <c>y = x · Φ(x)</c> (torch's default), with
    /// <c>dy/dx = Φ(x) + x · φ(x)</c>. Φ uses an erf approximation with absolute error ≤ 1.5·10⁻⁷ (see <see cref="GeluKernels"/>).
    /// </summary>
    public static Tensor Gelu(Tensor x)
    {
        Tensor y = Tensor.ResultOfOverwritten(x.ShapeArray, x);   // every element is written
        GeluKernels.Forward(x.Data, y.Data);
        y.SetBackward(() => GeluKernels.AccumulateBackward(x.Data, y.Grad!, x.GradOrZeros()));
        return y;
    }
}
