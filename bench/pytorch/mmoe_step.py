#!/usr/bin/python3
"""The MmoeBenchmarks configuration in PyTorch (BENCHMARKS.md `mmoe`): 20 categorical fields, vocabulary 100k each,
embeddings of dimension 16; 4 experts MLP [256, 128] (ReLU); 2 softmax task gates; towers [64] -> 1; batch 1024;
loss BCE(click) + BCE(like); Adam lr 1e-3 (dense), or SparseAdam on the tables with --sparse.

Run as gemm.py says (OpenBLAS OpenMP build, jemalloc, threads = cores); prints samples/s for a training step and for
inference (median of 9 windows of 20 passes after 20 warm-up passes, cycling over 16 batches), and the peak RSS.
"""
import argparse
import os
import resource
import statistics
import time

import torch

parser = argparse.ArgumentParser()
parser.add_argument("--sparse", action="store_true", help="sparse embedding gradients + SparseAdam for the tables")
parser.add_argument("--threads", type=int, default=os.cpu_count())
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
torch.manual_seed(0)
BATCH, FIELDS, VOCAB, DIM, EXPERTS, TASKS, BATCHES = 1024, 20, 100_000, 16, 4, 2, 16


class Mmoe(torch.nn.Module):
    def __init__(self, sparse):
        super().__init__()
        self.tables = torch.nn.ModuleList(torch.nn.Embedding(VOCAB, DIM, sparse=sparse) for _ in range(FIELDS))
        width = FIELDS * DIM
        self.experts = torch.nn.ModuleList(torch.nn.Sequential(torch.nn.Linear(width, 256), torch.nn.ReLU(),
                                                               torch.nn.Linear(256, 128), torch.nn.ReLU())
                                           for _ in range(EXPERTS))
        self.gates = torch.nn.ModuleList(torch.nn.Linear(width, EXPERTS) for _ in range(TASKS))
        self.towers = torch.nn.ModuleList(torch.nn.Sequential(torch.nn.Linear(128, 64), torch.nn.ReLU(), torch.nn.Linear(64, 1))
                                          for _ in range(TASKS))

    def forward(self, ids):  # ids (B, F)
        x = torch.cat([table(ids[:, f]) for f, table in enumerate(self.tables)], dim=1)  # (B, F·D)
        experts = torch.stack([expert(x) for expert in self.experts], dim=1)  # (B, n, H)
        outputs = [tower((torch.softmax(gate(x), dim=1).unsqueeze(2) * experts).sum(1))
                   for gate, tower in zip(self.gates, self.towers)]
        return torch.cat(outputs, dim=1)  # (B, T)


model = Mmoe(args.sparse)
tables = list(model.tables.parameters())
dense = [p for name, p in model.named_parameters() if not name.startswith("tables")]
optimizers = [torch.optim.Adam(dense, lr=1e-3)]
optimizers.append(torch.optim.SparseAdam(tables, lr=1e-3) if args.sparse else torch.optim.Adam(tables, lr=1e-3))
batches = [(torch.randint(0, VOCAB, (BATCH, FIELDS)), (torch.rand(BATCH, TASKS) < torch.tensor([0.2, 0.1])).float())
           for _ in range(BATCHES)]
loss_fn = torch.nn.BCEWithLogitsLoss()
step_count = [0]


def training_step():
    ids, labels = batches[step_count[0] % BATCHES]
    step_count[0] += 1
    for optimizer in optimizers:
        optimizer.zero_grad(set_to_none=False)
    logits = model(ids)
    loss = loss_fn(logits[:, 0], labels[:, 0]) + loss_fn(logits[:, 1], labels[:, 1])
    loss.backward()
    for optimizer in optimizers:
        optimizer.step()


def inference():
    ids, _ = batches[step_count[0] % BATCHES]
    step_count[0] += 1
    with torch.no_grad():
        model(ids)


forward_flops = 4 * 2 * (320 * 256 + 256 * 128) + 2 * 2 * 320 * 4 + 2 * 2 * (128 * 64 + 64)
for name, call, flops in [("training-step", training_step, 3 * forward_flops), ("inference", inference, forward_flops)]:
    model.train(name == "training-step")
    for _ in range(20):
        call()
    windows = []
    for _ in range(9):
        start = time.perf_counter()
        for _ in range(20):
            call()
        windows.append(20 * BATCH / (time.perf_counter() - start))
    median = statistics.median(windows)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {'sparse' if args.sparse else 'dense'} tables: "
          f"{name:14s} {median:,.0f} samples/s, {flops * median / 1e9:.1f} GFLOP/s, "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")
