using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Nn;

public sealed class ModuleTests
{
    /// <summary>tower (2 Linears) → scale (a direct parameter) → output: registration order is the parameter order.</summary>
    private sealed class Toy : Module
    {
        public Toy(Random random)
        {
            Tower = Register("tower", new ModuleList<Linear>([new Linear(4, 3, random), new Linear(3, 3, random)]));
            Scale = RegisterParameter("scale", Tensor.Parameter([1f], [1]));
            Output = Register("output", new Linear(3, 1, random, bias: false));
        }

        public ModuleList<Linear> Tower { get; }

        public Tensor Scale { get; }

        public Linear Output { get; }

        public void Add(string name, Module child) => Register(name, child);

        public void AddParameter(string name, Tensor p) => RegisterParameter(name, p);
    }

    [Fact]
    public void NamedParameters_NestedModules_DottedNamesInRegistrationOrder()
    {
        var toy = new Toy(new Random(0));

        Assert.Equal(
            ["tower.0.weight", "tower.0.bias", "tower.1.weight", "tower.1.bias", "scale", "output.weight"],
            toy.NamedParameters().Select(p => p.Name));
        Assert.Equal(toy.NamedParameters().Select(p => p.Parameter), toy.Parameters());
        Assert.Same(toy.Tower[1].Bias, toy.Parameters()[3]);
        Assert.Equal(["tower", "output"], toy.NamedChildren().Select(c => c.Name));
    }

    [Fact]
    public void NamedParameters_TiedTensor_AppearsOnceUnderFirstName()
    {
        var toy = new Toy(new Random(0));
        toy.AddParameter("tied", toy.Tower[0].Weight);

        Assert.Equal(6, toy.Parameters().Count);
        Assert.DoesNotContain("tied", toy.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Register_DuplicateOrDottedName_ThrowsNamingIt()
    {
        var toy = new Toy(new Random(0));
        Assert.Contains("'scale'", Assert.Throws<ArgumentException>(() => toy.AddParameter("scale", Tensor.Scalar(0f))).Message);
        Assert.Contains("'a.b'", Assert.Throws<ArgumentException>(() => toy.Add("a.b", new ModuleList<Linear>())).Message);
        Assert.Throws<ArgumentException>(() => toy.Add("", new ModuleList<Linear>()));
    }

    [Fact]
    public void EvalAndTrain_PropagateToEveryDescendant()
    {
        var toy = new Toy(new Random(0));
        Assert.True(toy.Tower[1].IsTraining);

        toy.Eval();
        Assert.All(new Module[] { toy, toy.Tower, toy.Tower[0], toy.Tower[1], toy.Output }, m => Assert.False(m.IsTraining));

        toy.Train();
        Assert.All(new Module[] { toy, toy.Tower, toy.Tower[0], toy.Tower[1], toy.Output }, m => Assert.True(m.IsTraining));
    }

    [Fact]
    public void Register_ChildOfModuleInEval_TakesParentsMode()
    {
        var toy = new Toy(new Random(0));
        toy.Eval();
        var late = new Linear(2, 2, new Random(1));
        toy.Add("late", late);

        Assert.False(late.IsTraining);
    }

    [Fact]
    public void ZeroGrad_ZeroesEveryParameterGradient()
    {
        var toy = new Toy(new Random(0));
        foreach (Tensor p in toy.Parameters())
        {
            Array.Fill(p.GradOrZeros(), 3f);
        }

        toy.ZeroGrad();

        Assert.All(toy.Parameters(), p => Assert.All(p.Grad!, g => Assert.Equal(0f, g)));
    }

    [Fact]
    public void RegisterParameter_UnnamedTensor_GetsLocalName() => Assert.Equal("scale", new Toy(new Random(0)).Scale.Name);

    [Fact]
    public void NamedBuffers_NestedModules_DottedNamesAndNotParameters()
    {
        var toy = new Toy(new Random(0));
        var norm = new BatchNorm1d(3);
        toy.Add("norm", norm);

        Assert.Equal(["norm.running_mean", "norm.running_var"], toy.NamedBuffers().Select(b => b.Name));
        Assert.Same(norm.RunningVariance, toy.NamedBuffers()[1].Buffer);
        Assert.DoesNotContain(toy.Parameters(), p => ReferenceEquals(p, norm.RunningMean));
        Assert.Contains("norm.weight", toy.NamedParameters().Select(p => p.Name));
        Assert.Empty(new Toy(new Random(0)).NamedBuffers());
    }

    [Fact]
    public void NamedState_ParametersThenBuffers()
    {
        var toy = new Toy(new Random(0));
        toy.Add("norm", new BatchNorm1d(3));

        Assert.Equal(toy.NamedParameters().Select(p => p.Name).Concat(["norm.running_mean", "norm.running_var"]), toy.NamedState().Select(s => s.Name));
    }

    [Fact]
    public void RegisterBuffer_TensorThatRequiresGrad_ThrowsNamingIt()
    {
        var holder = new BufferHolder();
        var e = Assert.Throws<ArgumentException>(() => holder.Add("stats", Tensor.Parameter([1f, 2f], [2])));
        Assert.Contains("'stats'", e.Message);
        Assert.Contains("(2,)", e.Message);
    }

    [Fact]
    public void RegisterBuffer_NameTakenByParameter_Throws()
    {
        var holder = new BufferHolder();
        holder.Add("count", Tensor.Zeros(1));
        Assert.Contains("'count'", Assert.Throws<ArgumentException>(() => holder.Add("count", Tensor.Zeros(1))).Message);
        Assert.Equal("count", holder.NamedBuffers().Single().Buffer.Name);
    }

    [Fact]
    public void RegisterBuffer_TensorBorrowedFromAScope_ThrowsNamingIt()
    {
        var holder = new BufferHolder();
        using (TensorScope.Begin(new BufferPool()))
        {
            var e = Assert.Throws<ArgumentException>(() => holder.Add("frequencies", Tensor.Zeros(4)));
            Assert.Contains("'frequencies'", e.Message);
            Assert.Contains(nameof(TensorScope), e.Message);
            holder.Add("owned", Tensor.From(new float[4], 4));   // an owned array is fine inside a scope
        }
        Assert.Equal("owned", holder.NamedBuffers().Single().Name);
    }

    private sealed class BufferHolder : Module
    {
        public void Add(string name, Tensor buffer) => RegisterBuffer(name, buffer);
    }
}
