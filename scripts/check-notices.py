#!/usr/bin/env python3
"""Checks the repository's licences and notices (CI runs it).

- LICENSE-MIT and LICENSE-APACHE are present and are the licences
  Cargo.toml names;
- THIRD-PARTY.md names every third-party file: every tracked file of the
  kinds that come from elsewhere (the UCDP tables, the fonts, test corpora,
  the article texts and what is made of them, the evcxr patch) matches one
  of the file patterns in the first column of its table, and every pattern
  there matches at least one tracked file;
- with --package LIST (the output of `cargo package --list`): the package
  carries the licences and the notice, and none of the article texts.

Usage: scripts/check-notices.py [--package LIST]
"""

import fnmatch
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Where third-party material lives: a tracked file here must be named.
THIRD_PARTY_PLACES = [
    "data/context/ucdp_*",
    "assets/fonts/*",
    "tests/data/duckling/*",
    "tests/data/vega-lite/*",
    "data/raw/*",
    "data/sources/*",
    "fuzz/seeds/*",
    "kernel/evcxr/*.patch",
]
# Never to be in the published crate.
NOT_PUBLISHED = ["data/raw/*", "data/sources/*", "fuzz/*"]


def tracked():
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [l for l in out.stdout.splitlines() if l]


def declared_patterns():
    text = (ROOT / "THIRD-PARTY.md").read_text(encoding="utf-8")
    patterns = []
    for line in text.splitlines():
        if not line.startswith("| `"):
            continue
        first = line.split("|")[1]
        patterns += re.findall(r"`([^`]+)`", first)
    return patterns


def main():
    problems = []
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    if 'license = "MIT OR Apache-2.0"' not in cargo:
        problems.append("Cargo.toml does not say license = \"MIT OR Apache-2.0\"")
    mit = (ROOT / "LICENSE-MIT").read_text(encoding="utf-8") if (ROOT / "LICENSE-MIT").exists() else ""
    apache = (ROOT / "LICENSE-APACHE").read_text(encoding="utf-8") if (ROOT / "LICENSE-APACHE").exists() else ""
    if "Permission is hereby granted, free of charge" not in mit:
        problems.append("LICENSE-MIT is missing or is not the MIT licence")
    if "Apache License" not in apache or "Version 2.0" not in apache:
        problems.append("LICENSE-APACHE is missing or is not the Apache License 2.0")

    files = tracked()
    patterns = declared_patterns()
    if not patterns:
        problems.append("THIRD-PARTY.md has no table of file patterns")
    for p in patterns:
        if not any(fnmatch.fnmatch(f, p) for f in files):
            problems.append(f"THIRD-PARTY.md names {p}, which matches no tracked file")
    for f in files:
        third_party = any(fnmatch.fnmatch(f, place) for place in THIRD_PARTY_PLACES)
        if third_party and not any(fnmatch.fnmatch(f, p) for p in patterns):
            problems.append(f"{f} is third-party material that THIRD-PARTY.md does not name")

    if len(sys.argv) == 3 and sys.argv[1] == "--package":
        listed = pathlib.Path(sys.argv[2]).read_text(encoding="utf-8").split()
        for need in ["LICENSE-MIT", "LICENSE-APACHE", "THIRD-PARTY.md", "CHANGELOG.md", "README.md"]:
            if need not in listed:
                problems.append(f"the package does not carry {need}")
        for f in listed:
            if any(fnmatch.fnmatch(f, p) for p in NOT_PUBLISHED):
                problems.append(f"the package carries {f}, which must stay in the repository")

    for p in problems:
        print(f"check-notices: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-notices: licences present; {len(patterns)} third-party patterns cover every third-party file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
