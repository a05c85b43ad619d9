//! The Kissinger-versus-Trump summary: one row per metric, a column per
//! side, how many processes (or missions, agreements, sessions) each
//! figure rests on, and what it cannot compare.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{Counts, floats, median, strings};
use crate::base::codes::{Held, OutcomeKind, Side, UsRole};
use crate::error::Result;
use crate::tables::dataset::Dataset;
use crate::tables::model::{Model, Outcome, Process, Spell};

/// Which processes a comparison takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Mediation only (`us_role` `mediator`): the cases in which the
    /// United States helped others agree, as `data/CODING.md` ("Mediator
    /// or party") says mediation comparisons must keep to. The default.
    #[default]
    Mediation,
    /// Every process, the United States' own negotiations (Paris,
    /// Trump–Kim, the Korean armistice, Budapest) included.
    Pooled,
}

impl Scope {
    fn includes(self, p: &Process) -> bool {
        self == Scope::Pooled || p.us_role == UsRole::Mediator
    }
}

const SIDES: [Side; 3] = [Side::Kissinger, Side::Trump, Side::Others];

/// One row of the summary.
struct Metric {
    name: &'static str,
    unit: &'static str,
    values: [Option<f64>; 3],
    /// How many processes (missions, agreements, sessions) each value
    /// rests on.
    n: [i64; 3],
    n_of: &'static str,
    caveat: String,
}

impl Metric {
    fn new(name: &'static str, unit: &'static str, values: [Option<f64>; 3]) -> Metric {
        Metric {
            name,
            unit,
            values,
            n: [0; 3],
            n_of: "processes",
            caveat: String::new(),
        }
    }
    fn rests_on(mut self, n: [i64; 3], of: &'static str) -> Metric {
        self.n = n;
        self.n_of = of;
        self
    }
    fn caveat(mut self, c: impl Into<String>) -> Metric {
        self.caveat = c.into();
        self
    }
}

/// The processes of each side in scope, with their counts.
struct Sides<'m> {
    m: &'m Model,
    as_of: NaiveDate,
    scope: Scope,
    groups: [Vec<(&'m Process, Counts)>; 3],
}

impl<'m> Sides<'m> {
    fn new(m: &'m Model, as_of: NaiveDate, scope: Scope) -> Sides<'m> {
        let groups = SIDES.map(|s| {
            m.processes
                .iter()
                .filter(|p| p.approach.side() == s && scope.includes(p))
                .map(|p| (p, Counts::of(m, p, as_of)))
                .collect()
        });
        Sides {
            m,
            as_of,
            scope,
            groups,
        }
    }
    /// A value per side from its processes.
    fn each(&self, f: impl Fn(&[(&Process, Counts)]) -> Option<f64>) -> [Option<f64>; 3] {
        [0, 1, 2].map(|k| f(&self.groups[k]))
    }
    /// A count per side, summed over its processes.
    fn sum(&self, f: impl Fn(&Process, &Counts) -> i64) -> [i64; 3] {
        [0, 1, 2].map(|k| self.groups[k].iter().map(|(p, c)| f(p, c)).sum())
    }
    fn processes(&self) -> [i64; 3] {
        self.sum(|_, _| 1)
    }
    fn missions(&self, k: usize) -> impl Iterator<Item = &'m crate::tables::model::Mission> + '_ {
        self.groups[k]
            .iter()
            .flat_map(|(p, _)| p.missions.iter().filter_map(|&i| self.m.missions.get(i)))
    }
    fn agreements(&self, k: usize) -> impl Iterator<Item = &'m Outcome> + '_ {
        self.groups[k].iter().flat_map(|(p, _)| {
            p.outcomes
                .iter()
                .filter_map(|&i| self.m.outcomes.get(i))
                .filter(|o| o.kind.is_agreement())
        })
    }
    fn spells(&self, k: usize) -> Vec<Spell> {
        self.agreements(k)
            .filter_map(|o| o.spell(self.as_of))
            .collect()
    }
}

fn as_f(v: [i64; 3]) -> [Option<f64>; 3] {
    v.map(|x| Some(x as f64))
}

/// The Kissinger-versus-Trump comparison of mediation with mediation
/// ([`Scope::Mediation`]): [`summary_of`] with the default scope.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let s = negotiations::metrics::summary(&data, negotiations::metrics::as_of(&data)?)?;
/// assert_eq!(
///     s.get_column_names(),
///     ["metric", "unit", "kissinger", "trump", "others", "kissinger_n", "trump_n", "others_n", "n_of", "caveat"]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn summary(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    summary_of(data, as_of, Scope::default())
}

/// The Kissinger-versus-Trump comparison: one row per metric, a column per
/// side (`kissinger`, `trump`, and `others` for the other historic cases),
/// the number of processes, missions, agreements or sessions each value
/// rests on (`kissinger_n`, `trump_n`, `others_n`, counted in `n_of`), and
/// a `caveat` saying what the metric cannot compare.
///
/// Sessions are counted by one rule for every process (`data/CODING.md`,
/// "Sessions and missions"); paces count every process in scope, those
/// without a session as 0. Lengths and paces use the midpoint of each
/// process's interval; medians are over processes (or missions).
/// Agreements still holding are counted as holding *at least* so long
/// (right-censored), never averaged with ones that ended.
///
/// ```
/// use negotiations::metrics::{self, Scope};
/// use negotiations::polars::prelude::*;
/// let data = negotiations::Dataset::embedded()?;
/// let as_of = metrics::as_of(&data)?;
/// let n = |s: DataFrame| -> Option<f64> {
///     let row = s.lazy().filter(col("metric").eq(lit("processes"))).collect().unwrap();
///     row.column("kissinger").unwrap().f64().unwrap().get(0)
/// };
/// // Paris, where the United States was a party, counts only when pooled.
/// assert_eq!(n(metrics::summary_of(&data, as_of, Scope::Mediation)?), Some(3.0));
/// assert_eq!(n(metrics::summary_of(&data, as_of, Scope::Pooled)?), Some(4.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn summary_of(data: &Dataset, as_of: NaiveDate, scope: Scope) -> Result<DataFrame> {
    let s = Sides::new(data.model(), as_of, scope);
    let mut rows = process_rows(&s);
    rows.extend(session_rows(&s));
    rows.extend(mission_rows(&s));
    rows.extend(commitment_rows(&s));
    rows.extend(agreement_rows(&s));
    frame(rows)
}

