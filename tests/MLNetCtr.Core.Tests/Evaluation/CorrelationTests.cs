using MLNetCtr.Evaluation;

namespace MLNetCtr.Tests.Evaluation;

public sealed class CorrelationTests
{
    [Fact]
    public void Pearson_ByHand_MatchesTheDefinition()
    {
        // x = [1, 2, 3, 4], y = [2, 1, 4, 3]: means 2.5; cov sum = (-1.5)(-0.5) + (-0.5)(-1.5) + (0.5)(1.5) + (1.5)(0.5) = 3; var sums 5, 5.
        Assert.Equal(0.6, Correlation.Pearson([1, 2, 3, 4], [2, 1, 4, 3]), 12);
    }

    [Fact]
    public void Pearson_AffineImages_AreOneAndMinusOne()
    {
        float[] x = [0.3f, -1f, 2f, 5f, 0f];
        Assert.Equal(1, Correlation.Pearson(x, [.. x.Select(v => (3 * v) + 1)]), 6);
        Assert.Equal(-1, Correlation.Pearson(x, [.. x.Select(v => 2 - v)]), 6);
    }

    [Fact]
    public void Pearson_DifferentLengths_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => Correlation.Pearson([1, 2, 3], [1, 2]));
        Assert.Contains("3 and 2", error.Message);
    }
}
