#!/usr/bin/env bash
# Installs what CI needs beyond the Rust toolchain. Idempotent.
#
# - the Frictionless validator, for data/datapackage.json and
#   data/context/datapackage.json;
# - pyarrow, pandas and DuckDB, to read the Parquet export back
#   (scripts/check-parquet.py);
# - Debian's Chromium, to render the executed notebooks as a reader sees
#   them (scripts/check-notebook-html.py);
# - pandoc and Typst, to render a notebook as an HTML page and a PDF report
#   (scripts/report.sh), both from PyPI wheels that carry the binary:
#   Quarto's own PyPI package downloads its binary from the web at install
#   time, which a machine that reaches only package registries cannot;
# - Debian's Poppler tools, to check the report's PDF (fonts, images, pages;
#   scripts/check-report.py) and draw its pages as PNG to look at.
# - JupyterLab and Playwright, to open the charts' interactive twins in a
#   real JupyterLab in that Chromium (scripts/check-lab.py; Playwright
#   drives the system's Chromium: no browser is downloaded).
set -euo pipefail
# A command that fails stops the script; say which, since some fail without
# a word (a command substitution's, or one whose errors go to /dev/null).
trap 'st=$?; echo "$0: stopped at line $LINENO (exit $st): $BASH_COMMAND" >&2' ERR
pip() { python3 -m pip install --quiet --disable-pip-version-check "$@"; }
apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

command -v frictionless >/dev/null 2>&1 || pip "frictionless==5.21.0"
frictionless --version >/dev/null

python3 -c 'import pyarrow, pandas, duckdb' >/dev/null 2>&1 || pip "pyarrow>=15" "pandas>=2" "duckdb>=1"

command -v chromium >/dev/null 2>&1 || apt_install chromium
chromium --version >/dev/null

# Pinned: the PDF is compared byte for byte across renders, and a new pandoc
# or Typst may set the same page differently.
python3 - <<'PY' >/dev/null 2>&1 || pip "pypandoc-binary==1.17" "typst==0.15.2"
from importlib.metadata import version
assert version("pypandoc-binary") == "1.17" and version("typst") == "0.15.2"
PY
python3 -c 'import pypandoc, typst; pypandoc.get_pandoc_version()' >/dev/null

command -v pdffonts >/dev/null 2>&1 || apt_install poppler-utils
pdffonts -v >/dev/null 2>&1
python3 -c 'import jupyterlab, playwright' >/dev/null 2>&1 || pip "jupyterlab==4.6.6" "playwright==1.65.2"
jupyter lab --version >/dev/null
