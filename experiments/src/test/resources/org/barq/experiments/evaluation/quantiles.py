"""Writes quantiles.csv: numpy.quantile with the default "linear" method (FORMULATION section 8).

Run from this folder:  python3 quantiles.py
"""
import numpy as np

rng = np.random.default_rng(20240611)
samples = [
    [4.0],
    [1.0, 3.0],
    [7.0, 5.0, 5.0, 3.0],
    [0.0, 0.0, 0.0, 1.0, 1.0],
    list(rng.normal(size=7)),
    list(rng.exponential(size=10)),
    list(np.round(rng.uniform(-5, 5, size=23), 3)),
]
levels = [0.0, 0.1, 0.2, 0.25, 0.5, 0.75, 0.9, 1.0]
with open("quantiles.csv", "w") as out:
    out.write("values,q,expected\n")
    for s in samples:
        text = " ".join(repr(float(v)) for v in s)
        for q in levels:
            out.write('"%s",%r,%r\n' % (text, q, float(np.quantile(np.array(s), q))))
