#!/usr/bin/env python3
"""Are rarely lit pixels where the output pass's test error comes from? (docs/boundary-gap.md, "Where the fit stops
carrying over"), kept so that its numbers can be re-made.

Usage: python3 docs/scripts/rare_pixels.py DATASET CALIBRATION FLOAT.safetensors ROUNDED.safetensors...
with the arguments of flip_margins.py. A first-layer weight on a pixel that few calibration images light costs the
pass almost nothing to flip. Per rounded model it prints the first layer's squared rounding error per input column,
averaged over the pixels lit in fewer than 3 % of the calibration images (but some) and over those lit in more than
30 %; and, on the test digits near the boundary (the band's samples with float margins under 0.8), the root mean
square error of the hidden pre-activations, all of it and the part from pixels lit in under 1 % of the calibration
images. First it prints how many such pixels those digits light on average, against the rest of the band and the
whole test set. Needs numpy only.
"""
import os
import sys

import numpy as np

from barq_files import forward, images, safetensors


def main():
    root = os.path.join(os.environ.get('BARQ_DATA', '../shared/data'), sys.argv[1])
    floats, metadata = safetensors(sys.argv[3])
    scale = float(metadata.get('barq.input_scale', '1'))
    calibration = images(os.path.join(sys.argv[2], 'train-images-idx3-ubyte.gz')) * scale
    test = images(os.path.join(root, 't10k-images-idx3-ubyte.gz')) * scale
    lit = (calibration > 0).mean(0)
    rare = lit < 0.01
    zf = forward(floats, test)[1]
    top = np.sort(zf, 1)
    margin = top[:, -1] - top[:, -2]
    band = margin <= np.quantile(margin, 0.2)
    near = band & (margin < 0.8)
    rare_lit = ((test > 0) & rare).sum(1)
    print('pixels lit in under 1 %% of the calibration images, lit per test digit: near the boundary %.2f, rest of'
          ' the band %.2f, all %.2f' % (rare_lit[near].mean(), rare_lit[band & ~near].mean(), rare_lit.mean()))
    w = floats['layers.0.weight'].astype(np.float64)
    for path in sys.argv[4:]:
        d = safetensors(path)[0]['layers.0.weight'].astype(np.float64) - w
        column = (d ** 2).sum(0)
        error = test[near] @ d.T
        from_rare = test[near][:, rare] @ d[:, rare].T
        print('%s: squared error per column, pixels lit in (0, 3 %%) %.4f, over 30 %% %.4f; near the boundary, '
              'pre-activation rms %.3f, from rarely lit pixels %.3f'
              % (path, column[(lit > 0) & (lit < 0.03)].mean(), column[lit > 0.3].mean(),
                 np.sqrt((error ** 2).mean()), np.sqrt((from_rare ** 2).mean())))


if __name__ == '__main__':
    main()
