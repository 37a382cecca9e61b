using System.Text.Json;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;

namespace MLNetCtr.Tests.Nn;

/// <summary>
/// Reads <c>Fixtures/golden_optimizers.json</c> (written by <c>tools/golden_optimizers.py</c> from PyTorch 1.13) and
/// builds our optimizer for each of its cases. Private to the optimizer tests.
/// </summary>
internal static class OptimizerFixtures
{
    private static readonly Lazy<GoldenOptimizers> s_golden = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden_optimizers.json");
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return JsonSerializer.Deserialize<GoldenOptimizers>(File.ReadAllText(path), options)
            ?? throw new InvalidDataException($"{path} holds no fixture.");
    });

    public static GoldenOptimizers Golden => s_golden.Value;

    /// <summary>Our optimizer with the case's hyperparameters; absent ones take torch's defaults.</summary>
    public static Optimizer Create(OptimizerCase c, Tensor parameter) => c.Optimizer switch
    {
        "sgd" => new Sgd([parameter], new SgdOptions
        {
            LearningRate = c.Lr, Momentum = c.Momentum ?? 0f, Dampening = c.Dampening ?? 0f,
            Nesterov = c.Nesterov ?? false, WeightDecay = c.WeightDecay ?? 0f,
        }),
        "adam" => new Adam([parameter], new AdamOptions
        {
            LearningRate = c.Lr, Beta1 = c.Beta1 ?? 0.9f, Beta2 = c.Beta2 ?? 0.999f, Epsilon = c.Eps ?? 1e-8f, WeightDecay = c.WeightDecay ?? 0f,
        }),
        "adamw" => new AdamW([parameter], new AdamWOptions
        {
            LearningRate = c.Lr, Beta1 = c.Beta1 ?? 0.9f, Beta2 = c.Beta2 ?? 0.999f, Epsilon = c.Eps ?? 1e-8f, WeightDecay = c.WeightDecay ?? 0.01f,
        }),
        "adagrad" => new Adagrad([parameter], new AdagradOptions
        {
            LearningRate = c.Lr, LearningRateDecay = c.LrDecay ?? 0f, InitialAccumulatorValue = c.InitialAccumulatorValue ?? 0f,
            Epsilon = c.Eps ?? 1e-10f, WeightDecay = c.WeightDecay ?? 0f,
        }),
        _ => throw new InvalidDataException($"Unknown optimizer '{c.Optimizer}' in case '{c.Name}'."),
    };

    /// <summary>Overwrites the dense gradient of <paramref name="parameter"/> with <paramref name="gradient"/>.</summary>
    public static void SetGradient(Tensor parameter, ReadOnlySpan<float> gradient) => gradient.CopyTo(parameter.GradOrZeros());

    /// <summary>Adds <paramref name="gradient"/> to row <paramref name="row"/> of a sparse-gradient table and marks the row touched, as an embedding backward does.</summary>
    public static void AddRowGradient(Tensor table, int row, ReadOnlySpan<float> gradient)
    {
        Span<float> target = table.GradOrZeros().AsSpan(row * gradient.Length, gradient.Length);
        for (int j = 0; j < gradient.Length; j++)
        {
            target[j] += gradient[j];
        }
        table.TouchedRows!.Add(row);
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{context}, element {i}: expected {expected[i]:G9}, got {actual[i]:G9}");
        }
    }
}

internal sealed record GoldenOptimizers(DenseProblem Dense, SparseProblem Sparse);

/// <summary>A (3, 4) weight; at step t its gradient is (W − target) + noise[t].</summary>
internal sealed record DenseProblem(int[] Shape, float[] Initial, float[] Target, float[][] Noise, OptimizerCase[] Cases);

/// <summary>An embedding table; at step t, loss = Σ_k ½‖E[indices[t][k]] − targets[t][k]‖².</summary>
internal sealed record SparseProblem(int Rows, int Dim, float[] Initial, int[][] Indices, float[][] Targets, OptimizerCase[] Cases);

/// <summary>One optimizer configuration and the parameter after each of its steps in torch.</summary>
internal sealed record OptimizerCase(
    string Name, string Optimizer, float Lr, float? Beta1, float? Beta2, float? Eps, float? WeightDecay, float? Momentum,
    float? Dampening, bool? Nesterov, float? LrDecay, float? InitialAccumulatorValue, float[][] Steps);
