using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class PleLevelTests
{
    [Fact]
    public void Forward_WithSharedOutput_GradCheck()
    {
        var level = new PleLevel(3, tasks: 2, taskExperts: 1, sharedExperts: 2, [4], sharedOutput: true, new Random(0));
        GradCheck.Check(t =>
        {
            (Tensor[] tasks, Tensor? shared) = level.Forward([t[0], t[1]], t[2]);
            return Ops.Concat([.. tasks, shared!], axis: 1);
        }, [GradCheck.Input([2, 3], seed: 1, name: "task0"), GradCheck.Input([2, 3], seed: 2, name: "task1"),
            GradCheck.Input([2, 3], seed: 3, name: "shared"), .. level.Parameters()]);
    }

    [Fact]
    public void LastLevel_HasNoSharedGateOrOutput()
    {
        var level = new PleLevel(3, tasks: 2, taskExperts: 2, sharedExperts: 1, [4], sharedOutput: false, new Random(0));
        Tensor x = GradCheck.Input([2, 3], seed: 4);

        (Tensor[] tasks, Tensor? shared) = level.Forward([x, x], x);

        Assert.Null(shared);
        Assert.False(level.HasSharedOutput);
        Assert.Equal(["taskExperts", "sharedExperts", "taskGates"], level.NamedChildren().Select(c => c.Name));
        Assert.Equal(2, tasks.Length);
        Assert.Equal([2, 4], tasks[1].Shape.ToArray());
    }

    [Fact]
    public void ProgressiveLayeredExtraction_TwoLevels_GradCheck()
    {
        var ple = new ProgressiveLayeredExtraction(3, tasks: 2, levels: 2, taskExperts: 1, sharedExperts: 1, [3], new Random(5));
        Assert.Equal(3, ple.OutFeatures);
        Assert.Contains(ple.NamedParameters(), p => p.Name == "levels.0.sharedGate.linear.weight");
        Assert.DoesNotContain(ple.NamedParameters(), p => p.Name.StartsWith("levels.1.sharedGate", StringComparison.Ordinal));
        GradCheck.Check(t => Ops.Concat(ple.Forward(t[0]), axis: 1), [GradCheck.Input([2, 3], seed: 6, name: "x"), .. ple.Parameters()]);
    }

    [Fact]
    public void Forward_WrongTaskCount_SaysBoth()
    {
        var level = new PleLevel(3, tasks: 2, taskExperts: 1, sharedExperts: 1, [4], sharedOutput: false, new Random(0));
        Tensor x = Tensor.Zeros(1, 3);
        Assert.Contains("2 tasks; got 3", Assert.Throws<ArgumentException>(() => level.Forward([x, x, x], x)).Message);
    }
}
