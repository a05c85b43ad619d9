#!/usr/bin/env bash
# Where a warm notebook cell's time goes (README, "Notebooks"): cargo's
# check of the kernel's dependencies, and rustc's passes for these cells:
# the last cell the kernel compiled, one-line cells that name the crate
# (`use negotiations::prelude::*;` and `1 + 1`, a println!, ...) and a
# println! without the crate. Run it after a notebook has run on the negotiations
# kernel (scripts/run-notebooks.sh), with nothing else on the machine.
#
#   scripts/cell-cost.sh [RUNS]     # default 3 runs of each
#
# rustc's -Z time-passes is unstable: RUSTC_BOOTSTRAP=1 is set for these
# measuring runs only, never for the kernel. Outputs go to a temporary
# directory; the kernel's own build directory is only read.
set -euo pipefail
runs="${1:-3}"
state="${NEGOTIATIONS_KERNEL_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/negotiations-kernel}"
build="$state/build"
[ -f "$build/src/lib.rs" ] || { echo "no compiled cell in $build: run a notebook on the negotiations kernel first" >&2; exit 1; }
cd "$build"
target=$(rustc -vV | sed -n 's/^host: //p')
cargo_env=(env RUSTFLAGS=-Cprefer-dynamic CARGO_TARGET_DIR=target CARGO_BUILD_BUILD_DIR=target)
"${cargo_env[@]}" cargo build --quiet --target "$target" >/dev/null
echo "cargo's check with nothing changed (s):"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "  %e" "${cargo_env[@]}" cargo build --quiet --target "$target" >/dev/null
done

echo "cargo building the last cell again, unchanged (rustc run, nothing new to compile) (s):"
for _ in $(seq "$runs"); do
  touch src/lib.rs
  /usr/bin/time -f "  %e" "${cargo_env[@]}" cargo build --quiet --target "$target" >/dev/null
done

# The rustc command cargo runs for the cell crate.
touch src/lib.rs
cmd=$("${cargo_env[@]}" cargo build -v --target "$target" 2>&1 |
  sed -n 's/^ *Running `\(.*--crate-name ctx .*\)`$/\1/p')
[ -n "$cmd" ] || { echo "could not find the cell's rustc command" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp src/lib.rs "$tmp/last_cell.rs"
# One-line cells: plain arithmetic, then five that instantiate a generic
# function of std or polars with their own types (README, "Notebooks").
cell() {
  printf '#![allow(unused_imports)]\nuse negotiations::prelude::*;\n#[unsafe(no_mangle)]\npub extern "C" fn f() { %s }\n' "$2" > "$tmp/$1.rs"
}
cell plain 'let _ = 1 + 1;'
cell println 'println!("{}", 1 + 1);'
cell format 'std::hint::black_box(format!("{}", 2));'
cell lit 'let _ = lit(2025);'
cell collect 'std::hint::black_box((0..3).collect::<Vec<i32>>());'
cell dataset 'std::hint::black_box(Dataset::embedded().is_ok());'
printf '#[unsafe(no_mangle)]\npub extern "C" fn f() { println!("{}", 1 + 1); }\n' > "$tmp/without_crate.rs"
for cell in last_cell plain println format lit collect dataset without_crate; do
  mkdir -p "$tmp/$cell"
  c=$(echo "$cmd" | sed -e "s# src/lib.rs # $tmp/$cell.rs #" \
    -e "s#--out-dir [^ ]*#--out-dir $tmp/$cell#" \
    -e "s#-C incremental=[^ ]*#-C incremental=$tmp/$cell/incr#")
  # The incremental state a warm kernel has, with the flags measured.
  RUSTC_BOOTSTRAP=1 sh -c "$c -Z time-passes" >/dev/null 2>&1
  echo "$cell (s): total, monomorphization collector, linker"
  for k in $(seq "$runs"); do
    # A new cell is a new function (evcxr names each run_user_code_N):
    # rename it, so that incremental compilation cannot reuse the last run.
    sed -i -E "s/fn (run_user_code|f)(_probe[0-9]+)?\(/fn \1_probe$k(/" "$tmp/$cell.rs"
    RUSTC_BOOTSTRAP=1 sh -c "$c -Z time-passes" 2>&1 |
      awk '$NF == "total" || $NF == "monomorphization_collector_graph_walk" || $NF == "run_linker" {t[$NF] = $2}
           END {printf "  %s %s %s\n", t["total"], t["monomorphization_collector_graph_walk"], t["run_linker"]}' |
      tr -d ';'
  done
done
