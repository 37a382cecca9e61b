using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tests.Tensors.Kernels;

public sealed class ExpKernelsTests
{
    [Fact]
    public void ExpReference_OverTheWholeRange_IsWithinFourUlpOfDoubleExp()
    {
        for (float x = -86.5f; x < 88.7f; x += 0.0137f)
        {
            double exact = Math.Exp(x);
            float ulp = MathF.BitIncrement((float)exact) - (float)exact;
            Assert.True(Math.Abs(ExpKernels.ExpReference(x) - exact) <= 4 * ulp, $"exp({x}) = {ExpKernels.ExpReference(x)}, exact {exact}");
        }
    }

    [Theory]
    [InlineData(float.NegativeInfinity, 0f)]
    [InlineData(-100f, 0f)]
    [InlineData(0f, 1f)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(89f, float.PositiveInfinity)]
    public void ExpReference_SpecialValues(float x, float expected) => Assert.Equal(expected, ExpKernels.ExpReference(x));

    [Fact]
    public void ExpReference_NaN_StaysNaN_AndLargestFiniteInputStaysFinite()
    {
        Assert.True(float.IsNaN(ExpKernels.ExpReference(float.NaN)));
        Assert.True(float.IsFinite(ExpKernels.ExpReference(88.72f)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(77)]
    public void ExpShifted_AnyLength_EqualsTheScalarFormulaPerElement(int length)
    {
        float[] x = Random(length, seed: length);
        var y = new float[length];

        ExpKernels.ExpShifted(x, shift: 1.5f, scale: 0.25f, y);

        Assert.Equal([.. x.Select(v => ExpKernels.ExpReference(v - 1.5f) * 0.25f)], y);
    }

    [Fact]
    public void ExpShifted_InPlace_EqualsOutOfPlace()
    {
        float[] x = Random(50, seed: 3), copy = (float[])x.Clone(), y = new float[50];
        ExpKernels.ExpShifted(x, 2f, 3f, y);
        ExpKernels.ExpShifted(copy, 2f, 3f, copy);
        Assert.Equal(y, copy);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(1000)]
    public void SumExpShifted_MatchesDoubleSum(int length)
    {
        float[] x = Random(length, seed: 7);
        double exact = x.Sum(v => Math.Exp(v - 3.0));
        Assert.Equal(exact, ExpKernels.SumExpShifted(x, 3f), exact * 1e-5);
    }

    [Fact]
    public void SumExpShifted_NegativeInfinityEntries_AddNothing()
    {
        float[] x = [0f, float.NegativeInfinity, 0f, float.NegativeInfinity, 0f];
        Assert.Equal(3f, ExpKernels.SumExpShifted(x, 0f), 6);
    }

    private static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 40) - 25))];
    }
}
