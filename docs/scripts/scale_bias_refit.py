#!/usr/bin/env python3
"""Refits each row's scale and each bias of a rounded [784, H, 10] model, its codes fixed (docs/boundary-gap.md,
"Where the fit stops carrying over"), kept so that its numbers can be re-made.

Usage: /usr/bin/python3 docs/scripts/scale_bias_refit.py FLOAT.safetensors ROUNDED.safetensors CALIBRATION TEST LAMBDA
MODE ITERATIONS, with CALIBRATION the folder ExportSplit.java wrote the model's calibration split to, TEST the data
set's folder (its t10k files), ROUNDED any `quantize` checkpoint of FLOAT, and MODE `s` (scales), `b` (biases) or
`sb` (both). The 2 x (H + 10) continuous parameters, few enough for 12 000 samples to pin down, minimise the output
pass's objective J = R_out / R_out,0 + LAMBDA G / G_0 (the logits matched, G weighted by exp(-m_f / T), T the largest
float margin) by L-BFGS on the whole calibration set, in double precision. Prints, before and after, the logits' R,
G, both bands' pair-order flips (counts; bands of 20 %), their mean squared pair-gap change and the test accuracy.
Needs PyTorch (Debian's python3-torch); a few minutes a run on 2 cores.
"""
import sys

import numpy as np
import torch

from barq_files import idx, safetensors

def tensors(path):
    found, metadata = safetensors(path)
    return {k: v.astype(np.float64) for k, v in found.items()}, metadata


def main(float_path, q_path, cal_folder, test_folder, lam, mode, iters):
    torch.set_num_threads(2)
    fl, meta = tensors(float_path)
    q, qmeta = tensors(q_path)
    scale = float(meta["barq.input_scale"])
    t = lambda a: torch.tensor(a, dtype=torch.float64)
    xc = t(idx(f"{cal_folder}/train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float64)) * scale
    xt = t(idx(f"{test_folder}/t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float64)) * scale
    yt = torch.tensor(idx(f"{test_folder}/t10k-labels-idx1-ubyte.gz", 8).astype(np.int64))
    w = [t(fl[f"layers.{i}.weight"]) for i in range(2)]
    b = [t(fl[f"layers.{i}.bias"]) for i in range(2)]
    s = [t(q[f"layers.{i}.weight.scale"]).reshape(w[i].shape[0], -1) for i in range(2)]
    codes = [t(q[f"layers.{i}.weight.codes"]) for i in range(2)]
    def wq(a):
        out = []
        for i in range(2):
            g = s[i].shape[1]
            sc = (s[i] * torch.exp(a[i])).repeat_interleave(codes[i].shape[1] // g, dim=1)
            out.append(sc * codes[i])
        return out
    def logits(x, weights, biases):
        return torch.relu(x @ weights[0].T + biases[0]) @ weights[1].T + biases[1]
    def top_two(z):
        top = torch.topk(z, 2, dim=1).indices
        return top[:, 0], top[:, 1]
    zf_c, zf_t = logits(xc, w, b), logits(xt, w, b)
    a_c, b_c = top_two(zf_c); a_t, b_t = top_two(zf_t)
    rc, rt = torch.arange(len(xc)), torch.arange(len(xt))
    mf_c = zf_c[rc, a_c] - zf_c[rc, b_c]; mf_t = zf_t[rt, a_t] - zf_t[rt, b_t]
    weight = torch.exp(-mf_c / mf_c.max()); weight = weight / weight.sum()
    band_c = torch.argsort(mf_c)[: round(0.2 * len(xc))]
    band_t = torch.argsort(mf_t)[: round(0.2 * len(xt))]
    def measure(weights, biases):
        with torch.no_grad():
            zc, zt = logits(xc, weights, biases), logits(xt, weights, biases)
            m_c = zc[rc, a_c] - zc[rc, b_c]; m_t = zt[rt, a_t] - zt[rt, b_t]
            return {"r_out": ((zc - zf_c) ** 2).sum(1).mean().item(),
                    "g": (weight * (m_c - mf_c) ** 2).sum().item(),
                    "flips_test": int((m_t[band_t] < 0).sum()),
                    "flips_cal": int((m_c[band_c] < 0).sum()),
                    "msq_test": ((m_t[band_t] - mf_t[band_t]) ** 2).mean().item(),
                    "msq_cal": ((m_c[band_c] - mf_c[band_c]) ** 2).mean().item(),
                    "accuracy": (zt.argmax(1) == yt).double().mean().item()}
    a = [torch.zeros(s[i].shape, dtype=torch.float64, requires_grad=True) for i in range(2)]
    db = [torch.zeros(b[i].shape, dtype=torch.float64, requires_grad=True) for i in range(2)]
    start = measure(wq(a), b)
    print("start", start, flush=True)
    params = ([*a] if "s" in mode else []) + ([*db] if "b" in mode else [])
    opt = torch.optim.LBFGS(params, lr=1, max_iter=iters, history_size=20, line_search_fn="strong_wolfe")
    def closure():
        opt.zero_grad()
        z = logits(xc, wq(a), [b[i] + db[i] for i in range(2)])
        m = z[rc, a_c] - z[rc, b_c]
        loss = (((z - zf_c) ** 2).sum(1).mean() / start["r_out"]
                + lam * (weight * (m - mf_c) ** 2).sum() / start["g"])
        loss.backward()
        return loss
    opt.step(closure)
    end = measure(wq([x.detach() for x in a]), [b[i] + db[i].detach() for i in range(2)])
    factors = [(float(x.min().exp()), float(x.max().exp())) for x in a]
    print(mode, lam, "end", end, "scale factors (min, max) per layer", factors, flush=True)


if __name__ == "__main__":
    v = sys.argv
    main(v[1], v[2], v[3], v[4], float(v[5]), v[6], int(v[7]))
