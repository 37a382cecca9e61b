#!/usr/bin/python3
"""Golden values for the Nn layers from PyTorch (Debian's python3-torch 1.13).

Writes tests/MLNetCtr.Core.Tests/Fixtures/golden_layers.json: for each case, the parameters (in our layout), the
inputs, the output, and the gradients of L = sum(output * r) with respect to inputs and parameters, where r is a
fixed random tensor also stored; batch-norm cases also store the running statistics (buffers) after the step. Run: /usr/bin/python3 tools/golden_layers.py
"""
import json
import os

import torch

torch.manual_seed(1234)
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "MLNetCtr.Core.Tests", "Fixtures", "golden_layers.json")


def t(x):
    x = x.detach().to(torch.float32)
    return {"shape": list(x.shape), "data": [round(float(v), 8) for v in x.reshape(-1)]}


def leaf(*shape, scale=1.0):
    return (torch.randn(*shape) * scale).requires_grad_(True)


def backward(y):
    r = torch.randn_like(y)
    (y * r).sum().backward()
    return r


def mha_params(mha, prefix=""):
    """Our MultiHeadAttention layout: separate q/k/v/out projections, weight (out, in) as torch.nn.Linear."""
    e = mha.embed_dim
    w, b = mha.in_proj_weight, mha.in_proj_bias
    return {
        prefix + "query.weight": w[:e], prefix + "query.bias": b[:e],
        prefix + "key.weight": w[e:2 * e], prefix + "key.bias": b[e:2 * e],
        prefix + "value.weight": w[2 * e:], prefix + "value.bias": b[2 * e:],
        prefix + "output.weight": mha.out_proj.weight, prefix + "output.bias": mha.out_proj.bias,
    }


def grads_of(params):
    """Gradients of the in-projection slices come from the fused in_proj tensor's gradient."""
    return {name: p.grad if p.grad is not None else None for name, p in params.items()}


def layer_norm_case():
    x = leaf(2, 3, 5)
    ln = torch.nn.LayerNorm(5, eps=1e-5)
    with torch.no_grad():
        ln.weight.copy_(torch.randn(5))
        ln.bias.copy_(torch.randn(5))
    y = ln(x)
    r = backward(y)
    return {"x": t(x), "weight": t(ln.weight), "bias": t(ln.bias), "y": t(y), "r": t(r),
            "grad_x": t(x.grad), "grad_weight": t(ln.weight.grad), "grad_bias": t(ln.bias.grad)}


def mha_case(lq, lk, self_attention):
    e, h, b = 8, 2, 2
    mha = torch.nn.MultiheadAttention(e, h, batch_first=True)
    with torch.no_grad():
        mha.in_proj_bias.copy_(torch.randn(3 * e) * 0.1)
        mha.out_proj.bias.copy_(torch.randn(e) * 0.1)
    q = leaf(b, lq, e)
    kv = q if self_attention else leaf(b, lk, e)
    mask = torch.zeros(b, lk, dtype=torch.bool)
    mask[1, lk - 2:] = True  # the second row's last two keys are padding
    y, _ = mha(q, kv, kv, key_padding_mask=mask, need_weights=False)
    r = backward(y)
    case = {"query": t(q), "key_padding_mask": [[bool(v) for v in row] for row in mask], "y": t(y), "r": t(r),
            "grad_query": t(q.grad), "heads": h}
    if not self_attention:
        case["memory"] = t(kv)
        case["grad_memory"] = t(kv.grad)
    e2 = e
    gw, gb = mha.in_proj_weight.grad, mha.in_proj_bias.grad
    params = mha_params(mha)
    grads = {"query.weight": gw[:e2], "query.bias": gb[:e2], "key.weight": gw[e2:2 * e2], "key.bias": gb[e2:2 * e2],
             "value.weight": gw[2 * e2:], "value.bias": gb[2 * e2:],
             "output.weight": mha.out_proj.weight.grad, "output.bias": mha.out_proj.bias.grad}
    case["params"] = {k: t(v) for k, v in params.items()}
    case["grads"] = {k: t(v) for k, v in grads.items()}
    return case


def encoder_case(norm_first):
    d, h, f, b, l = 8, 2, 16, 2, 5
    layer = torch.nn.TransformerEncoderLayer(d, h, dim_feedforward=f, dropout=0.0, batch_first=True, norm_first=norm_first)
    with torch.no_grad():
        for name, p in layer.named_parameters():
            if p.dim() == 1:  # biases and norm gains: random, so that a swapped parameter cannot go unnoticed
                p.copy_(torch.randn_like(p) * 0.1 + (1.0 if name.startswith("norm") and name.endswith("weight") else 0.0))
    layer.train()  # dropout is 0; train mode keeps torch off its fused inference fast path
    x = leaf(b, l, d)
    mask = torch.zeros(b, l, dtype=torch.bool)
    mask[0, l - 1] = True
    y = layer(x, src_key_padding_mask=mask)
    r = backward(y)
    named = {**mha_params(layer.self_attn, "attention."),
             "feedForward1.weight": layer.linear1.weight, "feedForward1.bias": layer.linear1.bias,
             "feedForward2.weight": layer.linear2.weight, "feedForward2.bias": layer.linear2.bias,
             "norm1.weight": layer.norm1.weight, "norm1.bias": layer.norm1.bias,
             "norm2.weight": layer.norm2.weight, "norm2.bias": layer.norm2.bias}
    return {"x": t(x), "key_padding_mask": [[bool(v) for v in row] for row in mask], "y": t(y), "r": t(r),
            "grad_x": t(x.grad), "heads": h, "feedforward": f, "norm_first": norm_first,
            "params": {k: t(v) for k, v in named.items()}}


