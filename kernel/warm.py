#!/usr/bin/env python3
"""Starts the `negotiations` kernel once and runs what a first notebook
runs (load the data, show a table, draw a chart), so that the crate, polars
and a cell's own build are compiled and cached before a user opens a
notebook. Prints each cell's time; exits 1 if a cell fails.
"""
import sys
import time
from datetime import datetime

import nbformat
from nbclient import NotebookClient

cells = [
    'let data = Dataset::from_env()?;\ndata.show("processes")?',
    'let m = data.frame("meetings")?;\nm.clone().lazy().filter(col("format").eq(lit("summit"))).collect()?.height()',
    'Plot::new(&m).point("date", "format").color("format").title("warm-up")',
]
nb = nbformat.v4.new_notebook()
nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
nb.metadata["kernelspec"] = {"name": "negotiations", "display_name": "negotiations", "language": "rust"}
started = time.time()
# Twice at most: once, after a cold build of many minutes (the first setup,
# or a changed build profile), evcxr stopped at the first cells with an
# internal error ("no method named `evcxr_display` found for type
# `{integer}`") although everything had built; started again on the same
# build, the kernel ran them in seconds. A second failure is a real one.
for attempt in (1, 2):
    client = NotebookClient(nb, timeout=1800, startup_timeout=1800, kernel_name="negotiations", record_timing=True)
    try:
        client.execute()
        break
    except Exception as e:  # the cell's error text is the useful part
        if attempt == 2:
            print(f"warm-up failed: {e}", file=sys.stderr)
            sys.exit(1)
        print(f"   warm-up stopped ({str(e).strip().splitlines()[-1][:160]}); starting the kernel again", file=sys.stderr)
for i, cell in enumerate(nb.cells):
    t = cell.metadata.get("execution", {})
    a, b = t.get("iopub.execute_input"), t.get("shell.execute_reply")
    took = ""
    if a and b:
        parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
        took = f"{(parse(b) - parse(a)).total_seconds():.1f} s  "
    print(f"   cell {i + 1}: {took}{cell.source.splitlines()[0][:50]}")
print(f"   kernel started and {len(cells)} cells ran in {time.time() - started:.0f} s")
