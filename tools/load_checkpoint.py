#!/usr/bin/env python3
"""Load a barq checkpoint (safetensors) as plain torch/numpy modules, check it, and optionally measure its accuracy.

    python3 tools/load_checkpoint.py model.safetensors [--csv data.csv] [--numpy]

The file is read with `safetensors.torch.load_file` when the `safetensors` package is installed, else with a small
pure-numpy reader of the same format; the model runs as `torch.nn.Linear` layers with ReLU between them when PyTorch
is installed, else in numpy. --numpy uses numpy for both. A network with convolutions or pooling (barq.format = net-v1
or net-q-v1) is rebuilt from barq.network as torch.nn modules and needs PyTorch. For a rounded checkpoint
(mlp-q-v1, net-q-v1) it checks that every `layers.{i}.weight == layers.{i}.weight.scale * layers.{i}.weight.codes`
holds exactly in float32: one scale per output row (`weight.scale` [out]), or with group-wise scales
(`weight.scale` [out, in / G], `barq.group_size` = G) one per group of G consecutive inputs of a row, where a conv
layer's codes are [out, in, kh, kw] and its groups run along the flattened in * kh * kw.

A rounded checkpoint may store a correction of its logits fitted after rounding (barq.correction = cat or affine):
each sample's logits z go to the nearest row of `correction.centroids` [C, d] (compared after the PCA
p = (z - correction.pca_mean) @ correction.pca_components.T when those tensors exist), and come out as
z + alpha * ((gamma[c] * z + beta[c]) - z) with `correction.gamma`, `correction.beta` [C, K] and
alpha = barq.correction.alpha. The loader applies it, as barq's evaluate does; a reader that ignores these tensors has
the plain rounded model.

--csv FILE: raw features with the integer label in the last column (optionally gzip-compressed). Like barq, a first
line whose last cell is a word is a header and skipped. Inputs are scaled as barq does:
x = (raw - barq.input_offset) * barq.input_scale, and the forward pass runs in float64.

A model trained behind an input quantizer (barq train --input-bits; metadata barq.input_quantizer) is run as barq
runs it: raw features (as float32, which barq reads them as) are scaled by barq.input_quantizer.offset and .scale,
standardised with input_quantizer.mean and .std, coded as the count of each feature's input_quantizer.thresholds
passed (z > a), and decoded to the thermometer code (1 for each threshold passed, then 0) or, for
barq.input_quantizer.decoding = levels, to input_quantizer.levels; the network takes those values unscaled.
"""
import argparse
import gzip
import hashlib
import json
import struct
import sys

import numpy as np

NUMPY_DTYPES = {
    "F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2", "I8": "i1",
    "U64": "<u8", "U32": "<u4", "U16": "<u2", "U8": "u1", "BOOL": "?",
}


def fail(message):
    sys.exit("load_checkpoint: error: " + message)


