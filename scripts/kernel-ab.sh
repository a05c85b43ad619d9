#!/usr/bin/env bash
# Repeats the README's comparison of later-cell times: each notebook run on
# the `negotiations` kernel (A: its own evcxr, which skips cargo) and then
# on the same kernel started on upstream's evcxr_jupyter (B), notebook by
# notebook, B with a copy of the warmed build directory of its own so that
# neither run rebuilds the other's cell crate. Prints each notebook's
# medians and the pooled median, mean and ratio; the replayed rustc's
# median time from A's compile logs. Run after setup-notebooks.sh.
#
#   scripts/kernel-ab.sh [NOTEBOOK...]    default: all five
set -euo pipefail
cd "$(dirname "$0")/.."
state="${NEGOTIATIONS_KERNEL_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/negotiations-kernel}"
stock=$(command -v evcxr_jupyter) || { echo "upstream evcxr_jupyter is not on PATH" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/B"
cp -a "$state/config" "$state/build" "$work/B/"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(01-tables 02-marathon-vs-sprint 03-your-own-data 04-explore 05-base-rates)

B() { NEGOTIATIONS_KERNEL_HOME="$work/B" NEGOTIATIONS_EVCXR="$stock" bash scripts/run-notebooks.sh "$@"; }
echo "== warming B's copy (its path changed: the cell crate rebuilds once)"
B "${names[0]}" > /dev/null 2>&1 || true
for nb in "${names[@]}"; do
  echo "== $nb"
  # run-notebooks.sh fails B for compiling every cell through cargo: expected.
  bash scripts/run-notebooks.sh "$nb" > "$work/A-$nb.txt" 2>&1 || true
  cp "notebooks/out/$nb.compiles" "$work/A-$nb.compiles"
  B "$nb" > "$work/B-$nb.txt" 2>&1 || true
done
python3 - "$work" "${names[@]}" <<'PY'
import re, statistics, sys
work, names = sys.argv[1], sys.argv[2:]
pooled = {"A": [], "B": []}
for nb in names:
    row = []
    for v in "AB":
        cells = [float(x) for x in re.findall(r"cell +\d+: +([\d.]+) s", open(f"{work}/{v}-{nb}.txt").read())]
        pooled[v] += cells[2:]
        row.append(statistics.median(cells[2:]) if len(cells) > 2 else float("nan"))
    print(f"   {nb}: later cells' median A {row[0]:.2f} s, B {row[1]:.2f} s, A/B {row[0] / row[1]:.2f}")
a, b = pooled["A"], pooled["B"]
print(f"   pooled ({len(a)} cells): median A {statistics.median(a):.2f} s, B {statistics.median(b):.2f} s, "
      f"ratio {statistics.median(a) / statistics.median(b):.2f}; mean A {statistics.mean(a):.2f} s, B {statistics.mean(b):.2f} s")
logs = "".join(open(f"{work}/A-{nb}.compiles").read() for nb in names)
replays = sorted(float(x) for x in re.findall(r"^replay \(([\d.]+) s\)", logs, re.M))
print(f"   A: {len(replays)} of {len(logs.splitlines())} compilations skipped cargo; "
      f"replayed rustc median {statistics.median(replays):.2f} s")
PY
