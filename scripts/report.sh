#!/usr/bin/env bash
# Renders a notebook, as committed with its outputs, into a report: a
# standalone HTML page and a PDF with vector figures, captions, real tables
# and the sources (docs/report.md says how, and why not Chromium's print).
#
#   scripts/report.sh                      notebooks/02-marathon-vs-sprint.ipynb into target/report/
#   scripts/report.sh NOTEBOOK [OUTDIR]    another notebook, or another place
#   scripts/report.sh --show-code ...      with the code cells (hidden by default)
#   scripts/report.sh --help               the other options (paper, data, --keep)
#
# Nothing is executed: the report shows the outputs the notebook carries.
# To report on fresh outputs, run scripts/run-notebooks.sh first and pass
# its notebooks/out/<name>.ipynb.
set -euo pipefail
# A command that fails stops the script; say which, since some fail without
# a word (a command substitution's, or one whose errors go to /dev/null).
trap 'st=$?; echo "$0: stopped at line $LINENO (exit $st): $BASH_COMMAND" >&2' ERR
# No cd: paths given are the caller's; report.py finds its own files.
here=$(dirname "$0")

# pandoc and Typst come from PyPI wheels (scripts/install-ci-deps.sh); say
# so rather than fail inside Python.
if ! python3 -c 'import pypandoc, typst' 2>/dev/null; then
  echo "report: pandoc or Typst is missing: run scripts/install-ci-deps.sh" >&2
  exit 1
fi
# Defaults: notebooks/02-marathon-vs-sprint.ipynb into target/report/.
python3 "$here/report.py" "$@"
