using MLNetCtr.Cli.Demo;
using MLNetCtr.Training;

namespace MLNetCtr.Cli.Tests.Demo;

public sealed class EpochLossesTests
{
    [Fact]
    public void Of_WeighsEachRecordByItsSteps_PerEpoch()
    {
        // Epoch 0: 2 steps at mean 1.0, then 6 steps at mean 0.5; epoch 1: 4 steps at mean 0.25.
        TrainingRecord[] history = [new(0, 2, 1.0, null), new(0, 8, 0.5, null), new(1, 12, 0.25, null)];

        Assert.Equal([(1, ((2 * 1.0) + (6 * 0.5)) / 8), (2, 0.25)], EpochLosses.Of(history));
    }

    [Fact]
    public void Of_RecordWithoutStepsOrFiniteLoss_IsSkipped()
    {
        TrainingRecord[] history = [new(0, 4, 0.5, null), new(0, 4, double.NaN, null), new(1, 6, 0.25, null)];

        Assert.Equal([(1, 0.5), (2, 0.25)], EpochLosses.Of(history));
    }
}
