#!/usr/bin/env python3
"""Writes fuzz/seeds/: valid data packages in the fuzz target's one-file
form (parts separated by "\\n%%\\n"): the whole shipped package, and one
small package per article (the rows citing that article whose processes
are kept too)."""
import csv, io, pathlib

top = pathlib.Path(__file__).resolve().parent.parent
data = top / "data"
tables = ["sources", "processes", "meetings", "durations", "outcomes", "approaches"]
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

def package(keep_source):
    parts = []
    kept_processes = {r["process_id"] for r in full["processes"][1] if keep_source(r["source_id"])}
    ids = []
    for t in tables:
        fields, rows = full[t]
        if t == "sources":
            rows = [r for r in rows if keep_source(r["source_id"])]
            ids = [r["source_id"] for r in rows]
        else:
            rows = [r for r in rows if keep_source(r["source_id"])
                    and r.get("process_id", "") in kept_processes | {""}]
        parts.append(write(fields, rows))
    for i in ids:
        parts.append(i + "\n" + (data / "sources" / f"{i}.txt").read_text(encoding="utf-8"))
    return "\n%%\n".join(parts)

(out / "shipped").write_text(package(lambda s: True), encoding="utf-8")
for r in full["sources"][1]:
    sid = r["source_id"]
    (out / sid).write_text(package(lambda s, sid=sid: s == sid), encoding="utf-8")
print(f"wrote {len(list(out.iterdir()))} seeds to {out}")
