"""Trains a small CNN on the embedded digits with PyTorch, exports it as ONNX and writes PyTorch's logits for every
digits sample: the fixture of ImportCommandTest's "a CNN trained by PyTorch" test.

Run from this folder: /usr/bin/python3 make_digits_cnn.py  (Debian's python3-torch; the outputs are committed, the
tests need no Python). Writes digits_cnn.onnx and digits_cnn_logits.csv.gz (one row of 10 logits per sample, in the
order of digits.csv.gz)."""
import gzip

import numpy as np
import torch

torch.manual_seed(0)
DIGITS = "../../../../../../main/resources/org/barq/experiments/data/digits.csv.gz"

with gzip.open(DIGITS, "rt") as f:
    rows = [line.strip().split(",") for line in f if line.strip()]
if not rows[0][-1].strip().lstrip("-").isdigit():
    rows = rows[1:]
table = np.array(rows, dtype=np.float32)
x = torch.from_numpy(table[:, :-1])
y = torch.from_numpy(table[:, -1].astype(np.int64))


class Scale(torch.nn.Module):
    """pixel / 16 at the front: barq reads it as the input scale."""

    def forward(self, v):
        return v * (1 / 16)


class ToImage(torch.nn.Module):
    def forward(self, v):
        return v.reshape(-1, 1, 8, 8)


model = torch.nn.Sequential(Scale(), ToImage(), torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.ReLU(),
                            torch.nn.MaxPool2d(2), torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.ReLU(),
                            torch.nn.AvgPool2d(2), torch.nn.Flatten(), torch.nn.Linear(16 * 2 * 2, 10))
optimiser = torch.optim.Adam(model.parameters(), lr=0.01)
for epoch in range(30):
    order = torch.randperm(len(x))
    for start in range(0, len(x), 64):
        batch = order[start:start + 64]
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x[batch]), y[batch])
        loss.backward()
        optimiser.step()
model.eval()
with torch.no_grad():
    logits = model(x)
print(f"accuracy on all {len(x)} digits: {(logits.argmax(1) == y).float().mean():.4f}")
torch.onnx.export(model, torch.zeros(1, 64), "digits_cnn.onnx", opset_version=13, input_names=["x"],
                  output_names=["logits"], dynamic_axes={"x": {0: "n"}, "logits": {0: "n"}})
with gzip.GzipFile("digits_cnn_logits.csv.gz", "wb", mtime=0) as f:
    f.write("".join(",".join(f"{v:.9g}" for v in row) + "\n" for row in logits.tolist()).encode())
