#!/usr/bin/env python3
"""The crate's speed in a notebook against the command line: the steps of
examples/kernel_work.rs (load a million meetings, the durations figure, a
layer chart of each mark on a million rows) timed in the `negotiations`
kernel and in a release build, and the ratio of each. Run by hand, not in
every CI run (about 3 minutes once the kernel is warm):

    python3 scripts/kernel-speed.py [--data DIR] [--runs 3]

Both sides run the same code: each `// ==` step of the example is sent to
the kernel as one cell (without its `laps.lap` line), with a clock around
it, so the kernel's time is the work's and not the compiler's (the cell's
whole time is printed too). Each step runs `--runs` times on each side; the
median is kept. Writes the table to target/kernel-speed.md.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from kernel_session import Session  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def steps():
    """(name, code) of each `// ==` step of examples/kernel_work.rs."""
    text = open(os.path.join(ROOT, "examples", "kernel_work.rs"), encoding="utf-8").read()
    body = text.split("// ==", 1)[1]
    out = []
    for block in ("// ==" + body).split("// == ")[1:]:
        name, _, code = block.partition("\n")
        if name.strip() == "end":
            break
        lines = [l for l in code.splitlines() if "laps.lap(" not in l]
        out.append((name.strip(), "\n".join(lines).strip()))
    return out


def release(data, runs):
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "kernel_work"], cwd=ROOT, check=True)
    exe = os.path.join(ROOT, "target", "release", "examples", "kernel_work")
    times = {}
    for _ in range(runs):
        out = subprocess.run([exe, data], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            m = re.match(r"WORK ([0-9.]+) (.*)", line)
            if m:
                times.setdefault(m.group(2), []).append(float(m.group(1)))
    return {k: statistics.median(v) for k, v in times.items()}


def kernel(data, runs):
    times, walls = {}, {}
    with Session() as s:
        print(f"   kernel started in {s.start_seconds:.1f} s")
        s.run(f'let DATA = "{data}";')
        for _ in range(runs):
            for name, code in steps():
                cell = s.run(
                    "let kernel_speed_clock = std::time::Instant::now();\n"
                    f"{code}\n"
                    'println!("WORK {:.3}", kernel_speed_clock.elapsed().as_secs_f64());'
                )
                m = re.search(r"WORK ([0-9.]+)", cell.text)
                if not m:
                    sys.exit(f"kernel-speed: the step {name!r} failed in the kernel:\n{cell.errors or cell.text}")
                times.setdefault(name, []).append(float(m.group(1)))
                walls.setdefault(name, []).append(cell.seconds)
    return ({k: statistics.median(v) for k, v in times.items()},
            {k: statistics.median(v) for k, v in walls.items()})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", help="a data directory (default: a million synthetic meetings in target/kernel-speed/)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    data = args.data
    if not data:
        data = os.path.join(ROOT, "target", "kernel-speed", "data")
        if not os.path.exists(os.path.join(data, "meetings.csv")):
            subprocess.run(["cargo", "run", "--release", "--quiet", "--", "synth", "--meetings", "1000000",
                            "--out", data], cwd=ROOT, check=True)
    data = os.path.abspath(data)
    print("== release build")
    rel = release(data, args.runs)
    print("== the negotiations kernel")
    ker, wall = kernel(data, args.runs)
    rows = ["| step | kernel (work) | release | kernel ÷ release | kernel cell, all told |",
            "|---|---|---|---|---|"]
    worst = 0.0
    for name, _ in steps():
        r, k = rel.get(name), ker.get(name)
        ratio = k / r if r else float("nan")
        worst = max(worst, ratio)
        rows.append(f"| {name} | {k:.2f} s | {r:.2f} s | {ratio:.2f}× | {wall[name]:.2f} s |")
    rows.append(f"\nWorst ratio: {worst:.2f}× (target: at most 1.5×). Medians of {args.runs} runs each.")
    table = "\n".join(rows)
    print(table)
    os.makedirs(os.path.join(ROOT, "target"), exist_ok=True)
    with open(os.path.join(ROOT, "target", "kernel-speed.md"), "w", encoding="utf-8") as f:
        f.write(table + "\n")


if __name__ == "__main__":
    main()
