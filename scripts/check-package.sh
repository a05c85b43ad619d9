#!/usr/bin/env bash
# Checks the crate as it would be published (CI runs it):
# - `cargo package` (offline, no verify) lists no file it should not ship
#   (the article texts stay in the repository) and carries the licences and
#   the notice (scripts/check-notices.py --package);
# - the .crate file is under the registry's 10 MB limit;
# - the packaged crate, unpacked alone in a temporary directory, builds and
#   its `check` runs on the built-in data, saying its quotes are unchecked
#   (it has no article texts) and still checking everything else.
set -euo pipefail
# A command that fails stops the script; say which, since some fail without
# a word (a command substitution's, or one whose errors go to /dev/null).
trap 'st=$?; echo "$0: stopped at line $LINENO (exit $st): $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."
repo=$(pwd)
list=$(mktemp)
trap 'rm -f "$list"' EXIT
cargo package --list --offline --allow-dirty --quiet > "$list"
python3 scripts/check-notices.py --package "$list"
cargo package --no-verify --offline --allow-dirty --quiet
version=$(cargo metadata --no-deps --format-version 1 --offline | python3 -c 'import json,sys; print(json.load(sys.stdin)["packages"][0]["version"])')
crate="target/package/negotiations-$version.crate"
bytes=$(stat -c %s "$crate")
echo "package: $crate, $bytes bytes, $(wc -l < "$list") files"
if [ "$bytes" -ge 10485760 ]; then
    echo "package: $bytes bytes is over the registry's 10 MB limit" >&2
    exit 1
fi
top=$(mktemp -d)
trap 'rm -f "$list"; rm -rf "$top"' EXIT
tar -xzf "$crate" -C "$top"
cd "$top/negotiations-$version"
# The repository's lock file: the same dependency versions, offline.
cp "$repo/Cargo.lock" .
# The repository's target directory keeps the dependencies built; the
# packaged crate itself gets a profile of its own (no debug info), because
# cargo hashes a workspace root the same from any directory, and the
# clone's build of it (texts built in) would otherwise stand for this one.
out=$(CARGO_TARGET_DIR="$repo/target" cargo run --quiet --locked --offline \
    --config 'profile.dev.package.negotiations.debug=false' -- check)
echo "$out"
grep -q "^ok: built-in data:" <<<"$out"
grep -q "^note: quotes not checked" <<<"$out"
echo "package: the published crate builds and checks its built-in data without the article texts"
