//! The checks of the session unit (`data/CODING.md`, "Sessions and
//! missions"): where a session row comes from (an article's quote, a
//! document's citation, or both), whom it met, and how it sits in its
//! mission. Called by [`crate::tables::validate`] for the `meetings` and
//! `missions` tables.

use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt, HashSet};

use crate::base::citation::Citation;
use crate::base::codes::{Format, Precision, Provenance, UsLevel};
use crate::base::dates::last_day;
use crate::error::Problem;
use crate::tables::table::{TableData, Values};

const RULE: &str = "see CODING.md, \"Sessions and missions\"";

fn table<'a>(all: &'a [TableData], name: &str) -> Option<&'a TableData> {
    all.iter().find(|x| x.spec.name == name)
}

fn dates<'a>(t: &'a TableData, name: &str) -> &'a [Option<NaiveDate>] {
    match t.values(name) {
        Some(Values::Date(v)) => v,
        _ => &[],
    }
}

/// The first and last day of a meeting's `date`, from its precision.
fn period(t: &TableData, row: usize) -> Option<(NaiveDate, NaiveDate)> {
    let d = dates(t, "date").get(row).copied().flatten()?;
    let p = t
        .text("date_precision", row)
        .and_then(Precision::parse)
        .unwrap_or(Precision::Day);
    Some((d, last_day(d, p)))
}

/// A row's source: an article's quote, a document's citation, or both, as
/// its provenance requires; and the citation well formed, with its address.
fn sources(
    t: &TableData,
    row: usize,
    provenance: Option<Provenance>,
    needs_citation: bool,
    problems: &mut Vec<Problem>,
) {
    let (source, quote) = (t.text("source_id", row), t.text("quote", row));
    let record = provenance == Some(Provenance::Record);
    match (provenance, source.is_some(), quote.is_some()) {
        (Some(Provenance::Record), true, _) => problems.push(t.problem(
            row,
            "source_id",
            format!("a `record` row quotes no article (an article that tells of it makes it `stated` or `collective`); {RULE}"),
            source,
        )),
        (Some(Provenance::Record), false, true) => problems.push(t.problem(
            row,
            "quote",
            format!("a `record` row quotes no article; {RULE}"),
            quote,
        )),
        (_, true, false) | (_, false, true) if !record => problems.push(t.problem(
            row,
            if source.is_some() { "quote" } else { "source_id" },
            "`source_id` and `quote` go together: name the article and quote it, or neither",
            Some(""),
        )),
        (Some(p), false, false) if !record && t.spec.name == "meetings" => {
            problems.push(t.problem(
                row,
                "quote",
                format!("a `{p}` row quotes the article that tells of it; {RULE}"),
                Some(""),
            ))
        }
        _ => {}
    }
    citation(t, row, needs_citation, problems);
}

fn citation(t: &TableData, row: usize, required: bool, problems: &mut Vec<Problem>) {
    let Some(cell) = t.text("citation", row) else {
        if required && t.is_empty_cell("citation", row) {
            problems.push(t.problem(
                row,
                "citation",
                format!("a row from the record cites the document that dates it; {RULE}"),
                Some(""),
            ));
        }
        return;
    };
    let c = match Citation::parse(cell) {
        Ok(c) => c,
        Err(e) => {
            problems.push(t.problem(row, "citation", e.to_string(), Some(cell)));
            return;
        }
    };
    match t.text("citation_url", row) {
        None => problems.push(t.problem(
            row,
            "citation_url",
            format!(
                "a {} citation needs the address where it can be read",
                c.kind()
            ),
            Some(""),
        )),
        Some(url) => {
            if let Err(e) = c.check_url(url) {
                problems.push(t.problem(row, "citation_url", e.to_string(), Some(url)));
            }
        }
    }
    if let (Some(published), Some((first, _))) = (c.published(), period(t, row))
        && t.spec.name == "meetings"
        && published < first
    {
        problems.push(t.problem(
            row,
            "citation",
            format!(
                "the {} is dated before the session it reports ({first})",
                c.kind()
            ),
            Some(cell),
        ));
    }
}

