#!/usr/bin/env python3
"""Writes quantiles.csv: numpy's default (linear) quantiles and band sizes, the reference for QuantilesTest.

Run from this directory: python3 quantiles.py
"""
import numpy as np

rng = np.random.default_rng(20240601)
rows = []
cases = [
    np.array([3.0]),
    np.array([1.0, 2.0]),
    np.array([0.5, 0.5, 0.5, 0.5]),
    np.array([4.0, -1.0, 2.5, 2.5, 0.0, 7.25]),
]
for n in (5, 37, 60, 450):
    cases.append(rng.exponential(1.3, n))
cases.append(np.round(rng.exponential(2.0, 90), 1))  # many ties
for values in cases:
    for q in (0.0, 0.1, 0.2, 0.25, 0.5, 0.7, 0.9, 1.0):
        threshold = np.quantile(values, q)
        band = int(np.sum(values <= threshold))
        rows.append((" ".join(repr(float(v)) for v in values), q, repr(float(threshold)), band))

with open("quantiles.csv", "w") as f:
    f.write("values,q,threshold,band\n")
    for values, q, threshold, band in rows:
        f.write(f"{values},{q!r},{threshold},{band}\n")
