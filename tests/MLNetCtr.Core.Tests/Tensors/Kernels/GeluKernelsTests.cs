using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tests.Tensors.Kernels;

public sealed class GeluKernelsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(1000)]
    public void Forward_MatchesReference(int length)
    {
        float[] x = RandomValues(length, seed: length, range: 10f), fast = new float[length], reference = new float[length];
        GeluKernels.Forward(x, fast);
        GeluKernels.ForwardReference(x, reference);
        for (int i = 0; i < length; i++)
        {
            Assert.True(Math.Abs(fast[i] - reference[i]) <= 3e-7f * Math.Max(1f, Math.Abs(x[i])), $"x = {x[i]}: {fast[i]} vs {reference[i]}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(257)]
    [InlineData(1000)]
    public void AccumulateBackward_MatchesReference(int length)
    {
        float[] x = RandomValues(length, seed: length, range: 10f), dy = RandomValues(length, seed: length + 1, range: 1f);
        float[] fast = RandomValues(length, seed: 3, range: 1f), reference = (float[])fast.Clone();
        GeluKernels.AccumulateBackward(x, dy, fast);
        GeluKernels.AccumulateBackwardReference(x, dy, reference);
        for (int i = 0; i < length; i++)
        {
            Assert.True(Math.Abs(fast[i] - reference[i]) <= 1e-6f * Math.Max(1f, Math.Abs(x[i])), $"x = {x[i]}: {fast[i]} vs {reference[i]}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(1000)]
    public void VectorKernels_AnyLength_MatchReferences(int length)
    {
        float[] x = RandomValues(length, seed: length + 5, range: 12f), dy = RandomValues(length, seed: length + 6, range: 1f);
        float[] forward = new float[length], forwardReference = new float[length];
        float[] backward = RandomValues(length, seed: 9, range: 1f), backwardReference = (float[])backward.Clone();

        GeluVectorKernels.Forward(x, forward);
        GeluKernels.ForwardReference(x, forwardReference);
        GeluVectorKernels.AccumulateBackward(x, dy, backward);
        GeluKernels.AccumulateBackwardReference(x, dy, backwardReference);

        for (int i = 0; i < length; i++)
        {
            Assert.True(Math.Abs(forward[i] - forwardReference[i]) <= 3e-7f * Math.Max(1f, Math.Abs(x[i])), $"gelu({x[i]}): {forward[i]} vs {forwardReference[i]}");
            Assert.True(Math.Abs(backward[i] - backwardReference[i]) <= 1e-6f * Math.Max(1f, Math.Abs(x[i])), $"gelu'({x[i]}): {backward[i]} vs {backwardReference[i]}");
        }
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(-1.0, -0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(3.5, 0.9999992569016276)]
    public void Erf_WithinDocumentedError(double x, double expected) =>
        Assert.InRange(GeluKernels.Erf(x), expected - 1.5e-7, expected + 1.5e-7);

    private static float[] RandomValues(int length, int seed, float range)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1) * range)];
    }
}
