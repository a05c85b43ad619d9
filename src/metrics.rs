//! Comparative metrics: how long each process ran, how often its parties
//! met (and how many of those meetings the articles themselves tell of),
//! how much of the contact was leader-level, what became of its deadlines
//! and how long its agreements held; and a Kissinger-versus-Trump summary
//! over them that says, metric by metric, what it cannot compare.
//!
//! Lengths are intervals that respect date precision: a process that began
//! in "March 1975" and ended on 1975-09-04 lasted between 157 days (from
//! 31 March) and 187 days (from 1 March). A process or agreement with no
//! end is counted to the *as-of* date: by default [`as_of`], the latest
//! date of any meeting or outcome in the data. An agreement still holding
//! on that date has not ended: its span is right-censored ("held at least
//! N days"), never averaged with spans that ended.
//!
//! Every metric reads the typed model ([`crate::model`]); the rules it
//! applies (which formats are leader-level, which outcomes are agreements,
//! which deadlines were broken) are methods of the codes
//! ([`crate::codes`]), stated once.

use chrono::NaiveDate;
use polars::prelude::*;

use crate::codes::{Approach, Code, DurationKind, Fate, Held, OutcomeKind, Side, Status, UsRole};
use crate::dates::epoch_days;
use crate::frame::{date_series, enum_series};
use crate::model::{Model, Process};
use crate::{Dataset, Result};

/// The latest date of any meeting or outcome (the end of its period); the
/// default date open processes and holding agreements are counted to.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// assert_eq!(negotiations::metrics::as_of(&data)?.to_string(), "2025-12-04");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn as_of(data: &Dataset) -> Result<NaiveDate> {
    data.model()
        .as_of()
        .ok_or_else(|| crate::Error::Invalid("the data has no dated meeting or outcome".into()))
}

/// What the metrics count of one process, computed once.
#[derive(Debug, Clone, Default)]
struct Counts {
    days: Option<(i64, i64)>,
    listed: i64,
    in_articles: i64,
    leader: i64,
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
            c.leader += i64::from(meeting.format.is_leader_level());
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

