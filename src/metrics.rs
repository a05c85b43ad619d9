//! Comparative metrics: how long each process ran, how often its parties
//! met, how much of the contact was leader-level, what became of its
//! deadlines and how long its outcomes held; and a Kissinger-versus-Trump
//! summary over them.
//!
//! Lengths are intervals that respect date precision: a process that began
//! in "March 1975" and ended on 1975-09-04 lasted between 157 days (from
//! 31 March) and 187 days (from 1 March). A process or outcome with no end
//! is counted to the *as-of* date: by default [`as_of`], the latest date of
//! any meeting or outcome in the data.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};

use chrono::NaiveDate;
use polars::prelude::*;

use crate::frame::{date_series, enum_dtype, last_day};
use crate::load::TableData;
use crate::schema::codes;
use crate::{Dataset, Result};

/// Meeting formats counted as leader-level contact.
pub const LEADER_LEVEL: &[&str] = &["summit", "phone_call"];

/// The latest date of any meeting or outcome (the end of its period).
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// assert_eq!(negotiations::metrics::as_of(&data)?.to_string(), "2025-12-04");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn as_of(data: &Dataset) -> Result<NaiveDate> {
    let mut latest = NaiveDate::MIN;
    for (table, column) in [("meetings", "date"), ("outcomes", "date")] {
        let t = data.table(table)?;
        let (Some(crate::load::Values::Date(dates)), Some(precision)) =
            (t.values(column), t.texts("date_precision"))
        else {
            continue;
        };
        for (r, d) in dates.iter().enumerate() {
            if let Some(d) = d {
                latest = latest.max(last_day(*d, precision.get(r).unwrap_or("day")));
            }
        }
    }
    Ok(latest)
}

/// `(first day, last day)` of the period a date cell stands for.
fn span(t: &TableData, column: &str, row: usize) -> Option<(NaiveDate, NaiveDate)> {
    let d = t.date(column, row)?;
    let pcol = crate::dataset::precision_column(t.spec, column)?;
    Some((d, last_day(d, t.text(pcol, row).unwrap_or("day"))))
}

/// What the metrics know of one process.
#[derive(Debug, Clone)]
struct ProcessRow {
    id: String,
    name: String,
    approach: String,
    status: String,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    open_end: Option<bool>,
    days: Option<(i64, i64)>,
    listed: i64,
    stated: Option<i64>,
    leader: i64,
    fates: BTreeMap<String, i64>,
}

impl ProcessRow {
    fn meetings(&self) -> i64 {
        self.stated.unwrap_or(self.listed)
    }

    /// Meetings per 30 days over a length of `len` days.
    fn pace(&self, len: Option<i64>) -> Option<f64> {
        let n = self.meetings();
        len.filter(|_| n > 0)
            .map(|l| n as f64 * 30.0 / l.max(1) as f64)
    }

    fn fate(&self, k: &str) -> i64 {
        *self.fates.get(k).unwrap_or(&0)
    }
}

