#!/usr/bin/python3
"""Golden values for MLNetCtr's optimizers, from PyTorch (run with Debian's /usr/bin/python3, torch 1.13).

Writes tests/MLNetCtr.Core.Tests/Fixtures/golden_optimizers.json:
  dense:  a (3, 4) weight W; at step t the gradient is (W - target) + noise[t] (a quadratic loss plus fixed noise),
          five steps of SGD (momentum, Nesterov, dampening), Adam (L2), AdamW and Adagrad; W after every step.
  sparse: an nn.Embedding(6, 3, sparse=True); at step t the loss is sum_k 0.5 * ||E[indices[t][k]] - targets[t][k]||^2,
          five steps of SparseAdam and Adagrad (sparse gradients); E after every step. Row 5 is never touched.

Usage: /usr/bin/python3 tools/golden_optimizers.py
"""
import json
import os
import re

import torch

STEPS = 5
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "MLNetCtr.Core.Tests", "Fixtures", "golden_optimizers.json")

# Every hyperparameter is written to the fixture, so the C# test builds the same optimizer from it.
DENSE_CASES = [
    dict(name="sgd_momentum", optimizer="sgd", lr=0.1, momentum=0.9, weight_decay=0.01),
    dict(name="sgd_nesterov", optimizer="sgd", lr=0.1, momentum=0.9, nesterov=True),
    dict(name="sgd_dampening", optimizer="sgd", lr=0.05, momentum=0.8, dampening=0.3),
    dict(name="sgd_plain", optimizer="sgd", lr=0.2),
    dict(name="adam", optimizer="adam", lr=0.1),
    dict(name="adam_l2", optimizer="adam", lr=0.05, beta1=0.8, beta2=0.99, eps=1e-6, weight_decay=0.1),
    dict(name="adamw", optimizer="adamw", lr=0.1),
    dict(name="adamw_strong", optimizer="adamw", lr=0.05, beta1=0.85, beta2=0.995, weight_decay=0.5),
    dict(name="adagrad", optimizer="adagrad", lr=0.1),
    dict(name="adagrad_all", optimizer="adagrad", lr=0.2, lr_decay=0.1, initial_accumulator_value=0.5, eps=1e-6, weight_decay=0.05),
]

SPARSE_CASES = [
    dict(name="sparse_adam", optimizer="adam", lr=0.1),
    dict(name="sparse_adam_betas", optimizer="adam", lr=0.05, beta1=0.8, beta2=0.99),
    dict(name="sparse_adagrad", optimizer="adagrad", lr=0.1),
    dict(name="sparse_adagrad_all", optimizer="adagrad", lr=0.2, lr_decay=0.1, initial_accumulator_value=0.5),
]


def make_optimizer(params, case, sparse):
    c = case
    betas = (c.get("beta1", 0.9), c.get("beta2", 0.999))
    if c["optimizer"] == "sgd":
        return torch.optim.SGD(params, lr=c["lr"], momentum=c.get("momentum", 0.0), dampening=c.get("dampening", 0.0),
                               nesterov=c.get("nesterov", False), weight_decay=c.get("weight_decay", 0.0))
    if c["optimizer"] == "adam":
        if sparse:
            return torch.optim.SparseAdam(params, lr=c["lr"], betas=betas, eps=c.get("eps", 1e-8))
        return torch.optim.Adam(params, lr=c["lr"], betas=betas, eps=c.get("eps", 1e-8), weight_decay=c.get("weight_decay", 0.0))
    if c["optimizer"] == "adamw":
        return torch.optim.AdamW(params, lr=c["lr"], betas=betas, eps=c.get("eps", 1e-8), weight_decay=c.get("weight_decay", 0.01))
    if c["optimizer"] == "adagrad":
        return torch.optim.Adagrad(params, lr=c["lr"], lr_decay=c.get("lr_decay", 0.0), eps=c.get("eps", 1e-10),
                                   initial_accumulator_value=c.get("initial_accumulator_value", 0.0),
                                   weight_decay=c.get("weight_decay", 0.0))
    raise ValueError(c["optimizer"])


def dense_fixture():
    g = torch.Generator().manual_seed(0)
    initial = torch.randn(3, 4, generator=g)
    target = torch.randn(3, 4, generator=g)
    noise = 0.5 * torch.randn(STEPS, 3, 4, generator=g)
    cases = []
    for case in DENSE_CASES:
        w = torch.nn.Parameter(initial.clone())
        opt = make_optimizer([w], case, sparse=False)
        steps = []
        for t in range(STEPS):
            w.grad = (w.detach() - target) + noise[t]
            opt.step()
            steps.append(w.detach().flatten().tolist())
        cases.append(dict(case, steps=steps))
    return dict(shape=[3, 4], initial=initial.flatten().tolist(), target=target.flatten().tolist(),
                noise=[n.flatten().tolist() for n in noise], cases=cases)


def sparse_fixture():
    rows, dim = 6, 3
    indices = [[0, 2, 2], [1, 4], [2], [0, 4, 4, 1], [3]]
    g = torch.Generator().manual_seed(1)
    initial = torch.randn(rows, dim, generator=g)
    targets = [torch.randn(len(ix), dim, generator=g) for ix in indices]
    cases = []
    for case in SPARSE_CASES:
        emb = torch.nn.Embedding(rows, dim, sparse=True)
        with torch.no_grad():
            emb.weight.copy_(initial)
        opt = make_optimizer(list(emb.parameters()), case, sparse=True)
        steps = []
        for t in range(STEPS):
            opt.zero_grad()
            e = emb(torch.tensor(indices[t]))
            loss = 0.5 * ((e - targets[t]) ** 2).sum()
            loss.backward()
            opt.step()
            steps.append(emb.weight.detach().flatten().tolist())
        cases.append(dict(case, steps=steps))
    return dict(rows=rows, dim=dim, initial=initial.flatten().tolist(), indices=indices,
                targets=[t.flatten().tolist() for t in targets], cases=cases)


def main():
    fixture = dict(generator="tools/golden_optimizers.py", torch=torch.__version__, dense=dense_fixture(), sparse=sparse_fixture())
    text = json.dumps(fixture, indent=1)
    # One line per innermost list of numbers keeps the file short and readable.
    text = re.sub(r"\[[^\[\]{}]*\]", lambda m: re.sub(r"\s+", " ", m.group(0)).replace("[ ", "[").replace(" ]", "]"), text)
    with open(OUT, "w") as f:
        f.write(text + "\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
