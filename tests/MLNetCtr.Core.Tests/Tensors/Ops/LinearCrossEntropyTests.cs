using MLNetCtr.Tensors;
using MLNetCtr.Tensors.Kernels;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class LinearCrossEntropyTests
{
    [Fact]
    public void LinearCrossEntropy_GradCheck()
    {
        Tensor x = GradCheck.Input([5, 4], seed: 1, name: "x"), weight = GradCheck.Input([7, 4], seed: 2, name: "weight"), bias = GradCheck.Input([7], seed: 3, name: "bias");
        GradCheck.Check(t => TensorOps.LinearCrossEntropy(t[0], t[1], t[2], [6, -100, 0, 3, 3]), [x, weight, bias]);
    }

    [Fact]
    public void LinearCrossEntropy_Rank3Input_GradCheck()
    {
        Tensor x = GradCheck.Input([2, 3, 4], seed: 4, name: "x"), weight = GradCheck.Input([5, 4], seed: 5, name: "weight"), bias = GradCheck.Input([5], seed: 6, name: "bias");
        GradCheck.Check(t => TensorOps.LinearCrossEntropy(t[0], t[1], t[2], [0, 4, 1, -100, 2, 2]), [x, weight, bias]);
    }

    [Theory]
    [InlineData(131, 19, 4613)]    // two row blocks (one partial), two backward groups, partial column tiles
    [InlineData(3, 5, 513)]        // fewer rows than a block, one column past a tile
    [InlineData(257, 64, 8193)]    // three groups, the last one column wide
    public void LinearCrossEntropy_OddShapes_MatchesLinearThenCrossEntropy(int n, int d, int v)
    {
        (Tensor x, Tensor weight, Tensor bias, int[] targets) = Problem(n, d, v, seed: 7);
        Tensor fused = TensorOps.LinearCrossEntropy(x, weight, bias, targets);
        fused.Backward();
        float[][] fusedGrads = [(float[])x.Grad!.Clone(), (float[])weight.Grad!.Clone(), (float[])bias.Grad!.Clone()];
        ZeroGrads(x, weight, bias);

        Tensor reference = TensorOps.CrossEntropy(TensorOps.Linear(x, weight, bias), targets);
        reference.Backward();

        Assert.Equal(reference.Item(), fused.Item(), 1e-4f);
        float[][] expected = [x.Grad!, weight.Grad!, bias.Grad!];
        for (int t = 0; t < 3; t++)
        {
            float scale = expected[t].Max(MathF.Abs);
            Assert.All(Enumerable.Range(0, expected[t].Length), i => Assert.Equal(expected[t][i], fusedGrads[t][i], 2e-5f * scale));
        }
    }

    [Fact]
    public void LinearCrossEntropy_ParallelAndSerial_AreBitIdentical()
    {
        (Tensor x, Tensor weight, Tensor bias, int[] targets) = Problem(n: 300, d: 32, v: 9000, seed: 8);
        var results = new List<float[]>();
        foreach (bool parallel in new[] { true, false, true })
        {
            ZeroGrads(x, weight, bias);
            Tensor loss = TensorOps.LinearCrossEntropy(x, weight, bias, targets, -100, parallel);
            loss.Backward();
            results.Add([loss.Item(), .. x.Grad!, .. weight.Grad!, .. bias.Grad!]);
        }

        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
    }

    [Fact]
    public void LinearCrossEntropy_GradientsAccumulate()
    {
        (Tensor x, Tensor weight, Tensor bias, int[] targets) = Problem(n: 9, d: 6, v: 700, seed: 9);
        TensorOps.LinearCrossEntropy(x, weight, bias, targets).Backward();
        float[] once = (float[])weight.Grad!.Clone();

        TensorOps.LinearCrossEntropy(x, weight, bias, targets).Backward();

        Assert.All(Enumerable.Range(0, once.Length), i => Assert.Equal(2 * once[i], weight.Grad![i], 1e-6f));
    }

    [Fact]
    public void LinearCrossEntropy_AllIgnored_ReturnsZeroLossAndZeroGradient()
    {
        (Tensor x, Tensor weight, Tensor bias, _) = Problem(n: 4, d: 3, v: 10, seed: 10);
        Tensor loss = TensorOps.LinearCrossEntropy(x, weight, bias, [-100, -100, -100, -100]);
        loss.Backward();

        Assert.Equal(0f, loss.Item());
        Assert.All(x.Grad!, g => Assert.Equal(0f, g));
        Assert.All(weight.Grad!, g => Assert.Equal(0f, g));
        Assert.All(bias.Grad!, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void LinearCrossEntropy_UniformLogits_IsLogOfClassCount()
    {
        Tensor loss = TensorOps.LinearCrossEntropy(GradCheck.Input([3, 4], seed: 11), Tensor.Zeros(1000, 4), Tensor.Zeros(1000), [0, 999, 512]);
        Assert.Equal(MathF.Log(1000f), loss.Item(), 5);
    }

    [Fact]
    public void LinearCrossEntropy_TargetOutOfRange_ThrowsNamingIndexAndValue()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TensorOps.LinearCrossEntropy(Tensor.Zeros(2, 3), Tensor.Zeros(4, 3), Tensor.Zeros(4), [1, 4]));
        Assert.Contains("targets[1] = 4", error.Message);
    }

    [Fact]
    public void LinearCrossEntropy_WrongBias_ThrowsNamingShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => TensorOps.LinearCrossEntropy(Tensor.Zeros(2, 3), Tensor.Zeros(4, 3), Tensor.Zeros(5), [1, 2]));
        Assert.Contains("bias (5", error.Message);
        Assert.Contains("weight (4, 3)", error.Message);
    }

    [Fact]
    public void Groups_DependOnlyOnTheClassCount()
    {
        Assert.Equal(1, LinearCrossEntropyKernels.Groups(1));
        Assert.Equal(1, LinearCrossEntropyKernels.Groups(LinearCrossEntropyKernels.GroupColumns));
        Assert.Equal(2, LinearCrossEntropyKernels.Groups(LinearCrossEntropyKernels.GroupColumns + 1));
        Assert.Equal(LinearCrossEntropyKernels.MaxGroups, LinearCrossEntropyKernels.Groups(10_000_000));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4097)]
    [InlineData(50_002)]
    [InlineData(10_000_000)]
    public void GroupWidth_TilesCoverEveryColumnInAtMostMaxGroups(int v)
    {
        int width = LinearCrossEntropyKernels.GroupWidth(v);
        Assert.Equal(0, width % LinearCrossEntropyKernels.ColumnTile);
        Assert.True((long)width * LinearCrossEntropyKernels.Groups(v) >= v, $"{LinearCrossEntropyKernels.Groups(v)} groups of {width} miss columns of {v}");
    }

    private static (Tensor X, Tensor Weight, Tensor Bias, int[] Targets) Problem(int n, int d, int v, int seed)
    {
        var random = new Random(seed);
        Tensor x = GradCheck.Input([n, d], seed, name: "x"), weight = GradCheck.Input([v, d], seed + 1, low: -0.5f, high: 0.5f, name: "weight");
        Tensor bias = GradCheck.Input([v], seed + 2, name: "bias");
        int[] targets = [.. Enumerable.Range(0, n).Select(i => i % 5 == 4 ? -100 : random.Next(v))];
        targets[0] = v - 1;
        return (x, weight, bias, targets);
    }

    private static void ZeroGrads(params Tensor[] tensors)
    {
        foreach (Tensor t in tensors)
        {
            t.ZeroGrad();
        }
    }
}
