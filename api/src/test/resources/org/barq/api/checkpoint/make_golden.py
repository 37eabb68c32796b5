#!/usr/bin/env python3
"""Writes the golden checkpoints that pin barq's safetensors layout (FORMULATION section 6).

Independent of barq: numpy + struct + json only. GoldenCheckpointTest reads both files, checks the values below,
and checks that barq writing the same models gives byte-identical files. Rerun from this folder:
    python3 make_golden.py
Layout: 8-byte little-endian header length N; compact UTF-8 JSON header, __metadata__ first (keys sorted), then
the tensors in file order, each {"dtype","shape","data_offsets"}; spaces pad the header to a multiple of 8; then
the tensor bytes, row-major little-endian. barq's tensor order: for each layer weight, bias (and weight.scale for a
rounded model), then every layer's I8 weight.codes.
"""
import json
import struct

import numpy as np

DTYPES = {np.dtype(np.float32): "F32", np.dtype(np.int8): "I8"}


def write(path, tensors, metadata):
    header = {"__metadata__": dict(sorted(metadata.items()))}
    blobs = []
    offset = 0
    for name, array in tensors:
        data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": DTYPES[array.dtype], "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(b"".join(blobs))


def float_model():
    w0 = np.array([[0.5, -1.5, 2.0], [0.1, 0.2, -0.3], [1.0, 0.0, -2.5], [0.75, -0.125, 3.0]], dtype=np.float32)
    b0 = np.array([0.5, -0.25, 0.0, 1.5], dtype=np.float32)
    w1 = np.array([[1.0, -1.0, 0.5, 0.25], [-0.5, 2.0, 0.1, -4.0]], dtype=np.float32)
    b1 = np.array([0.1, -0.2], dtype=np.float32)
    tensors = [("layers.0.weight", w0), ("layers.0.bias", b0), ("layers.1.weight", w1), ("layers.1.bias", b1)]
    metadata = {
        "format": "pt",
        "barq.format": "mlp-v1",
        "barq.layers": json.dumps([3, 4, 2], separators=(",", ":")),
        "barq.activation": "relu",
        "barq.input_scale": json.dumps([0.25, 0.5, 0.125], separators=(",", ":")),
        "barq.input_offset": json.dumps([0.5, -1.0, 2.0], separators=(",", ":")),
        "barq.data": "golden",
    }
    return tensors, metadata


def rounded_model():
    c0 = np.array([[1, -3, 4], [7, -8, 0], [2, 5, -1], [-4, 3, 6]], dtype=np.int8)
    s0 = np.array([0.5, 0.25, 0.125, 1.0], dtype=np.float32)
    c1 = np.array([[3, -2, 1, 0], [-1, 4, -8, 7]], dtype=np.int8)
    s1 = np.array([0.0625, 2.0], dtype=np.float32)
    w0 = s0[:, None] * c0.astype(np.float32)
    w1 = s1[:, None] * c1.astype(np.float32)
    b0 = np.array([0.5, -0.25, 0.0, 1.5], dtype=np.float32)
    b1 = np.array([0.1, -0.2], dtype=np.float32)
    tensors = [("layers.0.weight", w0), ("layers.0.bias", b0), ("layers.0.weight.scale", s0),
               ("layers.1.weight", w1), ("layers.1.bias", b1), ("layers.1.weight.scale", s1),
               ("layers.0.weight.codes", c0), ("layers.1.weight.codes", c1)]
    metadata = {
        "format": "pt",
        "barq.format": "mlp-q-v1",
        "barq.layers": json.dumps([3, 4, 2], separators=(",", ":")),
        "barq.activation": "relu",
        "barq.input_scale": json.dumps(0.0625),
        "barq.bits": "4",
        "barq.grid": "absmax",
        "barq.solver": "nearest",
        "barq.objective": "reconstruction",
        "barq.lambda": "0.0",
        "barq.seed": "7",
        "barq.source_sha256": "0" * 64,
    }
    return tensors, metadata


if __name__ == "__main__":
    write("golden-float.safetensors", *float_model())
    write("golden-rounded.safetensors", *rounded_model())
