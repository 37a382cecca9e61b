using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Element-wise <c>y = x²</c>; <c>dy/dx = 2x</c>.</summary>
    public static Tensor Square(Tensor x) => Unary(x, new SquareFunction());

    /// <summary>Element-wise <c>y = √x</c>; <c>dy/dx = 1 / (2y)</c>, infinite at 0. Negative inputs give NaN.</summary>
    public static Tensor Sqrt(Tensor x) => Unary(x, new SqrtFunction());

    /// <summary>
    /// Element-wise <c>y = x^p</c> for a constant exponent; <c>dy/dx = p · x^(p−1)</c>. A negative x with a
    /// non-integer p gives NaN, as in <see cref="MathF.Pow"/>.
    /// </summary>
    public static Tensor Pow(Tensor x, float exponent) => Unary(x, new PowFunction(exponent));

    private readonly struct SquareFunction : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Multiply(x, x, y);

        public float Derivative(float x, float y) => 2f * x;
    }

    private readonly struct SqrtFunction : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Sqrt(x, y);

        public float Derivative(float x, float y) => 0.5f / y;
    }

    private readonly struct PowFunction(float exponent) : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Pow(x, exponent, y);

        // p · x^(p−1) rather than p · y / x, which is 0/0 at x = 0.
        public float Derivative(float x, float y) => exponent * MathF.Pow(x, exponent - 1f);
    }
}
