namespace MLNetCtr.Tensors;

public static partial class Ops
{
    /// <summary>
    /// Element-wise <c>y = log σ(x) = min(x, 0) − log(1 + exp(−|x|))</c>; <c>dy/dx = σ(−x) = 1 − σ(x)</c>.
    /// </summary>
    /// <remarks>NOTE: a primitive because <c>Log(Sigmoid(x))</c> gives −∞ once σ(x) rounds to 0 (x below about −88),
    /// and loses all precision where σ(x) rounds to 1. This form is exact to float precision for every finite x.</remarks>
    public static Tensor LogSigmoid(Tensor x) => Unary(x, new LogSigmoidFunction());

    private readonly struct LogSigmoidFunction : IUnaryFunction
    {
        public void Forward(ReadOnlySpan<float> x, Span<float> y)
        {
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = MathF.Min(x[i], 0f) - (float)Log1PExpNegative(Math.Abs(x[i]));
            }
        }

        public float Derivative(float x, float y) => StableSigmoid(-x);
    }
}
