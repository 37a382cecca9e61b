using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tests.Tensors.Kernels;

public sealed class ParallelRowsTests
{
    [Theory]
    [InlineData(0, 1_000_000)]
    [InlineData(1, 1_000_000)]
    [InlineData(7, 3)]
    [InlineData(7, 1_000_000)]
    [InlineData(1001, 100)]
    public void For_AnySize_VisitsEveryRowExactlyOnce(int rows, long elementsPerRow)
    {
        var visits = new int[rows];
        ParallelRows.For(rows, elementsPerRow, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                Interlocked.Increment(ref visits[r]);
            }
        });
        Assert.All(visits, v => Assert.Equal(1, v));
    }
}
