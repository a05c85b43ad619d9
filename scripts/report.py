#!/usr/bin/env python3
"""Renders an executed notebook as a report: a standalone HTML page and a
PDF, from the outputs committed in the notebook (nothing is executed).

    python3 scripts/report.py [NOTEBOOK] [OUTDIR] [--show-code] [--data DIR]
                              [--paper a4|us-letter] [--keep]

writes OUTDIR/<name>.html and OUTDIR/<name>.pdf. scripts/report.sh is the
command to use; docs/report.md says how it works and why.

- Prose: the markdown cells, by pandoc (GitHub's dialect, as Jupyter reads
  them). The first cell's leading `# ` heading is the report's title.
- Figures: `image/svg+xml` outputs, kept as vectors: inline in the HTML,
  SVG images in the PDF. Caption: the cell's `report.caption` metadata,
  else the chart's own title (the first text the crate draws, in bold),
  else the first sentence of the markdown cell just before.
- Tables: the crate's `text/html` tables. The HTML keeps each as the crate
  wrote it (its escaping, its one-line cells with the full text on hover,
  its scroll box). The PDF sets the same table as a real Typst table
  (scripts/report.typ, `data-table`): its cells go to Typst as JSON
  strings, never as markup; the dtype under each header is dropped;
  columns are measured, and a table wider than the page is set in parts
  that repeat its first column. In a table of up to four columns a cell
  the crate cut short gets its full text back from its `title` attribute
  (paper has no hover). Caption: `report.caption`, else the crate's own
  ("25 rows × 10 columns"). Other HTML outputs go through pandoc.
- Code: hidden unless --show-code. Printed text outputs are kept; error
  outputs fail the render (a report must not carry a traceback).
- Sources: the articles of data/sources.csv the notebook names (by
  source_id), and the documents the sessions and missions cite
  (data/meetings.csv, data/missions.csv, `citation`).

The PDF is set by Typst (the `typst` module) from pandoc's Typst output and
scripts/report.typ, with the DejaVu fonts of assets/fonts/ and no system
font, and dated from SOURCE_DATE_EPOCH or else the notebook's last commit:
the same input gives the same bytes on every machine. Both files are
written from the notebook alone, so a second render is the same bytes.
"""
import argparse
import base64
import csv
import datetime
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

try:
    import pypandoc
    import typst
except ImportError as e:  # pragma: no cover - a message, not a traceback
    sys.exit(f"report: {e.name} is missing: run scripts/install-ci-deps.sh (it installs pypandoc-binary and typst)")

LUA_FILTER = os.path.join(ROOT, "scripts", "report.lua")
TEMPLATE = os.path.join(ROOT, "scripts", "report.typ")
FONTS = os.path.join(ROOT, "assets", "fonts")


# ---------------------------------------------------------------- notebook

class Block:
    """One piece of the report, in notebook order."""

    def __init__(self, kind, text, caption=None, cell=None):
        self.kind = kind  # prose | code | figure | image | table | html | text
        self.text = text
        self.caption = caption
        self.cell = cell


def joined(value):
    return "".join(value) if isinstance(value, list) else value


def first_sentence(markdown):
    """The first sentence of a markdown cell's first paragraph, marks removed."""
    for para in re.split(r"\n\s*\n", markdown):
        para = para.strip()
        if not para or para.startswith("#"):
            continue
        text = re.sub(r"[*_`]", "", " ".join(para.split()))
        return re.split(r"(?<=[.!?:])\s", text, maxsplit=1)[0].rstrip(":")
    return None


def chart_title(svg):
    """The crate draws a chart's title first, in bold glyphs (`#ng-b…`),
    naming it in aria-label; other charts may have none."""
    body = svg.split("</defs>", 1)[-1]
    found = re.search(r'<g [^>]*aria-label="([^"]*)">(<use href="#([a-z-]+))?', body)
    if found and (found.group(3) or "").startswith("ng-b"):
        return html.unescape(found.group(1))
    return None


