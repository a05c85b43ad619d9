#!/usr/bin/env bash
# How long a new user waits: a fresh clone of commit REV, an empty target/
# and an empty cargo cache (CARGO_HOME pointed at a new directory, so every
# crate is downloaded), then `cargo run --release -- figures` and
# `cargo test` in that clone, timed. README, "Build time".
#
#   scripts/build-time.sh [REV]        # default: HEAD
#
# Run it with nothing else on the machine; compare two commits by running
# it for each, one after the other. The clone goes into a new temporary
# directory, with nothing beside it (a newcomer's clone has no ../shared),
# and is removed afterwards. Each command's exit status is printed: a
# failing `cargo test` is timed all the same and reported.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
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
s=$(date +%s)
fig=0; cargo run --release --locked -- figures --out "$logs/figures" > "$logs/figures.log" 2>&1 || fig=$?
m=$(date +%s)
tst=0; cargo test --locked > "$logs/test.log" 2>&1 || tst=$?
e=$(date +%s)
echo "${rev:0:7}: cargo run --release -- figures $((m - s)) s (exit $fig, $(grep -c Compiling "$logs/figures.log") crates compiled); cargo test after it $((e - m)) s (exit $tst, $(grep -c Compiling "$logs/test.log") crates compiled); logs in $logs"
