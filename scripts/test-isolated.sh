#!/usr/bin/env bash
# Runs the README's test command (`cargo test`) in a copy of the repository
# that has nothing beside it: a newcomer's clone has no ../shared, and
# nothing the tests read may live outside the repository. The copy is the
# working tree's tracked and unignored files (what a clone of this commit
# would hold, plus uncommitted edits), in a new temporary directory.
#
#   scripts/test-isolated.sh [CARGO TEST ARGS...]
#
# The copy builds into this repository's target/ (CARGO_TARGET_DIR), so the
# dependencies are compiled once for both; the crate's own units are rebuilt
# for the copy's path. The copy is removed afterwards.
set -euo pipefail
# A command that fails stops the script; say which, since some fail without
# a word (a command substitution's, or one whose errors go to /dev/null).
trap 'st=$?; echo "$0: stopped at line $LINENO (exit $st): $BASH_COMMAND" >&2' ERR
repo="$(cd "$(dirname "$0")/.." && pwd)"
top="$(mktemp -d)"
trap 'rm -rf "$top"' EXIT
copy="$top/negotiations"
mkdir "$copy"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard) |
    (cd "$repo" && xargs -0 cp --parents -t "$copy" 2>/dev/null || true)
# A file git tracks but the working tree deleted is not copied; anything
# else missing is a failure to copy.
missing=$(cd "$repo" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do [[ -e "$f" && ! -e "$copy/$f" ]] && echo "$f"; done || true)
if [[ -n "$missing" ]]; then
    echo "test-isolated: could not copy: $missing" >&2
    exit 1
fi
for outside in "$top/shared" "$(dirname "$top")/shared"; do
    if [[ -e "$outside" ]]; then
        echo "test-isolated: $outside exists beside the copy; it must not" >&2
        exit 1
    fi
done
echo "test-isolated: cargo test in $copy (nothing beside it)"
cd "$copy"
CARGO_TARGET_DIR="$repo/target" cargo test "$@"
