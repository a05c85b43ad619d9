#!/usr/bin/env bash
# Executes every notebook headless on the kernel its metadata names (the
# `negotiations` kernel: scripts/setup-notebooks.sh installs it), fails on
# any cell error, records per-cell timings, checks the figures the notebooks
# save against tests/golden/, and renders each executed notebook in
# headless Chromium to check that no output is clipped and no table cell
# spills (screenshots in target/notebook-screens/).
#
#   scripts/run-notebooks.sh            execute copies into notebooks/out/
#   scripts/run-notebooks.sh --inplace  execute and save outputs into the
#                                       notebooks themselves (to commit them)
#   scripts/run-notebooks.sh [--inplace] 02-marathon-vs-sprint
#                                       only the notebooks named
set -euo pipefail
# A command that fails stops the script; say which, since some fail without
# a word (a command substitution's, or one whose errors go to /dev/null).
trap 'st=$?; echo "$0: stopped at line $LINENO (exit $st): $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."
repo=$(pwd)
mode=""
if [ "${1:-}" = "--inplace" ]; then
  mode=--inplace
  shift
fi
only=("$@")

mkdir -p notebooks/out
rm -f notebooks/out/*.svg  # figures of an earlier run must not pass for this one's

status=0
for nb in notebooks/*.ipynb; do
  name=$(basename "$nb" .ipynb)
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " =~ " $name " ]]; then
    continue
  fi
  echo "== $name"
  args=(--to notebook --execute
        --ExecutePreprocessor.timeout=3600
        --ExecutePreprocessor.startup_timeout=1800
        --ExecutePreprocessor.record_timing=True
        --ExecutePreprocessor.allow_errors=True)
  if [ "$mode" = "--inplace" ]; then
    out="$nb"
    args+=(--inplace)
  else
    out="notebooks/out/$name.ipynb"
    args+=(--output-dir notebooks/out)
  fi
  # The kernel's evcxr appends "replay" or "cargo" here for every cell it
  # compiles (kernel/evcxr/evcxr-0.22.0.patch).
  compiles="$repo/notebooks/out/$name.compiles"
  rm -f "$compiles"
  start=$(date +%s)
  if ! EVCXR_REPLAY_LOG="$compiles" jupyter nbconvert "${args[@]}" "$nb" > "notebooks/out/$name.log" 2>&1; then
    echo "FAILED: $name (log: notebooks/out/$name.log)"
    tail -n 40 "notebooks/out/$name.log"
    status=1
    continue
  fi
  echo "   $(( $(date +%s) - start )) s in all"
  # Timings, and every cell error in full (non-zero exit if any).
  if ! python3 scripts/cell-timings.py "$out" > "notebooks/out/$name.timings.txt"; then
    status=1
  fi
  cat "notebooks/out/$name.timings.txt"
  replayed=$(grep -c '^replay' "$compiles" 2>/dev/null || true)
  through_cargo=$(grep -c '^cargo' "$compiles" 2>/dev/null || true)
  echo "   compiled without cargo (rustc replayed): ${replayed:-0}; through cargo: ${through_cargo:-0}"
  rust_cells=$(sed -n 's/^   rust cells: //p' "notebooks/out/$name.timings.txt")
  if [ "${replayed:-0}" -eq 0 ] && [ "${rust_cells:-0}" -gt 1 ]; then
    echo "FAILED: $name: no cell was compiled without cargo; is the kernel's own evcxr_jupyter (scripts/setup-notebooks.sh) the one running?"
    status=1
  fi
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
echo "== the executed notebooks as a browser shows them"
executed=()
if [ "$mode" = "--inplace" ]; then
  for nb in notebooks/*.ipynb; do
    name=$(basename "$nb" .ipynb)
    if [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " =~ " $name " ]]; then executed+=("$nb"); fi
  done
else
  for nb in notebooks/out/*.ipynb; do [ -e "$nb" ] && executed+=("$nb"); done
fi
if [ ${#executed[@]} -gt 0 ]; then
  python3 scripts/check-notebook-html.py "${executed[@]}" || status=1
fi

if [ "$found" -lt 6 ] && { [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " =~ " 02-marathon-vs-sprint " ]]; }; then
  echo "expected the six figures of 02-marathon-vs-sprint, found $found"
  status=1
fi
exit $status
