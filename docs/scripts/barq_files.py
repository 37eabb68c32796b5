"""What the docs' scripts share: readers of barq's safetensors checkpoints (FORMULATION §6) and gzip IDX files (the
shipped MNIST and Fashion-MNIST files, and what ExportSplit.java writes), and the numpy forward pass and band of a
[784, H, 10] checkpoint. Imported by the scripts beside it."""
import gzip
import json
import struct

import numpy as np


def safetensors(path):
    """Returns ({name: array in its stored dtype}, the __metadata__ map)."""
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    body = raw[8 + n:]
    tensors = {}
    for key, entry in header.items():
        if key != "__metadata__":
            begin, end = entry["data_offsets"]
            dtype = {"F32": np.float32, "I8": np.int8}[entry["dtype"]]
            tensors[key] = np.frombuffer(body[begin:end], dtype).reshape(entry["shape"])
    return tensors, header.get("__metadata__", {})


def idx(path, offset):
    """The bytes of a gzip IDX file after its header: offset 16 for images, 8 for labels."""
    with gzip.open(path) as f:
        return np.frombuffer(f.read()[offset:], np.uint8)


def images(path):
    """The 28 x 28 images of a gzip IDX file as float64 rows of 784 pixels, unscaled."""
    return idx(path, 16).reshape(-1, 784).astype(np.float64)


def forward(model, x, b0=None, b1=None):
    """(pre-activations, logits) of a [784, H, 10] checkpoint on rows x; the biases are the model's unless given."""
    b0 = model['layers.0.bias'] if b0 is None else b0
    b1 = model['layers.1.bias'] if b1 is None else b1
    pre = x @ model['layers.0.weight'].astype(np.float64).T + b0
    return pre, np.maximum(pre, 0) @ model['layers.1.weight'].astype(np.float64).T + b1


def band_gaps(zf, zq, beta=0.2):
    """The float margins of the band (the beta of samples with the smallest one, FORMULATION §5) and the rounded
    model's gaps on the same class pairs, negative where the pair order flipped."""
    order = np.argsort(-zf, 1)
    rows = np.arange(len(zf))
    mf = zf[rows, order[:, 0]] - zf[rows, order[:, 1]]
    mq = zq[rows, order[:, 0]] - zq[rows, order[:, 1]]
    band = mf <= np.quantile(mf, beta)
    return mf[band], mq[band]
