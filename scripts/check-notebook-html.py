#!/usr/bin/env python3
"""Renders executed notebooks as a reader sees them and checks the layout:
each notebook is converted to HTML by nbconvert and opened in headless
Chromium at 1,000 px wide; a script in the page measures every output.

Fails (exit 1) when
- a chart (SVG) or any output is wider than its output area (clipped);
- a table cell is taller than three lines of text;
- a chart's tick labels show smaller than 11 CSS px (the chart says the
  size of its label type in its own pixels, `data-tick-px`; shown at its
  width, that is so many CSS px).
Wide tables may scroll sideways inside their own box: that is not clipping.

Screenshots of the whole pages go to target/notebook-screens/ (CI keeps
them as artifacts).

    python3 scripts/check-notebook-html.py notebooks/out/*.ipynb
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHECK = r"""
<script>
window.addEventListener('load', () => {
  const problems = [];
  const tall = 3.6;  // lines
  document.querySelectorAll('.jp-OutputArea-output, .output_area, .output_subarea').forEach((out, i) => {
    const box = out.getBoundingClientRect();
    out.querySelectorAll('svg').forEach((svg) => {
      const r = svg.getBoundingClientRect();
      if (r.right > box.right + 1 || r.width > box.width + 1) {
        problems.push(`output ${i}: a chart ${Math.round(r.width)} px wide in a ${Math.round(box.width)} px output (clipped)`);
      }
      const tick = parseFloat(svg.getAttribute('data-tick-px'));
      const vb = svg.viewBox && svg.viewBox.baseVal;
      if (tick && vb && vb.width) {
        const shown = tick * r.width / vb.width;
        if (shown < 11) {
          problems.push(`output ${i}: tick labels ${shown.toFixed(1)} CSS px (under 11): a chart laid out ${vb.width} px wide shown ${Math.round(r.width)} px wide`);
        }
      }
    });
    const scroller = out.querySelector('.negotiations-table');
    if (!scroller && out.scrollWidth > out.clientWidth + 1 && getComputedStyle(out).overflowX !== 'visible') {
      problems.push(`output ${i}: ${out.scrollWidth} px of content in ${out.clientWidth} px (clipped)`);
    }
  });
  document.querySelectorAll('td, th').forEach((cell) => {
    const style = getComputedStyle(cell);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3;
    if (cell.getBoundingClientRect().height > tall * line) {
      problems.push(`a table cell ${Math.round(cell.getBoundingClientRect().height)} px tall: "${cell.textContent.slice(0, 60)}"`);
    }
  });
  const report = document.createElement('pre');
  report.id = 'layout-report';
  report.textContent = JSON.stringify({problems, height: document.body.scrollHeight});
  document.body.appendChild(report);
});
</script>
"""


def chromium():
    for name in ["chromium", "chromium-browser", "google-chrome"]:
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check-notebook-html: no Chromium found (scripts/install-ci-deps.sh installs it)")


def run(browser, args):
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--virtual-time-budget=10000"]
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(base + [f"--user-data-dir={profile}"] + args, capture_output=True, text=True, timeout=300)


def main(paths):
    browser = chromium()
    screens = os.path.join("target", "notebook-screens")
    os.makedirs(screens, exist_ok=True)
    failed = False
    for nb in paths:
        name = os.path.splitext(os.path.basename(nb))[0]
        page = os.path.join(screens, f"{name}.html")
        subprocess.run(["jupyter", "nbconvert", "--to", "html", "--output", os.path.abspath(page), nb],
                       check=True, capture_output=True)
        with open(page, encoding="utf-8") as f:
            text = f.read()
        text = text.replace("</body>", CHECK + "</body>")
        with open(page, "w", encoding="utf-8") as f:
            f.write(text)
        url = "file://" + os.path.abspath(page)
        dom = run(browser, ["--window-size=1000,2000", "--dump-dom", url]).stdout
        found = re.search(r'<pre id="layout-report">(.*?)</pre>', dom, re.S)
        if not found:
            print(f"{name}: the page did not report its layout", file=sys.stderr)
            failed = True
            continue
        report = json.loads(html.unescape(found.group(1)))
        height = min(max(int(report["height"]), 1000), 30000)
        shot = os.path.join(screens, f"{name}.png")
        run(browser, [f"--window-size=1000,{height}", f"--screenshot={os.path.abspath(shot)}", url])
        if report["problems"]:
            failed = True
            print(f"{name}: {len(report['problems'])} layout problems (screenshot {shot}):")
            for p in report["problems"][:20]:
                print(f"   {p}")
        else:
            print(f"{name}: no clipped output, no tall table cell ({height} px; screenshot {shot})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
