#!/usr/bin/env python3
"""Drives the real `negotiations` kernel through the faults a notebook
meets, and checks what the user sees after each and what survives:

1. a panic (index out of bounds): one line naming the cell's line, no
   backtrace unless `:backtrace` asks; the session's variables survive;
2. a cell printing 20 MB: the notebook gets the first 10,000 lines (1 MB at
   most) and a note saying how much was cut and which file has it all;
3. an interrupt of polars queries in a Rust cell: the kernel sends the
   cell process a SIGINT, polars stops at its next check, the cell says so
   in a line and every variable is kept (same process); the same for the
   crate's own long loops (`synth`);
   an interrupt of a busy loop, and of a long eager sort (polars does not
   check inside it): after the grace (2 s) evcxr kills the cell process,
   losing every variable; the cell says which, the next cell answers, and
   `:rerun` runs the cells that bound them again (timed: fault to `data`
   working);
   an interrupt of a long SQL cell: the kernel stops the query in its own
   process (polars' abort); the cell says so, nothing is restarted and
   every variable and frame is kept; an interrupt with no cell running
   costs nothing;
4. the cell process killed from outside: the same as 3;
5. memory: the cell process's address space is limited (half the
   machine's memory by default); with EVCXR_MEMORY_LIMIT=4G, a cell
   allocating 6 GB fails with a message naming the limit, and the kernel
   answers the next cell.

Prints what each fault cost and writes the table to
target/kernel-faults.md; exits 1 when a check fails. Run after
scripts/setup-notebooks.sh (CI does, in .ci/run). About a minute.
"""
import os
import re
import shutil
import pathlib
import signal
import sys
import threading
import time

from kernel_session import Session

repo = pathlib.Path(__file__).resolve().parent.parent
failures = []
rows = []


def check(ok, what):
    print(("   ok: " if ok else "FAILED: ") + what)
    if not ok:
        failures.append(what)


def lines(text):
    return [line for line in text.splitlines() if line.strip()]


def descendants(pid):
    """Every process below `pid`, from /proc."""
    children = {}
    for entry in pathlib.Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cell_process(kernel):
    """The process that runs cells: evcxr's child with EVCXR_IS_RUNTIME set."""
    for pid in descendants(kernel.km.provisioner.process.pid):
        try:
            env = pathlib.Path(f"/proc/{pid}/environ").read_bytes()
        except OSError:
            continue
        if b"EVCXR_IS_RUNTIME=1" in env.split(b"\0"):
            return pid
    return None


LOAD = 'let data = Dataset::from_env()?;\nlet kept = 7;'


def recover(kernel, fault, cell, started):
    """After `fault` (the cell process restarted): the note names the lost
    variables and `:rerun`; the next cell answers; `:rerun` brings `data`
    and `kept` back. Records how long from the fault until `data` works."""
    said = (cell.text + "\n" + cell.errors) if cell else ""
    print("   the cell shows:", *lines(said), sep="\n      ")
    check("these variables are gone" in said and "data" in said and "kept" in said and ":rerun" in said,
          f"{fault}: the cell says which variables are gone and how to get them back")
    answer = kernel.run("1 + 1")
    check("2" in answer.text, f"{fault}: the next cell answers (shown {answer.text[:80]!r}, errors {answer.errors[:200]!r})")
    # Frames bound by SQL cells live in the kernel's own process and the
    # session directory: the restart of evcxr's costs them nothing.
    frame = kernel.run("%%sql\nSELECT n FROM kept_frame")
    check(not frame.errors and ">222<" in frame.html, f"{fault}: the frame a SQL cell bound is still there, without :rerun")
    shared = kernel.run('shared("kept_frame")?.height()')
    check(shared.text.strip().endswith("1"), f"{fault}: and a Rust cell reads it ({shared.text[:60]!r} {shared.errors[:200]!r})")
    rerun = kernel.run(":rerun")
    print(f"   :rerun: {rerun.text.strip()[:200]} {rerun.errors[:200]}")
    back = kernel.run('(kept, data.frame("meetings")?.height())')
    check("(7, 222)" in back.text, f"{fault}: after `:rerun`, `kept` and `data` are back ({back.text[:60]!r} {back.errors[:200]!r})")
    seconds = time.time() - started
    rows.append((fault, "lost (frames bound by SQL cells kept); back with `:rerun`", f"{seconds:.1f} s"))
    print(f"   {fault}: `data` working again {seconds:.1f} s after the fault")


