"""Readers of the files the docs' scripts share: barq's safetensors checkpoints (FORMULATION §6) and gzip IDX files
(the shipped MNIST and Fashion-MNIST files, and what ExportSplit.java writes). Imported by the scripts beside it."""
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
