using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class DeepCrossNetworkTests
{
    [Theory]
    [InlineData(DcnV2Structure.CrossOnly, 6)]
    [InlineData(DcnV2Structure.Stacked, 3)]
    [InlineData(DcnV2Structure.Parallel, 9)]
    public void Forward_OutputWidthFollowsTheStructure(DcnV2Structure structure, int width)
    {
        var network = new DeepCrossNetwork(6, structure, crossLayers: 2, hiddenSizes: [4, 3], new Random(0));

        Tensor y = network.Forward(GradCheck.Input([5, 6], seed: 1));

        Assert.Equal(width, network.OutFeatures);
        Assert.Equal([5, width], y.Shape.ToArray());
    }

    [Theory]
    [InlineData(DcnV2Structure.Stacked)]
    [InlineData(DcnV2Structure.Parallel)]
    public void Forward_GradCheck(DcnV2Structure structure)
    {
        var network = new DeepCrossNetwork(4, structure, crossLayers: 2, hiddenSizes: [3], new Random(2), CrossRank.Low, lowRank: 2, Activation.Tanh);
        GradCheck.Check(t => network.Forward(t[0]), [GradCheck.Input([3, 4], seed: 3, name: "x0"), .. network.Parameters()]);
    }

    [Fact]
    public void Parallel_StartsWithTheCrossNetworkOutput()
    {
        var network = new DeepCrossNetwork(4, DcnV2Structure.Parallel, crossLayers: 1, hiddenSizes: [2], new Random(5));
        var cross = new CrossNetV2(4, 1, new Random(5));   // same seed, created first: same weights
        Tensor x0 = GradCheck.Input([2, 4], seed: 6);

        float[] y = network.Forward(x0).Data, expected = cross.Forward(x0).Data;

        for (int row = 0; row < 2; row++)
        {
            Assert.Equal(expected.AsSpan(row * 4, 4).ToArray(), y.AsSpan(row * 6, 4).ToArray());
        }
    }

    [Fact]
    public void Constructor_DeepStructureWithoutHiddenSizes_Throws() =>
        Assert.Contains("Stacked", Assert.Throws<ArgumentException>(() => new DeepCrossNetwork(4, DcnV2Structure.Stacked, 1, [], new Random(0))).Message);
}
