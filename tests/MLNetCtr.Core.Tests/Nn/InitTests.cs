using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Nn;

public sealed class InitTests
{
    private const int FanOut = 400, FanIn = 250;   // 100 000 draws: the sample std is within ~0.3 % of σ (1 SE)

    private static Tensor Weight() => Tensor.Zeros(FanOut, FanIn);

    public static TheoryData<string, Func<Tensor, Random, Tensor>, double> Initializers => new()
    {
        { "XavierUniform", (t, r) => Init.XavierUniform(t, r), Math.Sqrt(2.0 / (FanIn + FanOut)) },
        { "XavierNormal", (t, r) => Init.XavierNormal(t, r), Math.Sqrt(2.0 / (FanIn + FanOut)) },
        { "XavierNormalGain2", (t, r) => Init.XavierNormal(t, r, gain: 2f), 2 * Math.Sqrt(2.0 / (FanIn + FanOut)) },
        { "KaimingUniform", (t, r) => Init.KaimingUniform(t, r), Math.Sqrt(2.0 / FanIn) },
        { "KaimingNormal", (t, r) => Init.KaimingNormal(t, r), Math.Sqrt(2.0 / FanIn) },
        { "KaimingNormalFanOut", (t, r) => Init.KaimingNormal(t, r, mode: FanMode.FanOut), Math.Sqrt(2.0 / FanOut) },
        { "Normal", (t, r) => Init.Normal(t, 0.3f, r), 0.3 },
        { "Uniform", (t, r) => Init.Uniform(t, 0.5f, r), 0.5 / Math.Sqrt(3) },
    };

    [Theory]
    [MemberData(nameof(Initializers))]
    public void Initializer_LargeDraw_HasZeroMeanAndExpectedStd(string name, Func<Tensor, Random, Tensor> init, double expectedStd)
    {
        float[] x = init(Weight(), new Random(42)).Data;
        double mean = x.Average(v => (double)v);
        double std = Math.Sqrt(x.Average(v => (v - mean) * (v - mean)));

        Assert.True(Math.Abs(mean) < 0.02 * expectedStd, $"{name}: mean {mean:G4}, σ {expectedStd:G4}");
        Assert.True(Math.Abs(std / expectedStd - 1) < 0.02, $"{name}: std {std:G6}, expected {expectedStd:G6}");
    }

    [Fact]
    public void Initializers_SameSeed_SameValues_OtherSeed_OtherValues()
    {
        foreach (var row in Initializers)
        {
            (string name, var init) = ((string)row[0], (Func<Tensor, Random, Tensor>)row[1]);
            float[] a = init(Tensor.Zeros(7, 5), new Random(1)).Data, b = init(Tensor.Zeros(7, 5), new Random(1)).Data;
            float[] c = init(Tensor.Zeros(7, 5), new Random(2)).Data;

            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
            Assert.True(a.Distinct().Count() == a.Length, $"{name}: repeated values");
        }
    }

    [Fact]
    public void Normal_Mean_ShiftsTheDraw() =>
        Assert.Equal(3.0, Init.Normal(Weight(), 0.1f, new Random(5), mean: 3f).Data.Average(v => (double)v), 0.002);

    [Fact]
    public void Uniform_StaysWithinBound()
    {
        float[] x = Init.Uniform(Weight(), 0.25f, new Random(3)).Data;
        Assert.InRange(x.Min(), -0.25f, -0.249f);
        Assert.InRange(x.Max(), 0.249f, 0.25f);
    }

    [Fact]
    public void KaimingUniform_SlopeSqrt5_IsTorchLinearDefault_BoundOneOverSqrtFanIn()
    {
        float bound = 1f / MathF.Sqrt(FanIn);
        float[] x = Init.KaimingUniform(Weight(), new Random(3), negativeSlope: MathF.Sqrt(5f)).Data;
        Assert.InRange(x.Max(v => Math.Abs(v)), 0.999f * bound, 1.000001f * bound);
    }

    [Fact]
    public void Zeros_ClearsEveryElement() => Assert.All(Init.Zeros(Tensor.Full(2f, 3, 3)).Data, v => Assert.Equal(0f, v));

    [Fact]
    public void LeakyReluGain_MatchesTorchCalculateGain()
    {
        Assert.Equal(MathF.Sqrt(2f), Init.LeakyReluGain(), 1e-6f);
        Assert.Equal(MathF.Sqrt(2f / 1.0001f), Init.LeakyReluGain(0.01f), 1e-6f);
    }

    [Theory]
    [InlineData(new[] { 3, 5 }, 5, 3)]            // Linear weight (out, in)
    [InlineData(new[] { 1000, 16 }, 16, 1000)]    // embedding table (V, D)
    [InlineData(new[] { 4, 3, 2, 2 }, 12, 16)]    // conv weight (out, in, kh, kw): receptive field 4
    public void ComputeFans_AsTorch(int[] shape, int fanIn, int fanOut) => Assert.Equal((fanIn, fanOut), Init.ComputeFans(shape));

    [Fact]
    public void ComputeFans_Rank1_ThrowsNamingShape() =>
        Assert.Contains("(7,)", Assert.Throws<ArgumentException>(() => Init.ComputeFans([7])).Message);
}
