using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Benchmarks;

/// <summary>A step of the <c>esmm</c> benchmark: training (forward, backward, Adam) or inference (forward only).</summary>
/// <param name="Name">"train" or "infer".</param>
/// <param name="Flops">FLOPs per row: the towers' multiply-adds (2 each); backward counts twice the forward.</param>
public sealed record EsmmStep(string Name, double Flops) : IFlopCount
{
    public override string ToString() => Name;
}

/// <summary>
/// The <c>esmm</c> configuration of /work/shared/BENCHMARKS.md: 20 categorical fields with 100k-row tables, shared
/// embeddings of dimension 16, CTR and CVR towers MLP [256, 128, 64] → 1, loss BCE(ctr) + BCE(ctcvr), Adam (lr 1e-3;
/// lazy on the tables), batch 1,024, inputs <see cref="ImpressionBatches"/>. Rows per second = 1 / the reported time
/// per operation. The <c>throughput esmm</c> runner and
/// <c>bench/pytorch/throughput.py esmm</c> time the same passes.
/// </summary>
[Config(typeof(FlopsConfig))]
public class EsmmBenchmarks
{
    private const int Batch = ImpressionBatches.Batch, Fields = ImpressionBatches.Fields, Batches = ImpressionBatches.Count;

    // Per row and tower, the Linear layers 320→256→128→64→1 cost 2·(320·256 + 256·128 + 128·64 + 64) FLOPs forward.
    private const double TowerFlops = 2.0 * (Fields * 16 * 256 + 256 * 128 + 128 * 64 + 64);

    private readonly BufferPool _pool = new();
    private CtrBatch[] _batches = [];
    private CtrModel _model = null!;
    private Optimizer _optimizer = null!;
    private int _next;

    public static IEnumerable<EsmmStep> Steps => [new("train", 3 * 2 * TowerFlops), new("infer", 2 * TowerFlops)];

    [ParamsSource(nameof(Steps))]
    public EsmmStep Step { get; set; } = new("train", 0);

    [GlobalSetup]
    public void Setup()
    {
        (DataEncoder encoder, _batches) = ImpressionBatches.Create();
        var options = new EsmmOptions { EmbeddingDimension = 16, TowerHiddenLayers = [256, 128, 64], LearningRate = 1e-3f };
        _model = EsmmTrainer.EsmmDefinition.CreateModel(encoder, options);
        _optimizer = OptimizerFactory.Create(_model, options);

        // Two passes over the batches first: the Adam moments and gradient rows of the tables are touched (page-faulted)
        // once, as in a long training run, rather than inside the few timed iterations.
        for (int i = 0; i < 2 * Batches; i++)
        {
            Run();
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public float Run()
    {
        CtrBatch batch = _batches[_next++ % Batches];
        return Step.Name == "infer" ? ModelPasses.Infer(_model, batch, _pool) : ModelPasses.Train(_model, _optimizer, batch, _pool);
    }

    [GlobalCleanup]
    public void Cleanup() =>
        Console.WriteLine($"// esmm {Step}: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
}
