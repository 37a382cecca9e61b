using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.TestKit;

/// <summary>
/// Compares autograd with central finite differences of <c>L(x) = Σ f(x) · r</c> for a fixed random <c>r</c>,
/// accumulated in float64. The only clever code in the test projects.
/// </summary>
public static class GradCheck
{
    /// <summary>Checks every input that requires grad; inputs are perturbed in place and restored.</summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, float eps = 1e-2f, double tolerance = 2e-2, int seed = 7)
    {
        Tensor y = f(inputs);
        float[] r = Random(y.Size, seed);
        y.BackwardFrom(r);
        foreach (Tensor x in inputs.Where(t => t.RequiresGrad))
        {
            float[] analytic = x.Grad is null ? new float[x.Size] : (float[])x.Grad.Clone();
            for (int i = 0; i < x.Size; i++)
            {
                float saved = x.Data[i];
                x.Data[i] = saved + eps;
                double plus = Weighted(f, inputs, r);
                x.Data[i] = saved - eps;
                double minus = Weighted(f, inputs, r);
                x.Data[i] = saved;
                double numeric = (plus - minus) / (2 * eps);
                double scale = Math.Max(1.0, Math.Abs(numeric));
                Assert.True(Math.Abs(numeric - analytic[i]) <= tolerance * scale,
                    $"{x.Name ?? "input"}[{i}]: autograd {analytic[i]:G6} vs finite difference {numeric:G6}");
            }
        }
    }

    /// <summary>Checks a unary op on a random input of <paramref name="shape"/>, keeping inputs away from <paramref name="avoid"/> (a kink).</summary>
    public static void Unary(Func<Tensor, Tensor> f, int[] shape, float? avoid = null, float low = -2f, float high = 2f, int seed = 1)
    {
        Tensor x = Input(shape, seed, low, high, avoid);
        Check(t => f(t[0]), [x]);
    }

    /// <summary>Checks a binary op on random inputs of the given shapes.</summary>
    public static void Binary(Func<Tensor, Tensor, Tensor> f, int[] shapeA, int[] shapeB, float low = -2f, float high = 2f, int seed = 1)
    {
        Tensor a = Input(shapeA, seed, low, high, null, "a");
        Tensor b = Input(shapeB, seed + 1, low, high, null, "b");
        Check(t => f(t[0], t[1]), [a, b]);
    }

    /// <summary>A random leaf that requires grad, uniform in [low, high), kept at least 0.1 from <paramref name="avoid"/>.</summary>
    public static Tensor Input(int[] shape, int seed, float low = -2f, float high = 2f, float? avoid = null, string? name = null)
    {
        var rng = new Random(seed);
        var data = new float[shape.Aggregate(1, (p, d) => p * d)];
        for (int i = 0; i < data.Length; i++)
        {
            float v;
            do
            {
                v = low + (float)rng.NextDouble() * (high - low);
            }
            while (avoid is { } kink && Math.Abs(v - kink) < 0.1f);
            data[i] = v;
        }
        return Tensor.Parameter(data, shape, name);
    }

    private static double Weighted(Func<Tensor[], Tensor> f, Tensor[] inputs, float[] r)
    {
        using var noGrad = GradMode.NoGrad();
        float[] y = f(inputs).Data;
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            sum += (double)y[i] * r[i];
        }
        return sum;
    }

    private static float[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
    }
}
