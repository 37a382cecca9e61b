using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLNetCtr.Tensors.Kernels;

/// <summary>Which register-blocked micro-kernel a GEMM runs. Both give bit-identical results.</summary>
internal enum GemmKernel
{
    /// <summary>8×32 tiles of C in sixteen <see cref="Vector512{T}"/> registers (AVX-512).</summary>
    Vector512,

    /// <summary>6×16 tiles of C in twelve <see cref="Vector256{T}"/> registers (AVX2).</summary>
    Vector256,
}

internal static partial class Gemm
{
    // Cache blocking (Goto & van de Geijn, 2008). C is cut into a grid of parts, one Parallel.For item each; a part
    // runs the classic loop nest on its own rows and columns, with its thread's own pack buffers:
    //   for each NC-column block:  for each KC-deep slice:  pack KC×NC of op(B)                     (L3, ≤ 4 MiB)
    //     for each MC-row block:   pack MC×KC of op(A)                                                (L2, 256 KiB)
    //       for each NR column panel (KC×NR of B, L2), for each MR row panel (MR×KC of A, L1): micro-kernel
    // Parts never share a buffer or an element of C, so the only synchronisation is the end of the Parallel.For.
    // KC = 512 halves the passes over C against 256 (measured: +5% at 1024³ on Zen 4); MC and NC matter little.
    private const int Kc = 512;
    private const int Nc = 2048;

    // Below about a million multiply-adds (~10 µs on one core) the Parallel.For overhead does not pay.
    private const long ParallelThreshold = 1 << 20;

    /// <summary>The micro-kernel this machine runs by default: AVX-512 where accelerated, else AVX2.</summary>
    internal static GemmKernel DefaultKernel { get; } =
        Vector512.IsHardwareAccelerated ? GemmKernel.Vector512 : GemmKernel.Vector256;

    /// <summary>Register tile (MR×NR) and A block height (MC, a multiple of MR) of a micro-kernel.</summary>
    private static (int Mr, int Nr, int Mc) TileOf(GemmKernel kernel) =>
        kernel == GemmKernel.Vector512 ? (8, 32, 128) : (6, 16, 96);

    /// <summary>Pinned operands of one product <c>C (M×N) = [C +] op(A) · op(B)</c>, all row-major and dense.</summary>
    private readonly unsafe struct Operands(float* a, float* b, float* c, int m, int n, int k, bool transA, bool transB)
    {
        public float* A { get; } = a;

        public float* B { get; } = b;

        public float* C { get; } = c;

        public int M { get; } = m;

        public int N { get; } = n;

        public int K { get; } = k;

        public bool TransA { get; } = transA;

        public bool TransB { get; } = transB;

        /// <summary>The same product with each operand pointer moved forward by the given number of floats.</summary>
        public Operands Offset(long a, long b, long c) => new(A + a, B + b, C + c, M, N, K, TransA, TransB);
    }

    /// <summary>The blocked product (or the row product when m or n is 1); <paramref name="parallel"/> spreads parts of C over the thread pool.</summary>
    private static void MultiplyBlocked(Operands o, bool accumulate, GemmKernel kernel, bool parallel)
    {
        if (o.M == 0 || o.N == 0)
        {
            return;
        }
        if (o.N == 1 && o.M > 1)
        {
            o = AsRowProduct(o);
        }
        if (o.M == 1)
        {
            MultiplyRow(o, accumulate, parallel);
            return;
        }
        (int mr, int nr, _) = TileOf(kernel);
        (int mParts, int nParts) = parallel ? Grid(o, mr, nr) : (1, 1);
        int rowsPerPart = RoundUp((o.M + mParts - 1) / mParts, mr), columnsPerPart = RoundUp((o.N + nParts - 1) / nParts, nr);
        void Part(int t)
        {
            int i0 = t / nParts * rowsPerPart, j0 = t % nParts * columnsPerPart;
            MultiplyPart(o, accumulate, kernel, i0, Math.Min(o.M, i0 + rowsPerPart), j0, Math.Min(o.N, j0 + columnsPerPart));
        }
        if (mParts * nParts > 1)
        {
            Parallel.For(0, mParts * nParts, Part);
        }
        else
        {
            Part(0);
        }
    }

    /// <summary>
    /// Splits C into one part per core, cutting the dimension whose cut re-packs less: a part packs its rows of
    /// op(A) once per column part and its columns of op(B) once per row part.
    /// </summary>
    private static (int MParts, int NParts) Grid(Operands o, int mr, int nr)
    {
        int parts = Environment.ProcessorCount;
        (int, int) best = (1, 1);
        long bestCost = long.MaxValue;
        for (int mParts = 1; mParts <= parts; mParts++)
        {
            int nParts = parts / mParts;
            if (mParts * nParts != parts || (long)mr * mParts > o.M + mr - 1 || (long)nr * nParts > o.N + nr - 1)
            {
                continue;
            }
            long cost = (long)o.M * nParts + (long)o.N * mParts;
            if (cost < bestCost)
            {
                (best, bestCost) = ((mParts, nParts), cost);
            }
        }
        return best;
    }