fn process_rows(data: &Dataset, as_of: NaiveDate) -> Result<Vec<ProcessRow>> {
    let p = data.table("processes")?;
    let m = data.table("meetings")?;
    let d = data.table("durations")?;
    let text = |r: usize, c: &str| p.text(c, r).unwrap_or_default().to_string();
    // One pass over meetings and durations, grouped by process: a scan per
    // process would grow with processes × meetings. Counts are kept by
    // process row, found among the processes' own ids, which lie close
    // together in memory (see `meetings`).
    let process_row = p.lookup("process_id");
    let mut contacts: Vec<(i64, i64)> = vec![(0, 0); p.height()];
    let (Some(m_process), Some(m_format)) = (m.texts("process_id"), m.texts("format")) else {
        return Err(crate::Error::Other(
            "meetings lacks process_id or format".into(),
        ));
    };
    for (pid, format) in m_process.iter().zip(m_format.iter()) {
        let (Some(pid), Some(format)) = (pid, format) else {
            continue;
        };
        if let Some(&r) = process_row.get(pid) {
            contacts[r].0 += 1;
            contacts[r].1 += i64::from(LEADER_LEVEL.contains(&format));
        }
    }
    let mut fates_by: HashMap<&str, BTreeMap<String, i64>> = HashMap::new();
    for i in 0..d.height() {
        let Some(pid) = d.text("process_id", i) else {
            continue;
        };
        if matches!(d.text("kind", i), Some("deadline" | "pledge")) {
            let fate = d.text("fate", i).unwrap_or_default().to_string();
            *fates_by.entry(pid).or_default().entry(fate).or_insert(0) += 1;
        }
    }
    let mut rows = Vec::with_capacity(p.height());
    for r in 0..p.height() {
        let id = text(r, "process_id");
        // Process ids are unique (validated), so `contacts` is by this row.
        let (listed, leader) = contacts[r];
        let fates = fates_by.remove(id.as_str()).unwrap_or_default();
        let start = span(p, "start", r);
        let end = span(p, "end", r);
        let (days, open_end) = match (start, end) {
            (Some(s), Some(e)) => (
                Some((days_between(s.1, e.0).max(0), days_between(s.0, e.1))),
                Some(false),
            ),
            (Some(s), None) => (
                Some((days_between(s.1, as_of).max(0), days_between(s.0, as_of))),
                Some(true),
            ),
            _ => (None, None),
        };
        rows.push(ProcessRow {
            name: text(r, "name"),
            approach: text(r, "approach"),
            status: text(r, "status"),
            start: start.map(|s| s.0),
            end: end.map(|e| e.1),
            open_end,
            days,
            listed,
            stated: p.number("meetings_count", r).map(|x| x as i64),
            leader,
            fates,
            id,
        });
    }
    Ok(rows)
}

fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    b.signed_duration_since(a).num_days()
}

fn int_col(name: &str, v: Vec<Option<i64>>) -> Column {
    Series::new(name.into(), v).into()
}

fn float_col(name: &str, v: Vec<Option<f64>>) -> Column {
    Series::new(name.into(), v).into()
}

fn str_col(name: &str, v: Vec<String>) -> Column {
    Series::new(name.into(), v).into()
}