def read_notebook(path, show_code):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    blocks, title, last_markdown = [], None, None
    for number, cell in enumerate(nb["cells"]):
        source = joined(cell.get("source", ""))
        meta = cell.get("metadata", {}).get("report", {})
        tags = cell.get("metadata", {}).get("tags", [])
        if "remove-cell" in tags:
            continue
        if cell["cell_type"] == "markdown":
            if title is None and not blocks:
                heading = re.match(r"\s*#\s+(.+?)\s*(\n|$)", source)
                if heading:
                    title = heading.group(1)
                    source = source[heading.end():]
            blocks.append(Block("prose", source, cell=number))
            last_markdown = source
            continue
        if cell["cell_type"] != "code":
            continue
        if show_code and source.strip() and "remove-input" not in tags:
            blocks.append(Block("code", source, cell=number))
        if "remove-output" in tags:
            continue
        for out in cell.get("outputs", []):
            kind = out["output_type"]
            if kind == "error":
                sys.exit(f"report: cell {number} of {path} has an error output ({out.get('ename')}: "
                         f"{out.get('evalue')}): re-run the notebook before rendering it")
            if kind == "stream":
                if out.get("name") == "stdout":
                    blocks.append(Block("text", joined(out["text"]), cell=number))
                continue
            data = out.get("data", {})
            if "image/svg+xml" in data:
                svg = joined(data["image/svg+xml"])
                caption = meta.get("caption") or chart_title(svg) or (last_markdown and first_sentence(last_markdown))
                blocks.append(Block("figure", svg, caption, number))
            elif "image/png" in data:
                caption = meta.get("caption") or (last_markdown and first_sentence(last_markdown))
                blocks.append(Block("image", joined(data["image/png"]).replace("\n", ""), caption, number))
            elif "text/html" in data:
                page = joined(data["text/html"])
                if 'class="negotiations-table"' in page:
                    shape = re.search(r"<caption>(.*?)</caption>", page)
                    blocks.append(Block("table", page, meta.get("caption") or (shape and html.unescape(shape.group(1))), number))
                else:
                    blocks.append(Block("html", page, cell=number))
            elif "text/markdown" in data:
                blocks.append(Block("prose", joined(data["text/markdown"]), cell=number))
            elif "text/plain" in data:
                blocks.append(Block("text", joined(data["text/plain"]), cell=number))
        # A markdown cell names the output right after it, not the ones further on.
        last_markdown = None
    return title, blocks


# ----------------------------------------------------------------- sources

