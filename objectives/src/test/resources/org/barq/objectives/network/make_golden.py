"""Writes golden.json for NetworkPassGoldenTest with PyTorch (Debian's python3-torch) in float64: small networks
with F32 weights (as barq stores them), a batch, the logits, and the gradient of sum(G * logits) with respect to the
input. The Java passes are an independent implementation; this is PyTorch's answer to the same question.

Run from this folder: /usr/bin/python3 make_golden.py  (the output is committed; the test needs no Python)."""
import json

import torch

torch.manual_seed(0)


def f32(t):
    """Weights rounded to F32, then widened: barq keeps F32 weights and computes in double."""
    return t.float().double()


def conv(c_in, c_out, kernel, stride=1, padding=0):
    layer = torch.nn.Conv2d(c_in, c_out, kernel, stride=stride, padding=padding).double()
    with torch.no_grad():
        layer.weight.copy_(f32(layer.weight))
        layer.bias.copy_(f32(layer.bias))
    kh, kw = layer.kernel_size
    spec = {"type": "conv", "out": c_out, "in": c_in, "kh": kh, "kw": kw, "stride": stride, "padding": padding,
            "weight": layer.weight.flatten().tolist(), "bias": layer.bias.tolist()}
    return layer, spec


def dense(n_in, n_out, weight=None, bias=None):
    layer = torch.nn.Linear(n_in, n_out).double()
    with torch.no_grad():
        layer.weight.copy_(f32(layer.weight) if weight is None else torch.tensor(weight, dtype=torch.float64))
        layer.bias.copy_(f32(layer.bias) if bias is None else torch.tensor(bias, dtype=torch.float64))
    return layer, {"type": "dense", "out": n_out, "in": n_in, "weight": layer.weight.flatten().tolist(),
                   "bias": layer.bias.tolist()}


def plain(layer, spec):
    return layer, spec


def case(shape, layers, x):
    model = torch.nn.Sequential(*[m for m, _ in layers])
    x = x.clone().requires_grad_(True)
    logits = model(x.reshape(-1, *shape))
    g = torch.rand(logits.shape, dtype=torch.float64) * 2 - 1
    (logits * g).sum().backward()
    n = x.shape[0]
    return {"input_shape": list(shape), "layers": [s for _, s in layers], "inputs": x.detach().tolist(),
            "logits": logits.detach().tolist(), "g": g.tolist(), "input_gradient": x.grad.reshape(n, -1).tolist()}


cases = {}
# Every layer kind and the geometry rounding must get right: padding 1 and 2, stride 2, a non-square kernel,
# pooling whose stride differs from its kernel, PyTorch's floor output sizes, a dense layer after a flatten.
shape = (2, 11, 9)
cases["cnn"] = case(shape, [
    conv(2, 4, 3, padding=1),
    plain(torch.nn.ReLU(), {"type": "relu"}),
    plain(torch.nn.MaxPool2d(3, stride=2), {"type": "maxpool", "kernel": 3, "stride": 2}),
    conv(4, 5, (2, 3), stride=2, padding=2),
    plain(torch.nn.ReLU(), {"type": "relu"}),
    plain(torch.nn.AvgPool2d(2, stride=1), {"type": "avgpool", "kernel": 2, "stride": 1}),
    plain(torch.nn.Flatten(), {"type": "flatten"}),
    dense(5 * 3 * 2, 7),
    plain(torch.nn.ReLU(), {"type": "relu"}),
    dense(7, 3),
], torch.rand(4, 2 * 11 * 9, dtype=torch.float64) * 2 - 1)

# Ties: integer inputs with equal maxima in overlapping windows, where PyTorch sends the gradient of a tie is what
# barq's max pooling must match; and windows of zeros after the ReLU whose first entry was 0 before it, so that
# the gradient reaches a ReLU at 0 (ReLU'(0) = 0, FORMULATION section 8).
ties = torch.tensor([[0, 2, 2, 1, -1,
                      2, 2, 0, 1, 1,
                      -3, 0, 0, 1, 0,
                      1, 1, -2, 0, 0],
                     [1, 1, 1, 1, 1,
                      1, 1, 1, 1, 1,
                      0, 0, 0, 0, 0,
                      0, -1, 0, 3, 3]], dtype=torch.float64)
cases["ties"] = case((1, 4, 5), [
    plain(torch.nn.ReLU(), {"type": "relu"}),
    plain(torch.nn.MaxPool2d(2, stride=1), {"type": "maxpool", "kernel": 2, "stride": 1}),
    plain(torch.nn.Flatten(), {"type": "flatten"}),
    dense(12, 2, weight=[[(i * 7 + j * 3) % 5 - 2 for j in range(12)] for i in range(2)], bias=[0.5, -0.25]),
], ties)

with open("golden.json", "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
