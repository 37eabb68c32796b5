"""A prototype kept for docs/boundary-gap.md: the output pass's objective (J = R_out / R_out,0 + lambda G / G_0, the
logits matched, G weighted by exp(-m_f / T) with T the largest float margin) minimised by signed gradient descent
on continuous rounding offsets with a straight-through round, as AutoRound does, instead of barq's exact coordinate
descent. It starts from GPTQ's codes (each offset half-way from the weight to its GPTQ code) and rounds both weight
layers of a [784, H, 10] model. It prints, every 100 steps, the logits' R, G, the test band's and the calibration
band's pair-order flips and the test accuracy, measured as barq does (checked: GPTQ's line equals barq's numbers).

    BARQ_DATA=../shared/data java -cp experiments/target/barq.jar docs/scripts/ExportSplit.java \
        mnist 12000 0 calibration runs/relax/cal
    /usr/bin/python3 docs/scripts/sign_gradient_pass.py FLOAT.safetensors GPTQ.safetensors runs/relax/cal \
        ../shared/data/mnist LAMBDA STEPS LR BATCH SEED
"""
import sys

import numpy as np
import torch

from barq_files import idx, safetensors


def tensors(path):
    found, metadata = safetensors(path)
    return {k: v.astype(np.float32) for k, v in found.items()}, metadata


class Round(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad):
        return grad


def main(float_path, gptq_path, cal_folder, test_folder, lam, steps, lr, batch, seed):
    torch.set_num_threads(2)
    fl, meta = tensors(float_path)
    q, qmeta = tensors(gptq_path)
    bits = int(qmeta["barq.bits"])
    lo, hi = -2 ** (bits - 1), 2 ** (bits - 1) - 1
    scale = float(meta["barq.input_scale"])
    t = torch.tensor
    xc = t(idx(f"{cal_folder}/train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32)) * scale
    xt = t(idx(f"{test_folder}/t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32)) * scale
    yt = t(idx(f"{test_folder}/t10k-labels-idx1-ubyte.gz", 8).astype(np.int64))
    w = [t(fl[f"layers.{i}.weight"]) for i in range(2)]
    b = [t(fl[f"layers.{i}.bias"]) for i in range(2)]
    s = [t(q[f"layers.{i}.weight.scale"]).unsqueeze(1) for i in range(2)]
    codes = [t(q[f"layers.{i}.weight.codes"]) for i in range(2)]
    x_over_s = [w[i] / s[i] for i in range(2)]

    def logits(x, weights):
        return torch.relu(x @ weights[0].T + b[0]) @ weights[1].T + b[1]

    def top_two(z):
        top = torch.topk(z, 2, dim=1).indices
        return top[:, 0], top[:, 1]

    zf_c, zf_t = logits(xc, w), logits(xt, w)
    a_c, b_c = top_two(zf_c)
    a_t, b_t = top_two(zf_t)
    rows_c, rows_t = torch.arange(len(xc)), torch.arange(len(xt))
    mf_c = zf_c[rows_c, a_c] - zf_c[rows_c, b_c]
    mf_t = zf_t[rows_t, a_t] - zf_t[rows_t, b_t]
    weight = torch.exp(-mf_c / mf_c.max())
    weight = weight / weight.sum()
    band_c = torch.argsort(mf_c)[: round(0.2 * len(xc))]
    band_t = torch.argsort(mf_t)[: round(0.2 * len(xt))]

    def measure(weights):
        with torch.no_grad():
            zc, zt = logits(xc, weights), logits(xt, weights)
            m_c = zc[rows_c, a_c] - zc[rows_c, b_c]
            m_t = zt[rows_t, a_t] - zt[rows_t, b_t]
            return {"r_out": ((zc - zf_c) ** 2).sum(1).mean().item(),
                    "g": (weight * (m_c - mf_c) ** 2).sum().item(),
                    "flip_test": (m_t[band_t] < 0).float().mean().item(),
                    "flip_cal": (m_c[band_c] < 0).float().mean().item(),
                    "accuracy": (zt.argmax(1) == yt).float().mean().item()}

    start = measure([s[i] * codes[i] for i in range(2)])
    print("gptq", start, flush=True)
    offsets = [(0.5 * (codes[i] - x_over_s[i])).requires_grad_(True) for i in range(2)]

    def rounded():
        return [s[i] * torch.clamp(Round.apply(x_over_s[i] + offsets[i]), lo, hi) for i in range(2)]

    generator = torch.Generator().manual_seed(seed)
    for step in range(steps + 1):
        if step % 100 == 0 or step == steps:
            m = measure([x.detach() for x in rounded()])
            j = m["r_out"] / start["r_out"] + lam * m["g"] / start["g"]
            print(step, f"J {j:.4f}", {k: round(v, 5) for k, v in m.items()}, flush=True)
        if step == steps:
            break
        pick = torch.randperm(len(xc), generator=generator)[:batch]
        z = logits(xc[pick], rounded())
        rows = torch.arange(len(pick))
        m = z[rows, a_c[pick]] - z[rows, b_c[pick]]
        wb = weight[pick] / weight[pick].sum()
        loss = (((z - zf_c[pick]) ** 2).sum(1).mean() / start["r_out"]
                + lam * (wb * (m - mf_c[pick]) ** 2).sum() / start["g"])
        for x in offsets:
            x.grad = None
        loss.backward()
        with torch.no_grad():
            for x in offsets:
                x -= lr * (1 - step / steps) * torch.sign(x.grad)


if __name__ == "__main__":
    a = sys.argv
    main(a[1], a[2], a[3], a[4], float(a[5]), int(a[6]), float(a[7]), int(a[8]), int(a[9]))
