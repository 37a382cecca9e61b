using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using MLNetCtr.Data;
using MLNetCtr.Models;
using MLNetCtr.Models.TwoTower;
using MLNetCtr.Serving;
using MLNetCtr.Tensors;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// BENCHMARKS.md <c>two-tower-serve</c>: one user and 1,000 candidate items of the <c>two-tower</c> configuration.
/// Folded serving computes the user vector once and 1,000 inner products against precomputed item vectors (and the top
/// 10); the baseline runs the full model forward on the 1,000 (user, candidate) rows.
/// </summary>
public class TwoTowerServeBenchmarks
{
    private const int Candidates = 1000;
    private readonly BufferPool _pool = new();
    private TwoTowerServing _serving = null!;
    private ItemVectorTable _items = null!;
    private CtrDataset _user = null!;
    private CtrBatch _candidates = null!;
    private float[] _userVector = [];

    [GlobalSetup]
    public void Setup()
    {
        DataEncoder encoder = TwoTowerBenchmarkSetup.Encoder();
        var network = new ParallelTwoTower(encoder, TwoTowerBenchmarkSetup.Options);
        var model = new CtrPredictionModel(ParallelTwoTowerFamily, TwoTowerBenchmarkSetup.Options, encoder, network);
        _serving = new TwoTowerServing(model);
        CtrDataset rows = TwoTowerBenchmarkSetup.Rows(encoder, Candidates, seed: 2, oneUser: true);
        _items = _serving.ItemVectors(rows, [.. Enumerable.Range(0, Candidates).Select(i => $"item{i}")], "item_0");
        _user = rows.Select([0]);
        _candidates = TwoTowerBenchmarkSetup.Batch(rows);
        _userVector = _serving.UserVectors(_user);
        network.Eval();
    }

    private static ModelFamily ParallelTwoTowerFamily => ModelRegistry.Get("parallel-two-tower");

    [Benchmark(Baseline = true)]
    public float FullForward()
    {
        using TensorScope scope = TensorScope.Begin(_pool);
        using GradMode.NoGradRegion noGrad = GradMode.NoGrad();
        return _serving.Model.Network.Forward(_candidates).Data[0];   // (1000, 1) logits
    }

    [Benchmark]
    public float UserVectorAndInnerProducts() => _serving.Score(_serving.UserVectors(_user), _items)[0];

    [Benchmark]
    public int UserVectorAndTop10() => _serving.TopK(_serving.UserVectors(_user), _items, 10)[0].Index;

    [Benchmark]
    public float InnerProductsOnly() => _serving.Score(_userVector, _items)[0];

    [GlobalCleanup]
    public void Cleanup() => Console.WriteLine($"// two-tower-serve: peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
}
