#!/usr/bin/python3
"""torch.mm GFLOP/s on the products of `MLNetCtr.Benchmarks --gemm-shapes` (same names, shapes and transposes).

    /usr/bin/python3 bench/pytorch/gemm_shapes.py [--threads N]

Runs under the fair environment of throughput.py (OpenBLAS OpenMP, jemalloc, passive OpenMP waits), set up here the same way.
"""
import os
import statistics
import sys
import time

sys.argv += [] if "--threads" in sys.argv else ["--threads", str(os.cpu_count())]
threads = int(sys.argv[sys.argv.index("--threads") + 1])
if os.environ.get("MLNETCTR_FAIR") != "1":
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    env.update({"LD_LIBRARY_PATH": "/usr/lib/x86_64-linux-gnu/openblas-openmp", "LD_PRELOAD": "libjemalloc.so.2",
                "MALLOC_CONF": "retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1", "ATEN_CPU_CAPABILITY": "avx512",
                "OMP_NUM_THREADS": str(threads), "MLNETCTR_FAIR": "1"})
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    os.execve("/usr/bin/python3", ["/usr/bin/python3", *sys.argv], env)

import torch  # noqa: E402

SHAPES = [("mlp fwd x·Wᵀ", 1024, 512, 512, False, True), ("mlp dX dy·W", 1024, 512, 512, False, False),
          ("mlp dW dyᵀ·x", 512, 512, 1024, True, False), ("bahe qkv fwd", 12800, 384, 128, False, True),
          ("bahe qkv dW", 384, 128, 12800, True, False), ("attn QKᵀ L100", 100, 100, 32, False, True),
          ("attn PV L100", 100, 32, 100, False, False), ("small 64³", 64, 64, 64, False, True),
          ("small 100³", 100, 100, 100, False, True), ("small 128³", 128, 128, 128, False, True),
          ("small 50×192×64", 50, 192, 64, False, True), ("small 256³", 256, 256, 256, False, True)]

torch.set_num_threads(threads)
for name, m, n, k, trans_a, trans_b in SHAPES:
    a = torch.rand(k, m) if trans_a else torch.rand(m, k)
    b = torch.rand(n, k) if trans_b else torch.rand(k, n)
    oa, ob, c = (a.t() if trans_a else a), (b.t() if trans_b else b), torch.empty(m, n)
    calls = max(1, 100_000_000 // (m * n * k))
    for _ in range(calls):
        torch.mm(oa, ob, out=c)
    rates = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(calls):
            torch.mm(oa, ob, out=c)
        rates.append(2.0 * m * n * k * calls / (time.perf_counter() - start) / 1e9)
    print(f"{name:<18} {m:6}×{n:<5}×{k:<6} {statistics.median(rates):7.1f} GFLOP/s ({threads} threads)")
