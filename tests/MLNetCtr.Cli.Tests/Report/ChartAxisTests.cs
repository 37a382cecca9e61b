using MLNetCtr.Cli.Report;

namespace MLNetCtr.Cli.Tests.Report;

public sealed class ChartAxisTests
{
    [Theory]
    [InlineData(0.712, 0.726, 0.712, 0.726)]   // step 0.002 keeps the ends
    [InlineData(0.03, 0.97, 0, 1)]             // step 0.2 rounds outwards
    [InlineData(1, 4, 1, 4)]
    public void Fit_WidensToMultiplesOfTheStep(double min, double max, double expectedMin, double expectedMax)
    {
        (double low, double high) = ChartAxis.Fit([min, (min + max) / 2, max]);

        Assert.Equal(expectedMin, low, 1e-9);
        Assert.Equal(expectedMax, high, 1e-9);
    }

    [Fact]
    public void Fit_NoValue_GivesTheUnitRange_AndOneValue_GetsRoomAroundIt()
    {
        Assert.Equal((0.0, 1.0), ChartAxis.Fit([]));
        (double low, double high) = ChartAxis.Fit([5.0]);
        Assert.True(low < 5 && high > 5, $"[{low}, {high}]");
    }

    [Fact]
    public void Ticks_AreRoundAndInclusive_AndWholeNumbersWhenAsked()
    {
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], ChartAxis.Ticks(0, 1).Select(t => Math.Round(t, 9)));
        Assert.Equal([1.0, 2, 3], ChartAxis.Ticks(1, 3, integers: true));
        Assert.Equal([1.0, 1.5, 2, 2.5, 3], ChartAxis.Ticks(1, 3).Select(t => Math.Round(t, 9)));
    }

    [Fact]
    public void Label_IsInvariantAndShort()
    {
        Assert.Equal("0.25", ChartAxis.Label(0.25));
        Assert.Equal("0", ChartAxis.Label(-1e-15));
        Assert.Equal("0.7123", ChartAxis.Label(0.712345));
    }
}
