#!/usr/bin/env python3
"""Checks the charts' interactive twins in a real JupyterLab, in headless
Chromium (Playwright driving the system's Chromium: nothing is downloaded).

Starts JupyterLab on 127.0.0.1 (a new token, a free port, a temporary root
directory, settings and workspaces), opens a notebook, and checks that

- every chart output is drawn by JupyterLab's Vega-Lite renderer (a
  `.vega-embed` with a canvas or an SVG), none by the SVG fallback, and no
  output shows a rendering error;
- hovering the first chart shows a tooltip (`#vg-tooltip-element`) naming
  the chart's columns;
- scrolling the mouse wheel over it zooms (the picture changes).

A screenshot of the first chart with its tooltip goes to target/lab/.

Two modes:

    # (a) a notebook whose outputs the crate wrote (no kernel is started):
    cargo run --example lab_notebook -- target/lab/charts.ipynb
    python3 scripts/check-lab.py target/lab/charts.ipynb

    # (b) run a chart cell on the `negotiations` kernel (installed by
    # scripts/setup-notebooks.sh), then check what it shows:
    python3 scripts/check-lab.py --run

Installs nothing: scripts/install-ci-deps.sh installs JupyterLab,
Playwright and Chromium. Exit 0 when every check passes.
"""
import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

# Mode (b): a cell that draws a chart on the kernel, and what its tooltip
# must name.
RUN_CELLS = [
    'let df = df!("year" => ["2023", "2024", "2025"], "meetings" => [3i64, 7, 12], '
    '"approach" => ["trump", "trump", "trump"])?;',
    'Plot::new(&df).bar("year", "meetings").color("approach").title("Meetings per year")',
]
RUN_EXPECT = ["meetings", "approach"]
# Mode (a): the first chart of examples/lab_notebook.rs.
NOTEBOOK_EXPECT = ["meetings", "approach"]


