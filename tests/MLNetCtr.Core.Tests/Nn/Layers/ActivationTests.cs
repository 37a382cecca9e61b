using MLNetCtr.Nn;
using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Nn.Layers;

using Ops = MLNetCtr.Tensors.Ops;

public sealed class ActivationTests
{
    public static TheoryData<Activation> All => new(Enum.GetValues<Activation>());

    [Theory]
    [MemberData(nameof(All))]
    public void Apply_MatchesTheOp(Activation activation)
    {
        Tensor x = Tensor.From([-2f, -0.5f, 0f, 0.5f, 3f]);
        Func<Tensor, Tensor> expected = activation switch
        {
            Activation.Relu => Ops.Relu,
            Activation.Gelu => Ops.Gelu,
            Activation.Tanh => Ops.Tanh,
            Activation.Sigmoid => Ops.Sigmoid,
            _ => t => t,
        };
        Assert.Equal(expected(x).Data, activation.Apply(x).Data);
    }

    [Fact]
    public void Apply_Identity_ReturnsInputItself()
    {
        Tensor x = Tensor.Zeros(3);
        Assert.Same(x, Activation.Identity.Apply(x));
    }

    [Fact]
    public void Apply_UnknownValue_ThrowsNamingIt() =>
        Assert.Contains("42", Assert.Throws<ArgumentOutOfRangeException>(() => ((Activation)42).Apply(Tensor.Zeros(1))).Message);
}
