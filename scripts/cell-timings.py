"""Prints each code cell's execution time of an executed notebook, the
median of the later cells, and how long after the first cell began the
first figure was shown. Exits non-zero, printing each error in full (the
compiler's message), when any cell failed: run-notebooks.sh executes with
allow_errors so that the whole notebook runs and every error is reported,
not just nbconvert's traceback of the first.

The time is shell.execute_reply - iopub.execute_input from the cell's
metadata.execution (nbconvert --ExecutePreprocessor.record_timing=True).
"""
import json
import re
import statistics
import sys
from datetime import datetime


def parse(t):
    return datetime.fromisoformat(t.replace("Z", "+00:00"))


nb = json.load(open(sys.argv[1]))
times = []
# SQL and chart cells (first line %%sql or %%plot), which the kernel
# answers itself, and Rust cells, which evcxr compiles.
fast, rust_cells, compiled_fast = [], 0, []
began = None
first_figure = None
for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
    ex = cell.get("metadata", {}).get("execution", {})
    if "iopub.execute_input" in ex and "shell.execute_reply" in ex:
        dt = (parse(ex["shell.execute_reply"]) - parse(ex["iopub.execute_input"])).total_seconds()
        times.append(dt)
        began = began or parse(ex["iopub.execute_input"])
        shows_figure = any("image/svg+xml" in o.get("data", {}) for o in cell.get("outputs", []))
        if shows_figure and first_figure is None:
            first_figure = (parse(ex["shell.execute_reply"]) - began).total_seconds()
        if "".join(cell["source"]).lstrip().startswith(("%%sql", "%%plot")):
            fast.append(dt)
            # The kernel marks what it answered itself; a SQL or chart cell
            # without the mark went through evcxr and rustc.
            answered = any(o.get("metadata", {}).get("negotiations", {}).get("compiled") is False
                           for o in cell.get("outputs", []))
            if not answered and not any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                print(f"ERROR in cell {i + 1}: a SQL or chart cell not answered by the kernel itself (compiled?)")
                compiled_fast.append(i + 1)
        else:
            rust_cells += 1
        first = "".join(cell["source"]).strip().splitlines()
        first = next((l for l in first if not l.startswith("//")), "")
        print(f"   cell {i + 1:2d}: {dt:8.2f} s  {first[:60]}")
if len(times) > 2:
    print(f"   later cells (3rd on): median {statistics.median(times[2:]):.2f} s, max {max(times[2:]):.2f} s")
if fast:
    print(f"   SQL and chart cells: {len(fast)}, median {statistics.median(fast) * 1e3:.0f} ms, max {max(fast) * 1e3:.0f} ms")
# For run-notebooks.sh: how many cells evcxr had to compile at most.
print(f"   rust cells: {rust_cells}")
if first_figure is not None:
    print(f"   first figure shown {first_figure:.0f} s after the first cell began")

errors = 0
for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            errors += 1
            text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(o.get("traceback", [])) or o.get("evalue", ""))
            print(f"ERROR in cell {i + 1}: {o.get('ename', '')}")
            print("   " + "\n   ".join(text.splitlines()[:40]))
if compiled_fast:
    errors += len(compiled_fast)
if errors:
    print(f"   {errors} cell(s) failed")
    sys.exit(1)
