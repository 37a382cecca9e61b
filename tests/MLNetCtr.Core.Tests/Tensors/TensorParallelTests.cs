using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Tensors;

public sealed class TensorParallelTests
{
    [Fact]
    public void For_TensorsMadeOnWorkers_BorrowFromTheCallersScope()
    {
        var pool = new BufferPool();
        using (TensorScope.Begin(pool))
        {
            TensorParallel.For(8, i => Tensor.Zeros(100 + i));
        }

        Assert.Equal(8, pool.FreeCount);      // every worker's buffer came back to the caller's pool
    }

    [Fact]
    public void For_UnderNoGrad_WorkersRecordNoGraph()
    {
        Tensor weight = Tensor.Parameter([1f, 2f], [2], "w");
        var outputs = new Tensor[8];
        using (GradMode.NoGrad())
        {
            TensorParallel.For(outputs.Length, i => outputs[i] = weight * 2f);
        }

        Assert.All(outputs, y => Assert.False(y.RequiresGrad));
    }

    [Fact]
    public void For_WithGrad_WorkersRecordTheGraph()
    {
        Tensor weight = Tensor.Parameter([1f, 2f], [2], "w");
        var outputs = new Tensor[4];

        TensorParallel.For(outputs.Length, i => outputs[i] = weight * (i + 1f));
        MLNetCtr.Tensors.Ops.Sum(MLNetCtr.Tensors.Ops.Concat(outputs, axis: 0)).Backward();

        Assert.Equal([10f, 10f], weight.Grad!);
    }
}
