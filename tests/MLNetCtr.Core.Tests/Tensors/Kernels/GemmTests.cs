using MLNetCtr.Tensors.Kernels;

namespace MLNetCtr.Tests.Tensors.Kernels;

public sealed class GemmTests
{
    private static readonly int[][] AwkwardShapes =
    [
        [1, 1, 1], [3, 5, 7], [1000, 17, 33], [17, 1000, 33], [64, 64, 64], [129, 257, 65],
    ];

    public static TheoryData<int, int, int, bool, bool, bool, bool> ReferenceCases()
    {
        var data = new TheoryData<int, int, int, bool, bool, bool, bool>();
        foreach (int[] s in AwkwardShapes)
        {
            foreach ((bool transA, bool transB) in new[] { (false, false), (true, false), (false, true), (true, true) })
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    foreach (bool vector512 in new[] { true, false })
                    {
                        data.Add(s[0], s[1], s[2], transA, transB, accumulate, vector512);
                    }
                }
            }
        }
        return data;
    }

    public static TheoryData<int, int, int, bool, bool, bool> ChainCases()
    {
        var data = new TheoryData<int, int, int, bool, bool, bool>();
        foreach (bool vector512 in new[] { true, false })
        {
            data.Add(37, 70, 600, false, false, vector512);     // two KC slices, edge tiles on both sides
            data.Add(37, 70, 600, true, true, vector512);
            data.Add(300, 350, 40, true, false, vector512);     // large enough to run in parallel
            data.Add(301, 96, 530, false, true, vector512);     // row-major A read in place: full and partial 8-row tiles, two KC slices, parallel
            data.Add(130, 2100, 20, false, true, vector512);    // more than one NC block of columns
            data.Add(1, 300, 70, false, true, vector512);       // one row: the matrix-vector path
            data.Add(1, 300, 70, true, false, vector512);
            data.Add(300, 1, 70, false, true, vector512);       // one column: transposed into one row
            data.Add(300, 1, 70, true, false, vector512);
            data.Add(1, 1, 50, false, false, vector512);        // a dot product
            data.Add(1, 100, 1200, false, true, vector512);     // one row, a transposed B in three KC slices
            data.Add(1, 3000, 40, true, false, vector512);      // one row, running sums in two column chunks
            data.Add(1, 5000, 300, false, true, vector512);     // one row, parallel over column chunks
            data.Add(5000, 1, 300, false, false, vector512);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Multiply_AwkwardShapes_MatchesReference(int m, int n, int k, bool transA, bool transB, bool accumulate, bool vector512)
    {
        GemmKernel kernel = KernelOf(vector512);
        float[] a = Random(m * k, seed: 1), b = Random(k * n, seed: 2), c0 = Random(m * n, seed: 3);
        float[] fast = (float[])c0.Clone(), reference = (float[])c0.Clone();

        Gemm.Multiply(a, b, fast, m, n, k, transA, transB, accumulate, kernel);
        Gemm.MultiplyReference(a, b, reference, m, n, k, transA, transB, accumulate);

        AssertWithinRoundingBound(a, b, c0, fast, reference, m, n, k, transA, transB, accumulate);
    }

    [Theory]
    [MemberData(nameof(ChainCases))]
    public void Multiply_AnyKernelOrThreadCount_EqualsOneFusedChainPerElementBitForBit(int m, int n, int k, bool transA, bool transB, bool vector512)
    {
        GemmKernel kernel = KernelOf(vector512);
        float[] a = Random(m * k, seed: 4), b = Random(k * n, seed: 5);
        foreach (bool accumulate in new[] { false, true })
        {
            float[] fast = Random(m * n, seed: 6), chain = (float[])fast.Clone();

            Gemm.Multiply(a, b, fast, m, n, k, transA, transB, accumulate, kernel);
            FusedChain(a, b, chain, m, n, k, transA, transB, accumulate);

            Assert.Equal(chain, fast);
        }
    }

    [Fact]
    public void Multiply_RunTwiceInParallel_IsBitIdentical()
    {
        const int m = 257, n = 513, k = 300;   // about 40 M multiply-adds: well above the parallel threshold
        float[] a = Random(m * k, seed: 7), b = Random(k * n, seed: 8);
        float[] first = new float[m * n], second = new float[m * n];

        Gemm.Multiply(a, b, first, m, n, k, transA: false, transB: true, accumulate: false);
        Gemm.Multiply(a, b, second, m, n, k, transA: false, transB: true, accumulate: false);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(257, 513, 300, false, true)]
    [InlineData(37, 64, 129, true, false)]
    [InlineData(1, 45, 17, false, false)]
    public void MultiplyOnThisThread_OddShapes_EqualsParallelPathBitForBitAndMatchesReference(int m, int n, int k, bool transA, bool transB)
    {
        float[] a = Random(m * k, seed: 11), b = Random(k * n, seed: 12), c0 = Random(m * n, seed: 13);
        float[] serial = (float[])c0.Clone(), parallel = (float[])c0.Clone(), reference = (float[])c0.Clone();

        Gemm.MultiplyOnThisThread(a, b, serial, m, n, k, transA, transB, accumulate: true);
        Gemm.Multiply(a, b, parallel, m, n, k, transA, transB, accumulate: true);
        Gemm.MultiplyReference(a, b, reference, m, n, k, transA, transB, accumulate: true);

        Assert.Equal(parallel, serial);
        AssertWithinRoundingBound(a, b, c0, serial, reference, m, n, k, transA, transB, accumulate: true);
    }

    [Fact]
    public void Multiply_BothKernels_GiveBitIdenticalResults()
    {
        const int m = 100, n = 90, k = 333;
        float[] a = Random(m * k, seed: 9), b = Random(k * n, seed: 10);
        float[] wide = new float[m * n], narrow = new float[m * n];

        Gemm.Multiply(a, b, wide, m, n, k, false, false, false, GemmKernel.Vector512);
        Gemm.Multiply(a, b, narrow, m, n, k, false, false, false, GemmKernel.Vector256);

        Assert.Equal(wide, narrow);
    }

    [Theory]
    [InlineData(0, 5, 3)]
    [InlineData(4, 0, 3)]
    [InlineData(4, 5, 0)]
    public void Multiply_ZeroSizedDimension_WritesOnlyWhatTheProductDefines(int m, int n, int k)
    {
        float[] a = Random(m * k, seed: 1), b = Random(k * n, seed: 2);
        float[] overwritten = Enumerable.Repeat(9f, m * n + 1).ToArray(), accumulated = (float[])overwritten.Clone();

        Gemm.Multiply(a, b, overwritten, m, n, k, false, false, accumulate: false);
        Gemm.Multiply(a, b, accumulated, m, n, k, false, false, accumulate: true);

        Assert.All(overwritten[..(m * n)], v => Assert.Equal(0f, v));   // an empty sum is 0
        Assert.All(accumulated, v => Assert.Equal(9f, v));               // C + 0 leaves C
        Assert.Equal(9f, overwritten[^1]);                                // nothing past m·n is touched
    }

    [Fact]
    public void Multiply_OneByOneByOne_IsTheProduct()
    {
        float[] c = [10f];
        Gemm.Multiply([3f], [4f], c, 1, 1, 1, false, false, accumulate: true);
        Assert.Equal(22f, c[0]);
    }

    [Fact]
    public void Multiply_SpanTooShort_ThrowsNamingSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[5], new float[12], new float[8], 2, 4, 3, false, false, false));
        Assert.Contains("2×3 · 3×4", e.Message);
        Assert.Contains("a 5", e.Message);
    }

    public static TheoryData<int, int, int, bool, bool, int, bool> BatchedCases()
    {
        var data = new TheoryData<int, int, int, bool, bool, int, bool>();
        foreach (bool vector512 in new[] { true, false })
        {
            data.Add(50, 50, 32, false, true, 24, vector512);    // attention scores Q·Kᵀ: many L×L×d products, parallel over the batch
            data.Add(50, 32, 50, false, false, 24, vector512);   // attention output P·V
            data.Add(3, 5, 7, true, false, 4, vector512);        // small batch: one after another
            data.Add(200, 300, 40, true, true, 2, vector512);    // large products: each parallel inside
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BatchedCases))]
    public void MultiplyBatched_EqualsOneMultiplyPerItem(int m, int n, int k, bool transA, bool transB, int batch, bool vector512)
    {
        GemmKernel kernel = KernelOf(vector512);
        float[] a = Random(batch * m * k, seed: 11), b = Random(batch * k * n, seed: 12);
        foreach (bool accumulate in new[] { false, true })
        {
            float[] batched = Random(batch * m * n, seed: 13), oneByOne = (float[])batched.Clone();

            Gemm.MultiplyBatched(a, m * k, b, k * n, batched, m * n, batch, m, n, k, transA, transB, accumulate, kernel);
            for (int i = 0; i < batch; i++)
            {
                Gemm.MultiplyReference(a.AsSpan(i * m * k), b.AsSpan(i * k * n), oneByOne.AsSpan(i * m * n), m, n, k, transA, transB, accumulate);
            }

            AssertClose(oneByOne, batched, k);
        }
    }

    [Fact]
    public void MultiplyBatched_SharedOperandAndSummedOutput_EqualsTheSumOfProducts()
    {
        const int batch = 5, m = 6, n = 7, k = 9;
        float[] a = Random(batch * k * m, seed: 14), shared = Random(n * k, seed: 15);
        float[] summed = Random(m * n, seed: 16), expected = (float[])summed.Clone();

        Gemm.MultiplyBatched(a, k * m, shared, 0, summed, 0, batch, m, n, k, transA: true, transB: true, accumulate: true);
        for (int i = 0; i < batch; i++)
        {
            Gemm.MultiplyReference(a.AsSpan(i * k * m), shared, expected, m, n, k, true, true, accumulate: true);
        }

        AssertClose(expected, summed, batch * k);
    }

    [Fact]
    public void MultiplyBatched_EmptyBatch_LeavesOutputAlone()
    {
        float[] c = [1f, 2f];
        Gemm.MultiplyBatched([], 4, [], 4, c, 4, batch: 0, 2, 2, 2, false, false, accumulate: false);
        Assert.Equal([1f, 2f], c);
    }

    [Fact]
    public void MultiplyBatched_OverlappingOutputs_ThrowsNamingStride()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Gemm.MultiplyBatched(new float[24], 6, new float[24], 6, new float[12], 3, batch: 4, 2, 3, 3, false, false, false));
        Assert.Contains("stride 3", e.Message);
        Assert.Contains("at least 6", e.Message);
    }

    /// <summary>The documented arithmetic of the fast path: <c>c = fma(op(A)[i, p], op(B)[p, j], c)</c> for p = 0 … k−1.</summary>
    private static void FusedChain(float[] a, float[] b, float[] c, int m, int n, int k, bool transA, bool transB, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++)
                {
                    sum = MathF.FusedMultiplyAdd(transA ? a[p * m + i] : a[i * k + p], transB ? b[j * k + p] : b[p * n + j], sum);
                }
                c[i * n + j] = sum;
            }
        }
    }

    /// <summary>
    /// Both sides are sums of k products, each within <c>k·u·(Σ|a·b| + |c₀|)</c> of the exact value (u = 2⁻²⁴), so
    /// they differ by at most twice that. A wrong index or a lost term is off by about one whole |a·b|: far more.
    /// </summary>
    private static void AssertWithinRoundingBound(float[] a, float[] b, float[] c0, float[] fast, float[] reference,
        int m, int n, int k, bool transA, bool transB, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double magnitude = accumulate ? Math.Abs(c0[i * n + j]) : 0;
                for (int p = 0; p < k; p++)
                {
                    magnitude += Math.Abs((double)(transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]));
                }
                double bound = 2 * (k + 1) * Math.Pow(2, -24) * magnitude;
                float got = fast[i * n + j], want = reference[i * n + j];
                Assert.True(Math.Abs(got - want) <= bound, $"C[{i}, {j}] of {m}×{n}×{k}: fast {got:G9} vs reference {want:G9} (bound {bound:G3})");
            }
        }
    }

    /// <summary>Inputs lie in [-1, 1), so every |a·b| ≤ 1 and a sum of k of them is within about k·k·u of exact.</summary>
    private static void AssertClose(float[] expected, float[] actual, int k)
    {
        double tolerance = 2 * (k + 1) * (k + 1) * Math.Pow(2, -24);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: {actual[i]:G9} vs {expected[i]:G9} (tolerance {tolerance:G3})");
        }
    }

    /// <summary>Both micro-kernels run on an AVX-512 machine, so each is compared with the reference here.</summary>
    private static GemmKernel KernelOf(bool vector512) => vector512 ? GemmKernel.Vector512 : GemmKernel.Vector256;

    private static float[] Random(int length, int seed)
    {
        var rng = new Random(seed);
        var data = new float[length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = 2f * (float)rng.NextDouble() - 1f;
        }
        return data;
    }
}
