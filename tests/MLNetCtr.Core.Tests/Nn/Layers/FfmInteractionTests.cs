using MLNetCtr.Nn;
using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Nn.Layers;

public sealed class FfmInteractionTests
{
    [Fact]
    public void Pairwise_GradCheck() => GradCheck.Unary(FfmInteraction.Pairwise, shape: [2, 3, 3, 4]);

    [Fact]
    public void AlignWithPartners_GradCheck() => GradCheck.Unary(FfmInteraction.AlignWithPartners, shape: [2, 3, 2, 4]);

    [Fact]
    public void Pairwise_EqualsTheFieldAwareSumOverDistinctPairs()
    {
        const int fields = 4, d = 3;
        Tensor e = GradCheck.Input([2, fields, fields, d], seed: 3);

        float[] y = FfmInteraction.Pairwise(e).Data;

        for (int b = 0; b < 2; b++)
        {
            double expected = 0;
            for (int f = 0; f < fields; f++)
            {
                for (int g = f + 1; g < fields; g++)
                {
                    expected += Enumerable.Range(0, d).Sum(k => (double)E(e, b, f, g, k, fields, d) * E(e, b, g, f, k, fields, d));
                }
            }
            Assert.Equal(expected, y[b], 4);
        }
    }

    [Fact]
    public void AlignWithPartners_InnerProductWithTheUserSide_IsEveryUserItemFfmTerm()
    {
        // User fields U (partners: item fields I) and item fields I (partners: U): Σ_{f∈U, g∈I} ⟨e_{f,g}, e_{g,f}⟩.
        const int u = 3, i = 2, d = 4;
        Tensor user = GradCheck.Input([1, u, i, d], seed: 1), item = GradCheck.Input([1, i, u, d], seed: 2);

        float inner = (user.Flatten(1) * FfmInteraction.AlignWithPartners(item)).Sum().Item();

        double expected = 0;
        for (int f = 0; f < u; f++)
        {
            for (int g = 0; g < i; g++)
            {
                expected += Enumerable.Range(0, d).Sum(k => (double)user.Data[(f * i + g) * d + k] * item.Data[(g * u + f) * d + k]);
            }
        }
        Assert.Equal(expected, inner, 4);
    }

    [Fact]
    public void Pairwise_NotSquare_ThrowsNamingTheShape() =>
        Assert.Contains("(2, 3, 4, 5)", Assert.Throws<ArgumentException>(() => FfmInteraction.Pairwise(Tensor.Zeros(2, 3, 4, 5))).Message);

    private static float E(Tensor e, int b, int f, int g, int k, int fields, int d) => e.Data[((b * fields + f) * fields + g) * d + k];
}
