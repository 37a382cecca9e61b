using MLNetCtr.Cli.Demo;
using MLNetCtr.Training;

namespace MLNetCtr.Cli.Tests.Demo;

public sealed class EpochLossesTests
{
    [Fact]
    public void Means_WeighEachReportByItsSteps_PerEpoch_AndEveryReportIsPassedOn()
    {
        var passedOn = new List<long>();
        var losses = new EpochLosses(new SyncProgress<TrainingProgress>(p => passedOn.Add(p.Step)));

        // Epoch 0: 2 steps at mean 1.0, then 6 steps at mean 0.5; epoch 1: 4 steps at mean 0.25.
        foreach ((int epoch, long step, double loss) in new[] { (0, 2L, 1.0), (0, 8L, 0.5), (1, 12L, 0.25) })
        {
            losses.Report(new TrainingProgress(epoch, 2, step, 12, loss, 100, null));
        }

        Assert.Equal([(1, ((2 * 1.0) + (6 * 0.5)) / 8), (2, 0.25)], losses.Means);
        Assert.Equal([2L, 8L, 12L], passedOn);
    }
}
