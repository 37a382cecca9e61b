#!/usr/bin/python3
"""Golden values for the fused ops (Ops.CrossEntropy, BceWithLogits, Softmax, LogSoftmax, LayerNorm, Mse,
ScaledDotProductAttention), from PyTorch.

Run with Debian's PyTorch:  /usr/bin/python3 tools/golden_fused_ops.py
Writes tests/MLNetCtr.Core.Tests/Fixtures/golden_fused_ops.json. Inputs are drawn in float32 with a fixed seed;
outputs and input gradients are computed in float64 from those float32 values, so the fixture holds the exact
answer that the float32 C# code approximates. A tensor is stored as {"shape": [...], "data": [...]} (row-major).
Non-scalar outputs are back-propagated with a stored random "upstream" gradient; scalar losses with 1.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

SEED = 1234
OUTPUT = os.path.join(os.path.dirname(__file__), "..", "tests", "MLNetCtr.Core.Tests", "Fixtures", "golden_fused_ops.json")


def rand(*shape, scale=1.0, shift=0.0):
    """A float32 normal sample (times scale, plus shift), returned as a float64 leaf holding exactly those float32 values."""
    return (torch.randn(*shape, dtype=torch.float32) * scale + shift).double().requires_grad_(True)


def t(x):
    x = x.detach()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).float().tolist()]}


def cross_entropy_case(name, logits, targets, ignore_index=-100, class_weights=None):
    weight = None if class_weights is None else torch.tensor(class_weights, dtype=torch.float32).double()
    loss = F.cross_entropy(logits, torch.tensor(targets), weight=weight, ignore_index=ignore_index)
    loss.backward()
    return {"name": name, "logits": t(logits), "targets": targets, "ignore_index": ignore_index,
            "class_weights": class_weights, "loss": loss.item(), "grad_logits": t(logits.grad)}


def bce_case(name, logits, labels, weights=None):
    w = None if weights is None else torch.tensor(weights, dtype=torch.float32).double().reshape(logits.shape)
    loss = F.binary_cross_entropy_with_logits(logits, labels, weight=w)
    loss.backward()
    return {"name": name, "logits": t(logits), "labels": t(labels), "weights": weights, "loss": loss.item(),
            "grad_logits": t(logits.grad), "grad_labels": t(labels.grad)}


def row_op_case(name, f, x):
    y = f(x, dim=-1)
    upstream = rand(*y.shape).detach()
    y.backward(upstream)
    return {"name": name, "x": t(x), "upstream": t(upstream), "y": t(y), "grad_x": t(x.grad)}


def layer_norm_case(name, x, affine, eps):
    d = x.shape[-1]
    gamma = rand(d) if affine else None
    beta = rand(d) if affine else None
    y = F.layer_norm(x, (d,), gamma, beta, eps)
    upstream = rand(*y.shape).detach()
    y.backward(upstream)
    case = {"name": name, "x": t(x), "eps": eps, "upstream": t(upstream), "y": t(y), "grad_x": t(x.grad),
            "gamma": None, "beta": None, "grad_gamma": None, "grad_beta": None}
    if affine:
        case.update(gamma=t(gamma), beta=t(beta), grad_gamma=t(gamma.grad), grad_beta=t(beta.grad))
    return case


def attention_reference(q, k, v, key_padding_mask, causal):
    """softmax(q kᵀ/√Dh + masks) v, explicitly; a query row with every key masked outputs 0 with zero gradient."""
    lq, lk = q.shape[2], k.shape[2]
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    mask = torch.zeros(q.shape[0], 1, lq, lk, dtype=torch.bool)
    if key_padding_mask is not None:
        mask = mask | torch.tensor(key_padding_mask).reshape(q.shape[0], 1, 1, lk)
    if causal:
        mask = mask | ~torch.ones(lq, lk, dtype=torch.bool).tril()
    all_masked = mask.all(dim=-1, keepdim=True)
    # Fully masked rows keep finite scores so that softmax (and its backward) stays finite, then are zeroed.
    probabilities = torch.softmax(scores.masked_fill(mask & ~all_masked, float("-inf")), dim=-1)
    probabilities = probabilities.masked_fill(all_masked, 0.0)
    return probabilities @ v


def attention_case(name, b, h, lq, lk, dh, key_padding_mask, causal):
    q, k, v = rand(b, h, lq, dh), rand(b, h, lk, dh), rand(b, h, lk, dh)
    out = attention_reference(q, k, v, key_padding_mask, causal)
    upstream = rand(*out.shape).detach()
    out.backward(upstream)
    flat_mask = None if key_padding_mask is None else [bool(m) for row in key_padding_mask for m in row]
    return {"name": name, "query": t(q), "key": t(k), "value": t(v), "key_padding_mask": flat_mask, "causal": causal,
            "upstream": t(upstream), "output": t(out), "grad_query": t(q.grad), "grad_key": t(k.grad), "grad_value": t(v.grad)}


def main():
    torch.manual_seed(SEED)
    golden = {"generator": f"tools/golden_fused_ops.py, torch {torch.__version__}, seed {SEED}, float64 reference"}

    golden["cross_entropy"] = [
        cross_entropy_case("ignore_index", rand(6, 5), [0, 4, -100, 2, -100, 1]),
        cross_entropy_case("class_weights_and_ignore_index", rand(7, 4), [3, 0, -100, 1, 1, 2, 0],
                           class_weights=[0.5, 2.0, 1.0, 0.25]),
        cross_entropy_case("ignore_index_is_a_class", rand(5, 3), [1, 0, 2, 1, 2], ignore_index=1,
                           class_weights=[1.5, 3.0, 0.75]),
        cross_entropy_case("large_logits", rand(4, 6, scale=60.0), [5, 0, 3, 2]),
    ]

    extreme = torch.tensor([[60.0, -60.0, 1e4, -1e4, 0.3], [-1e4, 1e4, 55.0, -0.7, 2.5]]).double().requires_grad_(True)
    golden["bce_with_logits"] = [
        bce_case("extreme_logits_weighted", extreme,
                 torch.tensor([[1.0, 0.0, 0.0, 1.0, 0.25], [1.0, 0.0, 0.5, 1.0, 0.0]]).double().requires_grad_(True),
                 weights=[1.0, 2.0, 0.5, 1.5, 1.0, 0.25, 3.0, 1.0, 2.0, 0.75]),
        bce_case("plain", rand(3, 4, scale=3.0), torch.rand(3, 4).round().double().requires_grad_(True)),
    ]

    large_rows = torch.cat([torch.randn(2, 7), torch.randn(1, 7) * 50 + 1000]).double().requires_grad_(True)   # float32 values
    golden["log_softmax"] = [row_op_case("rows", F.log_softmax, rand(3, 7)),
                             row_op_case("large_values", F.log_softmax, large_rows),
                             row_op_case("rank3", F.log_softmax, rand(2, 3, 5))]
    golden["softmax"] = [row_op_case("rows", F.softmax, rand(3, 7)),
                         row_op_case("rank3", F.softmax, rand(2, 3, 5))]

    golden["layer_norm"] = [layer_norm_case("affine_d5", rand(4, 5), True, 1e-5),
                            layer_norm_case("affine_rank3_shifted", rand(2, 3, 8, scale=3.0, shift=10.0), True, 1e-3),
                            layer_norm_case("no_affine", rand(3, 6), False, 1e-5)]

    prediction, target = rand(3, 5), rand(3, 5)
    mse = F.mse_loss(prediction, target)
    mse.backward()
    golden["mse"] = [{"name": "rows", "prediction": t(prediction), "target": t(target), "loss": mse.item(),
                      "grad_prediction": t(prediction.grad), "grad_target": t(target.grad)}]

    padding = [[False, False, False, True, True], [True, False, False, False, True]]
    golden["attention"] = [
        # Batch 1 pads key 0, so with the causal mask its query 0 sees no key: output 0, gradient 0.
        attention_case("padding_and_causal", 2, 2, 3, 5, 4, padding, True),
        attention_case("padding_only", 2, 2, 3, 5, 4, padding, False),
        attention_case("causal_square_odd_head_dim", 1, 3, 4, 4, 5, None, True),
    ]

    with open(OUTPUT, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.normpath(OUTPUT)}")


if __name__ == "__main__":
    main()
