#!/usr/bin/env python3
"""The baseline for `negotiations figures`: pandas + matplotlib drawing the
same seven report charts from the same tidy rows, as SVG and PNG files of the
same size (1600 x 1000 px).

The rows come from the crate (`cargo run --release --example chart_rows --
DIR`), so both sides draw the same marks: intervals, points with shapes,
step lines, text labels, a log axis, a tile grid, titles, subtitles,
legends. The time printed is, like the one `negotiations figures` prints,
from before the rows are read (pandas) to the last file written; Python's
start and imports are not in it (farm-bench's whole-process times are).

    python3 scripts/figures-matplotlib.py ROWS_DIR OUT_DIR

Needs pandas and matplotlib (`python3 -m pip install pandas matplotlib`);
docs/benchmarks.md, "Report figures against pandas + matplotlib", has the
numbers and how they were measured.
"""

import os
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

COLORS = {
    "kissinger": "#1f5fa8", "trump": "#c8452c", "roosevelt": "#6a6a6a",
    "truman": "#6a6a6a", "carter": "#6a6a6a", "other": "#8a8a8a",
}
SHAPES = {"session": "o", "leader": "D", "mission": "s", "start": "o",
          "end": ">", "holding": ">", "set": "o", "due": "D"}


def color(value):
    return COLORS.get(str(value), "#4c78a8")


def frame(title, subtitle):
    fig = plt.figure(figsize=(16, 10), dpi=100)
    fig.suptitle(title, x=0.02, ha="left", fontsize=22, fontweight="bold")
    fig.text(0.02, 0.92, subtitle, fontsize=13, wrap=True)
    ax = fig.add_axes([0.32, 0.1, 0.64, 0.76])
    ax.grid(axis="x", color="#e6e6e6")
    return fig, ax


def bands(ax, names):
    order = list(dict.fromkeys(names))
    pos = {n: i for i, n in enumerate(order)}
    ax.set_yticks(range(len(order)))
    ax.set_yticklabels([n[:60] for n in order], fontsize=10)
    ax.invert_yaxis()
    return pos


def intervals(ax, pos, df, band, lo, hi, by):
    for _, r in df.iterrows():
        if pd.notna(r[lo]) and pd.notna(r[hi]):
            ax.hlines(pos[r[band]], r[lo], r[hi], colors=color(r[by]), linewidth=9)


def points(ax, pos, df, x, band, by, shape):
    for key, g in df.groupby(shape, dropna=False):
        ys = [pos[b] for b in g[band]]
        ax.scatter(g[x], ys, c=[color(v) for v in g[by]], marker=SHAPES.get(str(key), "o"),
                   s=36, edgecolors="white", linewidths=0.6, label=str(key), zorder=3)


def timeline(rows):
    fig, ax = frame("Marathon or sprint: every negotiation from its first day",
                    "Bars: each process from its start (solid: the shortest length its dates allow; "
                    "pale: the longest). Circles: sessions.")
    spans = rows[rows["mark"] == "span"]
    pos = bands(ax, rows["name"])
    intervals(ax, pos, spans, "name", "days_from", "days_to", "approach")
    intervals(ax, pos, spans, "name", "days_from", "days_low", "approach")
    marks = rows[rows["mark"] != "span"]
    points(ax, pos, marks, "days_from", "name", "approach", "kind")
    for _, r in spans.iterrows():
        ax.text(r["days_to"] + 20, pos[r["name"]], str(r["label"])[:40], fontsize=9, va="center")
    ax.set_xlabel("days since the process began")
    ax.legend(loc="lower right")
    return fig


def durations(rows):
    fig, ax = frame("How long, by their own words: every stated span, deadline and pledge",
                    "Each phrase as the interval of days it allows (log scale): bars for vague "
                    "or hedged phrases, dots for exact ones.")
    pos = bands(ax, rows["band"])
    intervals(ax, pos, rows, "band", "days_low", "days_high", "kind")
    exact = rows[rows["exact"]]
    ax.scatter(exact["days_low"].clip(lower=0.5), [pos[b] for b in exact["band"]],
               c=[color(k) for k in exact["kind"]], s=40, zorder=3)
    ax.set_xscale("log")
    ax.set_xlabel("days (log scale)")
    return fig


