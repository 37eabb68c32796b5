"""Compares the output pass's own expectation with the test set, per study (docs/boundary-gap.md).

For every boundary-aware line (logits matched, lambda cross-validated) of each results.jsonl given, the expectation is
the square root of the chosen lambda's held-out pair-gap error ratio, which quantize prints; the outcome is the test
band's pair-order flip over that of the study's GPTQ line at the same bits, grid and group size. Prints one row per
study and width: seeds, mean expectation, mean outcome, GPTQ's test band flips.

    python3 docs/scripts/expected_flips.py runs/boundary/results.jsonl runs/boundary-mnist/results.jsonl
"""
import json
import math
import sys


def rows(path):
    lines = [json.loads(line) for line in open(path)]
    gptq = {}
    for line in lines:
        if line.get("solver_label") == "gptq" and "output_pass" not in line:
            gptq[(line["bits"], line.get("grid"), line.get("group_size"))] = line
    found = {}
    for line in lines:
        p = line.get("output_pass")
        if not p or "cross_validation" not in p or p.get("matching") != "logits":
            continue
        base = gptq.get((line["bits"], line.get("grid"), line.get("group_size")))
        if base is None or base["test"]["pair_order_flip"] == 0:
            continue
        chosen = next(s for s in p["cross_validation"] if s["lambda"] == p["lambda"])
        key = (line["solver_label"], line["bits"], line.get("grid"), line.get("group_size"))
        found.setdefault(key, []).append((math.sqrt(chosen["held_out_gap_ratio"]),
                                          line["test"]["pair_order_flip"] / base["test"]["pair_order_flip"],
                                          round(base["test"]["pair_order_flip"] * base["test"]["n_band"])))
    return found


def main(paths):
    print("study | method | bits | grid | seeds | expected (x GPTQ) | test (x GPTQ) | GPTQ's test band flips")
    for path in paths:
        for (label, bits, grid, group), values in sorted(rows(path).items()):
            n = len(values)
            print(f"{path} | {label} | {bits} | {grid}{'' if not group else ', groups of ' + str(group)} | {n} | "
                  f"{sum(v[0] for v in values) / n:.3f} | {sum(v[1] for v in values) / n:.3f} | {values[0][2]}")


if __name__ == "__main__":
    main(sys.argv[1:])
