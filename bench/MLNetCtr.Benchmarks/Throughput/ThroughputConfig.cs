namespace MLNetCtr.Benchmarks.Throughput;

/// <summary>One timed pass of a configuration: each call of <see cref="Run"/> processes <see cref="SamplesPerCall"/> samples.</summary>
/// <param name="Name">"train" (forward, backward, Adam), "infer" (forward only), or for serving "serve" / "full".</param>
/// <param name="SamplesPerCall">Rows (or candidates) processed by one call.</param>
/// <param name="FlopsPerSample">Analytic FLOPs per sample (a multiply-add counts 2; a training step counts 3 forwards); 0 if not counted.</param>
/// <param name="Run">One call; returns a value of the result so the work cannot be skipped.</param>
public sealed record ThroughputPass(string Name, int SamplesPerCall, double FlopsPerSample, Func<float> Run);

/// <summary>
/// A configuration of /work/shared/BENCHMARKS.md as our library runs it. Adding one (e.g. <c>bahe</c>) is one subclass
/// that builds the model and data and returns its passes, plus one line in <see cref="ThroughputConfigs.All"/>;
/// <c>bench/pytorch/throughput.py</c> gets the same configuration under the same id.
/// </summary>
public abstract class ThroughputConfig
{
    /// <summary>The id used in BENCHMARKS.md, on the command line and in the JSON (e.g. <c>esmm</c>).</summary>
    public abstract string Id { get; }

    /// <summary>Batch size (training/inference) or candidate count (serving).</summary>
    public abstract int Batch { get; }

    /// <summary>Builds model, optimizer and data; returns the passes to time, in order.</summary>
    public abstract IReadOnlyList<ThroughputPass> CreatePasses();
}

/// <summary>Every configuration the runner knows, in the order <c>all</c> runs them.</summary>
public static class ThroughputConfigs
{
    /// <summary>The configurations.</summary>
    public static IReadOnlyList<ThroughputConfig> All { get; } =
    [
        new GemmThroughput(),
        new MlpThroughput(),
        new TwoTowerThroughput(),
        new EsmmThroughput(),
        new MmoeThroughput(),
        new FgBertThroughput(),
        new Srp4CtrThroughput(),
        new BaheThroughput(),
        new TwoTowerServeThroughput(),
        new Srp4CtrServeThroughput(),
    ];

    /// <summary>The configuration named <paramref name="id"/>; throws listing the known ids.</summary>
    public static ThroughputConfig Get(string id) => All.FirstOrDefault(c => c.Id == id)
        ?? throw new ArgumentException($"Unknown configuration '{id}'; known: {string.Join(", ", All.Select(c => c.Id))}, all.", nameof(id));
}