/// One row per process: its length, meetings, pace, leader-level share and
/// deadlines.
///
/// | column | meaning |
/// |---|---|
/// | `start`, `end` | first day of the start, last day of the end (null while open) |
/// | `open_end` | whether the process had not ended (its length runs to `as_of`) |
/// | `days_low`, `days_high` | length in days: an interval, from date precision |
/// | `meetings_listed` | rows in `meetings` |
/// | `meetings_stated` | the count an article states (575), if any |
/// | `meetings` | the stated count where there is one, else the rows |
/// | `per_30_days_low`, `per_30_days_high` | meetings per 30 days over the longest and the shortest length |
/// | `leader_level`, `envoy_level` | listed meetings that were summits or calls, and the rest |
/// | `leader_share` | `leader_level / meetings_listed` (null without meetings) |
/// | `deadlines`, `deadlines_met`, `deadlines_broken`, `deadlines_extended`, `deadlines_pending` | deadlines and pledges and their fates (`broken`: missed or ignored) |
///
/// ```
/// use negotiations::polars::prelude::*;
/// let data = negotiations::Dataset::embedded()?;
/// let as_of = negotiations::metrics::as_of(&data)?;
/// let m = negotiations::metrics::processes(&data, as_of)?;
/// let korea = m.lazy().filter(col("process_id").eq(lit("korean_armistice"))).collect()?;
/// assert_eq!(korea.column("days_high")?.i64()?.get(0), Some(748));
/// assert_eq!(korea.column("meetings")?.i64()?.get(0), Some(575));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn processes(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    let rows = process_rows(data, as_of)?;
    let map_i = |f: &dyn Fn(&ProcessRow) -> Option<i64>| rows.iter().map(f).collect::<Vec<_>>();
    let map_f = |f: &dyn Fn(&ProcessRow) -> Option<f64>| rows.iter().map(f).collect::<Vec<_>>();
    let columns = vec![
        str_col("process_id", rows.iter().map(|r| r.id.clone()).collect()),
        str_col("name", rows.iter().map(|r| r.name.clone()).collect()),
        Series::new(
            "approach".into(),
            rows.iter().map(|r| r.approach.clone()).collect::<Vec<_>>(),
        )
        .cast(&enum_dtype(codes::APPROACH)?)?
        .into(),
        Series::new(
            "status".into(),
            rows.iter().map(|r| r.status.clone()).collect::<Vec<_>>(),
        )
        .cast(&enum_dtype(codes::STATUS)?)?
        .into(),
        date_series("start", rows.iter().map(|r| r.start))?.into(),
        date_series("end", rows.iter().map(|r| r.end))?.into(),
        Series::new(
            "open_end".into(),
            rows.iter().map(|r| r.open_end).collect::<Vec<_>>(),
        )
        .into(),
        int_col("days_low", map_i(&|r| r.days.map(|d| d.0))),
        int_col("days_high", map_i(&|r| r.days.map(|d| d.1))),
        int_col("meetings_listed", map_i(&|r| Some(r.listed))),
        int_col("meetings_stated", map_i(&|r| r.stated)),
        int_col("meetings", map_i(&|r| Some(r.meetings()))),
        float_col("per_30_days_low", map_f(&|r| r.pace(r.days.map(|d| d.1)))),
        float_col("per_30_days_high", map_f(&|r| r.pace(r.days.map(|d| d.0)))),
        int_col("leader_level", map_i(&|r| Some(r.leader))),
        int_col("envoy_level", map_i(&|r| Some(r.listed - r.leader))),
        float_col(
            "leader_share",
            map_f(&|r| (r.listed > 0).then(|| r.leader as f64 / r.listed as f64)),
        ),
        int_col("deadlines", map_i(&|r| Some(r.fates.values().sum()))),
        int_col("deadlines_met", map_i(&|r| Some(r.fate("met")))),
        int_col(
            "deadlines_broken",
            map_i(&|r| Some(r.fate("missed") + r.fate("ignored"))),
        ),
        int_col("deadlines_extended", map_i(&|r| Some(r.fate("extended")))),
        int_col("deadlines_pending", map_i(&|r| Some(r.fate("pending")))),
    ];
    Ok(DataFrame::new(rows.len(), columns)?)
}

