using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Benchmarks.Throughput;

/// <summary><c>gemm</c>: the machine's fp32 GEMM rate, one 2048³ product per call (the reference for achieved GFLOP/s).</summary>
public sealed class GemmThroughput : ThroughputConfig
{
    private const int Size = 2048;

    /// <inheritdoc/>
    public override string Id => "gemm";

    /// <inheritdoc/>
    public override int Batch => 1;

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses()
    {
        var random = new Random(0);
        float[] a = [.. Enumerable.Range(0, Size * Size).Select(_ => random.NextSingle())];
        float[] b = [.. Enumerable.Range(0, Size * Size).Select(_ => random.NextSingle())];
        float[] c = new float[Size * Size];
        return [new("2048^3", 1, 2.0 * Size * Size * Size, () =>
        {
            Gemm.Multiply(a, b, c, Size, Size, Size, transA: false, transB: false, accumulate: false);
            return c[0];
        })];
    }
}

/// <summary><c>mlp</c>: <see cref="MlpTrainingStepBenchmarks"/>, MLP [512, 256, 128] → 1 over 512 inputs, batch 1,024.</summary>
public sealed class MlpThroughput : ThroughputConfig
{
    /// <inheritdoc/>
    public override string Id => "mlp";

    /// <inheritdoc/>
    public override int Batch => 1024;

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses()
    {
        var benchmark = new MlpTrainingStepBenchmarks();
        benchmark.Setup();
        const double forward = 2.0 * ((512 * 512) + (512 * 256) + (256 * 128) + 128);
        return [new("train", Batch, 3 * forward, benchmark.TrainingStep)];
    }
}

/// <summary><c>two-tower</c>: <see cref="TwoTowerBenchmarks"/> (<see cref="TwoTowerBenchmarkSetup"/>).</summary>
public sealed class TwoTowerThroughput : ThroughputConfig
{
    /// <inheritdoc/>
    public override string Id => "two-tower";

    /// <inheritdoc/>
    public override int Batch => 1024;

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses()
    {
        var benchmark = new TwoTowerBenchmarks();
        benchmark.Setup();
        double forward = TwoTowerBenchmarkSetup.ForwardFlopsPerRow(TwoTowerBenchmarkSetup.Width);
        return [new("train", Batch, 3 * forward, benchmark.TrainingStep), new("infer", Batch, forward, benchmark.Inference)];
    }
}

/// <summary><c>esmm</c>: <see cref="EsmmBenchmarks"/>.</summary>
public sealed class EsmmThroughput : ThroughputConfig
{
    /// <inheritdoc/>
    public override string Id => "esmm";

    /// <inheritdoc/>
    public override int Batch => 1024;

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses() => [.. EsmmBenchmarks.Steps.Select(step =>
    {
        var benchmark = new EsmmBenchmarks { Step = step };
        benchmark.Setup();
        return new ThroughputPass(step.Name, Batch, step.Flops, benchmark.Run);
    })];
}

/// <summary><c>mmoe</c>: <see cref="MmoeBenchmarks"/>.</summary>
public sealed class MmoeThroughput : ThroughputConfig
{
    /// <inheritdoc/>
    public override string Id => "mmoe";

    /// <inheritdoc/>
    public override int Batch => 1024;

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses() => [.. MmoeBenchmarks.Workloads.Select(workload =>
    {
        var benchmark = new MmoeBenchmarks { Workload = workload };
        benchmark.Setup();
        return new ThroughputPass(workload.Pass == "inference" ? "infer" : "train", Batch, workload.Flops, benchmark.Run);
    })];
}
