using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using static MLNetCtr.Tests.Nn.OptimizerFixtures;

namespace MLNetCtr.Tests.Nn.Optim;

public sealed class OptimizerTests
{
    private static Tensor Ones(string name) => Tensor.Parameter([1f, 1f, 1f], [3], name);

    [Fact]
    public void SgdStep_WeightDecayPerGroup_DecaysOnlyItsGroup()
    {
        Tensor decayed = Ones("decayed"), kept = Ones("kept");
        var sgd = new Sgd([new ParameterGroup([decayed]) { WeightDecay = 0.5f }, new ParameterGroup([kept])], new SgdOptions { LearningRate = 0.1f });
        SetGradient(decayed, [0f, 0f, 0f]);
        SetGradient(kept, [0f, 0f, 0f]);
        sgd.Step();

        Assert.All(decayed.Data, x => Assert.Equal(0.95f, x, 1e-6f));   // θ − lr·λ·θ
        Assert.All(kept.Data, x => Assert.Equal(1f, x));
        Assert.Equal([0.5f, 0f], [sgd.GetWeightDecay(0), sgd.GetWeightDecay(1)]);
    }

    [Fact]
    public void AdamWStep_WeightDecayPerGroup_DecouplesAndDecaysOnlyItsGroup()
    {
        Tensor decayed = Ones("decayed"), kept = Ones("kept");
        var adamW = new AdamW([new ParameterGroup([decayed]), new ParameterGroup([kept]) { WeightDecay = 0f }], new AdamWOptions { LearningRate = 0.1f, WeightDecay = 0.2f });
        SetGradient(decayed, [0f, 0f, 0f]);   // zero gradient: the Adam part moves nothing
        SetGradient(kept, [0f, 0f, 0f]);
        adamW.Step();

        Assert.All(decayed.Data, x => Assert.Equal(0.98f, x, 1e-6f));   // (1 − lr·λ)·θ
        Assert.All(kept.Data, x => Assert.Equal(1f, x));
    }

    [Fact]
    public void Constructor_GroupLearningRate_OverridesOptions()
    {
        var adam = new Adam([new ParameterGroup([Ones("a")]) { LearningRate = 0.5f }, new ParameterGroup([Ones("b")])]);

        Assert.Equal(0.5f, adam.GetLearningRate(0));
        Assert.Equal(1e-3f, adam.GetLearningRate(1));
        Assert.Equal(0.5f, adam.GetInitialLearningRate(0));
    }

    [Fact]
    public void SetLearningRate_ChangesTheNextStep()
    {
        Tensor p = Ones("p");
        var sgd = new Sgd([p], new SgdOptions { LearningRate = 0.1f });
        sgd.SetLearningRate(0, 0.5f);
        SetGradient(p, [1f, 2f, 3f]);
        sgd.Step();

        Assert.Equal([0.5f, 0f, -0.5f], p.Data);
        Assert.Equal(0.1f, sgd.GetInitialLearningRate(0));
    }

    [Fact]
    public void Step_ParameterWithoutGradient_IsLeftAlone()
    {
        Tensor frozen = Ones("frozen"), trained = Ones("trained");
        var adam = new Adam([frozen, trained], new AdamOptions { LearningRate = 0.1f });
        SetGradient(trained, [1f, 1f, 1f]);
        adam.Step();

        Assert.Equal([1f, 1f, 1f], frozen.Data);
        Assert.Null(adam.FirstMoment(frozen));
        Assert.All(trained.Data, x => Assert.Equal(0.9f, x, 1e-5f));
        Assert.Equal(1, adam.StepCount);
    }

    [Fact]
    public void Step_DenseGradient_IsKeptUntilZeroGrad()
    {
        Tensor p = Ones("p");
        var sgd = new Sgd([p]);
        SetGradient(p, [1f, 2f, 3f]);
        sgd.Step();
        Assert.Equal([1f, 2f, 3f], p.Grad!);

        sgd.ZeroGrad();
        Assert.Equal([0f, 0f, 0f], p.Grad!);
    }

    [Fact]
    public void Constructor_ParameterInTwoGroups_ThrowsNamingIt()
    {
        Tensor p = Ones("shared");
        var e = Assert.Throws<ArgumentException>(() => new Adam([new ParameterGroup([p]), new ParameterGroup([p])]));
        Assert.Contains("'shared'", e.Message);
        Assert.Contains("group 1", e.Message);
    }

    [Fact]
    public void Constructor_NoParameters_Throws() => Assert.Throws<ArgumentException>(() => new Sgd(Array.Empty<Tensor>()));

    [Fact]
    public void Constructor_NegativeGroupLearningRate_ThrowsWithValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad([new ParameterGroup([Ones("a")]) { LearningRate = -0.5f }]));
        Assert.Contains("-0.5", e.Message);
        Assert.Contains("group 0", e.Message);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([Ones("a")], new AdamOptions { Beta1 = 1f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamW([Ones("a")], new AdamWOptions { Epsilon = -1f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad([Ones("a")], new AdagradOptions { LearningRateDecay = -1f }));
        var e = Assert.Throws<ArgumentException>(() => new Sgd([Ones("a")], new SgdOptions { Nesterov = true, Momentum = 0.9f, Dampening = 0.1f }));
        Assert.Contains("Dampening = 0.1", e.Message);
    }

    [Fact]
    public void Defaults_MatchTorch()
    {
        Assert.Equal((1e-3f, 0.9f, 0.999f, 1e-8f, 0f), (new AdamOptions().LearningRate, new AdamOptions().Beta1, new AdamOptions().Beta2, new AdamOptions().Epsilon, new AdamOptions().WeightDecay));
        Assert.Equal(0.01f, new AdamWOptions().WeightDecay);
        Assert.Equal((0.01f, 1e-10f, 0f, 0f), (new AdagradOptions().LearningRate, new AdagradOptions().Epsilon, new AdagradOptions().InitialAccumulatorValue, new AdagradOptions().LearningRateDecay));
        Assert.Equal((0f, 0f, false), (new SgdOptions().Momentum, new SgdOptions().Dampening, new SgdOptions().Nesterov));
    }
}
