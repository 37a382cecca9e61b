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
/// lazy on the tables), batch 1,024. Rows per second = 1 / the reported time per operation. Sixteen pre-encoded batches
/// with power-law ids are cycled so the touched table rows change from step to step. Compare with
/// <c>bench/pytorch/esmm_step.py</c>.
/// </summary>
[Config(typeof(FlopsConfig))]
public class EsmmBenchmarks
{
    private const int Batch = 1024, Fields = 20, VocabularySize = 100_000, Batches = 16;

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
        DatasetSchema schema = new()
        {
            Columns =
            [
                new ColumnSchema { Name = "click", Role = ColumnRole.Label, Type = ColumnType.Binary },
                new ColumnSchema { Name = "buy", Role = ColumnRole.Label, Type = ColumnType.Binary },
                .. Enumerable.Range(0, Fields).Select(f => new ColumnSchema { Name = $"c{f}", HashBuckets = VocabularySize - Vocabulary.FirstValueId }),
            ],
        };
        var encoder = new DataEncoder(schema, [.. schema.Features.Select(c => new Vocabulary(c.Name, [], hashBuckets: c.HashBuckets))], []);
        var random = new Random(42);
        CtrDataset data = encoder.Encode(Enumerable.Range(0, Batches * Batch).Select(_ => Row(random)));
        _batches = [.. Enumerable.Range(0, Batches).Select(b =>
            new BatchIterator(data.Select([.. Enumerable.Range(b * Batch, Batch)]), new BatchOptions { BatchSize = Batch, Shuffle = false }).Epoch(0).First())];
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

    private static Dictionary<string, string?> Row(Random random)
    {
        bool click = random.NextDouble() < 0.1, buy = click && random.NextDouble() < 0.1;
        var row = new Dictionary<string, string?> { ["click"] = click ? "1" : "0", ["buy"] = buy ? "1" : "0" };
        for (int f = 0; f < Fields; f++)
        {
            row[$"c{f}"] = "v" + (int)(1_000_000 * Math.Pow(random.NextDouble(), 3));   // power law, like item popularity
        }
        return row;
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
