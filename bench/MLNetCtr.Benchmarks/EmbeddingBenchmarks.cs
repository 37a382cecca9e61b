using BenchmarkDotNet.Attributes;
using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// Embedding gather and scatter-add on a 1M × 16 table, 65,536 Zipf-distributed ids per call (a batch of 4,096 rows ×
/// 16 fields). Rows/s = 65,536 / mean time.
/// </summary>
public class EmbeddingBenchmarks
{
    private const int Rows = 1_000_000;
    private const int Dimension = 16;
    private const int Lookups = 65_536;

    private float[] _table = [], _gradTable = [], _output = [];
    private int[] _ids = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        _table = Enumerable.Range(0, Rows * Dimension).Select(_ => random.NextSingle()).ToArray();
        _gradTable = new float[Rows * Dimension];
        _output = new float[Lookups * Dimension];
        // Zipf-like ids: popular rows repeat, as item ids do in click logs.
        _ids = Enumerable.Range(0, Lookups).Select(_ => (int)Math.Min(Rows - 1, Math.Pow(Rows, random.NextDouble()) - 1)).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public void Gather() => EmbeddingKernels.Gather(_table, Dimension, _ids, _output);

    [Benchmark(OperationsPerInvoke = Lookups)]
    public void ScatterAdd() => EmbeddingKernels.ScatterAdd(_output, Dimension, _ids, _gradTable);
}
