"""Trains a [784, 256, 10] ReLU MLP in PyTorch, with a recipe unlike barq's own trainer, and exports it to ONNX: the
"model it is given" of issue 20 (docs/boundary-gap.md). It trains on barq's training split only (written by
ExportSplit.java), so that barq's calibration and test samples stay unseen, as with barq's own models.

Recipe (barq's trainer: Adam, lr 0.003, batch 128, 5 epochs, no regularisation): SGD with Nesterov momentum 0.9,
lr 0.05 on a cosine schedule, weight decay 5e-4, dropout 0.2 on the hidden layer, batch 64, 10 epochs, PyTorch's
default initialisation, pixels divided by 255 inside the graph (barq import reads that Div as the input scale).

    /usr/bin/python3 docs/scripts/train_given_mlp.py SPLIT_FOLDER SEED OUT.onnx
    ./barq import OUT.onnx --dataset mnist --calibration-max 12000 --out given.safetensors
"""
import sys

import torch
from torch import nn

from barq_files import idx


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(784, 256)
        self.drop = nn.Dropout(0.2)
        self.out = nn.Linear(256, 10)

    def forward(self, x):
        return self.out(self.drop(torch.relu(self.hidden(x / 255.0))))


def main(folder, seed, out):
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    x = torch.tensor(idx(f"{folder}/train-images-idx3-ubyte.gz", 16).reshape(-1, 784), dtype=torch.float32)
    y = torch.tensor(idx(f"{folder}/train-labels-idx1-ubyte.gz", 8), dtype=torch.long)
    model = Mlp()
    epochs, batch = 10, 64
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)
    steps = epochs * ((len(x) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    gen = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=gen)
        total = 0.0
        for i in range(0, len(x), batch):
            b = order[i:i + batch]
            loss = nn.functional.cross_entropy(model(x[b]), y[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(b)
        model.eval()
        with torch.no_grad():
            acc = (model(x).argmax(1) == y).float().mean().item()
        print(f"epoch {epoch + 1}/{epochs} loss {total / len(x):.4f} train accuracy {acc:.4f}", flush=True)
    model.eval()
    torch.onnx.export(model, torch.zeros(1, 784), out, opset_version=13, input_names=["x"],
                      output_names=["logits"], dynamic_axes={"x": {0: "n"}, "logits": {0: "n"}})
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
