using MLNetCtr.Training;

namespace MLNetCtr.Cli.Tests;

public sealed class TrainingProgressViewTests
{
    private static readonly TrainingProgress Progress = new(1, 3, 200, 600, 0.30125, 412_000, new Dictionary<string, IReadOnlyDictionary<string, double>>
    {
        ["click"] = new Dictionary<string, double> { ["AreaUnderRocCurve"] = 0.7 },
        ["dwell_time"] = new Dictionary<string, double> { ["RootMeanSquaredError"] = 0.11 },
    });

    [Fact]
    public void Describe_ShowsTheWatchedMetricByItsShortName()
    {
        TrainingProgress watched = Progress with { WatchedMetric = ValidationMetric.RootMeanSquaredError, WatchedValue = 0.11094 };

        Assert.Equal("epoch 2/3  loss 0.3013  412k rows/s  valid RMSE 0.1109", TrainingProgressView.Describe(watched));
    }

    [Fact]
    public void Describe_BeforeAnyValidation_ShowsNoMetric()
    {
        Assert.Equal("epoch 2/3  loss 0.3013  412k rows/s", TrainingProgressView.Describe(Progress with { Validation = null }));
    }
}
