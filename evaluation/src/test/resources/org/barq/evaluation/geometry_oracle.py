#!/usr/bin/env python3
"""An independent numpy implementation of FORMULATION §5's metrics, the oracle of GeometryOracleTest.

    python3 geometry_oracle.py FLOAT.safetensors ROUNDED.safetensors DATA.csv[.gz]

Evaluates the two checkpoints (an MLP, mlp-v1 and mlp-q-v1, or a network with convolutions and pooling, net-v1 and
net-q-v1) on the whole CSV (raw features, label last; what `barq evaluate --dataset csv:DATA` does) and prints the
metrics as one JSON object with barq's keys. It shares no code with barq: its own safetensors reader, forward pass
(a convolution as a sum over kernel offsets of shifted einsums), back-propagated input gradients, numpy's linear
quantiles, a PCA by eigendecomposition of the population covariance, and the slice, masks and junctions of §5 and §8. The eigenvectors' signs may differ from barq's;
every slice metric is symmetric under a sign flip of the plane's axes.
"""
import gzip
import json
import struct
import sys

import numpy as np

BETA = 0.2
GRID = 200
RANGE = 3.0


def load(path):
    """@return (layers, input scale): layers as ("dense", W, b), ("conv", W, b, stride, padding), ("relu",),
    ("maxpool", k, s), ("avgpool", k, s), ("flatten",) and ("image", C, H, W) for a net's flat input"""
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__")
    base = 8 + n

    def tensor(name):
        begin, end = header[name]["data_offsets"]
        shape = header[name]["shape"]
        return np.frombuffer(raw[base + begin:base + end], dtype="<f4").reshape(shape).astype(np.float64)

    layers = []
    if meta["barq.format"].startswith("net-"):
        layers.append(("image", *json.loads(meta["barq.input_shape"])))
        for i, layer in enumerate(json.loads(meta["barq.network"])):
            kind = layer["type"]
            if kind == "dense":
                layers.append(("dense", tensor(f"layers.{i}.weight"), tensor(f"layers.{i}.bias")))
            elif kind == "conv":
                layers.append(("conv", tensor(f"layers.{i}.weight"), tensor(f"layers.{i}.bias"), layer["stride"],
                               layer["padding"]))
            elif kind in ("maxpool", "avgpool"):
                layers.append((kind, layer["kernel"], layer["stride"]))
            else:
                layers.append((kind,))
    else:
        count = len(json.loads(meta["barq.layers"])) - 1
        for i in range(count):
            if i > 0:
                layers.append(("relu",))
            layers.append(("dense", tensor(f"layers.{i}.weight"), tensor(f"layers.{i}.bias")))
    return layers, float(meta["barq.input_scale"])


def read_csv(path):
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rt") as f:
        rows = [[float(c) for c in line.split(",")] for line in f if line.strip()]
    table = np.array(rows)
    return table[:, :-1], table[:, -1].astype(int)


def windows(x, k, kw, s):
    """(i, j, view): for each kernel offset, the input entries it meets at every output position"""
    out_h = (x.shape[2] - k) // s + 1
    out_w = (x.shape[3] - kw) // s + 1
    for i in range(k):
        for j in range(kw):
            yield i, j, (slice(None), slice(None), slice(i, i + s * (out_h - 1) + 1, s),
                         slice(j, j + s * (out_w - 1) + 1, s)), out_h, out_w


def forward(model, x):
    """@return the inputs of every layer (the last entry the logits)"""
    h = x
    inputs = []
    for layer in model[0]:
        inputs.append(h)
        kind = layer[0]
        if kind == "image":
            h = h.reshape(len(h), *layer[1:])
        elif kind == "dense":
            h = h.reshape(len(h), -1) @ layer[1].T + layer[2]
        elif kind == "conv":
            w, b, s, p = layer[1:]
            xp = np.pad(h, ((0, 0), (0, 0), (p, p), (p, p)))
            out = None
            for i, j, view, oh, ow in windows(xp, w.shape[2], w.shape[3], s):
                term = np.einsum("ncyx,oc->noyx", xp[view], w[:, :, i, j])
                out = term if out is None else out + term
            h = out + b[None, :, None, None]
        elif kind == "relu":
            h = np.maximum(h, 0)
        elif kind in ("maxpool", "avgpool"):
            k, s = layer[1:]
            parts = [h[view] for _, _, view, _, _ in windows(h, k, k, s)]
            h = np.max(parts, axis=0) if kind == "maxpool" else np.mean(parts, axis=0)
        elif kind == "flatten":
            h = h.reshape(len(h), -1)
    inputs.append(h.reshape(len(h), -1))
    return inputs


def input_gradient(model, inputs, c1, c2):
    """d(z_c1 - z_c2)/dx by back-propagation: ReLU'(0) = 0, max-pool to the first arg-max of its window"""
    layers = model[0]
    d = np.zeros_like(inputs[-1])
    d[np.arange(len(c1)), c1] += 1
    d[np.arange(len(c1)), c2] -= 1
    for layer, h in zip(reversed(layers), reversed(inputs[:-1])):
        kind = layer[0]
        if kind in ("image", "flatten"):
            d = d.reshape(h.shape)
        elif kind == "dense":
            d = (d @ layer[1]).reshape(h.shape)
        elif kind == "relu":
            d = d * (h > 0)
        elif kind == "conv":
            w, _, s, p = layer[1:]
            xp = np.pad(h, ((0, 0), (0, 0), (p, p), (p, p)))
            dx = np.zeros_like(xp)
            for i, j, view, _, _ in windows(xp, w.shape[2], w.shape[3], s):
                dx[view] += np.einsum("noyx,oc->ncyx", d, w[:, :, i, j])
            d = dx[:, :, p:p + h.shape[2], p:p + h.shape[3]]
        elif kind in ("maxpool", "avgpool"):
            k, s = layer[1:]
            dx = np.zeros_like(h)
            views = [view for _, _, view, _, _ in windows(h, k, k, s)]
            if kind == "avgpool":
                for view in views:
                    dx[view] += d / (k * k)
            else:
                parts = np.stack([h[view] for view in views])
                first = parts.argmax(0)
                for q, view in enumerate(views):
                    dx[view] += d * (first == q)
            d = dx
    return d.reshape(len(d), -1)