def chromium():
    for path in ["/usr/lib/chromium/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or ""]:
        if path and os.access(path, os.X_OK):
            return path
    sys.exit("check-lab: no Chromium found (scripts/install-ci-deps.sh installs it)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_settings(settings):
    """User settings for this run only: no news or update checks (their
    toasts would cover the page), and every cell rendered at once (no
    windowing), so every output can be checked."""
    for ext, values in {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }.items():
        path = os.path.join(settings, ext)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(values, f)


def start_lab(root, port, token, keep_kernels):
    env = dict(os.environ)
    env["JUPYTERLAB_SETTINGS_DIR"] = os.path.join(root, ".settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = os.path.join(root, ".workspaces")
    if not keep_kernels:
        # Mode (a) starts no kernel: the user's kernels are out of sight.
        env["JUPYTER_DATA_DIR"] = os.path.join(root, ".data")
    write_settings(env["JUPYTERLAB_SETTINGS_DIR"])
    log = open(os.path.join(root, ".lab.log"), "w", encoding="utf-8")
    proc = subprocess.Popen(
        ["jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--ServerApp.open_browser=False", "--LabApp.news_url=None"]
        # CI runs as root.
        + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
    url = f"http://127.0.0.1:{port}/api/status?token={token}"
    for _ in range(120):
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    log.close()
    with open(os.path.join(root, ".lab.log"), encoding="utf-8") as f:
        sys.exit("check-lab: JupyterLab did not start:\n" + f.read()[-3000:])


def dismiss_dialogs(page, wait_ms=0):
    """A kernel-choice dialog (mode (a): the notebook's kernel is hidden),
    which may open a while after the notebook: no kernel."""
    dialog = page.locator(".jp-Dialog")
    deadline = time.time() + wait_ms / 1000
    while True:
        if dialog.count():
            no_kernel = dialog.get_by_role("button", name="No Kernel")
            if no_kernel.count():
                no_kernel.first.click()
            else:
                page.keyboard.press("Escape")
            page.wait_for_timeout(300)
            return
        if time.time() >= deadline:
            return
        page.wait_for_timeout(250)


def start_kernel(port, token, name):
    """Starts the notebook's session on the `negotiations` kernel through
    the REST API, so that JupyterLab attaches to it (no kernel dialog, no
    other kernel)."""
    headers = {"Authorization": f"token {token}", "Content-Type": "application/json"}
    body = json.dumps({"path": name, "type": "notebook", "name": name,
                       "kernel": {"name": "negotiations"}}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/sessions", data=body,
                                 headers=headers, method="POST")
    with urllib.request.urlopen(req, timeout=120) as r:
        json.load(r)


def run_cells(page, timeout_s):
    """Waits for the kernel (one whose crate changed builds it first:
    minutes), runs every cell (Run > Run All Cells) and waits for the
    chart."""
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=timeout_s * 1000)
    # Run > Run All Cells.
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    # The chart cell's output: the twin, or (a kernel built from a crate
    # without it) the SVG alone; check() tells them apart.
    # (Only the chart cell has an output: the first is a `let`.)
    page.wait_for_selector(".jp-Notebook .jp-OutputArea-output", timeout=timeout_s * 1000)


def hover_tooltip(page, chart):
    """Moves the mouse over a grid on the chart until a tooltip shows;
    returns its text, or None."""
    box = chart.bounding_box()
    tip = page.locator("#vg-tooltip-element")
    for fy in [i / 24 for i in range(2, 23)]:
        for fx in [i / 32 for i in range(2, 31)]:
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            page.wait_for_timeout(15)
            if tip.count() and "visible" in (tip.get_attribute("class") or ""):
                return tip.inner_text()
    return None


def check(page, expect_outputs, expect_tip, out_dir, shots=False, dialog_ms=0):
    problems = []
    page.wait_for_selector(".jp-Notebook", timeout=120_000)
    try:
        page.wait_for_selector(".vega-embed canvas, .vega-embed svg", timeout=60_000)
    except Exception:
        svg = page.locator(".jp-RenderedSVG").count()
        return [f"no chart drawn by the Vega-Lite renderer ({svg} shown as SVG only)"]
    dismiss_dialogs(page, dialog_ms)
    # Every output drawn (embedding is asynchronous).
    deadline = time.time() + 60
    while time.time() < deadline:
        drawn = page.locator(".jp-RenderedVegaLite .vega-embed:has(canvas, svg.marks)").count()
        if drawn >= expect_outputs:
            break
        page.wait_for_timeout(500)
    vega = page.locator(".jp-RenderedVegaLite").count()
    drawn = page.locator(".jp-RenderedVegaLite .vega-embed:has(canvas, svg.marks)").count()
    svg_fallback = page.locator(".jp-RenderedSVG").count()
    errors = page.locator(".jp-RenderedVegaLite").filter(has_text="Error").count()
    print(f"check-lab: {vega} Vega-Lite outputs, {drawn} drawn, {svg_fallback} shown as SVG, {errors} with errors")
    if drawn < expect_outputs:
        problems.append(f"{drawn} of {expect_outputs} charts drawn by the Vega-Lite renderer")
    if svg_fallback:
        problems.append(f"{svg_fallback} outputs shown as SVG: JupyterLab did not prefer the twin")
    if errors:
        problems.append(f"{errors} charts show an error")

    if shots:
        outputs = page.locator(".jp-OutputArea-output:has(.vega-embed)")
        for k in range(outputs.count()):
            outputs.nth(k).scroll_into_view_if_needed()
            outputs.nth(k).screenshot(path=os.path.join(out_dir, f"chart-{k:02}.png"))
        print(f"check-lab: {outputs.count()} charts in {out_dir}/chart-NN.png")
    dismiss_dialogs(page)
    chart = page.locator(".jp-RenderedVegaLite .vega-embed").first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    area = page.locator(".jp-OutputArea-output:has(.vega-embed)").first
    text = hover_tooltip(page, chart)
    shot = os.path.join(out_dir, "lab-tooltip.png")
    area.screenshot(path=shot)
    if text is None:
        problems.append("no tooltip shown on hover over the first chart")
    else:
        flat = " ".join(text.split())
        print(f"check-lab: tooltip: {flat[:200]}")
        missing = [w for w in expect_tip if w not in flat]
        if missing:
            problems.append(f"the tooltip does not name {missing}: {flat[:200]}")
    # Zoom: a wheel turn over the chart changes the picture.
    page.mouse.move(-1, -1)
    page.wait_for_timeout(300)
    canvas = chart.locator("canvas, svg.marks").first
    before = canvas.screenshot()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(600)
    page.mouse.move(-1, -1)
    page.wait_for_timeout(300)
    after = canvas.screenshot()
    area.screenshot(path=os.path.join(out_dir, "lab-zoomed.png"))
    if before == after:
        problems.append("the mouse wheel did not zoom the first chart")
    else:
        print("check-lab: the mouse wheel zooms the first chart")
    print(f"check-lab: screenshots {shot}, {os.path.join(out_dir, 'lab-zoomed.png')}")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebook", nargs="?", default="target/lab/charts.ipynb",
                    help="mode (a): a notebook with chart outputs (default target/lab/charts.ipynb)")
    ap.add_argument("--run", action="store_true", help="mode (b): run a chart cell on the negotiations kernel")
    ap.add_argument("--out", default=os.path.join("target", "lab"), help="where screenshots go")
    ap.add_argument("--timeout", type=int, default=900,
                    help="mode (b): seconds to wait for the kernel and the chart cell (a cold kernel builds the crate)")
    ap.add_argument("--shots", action="store_true", help="also a screenshot of every chart (chart-NN.png)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    out_dir = os.path.abspath(args.out)
    os.makedirs(out_dir, exist_ok=True)
    token = secrets.token_hex(16)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="check-lab-") as root:
        if args.run:
            nb = {
                "cells": [{"cell_type": "code", "execution_count": None, "id": f"c{k}", "metadata": {},
                           "outputs": [], "source": src} for k, src in enumerate(RUN_CELLS)],
                "metadata": {"kernelspec": {"display_name": "Rust · negotiations", "language": "rust",
                                            "name": "negotiations"}},
                "nbformat": 4, "nbformat_minor": 5,
            }
            name = "run.ipynb"
            with open(os.path.join(root, name), "w", encoding="utf-8") as f:
                json.dump(nb, f)
            expect_outputs, expect_tip = 1, RUN_EXPECT
        else:
            if not os.path.exists(args.notebook):
                sys.exit(f"check-lab: no {args.notebook}; make it with "
                         f"`cargo run --example lab_notebook -- {args.notebook}`")
            name = "charts.ipynb"
            shutil.copy(args.notebook, os.path.join(root, name))
            with open(args.notebook, encoding="utf-8") as f:
                cells = json.load(f)["cells"]
            expect_outputs = sum(1 for c in cells for o in c.get("outputs", [])
                                 if "application/vnd.vegalite.v5+json" in o.get("data", {}))
            expect_tip = NOTEBOOK_EXPECT
        lab = start_lab(root, port, token, keep_kernels=args.run)
        # Stopped from outside (a time limit): still stop JupyterLab.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit("check-lab: stopped"))
        problems = []
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium(), headless=True,
                                            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                console = []
                page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
                if args.run:
                    start_kernel(port, token, name)
                page.goto(f"http://127.0.0.1:{port}/lab/tree/{name}?token={token}", timeout=120_000)
                if args.run:
                    page.wait_for_selector(".jp-Notebook", timeout=120_000)
                    try:
                        run_cells(page, args.timeout)
                    except Exception:
                        page.screenshot(path=os.path.join(out_dir, "lab-run-failed.png"))
                        print(f"check-lab: the chart cell did not run; screenshot {out_dir}/lab-run-failed.png",
                              file=sys.stderr)
                        raise
                problems = check(page, expect_outputs, expect_tip, out_dir, args.shots,
                                 dialog_ms=0 if args.run else 8000)
                vega_errors = [c for c in console if "vega" in c.lower()]
                if vega_errors:
                    problems.append("console errors from Vega: " + "; ".join(vega_errors[:5]))
                browser.close()
        finally:
            lab.terminate()
            try:
                lab.wait(timeout=20)
            except subprocess.TimeoutExpired:
                lab.kill()
    for p in problems:
        print(f"check-lab: {p}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print("check-lab: every chart drawn by JupyterLab's Vega-Lite renderer; tooltip on hover; wheel zooms")


if __name__ == "__main__":
    main()
