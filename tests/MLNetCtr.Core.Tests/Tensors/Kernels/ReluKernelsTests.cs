using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tests.Tensors.Kernels;

public sealed class ReluKernelsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(257)]
    [InlineData(1001)]
    public void AccumulateGradient_MatchesReferenceBitForBit(int length)
    {
        var random = new Random(length);
        float[] x = [.. Enumerable.Range(0, length).Select(i => i % 5 == 0 ? 0f : random.NextSingle() - 0.5f)];   // zeros: the kink takes 0
        float[] dy = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle() - 0.5f)];
        float[] fast = [.. Enumerable.Range(0, length).Select(_ => random.NextSingle())], reference = (float[])fast.Clone();

        ReluKernels.AccumulateGradient(x, dy, fast);
        ReluKernels.AccumulateGradientReference(x, dy, reference);

        Assert.Equal(reference, fast);
    }

    [Fact]
    public void AccumulateGradient_LengthsDiffer_ThrowsNamingThem()
    {
        var error = Assert.Throws<ArgumentException>(() => ReluKernels.AccumulateGradient(new float[3], new float[3], new float[4]));
        Assert.Contains("3, 3 and 4", error.Message);
    }
}
