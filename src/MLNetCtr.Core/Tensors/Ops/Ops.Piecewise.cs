using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Element-wise rectifier <c>y = max(x, 0)</c>; <c>dy/dx</c> is 1 for x &gt; 0 and 0 otherwise (0 at the kink, as torch).</summary>
    public static Tensor Relu(Tensor x) => Unary(x, new ReluFunction());

    /// <summary>Element-wise <c>y = |x|</c>; <c>dy/dx = sign(x)</c>, 0 at the kink (as torch).</summary>
    public static Tensor Abs(Tensor x) => Unary(x, new AbsFunction());

    private readonly struct ReluFunction : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

        public float Derivative(float x, float y) => x > 0f ? 1f : 0f;
    }

    private readonly struct AbsFunction : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Abs(x, y);

        public float Derivative(float x, float y) => x > 0f ? 1f : x < 0f ? -1f : 0f;
    }
}
