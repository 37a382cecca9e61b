using System.Text.Json;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class LstmTests
{
    private static readonly JsonElement Cases = Fixtures.Load("golden_lstm.json").GetProperty("cases");

    [Fact]
    public void Constructor_TorchNamesShapesAndInitBound()
    {
        var lstm = new Lstm(3, 4, new Random(0));

        Assert.Equal(["weight_ih", "weight_hh", "bias_ih", "bias_hh"], lstm.NamedParameters().Select(p => p.Name));
        Assert.Equal([16, 3], lstm.WeightIh.Shape.ToArray());
        Assert.Equal([16, 4], lstm.WeightHh.Shape.ToArray());
        Assert.All(lstm.Parameters().SelectMany(p => p.Data), v => Assert.InRange(v, -0.5f, 0.5f));   // U(±1/√H)
    }

    [Theory]
    [InlineData("mixed_lengths")]
    [InlineData("full_lengths")]
    public void Forward_PackedSequences_MatchesTorch(string name)
    {
        JsonElement c = Cases.GetProperty(name);
        var lstm = new Lstm(3, c.GetProperty("hidden_size").GetInt32(), new Random(0));
        Fixtures.LoadByName(lstm.NamedParameters(), c.GetProperty("params"));
        Tensor x = c.GetProperty("x").ToTensor(requiresGrad: true);

        (Tensor outputs, Tensor hidden) = lstm.Forward(x, c.GetProperty("lengths").Ints());
        Tensor loss = (outputs * c.GetProperty("r").ToTensor()).Sum() + (hidden * c.GetProperty("q").ToTensor()).Sum();
        loss.Backward();

        Fixtures.AssertClose(c.GetProperty("outputs").Data(), outputs.Data, "outputs");
        Fixtures.AssertClose(c.GetProperty("hidden").Data(), hidden.Data, "hidden");
        Fixtures.AssertClose(c.GetProperty("grad_x").Data(), x.Grad, "grad x");
        Fixtures.AssertByName(lstm.NamedParameters(), c.GetProperty("grads"), t => t.Grad, "grad");
    }

    [Fact]
    public void Forward_WithPaddingAndEmptyRow_GradCheck()
    {
        var lstm = new Lstm(3, 2, new Random(1));
        int[] lengths = [4, 2, 0];
        GradCheck.Check(t =>
        {
            (Tensor outputs, Tensor hidden) = lstm.Forward(t[0], lengths);
            return Ops.Concat([outputs.Flatten(1), hidden], axis: 1);
        }, [GradCheck.Input([3, 4, 3], seed: 2, name: "x"), .. lstm.Parameters()]);
    }

    [Fact]
    public void Forward_FinalState_IsTheLastValidStepAndPaddingIsIgnored()
    {
        var lstm = new Lstm(2, 3, new Random(3));
        Tensor padded = GradCheck.Input([1, 5, 2], seed: 4);
        Tensor truncated = Tensor.From(padded.Data[..6], 1, 3, 2);

        (Tensor outputs, Tensor hidden) = lstm.Forward(padded, [3]);
        (Tensor shortOutputs, Tensor shortHidden) = lstm.Forward(truncated, [3]);

        Assert.Equal(shortHidden.Data, hidden.Data);
        Assert.Equal(shortOutputs.Data, outputs.Data[..9]);
        Assert.All(outputs.Data[9..], v => Assert.Equal(0f, v));
        Assert.Equal(outputs.Data[6..9], hidden.Data);
    }

    [Fact]
    public void Forward_LengthOutOfRange_NamesTheRowAndLength()
    {
        var lstm = new Lstm(2, 3, new Random(0));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => lstm.Forward(Tensor.Zeros(2, 4, 2), [4, 5]));
        Assert.Contains("Row 1 has length 5", e.Message);
    }
}