/// One row per outcome: how long it held, from its date to its unraveling
/// (or to `as_of` while it holds). Prizes and non-agreements have no span.
///
/// Columns: `outcome_id`, `process_id`, `approach`, `kind`, `held`, `date`,
/// `until` (the end of the span), `held_days_low`, `held_days_high`.
///
/// ```
/// use negotiations::polars::prelude::*;
/// let data = negotiations::Dataset::embedded()?;
/// let o = negotiations::metrics::outcomes(&data, negotiations::metrics::as_of(&data)?)?;
/// let paris = o.lazy().filter(col("outcome_id").eq(lit("paris_ceasefire"))).collect()?;
/// // 1973-01-27 to the fall of Saigon, 1975-04-30.
/// assert_eq!(paris.column("held_days_low")?.i64()?.get(0), Some(823));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn outcomes(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    let o = data.table("outcomes")?;
    let p = data.table("processes")?;
    let process_row = p.lookup("process_id");
    let approach_of = |id: Option<&str>| {
        id.and_then(|id| process_row.get(id))
            .and_then(|&r| p.text("approach", r))
            .map(str::to_string)
    };
    let mut until = Vec::new();
    let mut lo = Vec::new();
    let mut hi = Vec::new();
    for r in 0..o.height() {
        let lasting = !matches!(o.text("kind", r), Some("prize" | "no_agreement"));
        let (u, l, h) = match (lasting, span(o, "date", r)) {
            (true, Some(start)) => {
                let end = span(o, "ended", r).unwrap_or((as_of, as_of));
                (
                    Some(end.1),
                    Some(days_between(start.1, end.0).max(0)),
                    Some(days_between(start.0, end.1)),
                )
            }
            _ => (None, None, None),
        };
        until.push(u);
        lo.push(l);
        hi.push(h);
    }
    let text = |c: &str| -> Vec<Option<String>> {
        (0..o.height())
            .map(|r| o.text(c, r).map(str::to_string))
            .collect()
    };
    let approach: Vec<Option<String>> = (0..o.height())
        .map(|r| approach_of(o.text("process_id", r)))
        .collect();
    let columns = vec![
        Series::new("outcome_id".into(), text("outcome_id")).into(),
        Series::new("process_id".into(), text("process_id")).into(),
        Series::new("approach".into(), approach)
            .cast(&enum_dtype(codes::APPROACH)?)?
            .into(),
        Series::new("kind".into(), text("kind"))
            .cast(&enum_dtype(codes::OUTCOME_KIND)?)?
            .into(),
        Series::new("held".into(), text("held"))
            .cast(&enum_dtype(codes::HELD)?)?
            .into(),
        date_series("date", (0..o.height()).map(|r| o.date("date", r)))?.into(),
        date_series("until", until)?.into(),
        int_col("held_days_low", lo),
        int_col("held_days_high", hi),
    ];
    Ok(DataFrame::new(o.height(), columns)?)
}

/// One row per dated meeting, in date order within each process: its
/// ordinal, days since the process began and since the previous meeting,
/// and whether it was leader-level contact. Undated meetings are left out.
///
/// ```
/// use negotiations::polars::prelude::*;
/// let data = negotiations::Dataset::embedded()?;
/// let m = negotiations::metrics::meetings(&data)?;
/// let anchorage = m.lazy().filter(col("meeting_id").eq(lit("anchorage_summit_2025"))).collect()?;
/// assert_eq!(anchorage.column("days_since_start")?.i64()?.get(0), Some(184));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn meetings(data: &Dataset) -> Result<DataFrame> {
    let m = data.table("meetings")?;
    let p = data.table("processes")?;
    let (Some(ids), Some(pids), Some(formats), Some(crate::load::Values::Date(dates))) = (
        m.texts("meeting_id"),
        m.texts("process_id"),
        m.texts("format"),
        m.values("date"),
    ) else {
        return Err(crate::Error::Other("meetings lacks a column".into()));
    };
    // Processes in id order, then meetings by date. At a million meetings
    // the cost is memory traffic, not arithmetic, so the meetings table is
    // read front to back only: ranks are looked up among the processes'
    // own ids (a few hundred kilobytes, where each meeting's copy of its
    // process id lies somewhere in hundreds of megabytes), text columns are
    // built in row order and then gathered by the sorted row numbers.
    let mut names: Vec<(&str, usize)> = p
        .texts("process_id")
        .into_iter()
        .flat_map(|t| t.iter().enumerate())
        .filter_map(|(r, id)| Some((id?, r)))
        .collect();
    names.sort_unstable();
    names.dedup_by_key(|n| n.0);
    let rank: HashMap<&str, u32> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.0, i as u32))
        .collect();
    let start: Vec<Option<NaiveDate>> = names.iter().map(|&(_, r)| p.date("start", r)).collect();
    // A validated dataset has no meeting outside `processes`; were there
    // one, it would be left out like an undated meeting.
    let mut dated: Vec<(u32, NaiveDate, IdxSize)> = pids
        .iter()
        .zip(dates.iter())
        .enumerate()
        .filter_map(|(r, (pid, date))| Some((*rank.get(pid?)?, (*date)?, r as IdxSize)))
        .collect();
    dated.sort_unstable();
    let n = dated.len();
    let mut day: Vec<Option<i32>> = Vec::with_capacity(n);
    let mut ordinals: Vec<i64> = Vec::with_capacity(n);
    let mut since_start: Vec<Option<i64>> = Vec::with_capacity(n);
    let mut since_previous: Vec<Option<i64>> = Vec::with_capacity(n);
    let mut previous: Option<(u32, NaiveDate)> = None;
    let mut ordinal = 0;
    for &(k, date, _) in &dated {
        let same = previous.filter(|&(p, _)| p == k);
        ordinal = if same.is_some() { ordinal + 1 } else { 1 };
        day.push(Some(crate::frame::epoch_days(date)));
        ordinals.push(ordinal);
        since_start.push(start[k as usize].map(|s| days_between(s, date)));
        since_previous.push(same.map(|(_, d)| days_between(d, date)));
        previous = Some((k, date));
    }
    let order = IdxCa::from_vec("order".into(), dated.iter().map(|d| d.2).collect());
    let leader: BooleanChunked = formats
        .iter()
        .map(|f| Some(f.is_some_and(|f| LEADER_LEVEL.contains(&f))))
        .collect();
    let in_order = |s: Series| -> Result<Column> { Ok(s.take(&order)?.into()) };
    let columns = vec![
        in_order(StringChunked::from_iter_options("meeting_id".into(), ids.iter()).into_series())?,
        StringChunked::from_iter_values(
            "process_id".into(),
            dated.iter().map(|d| names[d.0 as usize].0),
        )
        .into_series()
        .into(),
        Series::new("date".into(), day)
            .cast(&DataType::Date)?
            .into(),
        Series::new("ordinal".into(), ordinals).into(),
        int_col("days_since_start", since_start),
        int_col("days_since_previous", since_previous),
        in_order(leader.with_name("leader_level".into()).into_series())?,
    ];
    Ok(DataFrame::new(n, columns)?)
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

