#!/usr/bin/env bash
# Installs what CI needs beyond the Rust toolchain. Idempotent.
#
# - the Frictionless validator, for data/datapackage.json and
#   data/context/datapackage.json;
# - pyarrow, pandas and DuckDB, to read the Parquet export back
#   (scripts/check-parquet.py);
# - Debian's Chromium, to render the executed notebooks as a reader sees
#   them (scripts/check-notebook-html.py);
# - JupyterLab and Playwright, to open the charts' interactive twins in a
#   real JupyterLab in that Chromium (scripts/check-lab.py; Playwright
#   drives the system's Chromium: no browser is downloaded).
set -euo pipefail
pip() { python3 -m pip install --quiet --disable-pip-version-check "$@"; }

command -v frictionless >/dev/null 2>&1 || pip "frictionless==5.21.0"
frictionless --version >/dev/null

python3 -c 'import pyarrow, pandas, duckdb' >/dev/null 2>&1 || pip "pyarrow>=15" "pandas>=2" "duckdb>=1"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
chromium --version >/dev/null

python3 -c 'import jupyterlab, playwright' >/dev/null 2>&1 || pip "jupyterlab==4.6.6" "playwright==1.65.2"
jupyter lab --version >/dev/null
