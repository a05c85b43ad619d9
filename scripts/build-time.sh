#!/usr/bin/env bash
# How long a new user waits: a fresh clone of commit REV, an empty target/
# and an empty cargo cache (CARGO_HOME pointed at a new directory, so every
# crate is downloaded), then `cargo run --release -- figures` and
# `cargo test` in that clone, timed. README, "Build time".
#
#   scripts/build-time.sh [REV]        # default: HEAD
#
# Run it with nothing else on the machine; compare two commits by running
# it for each, one after the other. The clone goes beside the repository
# (the tests read ../shared) and is removed afterwards.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
rev="$(git -C "$repo" rev-parse "${1:-HEAD}")"
dir="$(dirname "$repo")/build-time-${rev:0:7}"
export CARGO_HOME="$dir.cargo"
rm -rf "$dir" "$CARGO_HOME"
mkdir -p "$CARGO_HOME"
trap 'rm -rf "$dir" "$CARGO_HOME"' EXIT
git clone -q "$repo" "$dir"
cd "$dir"
git checkout -q "$rev"
logs="$(mktemp -d)"
s=$(date +%s)
cargo run --release --locked -- figures --out "$logs/figures" > "$logs/figures.log" 2>&1
m=$(date +%s)
cargo test --locked > "$logs/test.log" 2>&1
e=$(date +%s)
echo "${rev:0:7}: cargo run --release -- figures $((m - s)) s ($(grep -c Compiling "$logs/figures.log") crates compiled); cargo test after it $((e - m)) s ($(grep -c Compiling "$logs/test.log") crates compiled); logs in $logs"
