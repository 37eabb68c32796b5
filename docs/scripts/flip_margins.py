#!/usr/bin/env python3
"""Where the held-out band's pair-order flips come from (docs/boundary-gap.md, "Where the flips come from"), kept so
that its numbers can be re-made.

Usage: python3 docs/scripts/flip_margins.py DATASET CALIBRATION FLOAT.safetensors ROUNDED.safetensors...
with BARQ_DATA (or ../shared/data) holding DATASET's idx files, e.g. mnist, CALIBRATION the folder to which
ExportSplit.java wrote the model's calibration split (`... ExportSplit.java mnist 12000 0 calibration CALIBRATION`),
and rounded checkpoints of a [784, H, 10] float model. On the test images' band (the 20 % of smallest float margin,
FORMULATION §5) it prints the band's float margins by bin; then per rounded model the pair-order flips by bin, the
standard deviation `sigma` of the pair-gap change `m - m_f` over the band, the mean squared change on the calibration
split's band and on the test band, and the flips a Gaussian change of that `sigma` would give: sum over the band of
Phi(-m_f / sigma); then, on each split's band by float margin (below 0.3, 0.3 to 0.8, above), the samples, the root
mean square of the change and the flips, to show how much of the calibration set's fit carries over where the flips
are. Needs numpy only.
"""
import math
import os
import sys

import numpy as np

from barq_files import band_gaps, forward, images, safetensors

EDGES = [0, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, math.inf]
NEAR = [0, 0.3, 0.8, math.inf]


def gaussian_flips(mf, sigma):
    return sum(0.5 * math.erfc(m / sigma / math.sqrt(2)) for m in mf)


def main():
    root = os.path.join(os.environ.get('BARQ_DATA', '../shared/data'), sys.argv[1])
    floats, metadata = safetensors(sys.argv[3])
    scale = float(metadata.get('barq.input_scale', '1'))
    sets = {'calibration': images(os.path.join(sys.argv[2], 'train-images-idx3-ubyte.gz')) * scale,
            'test': images(os.path.join(root, 't10k-images-idx3-ubyte.gz')) * scale}
    zf = {name: forward(floats, x)[1] for name, x in sets.items()}
    mf_test = band_gaps(zf['test'], zf['test'])[0]
    print('test band: %d samples, float margins by bin %s: %s' % (len(mf_test), EDGES[1:-1],
                                                                 np.histogram(mf_test, EDGES)[0]))
    for path in sys.argv[4:]:
        rounded = safetensors(path)[0]
        square = {}
        near = []
        for name, x in sets.items():
            mf, mq = band_gaps(zf[name], forward(rounded, x)[1])
            square[name] = np.mean((mq - mf) ** 2)
            for lo, hi in zip(NEAR, NEAR[1:]):
                part = (mf >= lo) & (mf < hi)
                near.append('%s [%g, %g): %d, rms %.3f, flips %d' % (name, lo, hi, part.sum(),
                                                                    np.sqrt(np.mean((mq - mf)[part] ** 2)),
                                                                    (mq[part] < 0).sum()))
        mf, mq = band_gaps(zf['test'], forward(rounded, sets['test'])[1])
        flipped = mq < 0
        sigma = np.std(mq - mf)
        print('%s: flips %d, by bin %s; sigma %.3f; mean squared change calibration %.4f, test %.4f; Gaussian flips '
              '%.1f' % (path, flipped.sum(), np.histogram(mf[flipped], EDGES)[0], sigma, square['calibration'],
                        square['test'], gaussian_flips(mf, sigma)))
        print('  by float margin: ' + '; '.join(near))


if __name__ == '__main__':
    main()