/// The rules of the `meetings` table's session columns.
pub(crate) fn meetings(t: &TableData, all: &[TableData], problems: &mut Vec<Problem>) {
    let parties = process_parties(all);
    let missions = mission_spans(all);
    for row in 0..t.height() {
        let provenance = t.text("provenance", row).and_then(Provenance::parse);
        let cite = provenance.is_some_and(Provenance::needs_citation);
        sources(t, row, provenance, cite, problems);
        let pid = t.text("process_id", row).unwrap_or_default();
        if let (Some(allowed), Some(items)) = (parties.get(pid), t.items("counterpart", row)) {
            for c in items.filter(|c| !allowed.contains(c)) {
                problems.push(t.problem(
                    row,
                    "counterpart",
                    format!(
                        "`{c}` is not a party to `{pid}` (its parties: {}); a meeting with another government is not a session; {RULE}",
                        allowed.iter().copied().collect::<Vec<_>>().join(", ")
                    ),
                    Some(c),
                ));
            }
        }
        let level = t.text("us_level", row).and_then(UsLevel::parse);
        if t.text("format", row).and_then(Format::parse) == Some(Format::Summit)
            && level.is_some_and(|l| l != UsLevel::President)
        {
            problems.push(t.problem(
                row,
                "us_level",
                "a summit is leader-level: `us_level` is `president`",
                level.map(UsLevel::as_str),
            ));
        }
        if let Some(mid) = t.text("mission_id", row)
            && let Some(m) = missions.get(mid)
            && let (Some((first, last)), Some((start, end))) = (period(t, row), m.span)
            && (first < start || last > end)
        {
            problems.push(t.problem(
                row,
                "date",
                format!("the session falls outside its mission `{mid}` ({start} to {end}); {RULE}"),
                Some(&first.to_string()),
            ));
        }
    }
}

/// The rules of the `missions` table.
pub(crate) fn missions(t: &TableData, all: &[TableData], problems: &mut Vec<Problem>) {
    let mut dated: HashSet<&str> = HashSet::default();
    if let Some(m) = table(all, "meetings") {
        let date = dates(m, "date");
        for row in 0..m.height() {
            // A date that failed to parse is reported where it stands, not
            // again as a mission without a dated session.
            let has_date = matches!(date.get(row), Some(Some(_))) || !m.is_empty_cell("date", row);
            if let (Some(id), true) = (m.text("mission_id", row), has_date) {
                dated.insert(id);
            }
        }
    }
    let (start, end) = (dates(t, "start"), dates(t, "end"));
    for row in 0..t.height() {
        sources(t, row, None, true, problems);
        if let (Some(Some(s)), Some(Some(e))) = (start.get(row), end.get(row))
            && e < s
        {
            problems.push(t.problem(
                row,
                "end",
                format!("`end` is before `start` ({s})"),
                Some(&e.to_string()),
            ));
        }
        if let Some(id) = t.text("mission_id", row)
            && !dated.contains(id)
        {
            problems.push(t.problem(
                row,
                "mission_id",
                format!("no dated session belongs to this mission: a mission is known by its sessions; {RULE}"),
                Some(id),
            ));
        }
    }
}

/// Each process's parties, by process id.
fn process_parties(all: &[TableData]) -> HashMap<&str, HashSet<&str>> {
    let mut out = HashMap::new();
    if let Some(p) = table(all, "processes") {
        for row in 0..p.height() {
            if let (Some(id), Some(items)) = (p.text("process_id", row), p.items("parties", row)) {
                out.insert(id, items.collect());
            }
        }
    }
    out
}

/// A mission's first and last day. A trip may serve several processes of
/// its negotiator (Kissinger met Asad on the Sinai I shuttle), so a session
/// need not belong to the mission's own process.
struct MissionSpan {
    span: Option<(NaiveDate, NaiveDate)>,
}

fn mission_spans(all: &[TableData]) -> HashMap<&str, MissionSpan> {
    let mut out = HashMap::new();
    if let Some(t) = table(all, "missions") {
        let (start, end) = (dates(t, "start"), dates(t, "end"));
        for row in 0..t.height() {
            if let Some(id) = t.text("mission_id", row) {
                let span = start
                    .get(row)
                    .copied()
                    .flatten()
                    .zip(end.get(row).copied().flatten());
                out.insert(id, MissionSpan { span });
            }
        }
    }
    out
}
