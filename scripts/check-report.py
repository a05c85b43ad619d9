#!/usr/bin/env python3
"""Checks the report scripts/report.sh made of a notebook (CI runs it).

    python3 scripts/check-report.py [NOTEBOOK] [OUTDIR]

(defaults: notebooks/02-marathon-vs-sprint.ipynb, target/report/).

The PDF (with Poppler's pdfinfo, pdffonts, pdfimages, pdftotext):
- is a PDF (starts with %PDF-) of at least one page per two figures;
- has no raster image beyond the notebook's own PNG outputs: the charts,
  SVG in the notebook, stay vectors;
- embeds every font it uses, and uses only DejaVu (assets/fonts/ and
  Typst's DejaVu Sans Mono), so it looks the same everywhere;
- carries every caption ("Figure N.", "Table N."), and the Sources.
The HTML:
- loads nothing: no element takes a resource (src, href of <link>, <use>,
  <image>, CSS url() or @import) from another address;
- holds every figure inline as SVG, and every table output of the notebook
  byte for byte (the crate's escaping, untouched).
Both:
- are the same bytes when rendered again (into a new directory);
- keep text from the data as text: a notebook made up here with markup in
  a table cell and a chart title (HTML, Typst) renders it escaped in the
  HTML and as the same characters in the PDF.
Exit 1 on any failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
problems = []


def fail(msg):
    problems.append(msg)
    print(f"FAILED: {msg}")


def run(*cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, check=True, **kw).stdout


def render(notebook, outdir, env=None):
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "report.py"), notebook, outdir],
                   check=True, capture_output=True, env=env)


def outputs(notebook):
    with open(notebook, encoding="utf-8") as f:
        nb = json.load(f)
    svgs, pngs, tables = 0, 0, []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/svg+xml" in data:
                svgs += 1
            elif "image/png" in data:
                pngs += 1
            elif "text/html" in data:
                page = data["text/html"]
                tables.append("".join(page) if isinstance(page, list) else page)
    return svgs, pngs, tables


def check_pdf(pdf, svgs, pngs, tables):
    with open(pdf, "rb") as f:
        if not f.read(5) == b"%PDF-":
            fail(f"{pdf}: does not start with %PDF-")
            return
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))
    if pages < max(1, (svgs + pngs) // 2):
        fail(f"{pdf}: {pages} pages for {svgs + pngs} figures")
    images = [l for l in run("pdfimages", "-list", pdf).splitlines()[2:] if l.strip()]
    if len(images) > pngs:
        fail(f"{pdf}: {len(images)} raster images, the notebook has {pngs} PNG outputs: a chart was rasterised")
    fonts = run("pdffonts", pdf).splitlines()[2:]
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        if emb != "yes":
            fail(f"{pdf}: font {name} is not embedded")
        if "DejaVu" not in name:
            fail(f"{pdf}: font {name} is not DejaVu")
    text = run("pdftotext", "-enc", "UTF-8", pdf, "-")
    flat = " ".join(text.split())
    for n in range(1, svgs + pngs + 1):
        if f"Figure {n}." not in flat:
            fail(f"{pdf}: no caption 'Figure {n}.'")
    for n in range(1, len(tables) + 1):
        if f"Table {n}." not in flat:
            fail(f"{pdf}: no caption 'Table {n}.'")
    if "Sources" not in flat:
        fail(f"{pdf}: no Sources section")
    print(f"   {pdf}: {pages} pages, {len(images)} raster images, {len(fonts)} fonts all embedded "
          f"({', '.join(sorted(set(l.split()[0].split('+')[-1] for l in fonts)))}), "
          f"{svgs + pngs} figure and {len(tables)} table captions")
    return flat


class Resources(HTMLParser):
    """Every address an element would load (not the links a reader follows)."""
    LOADS = {"src", "srcset", "data", "poster", "background"}

    def __init__(self):
        super().__init__()
        self.loads, self.svgs, self.in_style, self.css = [], 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.svgs += 1
        if tag == "style":
            self.in_style = True
        for name, value in attrs:
            value = value or ""
            if name in self.LOADS or (name in ("href", "xlink:href") and tag in ("link", "use", "image", "script")):
                self.loads.append((tag, name, value))
            if name == "style":
                self.css.append(value)

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.css.append(data)


def external(address):
    return re.match(r"\s*(https?:|//|ftp:)", address, re.I) is not None


def check_html(page, svgs, tables):
    with open(page, encoding="utf-8") as f:
        text = f.read()
    found = Resources()
    found.feed(text)
    for tag, name, value in found.loads:
        if external(value):
            fail(f"{page}: <{tag} {name}=\"{value[:80]}\"> loads from the network")
    for css in found.css:
        for address in re.findall(r"url\(\s*['\"]?([^)'\"]*)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css):
            if external(address):
                fail(f"{page}: CSS loads {address[:80]}")
    if "<script" in text:
        fail(f"{page}: has a script")
    if found.svgs < svgs:
        fail(f"{page}: {found.svgs} inline SVGs for {svgs} figures")
    for t in tables:
        if t.strip() not in text:
            fail(f"{page}: a table output of the notebook is not in the page as it is")
    print(f"   {page}: nothing loaded from elsewhere ({len(found.loads)} references, all within the page), "
          f"{found.svgs} inline SVGs, {len(tables)} tables as the crate wrote them")


def same_again(notebook, outdir, name, env=None):
    with tempfile.TemporaryDirectory() as again:
        render(notebook, again, env)
        for ext in ("html", "pdf"):
            a, b = os.path.join(outdir, f"{name}.{ext}"), os.path.join(again, f"{name}.{ext}")
            with open(a, "rb") as fa, open(b, "rb") as fb:
                if fa.read() != fb.read():
                    fail(f"{a}: a second render differs")
                else:
                    print(f"   {a}: a second render is the same {os.path.getsize(a)} bytes")


HOSTILE = '<b onclick="x">&</b> #read("/etc/passwd") $x$ ] [ *y* \\ @z <!--'


def check_escaping():
    """A notebook made up here: a table of the crate's markup whose cells hold
    HTML and Typst markup (escaped as the crate escapes), and a chart title
    that does too. The HTML must keep them escaped, the PDF show them as text."""
    import html
    esc = html.escape(HOSTILE, quote=True)
    table = ('<style></style><div class="negotiations-table">\n<table class="negotiations">\n'
             '<caption>1 rows × 2 columns</caption>\n<thead><tr><th>a<br><small>str</small></th>'
             '<th>b<br><small>str</small></th></tr></thead>\n<tbody>\n'
             f'<tr><td>{esc}</td><td title="{esc} in full">{esc[:10]}…</td></tr>\n</tbody>\n</table>\n</div>\n')
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><defs><path id="ng-b1" d="M0 0L10 10Z"/></defs>'
           f'<g aria-label="{esc}"><use href="#ng-b1" x="0"/></g><rect x="0" y="0" width="100" height="50" fill="#ccc"/></svg>')
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
          "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Escaping\n\nA table and a chart."},
                    {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": "t",
                     "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                                  "data": {"text/html": table}}]},
                    {"cell_type": "code", "metadata": {}, "execution_count": 2, "source": "c",
                     "outputs": [{"output_type": "execute_result", "execution_count": 2, "metadata": {},
                                  "data": {"image/svg+xml": svg}}]}]}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "escaping.ipynb")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(nb, f)
        env = dict(os.environ, SOURCE_DATE_EPOCH="0")
        render(path, tmp, env)
        with open(os.path.join(tmp, "escaping.html"), encoding="utf-8") as f:
            page = f.read()
        if "<b onclick" in page or table.strip() not in page:
            fail("escaping: the HTML does not keep a cell's markup escaped as the crate wrote it")
        if f"Figure 1.</span> {esc}" not in page:
            fail("escaping: the HTML caption of a chart title with markup is not escaped")
        text = " ".join(run("pdftotext", "-enc", "UTF-8", os.path.join(tmp, "escaping.pdf"), "-").split())
        for what, want in (("the table cell", HOSTILE), ("the cut cell's full text", HOSTILE + " in full"),
                           ("the chart title (caption)", f"Figure 1. {HOSTILE}")):
            if want not in text:
                fail(f"escaping: the PDF does not show {what} as its characters: {want!r} not in {text[:300]!r}")
        same_again(path, tmp, "escaping", env)
    print(f"   escaping: markup in a cell and a chart title stays text in both ({HOSTILE!r})")


def main():
    notebook = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "notebooks", "02-marathon-vs-sprint.ipynb")
    outdir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "report")
    name = os.path.splitext(os.path.basename(notebook))[0]
    svgs, pngs, tables = outputs(notebook)
    print(f"== {name}: {svgs} SVG figures, {pngs} PNG figures, {len(tables)} HTML tables")
    flat = check_pdf(os.path.join(outdir, f"{name}.pdf"), svgs, pngs, tables)
    check_html(os.path.join(outdir, f"{name}.html"), svgs, tables)
    same_again(notebook, outdir, name)
    check_escaping()
    if problems:
        print(f"check-report: {len(problems)} problems")
        sys.exit(1)
    print("check-report: the PDF and the HTML are as they should be")


if __name__ == "__main__":
    main()
