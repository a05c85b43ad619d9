//! Comparative metrics: how long each process ran, how often its lead
//! negotiator met the parties' principals (sessions, counted by one rule
//! for every process: `data/CODING.md`, "Sessions and missions"), how its
//! missions ran day by day, how much of the contact was leader-level, what
//! became of its deadlines and how long its agreements held; and a
//! Kissinger-versus-Trump summary over them ([`summary`]) that compares
//! mediation with mediation by default, says how many processes, missions
//! or agreements each figure rests on, and says what it cannot compare.
//!
//! Lengths are intervals that respect date precision: a process that began
//! in "March 1975" and ended on 1975-09-04 lasted between 157 days (from
//! 31 March) and 187 days (from 1 March). A process or agreement with no
//! end is counted to the *as-of* date: by default [`as_of`], the latest
//! date of any meeting or outcome in the data. An agreement still holding
//! on that date has not ended: its span is right-censored ("held at least
//! N days"), never averaged with spans that ended.
//!
//! Every metric reads the typed model ([`crate::tables::model`]); the rules it
//! applies (which formats are leader-level, which outcomes are agreements,
//! which deadlines were broken) are methods of the codes
//! ([`crate::base::codes`]), stated once.

use chrono::NaiveDate;
use polars::prelude::*;

use crate::base::codes::{Approach, Code, DurationKind, Fate, Status, UsRole};
use crate::base::dates::epoch_days;
use crate::error::Result;
use crate::tables::dataset::Dataset;
use crate::tables::frame::{date_series, enum_series};
use crate::tables::model::{Model, Process};

mod missions;
mod summary;

pub use missions::missions;
pub use summary::{Scope, summary, summary_display, summary_markdown, summary_of};

/// The latest date of any meeting or outcome (the end of its period); the
/// default date open processes and holding agreements are counted to.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// assert_eq!(negotiations::metrics::as_of(&data)?.to_string(), "2025-12-04");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn as_of(data: &Dataset) -> Result<NaiveDate> {
    data.model().as_of().ok_or_else(|| {
        crate::error::Error::Invalid("the data has no dated meeting or outcome".into())
    })
}

/// What the metrics count of one process, computed once.
#[derive(Debug, Clone, Default)]
struct Counts {
    days: Option<(i64, i64)>,
    listed: i64,
    in_articles: i64,
    leader: i64,
    missions: i64,
    mission_days: i64,
    /// Days of its missions on which a session was held.
    session_days: i64,
    commitments: i64,
    met: i64,
    broken: i64,
    extended: i64,
    pending: i64,
}

impl Counts {
    fn of(m: &Model, p: &Process, as_of: NaiveDate) -> Counts {
        let mut c = Counts {
            days: p.length_days(as_of),
            ..Counts::default()
        };
        for meeting in p.meetings.iter().filter_map(|&i| m.meetings.get(i)) {
            c.listed += 1;
            c.in_articles += i64::from(meeting.provenance.in_article());
            c.leader += i64::from(meeting.us_level.is_leader_level());
        }
        for mission in p.missions.iter().filter_map(|&i| m.missions.get(i)) {
            c.missions += 1;
            c.mission_days += mission.days();
            c.session_days += session_days(m, mission) as i64;
        }
        for d in p.durations.iter().filter_map(|&i| m.durations.get(i)) {
            if !d.kind.is_commitment() {
                continue;
            }
            c.commitments += 1;
            c.met += i64::from(d.fate == Fate::Met);
            c.broken += i64::from(d.fate.is_broken());
            c.extended += i64::from(d.fate == Fate::Extended);
            c.pending += i64::from(d.fate == Fate::Pending);
        }
        c
    }

    /// The stated count where an article gives one, else the rows.
    fn meetings(&self, p: &Process) -> i64 {
        p.meetings_count.unwrap_or(self.listed)
    }