    /// <summary>The loop nest over rows [i0, i1) and columns [j0, j1) of C, on this thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MultiplyPart(Operands o, bool accumulate, GemmKernel kernel, int i0, int i1, int j0, int j1)
    {
        if (i0 >= i1 || j0 >= j1)
        {
            return;
        }
        if (o.K == 0 && !accumulate)
        {
            for (int i = i0; i < i1; i++)
            {
                new Span<float>(o.C + (long)i * o.N + j0, j1 - j0).Clear();
            }
        }
        (int mr, int nr, int mcMax) = TileOf(kernel);
        float* bPack = PackBuffer.ForB.Reserve(Math.Min(Kc, o.K) * RoundUp(Math.Min(Nc, j1 - j0), nr));
        float* aPack = PackBuffer.ForA.Reserve(Math.Min(Kc, o.K) * RoundUp(Math.Min(mcMax, i1 - i0), mr));
        for (int jc = j0; jc < j1; jc += Nc)
        {
            int nc = Math.Min(Nc, j1 - jc);
            for (int pc = 0; pc < o.K; pc += Kc)
            {
                int kc = Math.Min(Kc, o.K - pc);
                bool loadC = accumulate || pc > 0;     // later KC slices continue each element's chain from C
                PackB(o, bPack, pc, kc, jc, nc, nr);
                for (int ic = i0; ic < i1; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, i1 - ic);
                    if (!o.TransA && kernel == GemmKernel.Vector512)
                    {
                        RowMajorABlock(o, aPack, bPack, ic, mc, pc, kc, jc, nc, loadC);
                        continue;
                    }
                    PackA(o, aPack, ic, mc, pc, kc, mr);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        float* cColumn = o.C + (long)ic * o.N + jc + jr;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            MicroTile(kernel, mr, nr, aPack + ir * kc, bPack + jr * kc, cColumn + (long)ir * o.N, o.N, kc, loadC,
                                Math.Min(mr, mc - ir), Math.Min(nr, nc - jr));
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// One MC-row block of a non-transposed A with the AVX-512 kernel: full 8-row tiles read A's rows in place
    /// (<see cref="Kernel8x32RowMajorA"/>, no transpose into a panel); the last partial row panel, if any, is packed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RowMajorABlock(Operands o, float* aPack, float* bPack, int ic, int mc, int pc, int kc, int jc, int nc, bool loadC)
    {
        int full = mc / 8 * 8;
        if (full < mc)
        {
            PackA(o, aPack, ic + full, mc - full, pc, kc, 8);
        }
        for (int jr = 0; jr < nc; jr += 32)
        {
            float* cColumn = o.C + (long)ic * o.N + jc + jr;
            int cols = Math.Min(32, nc - jr);
            for (int ir = 0; ir < full; ir += 8)
            {
                float* a = o.A + ((long)(ic + ir) * o.K) + pc;
                if (cols == 32)
                {
                    Kernel8x32RowMajorA(a, o.K, bPack + jr * kc, cColumn + (long)ir * o.N, o.N, kc, loadC);
                }
                else
                {
                    EdgeColumnsRowMajorA(a, o.K, bPack + jr * kc, cColumn + (long)ir * o.N, o.N, kc, loadC, cols);
                }
            }
            if (full < mc)
            {
                MicroTile(GemmKernel.Vector512, 8, 32, aPack, bPack + jr * kc, cColumn + (long)full * o.N, o.N, kc, loadC, mc - full, cols);
            }
        }
    }

    /// <summary>An 8-row tile with fewer than 32 columns: through a padded copy of C, as <see cref="MicroTile"/>.</summary>
    private static unsafe void EdgeColumnsRowMajorA(float* a, nint lda, float* b, float* c, int ldc, int kc, bool loadC, int cols)
    {
        float* tile = stackalloc float[8 * 32];
        for (int r = 0; r < 8 && loadC; r++)
        {
            new ReadOnlySpan<float>(c + (long)r * ldc, cols).CopyTo(new Span<float>(tile + r * 32, cols));
        }
        Kernel8x32RowMajorA(a, lda, b, tile, 32, kc, loadC);
        for (int r = 0; r < 8; r++)
        {
            new ReadOnlySpan<float>(tile + r * 32, cols).CopyTo(new Span<float>(c + (long)r * ldc, cols));
        }
    }

    /// <summary>Runs the micro-kernel on a full tile in place, or on an edge tile through a padded copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MicroTile(GemmKernel kernel, int mr, int nr, float* a, float* b, float* c, int ldc, int kc, bool loadC, int rows, int cols)
    {
        if (rows == mr && cols == nr)
        {
            RunKernel(kernel, a, b, c, ldc, kc, loadC);
            return;
        }
        float* tile = stackalloc float[8 * 32];     // the largest tile, MR×NR = 8×32
        for (int r = 0; r < rows && loadC; r++)
        {
            new ReadOnlySpan<float>(c + (long)r * ldc, cols).CopyTo(new Span<float>(tile + r * nr, cols));
        }
        RunKernel(kernel, a, b, tile, nr, kc, loadC);
        for (int r = 0; r < rows; r++)
        {
            new ReadOnlySpan<float>(tile + r * nr, cols).CopyTo(new Span<float>(c + (long)r * ldc, cols));
        }
    }

    private static unsafe void RunKernel(GemmKernel kernel, float* a, float* b, float* c, int ldc, int kc, bool loadC)
    {
        if (kernel == GemmKernel.Vector512)
        {
            Kernel8x32(a, b, c, ldc, kc, loadC);
        }
        else
        {
            Kernel6x16(a, b, c, ldc, kc, loadC);
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