def read_numpy(path):
    """The safetensors layout, read with numpy: returns ({name: array}, {metadata})."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        fail(f"{path}: only {len(raw)} bytes, not a safetensors file")
    (n,) = struct.unpack("<Q", raw[:8])
    if n < 2 or n > min(100_000_000, len(raw) - 8):
        fail(f"{path}: header length {n} does not fit a file of {len(raw)} bytes; not a safetensors file?")
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {}) or {}
    tensors = {}
    covered = 0
    for name, entry in sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"])):
        begin, end = entry["data_offsets"]
        if begin != covered:
            fail(f"{path}: tensor {name} starts at {begin}, expected {covered} (gap or overlap)")
        covered = end
        dtype, shape = entry["dtype"], tuple(entry["shape"])
        chunk = data[begin:end]
        if dtype == "BF16":
            bits = np.frombuffer(chunk, dtype="<u2").astype(np.uint32) << 16
            array = bits.view(np.float32)
        elif dtype in NUMPY_DTYPES:
            array = np.frombuffer(chunk, dtype=NUMPY_DTYPES[dtype])
        else:
            fail(f"{path}: tensor {name} has dtype {dtype}, which this reader does not know")
        if array.size != int(np.prod(shape, dtype=np.int64)):
            fail(f"{path}: tensor {name} of shape {list(shape)} does not match its {end - begin} bytes")
        tensors[name] = array.reshape(shape)
    if covered != len(data):
        fail(f"{path}: tensors cover {covered} of {len(data)} data bytes")
    return tensors, metadata


def read_torch(path):
    from safetensors import safe_open
    from safetensors.torch import load_file

    tensors = load_file(path)
    with safe_open(path, framework="pt") as f:
        metadata = f.metadata() or {}
    return {k: v.numpy() for k, v in tensors.items()}, metadata


def layer_count(tensors):
    count = 0
    while f"layers.{count}.weight" in tensors:
        count += 1
    if count == 0:
        fail("no layers.0.weight tensor: not a barq MLP checkpoint")
    return count


def check_rounded(tensors, metadata, indices):
    """Codes in range and weight == scale * codes bit for bit, for the weight layers numbered `indices`."""
    bits = int(metadata["barq.bits"])
    qmin, qmax = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    for i in indices:
        codes = tensors[f"layers.{i}.weight.codes"]
        scale = tensors[f"layers.{i}.weight.scale"]
        weight = tensors[f"layers.{i}.weight"]
        if codes.min() < qmin or codes.max() > qmax:
            fail(f"layer {i}: codes outside the {bits}-bit range [{qmin}, {qmax}]")
        out = codes.shape[0]
        width = codes.size // out
        groups = scale.size // out
        if scale.shape not in ((out,), (out, groups)) or groups < 1 or width % groups != 0:
            fail(f"layer {i}: weight.scale has shape {list(scale.shape)}, not [{out}] or [{out}, in / G] with G"
                 f" dividing {width}")
        group_size = width // groups
        recorded = metadata.get("barq.group_size")
        if recorded is not None and int(recorded) != group_size:
            fail(f"layer {i}: weight.scale gives groups of {group_size} inputs but barq.group_size is {recorded}")
        # scale [out, groups] repeated over each group's inputs, along the row flattened as [out, in * kh * kw]
        per_weight = np.repeat(scale.astype(np.float32).reshape(out, groups), group_size, axis=1)
        dequantized = (per_weight * codes.astype(np.float32).reshape(out, width)).reshape(codes.shape)
        if not np.array_equal(dequantized.view(np.uint32), weight.astype(np.float32).view(np.uint32)):
            bad = np.argwhere(dequantized != weight)
            fail(f"layer {i}: weight != scale * codes in float32, first at {bad[0].tolist() if len(bad) else '?'}")


def input_scaling(metadata):
    scale = np.asarray(json.loads(metadata["barq.input_scale"]), dtype=np.float64)
    offset = np.asarray(json.loads(metadata.get("barq.input_offset", "0.0")), dtype=np.float64)
    return offset, scale


def input_quantizer(tensors, metadata):
    """The stage in front of a network trained behind an input quantizer, as a function of raw features; None if
    the checkpoint has none. Returns (function, number of raw features, description)."""
    name = metadata.get("barq.input_quantizer")
    if name is None:
        return None
    bits = json.loads(metadata["barq.input_quantizer.bits"])
    scale = np.asarray(json.loads(metadata["barq.input_quantizer.scale"]), dtype=np.float64)
    offset = np.asarray(json.loads(metadata["barq.input_quantizer.offset"]), dtype=np.float64)
    mean = np.asarray(tensors["input_quantizer.mean"], dtype=np.float32).astype(np.float64)
    std = np.asarray(tensors["input_quantizer.std"], dtype=np.float32).astype(np.float64)
    thresholds = np.asarray(tensors["input_quantizer.thresholds"], dtype=np.float32).astype(np.float64)
    levels = metadata["barq.input_quantizer.decoding"] == "levels"
    level_values = np.asarray(tensors["input_quantizer.levels"], dtype=np.float32).astype(np.float64) if levels \
        else None
    starts = np.concatenate([[0], np.cumsum([(1 << b) - 1 for b in bits])])
    level_starts = np.concatenate([[0], np.cumsum([1 << b for b in bits])])
    features = len(bits)

    def forward(raw):
        z = ((raw.astype(np.float32).astype(np.float64) - offset) * scale - mean) / std
        columns = []
        for f in range(features):
            passed = z[:, f:f + 1] > thresholds[starts[f]:starts[f + 1]][None, :]
            if levels:
                columns.append(level_values[level_starts[f] + passed.sum(axis=1)][:, None])
            else:
                # the thresholds are sorted, so the count passed is a thermometer: ones, then zeros
                columns.append(passed.astype(np.float64))
        return np.concatenate(columns, axis=1)

    description = (f"{name}, {metadata['barq.input_quantizer.decoding']}, bits per feature "
                   f"{sorted(set(bits))}, {features} features -> {int(starts[-1]) if not levels else features}"
                   f" values, compression {32.0 * features / sum(bits):.1f}x against float32")
    return forward, features, description


def read_csv(path):
    with open(path, "rb") as f:
        opener = gzip.open if f.read(2) == b"\x1f\x8b" else open
    with opener(path, "rt") as f:
        lines = [line.strip() for line in f if line.strip()]

    def numeric(cell):
        try:
            float(cell)
            return True
        except ValueError:
            return False

    # barq's rule: a header's last (label) cell is a word; float() also takes nan and inf, and NA marks a gap
    last = lines[0].split(",")[-1].strip() if lines else ""
    if lines and not numeric(last) and last.upper() != "NA":
        lines = lines[1:]
    table = np.array([[float(c) for c in line.split(",")] for line in lines], dtype=np.float64)
    return table[:, :-1], table[:, -1].astype(np.int64)


def build_numpy(tensors, layers):
    """The MLP as a function of float64 inputs, weights widened to float64 as barq evaluates."""
    weights = [tensors[f"layers.{i}.weight"].astype(np.float64) for i in range(layers)]
    biases = [tensors[f"layers.{i}.bias"].astype(np.float64) for i in range(layers)]

    def forward(x):
        for i in range(layers):
            x = x @ weights[i].T + biases[i]
            if i < layers - 1:
                x = np.maximum(x, 0.0)
        return x

    return forward, f"numpy MLP with {layers} layers, ReLU between them"


def build_torch(tensors, layers):
    """The MLP as torch.nn.Linear layers with ReLU between them, run in float64."""
    import torch
    from torch import nn

    modules = []
    for i in range(layers):
        w = torch.from_numpy(np.array(tensors[f"layers.{i}.weight"], dtype=np.float32))
        linear = nn.Linear(w.shape[1], w.shape[0])
        with torch.no_grad():
            linear.weight.copy_(w)
            linear.bias.copy_(torch.from_numpy(np.array(tensors[f"layers.{i}.bias"], dtype=np.float32)))
        modules.append(linear)
        if i < layers - 1:
            modules.append(nn.ReLU())
    model = nn.Sequential(*modules).double().eval()

    def forward(x):
        with torch.no_grad():
            return model(torch.from_numpy(x)).numpy()

    return forward, repr(model).replace("\n", " ")


def build_network(tensors, metadata):
    """A net-v1 or net-q-v1 checkpoint (convolutions, pooling) as torch.nn modules from barq.network, in float64."""
    if not importable("torch"):
        fail(f"a {metadata['barq.format']} checkpoint (a network with convolutions or pooling) needs PyTorch; install python3-torch")
    import torch
    from torch import nn

    channels, height, width = json.loads(metadata["barq.input_shape"])
    modules = [nn.Unflatten(1, (channels, height, width))]
    for i, layer in enumerate(json.loads(metadata["barq.network"])):
        kind = layer["type"]
        if kind in ("dense", "conv"):
            w = torch.from_numpy(np.array(tensors[f"layers.{i}.weight"], dtype=np.float32))
            b = torch.from_numpy(np.array(tensors[f"layers.{i}.bias"], dtype=np.float32))
            if kind == "dense":
                # barq's dense layer reads its input flattened, channel-major; on [N, d] this changes nothing
                modules.append(nn.Flatten())
                module = nn.Linear(layer["in"], layer["out"])
            else:
                module = nn.Conv2d(layer["in"], layer["out"], tuple(layer["kernel"]), stride=layer["stride"],
                                   padding=layer["padding"])
            with torch.no_grad():
                module.weight.copy_(w.reshape(module.weight.shape))
                module.bias.copy_(b)
            modules.append(module)
        elif kind == "relu":
            modules.append(nn.ReLU())
        elif kind == "maxpool":
            modules.append(nn.MaxPool2d(layer["kernel"], layer["stride"]))
        elif kind == "avgpool":
            modules.append(nn.AvgPool2d(layer["kernel"], layer["stride"]))
        elif kind == "flatten":
            modules.append(nn.Flatten())
        else:
            fail(f"barq.network layer {i} has type {kind!r}")
    model = nn.Sequential(*modules).double().eval()

    def forward(x):
        with torch.no_grad():
            return model(torch.from_numpy(x)).numpy()

    return forward, repr(model).replace("\n", " ")


def correct(logits, tensors, metadata):
    """The deployed model's logits: the stored correction applied to the rounded network's logits, in float64."""
    z = np.asarray(logits, dtype=np.float64)
    points = z
    if "correction.pca_mean" in tensors:
        points = (z - tensors["correction.pca_mean"].astype(np.float64)) @ \
            tensors["correction.pca_components"].astype(np.float64).T
    centroids = tensors["correction.centroids"].astype(np.float64)
    distances = ((points[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    cluster = np.argmin(distances, axis=1)  # the first of equal distances, as barq
    alpha = float(metadata["barq.correction.alpha"])
    gamma = tensors["correction.gamma"].astype(np.float64)[cluster]
    beta = tensors["correction.beta"].astype(np.float64)[cluster]
    return z + alpha * ((gamma * z + beta) - z)


def with_correction(forward, tensors, metadata):
    """forward, followed by the checkpoint's logit correction when it has one."""
    if "barq.correction" not in metadata:
        return forward, ""
    clusters = tensors["correction.centroids"].shape[0]
    return (lambda x: correct(forward(x), tensors, metadata),
            f"; then the {metadata['barq.correction']} correction of the logits ({clusters} clusters,"
            f" alpha {metadata['barq.correction.alpha']})")