fn frame(rows: Vec<Metric>) -> Result<DataFrame> {
    let mut columns = vec![
        strings("metric", rows.iter().map(|x| x.name)),
        strings("unit", rows.iter().map(|x| x.unit)),
    ];
    for (k, side) in SIDES.iter().enumerate() {
        columns.push(floats(side.as_str(), rows.iter().map(|x| x.values[k])));
    }
    for (k, side) in SIDES.iter().enumerate() {
        columns.push(
            Series::new(
                format!("{}_n", side.as_str()).into(),
                rows.iter().map(|x| x.n[k]).collect::<Vec<_>>(),
            )
            .into(),
        );
    }
    columns.push(strings("n_of", rows.iter().map(|x| x.n_of)));
    columns.push(strings("caveat", rows.iter().map(|x| x.caveat.as_str())));
    Ok(DataFrame::new(rows.len(), columns)?)
}

fn process_rows(s: &Sides) -> Vec<Metric> {
    let left_out: Vec<&str> =
        s.m.processes
            .iter()
            .filter(|p| !s.scope.includes(p))
            .map(|p| p.id.as_str())
            .collect();
    let scope = if left_out.is_empty() {
        "Every process is counted (pooled): the United States' own negotiations beside its mediations.".to_string()
    } else {
        format!(
            "Mediation only (us_role = mediator; data/CODING.md, \"Mediator or party\"): left out are {} where the United States was a party or took no part. `summary --pooled` counts them too.",
            left_out.join(", ")
        )
    };
    let lengths = |g: &[(&Process, Counts)]| -> Vec<f64> {
        g.iter()
            .filter_map(|(_, c)| c.days.map(|d| (d.0 + d.1) as f64 / 2.0))
            .collect()
    };
    let open: Vec<String> = s.groups[1]
        .iter()
        .filter(|(p, _)| p.end.is_none() && p.start.is_some())
        .map(|(p, _)| p.id.clone())
        .collect();
    let mut length_caveat = "Lengths run from the start the coding rules fix (data/CODING.md, \"Process start and end\"); open processes count to the as-of date.".to_string();
    if !open.is_empty() {
        length_caveat.push_str(&format!(
            " Trump: {} still open, counted to {}.",
            open.join(", "),
            s.as_of
        ));
    }
    vec![
        Metric::new("processes", "count", as_f(s.processes()))
            .rests_on(s.processes(), "processes")
            .caveat(scope),
        Metric::new("median length", "days", s.each(|g| median(lengths(g))))
            .rests_on(
                [0, 1, 2].map(|k| lengths(&s.groups[k]).len() as i64),
                "processes",
            )
            .caveat(length_caveat),
    ]
}

