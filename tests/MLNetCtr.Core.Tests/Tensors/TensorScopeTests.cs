using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Tensors;

public sealed class TensorScopeTests
{
    [Fact]
    public void BufferPool_FixedShapeSteps_ReuseTheSameBuffer()
    {
        var pool = new BufferPool();
        float[] first = Step(pool, 5);

        Assert.Same(first, Step(pool, 5));
        Assert.Equal(1, pool.FreeCount);
    }

    [Fact]
    public void BufferPool_LengthNotRentedForMoreThanKeptScopes_IsDropped()
    {
        var pool = new BufferPool();
        Step(pool, 7);                                    // a length a varying step never asks for again
        for (int i = 1; i < BufferPool.KeptScopes; i++)
        {
            Step(pool, 5);
        }
        Assert.Equal(2, pool.FreeCount);                  // 7 is still kept

        Step(pool, 5);

        Assert.Equal(1, pool.FreeCount);                  // only 5 is left
    }

    /// <summary>One scope that makes a tensor of <paramref name="length"/> values; returns its buffer.</summary>
    private static float[] Step(BufferPool pool, int length)
    {
        using TensorScope scope = TensorScope.Begin(pool);
        return Tensor.Zeros(length).Data;
    }
}
