#!/usr/bin/env python3
"""Checks the `negotiations` kernel's cargo-free cells (its evcxr_jupyter
carries kernel/evcxr/evcxr-0.22.0.patch) on the real kernel:

1. a cell after the first is compiled by replaying the recorded rustc
   command, and gives the right answer;
2. after a source file of a path dependency changes (here the mtime of
   kernel/src/lib.rs, which cargo also goes by), the next cell goes
   through cargo again, and names the file;
3. the cell after that replays again;
4. a cell with a compile error, compiled by replay, shows rustc's error
   in the notebook, and the kernel goes on working.

Prints each cell's time and how it was compiled; exits 1 on any failure.
Run after scripts/setup-notebooks.sh (CI does, in .ci/run).
"""
import os
import pathlib
import sys
import tempfile

from kernel_session import Session

repo = pathlib.Path(__file__).resolve().parent.parent
log = pathlib.Path(tempfile.mkdtemp()) / "compiles"
os.environ["EVCXR_REPLAY_LOG"] = str(log)

failures = []


def check(ok, what):
    print(("   ok: " if ok else "FAILED: ") + what)
    if not ok:
        failures.append(what)


def replayed(how):
    """One compilation, by replay ("replay (0.41 s)")."""
    return len(how) == 1 and how[0].startswith("replay")


def compiles():
    return log.read_text().splitlines() if log.exists() else []


with Session() as kernel:
    print(f"   kernel started in {kernel.start_seconds:.1f} s")

    def run(code):
        """Runs a cell; returns (text shown, error text, seconds, how compiled)."""
        before = len(compiles())
        cell = kernel.run(code)
        how = compiles()[before:]
        print(f"   {cell.seconds:5.2f} s  {code.splitlines()[0][:50]!r}: {how}")
        return cell.text, cell.errors, cell.seconds, how

    run("let kernel_check = 40;")
    shown, errors, _, how = run("kernel_check + 2")
    check("42" in shown and not errors, f"a later cell computes 42 (shown {shown!r}, errors {errors[:200]!r})")
    check(replayed(how), f"a later cell is compiled without cargo (log: {how})")

    lib = repo / "kernel" / "src" / "lib.rs"
    os.utime(lib)  # its content is unchanged: only cargo's own test, the mtime
    shown, errors, _, how = run("kernel_check + 3")
    check("43" in shown and not errors, "the cell after a dependency changed computes 43")
    check(len(how) == 1 and how[0].startswith("cargo") and str(lib) in how[0],
          f"after {lib.name} changed the cell goes through cargo and names it (log: {how})")

    shown, errors, _, how = run("kernel_check + 4")
    check("44" in shown and replayed(how), f"then cells replay again (log: {how})")

    shown, errors, _, how = run("let broken: u8 = \"not a number\";")
    check("mismatched types" in errors and how and how[0].startswith("replay"),
          f"a compile error under replay is shown as rustc's (log: {how}; error {errors[:120]!r})")
    shown, errors, _, how = run("kernel_check + 5")
    check("45" in shown and not errors, "the kernel goes on after the error")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("kernel replay: all checks passed")