fn session_rows(s: &Sides) -> Vec<Metric> {
    let listed = s.sum(|_, c| c.listed);
    let in_articles = s.sum(|p, c| p.meetings_count.unwrap_or(c.in_articles));
    let record = s.sum(|p, c| {
        if p.meetings_count.is_some() {
            0
        } else {
            c.listed - c.in_articles
        }
    });
    let paces = |g: &[(&Process, Counts)]| -> Vec<f64> {
        g.iter()
            .filter_map(|(p, c)| c.pace(p, c.days.map(|d| (d.0 + d.1) / 2)))
            .collect()
    };
    let zero = s.sum(|p, c| i64::from(c.meetings(p) == 0 && c.days.is_some()));
    let leader = s.sum(|_, c| c.leader);
    let basis = format!(
        "Sessions are counted by one rule for every process (data/CODING.md, \"Sessions and missions\"): a meeting or call of the lead negotiator with a principal of a party, one row per day, place and party. Of those listed, {} of Kissinger's and {} of Trump's rest on the record alone; an article tells of the others, one by one or as a kind.",
        record[0], record[1]
    );
    vec![
        Metric::new("sessions listed", "count", as_f(listed))
            .rests_on(s.processes(), "processes")
            .caveat(basis.clone()),
        Metric::new("sessions an article tells of", "count", as_f(in_articles))
            .rests_on(s.processes(), "processes")
            .caveat(basis.clone()),
        Metric::new("sessions from the record alone", "count", as_f(record))
            .rests_on(s.processes(), "processes")
            .caveat(basis),
        Metric::new(
            "median sessions per 30 days of a process",
            "sessions",
            s.each(|g| median(paces(g))),
        )
        .rests_on([0, 1, 2].map(|k| paces(&s.groups[k]).len() as i64), "processes")
        .caveat(format!(
            "Over each process's whole length; every process counts, those without a listed session as 0 (Kissinger {}, Trump {}, others {}). Where an article states a count (the Korean armistice's 575), the count is used.",
            zero[0], zero[1], zero[2]
        )),
        Metric::new(
            "leader-level share of sessions",
            "share",
            [0, 1, 2].map(|k| (listed[k] > 0).then(|| leader[k] as f64 / listed[k] as f64)),
        )
        .rests_on(listed, "sessions")
        .caveat("Leader-level means the U.S. president took part (us_level = president). Kissinger was national security adviser and Secretary of State: his sessions with heads of state are negotiator-level; Ford's with Sadat at Salzburg are leader-level."),
    ]
}

fn mission_rows(s: &Sides) -> Vec<Metric> {
    let per = |k: usize, f: &dyn Fn(&crate::tables::model::Mission) -> f64| -> Vec<f64> {
        s.missions(k).map(f).collect()
    };
    let n = [0, 1, 2].map(|k| s.missions(k).count() as i64);
    let days = s.sum(|_, c| c.mission_days);
    let with_session = s.sum(|_, c| c.session_days);
    let lengths: Vec<String> = [0, 1]
        .map(|k| {
            let mut v: Vec<String> = s
                .missions(k)
                .filter(|x| x.kind == crate::base::codes::MissionKind::Shuttle)
                .map(|x| format!("{} {}", x.id, x.days()))
                .collect();
            if v.is_empty() {
                v.push("none".into());
            }
            v.join(", ")
        })
        .to_vec();
    vec![
        Metric::new("missions", "count", as_f(n)).rests_on(s.processes(), "processes"),
        Metric::new(
            "median mission length",
            "days",
            [0, 1, 2].map(|k| median(per(k, &|x| x.days() as f64))),
        )
        .rests_on(n, "missions")
        .caveat(format!(
            "A mission runs from its first session to its last (both days counted). Shuttles (days): Kissinger {}; Trump {}.",
            lengths[0], lengths[1]
        )),
        Metric::new(
            "median sessions per mission day",
            "sessions",
            [0, 1, 2].map(|k| {
                median(per(k, &|x| x.meetings.len() as f64 / x.days().max(1) as f64))
            }),
        )
        .rests_on(n, "missions"),
        Metric::new(
            "share of mission days with a session",
            "share",
            [0, 1, 2].map(|k| (days[k] > 0).then(|| with_session[k] as f64 / days[k] as f64)),
        )
        .rests_on(n, "missions"),
    ]
}

