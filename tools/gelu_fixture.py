"""Writes tests/MLNetCtr.Core.Tests/Fixtures/ops/gelu.json: torch's exact (erf) GELU and its derivative, in float64.

Run with Debian's PyTorch: /usr/bin/python3 tools/gelu_fixture.py
"""
import json
import pathlib

import torch

x = torch.cat([torch.linspace(-9.0, 9.0, 181, dtype=torch.float64),
               torch.tensor([-1e-3, -1e-6, 0.0, 1e-6, 1e-3, 0.3, -0.7], dtype=torch.float64)])
x = x.to(torch.float32).to(torch.float64)  # exactly representable in float32, as the C# side feeds them
x.requires_grad_(True)
y = torch.nn.functional.gelu(x)  # approximate='none': x * Phi(x) with erf
(gradient,) = torch.autograd.grad(y.sum(), x)

out = pathlib.Path(__file__).resolve().parents[1] / "tests/MLNetCtr.Core.Tests/Fixtures/ops/gelu.json"
out.parent.mkdir(parents=True, exist_ok=True)
out.write_text(json.dumps({
    "source": f"torch {torch.__version__} torch.nn.functional.gelu (approximate='none'), float64",
    "x": x.detach().tolist(),
    "gelu": y.detach().tolist(),
    "gradient": gradient.tolist(),
}, indent=1) + "\n")
print(f"wrote {out} ({x.numel()} points)")
