using BenchmarkDotNet.Attributes;
using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Benchmarks;

/// <summary>One product <c>C (M×N) = A (M×K) · B (K×N)</c>: 2·M·N·K FLOPs.</summary>
public sealed record GemmShape(int M, int N, int K) : IFlopCount
{
    public double Flops => 2.0 * M * N * K;

    public override string ToString() => $"{M}×{N}×{K}";
}

/// <summary>
/// <see cref="Gemm.Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/>
/// on all cores. Compare with <c>bench/pytorch/gemm.py</c> (torch.mm, same sizes, same machine).
/// </summary>
[Config(typeof(FlopsConfig))]
public class GemmBenchmarks
{
    private float[] _a = [], _b = [], _c = [];

    public static IEnumerable<GemmShape> Shapes => [new(1024, 1024, 1024), new(4096, 512, 256), new(1024, 256, 256)];

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = new(1, 1, 1);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(0);
        _a = Enumerable.Range(0, Shape.M * Shape.K).Select(_ => random.NextSingle()).ToArray();
        _b = Enumerable.Range(0, Shape.K * Shape.N).Select(_ => random.NextSingle()).ToArray();
        _c = new float[Shape.M * Shape.N];
    }

    [Benchmark]
    public void Multiply() => Gemm.Multiply(_a, _b, _c, Shape.M, Shape.N, Shape.K, transA: false, transB: false, accumulate: false);
}
