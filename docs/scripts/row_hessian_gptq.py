#!/usr/bin/env python3
"""GPTQ with an output-aware Hessian of its own for each row of the first layer (docs/boundary-gap.md, "Where the
fit stops carrying over"), kept so that its numbers can be re-made.

Usage: python3 docs/scripts/row_hessian_gptq.py DATASET CALIBRATION FLOAT.safetensors GPTQ.safetensors MODE LAMBDA
with DATASET and CALIBRATION as for flip_margins.py and GPTQ a `quantize --solver gptq` checkpoint of FLOAT (its
scales and bit width are used). Plain GPTQ rounds row j of the first layer with H = sum_n x_n x_n^T; here row j has
H_j = sum_n c_nj x_n x_n^T, a diagonal, per-hidden-unit part of the logits' Gauss-Newton matrix, which 12 000
samples pin down far better than the output pass's per-sample terms over 200 000 choices:
  mask      c_nj = relu'(z_nj) * ||W2[:, j]||^2   (the logits' reconstruction, cross-unit terms dropped)
  pair      the same plus LAMBDA * w_n * (W2[a_n, j] - W2[b_n, j])^2 * N / sum(w), w_n = exp(-m_f,n / max m_f) and
            (a_n, b_n) sample n's top two float classes (the pass's weighted pair-gap term, per unit)
  paironly  the pair term alone
  check     plain GPTQ, to show this code gives barq's codes (prints the fraction equal, 1.0)
The last layer is then rounded by plain GPTQ on the rounded hidden layer, as barq does. Prints the test band's and
the calibration band's pair-order flip and the test accuracy. Needs numpy only; about a minute a run.
"""
import os
import sys

import numpy as np

from barq_files import images, idx, safetensors


def gptq(weights, scales, hessian_of_row, bits, damp=0.01):
    """GPTQ restricted to each weight's two codes (FORMULATION §8), row by row with the row's own Hessian."""
    low, high = -2 ** (bits - 1), 2 ** (bits - 1) - 1
    rounded = np.zeros_like(weights)
    for r in range(weights.shape[0]):
        h = hessian_of_row(r).copy()
        diagonal = np.diag(h)
        h[np.diag_indices(len(h))] += damp * diagonal.mean() if diagonal.sum() > 0 else 1.0
        u = np.linalg.cholesky(np.linalg.inv(h)).T
        w = weights[r].copy()
        for j in range(len(w)):
            down = np.clip(np.floor(weights[r, j] / scales[r]), low, high)
            up = np.clip(down + 1, low, high)
            v = w[j] / scales[r]
            rounded[r, j] = scales[r] * (down if abs(v - down) <= abs(v - up) else up)
            w[j + 1:] -= (w[j] - rounded[r, j]) / u[j, j] * u[j, j + 1:]
    return rounded


def main(dataset, calibration_folder, float_path, gptq_path, mode, lam):
    root = os.path.join(os.environ.get('BARQ_DATA', '../shared/data'), dataset)
    floats, metadata = safetensors(float_path)
    codes, code_metadata = safetensors(gptq_path)
    bits = int(code_metadata['barq.bits'])
    scale = float(metadata.get('barq.input_scale', '1'))
    xc = images(os.path.join(calibration_folder, 'train-images-idx3-ubyte.gz')) * scale
    xt = images(os.path.join(root, 't10k-images-idx3-ubyte.gz')) * scale
    yt = idx(os.path.join(root, 't10k-labels-idx1-ubyte.gz'), 8)
    w1, w2 = (floats[f'layers.{k}.weight'].astype(np.float64) for k in range(2))
    b1, b2 = (floats[f'layers.{k}.bias'].astype(np.float64) for k in range(2))
    s1, s2 = (codes[f'layers.{k}.weight.scale'].astype(np.float64).ravel() for k in range(2))

    def logits(x, a, b):
        return np.maximum(x @ a.T + b1, 0) @ b.T + b2

    def pairs(z):
        order = np.argsort(-z, 1)
        rows = np.arange(len(z))
        return order[:, 0], order[:, 1], z[rows, order[:, 0]] - z[rows, order[:, 1]]

    ac, bc, mc = pairs(logits(xc, w1, w2))
    at, bt, mt = pairs(logits(xt, w1, w2))
    band_c, band_t = mc <= np.quantile(mc, 0.2), mt <= np.quantile(mt, 0.2)

    def report(name, a, b):
        zt, zc = logits(xt, a, b), logits(xc, a, b)
        flip_t = np.mean((zt[np.arange(len(zt)), at] - zt[np.arange(len(zt)), bt])[band_t] < 0)
        flip_c = np.mean((zc[np.arange(len(zc)), ac] - zc[np.arange(len(zc)), bc])[band_c] < 0)
        print(f'{name}: test band pair-order flip {flip_t:.4f} ({round(flip_t * band_t.sum())} of {band_t.sum()}),'
              f' calibration band {flip_c:.4f}, test accuracy {np.mean(zt.argmax(1) == yt):.4f}', flush=True)

    n = len(xc)
    report('barq gptq', *(codes[f'layers.{k}.weight.codes'] * s[:, None] for k, s in ((0, s1), (1, s2))))
    active = (xc @ w1.T + b1 > 0).astype(np.float64)
    norms = (w2 ** 2).sum(0)
    weight = np.exp(-mc / mc.max())
    pair = (weight / weight.sum() * n)[:, None] * (w2[ac, :] - w2[bc, :]) ** 2
    c = {'mask': active * norms, 'pair': active * (norms + lam * pair), 'paironly': active * pair}.get(mode)
    if c is None:
        shared = xc.T @ xc / n
        first = gptq(w1, s1, lambda r: shared, bits)
        print('first layer equal to barq gptq:', np.mean(np.isclose(first, codes['layers.0.weight.codes'] * s1[:, None])))
    else:
        first = gptq(w1, s1, lambda r: (xc * c[:, r:r + 1]).T @ xc / n, bits)
    hidden = np.maximum(xc @ first.T + b1, 0)
    report(f'{mode} {lam}', first, gptq(w2, s2, lambda r: hidden.T @ hidden / n, bits))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], float(sys.argv[6]) if len(sys.argv) > 6 else 0)
