#!/usr/bin/env python3
"""Validates Vega-Lite specifications against the Vega-Lite v5 JSON schema
kept in tests/data/vega-lite/ (see the README there): every `*.json` file in
the directories given, and every `application/vnd.vegalite.v5+json` output
of the notebooks given.

    NEGOTIATIONS_VEGA_SPECS=$PWD/target/vega-specs cargo test --lib plot::vega
    cargo run --example lab_notebook -- target/lab/charts.ipynb
    python3 scripts/check-vega-schema.py target/vega-specs target/lab/charts.ipynb

Exit 1 when a specification breaks the schema, or when nothing was given
to check. Needs the `jsonschema` package (installed with Jupyter).
"""
import json
import os
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tests" / "data" / "vega-lite" / "vega-lite-schema-v5.20.1.json"
MIME = "application/vnd.vegalite.v5+json"


def specs(path):
    """(name, spec) for each specification at `path`."""
    p = pathlib.Path(path)
    if not p.exists():
        sys.exit(f"check-vega-schema: no {path}")
    if p.is_dir():
        for f in sorted(p.glob("*.json")):
            yield f.name, json.loads(f.read_text(encoding="utf-8"))
    elif p.suffix == ".ipynb":
        nb = json.loads(p.read_text(encoding="utf-8"))
        for k, cell in enumerate(nb.get("cells", [])):
            for o in cell.get("outputs", []):
                if MIME in o.get("data", {}):
                    yield f"{p.name} cell {k}", o["data"][MIME]
    else:
        yield p.name, json.loads(p.read_text(encoding="utf-8"))


def main(paths):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    checked, bad = 0, 0
    for path in paths:
        for name, spec in specs(path):
            checked += 1
            errors = sorted(validator.iter_errors(spec), key=lambda e: len(list(e.absolute_path)))
            if errors:
                bad += 1
                print(f"{name}: {len(errors)} schema errors", file=sys.stderr)
                # The deepest error says most (the top one is "not any of").
                e = jsonschema.exceptions.best_match(errors)
                while e.context:
                    e = jsonschema.exceptions.best_match(e.context)
                where = "/".join(str(x) for x in e.absolute_path)
                print(f"   at /{where}: {e.message[:300]}", file=sys.stderr)
    if checked == 0:
        print("check-vega-schema: no specification found in " + " ".join(paths), file=sys.stderr)
        return 1
    print(f"check-vega-schema: {checked - bad} of {checked} specifications valid against Vega-Lite "
          f"{SCHEMA.stem.rsplit('-', 1)[-1]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or [os.path.join("target", "vega-specs")]))