def importable(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint")
    parser.add_argument("--csv", help="raw features with the label last; prints the accuracy")
    parser.add_argument("--numpy", action="store_true", help="use the numpy reader even when torch is installed")
    args = parser.parse_args()

    read = read_numpy
    build = build_numpy
    if not args.numpy:
        if importable("safetensors.torch"):
            read = read_torch
        if importable("torch"):
            build = build_torch
    tensors, metadata = read(args.checkpoint)
    if metadata.get("barq.format") in ("net-v1", "net-q-v1"):
        rounded = metadata["barq.format"] == "net-q-v1"
        if rounded:
            check_rounded(tensors, metadata, [i for i, layer in enumerate(json.loads(metadata["barq.network"]))
                                              if layer["type"] in ("dense", "conv")])
        forward, description = build_network(tensors, metadata)
        forward, corrected = with_correction(forward, tensors, metadata)
        description += corrected
        shape = json.loads(metadata["barq.input_shape"])
        report(args, metadata, forward, description, metadata["barq.format"] + (
            f", {metadata['barq.bits']}-bit codes, weight == scale * codes holds" if rounded else ""),
            int(np.prod(shape)), read)
        return
    layers = layer_count(tensors)
    if metadata.get("barq.activation", "relu") != "relu":
        fail(f"barq.activation is {metadata['barq.activation']}, only relu is supported")
    sizes = [tensors["layers.0.weight"].shape[1]] + [tensors[f"layers.{i}.weight"].shape[0] for i in range(layers)]
    declared = json.loads(metadata.get("barq.layers", "null"))
    if declared is not None and declared != sizes:
        fail(f"barq.layers is {declared} but the tensors give {sizes}")
    rounded = metadata.get("barq.format") == "mlp-q-v1"
    if rounded:
        check_rounded(tensors, metadata, range(layers))

    forward, description = build(tensors, layers)
    forward, corrected = with_correction(forward, tensors, metadata)
    description += corrected
    print(f"layers: {sizes}")
    inputs = sizes[0]
    stage = input_quantizer(tensors, metadata)
    if stage is not None:
        quantize, inputs, stage_description = stage
        network = forward
        forward = lambda raw: network(quantize(raw))
        print(f"input quantizer: {stage_description}")
    report(args, metadata, forward, description, metadata.get("barq.format", "?") + (
        f", {metadata['barq.bits']}-bit codes, weight == scale * codes holds" if rounded else ""), inputs, read,
        stage is not None)


def report(args, metadata, forward, description, format_line, inputs, read, quantized=False):
    with open(args.checkpoint, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    print(f"checkpoint: {args.checkpoint} (sha256 {digest})")
    print(f"reader: {'safetensors.torch' if read is read_torch else 'numpy'}")
    print(f"format: {format_line}")
    print(f"model: {description}")
    print(f"input scale: {metadata.get('barq.input_scale')}"
          + (f", offset: {metadata['barq.input_offset']}" if "barq.input_offset" in metadata else ""))
    if args.csv:
        raw, labels = read_csv(args.csv)
        if raw.shape[1] != inputs:
            fail(f"{args.csv} has {raw.shape[1]} features per row but the model takes {inputs}")
        if quantized:
            logits = forward(raw)
        else:
            offset, scale = input_scaling(metadata)
            logits = forward((raw - offset) * scale)
        accuracy = float(np.mean(np.argmax(logits, axis=1) == labels))
        print(f"accuracy on {args.csv}: {accuracy:.4f} ({len(labels)} samples)")

if __name__ == "__main__":
    main()
