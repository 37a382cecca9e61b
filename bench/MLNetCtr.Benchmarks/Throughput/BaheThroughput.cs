namespace MLNetCtr.Benchmarks.Throughput;

/// <summary>
/// <c>bahe</c>: <see cref="BaheBenchmarks"/>, BAHE's deep part over a 200k × 128 behavior table (2 sequences of 100
/// behaviors, 2 pre-norm transformer layers each, item Linear, MLP [256, 64], BCE, Adam), batch 128.
/// </summary>
public sealed class BaheThroughput : ThroughputConfig
{
    /// <inheritdoc/>
    public override string Id => "bahe";

    /// <inheritdoc/>
    public override int Batch => 128;

    /// <inheritdoc/>
    public override IReadOnlyList<ThroughputPass> CreatePasses() => [.. BaheBenchmarks.Workloads.Select(workload =>
    {
        var benchmark = new BaheBenchmarks { Workload = workload };
        benchmark.Setup();
        return new ThroughputPass(workload.Pass == "inference" ? "infer" : "train", Batch, workload.Flops, benchmark.Run);
    })];
}
