#!/usr/bin/env bash
# solver-table: each layer's R and seconds for GPTQ and the solvers that start from it, and R as a fraction of
# GPTQ's, as a markdown table (issue 16's targets: R <= 0.85 x GPTQ's in at most 10 s per layer).
#
#   benchmarks/scripts/solver-table.sh MODEL.safetensors BITS [DATA_DIR]
#
# MODEL is a float checkpoint whose data set is under DATA_DIR ($BARQ_DATA, else ../shared/data). Each solver runs
# once through ./barq quantize (deterministic for its seed; the seconds are one run's, on whatever else the machine
# is doing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="$1"
bits="$2"
data="${3:-${BARQ_DATA:-$root/../shared/data}}"
barq="${BARQ:-$root/barq}"   # a launcher; BARQ=path/to/script runs another build
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
solvers=("gptq" "coordinate-descent --option start=gptq" "pair-search" "pair-search --option kicks=8000")
for i in "${!solvers[@]}"; do
  # shellcheck disable=SC2086
  "$barq" quantize --model "$model" --bits "$bits" --data-dir "$data" --solver ${solvers[$i]} \
      --out "$tmp/q$i.safetensors" | awk '$1 ~ /^[0-9]+$/ && NF >= 10 {print $1, $2, $7, $10}' > "$tmp/r$i"
done
echo "| layer | shape | solver | R | / GPTQ | seconds |"
echo "| --- | --- | --- | --- | --- | --- |"
for i in "${!solvers[@]}"; do
  paste -d' ' "$tmp/r0" "$tmp/r$i" | while read -r layer shape r0 s0 _ _ r s; do
    awk -v l="$layer" -v sh="$shape" -v name="${solvers[$i]}" -v r="$r" -v r0="$r0" -v s="$s" \
        'BEGIN {printf "| %s | %s | `%s` | %.4f | %.3f | %.2f |\n", l, sh, name, r, r / r0, s}'
  done
done | sort -t'|' -k2,2n -s
