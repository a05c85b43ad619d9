#!/usr/bin/env bash
# Installs what CI needs beyond the Rust toolchain: the Frictionless
# validator for data/datapackage.json. Idempotent.
set -euo pipefail
if ! command -v frictionless >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check "frictionless==5.21.0"
fi
frictionless --version >/dev/null
