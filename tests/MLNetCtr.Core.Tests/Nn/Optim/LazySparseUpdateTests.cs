using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using static MLNetCtr.Tests.Nn.OptimizerFixtures;

namespace MLNetCtr.Tests.Nn.Optim;

public sealed class LazySparseUpdateTests
{
    private static Tensor Table(int rows = 5, int width = 2) =>
        Tensor.Parameter([.. Enumerable.Range(0, rows * width).Select(i => 0.1f * i - 0.3f)], [rows, width], "table", sparseGradient: true);

    [Fact]
    public void AdamStep_UntouchedRows_KeepValuesAndMoments()
    {
        Tensor table = Table();
        var adam = new Adam([table], new AdamOptions { LearningRate = 0.1f });
        AddRowGradient(table, 0, [1f, -2f]);
        AddRowGradient(table, 1, [0.5f, 0.25f]);
        adam.Step();
        float[] afterFirst = (float[])table.Data.Clone();
        float[] m1 = (float[])adam.FirstMoment(table)!.Clone(), v1 = (float[])adam.SecondMoment(table)!.Clone();

        AddRowGradient(table, 0, [0.3f, 0.3f]);
        adam.Step();

        Assert.Equal(afterFirst[2..4], table.Data[2..4]);                 // row 1: not touched in step 2
        Assert.Equal(m1[2..4], adam.FirstMoment(table)![2..4]);          // its moments did not decay
        Assert.Equal(v1[2..4], adam.SecondMoment(table)![2..4]);
        Assert.Equal(Table().Data[4..], table.Data[4..]);                // rows 2-4: never touched
        Assert.All(adam.FirstMoment(table)![4..], m => Assert.Equal(0f, m));
        Assert.NotEqual(afterFirst[0], table.Data[0]);                   // row 0 moved again
    }

    [Fact]
    public void AdamStep_RowTouchedAgainLater_MomentsResumeWithoutDecay()
    {
        Tensor table = Table();
        var adam = new Adam([table]);
        AddRowGradient(table, 0, [1f, -2f]);
        adam.Step();
        float m1 = adam.FirstMoment(table)![0], v1 = adam.SecondMoment(table)![0];
        AddRowGradient(table, 1, [1f, 1f]);
        adam.Step();
        AddRowGradient(table, 0, [3f, 0f]);
        adam.Step();

        Assert.Equal(0.9f * m1 + 0.1f * 3f, adam.FirstMoment(table)![0], 1e-6f);
        Assert.Equal(0.999f * v1 + 0.001f * 9f, adam.SecondMoment(table)![0], 1e-6f);
    }

    [Fact]
    public void AdamStep_RowFirstTouchedAtStep3_UsesBiasCorrectionOfStep3()
    {
        Tensor table = Table();
        const float lr = 0.1f, g = 0.5f;
        var adam = new Adam([table], new AdamOptions { LearningRate = lr });
        for (int step = 1; step <= 2; step++)
        {
            AddRowGradient(table, 0, [1f, 1f]);
            adam.Step();
        }
        float before = table.Data[4];
        AddRowGradient(table, 2, [g, g]);
        adam.Step();

        double m = 0.1 * g, v = 0.001 * g * g;   // fresh moments after one update
        double expectedUpdate = lr / (1 - Math.Pow(0.9, 3)) * m / (Math.Sqrt(v) / Math.Sqrt(1 - Math.Pow(0.999, 3)) + 1e-8);
        Assert.Equal(before - expectedUpdate, table.Data[4], 1e-6);
    }

    [Fact]
    public void Step_SparseTable_ClearsTouchedGradientRowsAndRowSet()
    {
        Tensor table = Table();
        var sgd = new Sgd([table], new SgdOptions { LearningRate = 0.1f });
        AddRowGradient(table, 3, [2f, 4f]);
        sgd.Step();

        Assert.Equal(0, table.TouchedRows!.Count);
        Assert.All(table.Grad!, g => Assert.Equal(0f, g));
        Assert.Equal(Table().Data[6] - 0.2f, table.Data[6], 1e-6f);
    }

    [Fact]
    public void Step_EveryRowTouchedEveryStep_EqualsDenseUpdate()
    {
        Tensor sparse = Table(), dense = Tensor.Parameter((float[])Table().Data.Clone(), [5, 2], "dense");
        var options = new AdamOptions { LearningRate = 0.05f, WeightDecay = 0.1f };
        Optimizer sparseAdam = new Adam([sparse], options), denseAdam = new Adam([dense], options);
        var rng = new Random(3);
        for (int step = 0; step < 4; step++)
        {
            float[] gradient = [.. Enumerable.Range(0, 10).Select(_ => (float)rng.NextDouble() - 0.5f)];
            for (int row = 4; row >= 0; row--)
            {
                AddRowGradient(sparse, row, gradient.AsSpan(row * 2, 2));
            }
            SetGradient(dense, gradient);
            sparseAdam.Step();
            denseAdam.Step();
        }
        Assert.Equal(dense.Data, sparse.Data);
    }

    [Fact]
    public void AdagradStep_UntouchedRows_KeepValuesAndAccumulator()
    {
        Tensor table = Table();
        var adagrad = new Adagrad([table], new AdagradOptions { InitialAccumulatorValue = 0.25f });
        AddRowGradient(table, 1, [1f, 2f]);
        adagrad.Step();

        float[] sums = adagrad.SumOfSquares(table)!;
        Assert.Equal([0.25f, 0.25f, 1.25f, 4.25f, 0.25f, 0.25f], sums[..6]);
        Assert.Equal(Table().Data[..2], table.Data[..2]);
        Assert.Equal(Table().Data[4..], table.Data[4..]);
    }

    [Fact]
    public void Step_SparseTableWithoutTouchedRows_DoesNotCountAStep()
    {
        Tensor table = Table();
        var adam = new Adam([table]);
        AddRowGradient(table, 0, [1f, 1f]);
        table.ZeroGrad();   // a gradient buffer exists, but no row is touched
        adam.Step();

        Assert.Null(adam.FirstMoment(table));
        Assert.Equal(Table().Data, table.Data);
    }
}