fn commitment_rows(s: &Sides) -> Vec<Metric> {
    let set = s.sum(|_, c| c.commitments);
    let caveat = if set[0] == set[1] {
        String::new()
    } else {
        format!(
            "Counts what the articles report: {} of Kissinger's and {} of Trump's; the articles follow Trump's public deadlines and pledges week by week, Kissinger's private ones hardly at all.",
            set[0], set[1]
        )
    };
    let row = |name, v| {
        Metric::new(name, "count", as_f(v))
            .rests_on(s.processes(), "processes")
            .caveat(caveat.clone())
    };
    vec![
        row("deadlines and pledges set", set),
        row("deadlines and pledges met", s.sum(|_, c| c.met)),
        row(
            "deadlines and pledges missed or ignored",
            s.sum(|_, c| c.broken),
        ),
    ]
}

fn agreement_rows(s: &Sides) -> Vec<Metric> {
    let agreements = [0, 1, 2].map(|k| s.agreements(k).count() as i64);
    let count = |held: Option<Held>| {
        [0, 1, 2].map(|k| {
            s.agreements(k)
                .filter(|o| held.is_none_or(|h| o.held == h))
                .count() as i64
        })
    };
    let young = young_caveat(s);
    let mut rows = vec![
        Metric::new("agreements reached", "count", as_f(agreements))
            .rests_on(s.processes(), "processes"),
    ];
    for (held, name) in [
        (Held::Held, "agreements holding"),
        (Held::Fragile, "agreements fragile"),
        (Held::Suspended, "agreements suspended"),
        (Held::Superseded, "agreements superseded"),
        (Held::Unraveled, "agreements unraveled"),
    ] {
        let c = if matches!(held, Held::Held | Held::Fragile) {
            young.clone()
        } else {
            String::new()
        };
        rows.push(
            Metric::new(name, "count", as_f(count(Some(held))))
                .rests_on(agreements, "agreements")
                .caveat(c),
        );
    }
    let spells = [0, 1, 2].map(|k| s.spells(k));
    rows.push(
        Metric::new(
            "agreements that failed (suspended or unraveled)",
            "count",
            spells
                .clone()
                .map(|v| Some(v.iter().filter(|x| x.failed).count() as f64)),
        )
        .rests_on(agreements, "agreements"),
    );
    rows.push(
        Metric::new(
            "agreements still holding or replaced (censored: held at least so long)",
            "count",
            spells
                .clone()
                .map(|v| Some(v.iter().filter(|x| !x.failed).count() as f64)),
        )
        .rests_on(agreements, "agreements")
        .caveat(young),
    );
    rows.extend(survival_rows(&spells, agreements));
    let prizes = [0, 1, 2].map(|k| {
        s.groups[k]
            .iter()
            .flat_map(|(p, _)| p.outcomes.iter().filter_map(|&i| s.m.outcomes.get(i)))
            .filter(|o| o.kind == OutcomeKind::Prize)
            .count() as i64
    });
    rows.push(Metric::new("prizes", "count", as_f(prizes)).rests_on(s.processes(), "processes"));
    rows
}

