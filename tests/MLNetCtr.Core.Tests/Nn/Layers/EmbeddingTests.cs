using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class EmbeddingTests
{
    [Fact]
    public void Constructor_TorchLayoutAndStandardNormalInit()
    {
        var embedding = new Embedding(500, 8, new Random(0));

        Assert.Equal([500, 8], embedding.Weight.Shape.ToArray());
        Assert.Equal(["weight"], embedding.NamedParameters().Select(p => p.Name));
        Assert.NotNull(embedding.Weight.TouchedRows);   // sparse by default
        double mean = embedding.Weight.Data.Average(), std = Math.Sqrt(embedding.Weight.Data.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(std, 0.95, 1.05);
    }

    [Fact]
    public void Constructor_StandardDeviationOption_ScalesInit()
    {
        float[] data = new Embedding(500, 8, new Random(0), standardDeviation: 0.01f).Weight.Data;
        Assert.InRange(Math.Sqrt(data.Average(v => v * v)), 0.0095, 0.0105);
    }

    [Fact]
    public void Forward_PaddingRow_IsZeroAndGetsNoGradient()
    {
        var embedding = new Embedding(5, 3, new Random(1), paddingIndex: 0);
        Assert.All(embedding.Weight.Data[..3], v => Assert.Equal(0f, v));

        Tensor y = embedding.Forward([0, 2, 0, 4], [2, 2]);   // (2, 2, 3)
        y.Sum().Backward();

        Assert.Equal([2, 2, 3], y.Shape.ToArray());
        Assert.All(y.Data[..3], v => Assert.Equal(0f, v));
        Assert.Equal([2, 4], embedding.Weight.TouchedRows!.Rows.Order());
        Assert.All(embedding.Weight.Grad![..3], g => Assert.Equal(0f, g));
        Assert.All(embedding.Weight.Grad!.AsSpan(6, 3).ToArray(), g => Assert.Equal(1f, g));
    }

    [Fact]
    public void Forward_DenseTable_GradCheck()
    {
        var embedding = new Embedding(6, 3, new Random(2), sparse: false);
        Assert.Null(embedding.Weight.TouchedRows);
        GradCheck.Check(_ => embedding.Forward([1, 4, 1, 5], [4]), [embedding.Weight]);
    }

    [Fact]
    public void Constructor_PaddingIndexOutOfRange_ThrowsNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(5, 3, new Random(0), paddingIndex: 5));
        Assert.Equal("paddingIndex", e.ParamName);
        Assert.Contains("[0, 5)", e.Message);
    }
}
