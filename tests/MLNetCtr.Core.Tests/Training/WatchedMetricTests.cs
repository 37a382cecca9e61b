using MLNetCtr.Models;
using MLNetCtr.Training;

namespace MLNetCtr.Tests.Training;

public sealed class WatchedMetricTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Metrics =
        new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["click"] = new Dictionary<string, double> { ["AreaUnderRocCurve"] = 0.8, ["LogLoss"] = 0.5, ["PositionAuc"] = 0.72 },
            ["like"] = new Dictionary<string, double> { ["AreaUnderRocCurve"] = 0.6, ["LogLoss"] = 0.7, ["PositionAuc"] = 0.58 },
            ["cvr"] = new Dictionary<string, double> { ["AreaUnderRocCurve"] = 0.1, ["LogLoss"] = 0.9 },
            ["dwell"] = new Dictionary<string, double> { ["RootMeanSquaredError"] = 2.0 },
        };

    private static readonly CtrTask[] Tasks =
    [
        new("click", TaskKind.Binary, 3f), new("like", TaskKind.Binary, 1f), new("cvr", TaskKind.Binary, 0f), new("dwell", TaskKind.Regression, 1f),
    ];

    [Fact]
    public void Of_SeveralTasksByDefault_IsTheLossWeightedMeanOverTrainedTasksWithTheMetric()
    {
        // cvr has weight 0, dwell has no AUC: (3 · 0.8 + 1 · 0.6) / 4.
        Assert.Equal(((3 * 0.8) + 0.6) / 4, WatchedMetric.Of(Metrics, Tasks, new TrainingOptions()), 12);
        Assert.Equal(((3 * 0.5) + 0.7) / 4, WatchedMetric.Of(Metrics, Tasks, new TrainingOptions { EarlyStoppingMetric = ValidationMetric.LogLoss }), 12);
        Assert.Equal(((3 * 0.72) + 0.58) / 4, WatchedMetric.Of(Metrics, Tasks, new TrainingOptions { EarlyStoppingMetric = ValidationMetric.PositionAuc }), 12);
    }

    [Fact]
    public void Of_NamedTaskOrSingleTask_IsThatTasksMetric()
    {
        Assert.Equal(0.6, WatchedMetric.Of(Metrics, Tasks, new TrainingOptions { EarlyStoppingTask = "like" }));
        Assert.Equal(0.1, WatchedMetric.Of(Metrics, Tasks, new TrainingOptions { EarlyStoppingTask = "cvr" }));
        Assert.Equal(0.6, WatchedMetric.Of(Metrics, [new CtrTask("like", TaskKind.Binary, 5f)], new TrainingOptions()));
    }

    [Fact]
    public void Of_NoTrainedTaskReportsTheMetric_SaysWhichTasksThereAre()
    {
        var options = new TrainingOptions { EarlyStoppingMetric = ValidationMetric.MeanAbsoluteError };

        var e = Assert.Throws<InvalidOperationException>(() => WatchedMetric.Of(Metrics, Tasks, options));

        Assert.Contains("MeanAbsoluteError", e.Message);
        Assert.Contains("dwell: weight 1, Regression", e.Message);
    }
}
