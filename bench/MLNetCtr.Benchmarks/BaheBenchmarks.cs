using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MLNetCtr.Models;
using MLNetCtr.Nn;
using MLNetCtr.Nn.Optim;
using MLNetCtr.Tensors;
using MLNetCtr.Text;
using MLNetCtr.Training;

namespace MLNetCtr.Benchmarks;

/// <summary>A pass of the <c>bahe</c> benchmark and its floating-point operations per sample (one benchmark operation).</summary>
/// <param name="Pass">"training-step" (forward, backward, Adam) or "inference" (forward only).</param>
/// <param name="Flops">FLOPs per sample: the forward's, times 3 for a training step.</param>
public sealed record BaheWorkload(string Pass, double Flops) : IFlopCount
{
    /// <inheritdoc/>
    public override string ToString() => Pass;
}

/// <summary>
/// The <c>bahe</c> configuration of BENCHMARKS.md, BAHE's deep part: a precomputed behavior table of 200k × 128
/// (random vectors: the frozen shallow part ran once, offline); per row 2 behavior sequences of 100 behavior ids, each
/// looked up in the table and encoded by its own <see cref="BaheSequenceTower"/> (2 trainable transformer layers, hidden
/// 128, 4 heads, FFN 512), the two in parallel; the item's table vector through a Linear(128, 128); concat
/// [u₁, u₂, v, u₁ ⊙ v, u₂ ⊙ v] → MLP [256, 64] → logit; BCE; Adam (lr 1e-3); batch 128. The composition is
/// <see cref="Bahe"/>'s forward. <c>--bahe</c> runs the same loop without BenchmarkDotNet and prints samples/s.
/// </summary>
[Config(typeof(FlopsConfig))]
[MemoryDiagnoser]
public class BaheBenchmarks
{
    private const int Batch = 128, TableRows = 200_000, D = 128, Sequences = 2, Length = 100, Layers = 2, FeedForward = 512, Batches = 8;

    /// <summary>Forward FLOPs per row: per behavior and layer 2·(128·384 + 128·128 + 2·128·512) + 2·2·100·128 (attention);
    /// × 100 behaviors × 2 layers × 2 sequences; item 2·128·128; MLP 2·(640·256 + 256·64 + 64).</summary>
    private const double ForwardFlopsPerRow = (Sequences * Layers * Length * ((2.0 * ((D * 3 * D) + (D * D) + (2 * D * FeedForward))) + (4.0 * Length * D)))
        + (2.0 * D * D) + (2.0 * ((5 * D * 256) + (256 * 64) + 64));

    private readonly BufferPool _pool = new();
    private DeepPart _model = null!;
    private Optimizer _optimizer = null!;
    private float[] _table = [];
    private (int[] Ids, int[] Items, float[] Labels)[] _batches = [];
    private int _next;

    /// <summary>The passes measured.</summary>
    public static IEnumerable<BaheWorkload> Workloads => [new("training-step", 3 * ForwardFlopsPerRow), new("inference", ForwardFlopsPerRow)];

    /// <summary>The pass of this run.</summary>
    [ParamsSource(nameof(Workloads))]
    public BaheWorkload Workload { get; set; } = null!;

    /// <summary>Builds the table (N(0, 1) vectors), 8 batches of random behavior ids and labels, the model and Adam.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        _table = [.. Enumerable.Range(0, TableRows * D).Select(_ => (float)random.NextDouble() - 0.5f)];
        _batches = [.. Enumerable.Range(0, Batches).Select(_ => (
            Enumerable.Range(0, Batch * Sequences * Length).Select(_ => random.Next(1, TableRows)).ToArray(),
            Enumerable.Range(0, Batch).Select(_ => random.Next(1, TableRows)).ToArray(),
            Enumerable.Range(0, Batch).Select(_ => random.NextDouble() < 0.2 ? 1f : 0f).ToArray()))];
        _model = new DeepPart(random);
        _optimizer = new Adam(_model.Parameters(), new AdamOptions { LearningRate = 1e-3f });
    }

    /// <summary>One pass over the next batch.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public float Run()
    {
        var (ids, items, labels) = _batches[_next++ % Batches];
        using TensorScope scope = TensorScope.Begin(_pool);
        if (Workload.Pass == "inference")
        {
            using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
            return _model.Forward(_table, ids, items).Data[0];
        }
        Tensor loss = Ops.BceWithLogits(_model.Forward(_table, ids, items).Reshape(Batch), Tensor.From(labels, Batch));
        loss.Backward();
        _optimizer.Step();
        _optimizer.ZeroGrad();
        return loss.Item();
    }

    /// <summary>The <c>--bahe</c> mode: the median of 5 windows of 4 passes after 4 warm-up passes, per workload.</summary>
    public static void RunThroughput()
    {
        foreach (BaheWorkload workload in Workloads)
        {
            var benchmark = new BaheBenchmarks { Workload = workload };
            benchmark.Setup();
            for (int i = 0; i < 4; i++)
            {
                benchmark.Run();
            }
            var windows = new List<double>();
            for (int w = 0; w < 5; w++)
            {
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < 4; i++)
                {
                    benchmark.Run();
                }
                windows.Add(4.0 * Batch / watch.Elapsed.TotalSeconds);
            }
            double median = windows.Order().ElementAt(windows.Count / 2);
            Console.WriteLine($"bahe {workload.Pass,-14}: {median:N0} samples/s, {workload.Flops * median / 1e9:F1} GFLOP/s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB ({Environment.ProcessorCount} cores)");
        }
    }

    /// <summary>BAHE's deep part over table vectors, as <see cref="Bahe.Forward"/> composes it.</summary>
    private sealed class DeepPart : Module
    {
        private readonly ModuleList<BaheSequenceTower> _towers;
        private readonly Linear _item;
        private readonly Mlp _head;

        public DeepPart(Random random)
        {
            _towers = Register("towers", new ModuleList<BaheSequenceTower>());
            for (int s = 0; s < Sequences; s++)
            {
                _towers.Add(new BaheSequenceTower(D, D, Layers, heads: 4, FeedForward, Length, random));
            }
            _item = Register("item", new Linear(D, D, random));
            _head = Register("head", new Mlp(((2 * Sequences) + 1) * D, [256, 64], random, outputSize: 1));
        }

        public Tensor Forward(float[] table, int[] ids, int[] items)
        {
            int b = items.Length;
            int[] lengths = [.. Enumerable.Repeat(Length, b)];
            Tensor item = _item.Forward(Gather(table, items, [b, D]));                      // (B, D)
            var users = new Tensor[Sequences];
            TensorParallel.For(Sequences, s =>                                               // feature parallel, same scope and grad mode
            {
                int[] sequence = ids.AsSpan(s * b * Length, b * Length).ToArray();
                users[s] = _towers[s].Forward(Gather(table, sequence, [b, Length, D]), lengths);   // (B, D)
            });
            return _head.Forward(Ops.Concat([.. users, item, .. users.Select(u => u * item)], axis: 1));   // (B, 1)
        }

        /// <summary>Table rows of <paramref name="ids"/> copied into a tensor of <paramref name="shape"/> (the frozen lookup).</summary>
        private static Tensor Gather(float[] table, int[] ids, int[] shape)
        {
            var output = Tensor.Zeros(shape);
            for (int i = 0; i < ids.Length; i++)
            {
                table.AsSpan(ids[i] * D, D).CopyTo(output.Data.AsSpan(i * D));
            }
            return output;
        }
    }
}
