using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class FmInteractionTests
{
    [Fact]
    public void Pairwise_GradCheck() => GradCheck.Unary(FmInteraction.Pairwise, shape: [3, 4, 5]);

    [Fact]
    public void PairwisePerDimension_GradCheck() => GradCheck.Unary(FmInteraction.PairwisePerDimension, shape: [2, 3, 4]);

    [Fact]
    public void SumPool_GradCheck() => GradCheck.Unary(FmInteraction.SumPool, shape: [2, 3, 4]);

    [Fact]
    public void Pairwise_EqualsTheSumOfInnerProductsOfDistinctFields()
    {
        Tensor e = GradCheck.Input([2, 4, 3], seed: 5);

        float[] y = FmInteraction.Pairwise(e).Data;

        for (int b = 0; b < 2; b++)
        {
            double expected = 0;
            for (int f = 0; f < 4; f++)
            {
                for (int g = f + 1; g < 4; g++)
                {
                    expected += Enumerable.Range(0, 3).Sum(d => (double)e.Data[(b * 4 + f) * 3 + d] * e.Data[(b * 4 + g) * 3 + d]);
                }
            }
            Assert.Equal(expected, y[b], 4);
        }
    }

    [Fact]
    public void SumPool_InnerProductOfTwoSides_IsEveryCrossSidePair()
    {
        // ⟨Σ_{f∈U} e_f, Σ_{g∈I} e_g⟩ = Σ_{f∈U, g∈I} ⟨e_f, e_g⟩: the two-tower FM identity.
        Tensor user = GradCheck.Input([1, 3, 4], seed: 1), item = GradCheck.Input([1, 2, 4], seed: 2);

        float inner = (FmInteraction.SumPool(user) * FmInteraction.SumPool(item)).Sum().Item();

        double expected = 0;
        for (int f = 0; f < 3; f++)
        {
            for (int g = 0; g < 2; g++)
            {
                expected += Enumerable.Range(0, 4).Sum(d => (double)user.Data[f * 4 + d] * item.Data[g * 4 + d]);
            }
        }
        Assert.Equal(expected, inner, 4);
    }

    [Fact]
    public void Pairwise_WrongRank_ThrowsNamingTheShape() =>
        Assert.Contains("(2, 3)", Assert.Throws<ArgumentException>(() => FmInteraction.Pairwise(Tensor.Zeros(2, 3))).Message);
}
