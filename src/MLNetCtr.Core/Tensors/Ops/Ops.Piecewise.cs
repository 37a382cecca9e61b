using System.Numerics.Tensors;
using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Element-wise rectifier <c>y = max(x, 0)</c>; <c>dy/dx</c> is 1 for x &gt; 0 and 0 otherwise (0 at the kink, as torch).</summary>
    public static Tensor Relu(Tensor x)
    {
        Tensor y = Tensor.ResultOfOverwritten(x.ShapeArray, x);
        TensorPrimitives.Max(x.Data, 0f, y.Data);

        // NOTE: not Unary(x, ReluFunction): its scalar backward loop cost ~6% of a transformer training step.
        y.SetBackward(() => ReluKernels.AccumulateGradient(x.Data, y.Grad!, x.GradOrZeros()));   // dx += dy · [x > 0]
        return y;
    }

    /// <summary>Element-wise <c>y = |x|</c>; <c>dy/dx = sign(x)</c>, 0 at the kink (as torch).</summary>
    public static Tensor Abs(Tensor x) => Unary(x, new AbsFunction());

    private readonly struct AbsFunction : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Abs(x, y);

        public float Derivative(float x, float y) => x > 0f ? 1f : x < 0f ? -1f : 0f;
    }
}
