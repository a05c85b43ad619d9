#!/usr/bin/env bash
# Installs what the notebooks' Rust cells need, once per machine: the evcxr
# Jupyter kernel, Jupyter and nbconvert, the rust-src component, the plain
# `rust` kernel spec, and the `negotiations` kernel (SQL and chart cells
# answered by this crate's release build, Rust cells by evcxr with this
# crate loaded and its prelude in scope); then warms that kernel's compile
# cache the way a notebook's first cell would, so the first notebook a user
# opens starts in seconds, not minutes.
#
# For SQL and chart cells alone, `cargo run --release -- kernel install` is
# enough (docs/notebooks.md).
#
# Idempotent: each install is skipped when done; the `negotiations` kernel
# spec is rewritten every time (so it follows the repository if it moves),
# and the warm-up only rebuilds what changed.
#
#   scripts/setup-notebooks.sh            everything
#   scripts/setup-notebooks.sh --no-warm  skip the warm-up
#   scripts/setup-notebooks.sh --cache-only  only write the kernel's build
#       profile and start its compile cache over if stale or too big
set -euo pipefail
# A command that fails stops the script; say which, since some fail without
# a word (a command substitution's, or one whose errors go to /dev/null).
trap 'st=$?; echo "$0: stopped at line $LINENO (exit $st): $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."
repo=$(pwd)
warm=1
cache_only=0
case "${1:-}" in
  --no-warm) warm=0 ;;
  --cache-only) cache_only=1 ;;
  "") ;;
  *) echo "$0: unknown option ${1} (use --no-warm or --cache-only)" >&2; exit 2 ;;
esac

state="${NEGOTIATIONS_KERNEL_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/negotiations-kernel}"
mkdir -p "$state/config" "$state/build"
evcxr_dir="$state/evcxr"

# The crate at full speed in cells: every dependency of a cell (the crate,
# its dylib, polars) is built as `cargo build --release` builds it (the
# crate at opt-level 3, without debug assertions or overflow checks; the
# polars crates the release profile leaves unoptimized likewise), while each
# cell's own code stays at `:opt 0` and quick to compile. Cells are the only
# workspace member, so `"*"` is everything else; the polars list is the
# release profile's own, read from Cargo.toml. The file sits above the build
# directory, where cargo finds it (evcxr writes the build directory's own
# `.cargo/config.toml`); when it changes, the kernel's record of the last
# build is dropped, so the next cell runs cargo and rebuilds what the new
# profile changes instead of replaying the old build.
mkdir -p "$state/.cargo"
profile=$(
  echo "# Written by scripts/setup-notebooks.sh: the kernel's dependencies as the release profile builds them."
  echo '[profile.dev.package."*"]'
  echo 'opt-level = 3'
  echo 'debug-assertions = false'
  echo 'overflow-checks = false'
  echo 'debug = false'
  # Proc macros and what they are built from run at compile time only:
  # left unoptimized, they build in a third of the time.
  host=$(rustc -vV | sed -n 's/^host: //p')
  { echo syn; echo quote; echo proc-macro2
    cargo tree --quiet --manifest-path kernel/Cargo.toml --prefix none -e normal,build --target "$host" |
      sed -n 's/^\([a-z0-9_-]*\) .*(proc-macro).*/\1/p' || true
  } | sort -u | while read -r name; do
    printf '[profile.dev.package.%s]\nopt-level = 0\n' "$name"
  done
  grep -o '^\[profile\.release\.package\.[a-z0-9_-]*\]' Cargo.toml | while read -r header; do
    name=${header#[profile.release.package.}
    name=${name%]}
    level=$(awk -v h="$header" '$0 == h {getline; sub(/.*= */, ""); print; exit}' Cargo.toml)
    printf '[profile.dev.package.%s]\nopt-level = %s\n' "$name" "$level"
  done
)
if [ "$(cat "$state/.cargo/config.toml" 2>/dev/null)" != "$profile" ]; then
  echo "$profile" > "$state/.cargo/config.toml"
  rm -f "$state/build/.evcxr-replay.json"
fi

# The compile cache (the build directory's target/) is kept between runs,
# but cargo never deletes what it built for a toolchain, lock file or
# profile no longer in use: each such change would add a full build (about
# 1.7 GB) beside the old ones. So the cache starts over when one of them
# changes (the next warm-up then takes its first-time 2.5 minutes), and
# when it has grown past 6 GB all the same (a dependency of a cell's own
# `:dep`, say).
cache_stamp=$({ rustc -vV; cat Cargo.lock kernel/Cargo.toml; echo "$profile"; } | sha256sum | cut -c1-16)
cache_kb=0
if [ -d "$state/build/target" ]; then
  cache_kb=$(du -sk "$state/build/target" | cut -f1)
fi
why=""
if [ "$(cat "$state/build/.cache-stamp" 2>/dev/null)" != "$cache_stamp" ]; then
  why="built for another toolchain, lock file or profile"
elif [ "$cache_kb" -gt 6000000 ]; then
  why="over 6 GB"
fi
if [ -n "$why" ]; then
  if [ -d "$state/build/target" ]; then
    echo "== start the kernel's compile cache over ($(awk -v kb="$cache_kb" 'BEGIN {printf "%.1f GB", kb / 1048576}'), $why)"
  fi
  rm -rf "$state/build/target" "$state/build/.evcxr-replay.json"
  echo "$cache_stamp" > "$state/build/.cache-stamp"
fi

# With --cache-only, stop here: .ci/run does this first, so a cache left
# over from an earlier run is gone before the cargo steps need the disk.
if [ "$cache_only" = 1 ]; then
  echo "kernel home $state: $(du -sh "$state" | cut -f1)"
  exit 0
fi

