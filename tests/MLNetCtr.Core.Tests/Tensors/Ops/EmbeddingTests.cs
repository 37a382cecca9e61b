using MLNetCtr.Tensors;
using MLNetCtr.Tests.TestKit;

namespace MLNetCtr.Tests.Tensors.Ops;

using Ops = MLNetCtr.Tensors.Ops;

public sealed class EmbeddingTests
{
    [Fact]
    public void Embedding_RepeatedIds() => GradCheck.Unary(t => Ops.Embedding(t, [1, 4, 1, 0, 5, 4], [2, 3]), [6, 3]);

    [Fact]
    public void Embedding_SparseTable()
    {
        Tensor table = Tensor.Parameter([.. GradCheck.Input([6, 3], seed: 4).Data], [6, 3], "table", sparseGradient: true);
        GradCheck.Check(t => Ops.Embedding(t[0], [3, 3, 1], [3]), [table]);
    }

    [Fact]
    public void Embedding_Forward_GathersRowsInIdsShape()
    {
        Tensor table = Tensor.From([0, 1, 10, 11, 20, 21], 3, 2);
        Tensor y = Ops.Embedding(table, [2, 0, 2, 1], [2, 2]);
        Assert.Equal([2, 2, 2], y.Shape.ToArray());
        Assert.Equal([20f, 21, 0, 1, 20, 21, 10, 11], y.Data);
    }

    [Fact]
    public void Embedding_SparseGradient_TouchesOnlyUsedRows()
    {
        Tensor table = Tensor.Parameter(new float[10 * 4], [10, 4], "items", sparseGradient: true);
        Tensor y = Ops.Embedding(table, [7, 3, 7], [3]);
        Ops.Sum(y * Tensor.From([1, 2, 3], 3, 1)).Backward();   // row 7 gets 1 + 3, row 3 gets 2

        Assert.Equal([7, 3], table.TouchedRows!.Rows);
        for (int row = 0; row < 10; row++)
        {
            float expected = row == 7 ? 4f : row == 3 ? 2f : 0f;
            Assert.All(table.Grad!.AsSpan(row * 4, 4).ToArray(), g => Assert.Equal(expected, g));
        }
        table.ZeroGrad();
        Assert.Equal(0, table.TouchedRows.Count);
        Assert.All(table.Grad!, g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Embedding_PaddingIndex_GetsNoGradientAndIsNotTouched()
    {
        Tensor table = Tensor.Parameter([0, 0, 1, 1, 2, 2], [3, 2], "items", sparseGradient: true);
        Tensor y = Ops.Embedding(table, [0, 2, 0], [3], paddingIndex: 0);
        Assert.Equal([0f, 0, 2, 2, 0, 0], y.Data);
        Ops.Sum(y).Backward();
        Assert.Equal([2], table.TouchedRows!.Rows);
        Assert.Equal([0f, 0, 0, 0, 1, 1], table.Grad!);
    }

    [Fact]
    public void Embedding_DenseTable_ScatterAddsWithoutTouchedRows()
    {
        Tensor table = Tensor.Parameter(new float[6], [3, 2]);
        Ops.Sum(Ops.Embedding(table, [1, 1], [2])).Backward();
        Assert.Null(table.TouchedRows);
        Assert.Equal([0f, 0, 2, 2, 0, 0], table.Grad!);
    }

    [Fact]
    public void Embedding_OutOfRangeId_ThrowsNamingIdPositionAndVocabulary()
    {
        Tensor table = Tensor.Parameter(new float[10 * 4], [10, 4], "items");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Embedding(table, [1, 2, 3, 12], [2, 2]));
        Assert.Contains("Id 12 at position 3", e.Message);
        Assert.Contains("V = 10", e.Message);
        Assert.Contains("'items'", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Embedding(table, [-1], [1]));
    }

    [Fact]
    public void Embedding_BadShapes_ThrowNamingShapes()
    {
        var ids = Assert.Throws<ArgumentException>(() => Ops.Embedding(Tensor.Zeros(10, 4), [1, 2, 3], [2, 2]));
        Assert.Contains("(2, 2)", ids.Message);
        Assert.Contains("3 were given", ids.Message);
        var table = Assert.Throws<ArgumentException>(() => Ops.Embedding(Tensor.Zeros(10), [1], [1]));
        Assert.Contains("(10,)", table.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Embedding(Tensor.Zeros(10, 4), [1], [1], paddingIndex: 10));
    }
}
