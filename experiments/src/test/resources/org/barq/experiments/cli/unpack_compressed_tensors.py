#!/usr/bin/env python3
"""An independent reader of barq's compressed-tensors export, written from the pack-quantized format description
(issue 15 and the compressed-tensors library's documented layout), not from barq's Java code.

    unpack_compressed_tensors.py FOLDER CHECKPOINT.safetensors

FOLDER holds model.safetensors and config.json. For every layer named in config.json it unpacks weight_packed
(int32 words, 32 // b unsigned codes per word, element p*k + j of a row in bits b*j.. of word k, codes shifted
by 2^(b-1)), and compares codes, scales and biases with the barq checkpoint's layers.K.weight.codes,
layers.K.weight.scale and layers.K.bias. Prints one line per layer and exits 0 when everything is equal.
Needs numpy only.
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": np.float32, "I8": np.int8, "I32": np.int32, "I64": np.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[base + begin:base + end], dtype=np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<"))
        tensors[name] = array.reshape(entry["shape"])
    return tensors, header.get("__metadata__", {})


def unpack(words, bits, shape):
    out, cols = int(shape[0]), int(shape[1])
    per_word = 32 // bits
    assert words.shape == (out, -(-cols // per_word)), f"packed shape {words.shape} for {shape} at {bits} bits"
    u = words.astype(np.int64) & 0xFFFFFFFF
    codes = np.zeros((out, words.shape[1] * per_word), dtype=np.int64)
    for j in range(per_word):
        codes[:, j::per_word] = (u >> (bits * j)) & ((1 << bits) - 1)
    return (codes[:, :cols] - (1 << (bits - 1))).astype(np.int8)


def main(folder, checkpoint):
    with open(f"{folder}/config.json") as f:
        config = json.load(f)
    q = config["quantization_config"]
    assert q["quant_method"] == "compressed-tensors" and q["format"] == "pack-quantized", q
    assert q["quantization_status"] == "compressed", q
    (group,) = q["config_groups"].values()
    assert group["targets"] == ["Linear"], group
    w = group["weights"]
    allowed = {"num_bits", "type", "symmetric", "group_size", "strategy", "block_structure", "dynamic", "actorder",
               "observer", "observer_kwargs"}
    assert set(w) <= allowed, f"unknown weight fields {set(w) - allowed}"
    assert w["type"] == "int" and w["symmetric"] is True, w
    bits = w["num_bits"]
    packed, _ = read_safetensors(f"{folder}/model.safetensors")
    barq, _ = read_safetensors(checkpoint)
    names = config["barq"]["layers"]
    expected = {f"{n}.{p}" for n in names for p in ("weight_packed", "weight_scale", "weight_shape", "bias")}
    assert set(packed) == expected, f"tensors {sorted(set(packed) ^ expected)} differ from the layers' four"
    for name in names:
        shape = packed[f"{name}.weight_shape"]
        codes = unpack(packed[f"{name}.weight_packed"], bits, shape)
        scale = packed[f"{name}.weight_scale"]
        if w["strategy"] == "channel":
            assert w["group_size"] is None and scale.shape == (shape[0], 1), (w, scale.shape)
        else:
            g = w["group_size"]
            assert w["strategy"] == "group" and scale.shape == (shape[0], shape[1] // g), (w, scale.shape)
        want_codes = barq[f"{name}.weight.codes"].reshape(codes.shape)
        want_scale = barq[f"{name}.weight.scale"].reshape(scale.shape)
        assert np.array_equal(codes, want_codes), f"{name}: codes differ"
        assert np.array_equal(scale, want_scale), f"{name}: scales differ"
        assert np.array_equal(packed[f"{name}.bias"], barq[f"{name}.bias"]), f"{name}: biases differ"
        print(f"{name}: {shape[0]}x{shape[1]} codes at {bits} bits and {scale.size} scales equal barq's")
    print(f"all {len(names)} layers equal")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
