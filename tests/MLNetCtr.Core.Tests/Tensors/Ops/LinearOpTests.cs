using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class LinearOpTests
{
    [Theory]
    [InlineData(new[] { 4, 5 })]
    [InlineData(new[] { 2, 3, 5 })]
    public void Linear_GradCheck(int[] shape)
    {
        Tensor x = GradCheck.Input(shape, seed: 1, name: "x");
        Tensor weight = GradCheck.Input([3, 5], seed: 2, name: "weight");
        Tensor bias = GradCheck.Input([3], seed: 3, name: "bias");
        GradCheck.Check(t => TensorOps.Linear(t[0], t[1], t[2]), [x, weight, bias]);
    }

    [Fact]
    public void Linear_OddSizes_MatchesMatMulPlusBias()
    {
        Tensor x = GradCheck.Input([37, 19], seed: 4, name: "x"), weight = GradCheck.Input([23, 19], seed: 5, name: "weight"), bias = GradCheck.Input([23], seed: 6, name: "bias");
        Tensor r = GradCheck.Input([37, 23], seed: 7);
        (TensorOps.Linear(x, weight, bias) * r).Sum().Backward();
        float[][] fused = [(float[])x.Grad!.Clone(), (float[])weight.Grad!.Clone(), (float[])bias.Grad!.Clone()];
        float[] fusedOutput = TensorOps.Linear(x, weight, bias).Data;
        foreach (Tensor p in new[] { x, weight, bias })
        {
            p.ZeroGrad();
        }

        Tensor reference = TensorOps.MatMul(x, weight, transposeB: true) + bias;
        (reference * r).Sum().Backward();

        Assert.All(Enumerable.Range(0, reference.Size), i => Assert.Equal(reference.Data[i], fusedOutput[i], 1e-5f));
        float[][] expected = [x.Grad!, weight.Grad!, bias.Grad!];
        for (int t = 0; t < 3; t++)
        {
            Assert.All(Enumerable.Range(0, expected[t].Length), i => Assert.Equal(expected[t][i], fused[t][i], 1e-4f));
        }
    }

    [Fact]
    public void Linear_WrongBias_ThrowsNamingShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => TensorOps.Linear(Tensor.Zeros(2, 5), Tensor.Zeros(3, 5), Tensor.Zeros(4)));
        Assert.Contains("bias (3)", error.Message);
    }
}
