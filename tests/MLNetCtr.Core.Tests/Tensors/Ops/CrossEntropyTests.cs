using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;
using TensorOps = MLNetCtr.Tensors.Ops;

namespace MLNetCtr.Tests.Tensors.Ops;

public sealed class CrossEntropyTests
{
    [Fact]
    public void CrossEntropy_GradCheck() =>
        GradCheck.Unary(z => TensorOps.CrossEntropy(z, [0, 3, 2, 4]), shape: [4, 5]);

    [Fact]
    public void CrossEntropy_IgnoreIndex_GradCheck() =>
        GradCheck.Unary(z => TensorOps.CrossEntropy(z, [1, -100, 2, -100, 0]), shape: [5, 3]);

    [Fact]
    public void CrossEntropy_ClassWeightsAndIgnoreIndex_GradCheck() =>
        GradCheck.Unary(z => TensorOps.CrossEntropy(z, [1, 7, 2, 0, 3, 3], ignoreIndex: 7, classWeights: [0.5f, 2f, 1f, 0.25f]), shape: [6, 4]);

    [Fact]
    public void CrossEntropy_IgnoreIndexIsAClass_GradCheck() =>
        GradCheck.Unary(z => TensorOps.CrossEntropy(z, [1, 0, 2, 1, 2], ignoreIndex: 1, classWeights: [1.5f, 3f, 0.75f]), shape: [5, 3]);

    [Fact]
    public void CrossEntropy_Rank3Logits_FlattenedAndGradChecked() =>
        GradCheck.Unary(z => TensorOps.CrossEntropy(z, [0, 4, 1, -100, 3, 2]), shape: [2, 3, 5]);

    [Fact]
    public void CrossEntropy_UniformLogits_IsLogOfClassCount()
    {
        Tensor loss = TensorOps.CrossEntropy(Tensor.Zeros(3, 7), [0, 6, 3]);
        Assert.Equal(MathF.Log(7f), loss.Item(), 6);
    }

    [Fact]
    public void CrossEntropy_ClassWeights_DivideByKeptWeightSum()
    {
        // Rows: target 0 (weight 2), target 1 (weight 0.5), ignored. Uniform logits: every kept row costs log 2.
        Tensor loss = TensorOps.CrossEntropy(Tensor.Zeros(3, 2), [0, 1, -100], classWeights: [2f, 0.5f]);
        Assert.Equal(MathF.Log(2f), loss.Item(), 6);
    }

    [Fact]
    public void CrossEntropy_AllIgnored_ReturnsZeroLossAndZeroGradient()
    {
        Tensor logits = GradCheck.Input([3, 4], seed: 2);
        Tensor loss = TensorOps.CrossEntropy(logits, [-100, -100, -100]);
        loss.Backward();
        Assert.Equal(0f, loss.Item());
        Assert.All(logits.Grad!, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void CrossEntropy_HugeLogits_StayFinite()
    {
        Tensor logits = Tensor.Parameter([1e4f, -1e4f, 0f, -3e4f, 2e4f, 5f], [2, 3]);
        Tensor loss = TensorOps.CrossEntropy(logits, [1, 0]);
        loss.Backward();
        Assert.Equal((2e4f + 5e4f) / 2, loss.Item(), 1);
        Assert.All(logits.Grad!, g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void CrossEntropy_TargetOutOfRange_ThrowsNamingIndexAndValue()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TensorOps.CrossEntropy(Tensor.Zeros(2, 3), [0, 3]));
        Assert.Contains("targets[1] = 3", e.Message);
        Assert.Contains("[0, 3)", e.Message);
    }

    [Fact]
    public void CrossEntropy_TargetCountMismatch_ThrowsNamingCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorOps.CrossEntropy(Tensor.Zeros(2, 3), [0, 1, 2]));
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("3 targets", e.Message);
    }

    [Fact]
    public void CrossEntropy_ClassWeightCountMismatch_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorOps.CrossEntropy(Tensor.Zeros(2, 3), [0, 1], classWeights: [1f, 2f]));
        Assert.Contains("2 class weights given for 3 classes", e.Message);
    }
}
