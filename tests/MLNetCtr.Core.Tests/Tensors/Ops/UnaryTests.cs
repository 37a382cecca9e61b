using System.Text.Json;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

using Ops = MLNetCtr.Tensors.Ops;

public sealed class UnaryTests
{
    [Fact]
    public void Exp() => GradCheck.Unary(Ops.Exp, [3, 4]);

    [Fact]
    public void Log() => GradCheck.Unary(Ops.Log, [3, 4], low: 0.5f, high: 3f);

    [Fact]
    public void Log1P() => GradCheck.Unary(Ops.Log1P, [3, 4], low: -0.5f, high: 3f);

    [Fact]
    public void Tanh() => GradCheck.Unary(Ops.Tanh, [3, 4]);

    [Fact]
    public void Relu() => GradCheck.Unary(Ops.Relu, [3, 4], avoid: 0f);

    [Fact]
    public void Abs() => GradCheck.Unary(Ops.Abs, [3, 4], avoid: 0f);

    [Fact]
    public void Square() => GradCheck.Unary(Ops.Square, [3, 4]);

    [Fact]
    public void Sqrt() => GradCheck.Unary(Ops.Sqrt, [3, 4], low: 0.5f, high: 3f);

    [Theory]
    [InlineData(3f, -2f)]
    [InlineData(2.5f, 0.5f)]
    [InlineData(-1.5f, 0.5f)]
    public void Pow(float exponent, float low) => GradCheck.Unary(x => Ops.Pow(x, exponent), [3, 4], low: low, high: 2f);

    [Fact]
    public void Gelu() => GradCheck.Unary(Ops.Gelu, [5, 7], low: -4f, high: 4f);

    [Fact]
    public void BceWithLogitsComposite() =>
        GradCheck.Binary((z, y) => Ops.Mean(Ops.Relu(z) - z * y + Ops.Log1P(Ops.Exp(-Ops.Abs(z)))), [4, 3], [4, 3]);

    [Fact]
    public void Forward_HandComputed()
    {
        Tensor x = Tensor.From([-2f, 0f, 0.5f, 4f]);
        Assert.Equal([0f, 0f, 0.5f, 4f], Ops.Relu(x).Data);
        Assert.Equal([2f, 0f, 0.5f, 4f], Ops.Abs(x).Data);
        Assert.Equal([4f, 0f, 0.25f, 16f], Ops.Square(x).Data);
        Assert.Equal([-8f, 0f, 0.125f, 64f], Ops.Pow(x, 3f).Data);
        Assert.Equal(2f, Ops.Sqrt(x).Data[3], 6);
        Assert.Equal(MathF.Log(4f), Ops.Log(x).Data[3], 6);
        Assert.Equal(MathF.Exp(-2f), Ops.Exp(x).Data[0], 6);
        Assert.Equal(MathF.Tanh(0.5f), Ops.Tanh(x).Data[2], 6);
    }

    [Fact]
    public void Log1P_TinyAndBoundaryInputs_KeepPrecision()
    {
        float[] y = Ops.Log1P(Tensor.From([1e-7f, 1e-30f, MathF.Sqrt(2f) - 1f, -1f, float.PositiveInfinity])).Data;
        Assert.Equal(1e-7f, y[0], 1e-13f);              // naive log(1 + x) gives 1.19e-7: a 19% error
        Assert.Equal(1e-30f, y[1]);                     // naive gives 0
        Assert.Equal(0.5f * MathF.Log(2f), y[2], 1e-7f);
        Assert.Equal(float.NegativeInfinity, y[3]);
        Assert.Equal(float.PositiveInfinity, y[4]);
    }

    [Fact]
    public void Relu_AtKink_HasZeroGradient()
    {
        Tensor x = Tensor.Parameter([0f, 1f], [2]);
        Ops.Sum(Ops.Relu(x)).Backward();
        Assert.Equal([0f, 1f], x.Grad!);
    }

    [Fact]
    public void Gelu_MatchesTorchFixture()
    {
        using JsonDocument fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ops", "gelu.json")));
        double[] xs = Read(fixture, "x"), expected = Read(fixture, "gelu"), expectedGradient = Read(fixture, "gradient");
        Tensor x = Tensor.Parameter([.. xs.Select(v => (float)v)], [xs.Length]);
        Tensor y = Ops.Gelu(x);
        Ops.Sum(y).Backward();
        for (int i = 0; i < xs.Length; i++)
        {
            double scale = Math.Max(1.0, Math.Abs(xs[i]));
            Assert.True(Math.Abs(y.Data[i] - expected[i]) <= 2e-7 * scale, $"gelu({xs[i]}) = {y.Data[i]:G9}, torch {expected[i]:G9}");
            Assert.True(Math.Abs(x.Grad![i] - expectedGradient[i]) <= 3e-7 * scale, $"gelu'({xs[i]}) = {x.Grad[i]:G9}, torch {expectedGradient[i]:G9}");
        }
    }

    private static double[] Read(JsonDocument document, string name) =>
        [.. document.RootElement.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
}
