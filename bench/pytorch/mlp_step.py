#!/usr/bin/python3
"""The MlpTrainingStepBenchmarks step in PyTorch: MLP [512, 256, 128] -> 1 on 1024 x 512, BCE-with-logits, Adam.

Run as gemm.py says (OpenBLAS OpenMP build, jemalloc, threads = cores); prints samples/s (median of 9 windows).
"""
import os
import statistics
import time

import torch

torch.set_num_threads(os.cpu_count())
torch.set_num_interop_threads(1)
torch.manual_seed(0)
batch, inputs = 1024, 512
model = torch.nn.Sequential(torch.nn.Linear(inputs, 512), torch.nn.ReLU(), torch.nn.Linear(512, 256), torch.nn.ReLU(),
                            torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, 1))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.rand(batch, inputs) - 0.5
y = (torch.arange(batch) % 2).float().unsqueeze(1)
loss_fn = torch.nn.BCEWithLogitsLoss()


def step():
    optimizer.zero_grad(set_to_none=False)
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()


for _ in range(20):
    step()
windows = []
for _ in range(9):
    start = time.perf_counter()
    for _ in range(20):
        step()
    windows.append(20 * batch / (time.perf_counter() - start))
print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: MLP training step {statistics.median(windows):,.0f} samples/s")
