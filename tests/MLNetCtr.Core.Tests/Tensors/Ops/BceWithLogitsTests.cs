using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class BceWithLogitsTests
{
    [Fact]
    public void BceWithLogits_GradCheckLogitsAndLabels()
    {
        Tensor logits = GradCheck.Input([3, 5], seed: 1, low: -4f, high: 4f, name: "logits");
        Tensor labels = GradCheck.Input([3, 5], seed: 2, low: 0f, high: 1f, name: "labels");
        GradCheck.Check(t => TensorOps.BceWithLogits(t[0], t[1]), [logits, labels]);
    }

    [Fact]
    public void BceWithLogits_Weighted_GradCheck()
    {
        Tensor logits = GradCheck.Input([7], seed: 3, low: -4f, high: 4f, name: "logits");
        Tensor labels = GradCheck.Input([7], seed: 4, low: 0f, high: 1f, name: "labels");
        float[] weights = [1f, 0.5f, 2f, 0f, 3f, 1.25f, 0.1f];
        GradCheck.Check(t => TensorOps.BceWithLogits(t[0], t[1], weights), [logits, labels]);
    }

    [Fact]
    public void BceWithLogits_LogitsBeyond50_GradCheck()
    {
        Tensor logits = Tensor.Parameter([60f, -60f, 55f, -70f, 0.5f, 80f], [2, 3], "logits");
        Tensor labels = Tensor.From([1f, 0f, 0f, 1f, 0.3f, 0.5f], 2, 3);
        GradCheck.Check(t => TensorOps.BceWithLogits(t[0], labels, [1f, 2f, 1f, 0.5f, 1f, 1f]), [logits]);
    }

    [Fact]
    public void BceWithLogits_Extremes_MatchClosedForm()
    {
        // z = ±1e4 and ±60 with labels 0 and 1: loss terms are 0, |z|, or log1p(exp(−60)) ≈ 8.7565e-27.
        Tensor logits = Tensor.Parameter([1e4f, 1e4f, -1e4f, -1e4f, 60f, -60f], [6]);
        Tensor loss = TensorOps.BceWithLogits(logits, Tensor.From([1f, 0f, 1f, 0f, 1f, 0f]));
        loss.Backward();
        Assert.Equal(2e4f / 6, loss.Item(), 2);
        float n = 6;
        Assert.Equal([0f, 1f / n, -1f / n, 0f], logits.Grad!.Take(4));
        Fixtures.AssertClose(-8.7565108e-27 / n, logits.Grad![4], "dz at z = 60, y = 1", 1e-5);   // −(1 − σ(60)) / N, not rounded to 0
        Fixtures.AssertClose(8.7565108e-27 / n, logits.Grad![5], "dz at z = −60, y = 0", 1e-5);
    }

    [Fact]
    public void BceWithLogits_TinyLoss_IsNotRoundedToZero()
    {
        Tensor loss = TensorOps.BceWithLogits(Tensor.From([60f]), Tensor.From([1f]));
        Assert.Equal(8.7565108e-27, loss.Item(), 1e-32);
    }

    [Fact]
    public void BceWithLogits_WeightsMeanDividesByCount()
    {
        // Both terms are log 2 at z = 0; weights 3 and 1 give (3 + 1)·log 2 / 2.
        Tensor loss = TensorOps.BceWithLogits(Tensor.Zeros(2), Tensor.From([1f, 0f]), [3f, 1f]);
        Assert.Equal(2f * MathF.Log(2f), loss.Item(), 6);
    }

    [Fact]
    public void BceWithLogits_ShapeMismatch_ThrowsNamingShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorOps.BceWithLogits(Tensor.Zeros(4, 1), Tensor.Zeros(4)));
        Assert.Contains("(4, 1)", e.Message);
        Assert.Contains("(4,)", e.Message);
    }

    [Fact]
    public void BceWithLogits_WeightCountMismatch_ThrowsNamingCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorOps.BceWithLogits(Tensor.Zeros(3), Tensor.Zeros(3), [1f]));
        Assert.Contains("1 weights given", e.Message);
        Assert.Contains("3 elements", e.Message);
    }
}