/// Kaplan–Meier survival at 1 and 5 years, where a side's agreements have
/// been observed so long.
fn survival_rows(spells: &[Vec<Spell>; 3], agreements: [i64; 3]) -> Vec<Metric> {
    let curves: Vec<Option<crate::analysis::survival::Curve>> = spells
        .iter()
        .map(|sp| {
            let times: Vec<f64> = sp.iter().map(Spell::survival_days).collect();
            let events: Vec<bool> = sp.iter().map(|x| x.failed).collect();
            (!sp.is_empty())
                .then(|| crate::analysis::survival::kaplan_meier(&times, &events).ok())
                .flatten()
        })
        .collect();
    let mut rows = Vec::new();
    for (days, name) in [
        (365.0, "share holding after 1 year (Kaplan–Meier)"),
        (
            5.0 * crate::prose::phrase::DAYS_PER_YEAR,
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
        rows.push(
            Metric::new(name, "share", values)
                .rests_on(agreements, "agreements")
                .caveat(format!(
                    "Still at risk then: Kissinger {}, Trump {}, others {} agreements; an empty cell means no agreement of that side has been observed so long.",
                    at_risk[0], at_risk[1], at_risk[2]
                )),
        );
    }
    rows
}

/// When one side's agreements have been watched far longer than the
/// other's, a count of those holding compares ages, not durability.
fn young_caveat(s: &Sides) -> String {
    let longest = |k: usize| s.spells(k).iter().map(|sp| sp.days.1).max();
    match (longest(0), longest(1)) {
        (Some(k), Some(t)) if k > 2 * t => format!(
            "Not comparable as durability: Kissinger's agreements have been followed for up to {k} days (to their end, or to the as-of date), Trump's for at most {t}. Read the Kaplan–Meier rows, and the UCDP base rates (negotiations base-rates)."
        ),
        _ => String::new(),
    }
}

/// A figure for reading: up to two decimals, trailing zeros dropped.
fn figure(v: Option<f64>) -> String {
    match v {
        None => "–".to_string(),
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
        Some(x) => {
            let s = format!("{x:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }
}

/// The summary as it is read: each side's figure with, in brackets, how
/// many processes (missions, agreements, sessions: column `of`) it rests
/// on, and a `note` number for each distinct caveat; the caveats, in
/// order, are the second value. The command line's `summary` and the
/// README's table are drawn from it.
///
/// ```
/// use negotiations::metrics;
/// let data = negotiations::Dataset::embedded()?;
/// let s = metrics::summary(&data, metrics::as_of(&data)?)?;
/// let (table, notes) = metrics::summary_display(&s)?;
/// assert_eq!(table.get_column_names(), ["metric", "unit", "kissinger", "trump", "others", "of", "note"]);
/// assert!(!notes.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn summary_display(summary: &DataFrame) -> Result<(DataFrame, Vec<String>)> {
    let text = |name: &str| -> Result<Vec<String>> {
        Ok(summary
            .column(name)?
            .str()?
            .iter()
            .map(|c| c.unwrap_or_default().to_string())
            .collect())
    };
    let mut notes: Vec<String> = Vec::new();
    let marks: Vec<String> = text("caveat")?
        .into_iter()
        .map(|c| {
            if c.is_empty() {
                return String::new();
            }
            let n = match notes.iter().position(|x| *x == c) {
                Some(i) => i + 1,
                None => {
                    notes.push(c);
                    notes.len()
                }
            };
            format!("[{n}]")
        })
        .collect();
    let mut columns = vec![
        strings("metric", text("metric")?.iter().map(String::as_str)),
        strings("unit", text("unit")?.iter().map(String::as_str)),
    ];
    for side in SIDES {
        let values = summary.column(side.as_str())?.f64()?;
        let n = summary.column(&format!("{}_n", side.as_str()))?.i64()?;
        let cells: Vec<String> = values
            .iter()
            .zip(n.iter())
            .map(|(v, n)| format!("{} ({})", figure(v), n.unwrap_or(0)))
            .collect();
        columns.push(Series::new(side.as_str().into(), cells).into());
    }
    columns.push(strings("of", text("n_of")?.iter().map(String::as_str)));
    columns.push(Series::new("note".into(), marks).into());
    Ok((DataFrame::new(summary.height(), columns)?, notes))
}

/// The summary as a Markdown table with its numbered caveats (no `note`
/// column when there are none), for a report or the README (whose table a
/// test holds to this).
///
/// ```
/// use negotiations::metrics;
/// let data = negotiations::Dataset::embedded()?;
/// let s = metrics::summary(&data, metrics::as_of(&data)?)?;
/// let md = metrics::summary_markdown(&s)?;
/// assert!(md.starts_with("| metric | unit | kissinger | trump | others | of | note |"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn summary_markdown(summary: &DataFrame) -> Result<String> {
    let (mut table, notes) = summary_display(summary)?;
    if notes.is_empty() {
        table = table.drop("note")?;
    }
    let mut out = crate::tables::export::markdown(&table);
    out.push('\n');
    for (i, n) in notes.iter().enumerate() {
        out.push_str(&format!("[{}] {n}\n\n", i + 1));
    }
    Ok(out.trim_end().to_string() + "\n")
}
