#!/usr/bin/env bash
# Installs what the notebooks need, once per machine: the evcxr Jupyter
# kernel, Jupyter and nbconvert, the rust-src component, the plain `rust`
# kernel spec, and the `negotiations` kernel (the Rust kernel with this
# crate loaded and its prelude in scope); then warms that kernel's compile
# cache the way a notebook's first cell would, so the first notebook a user
# opens starts in seconds, not minutes.
#
# Idempotent: each install is skipped when done; the `negotiations` kernel
# spec is rewritten every time (so it follows the repository if it moves),
# and the warm-up only rebuilds what changed.
#
#   scripts/setup-notebooks.sh            everything
#   scripts/setup-notebooks.sh --no-warm  skip the warm-up
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
warm=1
[ "${1:-}" = "--no-warm" ] && warm=0

if ! command -v evcxr_jupyter >/dev/null 2>&1; then
  echo "== cargo install evcxr_jupyter (about 6 minutes)"
  cargo install --locked evcxr_jupyter@0.22.0
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

echo "== register the negotiations kernel"
state="${NEGOTIATIONS_KERNEL_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/negotiations-kernel}"
mkdir -p "$state/config" "$state/build"
# The kernel's own evcxr settings (EVCXR_CONFIG_DIR), so the plain `rust`
# kernel's ~/.config/evcxr is neither read nor changed.
# No `:cache`: evcxr's compile cache makes cargo rebuild the crates that
# have build scripts (serde, polars...) at every cell, about 12 s each; the
# kernel's own build directory (EVCXR_TMPDIR) keeps everything compiled
# between sessions instead. The crate is loaded as `kernel/`, its dylib
# build (one shared copy of it and of polars for every cell), under its
# own name.
cat > "$state/config/init.evcxr" <<EOF
:opt 0
:dep negotiations = { package = "negotiations-notebook", path = "$repo/kernel" }
EOF
# The prelude binds one variable: evcxr works out the type of every
# variable a cell binds with rust-analyzer, which loads the whole crate
# graph the first time (about 10 s). Doing it here, while Jupyter starts
# the kernel (as a notebook opens), makes the notebook's first `let` cell
# take about 2 s instead of 12.
cat > "$state/config/prelude.rs" <<'EOF'
use negotiations::prelude::*;
// Bound so that rust-analyzer loads while the kernel starts (see setup-notebooks.sh).
let kernel_ready = true;
EOF
spec=$(mktemp -d)
sed "s|@REPO@|$repo|" scripts/negotiations-kernel > "$spec/negotiations-kernel"
cp scripts/kernel-error.py "$spec/kernel-error.py"
chmod +x "$spec/negotiations-kernel"
cat > "$spec/kernel.json" <<EOF
{
  "argv": ["$(jupyter --data-dir)/kernels/negotiations/negotiations-kernel", "{connection_file}"],
  "display_name": "Rust · negotiations (Kissinger vs Trump: tables, charts, base rates)",
  "language": "rust",
  "interrupt_mode": "message",
  "metadata": {"debugger": false}
}
EOF
jupyter kernelspec install --user --name negotiations --replace "$spec" >/dev/null
rm -rf "$spec"
echo "   kernel 'negotiations': crate at $repo, state in $state"

if [ "$warm" = 1 ]; then
  echo "== warm the negotiations kernel's compile cache (about 2.5 minutes the first time)"
  start=$(date +%s)
  python3 scripts/warm-kernel.py
  touch "$state/warm"
  echo "   warm in $(( $(date +%s) - start )) s"
fi
echo "notebooks: ready (kernels: negotiations, rust)"
