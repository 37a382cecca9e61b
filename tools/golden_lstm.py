#!/usr/bin/python3
"""Golden values for the Lstm layer from PyTorch (Debian's python3-torch 1.13).

Writes tests/MLNetCtr.Core.Tests/Fixtures/golden_lstm.json: a one-layer batch-first torch.nn.LSTM run on padded,
left-aligned sequences of different lengths (one of them empty) through pack_padded_sequence, with its parameters
under our names (weight_ih, weight_hh, bias_ih, bias_hh), the input, the lengths, the padded outputs, the final
hidden state of every row, and the gradients of L = sum(outputs * r) + sum(hidden * q) with respect to the input
and the parameters, for fixed random r and q also stored. Run: /usr/bin/python3 tools/golden_lstm.py
"""
import json
import os

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.manual_seed(2024)
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "MLNetCtr.Core.Tests", "Fixtures", "golden_lstm.json")


def t(x):
    x = x.detach().to(torch.float32)
    return {"shape": list(x.shape), "data": [round(float(v), 8) for v in x.reshape(-1)]}


def lstm_case(lengths, input_size=3, hidden=4, max_length=5):
    batch = len(lengths)
    lstm = torch.nn.LSTM(input_size, hidden, batch_first=True)
    x = torch.randn(batch, max_length, input_size)
    for b, n in enumerate(lengths):
        x[b, n:] = torch.randn(max_length - n, input_size) * 5  # padding holds garbage: it must not matter
    x.requires_grad_(True)
    nonempty = [b for b, n in enumerate(lengths) if n > 0]
    outputs = torch.zeros(batch, max_length, hidden)
    final = torch.zeros(batch, hidden)
    packed = pack_padded_sequence(x[nonempty], torch.tensor([lengths[b] for b in nonempty]), batch_first=True,
                                  enforce_sorted=False)
    out, (h_n, _) = lstm(packed)
    out, _ = pad_packed_sequence(out, batch_first=True, total_length=max_length)
    outputs = outputs.index_put((torch.tensor(nonempty),), out)
    final = final.index_put((torch.tensor(nonempty),), h_n[0])
    r, q = torch.randn_like(outputs), torch.randn_like(final)
    ((outputs * r).sum() + (final * q).sum()).backward()
    names = {"weight_ih": lstm.weight_ih_l0, "weight_hh": lstm.weight_hh_l0, "bias_ih": lstm.bias_ih_l0,
             "bias_hh": lstm.bias_hh_l0}
    return {"lengths": lengths, "hidden_size": hidden, "x": t(x), "outputs": t(outputs), "hidden": t(final),
            "r": t(r), "q": t(q), "grad_x": t(x.grad), "params": {k: t(v) for k, v in names.items()},
            "grads": {k: t(v.grad) for k, v in names.items()}}


cases = {"mixed_lengths": lstm_case([5, 2, 0, 4]), "full_lengths": lstm_case([5, 5, 5])}
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print(f"wrote {OUT}")
