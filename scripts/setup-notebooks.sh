#!/usr/bin/env bash
# Installs what the notebooks need, once: the evcxr Jupyter kernel, Jupyter
# and nbconvert, the rust-src component, and the `rust` kernel spec.
# Idempotent: each step is skipped when already done.
set -euo pipefail

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
echo "notebooks: ready (kernel: rust)"
