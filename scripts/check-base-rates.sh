#!/usr/bin/env bash
# Cross-checks the Rust base rates against the independent Python
# implementation, for all four variants of the durability rule (conflict or
# dyad level × clock from signing or from the first quiet year): survival of
# all agreements and per pa_type at 1, 2, 5 and 10 years. Exits non-zero if
# any figure differs by more than 0.1 percentage points (or a run fails).
#
# Usage: scripts/check-base-rates.sh [CONTEXT_DIR]
#   CONTEXT_DIR  the UCDP tables (default: data/context)
#   NEGOTIATIONS=path/to/negotiations  use this binary instead of building one
set -euo pipefail
# A command that fails stops the script; say which, since some fail without
# a word (a command substitution's, or one whose errors go to /dev/null).
trap 'st=$?; echo "$0: stopped at line $LINENO (exit $st): $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."

context="${1:-data/context}"
if [[ -z "${NEGOTIATIONS:-}" ]]; then
    cargo build --quiet --bin negotiations
    NEGOTIATIONS=target/debug/negotiations
fi

# The command reads the context beside its data: the built-in one unless
# CONTEXT_DIR is not the shipped copy.
data_args=()
if [[ "$(cd "$context" && pwd)" != "$(pwd)/data/context" ]]; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    cp -r data/*.csv data/sources "$tmp/"
    cp -r "$context" "$tmp/context"
    data_args=(--data "$tmp")
fi

status=0
for level in conflict dyad; do
    for clock in signing quiet; do
        echo "== $level level, clock from $clock"
        if ! python3 scripts/check-base-rates.py "$context" --level "$level" --clock "$clock" \
            --compare <("$NEGOTIATIONS" base-rates "${data_args[@]}" --level "$level" --clock "$clock" --format json --resamples 1); then
            status=1
        fi
        echo
    done
done
if [[ $status -ne 0 ]]; then
    echo "base rates: the Rust and Python figures DISAGREE (see above)" >&2
else
    echo "base rates: Rust and Python agree on all four variants (within 0.1 pp)"
fi
exit $status
