#!/usr/bin/env python3
"""The docs/cat.md table of a corrections study: one row per variant of results.jsonl, in the study's order.

    python3 benchmarks/scripts/cat-table.py runs/cat-mnist/results.jsonl
"""
import json
import sys

rows = sorted((json.loads(line) for line in open(sys.argv[1])), key=lambda r: r["index"])
print("| bits | solver | correction | test acc | flip rate | band flip | band pair-order flip | slice Jaccard"
      " | cal. mean ‖z_f − z‖² before → after |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    t = r["test"]
    c = r.get("correction")
    solver, _, correction = r["solver_label"].partition("+")
    error = f'{c["calibration_error_before"]:.3g} → {c["calibration_error_after"]:.3g}' if c else ""
    print(f'| {r["bits"]} | {solver} | {correction or "none"} | {t["accuracy_rounded"]:.4f} | {t["flip_rate"]:.4f}'
          f' | {t["band_flip_rate"]:.4f} | {t["pair_order_flip"]:.4f} | {t["boundary_jaccard"]:.3f} | {error} |')
print()
print(f'float test accuracy {rows[0]["test"]["accuracy_float"]:.4f}, {rows[0]["test"]["n_samples"]} test samples')
