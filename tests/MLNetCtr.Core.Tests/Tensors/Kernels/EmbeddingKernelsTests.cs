using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tests.Tensors.Kernels;

public sealed class EmbeddingKernelsTests
{
    // Row counts, dims and id counts chosen to be odd, tiny, and (5000 × 33) large enough for the parallel gather.
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 },
        { 7, 3, 0 },
        { 7, 3, 11 },
        { 50, 17, 129 },
        { 13, 1, 70_000 },
        { 1000, 33, 5000 },
        { 3, 129, 1000 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gather_MatchesReference(int rows, int dim, int count)
    {
        (float[] table, int[] ids) = RandomCase(rows, dim, count, seed: rows + dim);
        float[] fast = new float[count * dim], reference = new float[count * dim];
        EmbeddingKernels.Gather(table, dim, ids, fast);
        EmbeddingKernels.GatherReference(table, dim, ids, reference);
        Assert.Equal(reference, fast);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ScatterAdd_MatchesReference(int rows, int dim, int count)
    {
        (float[] gradOutput, int[] ids) = RandomCase(count, dim, count, seed: count);
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] %= rows;   // many repeats when rows is small
        }
        (float[] fast, _) = RandomCase(rows, dim, 0, seed: 1);   // accumulates onto existing gradient
        float[] reference = (float[])fast.Clone();
        EmbeddingKernels.ScatterAdd(gradOutput, dim, ids, fast, skipId: rows / 2);
        EmbeddingKernels.ScatterAddReference(gradOutput, dim, ids, reference, skipId: rows / 2);
        Assert.Equal(reference, fast);   // same additions in the same order: bit-identical
    }

    [Fact]
    public void Gather_OutputSizeMismatch_ThrowsNamingSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => EmbeddingKernels.Gather(new float[12], 3, [0, 1], new float[5]));
        Assert.Contains("2 ids of dimension 3 need 6 floats", e.Message);
        Assert.Contains("5", e.Message);
    }

    [Fact]
    public void Gather_IdOutsideTable_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddingKernels.Gather(new float[6], 3, [2], new float[3]));

    private static (float[] Values, int[] Ids) RandomCase(int rows, int dim, int count, int seed)
    {
        var rng = new Random(seed);
        float[] values = [.. Enumerable.Range(0, rows * dim).Select(_ => (float)rng.NextDouble() - 0.5f)];
        int[] ids = [.. Enumerable.Range(0, count).Select(_ => rng.Next(Math.Max(rows, 1)))];
        return (values, ids);
    }
}