    /// Meetings per 30 days over a length of `len` days.
    fn pace(&self, p: &Process, len: Option<i64>) -> Option<f64> {
        let n = self.meetings(p);
        len.filter(|_| n > 0)
            .map(|l| n as f64 * 30.0 / l.max(1) as f64)
    }
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
/// | `meetings_listed` | rows in `meetings` |
/// | `meetings_in_articles` | of those, meetings an article tells of (`provenance` `stated` or `collective`) |
/// | `meetings_from_record` | of those, meetings added from the public record alone |
/// | `meetings_count` | the count an article states (575), if any |
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
/// // 1973-01-27 to the fall of Saigon, 1975-04-30.
/// assert_eq!(paris.column("held_days_low")?.i64()?.get(0), Some(823));
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

/// One row per dated meeting, in date order within each process (the
/// processes in id order): its ordinal, days since the process began and
/// since the previous meeting, its format, whether it was leader-level
/// contact, and whether an article tells of it. Undated meetings are left
/// out.
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
        since_start.push(start.map(|s| crate::dates::days_between(s.first, date)));
        since_previous.push(same.map(|(_, d)| crate::dates::days_between(d, date)));
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
        bools(
            "leader_level",
            dated
                .iter()
                .map(|d| Some(meeting(d.2).format.is_leader_level())),
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

/// One metric of the summary: its name, unit, value per side, and what it
/// cannot compare.
struct Metric {
    name: &'static str,
    unit: &'static str,
    values: [Option<f64>; 3],
    caveat: String,
}

/// The Kissinger-versus-Trump comparison: one row per metric, a column per
/// side (`kissinger`, `trump`, and `others` for the other historic cases),
/// and a `caveat` saying what the metric cannot compare where the two
/// sides' coverage differs.
///
/// Lengths and paces use the midpoint of each process's interval; the
/// medians are over processes. Meetings are counted twice over: those the
/// articles tell of, and those added from the public record, since the
/// second measures how thoroughly a case was coded as much as how often
/// its parties met. Agreements still holding are counted as holding *at
/// least* so long (right-censored), never averaged with ones that ended.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let s = negotiations::metrics::summary(&data, negotiations::metrics::as_of(&data)?)?;
/// assert_eq!(s.get_column_names(), ["metric", "unit", "kissinger", "trump", "others", "caveat"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn summary(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    let m = data.model();
    let counts: Vec<Counts> = m
        .processes
        .iter()
        .map(|p| Counts::of(m, p, as_of))
        .collect();
    let side_of = |p: &Process| p.approach.side();
    // For each side, its processes with their counts.
    let group = |s: Side| -> Vec<(&Process, &Counts)> {
        m.processes
            .iter()
            .zip(&counts)
            .filter(|(p, _)| side_of(p) == s)
            .collect()
    };
    let sides = [Side::Kissinger, Side::Trump, Side::Others];
    type SideMetric<'f> = &'f dyn Fn(&[(&Process, &Counts)]) -> Option<f64>;
    let per_side = |f: SideMetric| -> [Option<f64>; 3] { sides.map(|s| f(&group(s))) };
    let sum = |f: &dyn Fn(&Process, &Counts) -> i64| {
        per_side(&|g| Some(g.iter().map(|(p, c)| f(p, c)).sum::<i64>() as f64))
    };
    let agreements = |s: Side| -> Vec<&crate::model::Outcome> {
        m.outcomes
            .iter()
            .filter(|o| o.kind.is_agreement() && side_of(&m.processes[o.process]) == s)
            .collect()
    };
    let count_held = |held: Option<Held>| {
        sides.map(|s| {
            Some(
                agreements(s)
                    .iter()
                    .filter(|o| held.is_none_or(|h| o.held == h))
                    .count() as f64,
            )
        })
    };
    let mut metrics = vec![
        Metric {
            name: "processes",
            unit: "count",
            values: per_side(&|g| Some(g.len() as f64)),
            caveat: String::new(),
        },
        Metric {
            name: "median length",
            unit: "days",
            values: per_side(&|g| {
                median(
                    g.iter()
                        .filter_map(|(_, c)| c.days.map(|d| (d.0 + d.1) as f64 / 2.0))
                        .collect(),
                )
            }),
            caveat: "Lengths run from the start the coding rules fix (data/CODING.md, \"Process start and end\"); open processes count to the as-of date.".into(),
        },
        Metric {
            name: "meetings the articles tell of",
            unit: "count",
            values: per_side(&|g| {
                Some(
                    g.iter()
                        .map(|(p, c)| p.meetings_count.unwrap_or(c.in_articles))
                        .sum::<i64>() as f64,
                )
            }),
            caveat: String::new(),
        },
        Metric {
            name: "meetings added from the public record",
            unit: "count",
            values: sum(&|p, c| {
                if p.meetings_count.is_some() {
                    0
                } else {
                    c.listed - c.in_articles
                }
            }),
            caveat: String::new(),
        },
        Metric {
            name: "median meetings per 30 days",
            unit: "meetings",
            values: per_side(&|g| {
                median(
                    g.iter()
                        .filter(|(p, c)| c.meetings(p) > 0)
                        .filter_map(|(p, c)| c.pace(p, c.days.map(|d| (d.0 + d.1) / 2)))
                        .collect(),
                )
            }),
            caveat: String::new(),
        },
        Metric {
            name: "leader-level share of listed contacts",
            unit: "share",
            values: per_side(&|g| {
                let listed: i64 = g.iter().map(|(_, c)| c.listed).sum();
                (listed > 0)
                    .then(|| g.iter().map(|(_, c)| c.leader).sum::<i64>() as f64 / listed as f64)
            }),
            caveat: String::new(),
        },
        Metric {
            name: "deadlines and pledges set",
            unit: "count",
            values: sum(&|_, c| c.commitments),
            caveat: String::new(),
        },
        Metric {
            name: "deadlines and pledges met",
            unit: "count",
            values: sum(&|_, c| c.met),
            caveat: String::new(),
        },
        Metric {
            name: "deadlines and pledges missed or ignored",
            unit: "count",
            values: sum(&|_, c| c.broken),
            caveat: String::new(),
        },
        Metric {
            name: "agreements reached",
            unit: "count",
            values: count_held(None),
            caveat: String::new(),
        },
    ];
    for held in [
        Held::Held,
        Held::Fragile,
        Held::Suspended,
        Held::Superseded,
        Held::Unraveled,
    ] {
        metrics.push(Metric {
            name: match held {
                Held::Held => "agreements holding",
                Held::Fragile => "agreements fragile",
                Held::Suspended => "agreements suspended",
                Held::Superseded => "agreements superseded",
                _ => "agreements unraveled",
            },
            unit: "count",
            values: count_held(Some(held)),
            caveat: String::new(),
        });
    }
    let spells = |s: Side| -> Vec<crate::model::Spell> {
        agreements(s)
            .iter()
            .filter_map(|o| o.spell(as_of))
            .collect()
    };
    metrics.push(Metric {
        name: "agreements that failed (suspended or unraveled)",
        unit: "count",
        values: sides.map(|s| Some(spells(s).iter().filter(|sp| sp.failed).count() as f64)),
        caveat: String::new(),
    });
    // Durability as survival: agreements still holding (or replaced) are
    // right-censored, not averaged with those that ended.
    let curves: Vec<Option<crate::survival::Curve>> = sides
        .iter()
        .map(|&s| {
            let sp = spells(s);
            let times: Vec<f64> = sp.iter().map(|x| x.survival_days()).collect();
            let events: Vec<bool> = sp.iter().map(|x| x.failed).collect();
            (!sp.is_empty())
                .then(|| crate::survival::kaplan_meier(&times, &events).ok())
                .flatten()
        })
        .collect();
    metrics.push(Metric {
        name: "agreements still holding or replaced (censored: held at least so long)",
        unit: "count",
        values: sides.map(|s| Some(spells(s).iter().filter(|sp| !sp.failed).count() as f64)),
        caveat: String::new(),
    });
    for (days, name) in [
        (365.0, "share holding after 1 year (Kaplan–Meier)"),
        (
            5.0 * crate::phrase::DAYS_PER_YEAR,
            "share holding after 5 years (Kaplan–Meier)",
        ),
    ] {
        let mut at_risk = [0usize; 3];
        let mut values = [None; 3];
        for (k, c) in curves.iter().enumerate() {
            if let Some(c) = c {
                at_risk[k] = c.at_risk_at(days);
                // An estimate past the longest spell says nothing.
                values[k] = c
                    .max_time()
                    .is_some_and(|m| m >= days)
                    .then(|| c.survival_at(days));
            }
        }
        metrics.push(Metric {
            name,
            unit: "share",
            values,
            caveat: format!(
                "Still at risk then: Kissinger {}, Trump {}, others {} agreements; an empty cell means no agreement of that side has been observed so long.",
                at_risk[0], at_risk[1], at_risk[2]
            ),
        });
    }
    metrics.push(Metric {
        name: "prizes",
        unit: "count",
        values: sides.map(|s| {
            Some(
                m.outcomes
                    .iter()
                    .filter(|o| o.kind == OutcomeKind::Prize)
                    .filter(|o| side_of(&m.processes[o.process]) == s)
                    .count() as f64,
            )
        }),
        caveat: String::new(),
    });
    add_caveats(m, &counts, as_of, &mut metrics);
    // "Leader-level" counts the American leader's own contact.
    for metric in metrics.iter_mut() {
        if metric.name == "leader-level share of listed contacts" {
            metric.caveat.push_str(" Leader-level means the U.S. leader in person (summits, calls); Kissinger was Secretary of State, so his meetings with heads of state count as envoy-level by this definition.");
        }
    }
    let mut columns = vec![
        strings("metric", metrics.iter().map(|x| x.name)),
        strings("unit", metrics.iter().map(|x| x.unit)),
    ];
    for (k, s) in sides.iter().enumerate() {
        columns.push(floats(s.as_str(), metrics.iter().map(|x| x.values[k])));
    }
    columns.push(strings("caveat", metrics.iter().map(|x| x.caveat.as_str())));
    Ok(DataFrame::new(metrics.len(), columns)?)
}

/// Says, for each metric, what the data behind the two sides does not let
/// it compare: computed from the data, so a caveat appears when coverage
/// differs and goes when it no longer does.
fn add_caveats(m: &Model, counts: &[Counts], as_of: NaiveDate, metrics: &mut [Metric]) {
    let of_side = |s: Side| {
        m.processes
            .iter()
            .zip(counts)
            .filter(move |(p, _)| p.approach.side() == s)
    };
    let listed = |s: Side| of_side(s).map(|(_, c)| c.listed).sum::<i64>();
    let from_record = |s: Side| {
        of_side(s)
            .map(|(_, c)| c.listed - c.in_articles)
            .sum::<i64>()
    };
    let (kl, tl) = (listed(Side::Kissinger), listed(Side::Trump));
    let (kr, tr) = (from_record(Side::Kissinger), from_record(Side::Trump));
    let collective = |s: Side| {
        of_side(s)
            .flat_map(|(p, _)| p.meetings.iter().filter_map(|&k| m.meetings.get(k)))
            .filter(|mt| mt.provenance == crate::codes::Provenance::Collective)
            .count()
    };
    let (kc, tc) = (collective(Side::Kissinger), collective(Side::Trump));
    let coverage = format!(
        "Coverage differs: {kl} Kissinger and {tl} Trump meetings are listed; of them {kc} and {tc} are ones an article tells of only together (\"several phone calls\", \"multiple shuttle missions\"), identified from the public record, and {kr} and {tr} come from the public record alone. Counts compare how fully each side's meetings could be listed as much as how often its parties met."
    );
    let open_trump = of_side(Side::Trump)
        .filter(|(p, _)| p.end.is_none() && p.start.is_some())
        .count();
    let young = |s: Side| {
        m.outcomes
            .iter()
            .filter(|o| o.kind.is_agreement() && m.processes[o.process].approach.side() == s)
            .filter_map(|o| o.spell(as_of))
            .filter(|sp| !sp.failed)
            .map(|sp| sp.days.1)
            .max()
    };
    for metric in metrics.iter_mut() {
        let caveat = match metric.name {
            "meetings the articles tell of"
            | "meetings added from the public record"
            | "median meetings per 30 days"
            | "leader-level share of listed contacts"
                if kl != tl || kr != tr =>
            {
                coverage.clone()
            }
            "median length" if open_trump > 0 => format!(
                "{} (Trump: {open_trump} process{} still open, counted to {as_of}.)",
                metric.caveat,
                if open_trump == 1 { "" } else { "es" }
            ),
            "agreements holding"
            | "agreements fragile"
            | "agreements still holding or replaced (censored: held at least so long)" => {
                match (young(Side::Kissinger), young(Side::Trump)) {
                    (Some(k), Some(t)) if k > 2 * t => format!(
                        "Not comparable as durability: the Kissinger agreements still counted have had up to {k} days to fail, the Trump ones at most {t}. Read the Kaplan–Meier rows, and the UCDP base rates (negotiations base-rates)."
                    ),
                    _ => String::new(),
                }
            }
            "deadlines and pledges set"
            | "deadlines and pledges met"
            | "deadlines and pledges missed or ignored" => {
                let set = |s: Side| of_side(s).map(|(_, c)| c.commitments).sum::<i64>();
                let (k, t) = (set(Side::Kissinger), set(Side::Trump));
                if k == t {
                    continue;
                }
                format!(
                    "Counts what the articles report: {k} of Kissinger's and {t} of Trump's; the articles follow Trump's public deadlines and pledges week by week, Kissinger's private ones hardly at all."
                )
            }
            _ => continue,
        };
        metric.caveat = caveat;
    }
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
