#!/usr/bin/env bash
# Executes every notebook headless with the evcxr `rust` kernel, fails on any
# cell error, records per-cell timings, and checks the figures the notebooks
# save against tests/golden/.
#
#   scripts/run-notebooks.sh            execute copies into notebooks/out/
#   scripts/run-notebooks.sh --inplace  execute and save outputs into the
#                                       notebooks themselves (to commit them)
#   scripts/run-notebooks.sh [--inplace] 02-marathon-vs-sprint
#                                       only the notebooks named
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
mode=""
if [ "${1:-}" = "--inplace" ]; then
  mode=--inplace
  shift
fi
only=("$@")

# evcxr compiles each cell in this directory; keeping it under target/
# lets later notebooks reuse what the first one built.
export EVCXR_TMPDIR=${EVCXR_TMPDIR:-$repo/target/evcxr}
mkdir -p "$EVCXR_TMPDIR" notebooks/out
rm -f notebooks/out/*.svg  # figures of an earlier run must not pass for this one's

status=0
for nb in notebooks/*.ipynb; do
  name=$(basename "$nb" .ipynb)
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " =~ " $name " ]]; then
    continue
  fi
  echo "== $name"
  args=(--to notebook --execute
        --ExecutePreprocessor.kernel_name=rust
        --ExecutePreprocessor.timeout=3600
        --ExecutePreprocessor.record_timing=True)
  if [ "$mode" = "--inplace" ]; then
    out="$nb"
    args+=(--inplace)
  else
    out="notebooks/out/$name.ipynb"
    args+=(--output-dir notebooks/out)
  fi
  start=$(date +%s)
  if ! jupyter nbconvert "${args[@]}" "$nb" > "notebooks/out/$name.log" 2>&1; then
    echo "FAILED: $name (log: notebooks/out/$name.log)"
    tail -n 40 "notebooks/out/$name.log"
    status=1
    continue
  fi
  echo "   $(( $(date +%s) - start )) s in all"
  python3 scripts/cell-timings.py "$out" | tee "notebooks/out/$name.timings.txt"
done

echo "== figures saved by the notebooks against tests/golden/"
found=0
for fig in notebooks/out/*.svg; do
  [ -e "$fig" ] || continue
  found=$((found + 1))
  if cmp -s "$fig" "tests/golden/$(basename "$fig")"; then
    echo "   same: $(basename "$fig")"
  else
    echo "DIFFERS: $fig vs tests/golden/$(basename "$fig")"
    status=1
  fi
done
if [ "$found" -lt 6 ] && { [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " =~ " 02-marathon-vs-sprint " ]]; }; then
  echo "expected the six figures of 02-marathon-vs-sprint, found $found"
  status=1
fi
exit $status
