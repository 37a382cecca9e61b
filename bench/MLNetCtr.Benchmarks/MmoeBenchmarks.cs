using System.Diagnostics;
using System.Text;
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
/// The <c>mmoe</c> configuration of BENCHMARKS.md: 20 categorical fields, vocabulary 100k each (hashed), shared
/// embeddings of dimension 16; 4 experts MLP [256, 128]; 2 task gates; towers [64]; batch 1,024; Adam (lr 1e-3, lazy
/// on the tables). Samples/s = 1,024 / mean time. Compare with <c>bench/pytorch/mmoe_step.py</c>; <c>--mmoe</c> runs
/// the same loop without BenchmarkDotNet and prints samples/s and peak working set.
/// </summary>
[Config(typeof(FlopsConfig))]
[MemoryDiagnoser]
public class MmoeBenchmarks
{
    private const int Batch = 1024, Fields = 20, Vocabulary = 100_000, Batches = 16;

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

    /// <summary>Builds the data (16 batches of random ids), the model and its optimizer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var options = new MmoeOptions { Seed = 0 };
        (CtrDataset data, DataEncoder encoder) = RandomData(Batches * Batch, seed: 0);
        _model = new Mmoe(encoder, options, MultitaskStructure.Mmoe);
        _optimizer = OptimizerFactory.Create(_model, options);
        _batches = [.. Enumerable.Range(0, Batches).Select(b =>
            new BatchIterator(data.Select([.. Enumerable.Range(b * Batch, Batch)]), new BatchOptions { BatchSize = Batch, Shuffle = false }).Epoch(0).First())];
    }

    /// <summary>One pass over the next batch.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public float Run() => Workload.Pass == "inference" ? Inference() : TrainingStep();

    private float TrainingStep()
        => ModelPasses.Train(_model, _optimizer, _batches[_next++ % Batches], _pool);

    private float Inference()
        => ModelPasses.Infer(_model, _batches[_next++ % Batches], _pool);

    /// <summary>The <c>--mmoe</c> mode: the median of 9 windows of 20 passes after 20 warm-up passes, as mmoe_step.py.</summary>
    public static void RunThroughput()
    {
        foreach (MmoeWorkload workload in Workloads)
        {
            var benchmark = new MmoeBenchmarks { Workload = workload };
            benchmark.Setup();
            for (int i = 0; i < 20; i++)
            {
                benchmark.Run();
            }
            var windows = new List<double>();
            for (int w = 0; w < 9; w++)
            {
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < 20; i++)
                {
                    benchmark.Run();
                }
                windows.Add(20.0 * Batch / watch.Elapsed.TotalSeconds);
            }
            double median = windows.Order().ElementAt(windows.Count / 2);
            Console.WriteLine($"{workload.Pass,-14}: {median:N0} samples/s, {workload.Flops * median / 1e9:F1} GFLOP/s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB ({Environment.ProcessorCount} cores)");
        }
    }

    /// <summary><paramref name="rows"/> rows of 20 uniform random ids in 100k hash buckets and two binary labels (rates 0.2 and 0.1).</summary>
    private static (CtrDataset Data, DataEncoder Encoder) RandomData(int rows, int seed)
    {
        var schema = new DatasetSchema
        {
            Columns =
            [
                new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
                new ColumnSchema { Name = "like", Role = ColumnRole.Label, Type = ColumnType.Binary },
                .. Enumerable.Range(0, Fields).Select(f => new ColumnSchema { Name = $"c{f}", HashBuckets = Vocabulary }),
            ],
        };
        var random = new Random(seed);
        var csv = new StringBuilder("click,like," + string.Join(",", Enumerable.Range(0, Fields).Select(f => $"c{f}")) + "\n");
        for (int r = 0; r < rows; r++)
        {
            csv.Append(random.NextDouble() < 0.2 ? '1' : '0').Append(',').Append(random.NextDouble() < 0.1 ? '1' : '0');
            for (int f = 0; f < Fields; f++)
            {
                csv.Append(",v").Append(random.Next(10 * Vocabulary));
            }
            csv.Append('\n');
        }
        RawDataset raw = CtrDataLoader.ReadRaw(new StringReader(csv.ToString()), "mmoe-benchmark", schema);
        DataEncoder encoder = DataEncoder.Fit(raw);
        return (encoder.Encode(raw), encoder);
    }
}