/// The Kissinger-versus-Trump comparison: one row per metric, a column per
/// approach (`kissinger`, `trump`) and one for the other historic cases
/// (`others`: Korea, Good Friday, Portsmouth, Budapest).
///
/// Lengths and paces use the midpoint of each process's interval; the
/// medians are over processes.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let s = negotiations::metrics::summary(&data, negotiations::metrics::as_of(&data)?)?;
/// assert_eq!(s.get_column_names(), ["metric", "unit", "kissinger", "trump", "others"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn summary(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    let rows = process_rows(data, as_of)?;
    let outcomes = data.table("outcomes")?;
    let groups: [(&str, &dyn Fn(&str) -> bool); 3] = [
        ("kissinger", &|a| a == "kissinger"),
        ("trump", &|a| a == "trump"),
        ("others", &|a| a != "kissinger" && a != "trump"),
    ];
    let approach_by: HashMap<&str, &str> = rows
        .iter()
        .map(|r| (r.id.as_str(), r.approach.as_str()))
        .collect();
    let approach_of = |pid: Option<&str>| pid.and_then(|p| approach_by.get(p).copied());
    let o_rows: Vec<usize> = (0..outcomes.height()).collect();
    let held_days = self::outcomes(data, as_of)?;
    let held_lo = held_days.column("held_days_low")?.i64()?.clone();
    let held_hi = held_days.column("held_days_high")?.i64()?.clone();

    type Metric<'a> = (
        &'a str,
        &'a str,
        Box<dyn Fn(&dyn Fn(&str) -> bool) -> Option<f64> + 'a>,
    );
    let count_outcomes = |held: Option<&'static str>| {
        let o_rows = &o_rows;
        move |g: &dyn Fn(&str) -> bool| {
            Some(
                o_rows
                    .iter()
                    .filter(|&&r| approach_of(outcomes.text("process_id", r)).is_some_and(g))
                    .filter(|&&r| {
                        !matches!(outcomes.text("kind", r), Some("prize" | "no_agreement"))
                    })
                    .filter(|&&r| held.is_none() || outcomes.text("held", r) == held)
                    .count() as f64,
            )
        }
    };
    let in_group = |g: &dyn Fn(&str) -> bool| {
        rows.iter()
            .filter(|r| g(&r.approach))
            .collect::<Vec<&ProcessRow>>()
    };
    let metrics: Vec<Metric> = vec![
        (
            "processes",
            "count",
            Box::new(|g| Some(in_group(g).len() as f64)),
        ),
        (
            "median length",
            "days",
            Box::new(|g| {
                median(
                    in_group(g)
                        .iter()
                        .filter_map(|r| r.days.map(|d| (d.0 + d.1) as f64 / 2.0))
                        .collect(),
                )
            }),
        ),
        (
            "meetings recorded",
            "count",
            Box::new(|g| Some(in_group(g).iter().map(|r| r.meetings()).sum::<i64>() as f64)),
        ),
        (
            "median meetings per 30 days",
            "meetings",
            Box::new(|g| {
                median(
                    in_group(g)
                        .iter()
                        .filter(|r| r.meetings() > 0)
                        .filter_map(|r| r.pace(r.days.map(|d| (d.0 + d.1) / 2)))
                        .collect(),
                )
            }),
        ),
        (
            "leader-level share of listed contacts",
            "share",
            Box::new(|g| {
                let rs = in_group(g);
                let listed: i64 = rs.iter().map(|r| r.listed).sum();
                (listed > 0)
                    .then(|| rs.iter().map(|r| r.leader).sum::<i64>() as f64 / listed as f64)
            }),
        ),
        (
            "deadlines and pledges set",
            "count",
            Box::new(|g| {
                Some(
                    in_group(g)
                        .iter()
                        .map(|r| r.fates.values().sum::<i64>())
                        .sum::<i64>() as f64,
                )
            }),
        ),
        (
            "deadlines and pledges met",
            "count",
            Box::new(|g| Some(in_group(g).iter().map(|r| r.fate("met")).sum::<i64>() as f64)),
        ),
        (
            "deadlines and pledges missed or ignored",
            "count",
            Box::new(|g| {
                Some(
                    in_group(g)
                        .iter()
                        .map(|r| r.fate("missed") + r.fate("ignored"))
                        .sum::<i64>() as f64,
                )
            }),
        ),
        (
            "agreements reached",
            "count",
            Box::new(count_outcomes(None)),
        ),
        (
            "agreements holding",
            "count",
            Box::new(count_outcomes(Some("held"))),
        ),
        (
            "agreements fragile",
            "count",
            Box::new(count_outcomes(Some("fragile"))),
        ),
        (
            "agreements unraveled",
            "count",
            Box::new(count_outcomes(Some("unraveled"))),
        ),
        (
            "median time agreements held",
            "days",
            Box::new(|g| {
                median(
                    o_rows
                        .iter()
                        .filter(|&&r| approach_of(outcomes.text("process_id", r)).is_some_and(g))
                        .filter_map(|&r| Some((held_lo.get(r)? + held_hi.get(r)?) as f64 / 2.0))
                        .collect(),
                )
            }),
        ),
        (
            "prizes",
            "count",
            Box::new(|g| {
                Some(
                    o_rows
                        .iter()
                        .filter(|&&r| approach_of(outcomes.text("process_id", r)).is_some_and(g))
                        .filter(|&&r| outcomes.text("kind", r) == Some("prize"))
                        .count() as f64,
                )
            }),
        ),
    ];
    let mut columns: Vec<Column> = vec![
        str_col("metric", metrics.iter().map(|m| m.0.to_string()).collect()),
        str_col("unit", metrics.iter().map(|m| m.1.to_string()).collect()),
    ];
    for (name, g) in groups {
        columns.push(float_col(name, metrics.iter().map(|m| (m.2)(g)).collect()));
    }
    Ok(DataFrame::new(metrics.len(), columns)?)
}
