#!/usr/bin/python3
"""The EsmmBenchmarks steps in PyTorch: the `esmm` configuration of /work/shared/BENCHMARKS.md.

20 categorical fields, tables of 100k rows, shared embeddings of dimension 16, CTR and CVR towers MLP [256, 128, 64] -> 1,
loss BCE(pCTR, click) + BCE(pCTR * pCVR, click * buy), Adam (lr 1e-3), batch 1024; 16 batches of power-law ids cycled.
Run as gemm.py says (OpenBLAS OpenMP build, jemalloc, threads = cores). Prints samples/s (median of 9 windows) for a
training step with sparse embedding gradients (SparseAdam on the tables) and with dense ones (Adam on everything), and
for inference, plus the peak resident memory.
"""
import argparse
import os
import resource
import statistics
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=os.cpu_count(), help="intra-op threads (default: all cores)")
torch.set_num_threads(parser.parse_args().threads)
torch.set_num_interop_threads(1)
torch.manual_seed(0)
BATCH, FIELDS, VOCABULARY, DIM, BATCHES = 1024, 20, 100_000, 16, 16


class Esmm(torch.nn.Module):
    def __init__(self, sparse):
        super().__init__()
        self.tables = torch.nn.ModuleList(torch.nn.Embedding(VOCABULARY, DIM, sparse=sparse) for _ in range(FIELDS))
        self.towers = torch.nn.ModuleList(torch.nn.Sequential(
            torch.nn.Linear(FIELDS * DIM, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(),
            torch.nn.Linear(128, 64), torch.nn.ReLU(), torch.nn.Linear(64, 1)) for _ in range(2))

    def forward(self, ids):
        x = torch.cat([table(ids[:, f]) for f, table in enumerate(self.tables)], dim=1)  # (B, F*D)
        return self.towers[0](x).squeeze(1), self.towers[1](x).squeeze(1)                 # logits of pCTR, pCVR


def batches():
    u = torch.rand(BATCHES, BATCH, FIELDS, dtype=torch.float64)
    ids = ((1_000_000 * u ** 3).long() % VOCABULARY)
    click = (torch.rand(BATCHES, BATCH) < 0.1).float()
    buy = click * (torch.rand(BATCHES, BATCH) < 0.1).float()
    return [(ids[b], click[b], buy[b]) for b in range(BATCHES)]


def measure(step, windows=9, steps=10):
    for i in range(10):
        step(i)
    rates = []
    for w in range(windows):
        start = time.perf_counter()
        for i in range(steps):
            step(w * steps + i)
        rates.append(steps * BATCH / (time.perf_counter() - start))
    return statistics.median(rates)


def training(sparse, data):
    model = Esmm(sparse)
    tables = [p for n, p in model.named_parameters() if n.startswith("tables")]
    dense = [p for n, p in model.named_parameters() if not n.startswith("tables")]
    optimizers = [torch.optim.SparseAdam(tables, lr=1e-3), torch.optim.Adam(dense, lr=1e-3)] if sparse \
        else [torch.optim.Adam(model.parameters(), lr=1e-3)]

    def step(i):
        ids, click, buy = data[i % BATCHES]
        for o in optimizers:
            o.zero_grad(set_to_none=False)
        z_ctr, z_cvr = model(ids)
        p_ctcvr = torch.sigmoid(z_ctr) * torch.sigmoid(z_cvr)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z_ctr, click) \
            + torch.nn.functional.binary_cross_entropy(p_ctcvr, click * buy)
        loss.backward()
        for o in optimizers:
            o.step()
    return measure(step), model


def inference(model, data):
    model.eval()

    def step(i):
        with torch.no_grad():
            model(data[i % BATCHES][0])
    return measure(step)


data = batches()
sparse_rate, model = training(True, data)
dense_rate, _ = training(False, data)
infer_rate = inference(model, data)
peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: esmm training step {sparse_rate:,.0f} samples/s (sparse), "
      f"{dense_rate:,.0f} samples/s (dense); inference {infer_rate:,.0f} samples/s; peak RSS {peak_mib:,.0f} MiB")