def representations(model, inputs):
    """the scaled input, what each weight layer after the first takes (flattened), the logits"""
    kinds = [layer[0] for layer in model[0]]
    weight = [i for i, kind in enumerate(kinds) if kind in ("dense", "conv")]
    return [inputs[0]] + [inputs[i].reshape(len(inputs[i]), -1) for i in weight[1:]] + [inputs[-1]]


def fisher(r, labels):
    mu = r.mean(0)
    between = within = 0.0
    for c in np.unique(labels):
        rc = r[labels == c]
        mc = rc.mean(0)
        between += len(rc) * ((mc - mu) ** 2).sum()
        within += ((rc - mc) ** 2).sum()
    return between / within


def slice_labels(model, mu, v1, v2, s1, s2):
    coordinates = np.linspace(-RANGE, RANGE, GRID)
    a, b = np.meshgrid(coordinates, coordinates)
    points = mu + (a.reshape(-1, 1) * s1) * v1 + (b.reshape(-1, 1) * s2) * v2
    return forward(model, points)[-1].argmax(1).reshape(GRID, GRID)


def boundary_mask(labels):
    m = np.zeros_like(labels, dtype=bool)
    m[:, 1:] |= labels[:, 1:] != labels[:, :-1]
    m[:, :-1] |= labels[:, :-1] != labels[:, 1:]
    m[1:, :] |= labels[1:, :] != labels[:-1, :]
    m[:-1, :] |= labels[:-1, :] != labels[1:, :]
    return m


def junctions(labels):
    blocks = np.stack([labels[:-1, :-1], labels[:-1, 1:], labels[1:, :-1], labels[1:, 1:]], -1).reshape(-1, 4)
    return int(sum(len(set(block)) >= 3 for block in blocks))


def metrics(floating, rounded, raw, labels):
    x = raw * floating[1]
    n = len(labels)
    pf = forward(floating, x)
    pr = forward(rounded, x)
    zf, zr = pf[-1], pr[-1]
    hf, hr = representations(floating, pf), representations(rounded, pr)
    c1 = zf.argmax(1)
    masked = zf.copy()
    masked[np.arange(n), c1] = -np.inf
    c2 = masked.argmax(1)
    margin = zf[np.arange(n), c1] - zf[np.arange(n), c2]
    margin_rounded = zr[np.arange(n), c1] - zr[np.arange(n), c2]
    threshold = np.quantile(margin, BETA)
    band = margin <= threshold
    gf, gr = input_gradient(floating, pf, c1, c2), input_gradient(rounded, pr, c1, c2)
    nf, nr = np.linalg.norm(gf, axis=1), np.linalg.norm(gr, axis=1)
    ok = (nf > 0) & (nr > 0)
    displacement = np.abs(margin_rounded / np.where(ok, nr, 1) - margin / np.where(ok, nf, 1))
    cosine = np.clip((gf * gr).sum(1) / np.where(ok, nf * nr, 1), -1, 1)
    angle = np.degrees(np.arccos(cosine))
    predicted_float, predicted_rounded = zf.argmax(1), zr.argmax(1)

    mu = x.mean(0)
    _, vectors = np.linalg.eigh((x - mu).T @ (x - mu) / n)
    v1, v2 = vectors[:, -1], vectors[:, -2]
    s1 = np.sqrt((((x - mu) @ v1) ** 2).mean())
    s2 = np.sqrt((((x - mu) @ v2) ** 2).mean())
    lf = slice_labels(floating, mu, v1, v2, s1, s2)
    lr = slice_labels(rounded, mu, v1, v2, s1, s2)
    mf, mr = boundary_mask(lf), boundary_mask(lr)
    union = (mf | mr).sum()
    names = ["inputs"] + [f"hidden_{i}" for i in range(1, len(hf) - 1)] + ["logits"]
    return {
        "accuracy_float": float((predicted_float == labels).mean()),
        "accuracy_rounded": float((predicted_rounded == labels).mean()),
        "flip_rate": float((predicted_float != predicted_rounded).mean()),
        "band_flip_rate": float((predicted_float != predicted_rounded)[band].mean()),
        "pair_order_flip": float((margin_rounded < 0)[band].mean()),
        "displacement_median": float(np.median(displacement[ok])),
        "displacement_p90": float(np.quantile(displacement[ok], 0.9)),
        "band_displacement_median": float(np.median(displacement[ok & band])),
        "normal_variation_median_deg": float(np.median(angle[ok])),
        "boundary_jaccard": 0.0 if union == 0 else float(1 - (mf & mr).sum() / union),
        "grid_change": float((lf != lr).mean()),
        "junctions_float": junctions(lf),
        "junctions_rounded": junctions(lr),
        "n_samples": n,
        "n_band": int(band.sum()),
        "band_threshold": float(threshold),
        "fisher_ratio": {
            "float": dict(zip(names, [fisher(r, labels) for r in hf])),
            "rounded": dict(zip(names, [fisher(r, labels) for r in hr])),
        },
    }


if __name__ == "__main__":
    features, classes = read_csv(sys.argv[3])
    print(json.dumps(metrics(load(sys.argv[1]), load(sys.argv[2]), features, classes)))