def busy_then(kernel, code, fault, act):
    """Runs `code` in the background, calls `act` after 3 s; returns the
    cell's outcome."""
    box = {}
    runner = threading.Thread(target=lambda: box.update(cell=kernel.run(code)))
    runner.start()
    time.sleep(3)
    acted = time.time()
    act()
    runner.join(120)
    check(not runner.is_alive(), f"{fault}: the busy cell ends")
    return box.get("cell"), acted


with Session() as kernel:
    print(f"   kernel started in {kernel.start_seconds:.1f} s")
    first = kernel.run(LOAD)
    check(not first.errors, f"the data loads ({first.errors[:200]!r})")
    bound = kernel.run("%%sql kept_frame <<\nSELECT count(*) AS n FROM meetings")
    check(not bound.errors, f"a SQL cell binds a frame ({bound.errors[:200]!r})")

    pid = cell_process(kernel)
    limit = None
    if pid:
        for line in pathlib.Path(f"/proc/{pid}/limits").read_text().splitlines():
            if line.startswith("Max address space"):
                limit = line.split()[3]
    total = next(int(l.split()[1]) * 1024 for l in pathlib.Path("/proc/meminfo").read_text().splitlines()
                 if l.startswith("MemTotal:"))
    check(limit is not None and limit.isdigit() and abs(int(limit) - total // 2) < 1 << 20,
          f"the cell process's memory is limited to half the machine's by default ({limit} of {total} bytes)")

    # 1. A panic.
    kernel.run("let v = vec![1, 2, 3];")
    panic = kernel.run("let i = 10;\nv[i]")
    shown = lines(panic.text + "\n" + panic.errors)
    print("   the panic shows:", *shown, sep="\n      ")
    check(any("panicked at cell line 2: index out of bounds" in line for line in shown),
          "a panic names the cell's line and the message")
    check(len(shown) <= 2 and not any("rust_begin_unwind" in line for line in shown),
          f"a panic is at most two lines, without a backtrace ({len(shown)})")
    trace = kernel.run(":backtrace")
    check("index out of bounds" in trace.text and len(lines(trace.text)) > 5,
          f"`:backtrace` shows the last panic's backtrace ({len(lines(trace.text))} lines)")
    after = kernel.run("(v.len(), kept)")
    check("(3, 7)" in after.text, f"after a panic the session's variables are there ({after.text!r})")
    rows.append(("panic", "kept", "0 s (nothing lost)"))

    # 2. A 20 MB print.
    flood = kernel.run('for i in 0..200_000 { println!("{i:0>99}"); }')
    delivered = len(flood.text.encode())
    note = [line for line in flood.text.splitlines() if line.startswith("[output cut")]
    print(f"   20 MB printed: {delivered / 1e6:.2f} MB shown in {flood.seconds:.1f} s")
    check(delivered <= 1_100_000, f"a 20 MB print shows at most about 1 MB ({delivered} bytes)")
    check(len(note) == 1 and "190000 more lines" in note[0], f"the cut is said, with how much ({note[:1]})")
    if note:
        path = re.search(r"the whole output is in (\S+?)\. ", note[0]).group(1)
        whole = pathlib.Path(path)
        check(whole.is_file() and whole.stat().st_size == 200_000 * 100,
              f"the whole output is in the file the note names ({path})")
    rows.append(("20 MB print", "kept", f"{flood.seconds:.1f} s for the cell; {delivered / 1e6:.2f} MB shown"))

    # 3. An interrupt of a busy loop.
    cell, started = busy_then(kernel, "let mut n = 0u64;\nloop { n = std::hint::black_box(n + 1); }",
                              "interrupt", kernel.km.interrupt_kernel)
    recover(kernel, "interrupt of a busy loop", cell, started)

    # 3b. An interrupt in the middle of polars' work (sorting ten million
    # rows over and over, on its thread pool).
    cell, started = busy_then(
        kernel,
        'let s = Series::new("a".into(), (0..10_000_000i64).rev().collect::<Vec<_>>());\n'
        "for _ in 0..100_000 { std::hint::black_box(s.sort(Default::default())?); }",
        "interrupt in polars", kernel.km.interrupt_kernel)
    recover(kernel, "interrupt of a long polars sort", cell, started)

    # 3b'. An interrupt of polars queries in a Rust cell: polars checks
    # between the steps of a query and in its group-by loops; the crate
    # stops the cell there, within the grace, and nothing is restarted.
    pid_before = cell_process(kernel)
    kernel.run('let many = df!("k" => (0..2_000_000i64).map(|i| i % 1000).collect::<Vec<_>>(), '
               '"v" => (0..2_000_000i64).collect::<Vec<_>>())?;')
    group = 'many.clone().lazy().group_by([col("k")]).agg([col("v").sum()]).collect()?'
    cell, acted = busy_then(kernel, "for _ in 0..100_000 { std::hint::black_box(" + group + "); }",
                            "interrupt of polars queries in a Rust cell", kernel.km.interrupt_kernel)
    stopped = time.time() - acted
    said = (cell.text + "\n" + cell.errors) if cell else ""
    print("   the cell shows:", *lines(said), sep="\n      ")
    print(f"   the cell ended {stopped:.1f} s after the interrupt")
    check("interrupted: the cell was stopped; every variable is kept" in said and len(lines(said)) <= 2,
          "an interrupted polars query in a Rust cell says so in a line")
    check(stopped < 2, f"it stops within the grace, without a restart ({stopped:.1f} s)")
    check(cell_process(kernel) == pid_before, "the cell process is the same")
    back = kernel.run('(kept, data.frame("meetings")?.height(), ' + group + '.height())')
    check("(7, 222, 1000)" in back.text,
          f"every variable is kept, and the next polars query runs ({back.text[:60]!r} {back.errors[:200]!r})")
    rows.append(("interrupt of polars queries in a Rust cell (group-bys over 2 M rows)",
                 "kept", f"{stopped:.1f} s (the cell's end; nothing to run again)"))

    # The crate's own long loops check too: `synth` writing 50 M meetings.
    scratch = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"negotiations-synth-interrupt-{os.getpid()}"
    cell, acted = busy_then(kernel, f'negotiations::synth::generate(std::path::Path::new("{scratch}"), 50_000_000, 1)?;',
                            "interrupt of the crate's synth", kernel.km.interrupt_kernel)
    stopped = time.time() - acted
    said = (cell.text + "\n" + cell.errors) if cell else ""
    print("   the synth cell shows:", *lines(said), sep="\n      ")
    check("every variable is kept" in said and stopped < 2 and cell_process(kernel) == pid_before,
          f"the crate's own loop stops within the grace, variables kept ({stopped:.1f} s)")
    shutil.rmtree(scratch, ignore_errors=True)
    rows.append(("interrupt of `synth` writing 50 M meetings", "kept", f"{stopped:.1f} s"))

    # 3c. An interrupt of a long SQL cell: the query runs in the kernel's
    # own process and is stopped by polars' abort; nothing is restarted, so
    # the Rust cells' variables stay too.
    kernel.run("let rows = 5_000_000i64;\n"
               'let big = df!("k" => (0..rows).map(|i| i % 1000).collect::<Vec<_>>(), "v" => (0..rows).collect::<Vec<_>>())?;\n'
               'share("big", &big)?;')
    pid_before = cell_process(kernel)
    # polars checks while it runs a query, not while it plans one: forty
    # group-bys of 5 M rows take about 17 s to run and little to plan.
    query = "\nUNION ALL\n".join(f"SELECT k + {i} AS k, sum(v) AS s FROM big GROUP BY k" for i in range(40))
    cell, acted = busy_then(kernel, "%%sql\n" + query, "interrupt of a SQL cell", kernel.km.interrupt_kernel)
    stopped = time.time() - acted
    said = (cell.text + "\n" + cell.errors) if cell else ""
    print("   the SQL cell shows:", *lines(said), sep="\n      ")
    print(f"   the SQL cell ended {stopped:.1f} s after the interrupt")
    check("interrupted" in said and "as they were before" in said,
          "an interrupted SQL cell says it was stopped and that the frames are kept")
    check(stopped < 10, f"the SQL cell stops within seconds of the interrupt ({stopped:.1f} s)")
    after = kernel.run("%%sql\nSELECT n FROM kept_frame")
    check(not after.errors and ">222<" in after.html, f"after it, SQL cells answer and bound frames are there ({after.errors[:200]!r})")
    kept = kernel.run('(kept, data.frame("meetings")?.height())')
    check("(7, 222)" in kept.text, f"and the Rust cells' variables are kept, without `:rerun` ({kept.text[:60]!r} {kept.errors[:200]!r})")
    check(cell_process(kernel) == pid_before, "evcxr's cell process was not restarted")
    kernel.km.interrupt_kernel()
    time.sleep(1)
    kept = kernel.run("kept")
    check("7" in kept.text, f"an interrupt with no cell running loses nothing ({kept.text[:60]!r} {kept.errors[:200]!r})")
    # A query deep enough to overflow a default thread stack while polars
    # plans it (400 UNIONs) is answered, not a dead kernel.
    deep = kernel.run("%%sql\n" + "\nUNION ALL\n".join(f"SELECT n + {i} AS n FROM kept_frame" for i in range(400)))
    check(not deep.errors and "400 rows" in deep.html,
          f"a query of 400 UNIONs is answered in {deep.seconds:.1f} s ({deep.errors[:200]!r})")
    rows.append(("interrupt of a long SQL query (40 group-bys over 5 M shared rows)",
                 "kept, Rust variables and frames alike", f"{stopped:.1f} s (the cell's end)"))

    # 4. The cell process killed from outside.
    pid = cell_process(kernel)
    check(pid is not None, "the cell process is found")
    if pid:
        cell, started = busy_then(kernel, "std::thread::sleep(std::time::Duration::from_secs(60));",
                                  "kill", lambda: os.kill(pid, signal.SIGKILL))
        recover(kernel, "cell process killed (SIGKILL)", cell, started)

# 5. An allocation past a memory limit, in a kernel started with a small one.
os.environ["EVCXR_MEMORY_LIMIT"] = "4G"
with Session() as kernel:
    kernel.run(LOAD)
    started = time.time()
    cell = kernel.run("let big = vec![1u8; 6_000_000_000];\nbig.len()")
    said = cell.text + "\n" + cell.errors
    print("   the cell past the limit shows:", *lines(said), sep="\n      ")
    check("memory limit of 4.0 GiB" in said and "memory allocation of 6000000000 bytes failed" in said,
          "an allocation past the limit fails with a message naming the limit")
    answer = kernel.run("1 + 1")
    check("2" in answer.text, "after the allocation the kernel answers the next cell")
    kernel.run(":rerun")
    back = kernel.run('data.frame("meetings")?.height()')
    check("222" in back.text, "and `:rerun` brings `data` back")
    rows.append(("6 GB allocated past a 4 GiB limit", "lost; back with `:rerun`", f"{time.time() - started:.1f} s"))
del os.environ["EVCXR_MEMORY_LIMIT"]

out = repo / "target" / "kernel-faults.md"
out.parent.mkdir(exist_ok=True)
out.write_text("| fault | variables | until `data` works again |\n|---|---|---|\n"
               + "".join(f"| {a} | {b} | {c} |\n" for a, b, c in rows))
print(out.read_text())
if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
