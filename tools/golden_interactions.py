#!/usr/bin/python3
"""Golden values for the feature-interaction layers from PyTorch (Debian's python3-torch 1.13).

Writes tests/MLNetCtr.Core.Tests/Fixtures/golden_interactions.json: a DCN-V2 cross network (full rank, as torchrec's
CrossNet and FuxiCTR's CrossNetV2; low rank, as torchrec's LowRankCrossNet) and a CIN (xDeepFM, as FuxiCTR's
CompressedInteractionNet with Conv1d(kernel_size=1, bias=False)). Each case stores the parameters under our names, the
input, the output, and the gradients of L = sum(output * r) for a stored random r.
Run: /usr/bin/python3 tools/golden_interactions.py
"""
import json
import os

import torch

torch.manual_seed(4321)
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "MLNetCtr.Core.Tests", "Fixtures", "golden_interactions.json")


def t(x):
    x = x.detach().to(torch.float32)
    return {"shape": list(x.shape), "data": [round(float(v), 8) for v in x.reshape(-1)]}


def backward(y):
    r = torch.randn_like(y)
    (y * r).sum().backward()
    return r


def cross_case(low_rank):
    """x_{l+1} = x_0 * (W_l x_l + b_l) + x_l with W_l = U_l V_l at low rank (torchrec LowRankCrossNet's order)."""
    b, n, layers, r = 4, 6, 2, 3
    x0 = torch.randn(b, n).requires_grad_(True)
    params = {}
    for l in range(layers):
        if low_rank:
            params[f"layers.{l}.down.weight"] = (torch.randn(r, n) * 0.4).requires_grad_(True)   # V (r, n)
            params[f"layers.{l}.up.weight"] = (torch.randn(n, r) * 0.4).requires_grad_(True)     # U (n, r)
        else:
            params[f"layers.{l}.up.weight"] = (torch.randn(n, n) * 0.4).requires_grad_(True)     # W (n, n)
        params[f"layers.{l}.up.bias"] = (torch.randn(n) * 0.1).requires_grad_(True)
    x = x0
    for l in range(layers):
        h = x
        if low_rank:
            h = torch.nn.functional.linear(h, params[f"layers.{l}.down.weight"])
        h = torch.nn.functional.linear(h, params[f"layers.{l}.up.weight"], params[f"layers.{l}.up.bias"])
        x = x0 * h + x
    r_ = backward(x)
    return {"x0": t(x0), "y": t(x), "r": t(r_), "grad_x0": t(x0.grad), "rank": r if low_rank else None,
            "params": {k: t(v) for k, v in params.items()}, "grads": {k: t(v.grad) for k, v in params.items()}}


def cin_case():
    """FuxiCTR's CIN: X^k = Conv1d(X^{k-1} (x) X^0) over the flattened outer products; outputs sum-pooled over D."""
    b, m, d, sizes = 3, 4, 5, [3, 2]
    x0 = torch.randn(b, m, d).requires_grad_(True)
    convs, previous = [], m
    for h in sizes:
        conv = torch.nn.Conv1d(previous * m, h, kernel_size=1, bias=False)
        with torch.no_grad():
            conv.weight.copy_(torch.randn_like(conv.weight) * 0.5)
        convs.append(conv)
        previous = h
    xi, maps = x0, []
    for conv in convs:
        hadamard = torch.einsum("bhd,bmd->bhmd", xi, x0).reshape(b, -1, d)
        xi = conv(hadamard)
        maps.append(xi)
    feature_maps = torch.cat(maps, dim=1)          # (B, sum H, D)
    pooled = feature_maps.sum(dim=-1)              # (B, sum H)
    r_ = backward(pooled)
    return {"x0": t(x0), "maps": t(feature_maps), "y": t(pooled), "r": t(r_), "grad_x0": t(x0.grad),
            "layer_sizes": sizes,
            "params": {f"layers.{k}.weight": t(c.weight.squeeze(-1)) for k, c in enumerate(convs)},
            "grads": {f"layers.{k}.weight": t(c.weight.grad.squeeze(-1)) for k, c in enumerate(convs)}}


# Cases are generated in this order from one seed: append new cases at the end so older values stay the same.
cases = {
    "cross_full": cross_case(False),
    "cross_low_rank": cross_case(True),
    "cin": cin_case(),
}
with open(OUT, "w") as fh:
    json.dump({"generator": "tools/golden_interactions.py", "torch": torch.__version__, "cases": cases}, fh)
print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")
