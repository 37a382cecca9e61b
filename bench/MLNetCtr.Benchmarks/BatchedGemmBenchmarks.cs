using BenchmarkDotNet.Attributes;
using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Benchmarks;

/// <summary>Batch many same-shape products <c>(M×K) · (K×N)</c>: 2·Batch·M·N·K FLOPs.</summary>
public sealed record BatchedGemmShape(int Batch, int M, int N, int K, bool TransposeB) : IFlopCount
{
    public double Flops => 2.0 * Batch * M * N * K;

    public override string ToString() => $"{Batch}×({M}×{N}×{K}{(TransposeB ? ", Bᵀ" : "")})";
}

/// <summary>
/// <see cref="Gemm.MultiplyBatched(ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, Span{float}, int, int, int, int, int, bool, bool, bool)"/>
/// on attention-sized products: the <c>fgbert</c> configuration of BENCHMARKS.md (batch 256 × 2 heads, L = 50,
/// head dimension 32): scores Q·Kᵀ and outputs P·V.
/// </summary>
[Config(typeof(FlopsConfig))]
public class BatchedGemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    public static IEnumerable<BatchedGemmShape> Shapes => [new(512, 50, 50, 32, TransposeB: true), new(512, 50, 32, 50, TransposeB: false)];

    [ParamsSource(nameof(Shapes))]
    public BatchedGemmShape Shape { get; set; } = new(1, 1, 1, 1, false);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        _a = Enumerable.Range(0, Shape.Batch * Shape.M * Shape.K).Select(_ => random.NextSingle()).ToArray();
        _b = Enumerable.Range(0, Shape.Batch * Shape.K * Shape.N).Select(_ => random.NextSingle()).ToArray();
        _c = new float[Shape.Batch * Shape.M * Shape.N];
    }

    [Benchmark]
    public void MultiplyBatched() =>
        Gemm.MultiplyBatched(_a, Shape.M * Shape.K, _b, Shape.K * Shape.N, _c, Shape.M * Shape.N, Shape.Batch, Shape.M, Shape.N, Shape.K,
            transA: false, Shape.TransposeB, accumulate: false);
}
