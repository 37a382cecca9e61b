using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Nn.Optim;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Constant_IsOneEverywhere() => Assert.Equal([1f, 1f, 1f], new long[] { 0, 7, 1_000_000 }.Select(new ConstantSchedule().Multiplier));

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(5, 0.5)]
    [InlineData(10, 1.0)]
    [InlineData(60, 0.5)]
    [InlineData(85, 0.25)]
    [InlineData(110, 0.0)]
    [InlineData(500, 0.0)]
    public void LinearWarmupLinearDecay_KeySteps(long step, double expected) =>
        Assert.Equal(expected, new LinearWarmupLinearDecaySchedule(warmupSteps: 10, totalSteps: 110).Multiplier(step), 1e-6);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(2, 0.2)]
    [InlineData(10, 1.0)]
    [InlineData(35, 0.853553390593)]   // ½(1 + cos π/4)
    [InlineData(60, 0.5)]
    [InlineData(110, 0.0)]
    [InlineData(500, 0.0)]             // stays at the end value instead of rising again
    public void LinearWarmupCosineDecay_KeySteps(long step, double expected) =>
        Assert.Equal(expected, new LinearWarmupCosineDecaySchedule(warmupSteps: 10, totalSteps: 110).Multiplier(step), 1e-6);

    [Fact]
    public void FinalMultiplier_IsTheFloorOfTheDecay()
    {
        var linear = new LinearWarmupLinearDecaySchedule(10, 110, finalMultiplier: 0.1f);
        var cosine = new LinearWarmupCosineDecaySchedule(10, 110, finalMultiplier: 0.1f);
        Assert.Equal(0.55f, linear.Multiplier(60), 1e-6f);
        Assert.Equal(0.1f, linear.Multiplier(1_000), 1e-6f);
        Assert.Equal(0.55f, cosine.Multiplier(60), 1e-6f);
        Assert.Equal(0.1f, cosine.Multiplier(110), 1e-6f);
    }

    [Fact]
    public void NoWarmup_StartsAtOne()
    {
        Assert.Equal(1f, new LinearWarmupCosineDecaySchedule(0, 100).Multiplier(0));
        Assert.Equal(1f, new LinearWarmupLinearDecaySchedule(0, 100).Multiplier(0));
    }

    [Fact]
    public void Constructor_WarmupLongerThanTotal_ThrowsWithValues()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmupLinearDecaySchedule(warmupSteps: 20, totalSteps: 10));
        Assert.Contains("20", e.Message);
    }

    [Theory]
    [InlineData(LearningRateScheduleKind.Constant, typeof(ConstantSchedule))]
    [InlineData(LearningRateScheduleKind.LinearWarmupLinearDecay, typeof(LinearWarmupLinearDecaySchedule))]
    [InlineData(LearningRateScheduleKind.LinearWarmupCosineDecay, typeof(LinearWarmupCosineDecaySchedule))]
    public void Create_Kind_BuildsThatSchedule(LearningRateScheduleKind kind, Type expected) =>
        Assert.IsType(expected, LearningRateSchedules.Create(kind, warmupSteps: 5, totalSteps: 50));

    [Fact]
    public void Scheduler_ScalesEachGroupsInitialRate_StepByStep()
    {
        var sgd = new Sgd([
            new ParameterGroup([Tensor.Parameter([0f], [1])]) { LearningRate = 0.1f },
            new ParameterGroup([Tensor.Parameter([0f], [1])]) { LearningRate = 0.01f },
        ]);
        var scheduler = new LearningRateScheduler(sgd, new LinearWarmupLinearDecaySchedule(warmupSteps: 4, totalSteps: 8));
        Assert.Equal([0f, 0f], [sgd.GetLearningRate(0), sgd.GetLearningRate(1)]);

        scheduler.Step();
        Assert.Equal(0.025f, sgd.GetLearningRate(0), 1e-7f);
        Assert.Equal(0.0025f, sgd.GetLearningRate(1), 1e-8f);
        for (int i = 0; i < 5; i++)
        {
            scheduler.Step();
        }
        Assert.Equal(6, scheduler.CurrentStep);
        Assert.Equal(0.05f, sgd.GetLearningRate(0), 1e-7f);   // halfway down the decay from step 4 to 8
        Assert.Equal(0.005f, sgd.GetLearningRate(1), 1e-8f);
    }
}