    /// Sessions per 30 days over a length of `len` days; a process with
    /// none has a pace of 0, not none.
    fn pace(&self, p: &Process, len: Option<i64>) -> Option<f64> {
        let n = self.meetings(p);
        len.map(|l| n as f64 * 30.0 / l.max(1) as f64)
    }
}

/// The distinct days of a mission on which a session was held.
fn session_days(m: &Model, mission: &crate::tables::model::Mission) -> usize {
    let mut days: Vec<NaiveDate> = mission
        .meetings
        .iter()
        .filter_map(|&i| m.meetings.get(i)?.date)
        .filter(|d| d.first == d.last)
        .map(|d| d.first)
        .collect();
    days.sort_unstable();
    days.dedup();
    days.len()
}

fn ints(name: &str, v: impl IntoIterator<Item = Option<i64>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

fn floats(name: &str, v: impl IntoIterator<Item = Option<f64>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

fn bools(name: &str, v: impl IntoIterator<Item = Option<bool>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

fn strings<'a>(name: &str, v: impl IntoIterator<Item = &'a str>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

/// One row per process: its length, meetings, pace, leader-level share and
/// deadlines.
///
/// | column | meaning |
/// |---|---|
/// | `start`, `end` | first day of the start, last day of the end (null while open) |
/// | `open_end` | whether the process had not ended (its length runs to `as_of`) |
/// | `days_low`, `days_high` | length in days: an interval, from date precision |
/// | `meetings_listed` | sessions: rows in `meetings` |
/// | `meetings_in_articles` | of those, sessions an article tells of (`provenance` `stated` or `collective`) |
/// | `meetings_from_record` | of those, sessions from the record alone (`record`) |
/// | `meetings_count` | the count an article states (575), if any |
/// | `meetings` | the stated count where there is one, else the rows |
/// | `per_30_days_low`, `per_30_days_high` | sessions per 30 days over the longest and the shortest length (0 for a process without any) |
/// | `leader_level`, `envoy_level` | sessions the U.S. president took part in (`us_level` `president`), and the rest |
/// | `leader_share` | `leader_level / meetings_listed` (null without sessions) |
/// | `missions`, `mission_days`, `session_days` | its missions, their days in all, and the days of them with a session |
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
    let m = data.model();
    let ps = &m.processes;
    let counts: Vec<Counts> = ps.iter().map(|p| Counts::of(m, p, as_of)).collect();
    let each = |f: &dyn Fn(&Process, &Counts) -> Option<i64>| {
        ps.iter()
            .zip(&counts)
            .map(|(p, c)| f(p, c))
            .collect::<Vec<_>>()
    };
    let each_f = |f: &dyn Fn(&Process, &Counts) -> Option<f64>| {
        ps.iter()
            .zip(&counts)
            .map(|(p, c)| f(p, c))
            .collect::<Vec<_>>()
    };
    let columns = vec![
        strings("process_id", ps.iter().map(|p| p.id.as_str())),
        strings("name", ps.iter().map(|p| p.name.as_str())),
        enum_series("approach", ps.iter().map(|p| Some(p.approach)))?,
        enum_series("status", ps.iter().map(|p| Some(p.status)))?,
        enum_series("us_role", ps.iter().map(|p| Some(p.us_role)))?,
        date_series("start", ps.iter().map(|p| p.start.map(|s| s.first)))?.into(),
        date_series("end", ps.iter().map(|p| p.end.map(|e| e.last)))?.into(),
        bools(
            "open_end",
            ps.iter().map(|p| p.start.map(|_| p.end.is_none())),
        ),
        ints("days_low", each(&|_, c| c.days.map(|d| d.0))),
        ints("days_high", each(&|_, c| c.days.map(|d| d.1))),
        ints("meetings_listed", each(&|_, c| Some(c.listed))),
        ints("meetings_in_articles", each(&|_, c| Some(c.in_articles))),
        ints(
            "meetings_from_record",
            each(&|_, c| Some(c.listed - c.in_articles)),
        ),
        ints("meetings_count", each(&|p, _| p.meetings_count)),
        ints("meetings", each(&|p, c| Some(c.meetings(p)))),
        floats(
            "per_30_days_low",
            each_f(&|p, c| c.pace(p, c.days.map(|d| d.1))),
        ),
        floats(
            "per_30_days_high",
            each_f(&|p, c| c.pace(p, c.days.map(|d| d.0))),
        ),
        ints("missions", each(&|_, c| Some(c.missions))),
        ints("mission_days", each(&|_, c| Some(c.mission_days))),
        ints("session_days", each(&|_, c| Some(c.session_days))),
        ints("leader_level", each(&|_, c| Some(c.leader))),
        ints("envoy_level", each(&|_, c| Some(c.listed - c.leader))),
        floats(
            "leader_share",
            each_f(&|_, c| (c.listed > 0).then(|| c.leader as f64 / c.listed as f64)),
        ),
        ints("deadlines", each(&|_, c| Some(c.commitments))),
        ints("deadlines_met", each(&|_, c| Some(c.met))),
        ints("deadlines_broken", each(&|_, c| Some(c.broken))),
        ints("deadlines_extended", each(&|_, c| Some(c.extended))),
        ints("deadlines_pending", each(&|_, c| Some(c.pending))),
    ];
    Ok(DataFrame::new(ps.len(), columns)?)
}

/// One row per outcome: how long it held, from its date to its end (or to
/// `as_of` while it holds). Prizes and non-agreements have no span.
///
/// Columns: `outcome_id`, `process_id`, `approach`, `kind`, `held`, `date`,
/// `until` (the end of the span), `held_days_low`, `held_days_high`,
/// `failed` (the span ended in suspension or collapse) and `censored` (it
/// did not: the agreement still holds, or was superseded, so it held *at
/// least* this long).
///
/// ```
/// use negotiations::polars::prelude::*;
/// let data = negotiations::Dataset::embedded()?;
/// let o = negotiations::metrics::outcomes(&data, negotiations::metrics::as_of(&data)?)?;
/// let paris = o.lazy().filter(col("outcome_id").eq(lit("paris_ceasefire"))).collect()?;
/// // Signed 1973-01-27; the fighting never stopped after its cease-fire
/// // took effect on 1973-01-28.
/// assert_eq!(paris.column("held_days_low")?.i64()?.get(0), Some(1));
/// assert_eq!(paris.column("failed")?.bool()?.get(0), Some(true));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn outcomes(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    let m = data.model();
    let os = &m.outcomes;
    let spells: Vec<_> = os.iter().map(|o| o.spell(as_of)).collect();
    let process = |i: usize| &m.processes[os[i].process];
    let columns = vec![
        strings("outcome_id", os.iter().map(|o| o.id.as_str())),
        strings("process_id", (0..os.len()).map(|i| process(i).id.as_str())),
        enum_series("approach", (0..os.len()).map(|i| Some(process(i).approach)))?,
        enum_series("kind", os.iter().map(|o| Some(o.kind)))?,
        enum_series("held", os.iter().map(|o| Some(o.held)))?,
        date_series("date", os.iter().map(|o| o.date.map(|d| d.first)))?.into(),
        date_series("until", spells.iter().map(|s| s.map(|s| s.until)))?.into(),
        ints("held_days_low", spells.iter().map(|s| s.map(|s| s.days.0))),
        ints("held_days_high", spells.iter().map(|s| s.map(|s| s.days.1))),
        bools("failed", spells.iter().map(|s| s.map(|s| s.failed))),
        bools("censored", spells.iter().map(|s| s.map(|s| !s.failed))),
    ];
    Ok(DataFrame::new(os.len(), columns)?)
}

/// One row per dated session, in date order within each process (the
/// processes in id order): its ordinal, days since the process began and
/// since the previous session, its format, its mission, whether it was
/// leader-level contact (the U.S. president took part), and where the row
/// comes from. Undated sessions are left out.
///
/// ```
/// use negotiations::polars::prelude::*;
/// let data = negotiations::Dataset::embedded()?;
/// let m = negotiations::metrics::meetings(&data)?;
/// let anchorage = m.lazy().filter(col("meeting_id").eq(lit("anchorage_summit_2025"))).collect()?;
/// assert_eq!(anchorage.column("days_since_start")?.i64()?.get(0), Some(185));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn meetings(data: &Dataset) -> Result<DataFrame> {
    let m = data.model();
    let table = data.table("meetings")?;
    let ids = table.texts("meeting_id");
    // Processes in id order, then meetings by date (then table order). At
    // a million meetings the cost is memory traffic, not arithmetic: the
    // model's meetings are compact and read front to back, ranks are
    // looked up among the processes' own ids, and the meeting ids are
    // gathered once, by sorted row number.
    let mut by_id: Vec<usize> = (0..m.processes.len()).collect();
    by_id.sort_unstable_by(|&a, &b| m.processes[a].id.cmp(&m.processes[b].id));
    let mut rank = vec![0u32; m.processes.len()];
    for (r, &p) in by_id.iter().enumerate() {
        rank[p] = r as u32;
    }
    let mut dated: Vec<(u32, NaiveDate, usize)> = m
        .meetings
        .iter()
        .enumerate()
        .filter_map(|(i, mt)| Some((rank[mt.process], mt.date?.first, i)))
        .collect();
    dated.sort_unstable();
    let n = dated.len();
    let mut ordinal = 0i64;
    let mut previous: Option<(u32, NaiveDate)> = None;
    let (mut ordinals, mut since_start, mut since_previous) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for &(k, date, i) in &dated {
        let same = previous.filter(|&(p, _)| p == k);
        ordinal = if same.is_some() { ordinal + 1 } else { 1 };
        ordinals.push(ordinal);
        let start = m.processes[m.meetings[i].process].start;
        since_start.push(start.map(|s| crate::base::dates::days_between(s.first, date)));
        since_previous.push(same.map(|(_, d)| crate::base::dates::days_between(d, date)));
        previous = Some((k, date));
    }
    let meeting = |i: usize| &m.meetings[i];
    let columns = vec![
        StringChunked::from_iter_options(
            "meeting_id".into(),
            dated
                .iter()
                .map(|d| ids.and_then(|t| t.get(meeting(d.2).row))),
        )
        .into_series()
        .into(),
        strings(
            "process_id",
            dated
                .iter()
                .map(|d| m.processes[meeting(d.2).process].id.as_str()),
        ),
        Series::new(
            "date".into(),
            dated.iter().map(|d| epoch_days(d.1)).collect::<Vec<_>>(),
        )
        .cast(&DataType::Date)?
        .into(),
        Series::new("ordinal".into(), ordinals).into(),
        ints("days_since_start", since_start),
        ints("days_since_previous", since_previous),
        enum_series("format", dated.iter().map(|d| Some(meeting(d.2).format)))?,
        StringChunked::from_iter_options(
            "mission_id".into(),
            dated.iter().map(|d| {
                meeting(d.2)
                    .mission
                    .and_then(|k| m.missions.get(k))
                    .map(|x| x.id.as_str())
            }),
        )
        .into_series()
        .into(),
        bools(
            "leader_level",
            dated
                .iter()
                .map(|d| Some(meeting(d.2).us_level.is_leader_level())),
        ),
        enum_series(
            "provenance",
            dated.iter().map(|d| Some(meeting(d.2).provenance)),
        )?,
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

/// The approach, status and role codes in codebook order, for callers
/// building their own frames over the metrics.
pub fn codes_of<C: Code>() -> &'static [&'static str] {
    C::CODES
}

/// Keeps the codes used above linked to their enums, so a renamed code
/// fails to compile here rather than silently in a string.
#[allow(dead_code)]
fn _codes_in_use(_: Approach, _: Status, _: UsRole, _: DurationKind) {}
