#!/usr/bin/env bash
# `negotiations figures` (seven charts, SVG and PNG) against pandas +
# matplotlib drawing the same seven charts from the same rows
# (scripts/figures-matplotlib.py), run in turn, A B A B ..., in one run:
# the median of each side's own printed time (from reading the data to the
# last file written) and of their ratio pair by pair, then the same for
# the whole process (start-up, imports and loading included).
#
#   bash scripts/figures-vs-matplotlib.sh [RUNS]    (default 11)
#
# Needs a release build (`cargo build --release`), pandas and matplotlib
# (`python3 -m pip install pandas matplotlib`). docs/benchmarks.md,
# "Report figures against pandas + matplotlib", has the numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --locked --quiet
cargo run --release --locked --quiet --example chart_rows -- "$work/rows" >/dev/null
bin=target/release/negotiations
seconds() { sed -n 's/.* in \([0-9.]*\) s$/\1/p'; }
for i in $(seq 0 "$runs"); do
    t0=$(date +%s%N)
    a=$("$bin" figures --format both --out "$work/rust" | seconds)
    t1=$(date +%s%N)
    b=$(python3 scripts/figures-matplotlib.py "$work/rows" "$work/mpl" | seconds)
    t2=$(date +%s%N)
    # The first pair warms the caches and is not counted.
    [ "$i" = 0 ] || echo "$a $b $(((t1 - t0) / 1000))e-6 $(((t2 - t1) / 1000))e-6"
done >"$work/times"
python3 - "$work/times" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
med = lambda xs: statistics.median(xs)
a, b, pa, pb = zip(*rows)
print(f"{len(rows)} pairs, medians:")
print(f"  drawing and writing: negotiations {med(a) * 1e3:.0f} ms, pandas + matplotlib {med(b) * 1e3:.0f} ms, "
      f"ratio {med([y / x for x, y in zip(a, b)]):.1f}x")
print(f"  whole process:       negotiations {med(pa) * 1e3:.0f} ms, pandas + matplotlib {med(pb) * 1e3:.0f} ms, "
      f"ratio {med([y / x for x, y in zip(pa, pb)]):.1f}x")
PY
