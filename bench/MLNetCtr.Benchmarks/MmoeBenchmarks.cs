using BenchmarkDotNet.Attributes;
using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using MLNetCtr.Trainers;
using MLNetCtr.Training;

namespace MLNetCtr.Benchmarks;

/// <summary>A pass of the <c>mmoe</c> benchmark and its floating-point operations per sample (one benchmark operation).</summary>
/// <param name="Pass">"training-step" (forward, backward, Adam) or "inference" (forward only).</param>
/// <param name="Flops">FLOPs per sample: the forward's, times 3 for a training step (backward ≈ 2 forwards).</param>
public sealed record MmoeWorkload(string Pass, double Flops) : IFlopCount
{
    /// <inheritdoc/>
    public override string ToString() => Pass;
}

/// <summary>
/// The <c>mmoe</c> configuration of BENCHMARKS.md: the inputs of <c>esmm</c> (<see cref="ImpressionBatches"/>), shared
/// embeddings of dimension 16; 4 experts MLP [256, 128]; 2 task gates; towers [64]; batch 1,024; Adam (lr 1e-3, lazy
/// on the tables). Samples/s = 1,024 / mean time. The <c>throughput mmoe</c> runner and
/// <c>bench/pytorch/throughput.py mmoe</c> time the same passes.
/// </summary>
[Config(typeof(FlopsConfig))]
[MemoryDiagnoser]
public class MmoeBenchmarks
{
    private const int Batch = ImpressionBatches.Batch, Batches = ImpressionBatches.Count;

    /// <summary>Forward FLOPs per row: experts 4·2·(320·256 + 256·128), gates 2·2·320·4, towers 2·2·(128·64 + 64).</summary>
    private const double ForwardFlopsPerRow = (4 * 2.0 * ((320 * 256) + (256 * 128))) + (2 * 2.0 * 320 * 4) + (2 * 2.0 * ((128 * 64) + 64));

    private readonly BufferPool _pool = new();
    private Mmoe _model = null!;
    private Optimizer _optimizer = null!;
    private CtrBatch[] _batches = [];
    private int _next;

    /// <summary>The passes measured.</summary>
    public static IEnumerable<MmoeWorkload> Workloads =>
        [new("training-step", 3 * ForwardFlopsPerRow), new("inference", ForwardFlopsPerRow)];

    /// <summary>The pass of this run.</summary>
    [ParamsSource(nameof(Workloads))]
    public MmoeWorkload Workload { get; set; } = null!;

    /// <summary>Builds the data (<see cref="ImpressionBatches"/>; tasks click and buy), the model and its optimizer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var options = new MmoeOptions { Seed = 0 };
        (DataEncoder encoder, _batches) = ImpressionBatches.Create();
        _model = new Mmoe(encoder, options, MultitaskStructure.Mmoe);
        _optimizer = OptimizerFactory.Create(_model, options);
    }

    /// <summary>One pass over the next batch.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public float Run() => Workload.Pass == "inference" ? Inference() : TrainingStep();

    private float TrainingStep()
        => ModelPasses.Train(_model, _optimizer, _batches[_next++ % Batches], _pool);

    private float Inference()
        => ModelPasses.Infer(_model, _batches[_next++ % Batches], _pool);
}
