#!/usr/bin/env python3
"""Independent check of the peace-agreement durability base rates.

A deliberately simple re-implementation, in plain Python (standard library
only), of the durability rule of data/context/README.md and of the
Kaplan-Meier estimator, to cross-check `negotiations::survival` in Rust.

Rule (the README's "Durability rule"): an agreement signed in year y fails
at the first year after y in which any of its conflicts is active (a row in
ucdp_conflict_years.csv); its time is that year minus y. With no such year
up to the last year of the conflict data (2025) it is censored at
last_year - y. Activity in the signing year itself does not count.

Variants, for checking the other Rust figures too:
  --level dyad   use the agreement's signatory dyads (ucdp_dyad_years.csv);
  --clock quiet  start the clock at the first year q > y in which none of
                 them is active (time = failure year - q, censored at
                 last_year - q); agreements never quiet are left out.

Kaplan-Meier: S(t) = product over event times u <= t of (1 - d(u) / n(u)),
n(u) = number of agreements with time >= u (censored ones stay at risk at
their censoring time).

Prints survival at 1, 2, 5 and 10 years, in percent with 2 decimals, for
all agreements and per pa_type (full, partial, process).

--compare FILE.json compares with figures produced elsewhere (the Rust
side) and exits 1 if any differs by more than 0.1 percentage points. The
JSON holds percentages by group and year, either at the top level or under
"survival_pct"; "level" and "clock", if present, must match the options:

  {"level": "conflict", "clock": "signing",
   "survival_pct": {"all": {"1": 44.65, "2": 40.64, "5": 31.55, "10": 26.35},
                    "full": {...}, "partial": {...}, "process": {...}}}

Usage: scripts/check-base-rates.py [DATA_DIR] [--level conflict|dyad]
       [--clock signing|quiet] [--compare FILE.json]
DATA_DIR defaults to data/context in the repository (the shipped copy).
"""

import argparse
import csv
import json
import os
import sys

HORIZONS = [1, 2, 5, 10]
GROUPS = ["all", "full", "partial", "process"]
TOLERANCE_PP = 0.1


def read_csv(data_dir, name):
    path = os.path.join(data_dir, name)
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def split_ids(cell):
    return [int(x) for x in cell.split(";") if x.strip()]


def load(data_dir, level):
    agreements = []
    for row in read_csv(data_dir, "ucdp_peace_agreements.csv"):
        agreements.append(
            {
                "paid": int(row["paid"]),
                "year": int(row["year"]),
                "type": row["pa_type_label"],
                "units": split_ids(row["conflict_ids"] if level == "conflict" else row["dyad_ids"]),
            }
        )
    conflict_years = read_csv(data_dir, "ucdp_conflict_years.csv")
    last_year = max(int(r["year"]) for r in conflict_years)
    if level == "conflict":
        active = {(int(r["conflict_id"]), int(r["year"])) for r in conflict_years}
    else:
        active = {(int(r["dyad_id"]), int(r["year"])) for r in read_csv(data_dir, "ucdp_dyad_years.csv")}
    return agreements, active, last_year


def spell(agreement, active, last_year, clock):
    """(time, failed) for one agreement, or None if it is left out."""

    def is_active(year):
        return any((u, year) in active for u in agreement["units"])

    start = agreement["year"]
    if clock == "quiet":
        start = None
        for year in range(agreement["year"] + 1, last_year + 1):
            if not is_active(year):
                start = year
                break
        if start is None:
            return None
    for year in range(start + 1, last_year + 1):
        if is_active(year):
            return (year - start, True)
    return (last_year - start, False)


def kaplan_meier(spells, t):
    """S(t) = P(T > t) by the product-limit formula."""
    s = 1.0
    event_times = sorted({time for time, failed in spells if failed and time <= t})
    for u in event_times:
        at_risk = sum(1 for time, _ in spells if time >= u)
        deaths = sum(1 for time, failed in spells if failed and time == u)
        s *= 1.0 - deaths / at_risk
    return s


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "data_dir",
        nargs="?",
        default=os.path.join(repo, "data", "context"),
        help="directory of the UCDP context CSVs (default: data/context in the repository)",
    )
    parser.add_argument("--level", choices=["conflict", "dyad"], default="conflict")
    parser.add_argument("--clock", choices=["signing", "quiet"], default="signing")
    parser.add_argument("--compare", metavar="FILE.json", help="figures to compare with (exit 1 if off by > 0.1 pp)")
    args = parser.parse_args()

    try:
        agreements, active, last_year = load(args.data_dir, args.level)
    except (OSError, KeyError, ValueError) as e:
        print(f"error: cannot read the data in {args.data_dir}: {e}", file=sys.stderr)
        return 2

    by_group = {g: [] for g in GROUPS}
    excluded = 0
    for a in agreements:
        s = spell(a, active, last_year, args.clock)
        if s is None:
            excluded += 1
            continue
        by_group["all"].append(s)
        by_group.setdefault(a["type"], []).append(s)

    spells = by_group["all"]
    failed = sum(1 for _, f in spells if f)
    clock = "from signing" if args.clock == "signing" else "from the first quiet year"
    print(f"Durability of UCDP peace agreements: {args.level} level, clock {clock}, last data year {last_year}")
    print(f"{len(agreements)} agreements: {len(spells)} kept ({failed} failed, {len(spells) - failed} censored), {excluded} excluded")
    print(f"{'group':<8} {'n':>4} " + " ".join(f"{str(h) + 'y':>7}" for h in HORIZONS))
    figures = {}
    for g in GROUPS:
        group = by_group.get(g, [])
        if not group:
            continue
        figures[g] = {h: 100.0 * kaplan_meier(group, h) for h in HORIZONS}
        print(f"{g:<8} {len(group):>4} " + " ".join(f"{figures[g][h]:>7.2f}" for h in HORIZONS))

    if not args.compare:
        return 0
    try:
        with open(args.compare, encoding="utf-8") as f:
            other = json.load(f)
    except (OSError, ValueError) as e:
        print(f"error: cannot read {args.compare}: {e}", file=sys.stderr)
        return 2
    problems = []
    for key, mine in (("level", args.level), ("clock", args.clock)):
        if key in other and other[key] != mine:
            problems.append(f"{args.compare} is for {key} {other[key]!r}, this run is {mine!r}")
    theirs = other.get("survival_pct", other)
    worst = 0.0
    for g, values in figures.items():
        for h, mine in values.items():
            value = theirs.get(g, {}).get(str(h)) if isinstance(theirs.get(g), dict) else None
            if not isinstance(value, (int, float)):
                problems.append(f"{g} {h}y: missing in {args.compare}")
                continue
            diff = abs(float(value) - mine)
            worst = max(worst, diff)
            if diff > TOLERANCE_PP:
                problems.append(f"{g} {h}y: {mine:.2f} here, {float(value):.2f} there ({diff:.2f} pp)")
    if problems:
        print(f"\nMISMATCH with {args.compare}:")
        for p in problems:
            print(f"  {p}")
        return 1
    print(f"\nagrees with {args.compare}: largest difference {worst:.4f} pp (tolerance {TOLERANCE_PP} pp)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