if ! command -v evcxr_jupyter >/dev/null 2>&1; then
  echo "== cargo install evcxr_jupyter (upstream's, for the plain rust kernel; about 8 minutes)"
  # Built in the directory the kernel's own evcxr_jupyter (below) is built
  # in, which then compiles only the patched crates (about 1 minute instead
  # of 8).
  CARGO_TARGET_DIR="$evcxr_dir/target" cargo install --locked evcxr_jupyter@0.22.0
fi

if ! python3 -c 'import jupyter_core, nbconvert, nbclient, ipykernel' >/dev/null 2>&1; then
  echo "== pip install jupyter and nbconvert"
  python3 -m pip install --quiet --disable-pip-version-check \
    "jupyter-core>=5" "nbconvert>=7" "nbclient>=0.10" "nbformat>=5" "jupyter-client>=8" "ipykernel>=6"
fi

if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  echo "== rustup component add rust-src"
  rustup component add rust-src
fi

if ! jupyter kernelspec list 2>/dev/null | grep -q '^ *rust '; then
  echo "== register the rust kernel"
  evcxr_jupyter --install
fi

# The negotiations kernel runs its own evcxr_jupyter: upstream 0.22.0 with
# kernel/evcxr/evcxr-0.22.0.patch, which compiles a cell by re-running the
# last build's recorded rustc command when only the cell changed, instead
# of running cargo (about 0.3 s of every cell; README, "Notebooks"). It is
# installed in the kernel's state directory, so the `evcxr_jupyter` on PATH
# and the plain `rust` kernel stay upstream's. Rebuilt when the patch, the
# lock file or the wrapper crate changes.
evcxr_stamp=$(cat kernel/evcxr/evcxr-0.22.0.patch kernel/evcxr/Cargo.toml kernel/evcxr/Cargo.lock kernel/evcxr/src/main.rs | sha256sum | cut -c1-16)
if [ ! -x "$evcxr_dir/bin/evcxr_jupyter" ] || [ "$(cat "$evcxr_dir/stamp" 2>/dev/null)" != "$evcxr_stamp" ]; then
  echo "== build the negotiations kernel's evcxr_jupyter (upstream 0.22.0 + kernel/evcxr/evcxr-0.22.0.patch; 1-8 minutes)"
  rm -rf "$evcxr_dir/fetch" "$evcxr_dir/src" "$evcxr_dir/bin"
  mkdir -p "$evcxr_dir/fetch/src" "$evcxr_dir/bin"
  # Upstream's source of evcxr 0.22.0, through cargo (so any registry
  # mirror in the user's cargo configuration is honoured).
  cat > "$evcxr_dir/fetch/Cargo.toml" <<'EOF'
[package]
name = "fetch-evcxr"
version = "0.0.0"
edition = "2021"
[workspace]
[dependencies]
evcxr = "=0.22.0"
EOF
  : > "$evcxr_dir/fetch/src/lib.rs"
  upstream=$(cargo metadata --quiet --format-version 1 --manifest-path "$evcxr_dir/fetch/Cargo.toml" |
    python3 -c 'import json,sys; print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"] == "evcxr" and p["version"] == "0.22.0"))')
  cp -r "$(dirname "$upstream")" "$evcxr_dir/src"
  patch --quiet -p1 -d "$evcxr_dir/src" < kernel/evcxr/evcxr-0.22.0.patch
  CARGO_TARGET_DIR="$evcxr_dir/target" cargo build --quiet --release --locked \
    --manifest-path kernel/evcxr/Cargo.toml \
    --config "patch.crates-io.evcxr.path=\"$evcxr_dir/src\""
  install -m 755 "$evcxr_dir/target/release/evcxr_jupyter" "$evcxr_dir/bin/evcxr_jupyter"
  # About 2 GB of build products; the binary is all the kernel needs.
  rm -rf "$evcxr_dir/target" "$evcxr_dir/fetch"
  echo "$evcxr_stamp" > "$evcxr_dir/stamp"
fi

echo "== register the negotiations kernel"
# The kernel's own evcxr settings (EVCXR_CONFIG_DIR), so the plain `rust`
# kernel's ~/.config/evcxr is neither read nor changed: kernel/config/, with
# the repository's path filled in (kernel/README.md, "Settings").
sed "s|@REPO@|$repo|" kernel/config/init.evcxr > "$state/config/init.evcxr"
cp kernel/config/prelude.rs "$state/config/prelude.rs"

# evcxr's launcher and the stand-in kernel go into the state directory:
# the `negotiations` kernel (this crate's `negotiations kernel run`) starts
# them behind itself for Rust cells (kernel/README.md, "How a start goes").
mkdir -p "$state/rust"
sed "s|@REPO@|$repo|" kernel/spec/negotiations-kernel > "$state/rust/negotiations-kernel.new"
chmod +x "$state/rust/negotiations-kernel.new"
mv "$state/rust/negotiations-kernel.new" "$state/rust/negotiations-kernel"
cp kernel/spec/kernel-error.py "$state/rust/kernel-error.py"

# The kernel itself is this crate's release build (the README's first
# command builds it; SQL and chart cells run in it, compiled once).
echo "== cargo build --release (the kernel: SQL and chart cells)"
cargo build --release --locked --quiet
target/release/negotiations kernel install --data-dir "$(jupyter --data-dir)" | sed 's/^/   /'
echo "   kernel 'negotiations': crate at $repo, state in $state"

if [ "$warm" = 1 ]; then
  echo "== warm the negotiations kernel's compile cache (about 2.5 minutes the first time)"
  start=$(date +%s)
  python3 kernel/warm.py
  touch "$state/warm"
  echo "   warm in $(( $(date +%s) - start )) s"
fi
echo "notebooks: ready (kernels: negotiations, rust)"