def batch_norm_case(shape, training):
    f = shape[1]
    bn = torch.nn.BatchNorm1d(f)
    with torch.no_grad():
        bn.weight.copy_(torch.randn(f) * 0.5 + 1.0)
        bn.bias.copy_(torch.randn(f) * 0.5)
        if not training:
            bn.running_mean.copy_(torch.randn(f))
            bn.running_var.copy_(torch.rand(f) + 0.5)
    bn.train(training)
    x = leaf(*shape, scale=2.0)
    y = bn(x)
    r = backward(y)
    return {"x": t(x), "training": training, "y": t(y), "r": t(r), "grad_x": t(x.grad),
            "params": {"weight": t(bn.weight), "bias": t(bn.bias)},
            "grads": {"weight": t(bn.weight.grad), "bias": t(bn.bias.grad)},
            "buffers_before": {"running_mean": t(torch.zeros(f)) if training else t(bn.running_mean),
                               "running_var": t(torch.ones(f)) if training else t(bn.running_var)},
            "buffers_after": {"running_mean": t(bn.running_mean), "running_var": t(bn.running_var)}}


def mlp_case():
    """Our Mlp(5, [8, 6], Gelu, batchNorm: true, outputSize: 3) as a torch Sequential, in training mode."""
    sizes, blocks = [5, 8, 6], []
    for i in range(2):
        blocks += [torch.nn.Linear(sizes[i], sizes[i + 1]), torch.nn.BatchNorm1d(sizes[i + 1]), torch.nn.GELU()]
    net = torch.nn.Sequential(*blocks, torch.nn.Linear(6, 3))
    with torch.no_grad():
        for name, p in net.named_parameters():
            if p.dim() == 1:
                p.copy_(torch.randn_like(p) * 0.3 + (1.0 if name in ("1.weight", "4.weight") else 0.0))
    net.train()
    x = leaf(7, 5)
    y = net(x)
    r = backward(y)
    ours = {"hidden.0.linear": net[0], "hidden.0.batchNorm": net[1], "hidden.1.linear": net[3],
            "hidden.1.batchNorm": net[4], "output": net[6]}
    params = {f"{k}.{n}": p for k, m in ours.items() for n, p in m.named_parameters()}
    buffers = {f"{k}.{n}": b for k, m in ours.items() for n, b in m.named_buffers() if n != "num_batches_tracked"}
    return {"x": t(x), "y": t(y), "r": t(r), "grad_x": t(x.grad),
            "params": {k: t(v) for k, v in params.items()}, "grads": {k: t(v.grad) for k, v in params.items()},
            "buffers_after": {k: t(v) for k, v in buffers.items()}}


def mha_causal_case():
    e, h, b, l = 8, 2, 2, 4
    mha = torch.nn.MultiheadAttention(e, h, batch_first=True)
    with torch.no_grad():
        mha.in_proj_bias.copy_(torch.randn(3 * e) * 0.1)
        mha.out_proj.bias.copy_(torch.randn(e) * 0.1)
    q = leaf(b, l, e)
    causal = torch.triu(torch.ones(l, l, dtype=torch.bool), diagonal=1)  # True = query i may not see key j > i
    y, _ = mha(q, q, q, attn_mask=causal, need_weights=False)
    r = backward(y)
    return {"query": t(q), "y": t(y), "r": t(r), "grad_query": t(q.grad), "heads": h,
            "params": {k: t(v) for k, v in mha_params(mha).items()}}


# Cases are generated in this order from one seed: append new cases at the end so older values stay the same.
cases = {
    "layer_norm": layer_norm_case(),
    "mha_self": mha_case(4, 4, True),
    "mha_cross": mha_case(3, 5, False),
    "encoder_post_ln": encoder_case(False),
    "encoder_pre_ln": encoder_case(True),
    "batch_norm_train_2d": batch_norm_case((6, 4), True),
    "batch_norm_train_3d": batch_norm_case((3, 4, 5), True),
    "batch_norm_eval": batch_norm_case((5, 4), False),
    "mlp_batch_norm_gelu": mlp_case(),
    "mha_self_causal": mha_causal_case(),
}
with open(OUT, "w") as fh:
    json.dump({"generator": "tools/golden_layers.py", "torch": torch.__version__, "cases": cases}, fh)
print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")
