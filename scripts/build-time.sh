#!/usr/bin/env bash
# How long a new user waits: a fresh clone of commit REV, an empty target/
# and an empty cargo cache (CARGO_HOME pointed at a new directory, so every
# crate is downloaded), then `cargo run --release -- figures` and
# `cargo test` in that clone, timed. README, "Build time".
#
#   scripts/build-time.sh [REV]            # default: HEAD
#   scripts/build-time.sh --kernel [REV]   # clone to a working SQL and chart kernel
#
# With --kernel it times, instead, what the notebook guide promises a
# newcomer: `cargo run --release -- kernel install` (registered in a new,
# empty Jupyter data directory; evcxr not installed), then the kernel
# started as Jupyter starts it and a first `%%sql` cell answered with a
# table. The total is the clone to a working query-and-chart notebook.
#
# Run it with nothing else on the machine; compare two commits by running
# it for each, one after the other. The clone goes into a new temporary
# directory, with nothing beside it (a newcomer's clone has no ../shared),
# and is removed afterwards. Each command's exit status is printed: a
# failing `cargo test` is timed all the same and reported.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
kernel=0
if [ "${1:-}" = --kernel ]; then kernel=1; shift; fi
rev="$(git -C "$repo" rev-parse "${1:-HEAD}")"
top="$(mktemp -d)"
dir="$top/negotiations"
export CARGO_HOME="$top/cargo-home"
mkdir -p "$CARGO_HOME"
trap 'rm -rf "$top"' EXIT
git clone -q "$repo" "$dir"
cd "$dir"
git checkout -q "$rev"
logs="$(mktemp -d)"
if [ "$kernel" = 1 ]; then
  export JUPYTER_DATA_DIR="$top/jupyter" NEGOTIATIONS_KERNEL_HOME="$top/kernel-home"
  s=$(date +%s)
  st=0; cargo run --release --locked -- kernel install --data-dir "$JUPYTER_DATA_DIR" > "$logs/install.log" 2>&1 || st=$?
  m=$(date +%s)
  [ "$st" = 0 ] && { python3 - > "$logs/cell.log" 2>&1 <<'PY' || st=$?
import time
from jupyter_client.manager import start_new_kernel
t = time.time()
km, kc = start_new_kernel(kernel_name="negotiations", startup_timeout=120)
reply = kc.execute_interactive("%%sql\nSELECT count(*) AS meetings FROM meetings", timeout=60,
                               output_hook=lambda m: print(m["header"]["msg_type"], str(m["content"])[:200]))
print("status", reply["content"]["status"], "seconds", round(time.time() - t, 2))
km.shutdown_kernel(now=True)
assert reply["content"]["status"] == "ok"
PY
  }
  e=$(date +%s)
  echo "${rev:0:7}: cargo run --release -- kernel install $((m - s)) s ($(grep -c Compiling "$logs/install.log") crates compiled), first SQL cell answered after $((e - m)) s more; clone to a working SQL and chart kernel $((e - s)) s (exit $st); logs in $logs"
  exit "$st"
fi
s=$(date +%s)
fig=0; cargo run --release --locked -- figures --out "$logs/figures" > "$logs/figures.log" 2>&1 || fig=$?
m=$(date +%s)
tst=0; cargo test --locked > "$logs/test.log" 2>&1 || tst=$?
e=$(date +%s)
echo "${rev:0:7}: cargo run --release -- figures $((m - s)) s (exit $fig, $(grep -c Compiling "$logs/figures.log") crates compiled); cargo test after it $((e - m)) s (exit $tst, $(grep -c Compiling "$logs/test.log") crates compiled); logs in $logs"
