using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using static MLNetCtr.Tests.Nn.OptimizerFixtures;

namespace MLNetCtr.Tests.Nn.Optim;

/// <summary>Five steps of each optimizer against PyTorch 1.13 (<c>tools/golden_optimizers.py</c>).</summary>
public sealed class OptimizerGoldenTests
{
    private const float Tolerance = 1e-6f;

    public static TheoryData<string> DenseCases => new(Golden.Dense.Cases.Select(c => c.Name));

    public static TheoryData<string> SparseCases => new(Golden.Sparse.Cases.Select(c => c.Name));

    [Fact]
    public void Fixture_CoversEveryOptimizer_InBothProblems()
    {
        Assert.Equal(["adagrad", "adam", "adamw", "sgd"], Golden.Dense.Cases.Select(c => c.Optimizer).Distinct().Order());
        Assert.Equal(["adagrad", "adam"], Golden.Sparse.Cases.Select(c => c.Optimizer).Distinct().Order());
        Assert.All(Golden.Dense.Cases.Concat(Golden.Sparse.Cases), c => Assert.Equal(5, c.Steps.Length));
    }

    [Theory]
    [MemberData(nameof(DenseCases))]
    public void Step_DenseQuadratic_MatchesTorch(string name)
    {
        DenseProblem problem = Golden.Dense;
        OptimizerCase c = problem.Cases.Single(x => x.Name == name);
        Tensor w = Tensor.Parameter((float[])problem.Initial.Clone(), problem.Shape, "w");
        Optimizer optimizer = Create(c, w);
        var gradient = new float[w.Size];
        for (int t = 0; t < c.Steps.Length; t++)
        {
            for (int i = 0; i < w.Size; i++)
            {
                gradient[i] = (w.Data[i] - problem.Target[i]) + problem.Noise[t][i];
            }
            SetGradient(w, gradient);
            optimizer.Step();
            AssertClose(c.Steps[t], w.Data, Tolerance, $"{name} after step {t + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(SparseCases))]
    public void Step_SparseEmbedding_MatchesTorchSparseUpdate(string name)
    {
        SparseProblem problem = Golden.Sparse;
        OptimizerCase c = problem.Cases.Single(x => x.Name == name);
        Tensor table = Tensor.Parameter((float[])problem.Initial.Clone(), [problem.Rows, problem.Dim], "table", sparseGradient: true);
        Optimizer optimizer = Create(c, table);
        for (int t = 0; t < c.Steps.Length; t++)
        {
            float[] before = (float[])table.Data.Clone();
            int[] indices = problem.Indices[t];
            for (int k = 0; k < indices.Length; k++)
            {
                int row = indices[k];
                // d/dE[row] of ½‖E[row] − target_k‖² is E[row] − target_k; repeated indices add up.
                float[] rowGradient = [.. Enumerable.Range(0, problem.Dim).Select(j => before[row * problem.Dim + j] - problem.Targets[t][k * problem.Dim + j])];
                AddRowGradient(table, row, rowGradient);
            }
            optimizer.Step();
            AssertClose(c.Steps[t], table.Data, Tolerance, $"{name} after step {t + 1}");
            Assert.Equal(0, table.TouchedRows!.Count);
            Assert.All(table.Grad!, g => Assert.Equal(0f, g));
        }
    }
}
