using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Tensors;

public sealed class AutogradTests
{
    [Fact]
    public void Backward_SharedSubexpression_AccumulatesGradient()
    {
        Tensor x = Tensor.Parameter([3f], [1]);
        Tensor y = x * x + x;   // dy/dx = 2x + 1 = 7
        y.Backward();
        Assert.Equal(7f, x.Grad![0]);
    }

    [Fact]
    public void Backward_TwoLosses_GradientsAccumulateUntilZeroed()
    {
        Tensor x = Tensor.Parameter([2f], [1]);
        (x * 3f).Backward();
        (x * 3f).Backward();
        Assert.Equal(6f, x.Grad![0]);
        x.ZeroGrad();
        Assert.Equal(0f, x.Grad![0]);
    }

    [Fact]
    public void Backward_DeepChain_DoesNotOverflowTheStack()
    {
        Tensor x = Tensor.Parameter([1f], [1]);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++)
        {
            y = y + 0f;
        }
        y.Backward();
        Assert.Equal(1f, x.Grad![0]);
    }

    [Fact]
    public void NoGrad_RecordsNothing()
    {
        Tensor x = Tensor.Parameter([2f], [1]);
        using (GradMode.NoGrad())
        {
            Tensor y = x * x;
            Assert.False(y.RequiresGrad);
            Assert.Throws<InvalidOperationException>(y.Backward);
        }
        Assert.True((x * x).RequiresGrad);
    }

    [Fact]
    public void Detach_CutsTheGraph()
    {
        Tensor x = Tensor.Parameter([2f], [1]);
        Tensor y = (x * x).Detach() * x;   // d/dx = x² (held constant) = 4
        y.Backward();
        Assert.Equal(4f, x.Grad![0]);
    }

    [Fact]
    public void Backward_NonScalar_ThrowsNamingShape()
    {
        Tensor x = Tensor.Parameter([1f, 2f], [2]);
        var e = Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());
        Assert.Contains("(2,)", e.Message);
    }

    [Fact]
    public void Scope_ReusesBuffersAcrossSteps()
    {
        var pool = new BufferPool();
        Tensor w = Tensor.Parameter([1f, 2f, 3f, 4f], [2, 2]);
        float[]? firstStepBuffer = null;
        for (int step = 0; step < 3; step++)
        {
            using (TensorScope.Begin(pool))
            {
                Tensor y = MLNetCtr.Tensors.Ops.MatMul(w, w);
                firstStepBuffer ??= y.Data;
                Assert.Same(firstStepBuffer, y.Data);
                Assert.Equal([7f, 10, 15, 22], y.Data);   // buffers come back zero-filled and fully rewritten
            }
        }
        Assert.True(pool.FreeCount > 0);
    }
}