def cited_articles(data_dir, blocks):
    """The rows of sources.csv whose source_id the notebook's text names."""
    text = "\n".join(b.text for b in blocks if b.kind != "image")
    with open(os.path.join(data_dir, "sources.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r for r in rows if re.search(rf"(?<![\w]){re.escape(r['source_id'])}(?![\w])", text)]


ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n):
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def frus_volume(volume):
    """`frus1969-76v26` → "FRUS 1969–76, vol. XXVI"; `frus1951v07p1` → "FRUS 1951, vol. VII, part 1"."""
    m = re.fullmatch(r"frus(\d{4}(?:-\d{2})?)v(\d+)(?:p(\d+))?", volume)
    if not m:
        return volume
    name = f"FRUS {m.group(1).replace('-', '–')}, vol. {roman(int(m.group(2)))}"
    return name + (f", part {m.group(3)}" if m.group(3) else "")


def record(data_dir):
    """Every document the sessions and missions cite: FRUS volumes with their
    document numbers, and the other documents one by one."""
    cites = {}
    for table in ("meetings.csv", "missions.csv"):
        path = os.path.join(data_dir, table)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                c = row.get("citation", "").strip()
                if c:
                    cites.setdefault(c, row.get("citation_url", "").strip())
    volumes, others = {}, []
    for c, url in cites.items():
        m = re.fullmatch(r"(frus[\w-]+)/d(\d+)", c)
        if m:
            volumes.setdefault(m.group(1), set()).add(int(m.group(2)))
        else:
            others.append((c, url))

    def order(item):
        kind, _, rest = item[0].partition(": ")
        date = re.search(r"\d{4}(-\d{2})?(-\d{2})?", rest)
        return (kind, date.group(0) if date else "", rest)

    return volumes, sorted(others, key=order)


def link(url, text):
    """An anchor for an http(s) address from the data, else the text alone."""
    if re.match(r"https?://", url):
        return f'<a href="{html.escape(url)}">{text}</a>'
    return text


KINDS = [("outlet", "Press reports"), ("readout", "Readouts"), ("document", "Other documents")]


def sources_html(data_dir, blocks):
    """The Sources section, as HTML (the page's and, through pandoc, the
    PDF's). Every value from the data is escaped here."""
    e = html.escape
    parts = ["<h2 id=\"sources\">Sources</h2>",
             "<p>The articles the tables and figures are drawn from (every row of the data quotes one; "
             "<code>data/sources.csv</code>), then the documents that identify and date the sessions "
             "(<code>citation</code> in <code>data/meetings.csv</code> and <code>data/missions.csv</code>, "
             "where each row names its own).</p>",
             "<h3 id=\"sources-articles\">Articles</h3>", "<ol>"]
    for r in cited_articles(data_dir, blocks):
        item = f"<strong>{e(r['label'])}</strong> (<code>{e(r['source_id'])}</code>)."
        if r.get("title"):
            item += f" “{e(r['title'])}”"
        who = ", ".join(e(r[k]) for k in ("author", "outlet", "published") if r.get(k))
        item += f" {who}." if who else " No author, outlet or date in the text."
        if r.get("rights"):
            item += f" {e(r['rights'])}"
        parts.append(f"<li>{item}</li>")
    parts.append("</ol>")
    volumes, others = record(data_dir)
    if volumes or others:
        parts.append("<h3 id=\"sources-record\">The record</h3>")
    if volumes:
        parts.append("<p><em>Foreign Relations of the United States</em> (Office of the Historian, "
                     "U.S. Department of State), by volume and document number:</p><ul>")
        for v in sorted(volumes):
            docs = ", ".join(str(d) for d in sorted(volumes[v]))
            count = f"{len(volumes[v])} document" + ("s" if len(volumes[v]) > 1 else "")
            url = f"https://history.state.gov/historicaldocuments/{v}"
            parts.append(f"<li>{link(url, e(frus_volume(v)))}: {count} ({e(docs)}).</li>")
        parts.append("</ul>")
    for kind, heading in KINDS + [(None, "Other citations")]:
        known = [k for k, _ in KINDS]
        mine = [(c, u) for c, u in others if (c.partition(": ")[0] == kind if kind else c.partition(": ")[0] not in known)]
        if not mine:
            continue
        parts.append(f"<p>{heading}:</p><ul>")
        for c, url in mine:
            text = c.partition(": ")[2] if kind else c
            parts.append(f"<li>{link(url, e(text))}</li>")
        parts.append("</ul>")
    return "\n".join(parts)


# -------------------------------------------------------------------- HTML

STYLE = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; font-size: 15px; line-height: 1.5;
       color: #1a1a1a; background: #fff; max-width: 1000px; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin-top: 1.5rem; }
.byline { color: #555; margin-top: 0; }
figure { margin: 1.5rem 0; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figure img { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.9rem; color: #333; margin: 0.4rem 0; }
figcaption .label { font-weight: bold; }
figure.table figcaption { margin-bottom: 0.3rem; }
/* The crate's table names each column's dtype for the notebook's user; a
   report's reader does not need it (the table itself is untouched). */
.negotiations-table th small, .negotiations-table th br { display: none; }
.negotiations-table caption { font-size: 0.8rem; }
pre { background: #f6f6f6; padding: 0.6rem 0.8rem; overflow-x: auto; font-size: 0.85rem; line-height: 1.35; }
pre.output { background: none; border-left: 3px solid #ccc; padding: 0.2rem 0.8rem; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
#sources { margin-top: 3rem; }
.sources { font-size: 0.85rem; }
.sources li { margin-bottom: 0.25rem; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  .negotiations-table { overflow: visible; }
  h2, h3 { break-after: avoid; }
}
"""


def prose_html(markdown):
    """Markdown to HTML by pandoc, GitHub's dialect (what Jupyter renders)."""
    return pypandoc.convert_text(markdown, "html5", format="gfm", extra_args=["--wrap=none"])


def scoped_svg(svg, prefix):
    """Several inline SVGs share one page: their ids (the crate's glyphs,
    `ng-…`) get a per-figure prefix so that no `<use>` resolves in another."""
    svg = re.sub(r'\bid="(ng-[\w-]+)"', rf'id="{prefix}-\1"', svg)
    return re.sub(r'\bhref="#(ng-[\w-]+)"', rf'href="#{prefix}-\1"', svg)


def caption_html(label, caption):
    if not caption:
        return ""
    return f'<figcaption><span class="label">{label}.</span> {html.escape(caption)}</figcaption>'


def html_outputs(blocks):
    """The HTML of each non-prose block, by index; figures and tables numbered."""
    out, figures, tables = {}, 0, 0
    for i, b in enumerate(blocks):
        if b.kind == "figure":
            figures += 1
            out[i] = (f'<figure id="figure-{figures}">\n{scoped_svg(b.text.strip(), f"f{figures}")}\n'
                      f'{caption_html(f"Figure {figures}", b.caption)}</figure>')
        elif b.kind == "image":
            figures += 1
            out[i] = (f'<figure id="figure-{figures}"><img alt="" src="data:image/png;base64,{b.text}">'
                      f'{caption_html(f"Figure {figures}", b.caption)}</figure>')
        elif b.kind == "table":
            tables += 1
            out[i] = (f'<figure class="table" id="table-{tables}">{caption_html(f"Table {tables}", b.caption)}\n'
                      f'{b.text.strip()}\n</figure>')
        elif b.kind == "html":
            out[i] = b.text
        elif b.kind == "code":
            out[i] = f'<pre class="code"><code class="language-rust">{html.escape(b.text)}</code></pre>'
        elif b.kind == "text":
            out[i] = f'<pre class="output">{html.escape(b.text.rstrip())}</pre>'
    return out


def body_html(blocks, outputs):
    """One pandoc call for all the prose: outputs stand in as HTML comments
    (raw HTML, passed through) and are put back after."""
    parts = []
    for i, b in enumerate(blocks):
        parts.append(b.text if b.kind == "prose" else f"<!--report-block-{i}-->")
    converted = prose_html("\n\n".join(parts))
    return re.sub(r"<!--report-block-(\d+)-->", lambda m: outputs[int(m.group(1))], converted)


def write_html(path, title, byline, body, sources):
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{html.escape(title)}</h1>\n<p class=\"byline\">{html.escape(byline)}</p>\n</header>\n"
        f"<main>\n{body}\n</main>\n<section class=\"sources\">\n{sources}\n</section>\n</body>\n</html>\n"
    )
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)


# --------------------------------------------------------------------- PDF

class CrateTable(HTMLParser):
    """Reads the crate's HTML table (negotiations::export::html_table) into
    header names, rows of cell text and which columns are numbers. Parsing
    decodes the text once, as a browser would; it then goes to Typst as JSON
    strings, which Typst sets as text and never reads as markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.columns, self.rows, self.numeric = [], [], []
        self.row, self.cell, self.where = None, None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("th", "td"):
            self.cell = {"text": "", "full": a.get("title"), "num": "num" in (a.get("class") or "").split(),
                         "span": int(a.get("colspan") or 1), "head": tag == "th"}
        elif tag == "tr":
            self.row = []
        self.where.append(tag)

    def handle_endtag(self, tag):
        while self.where and self.where.pop() != tag:
            pass
        if tag in ("th", "td") and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row and all(c["head"] for c in self.row):
                self.columns = [c["text"].strip() for c in self.row]
            else:
                self.rows.append(self.row)
            self.row = None

    def handle_data(self, data):
        # The dtype under each header name (in <small>) is for the notebook's user.
        if self.cell is not None and "small" not in self.where:
            self.cell["text"] += data


def table_spec(page, caption):
    """The table as scripts/report.typ's data-table sets it. A table of up to
    four columns has room for whole paragraphs: a cell the crate cut short
    (it keeps cells one line high) gets its full text back from its title
    attribute. A wider table keeps the crate's cut, ending in "…"."""
    parsed = CrateTable()
    parsed.feed(page)
    parsed.close()
    n = len(parsed.columns)
    whole = n <= 4
    rows, numeric = [], [True] * n
    for row in parsed.rows:
        if len(row) == 1 and row[0]["span"] > 1:  # "… N more rows …"
            rows.append([row[0]["text"]])
            continue
        cells = []
        for i, c in enumerate(row[:n]):
            cells.append(c["full"] if whole and c["full"] is not None else c["text"])
            if c["text"].strip() and not c["num"]:
                numeric[i] = False
        rows.append(cells + [""] * (n - len(cells)))
    return {"caption": caption or "", "columns": parsed.columns, "numeric": numeric, "rows": rows}


def pdf_outputs(blocks, build):
    out, figures = {}, 0
    for i, b in enumerate(blocks):
        if b.kind in ("figure", "image"):
            figures += 1
            name = f"figure-{figures}." + ("svg" if b.kind == "figure" else "png")
            if b.kind == "figure":
                with open(os.path.join(build, name), "w", encoding="utf-8") as f:
                    f.write(b.text)
            else:
                with open(os.path.join(build, name), "wb") as f:
                    f.write(base64.b64decode(b.text))
            cap = f"<figcaption>{html.escape(b.caption)}</figcaption>" if b.caption else ""
            out[i] = f'<figure><img src="{name}" width="100%">{cap}</figure>'
        elif b.kind == "table":
            with open(os.path.join(build, f"table-{i}.json"), "w", encoding="utf-8") as f:
                json.dump(table_spec(b.text, b.caption), f, ensure_ascii=False, indent=0)
            # A paragraph of one word that pandoc passes through as it is;
            # to_typst() puts the table in its place.
            out[i] = f"<p>REPORTTABLE{i}</p>"
        elif b.kind == "html":
            out[i] = b.text
        elif b.kind == "code":
            out[i] = f'<pre class="rust"><code class="language-rust">{html.escape(b.text)}</code></pre>'
        elif b.kind == "text":
            out[i] = f'<pre class="output">{html.escape(b.text.rstrip())}</pre>'
    return out


def to_typst(html_text):
    typ = pypandoc.convert_text(
        html_text, "typst", format="html",
        extra_args=["--wrap=preserve", f"--lua-filter={LUA_FILTER}", "--shift-heading-level-by=-1"])
    return re.sub(r"^REPORTTABLE(\d+)$", r'#data-table(json("table-\1.json"))', typ, flags=re.M)


def typst_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_pdf(path, build, title, byline, date, paper, body_typ, sources_typ):
    shutil.copy(TEMPLATE, os.path.join(build, "report.typ"))
    main = (
        '#import "report.typ": report, sources, data-table, horizontalrule\n'
        f"#show: report.with(title: sys.inputs.title, byline: sys.inputs.byline, paper: {typst_string(paper)},\n"
        f"  date: datetime(year: {date.year}, month: {date.month}, day: {date.day}))\n\n"
        f"{body_typ}\n\n#sources[\n{sources_typ}\n]\n"
    )
    with open(os.path.join(build, "main.typ"), "w", encoding="utf-8") as f:
        f.write(main)
    _, warnings = typst.compile_with_warnings(
        os.path.join(build, "main.typ"), output=path, root=build,
        font_paths=[FONTS], ignore_system_fonts=True,
        timestamp=int(date.timestamp()),
        sys_inputs={"title": title, "byline": byline})
    for w in warnings:
        print(f"report: typst: {w}", file=sys.stderr)


# ---------------------------------------------------------------------- main

def report_date(notebook):
    """SOURCE_DATE_EPOCH if set (the reproducible-builds convention), else
    the time of the notebook's last commit, else of the checkout's last
    commit (a copy the notebooks' run wrote, say): never the clock, so that
    a second render is the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    here = os.path.dirname(os.path.abspath(notebook))
    for paths in (["--", os.path.abspath(notebook)], []):
        if epoch:
            break
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct", *paths], cwd=here,
                                   capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            epoch = ""
    if not epoch:
        sys.exit("report: nothing to date the report by (no git history): set SOURCE_DATE_EPOCH")
    return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebook", nargs="?", default=os.path.join(ROOT, "notebooks", "02-marathon-vs-sprint.ipynb"),
                    help="default: notebooks/02-marathon-vs-sprint.ipynb")
    ap.add_argument("outdir", nargs="?", default=os.path.join(ROOT, "target", "report"), help="default: target/report/")
    ap.add_argument("--show-code", action="store_true", help="show the code cells (hidden by default)")
    ap.add_argument("--data", default=os.environ.get("NEGOTIATIONS_DATA") or os.path.join(ROOT, "data"),
                    help="the data directory whose sources the report lists (default: $NEGOTIATIONS_DATA or data/)")
    ap.add_argument("--paper", default="a4", help="Typst paper name (default a4; us-letter)")
    ap.add_argument("--keep", action="store_true", help="keep the Typst sources and figures in OUTDIR/<name>-typst/")
    args = ap.parse_args()

    name = os.path.splitext(os.path.basename(args.notebook))[0]
    os.makedirs(args.outdir, exist_ok=True)
    date = report_date(args.notebook)
    title, blocks = read_notebook(args.notebook, args.show_code)
    title = title or name
    rel = os.path.relpath(os.path.abspath(args.notebook), ROOT)
    byline = f"Rendered from {rel}, {date:%Y-%m-%d}" if not rel.startswith("..") else f"Rendered from {os.path.basename(args.notebook)}, {date:%Y-%m-%d}"
    sources = sources_html(args.data, blocks)

    html_path = os.path.join(args.outdir, f"{name}.html")
    write_html(html_path, title, byline, body_html(blocks, html_outputs(blocks)), sources)

    if args.keep:
        build = os.path.join(args.outdir, f"{name}-typst")
        shutil.rmtree(build, ignore_errors=True)
        os.makedirs(build)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="report-")
        build = tmp.name
    body_typ = to_typst(body_html(blocks, pdf_outputs(blocks, build)))
    sources_typ = to_typst(sources)
    pdf_path = os.path.join(args.outdir, f"{name}.pdf")
    write_pdf(pdf_path, build, title, byline, date, args.paper, body_typ, sources_typ)
    print(f"{html_path}\n{pdf_path}")


if __name__ == "__main__":
    main()
