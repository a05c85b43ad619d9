#!/usr/bin/env python3
"""Reads every table the `negotiations` binary exports as Parquet back in
pyarrow, pandas and DuckDB, and compares each with the CSV export: the row
count, and a list column cell by cell (`meetings.participants`,
`processes.parties`).

    python3 scripts/check-parquet.py [BINARY]

BINARY must be built with the `parquet` feature (default:
target/debug/negotiations). Exits 1 on any difference.
"""
import csv
import io
import subprocess
import sys
import tempfile

import duckdb
import pandas as pd
import pyarrow.parquet as pq

binary = sys.argv[1] if len(sys.argv) > 1 else "target/debug/negotiations"
tables = ["sources", "processes", "meetings", "durations", "outcomes", "approaches"]
lists = {"meetings": "participants", "processes": "parties"}
failures = []

with tempfile.TemporaryDirectory() as tmp:
    for t in tables:
        path = f"{tmp}/{t}.parquet"
        subprocess.run([binary, "tables", t, "--format", "parquet", "--out", path], check=True)
        rows = list(csv.DictReader(io.StringIO(subprocess.run(
            [binary, "tables", t, "--format", "csv"], check=True, capture_output=True, text=True).stdout)))
        arrow = pq.read_table(path)
        frame = pd.read_parquet(path)
        duck = duckdb.sql(f"select * from read_parquet('{path}')").fetchall()
        for reader, n in [("pyarrow", arrow.num_rows), ("pandas", len(frame)), ("duckdb", len(duck))]:
            if n != len(rows):
                failures.append(f"{t}: {reader} reads {n} rows, the CSV has {len(rows)}")
        if t in lists:
            column = lists[t]
            expected = [r[column].split(";") if r[column] else None for r in rows]
            got_pandas = [list(v) if v is not None else None for v in frame[column]]
            position = [c for c in duckdb.sql(f"select * from read_parquet('{path}')").columns].index(column)
            got_duck = [list(r[position]) if r[position] is not None else None for r in duck]
            for reader, got in [("pandas", got_pandas), ("duckdb", got_duck)]:
                if got != expected:
                    failures.append(f"{t}.{column}: {reader} reads {got[:2]}..., the CSV has {expected[:2]}...")
        print(f"{t}: {len(rows)} rows read alike by pyarrow, pandas and DuckDB")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
