#!/usr/bin/python3
"""Golden values for SRP4CTR's uni cross-attention block from PyTorch (Debian's python3-torch 1.13).

Writes tests/MLNetCtr.Core.Tests/Fixtures/golden_uni_cross_attention.json. The block is built from torch's own modules:
nn.MultiheadAttention(batch_first=True) whose in-projection rows are [the block's query projection; the SHARED key and
value projections of a pretrained layer], its out_proj the block's output projection, then the post-norm residuals
c' = norm1(c + attention), out = norm2(c' + linear2(relu(linear1(c')))). Each case stores the block's parameters and
the shared K/V parameters under our names, the candidate queries (B, Lq, D), the sequence (B, Lk, D), the key padding
mask, the output, and the gradients of L = sum(output * r) for a stored random r.
Run: /usr/bin/python3 tools/golden_uni_cross_attention.py
"""
import json
import os

import torch

torch.manual_seed(2407)
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "MLNetCtr.Core.Tests", "Fixtures", "golden_uni_cross_attention.json")


def t(x):
    x = x.detach().to(torch.float32)
    return {"shape": list(x.shape), "data": [round(float(v), 8) for v in x.reshape(-1)]}


def case(b, lq, lk, d, h, f, padded):
    attention = torch.nn.MultiheadAttention(d, h, batch_first=True)
    linear1, linear2 = torch.nn.Linear(d, f), torch.nn.Linear(f, d)
    norm1, norm2 = torch.nn.LayerNorm(d, eps=1e-5), torch.nn.LayerNorm(d, eps=1e-5)
    with torch.no_grad():  # random biases and norm affine terms, so that a swapped parameter cannot go unnoticed
        attention.in_proj_bias.copy_(torch.randn(3 * d) * 0.1)
        attention.out_proj.bias.copy_(torch.randn(d) * 0.1)
        for norm in (norm1, norm2):
            norm.weight.copy_(1.0 + torch.randn(d) * 0.1)
            norm.bias.copy_(torch.randn(d) * 0.1)
    candidate = torch.randn(b, lq, d).requires_grad_(True)
    sequence = torch.randn(b, lk, d).requires_grad_(True)
    mask = torch.zeros(b, lk, dtype=torch.bool)
    if padded:
        mask[b - 1, lk - 2:] = True  # the last row's last two behaviors are padding

    attended, _ = attention(candidate, sequence, sequence, key_padding_mask=mask, need_weights=False)
    x = norm1(candidate + attended)
    y = norm2(x + linear2(torch.relu(linear1(x))))
    r = torch.randn_like(y)
    (y * r).sum().backward()

    w, bias = attention.in_proj_weight, attention.in_proj_bias
    gw, gb = w.grad, bias.grad
    block = {"query.weight": (w[:d], gw[:d]), "query.bias": (bias[:d], gb[:d]),
             "output.weight": (attention.out_proj.weight, attention.out_proj.weight.grad),
             "output.bias": (attention.out_proj.bias, attention.out_proj.bias.grad),
             "feedForward1.weight": (linear1.weight, linear1.weight.grad), "feedForward1.bias": (linear1.bias, linear1.bias.grad),
             "feedForward2.weight": (linear2.weight, linear2.weight.grad), "feedForward2.bias": (linear2.bias, linear2.bias.grad),
             "norm1.weight": (norm1.weight, norm1.weight.grad), "norm1.bias": (norm1.bias, norm1.bias.grad),
             "norm2.weight": (norm2.weight, norm2.weight.grad), "norm2.bias": (norm2.bias, norm2.bias.grad)}
    shared = {"key.weight": (w[d:2 * d], gw[d:2 * d]), "key.bias": (bias[d:2 * d], gb[d:2 * d]),
              "value.weight": (w[2 * d:], gw[2 * d:]), "value.bias": (bias[2 * d:], gb[2 * d:])}
    return {"heads": h, "feedforward": f, "candidate": t(candidate), "sequence": t(sequence),
            "key_padding_mask": [[bool(v) for v in row] for row in mask], "y": t(y), "r": t(r),
            "grad_candidate": t(candidate.grad), "grad_sequence": t(sequence.grad),
            "params": {k: t(v) for k, (v, _) in block.items()}, "grads": {k: t(g) for k, (_, g) in block.items()},
            "shared_params": {k: t(v) for k, (v, _) in shared.items()}, "shared_grads": {k: t(g) for k, (_, g) in shared.items()}}


if __name__ == "__main__":
    cases = {
        "candidate_and_queries_padded": case(b=2, lq=3, lk=5, d=8, h=2, f=12, padded=True),
        "one_candidate": case(b=3, lq=1, lk=4, d=6, h=3, f=10, padded=False),
    }
    with open(OUT, "w") as fh:
        json.dump({"generator": "tools/golden_uni_cross_attention.py", "torch": torch.__version__, "cases": cases}, fh)
    print(f"wrote {OUT}")
