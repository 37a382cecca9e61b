namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>An element-wise function: a span forward and the derivative at one element.</summary>
    private interface IUnaryFunction
    {
        /// <summary><c>y[i] = f(x[i])</c> for every i.</summary>
        void Forward(ReadOnlySpan<float> x, Span<float> y);

        /// <summary><c>f′(x)</c>, given <c>x</c> and the already computed <c>y = f(x)</c> (often the cheaper of the two).</summary>
        float Derivative(float x, float y);
    }

    /// <summary>
    /// <c>y = f(x)</c> element-wise, with <c>dx += dy · f′(x, y)</c> as its backward. Generic over a struct so the JIT
    /// specializes and inlines <see cref="IUnaryFunction.Derivative"/> in the loop.
    /// </summary>
    private static Tensor Unary<TFunction>(Tensor x, TFunction f)
        where TFunction : struct, IUnaryFunction
    {
        Tensor y = Tensor.ResultOf(x.ShapeArray, x);
        f.Forward(x.Data, y.Data);
        y.SetBackward(() =>
        {
            float[] dx = x.GradOrZeros(), dy = y.Grad!, xs = x.Data, ys = y.Data;
            for (int i = 0; i < dx.Length; i++)
            {
                dx[i] += dy[i] * f.Derivative(xs[i], ys[i]);
            }
        });
        return y;
    }
}
