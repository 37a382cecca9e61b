using System.Diagnostics;
using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Benchmarks;

/// <summary>
/// The <c>--gemm-shapes</c> mode: GFLOP/s of <see cref="Gemm.Multiply(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, bool, bool, bool)"/>
/// on the products of the <c>mlp</c> step (forward, dX, dW), BAHE's projections, attention heads and small products
/// around the parallel threshold; run it with <c>DOTNET_PROCESSOR_COUNT=1</c> and without to see where threads pay.
/// <c>bench/pytorch/gemm_shapes.py</c> times the same products with torch.
/// </summary>
public static class GemmShapes
{
    /// <summary>(name, m, n, k, transA, transB).</summary>
    public static IReadOnlyList<(string Name, int M, int N, int K, bool TransA, bool TransB)> Shapes { get; } =
    [
        ("mlp fwd x·Wᵀ", 1024, 512, 512, false, true),
        ("mlp dX dy·W", 1024, 512, 512, false, false),
        ("mlp dW dyᵀ·x", 512, 512, 1024, true, false),
        ("bahe qkv fwd", 12800, 384, 128, false, true),
        ("bahe qkv dW", 384, 128, 12800, true, false),
        ("attn QKᵀ L100", 100, 100, 32, false, true),
        ("attn PV L100", 100, 32, 100, false, false),
        ("small 64³", 64, 64, 64, false, true),
        ("small 100³", 100, 100, 100, false, true),
        ("small 128³", 128, 128, 128, false, true),
        ("small 50×192×64", 50, 192, 64, false, true),
        ("small 256³", 256, 256, 256, false, true),
    ];

    /// <summary>Times every shape: the median of 7 windows of about 0.3 s after a warm-up.</summary>
    public static void Run()
    {
        var random = new Random(0);
        foreach (var (name, m, n, k, transA, transB) in Shapes)
        {
            float[] a = [.. Enumerable.Range(0, m * k).Select(_ => random.NextSingle())];
            float[] b = [.. Enumerable.Range(0, k * n).Select(_ => random.NextSingle())];
            float[] c = new float[m * n];
            void Once() => Gemm.Multiply(a, b, c, m, n, k, transA, transB, accumulate: false);
            long calls = Math.Max(1, 100_000_000L / ((long)m * n * k));
            for (int i = 0; i < calls; i++)
            {
                Once();
            }
            var rates = new List<double>();
            for (int w = 0; w < 7; w++)
            {
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < calls; i++)
                {
                    Once();
                }
                rates.Add(2.0 * m * n * k * calls / watch.Elapsed.TotalSeconds / 1e9);
            }
            Console.WriteLine($"{name,-18} {m,6}×{n,-5}×{k,-6} {rates.Order().ElementAt(3),7:F1} GFLOP/s ({Environment.ProcessorCount} threads)");
        }
    }
}
