using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class MixtureOfExpertsTests
{
    [Fact]
    public void Forward_ThreeExpertsTwoTasks_GradCheck()
    {
        var mixture = new MixtureOfExperts(4, experts: 3, tasks: 2, [5, 3], new Random(0));
        // The experts use ReLU: a small step, and an input (seed 3) whose pre-activations all stay a step away from the kink.
        GradCheck.Check(t => Ops.Concat(mixture.Forward(t[0]), axis: 1), [GradCheck.Input([3, 4], seed: 3, name: "x"), .. mixture.Parameters()], eps: 1e-3f);
    }

    [Fact]
    public void ExpertGate_GradCheck_AndWeightsSumToOne()
    {
        var gate = new ExpertGate(3, 4, new Random(2));
        GradCheck.Check(t => gate.Forward(t[0], t[1]),
            [GradCheck.Input([2, 3], seed: 3, name: "gateInput"), GradCheck.Input([2, 4, 5], seed: 4, name: "experts"), .. gate.Parameters()]);

        float[] weights = gate.Weights(GradCheck.Input([2, 3], seed: 5)).Data;
        Assert.Equal(1f, weights[..4].Sum(), 5);
        Assert.Equal(1f, weights[4..].Sum(), 5);
    }

    [Fact]
    public void Forward_IdenticalExperts_GiveThatExpertWhateverTheGate()
    {
        var mixture = new MixtureOfExperts(3, experts: 2, tasks: 2, [4], new Random(6));
        var parameters = mixture.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        parameters["experts.experts.0.hidden.0.linear.weight"].Data.CopyTo(parameters["experts.experts.1.hidden.0.linear.weight"].Data, 0);
        parameters["experts.experts.0.hidden.0.linear.bias"].Data.CopyTo(parameters["experts.experts.1.hidden.0.linear.bias"].Data, 0);
        var expert = new Mlp(3, [4], new Random(0));
        expert.NamedParameters()[0].Parameter.Data.AsSpan().Clear();
        parameters["experts.experts.0.hidden.0.linear.weight"].Data.CopyTo(expert.NamedParameters()[0].Parameter.Data, 0);
        parameters["experts.experts.0.hidden.0.linear.bias"].Data.CopyTo(expert.NamedParameters()[1].Parameter.Data, 0);
        Tensor x = GradCheck.Input([5, 3], seed: 7);

        Tensor[] tasks = mixture.Forward(x);

        float[] expected = expert.Forward(x).Data;
        Assert.All(tasks, task => Fixtures.AssertClose(expected, task.Data, "task", 1e-6));
    }

    [Fact]
    public void SharedGate_GivesEveryTaskThatGatesMixture_GradCheck()
    {
        var shared = new MixtureOfExperts(4, experts: 3, tasks: 2, [5], new Random(10), sharedGate: true);
        var perTask = new MixtureOfExperts(4, experts: 3, tasks: 2, [5], new Random(10));
        Tensor x = GradCheck.Input([3, 4], seed: 3);

        Tensor[] tasks = shared.Forward(x);

        Assert.Equal(["gates.0.linear.weight", "gates.0.linear.bias"], shared.NamedParameters().Select(p => p.Name).Where(n => n.StartsWith("gates", StringComparison.Ordinal)));
        Assert.Equal(tasks[0].Data, tasks[1].Data);
        Assert.Equal(perTask.Forward(x)[0].Data, tasks[0].Data);      // same seed: the same experts and first gate
        GradCheck.Check(t => Ops.Concat(shared.Forward(t[0]), axis: 1), [GradCheck.Input([3, 4], seed: 3, name: "x"), .. shared.Parameters()], eps: 1e-3f);
    }

    [Fact]
    public void OneExpert_IsASharedBottomWithoutGates()
    {
        var mixture = new MixtureOfExperts(3, experts: 1, tasks: 3, [4, 2], new Random(8));

        Tensor[] tasks = mixture.Forward(GradCheck.Input([2, 3], seed: 9));

        Assert.DoesNotContain(mixture.NamedParameters(), p => p.Name.StartsWith("gates", StringComparison.Ordinal));
        Assert.Equal(3, tasks.Length);
        Assert.All(tasks, task => Assert.Equal(tasks[0].Data, task.Data));
        Assert.Equal([2, 2], tasks[0].Shape.ToArray());
    }

    [Fact]
    public void ExpertGate_WrongExpertCount_NamesBothShapes()
    {
        var gate = new ExpertGate(3, 4, new Random(0));
        var e = Assert.Throws<ArgumentException>(() => gate.Forward(Tensor.Zeros(2, 3), Tensor.Zeros(2, 3, 5)));
        Assert.Contains("mixes 4 experts", e.Message);
        Assert.Contains("(2, 3, 5)", e.Message);
    }
}
