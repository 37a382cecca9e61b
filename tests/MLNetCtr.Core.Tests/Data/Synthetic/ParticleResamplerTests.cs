using MLNetCtr.Data.Synthetic;

namespace MLNetCtr.Tests.Data.Synthetic;

public sealed class ParticleResamplerTests
{
    private static (double[] A, double[] B, double[] C, int[] D) States() =>
        ([10, 11, 12, 13], [20, 21, 22, 23], [30, 31, 32, 33], [40, 41, 42, 43]);

    [Fact]
    public void Normalize_EvenWeights_NormalizesWithoutResampling()
    {
        var (a, b, c, d) = States();
        double[] weights = [2, 2, 2, 2];

        bool resampled = new ParticleResampler(4).Normalize(weights, new SyntheticRandom(1, RandomStream.Posterior), a, b, c, d);

        Assert.False(resampled);
        Assert.Equal([0.25, 0.25, 0.25, 0.25], weights);
        Assert.Equal([10.0, 11, 12, 13], a);
        Assert.Equal([40, 41, 42, 43], d);
    }

    [Fact]
    public void Normalize_OneLiveParticle_CopiesItEverywhere()
    {
        var (a, b, c, d) = States();
        double[] weights = [0, 0, 5, 0];

        bool resampled = new ParticleResampler(4).Normalize(weights, new SyntheticRandom(2, RandomStream.Posterior), a, b, c, d);

        Assert.True(resampled);
        Assert.Equal([0.25, 0.25, 0.25, 0.25], weights);
        Assert.Equal([12.0, 12, 12, 12], a);
        Assert.Equal([22.0, 22, 22, 22], b);
        Assert.Equal([32.0, 32, 32, 32], c);
        Assert.Equal([42, 42, 42, 42], d);
    }

    [Fact]
    public void Normalize_Degenerate_KeepsCopiesInProportionToWeights()
    {
        // Weights 3/4 and 1/4 (effective size 1.6 < 2): systematic resampling gives exactly three copies and one.
        var (a, b, c, d) = States();
        double[] weights = [3, 1, 0, 0];

        Assert.True(new ParticleResampler(4).Normalize(weights, new SyntheticRandom(3, RandomStream.Posterior), a, b, c, d));

        Assert.Equal([10.0, 10, 10, 11], a);
        Assert.Equal([40, 40, 40, 41], d);
    }

    [Fact]
    public void Normalize_AllZero_ThrowsNamingTheSum()
    {
        var (a, b, c, d) = States();

        var e = Assert.Throws<InvalidOperationException>(() => new ParticleResampler(4).Normalize(new double[4], new SyntheticRandom(4, RandomStream.Posterior), a, b, c, d));
        Assert.Contains("sum to 0", e.Message);
    }
}
