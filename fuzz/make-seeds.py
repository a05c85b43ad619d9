#!/usr/bin/env python3
"""Writes fuzz/seeds/: valid data packages in the fuzz target's one-file
form (parts separated by "\\n%%\\n"): the whole shipped package, one
package per article (the rows citing that article whose processes are
kept too), and small ones (a few rows of each table, each article cut
down to the quotes its rows cite) for a fast fuzzer."""
import csv, io, pathlib

top = pathlib.Path(__file__).resolve().parent.parent
data = top / "data"
# The load order of negotiations::TABLES.
tables = ["sources", "processes", "missions", "meetings", "durations", "outcomes", "approaches"]
out = top / "fuzz" / "seeds"
out.mkdir(parents=True, exist_ok=True)

def read(name):
    with open(data / f"{name}.csv", newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)

def write(fields, rows):
    s = io.StringIO()
    w = csv.DictWriter(s, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return s.getvalue()

full = {t: read(t) for t in tables}

def package(keep_source, limit=None, short_texts=False, missions=True):
    parts = []
    cited = []
    kept_processes = {r["process_id"] for r in full["processes"][1] if keep_source(r["source_id"])}
    kept_missions = set()
    ids = []
    for t in tables:
        fields, rows = full[t]
        if t == "sources":
            rows = [r for r in rows if keep_source(r["source_id"])]
            ids = [r["source_id"] for r in rows]
        elif t == "missions":
            # Missions come from the record (no article): those of the
            # processes kept, with their sessions (below); a mission
            # without its sessions is invalid, so the small packages have
            # none.
            with_sessions = {m["mission_id"] for m in full["meetings"][1]
                             if (keep_source(m["source_id"]) or m["source_id"] == "")
                             and m["process_id"] in kept_processes}
            rows = [r for r in rows if missions and r["mission_id"] in with_sessions]
        else:
            # Rows from the record (no source) go with their process.
            rows = [r for r in rows if (keep_source(r["source_id"]) or (missions and r["source_id"] == ""))
                    and r.get("process_id", "") in kept_processes | {""}
                    and r.get("mission_id", "") in kept_missions | {""}]
        if limit is not None and t != "missions":
            rows = rows[:limit]
        if t == "processes":
            kept_processes = {r["process_id"] for r in rows}
        if t == "missions":
            kept_missions = {r["mission_id"] for r in rows}
        parts.append(write(fields, rows))
        cited.extend(r["quote"] for r in rows if "quote" in r)
    for i in ids:
        text = (data / "sources" / f"{i}.txt").read_text(encoding="utf-8")
        if short_texts:
            # The article as just the passages cited: every quote is found.
            text = "\n".join(q for q in cited if q in " ".join(text.split())) + "\n"
        parts.append(i + "\n" + text)
    return "\n%%\n".join(parts)

(out / "shipped").write_text(package(lambda s: True), encoding="utf-8")
for r in full["sources"][1]:
    sid = r["source_id"]
    (out / sid).write_text(package(lambda s, sid=sid: s == sid), encoding="utf-8")
for n in (1, 2, 4):
    for r in full["sources"][1]:
        sid = r["source_id"]
        (out / f"small-{n}-{sid}").write_text(
            package(lambda s, sid=sid: s == sid, limit=n, short_texts=True, missions=False), encoding="utf-8")
print(f"wrote {len(list(out.iterdir()))} seeds to {out}")
