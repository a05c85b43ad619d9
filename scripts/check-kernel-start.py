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

from jupyter_client.manager import start_new_kernel  # noqa: E402

started = time.time()
km, kc = start_new_kernel(kernel_name="negotiations", startup_timeout=1800)
ready = time.time() - started
failures = []


def run(code):
    shown, errors = [], []

    def hook(msg):
        kind = msg["header"]["msg_type"]
        content = msg["content"]
        if kind in ("execute_result", "display_data"):
            shown.append(content["data"].get("text/html", "") + content["data"].get("text/plain", ""))
        elif kind == "stream":
            shown.append(content["text"])
        elif kind == "error":
            errors.append("\n".join(content.get("traceback", [])) or content.get("evalue", ""))

    kc.execute_interactive(code, timeout=1800, output_hook=hook)
    return "".join(shown), "".join(errors)


try:
    shown, errors = run("let data = Dataset::embedded()?;")
    if errors or "not running" in shown:
        failures.append(f"binding the data failed: {(errors or shown)[:500]}")
    shown, errors = run('data.show("processes")?')
    first_table = time.time() - started
    if errors or "<table" not in shown:
        failures.append(f"no table shown: {(errors or shown)[:500]}")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)

if failures:
    for f in failures:
        print("FAILED: " + f)
    sys.exit(1)
print(f"   kernel ready {ready:.1f} s; first table {first_table:.1f} s after the kernel was started")
