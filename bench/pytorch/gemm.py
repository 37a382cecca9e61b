"""fp32 torch.mm GFLOP/s on the GemmBenchmarks sizes, set up as /work/shared/BENCHMARKS.md asks.

Run (the wrapper settings matter; see BENCHMARKS.md "Making the PyTorch side fair"):

    env -u OPENBLAS_CORETYPE \
        LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp \
        LD_PRELOAD=libjemalloc.so.2 MALLOC_CONF=retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1 \
        /usr/bin/python3 bench/pytorch/gemm.py [--threads N]

Reports the median and best of several timed windows after a warm-up, like BenchmarkDotNet's summary.
"""
import argparse
import os
import statistics
import time

import torch

SIZES = [(1024, 1024, 1024), (4096, 512, 256), (1024, 256, 256)]  # (M, N, K): C (M×N) = A (M×K) · B (K×N)
# BatchedGemmBenchmarks: fgbert attention, batch 256 × 2 heads, L = 50, head dim 32: Q·Kᵀ and P·V.
BATCHED = [(512, 50, 50, 32, True), (512, 50, 32, 50, False)]  # (batch, M, N, K, B transposed)


def timed(call, window_s=0.25, windows=9):
    """Median and best seconds per call over several timed windows, after a warm-up."""
    for _ in range(5):
        call()
    per_call = []
    for _ in range(windows):
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < window_s:
            call()
            calls += 1
        per_call.append((time.perf_counter() - start) / calls)
    return statistics.median(per_call), min(per_call)


def measure(m, n, k):
    g = torch.Generator().manual_seed(0)
    a, b, c = torch.rand(m, k, generator=g), torch.rand(k, n, generator=g), torch.empty(m, n)
    return (*timed(lambda: torch.mm(a, b, out=c)), 2.0 * m * n * k)


def measure_batched(batch, m, n, k, transpose_b):
    g = torch.Generator().manual_seed(0)
    a, c = torch.rand(batch, m, k, generator=g), torch.empty(batch, m, n)
    b = torch.rand(batch, n, k, generator=g).transpose(1, 2) if transpose_b else torch.rand(batch, k, n, generator=g)
    return (*timed(lambda: torch.bmm(a, b, out=c)), 2.0 * batch * m * n * k)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}, LD_LIBRARY_PATH={os.environ.get('LD_LIBRARY_PATH')}")
    print(f"{'M×N×K':>16} {'median ms':>10} {'GFLOP/s (median)':>17} {'GFLOP/s (best)':>15}")
    for m, n, k in SIZES:
        median, best, flops = measure(m, n, k)
        print(f"{f'{m}×{n}×{k}':>16} {median * 1e3:10.3f} {flops / median / 1e9:17.1f} {flops / best / 1e9:15.1f}")
    for batch, m, n, k, transpose_b in BATCHED:
        median, best, flops = measure_batched(batch, m, n, k, transpose_b)
        name = f"{batch}×({m}×{n}×{k}{', Bᵀ' if transpose_b else ''})"
        print(f"{'bmm ' + name:>16} {median * 1e3:10.3f} {flops / median / 1e9:17.1f} {flops / best / 1e9:15.1f}")


if __name__ == "__main__":
    main()
