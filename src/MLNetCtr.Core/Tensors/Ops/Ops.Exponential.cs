using System.Numerics.Tensors;

namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>Element-wise <c>y = exp(x)</c>; <c>dy/dx = y</c>.</summary>
    public static Tensor Exp(Tensor x) => Unary(x, new ExpFunction());

    /// <summary>Element-wise natural logarithm <c>y = ln(x)</c>; <c>dy/dx = 1 / x</c>. Non-positive inputs give −∞ or NaN.</summary>
    public static Tensor Log(Tensor x) => Unary(x, new LogFunction());

    /// <summary>Element-wise <c>y = ln(1 + x)</c>, accurate for small x; <c>dy/dx = 1 / (1 + x)</c>.</summary>
    public static Tensor Log1P(Tensor x) => Unary(x, new Log1PFunction());

    /// <summary>Element-wise hyperbolic tangent; <c>dy/dx = 1 − y²</c>.</summary>
    public static Tensor Tanh(Tensor x) => Unary(x, new TanhFunction());

    private readonly struct ExpFunction : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Exp(x, y);

        public float Derivative(float x, float y) => y;
    }

    private readonly struct LogFunction : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Log(x, y);

        public float Derivative(float x, float y) => 1f / x;
    }

    private readonly struct Log1PFunction : IUnaryFunction
    {
        // NOTE: TensorPrimitives.LogP1 computes log(1 + x) literally, which returns 0 for |x| below 6e-8. Kahan's
        // correction log(u) · x / (u − 1), u = 1 + x, cancels the rounding of u and keeps full relative precision.
        public void Forward(ReadOnlySpan<float> x, Span<float> y)
        {
            TensorPrimitives.Add(x, 1f, y);
            for (int i = 0; i < y.Length; i++)
            {
                float u = y[i];
                y[i] = u == 1f ? x[i] : float.IsPositiveInfinity(u) ? u : MathF.Log(u) * (x[i] / (u - 1f));
            }
        }

        public float Derivative(float x, float y) => 1f / (1f + x);
    }

    private readonly struct TanhFunction : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Tanh(x, y);

        public float Derivative(float x, float y) => 1f - y * y;
    }
}