def meeting_pace(rows):
    fig, ax = frame("Session pace: how often the negotiator met the parties",
                    "Sessions counted up from each process's first day (log scale); "
                    "a stated total is drawn dashed, spread evenly.")
    for (_, series), g in rows.groupby(["process_id", "series"], sort=False):
        c = color(g["approach"].iloc[0])
        if series == "listed":
            ax.step(g["day"], g["meetings"], where="post", color=c, linewidth=2)
            ax.scatter(g["day"], g["meetings"], color=c, s=14, zorder=3)
        else:
            ax.plot(g["day"], g["meetings"], color=c, linestyle="--", linewidth=2)
        last = g.dropna(subset=["label"])
        for _, r in last.iterrows():
            ax.text(r["day"] + 3, r["meetings"], r["label"], fontsize=9, color=c)
    ax.set_yscale("log")
    ax.set_xlabel("days since the process began")
    ax.set_ylabel("sessions so far")
    return fig


def calendar(rows):
    fig, ax = frame("Shuttle or sprint: every mission, day by day",
                    "Bars: each mission from its first session to its last. Marks: its sessions, "
                    "by the party met.")
    pos = bands(ax, rows["mission"])
    spans = rows[rows["mark"] == "mission"]
    intervals(ax, pos, spans, "mission", "mission_day", "last_day", "approach")
    sessions = rows[rows["mark"] != "mission"]
    ax.scatter(sessions["at"], [pos[m] for m in sessions["mission"]],
               c=[color(p) for p in sessions["party"]], s=30, zorder=3)
    ax.set_xlabel("day of the mission")
    fig.text(0.02, 0.02, "Sessions: data/meetings.csv, each citing its document.", fontsize=10)
    return fig


def outcomes(rows):
    fig, ax = frame("Did it last? Every agreement from signing to its end, or to today",
                    "Bars run from signing to the day an agreement was suspended, replaced or "
                    "broken, or to today while it holds.")
    rows = rows.assign(date=pd.to_datetime(rows["date"]), until=pd.to_datetime(rows["until"]))
    pos = bands(ax, rows["band"])
    rows = rows.dropna(subset=["date", "until"])
    for _, r in rows.iterrows():
        ax.hlines(pos[r["band"]], r["date"], r["until"], colors=color(r["approach"]), linewidth=9)
    ax.scatter(rows["until"], [pos[b] for b in rows["band"]], marker=">", c="black", zorder=3)
    return fig


def approaches(rows):
    fig, ax = frame("Marathon or sprint, dimension by dimension",
                    "How the articles characterize each negotiator's approach; an empty cell: "
                    "the articles say nothing of it.")
    dims = list(dict.fromkeys(rows["dimension"]))
    actors = list(dict.fromkeys(rows["actor"]))
    for _, r in rows.iterrows():
        x, y = actors.index(r["actor"]), dims.index(r["dimension"])
        ax.add_patch(plt.Rectangle((x - 0.48, y - 0.48), 0.96, 0.96, color=color(r["actor"]), alpha=0.25))
        ax.text(x, y, str(r["value"]), ha="center", va="center", fontsize=11)
    ax.set_xlim(-0.5, len(actors) - 0.5)
    ax.set_ylim(len(dims) - 0.5, -0.5)
    ax.set_xticks(range(len(actors)), actors)
    ax.set_yticks(range(len(dims)), dims)
    return fig


def deadlines(rows):
    fig, ax = frame("Two weeks, fifty days, twenty-four hours: Trump's deadlines and what became of them",
                    "From the day each deadline or pledge was set to the day it fell due; "
                    "colour gives its fate.")
    rows = rows.assign(set=pd.to_datetime(rows["set"]), due=pd.to_datetime(rows["due"]))
    pos = bands(ax, rows["band"])
    fates = {"missed": "#c8452c", "met": "#2a8a4a", "extended": "#d49a2a"}
    for _, r in rows.iterrows():
        c = fates.get(r["fate"], "#777777")
        if pd.isna(r["set"]) or pd.isna(r["due"]):
            continue
        ax.hlines(pos[r["band"]], r["set"], r["due"], colors=c, linewidth=6)
        ax.scatter([r["set"]], [pos[r["band"]]], color=c, marker="o", zorder=3)
        ax.scatter([r["due"]], [pos[r["band"]]], color=c, marker="D", zorder=3)
        ax.text(r["due"], pos[r["band"]] - 0.3, str(r["outcome"]), fontsize=9)
    return fig


CHARTS = [("timeline", timeline), ("durations", durations), ("meeting_pace", meeting_pace),
          ("shuttle_calendar", calendar), ("outcomes", outcomes), ("approaches", approaches),
          ("deadlines", deadlines)]


def main():
    rows_dir, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    started = time.perf_counter()
    files = 0
    for name, draw in CHARTS:
        rows = pd.read_csv(os.path.join(rows_dir, f"{name}.csv"))
        fig = draw(rows)
        for ext in ("svg", "png"):
            fig.savefig(os.path.join(out, f"{name}.{ext}"), dpi=100)
            files += 1
        plt.close(fig)
    print(f"wrote {files} files to {out} in {time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
