using System.Text.Json;
using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

/// <summary>
/// The interaction layers against PyTorch 1.13 (tools/golden_interactions.py): torch's parameters are loaded by name,
/// then outputs and the gradients of <c>sum(y · r)</c> are compared with torch's.
/// </summary>
public sealed class InteractionGoldenTests
{
    private static readonly JsonElement Cases = Fixtures.Load("golden_interactions.json").GetProperty("cases");

    [Theory]
    [InlineData("cross_full", CrossRank.Full)]
    [InlineData("cross_low_rank", CrossRank.Low)]
    public void CrossNetV2_MatchesTorch(string name, CrossRank rank)
    {
        JsonElement c = Cases.GetProperty(name);
        Tensor x0 = c.GetProperty("x0").ToTensor(requiresGrad: true);
        int lowRank = rank == CrossRank.Low ? c.GetProperty("rank").GetInt32() : 32;
        var cross = new CrossNetV2(x0.Dim(1), layerCount: 2, new Random(0), rank, lowRank);
        Fixtures.LoadByName(cross.NamedParameters(), c.GetProperty("params"));

        RunAndBackward(c, cross.Forward(x0));

        Fixtures.AssertClose(c.GetProperty("grad_x0").Data(), x0.Grad, "grad x0");
        Fixtures.AssertByName(cross.NamedParameters(), c.GetProperty("grads"), t => t.Grad, "grad");
    }

    [Fact]
    public void Cin_MatchesTorch()
    {
        JsonElement c = Cases.GetProperty("cin");
        Tensor x0 = c.GetProperty("x0").ToTensor(requiresGrad: true);
        var cin = new Cin(x0.Dim(1), c.GetProperty("layer_sizes").Ints(), new Random(0));
        Fixtures.LoadByName(cin.NamedParameters(), c.GetProperty("params"));

        Fixtures.AssertClose(c.GetProperty("maps").Data(), cin.FeatureMaps(x0).Data, "feature maps");
        RunAndBackward(c, cin.Forward(x0));

        Fixtures.AssertClose(c.GetProperty("grad_x0").Data(), x0.Grad, "grad x0");
        Fixtures.AssertByName(cin.NamedParameters(), c.GetProperty("grads"), t => t.Grad, "grad");
    }

    /// <summary>Compares y with torch's, then back-propagates the stored r (L = Σ y · r).</summary>
    private static void RunAndBackward(JsonElement c, Tensor y)
    {
        Assert.Equal(c.GetProperty("y").Shape(), y.Shape.ToArray());
        Fixtures.AssertClose(c.GetProperty("y").Data(), y.Data, "y");
        y.BackwardFrom(c.GetProperty("r").Data());
    }
}
