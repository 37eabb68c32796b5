#!/usr/bin/env python3
"""The bias-correction check of docs/boundary-gap.md ("What was tried"), kept so that its numbers can be re-made.

Usage: python3 docs/scripts/bias_correction_check.py DATASET FLOAT.safetensors ROUNDED.safetensors...
with BARQ_DATA (or ../shared/data) holding DATASET's idx files, e.g. fashion-mnist, and rounded checkpoints of a
[784, H, 10] float model made by `barq quantize`. For each rounded model it prints the test band pair-order flip
(FORMULATION §5, band 0.2) as rounded, then with each hidden unit's bias and each logit's bias moved by the mean error
of its pre-activation over the last 12 000 images of the training file. Needs numpy only.
"""
import os
import sys

import numpy as np

from barq_files import band_gaps, forward, images, safetensors


def pair_order_flip(zf, zq):
    return np.mean(band_gaps(zf, zq)[1] < 0)


def main():
    root = os.path.join(os.environ.get('BARQ_DATA', '../shared/data'), sys.argv[1])
    floats, metadata = safetensors(sys.argv[2])
    scale = float(metadata.get('barq.input_scale', '1'))
    test = images(os.path.join(root, 't10k-images-idx3-ubyte.gz')) * scale
    fit = images(os.path.join(root, 'train-images-idx3-ubyte.gz'))[-12000:] * scale
    b0, b1 = floats['layers.0.bias'], floats['layers.1.bias']
    zf_test = forward(floats, test, b0, b1)[1]
    pre_f, zf_fit = forward(floats, fit, b0, b1)
    for path in sys.argv[3:]:
        rounded = safetensors(path)[0]
        pre_q, _ = forward(rounded, fit, b0, b1)
        c0 = b0 + (pre_f - pre_q).mean(0)
        c1 = b1 + (zf_fit - forward(rounded, fit, c0, b1)[1]).mean(0)
        print('%s: as rounded %.4f, biases corrected %.4f' % (path, pair_order_flip(zf_test, forward(rounded, test, b0,
              b1)[1]), pair_order_flip(zf_test, forward(rounded, test, c0, c1)[1])))


if __name__ == '__main__':
    main()
