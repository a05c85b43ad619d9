#!/usr/bin/env python3
"""How long a notebook takes from opening to its first table, on the
`negotiations` kernel, and that the kernel starts without a network.

Starts the kernel the way Jupyter does when a notebook opens, runs the
first cells of notebooks/01-tables.ipynb's kind (bind the data, show a
table) and prints each step's time counted from the start:

    kernel ready 19.3 s; first table 21.5 s after the kernel was started

With --offline it does the same in a network namespace of its own (no
network, loopback only; `unshare -n`, which needs root or user
namespaces): the kernel must start and show the table from what setup
compiled, without reaching the crates.io index. Where `unshare` cannot
make a namespace the offline check says so and is skipped (exit 0).

Exits 1 when the kernel does not start, a cell fails or no table is
shown. The times are printed, not checked: they depend on the machine
(README, "Notebooks", has the measured ones). Run after
scripts/setup-notebooks.sh (CI does, in .ci/run).
"""
import os
import shutil
import subprocess
import sys
import time

if "--offline" in sys.argv:
    if os.environ.get("NEGOTIATIONS_CHECK_NETNS") != "1":
        unshare = shutil.which("unshare")
        ip = shutil.which("ip")
        probe = unshare and ip and subprocess.run(
            [unshare, "-n", ip, "link", "set", "lo", "up"], capture_output=True
        ).returncode == 0
        if not probe:
            print("   skipped: cannot make a network namespace here (unshare -n)")
            sys.exit(0)
        env = dict(os.environ, NEGOTIATIONS_CHECK_NETNS="1")
        script = f'"{ip}" link set lo up && exec "{sys.executable}" "{__file__}" --offline'
        sys.exit(subprocess.run([unshare, "-n", "sh", "-c", script], env=env).returncode)
    print("   no network: loopback only")

from kernel_session import Session  # noqa: E402

failures = []
with Session() as kernel:
    cell = kernel.run("let data = Dataset::embedded()?;")
    if cell.errors or "not running" in cell.text:
        failures.append(f"binding the data failed: {(cell.errors or cell.text)[:500]}")
    cell = kernel.run('data.show("processes")?')
    first_table = time.time() - kernel.started
    if cell.errors or "<table" not in cell.html:
        failures.append(f"no table shown: {(cell.errors or cell.text)[:500]}")

if failures:
    for f in failures:
        print("FAILED: " + f)
    sys.exit(1)
print(f"   kernel ready {kernel.start_seconds:.1f} s; first table {first_table:.1f} s after the kernel was started")
