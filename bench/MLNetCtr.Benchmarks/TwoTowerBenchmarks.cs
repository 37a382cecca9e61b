using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MLNetCtr.Data;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using MLNetCtr.Training;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// BENCHMARKS.md <c>two-tower</c>: a training step (forward, backward, lazy Adam) and inference (forward only) of the
/// parallel two-tower model on batches of 1,024 rows (<see cref="TwoTowerBenchmarkSetup"/>), cycling over 16 batches so
/// the touched table rows change from step to step. Rows/s = 1,024 / mean time;
/// GFLOP/s counts the analytic forward FLOPs (a training step as 3× forward).
/// </summary>
[Config(typeof(FlopsConfig))]
public class TwoTowerBenchmarks
{
    private const int Batch = 1024, Batches = 16;
    private readonly BufferPool _pool = new();
    private ParallelTwoTower _model = null!;
    private Optimizer _optimizer = null!;
    private CtrBatch[] _batches = [];
    private int _next;

    /// <summary>The work of one invocation.</summary>
    public sealed record Work(string Name, double Flops) : IFlopCount
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Work> Configurations => [new("B=1024", Batch * TwoTowerBenchmarkSetup.ForwardFlopsPerRow(TwoTowerBenchmarkSetup.Width))];

    [ParamsSource(nameof(Configurations))]
    public Work Configuration { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        DataEncoder encoder = TwoTowerBenchmarkSetup.Encoder();
        _model = new ParallelTwoTower(encoder, TwoTowerBenchmarkSetup.Options);
        _optimizer = OptimizerFactory.Create(_model, TwoTowerBenchmarkSetup.Options);
        CtrDataset rows = TwoTowerBenchmarkSetup.Rows(encoder, Batches * Batch, seed: 1);
        _batches = [.. Enumerable.Range(0, Batches).Select(b => TwoTowerBenchmarkSetup.Batch(rows.Select([.. Enumerable.Range(b * Batch, Batch)])))];
        Console.WriteLine($"// two-tower: width {_model.Width}, {_model.Parameters().Sum(p => (long)p.Size):N0} parameters, {TwoTowerBenchmarkSetup.ForwardFlopsPerRow(_model.Width) / 1e6:F2} MFLOP forward per row");
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float TrainingStep()
        => ModelPasses.Train(_model, _optimizer, _batches[_next++ % Batches], _pool);

    [Benchmark(OperationsPerInvoke = Batch)]
    public float Inference()
        => ModelPasses.Infer(_model, _batches[_next++ % Batches], _pool);

    [GlobalCleanup]
    public void Cleanup() => Console.WriteLine($"// two-tower: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
}
