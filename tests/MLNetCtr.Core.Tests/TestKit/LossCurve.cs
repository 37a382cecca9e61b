namespace MLNetCtr.Tests.TestKit;

/// <summary>Assertions on a training run's per-step losses: it must fall, and fall steadily.</summary>
public static class LossCurve
{
    /// <summary>
    /// Splits <paramref name="losses"/> into <paramref name="windows"/> equal windows and asserts that the last window's
    /// mean is at most <paramref name="maxFinalRatio"/> times the first's, and that no window's mean exceeds the previous
    /// one's by more than <paramref name="maxRise"/> times the first window's mean.
    /// </summary>
    public static void AssertFallsSteadily(IReadOnlyList<float> losses, double maxFinalRatio, double maxRise = 0.05, int windows = 10)
    {
        Assert.True(losses.Count >= windows, $"{losses.Count} losses for {windows} windows");
        Assert.All(losses, loss => Assert.True(float.IsFinite(loss), $"non-finite loss {loss}"));
        int size = losses.Count / windows;
        double[] means = [.. Enumerable.Range(0, windows).Select(w => losses.Skip(w * size).Take(size).Average(v => (double)v))];
        string curve = string.Join(" → ", means.Select(m => m.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(means[^1] <= maxFinalRatio * means[0], $"loss fell only from {means[0]:G4} to {means[^1]:G4} (window means: {curve})");
        for (int w = 1; w < windows; w++)
        {
            Assert.True(means[w] - means[w - 1] <= maxRise * means[0], $"window {w} rose from {means[w - 1]:G4} to {means[w]:G4} (window means: {curve})");
        }
    }
}
