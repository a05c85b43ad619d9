//! The tables as Rust values: one typed model that the metrics, the charts,
//! the command line and the DataFrame builders all read.
//!
//! Codes are enums ([`crate::base::codes`]), dates are [`Period`]s that keep
//! their precision, and foreign keys are resolved once to row numbers
//! (`Meeting::process` is an index into [`Model::processes`]), so no reader
//! matches strings or looks a key up twice. Facts derived from several
//! tables (a process's meetings, outcomes and commitments) are gathered
//! here once.
//!
//! Each model row keeps `row`, its row in the table (see
//! [`crate::Dataset::table`]), for the text columns the model leaves there
//! (ids of meetings, quotes, notes): a million meetings stay a few dozen
//! bytes each.
//!
//! ```
//! use negotiations::codes::Approach;
//! let data = negotiations::Dataset::embedded()?;
//! let m = data.model();
//! let trump: Vec<_> = m.processes.iter().filter(|p| p.approach == Approach::Trump).collect();
//! let calls: usize = trump.iter().map(|p| p.meetings.len()).sum();
//! assert!(calls > 10);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use foldhash::HashMap;

use crate::base::codes::*;
use crate::base::dates::Period;
use crate::tables::table::{TableData, Values};

/// An article.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Row in `sources`.
    pub row: usize,
    /// `source_id`.
    pub id: String,
    /// A short description for charts and tables.
    pub label: String,
    /// When it was published, if the text says.
    pub published: Option<Period>,
}

/// A negotiation process.
#[derive(Debug, Clone, PartialEq)]
pub struct Process {
    /// Row in `processes`.
    pub row: usize,
    /// `process_id`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The conflict negotiated.
    pub conflict: String,
    /// The third-party mediator, if any.
    pub mediator: Option<String>,
    /// The United States' part.
    pub us_role: UsRole,
    /// Who led for the United States.
    pub us_lead: Vec<String>,
    /// The style it is filed under.
    pub approach: Approach,
    /// The sides.
    pub parties: Vec<String>,
    /// When it began.
    pub start: Option<Period>,
    /// When it ended (`None` while open).
    pub end: Option<Period>,
    /// Where it stands.
    pub status: Status,
    /// The number of meetings an article states, if any.
    pub meetings_count: Option<i64>,
    /// Index into [`Model::sources`].
    pub source: usize,
    /// Where its dates come from.
    pub date_basis: Option<DateBasis>,
    /// Its meetings (sessions): indexes into [`Model::meetings`], in table
    /// order.
    pub meetings: Vec<usize>,
    /// Its missions: indexes into [`Model::missions`], in table order.
    pub missions: Vec<usize>,
    /// Its outcomes: indexes into [`Model::outcomes`].
    pub outcomes: Vec<usize>,
    /// Its stated durations, deadlines and pledges: indexes into
    /// [`Model::durations`].
    pub durations: Vec<usize>,
}

impl Process {
    /// How long it ran, in days, as the interval its dates allow; an open
    /// process runs to `as_of`. `None` without a start.
    pub fn length_days(&self, as_of: NaiveDate) -> Option<(i64, i64)> {
        let start = self.start?;
        Some(start.days_until(self.end.unwrap_or(Period::day(as_of))))
    }
}

/// A meeting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Meeting {
    /// Row in `meetings` (its id, place, participants and quote are there).
    pub row: usize,
    /// Index into [`Model::processes`].
    pub process: usize,
    /// When.
    pub date: Option<Period>,
    /// Its form.
    pub format: Format,
    /// What it achieved.
    pub result: MeetingResult,
    /// Whether an article tells of it.
    pub provenance: Provenance,
    /// Where its date comes from.
    pub date_basis: Option<DateBasis>,
    /// How high the U.S. side was.
    pub us_level: UsLevel,
    /// Index into [`Model::missions`], if it was part of one.
    pub mission: Option<usize>,
}

/// A mission: a trip of the lead negotiator that groups sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct Mission {
    /// Row in `missions`.
    pub row: usize,
    /// `mission_id`.
    pub id: String,
    /// Index into [`Model::processes`].
    pub process: usize,
    /// Its name.
    pub name: String,
    /// Shuttle, trip or venue.
    pub kind: MissionKind,
    /// Its first day.
    pub start: NaiveDate,
    /// Its last day.
    pub end: NaiveDate,
    /// Its sessions: indexes into [`Model::meetings`], in table order.
    pub meetings: Vec<usize>,
}

impl Mission {
    /// Its length in days, counting both the first and the last (the
    /// Sinai I shuttle's sessions ran from 11 to 20 January 1974: 10).
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let m = data.model();
    /// let sinai = m.missions.iter().find(|x| x.id == "sinai1_shuttle").unwrap();
    /// assert_eq!(sinai.days(), 10);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// A stated time span, deadline or pledge.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    /// Row in `durations`.
    pub row: usize,
    /// `duration_id`.
    pub id: String,
    /// Index into [`Model::processes`], if it concerns one.
    pub process: Option<usize>,
    /// What the span measures.
    pub subject: String,
    /// What kind of span.
    pub kind: DurationKind,
    /// The words of the article (`None` for a pledge with no span).
    pub phrase: Option<String>,
    /// ISO-8601 duration.
    pub iso: Option<String>,
    /// The interval of days the phrase allows.
    pub days: Option<(f64, f64)>,
    /// What became of a deadline or pledge.
    pub fate: Fate,
    /// When a deadline or pledge was set.
    pub set: Option<Period>,
    /// When it fell due.
    pub due: Option<Period>,
    /// Index into [`Model::sources`].
    pub source: usize,
}

/// A result of a process.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Row in `outcomes`.
    pub row: usize,
    /// `outcome_id`.
    pub id: String,
    /// Index into [`Model::processes`].
    pub process: usize,
    /// When it was signed, took effect or was awarded.
    pub date: Option<Period>,
    /// What sort of result.
    pub kind: OutcomeKind,
    /// Its name.
    pub name: String,
    /// Whether it lasted.
    pub held: Held,
    /// When it stopped holding.
    pub ended: Option<Period>,
    /// Whether it includes U.S. economic terms.
    pub us_economic_terms: Option<bool>,
    /// Index into [`Model::sources`].
    pub source: usize,
    /// Where its dates come from.
    pub date_basis: Option<DateBasis>,
}

/// How long an agreement has held: the span from its date to its end (or
/// to the as-of date), and whether that span ended in failure or is
/// censored (still holding, or superseded).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spell {
    /// The shortest and longest span in days its dates allow.
    pub days: (i64, i64),
    /// When the span ends: the end date, or the as-of date.
    pub until: NaiveDate,
    /// Whether the span ended in failure (suspended or unraveled). A
    /// spell that did not is right-censored: the agreement held at least
    /// this long.
    pub failed: bool,
}

impl Spell {
    /// The time, in days, this spell counts for in a survival estimate: a
    /// failure at the middle of the interval its dates allow; a censored
    /// spell at the shortest (the agreement held at least that long).
    ///
    /// ```
    /// use negotiations::model::Spell;
    /// use negotiations::chrono::NaiveDate;
    /// let until = NaiveDate::from_ymd_opt(2014, 2, 1).unwrap();
    /// assert_eq!(Spell { days: (7000, 7030), until, failed: true }.survival_days(), 7015.0);
    /// assert_eq!(Spell { days: (7000, 7030), until, failed: false }.survival_days(), 7000.0);
    /// ```
    pub fn survival_days(&self) -> f64 {
        let (low, high) = (self.days.0.max(0) as f64, self.days.1.max(0) as f64);
        if self.failed {
            (low + high.max(low)) / 2.0
        } else {
            low
        }
    }
}

impl Outcome {
    /// The spell the agreement held, counted to `as_of` while it holds;
    /// `None` for prizes, the absence of an agreement, and undated rows.
    pub fn spell(&self, as_of: NaiveDate) -> Option<Spell> {
        if !self.kind.is_agreement() {
            return None;
        }
        let start = self.date?;
        let end = match (self.held.has_end(), self.ended) {
            (true, Some(e)) => e,
            _ => Period::day(as_of),
        };
        Some(Spell {
            days: start.days_until(end),
            until: end.last,
            failed: self.held.is_failure() && self.ended.is_some(),
        })
    }
}

/// One actor's coding on one dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Coding {
    /// Row in `approaches`.
    pub row: usize,
    /// The dimension (`tempo`).
    pub dimension: String,
    /// The actor (`kissinger`).
    pub actor: String,
    /// The coded value (`marathon`).
    pub value: String,
    /// The coding in a sentence.
    pub description: String,
    /// Index into [`Model::sources`].
    pub source: usize,
}

/// The seven tables as Rust values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    /// The articles.
    pub sources: Vec<Source>,
    /// The processes.
    pub processes: Vec<Process>,
    /// The missions.
    pub missions: Vec<Mission>,
    /// The meetings (sessions).
    pub meetings: Vec<Meeting>,
    /// The stated durations, deadlines and pledges.
    pub durations: Vec<Duration>,
    /// The outcomes.
    pub outcomes: Vec<Outcome>,
    /// The Kissinger-versus-Trump codings.
    pub approaches: Vec<Coding>,
    process_by_id: HashMap<String, usize>,
    source_by_id: HashMap<String, usize>,
    mission_by_id: HashMap<String, usize>,
}

/// Reads a table's columns by name once, then by row. Columns a table
/// lacks read as empty: the model is built from a validated dataset,
/// whose columns the schema fixes.
struct Reader<'a> {
    t: &'a TableData,
}

impl<'a> Reader<'a> {
    fn text(&self, column: &str, row: usize) -> Option<&'a str> {
        self.t.text(column, row)
    }
    fn string(&self, column: &str, row: usize) -> String {
        self.text(column, row).unwrap_or_default().to_string()
    }
    fn code<C: Code>(&self, column: &str, row: usize) -> Option<C> {
        C::parse(self.text(column, row)?)
    }
    fn list(&self, column: &str, row: usize) -> Vec<String> {
        self.t
            .items(column, row)
            .map(|items| items.map(str::to_string).collect())
            .unwrap_or_default()
    }
    fn period(&self, column: &str, row: usize) -> Option<Period> {
        let date = self.t.date(column, row)?;
        let precision = self
            .t
            .spec
            .precision_of(column)
            .and_then(|p| self.code::<Precision>(p, row))
            .unwrap_or(Precision::Day);
        Some(Period::new(date, precision))
    }
    fn integer(&self, column: &str, row: usize) -> Option<i64> {
        match self.t.values(column)? {
            Values::Integer(v) => v.get(row).copied().flatten(),
            _ => None,
        }
    }
    fn boolean(&self, column: &str, row: usize) -> Option<bool> {
        match self.t.values(column)? {
            Values::Boolean(v) => v.get(row).copied().flatten(),
            _ => None,
        }
    }
}

impl Model {
    /// Builds the model from the seven parsed tables (in [`crate::TABLES`]
    /// order). Rows whose keys or codes do not resolve are left out; a
    /// validated dataset has none.
    pub(crate) fn build(tables: &[TableData]) -> Model {
        let get = |name: &str| tables.iter().find(|t| t.spec.name == name);
        let mut m = Model::default();
        // In this order: each table's keys resolve to the rows of those
        // read before it.
        if let Some(t) = get("sources") {
            m.read_sources(t);
        }
        if let Some(t) = get("processes") {
            m.read_processes(t);
        }
        if let Some(t) = get("missions") {
            m.read_missions(t);
        }
        if let Some(t) = get("meetings") {
            m.read_meetings(t);
        }
        if let Some(t) = get("durations") {
            m.read_durations(t);
        }
        if let Some(t) = get("outcomes") {
            m.read_outcomes(t);
        }
        if let Some(t) = get("approaches") {
            m.read_approaches(t);
        }
        m
    }

    /// The index of the article a row's `source_id` names.
    fn source_of(&self, r: &Reader, row: usize) -> Option<usize> {
        r.text("source_id", row)
            .and_then(|s| self.source_by_id.get(s).copied())
    }

    fn read_sources(&mut self, t: &TableData) {
        let r = Reader { t };
        for row in 0..t.height() {
            let id = r.string("source_id", row);
            self.source_by_id.insert(id.clone(), self.sources.len());
            self.sources.push(Source {
                row,
                id,
                label: r.string("label", row),
                published: r.period("published", row),
            });
        }
    }

    fn read_processes(&mut self, t: &TableData) {
        let r = Reader { t };
        for row in 0..t.height() {
            let (Some(source), Some(approach), Some(status)) = (
                self.source_of(&r, row),
                r.code("approach", row),
                r.code("status", row),
            ) else {
                continue;
            };
            let id = r.string("process_id", row);
            self.process_by_id.insert(id.clone(), self.processes.len());
            self.processes.push(Process {
                row,
                id,
                name: r.string("name", row),
                conflict: r.string("conflict", row),
                mediator: r.text("mediator", row).map(str::to_string),
                us_role: r.code("us_role", row).unwrap_or(UsRole::None),
                us_lead: r.list("us_lead", row),
                approach,
                parties: r.list("parties", row),
                start: r.period("start", row),
                end: r.period("end", row),
                status,
                meetings_count: r.integer("meetings_count", row),
                source,
                date_basis: r.code("date_basis", row),
                meetings: Vec::new(),
                missions: Vec::new(),
                outcomes: Vec::new(),
                durations: Vec::new(),
            });
        }
    }

    fn read_missions(&mut self, t: &TableData) {
        let r = Reader { t };
        for row in 0..t.height() {
            let (Some(process), Some(kind), Some(start), Some(end)) = (
                r.text("process_id", row).and_then(|p| self.process(p)),
                r.code("kind", row),
                t.date("start", row),
                t.date("end", row),
            ) else {
                continue;
            };
            let id = r.string("mission_id", row);
            self.mission_by_id.insert(id.clone(), self.missions.len());
            self.processes[process].missions.push(self.missions.len());
            self.missions.push(Mission {
                row,
                id,
                process,
                name: r.string("name", row),
                kind,
                start,
                end,
                meetings: Vec::new(),
            });
        }
    }

    /// The meetings ([`meetings`]), each listed in its process and mission.
    fn read_meetings(&mut self, t: &TableData) {
        self.meetings = meetings(t, self);
        for (i, meeting) in self.meetings.iter().enumerate() {
            if let Some(p) = self.processes.get_mut(meeting.process) {
                p.meetings.push(i);
            }
            if let Some(x) = meeting.mission.and_then(|k| self.missions.get_mut(k)) {
                x.meetings.push(i);
            }
        }
    }

    fn read_durations(&mut self, t: &TableData) {
        let r = Reader { t };
        for row in 0..t.height() {
            let (Some(source), Some(kind), Some(fate)) = (
                self.source_of(&r, row),
                r.code("kind", row),
                r.code("fate", row),
            ) else {
                continue;
            };
            let process = r.text("process_id", row).and_then(|p| self.process(p));
            let number = |c: &str| t.number(c, row);
            let days = number("days_low").zip(number("days_high"));
            if let Some(p) = process {
                self.processes[p].durations.push(self.durations.len());
            }
            self.durations.push(Duration {
                row,
                id: r.string("duration_id", row),
                process,
                subject: r.string("subject", row),
                kind,
                phrase: r.text("phrase", row).map(str::to_string),
                iso: r.text("iso", row).map(str::to_string),
                days,
                fate,
                set: r.period("set_date", row),
                due: r.period("due_date", row),
                source,
            });
        }
    }

    fn read_outcomes(&mut self, t: &TableData) {
        let r = Reader { t };
        for row in 0..t.height() {
            let (Some(source), Some(process), Some(kind), Some(held)) = (
                self.source_of(&r, row),
                r.text("process_id", row).and_then(|p| self.process(p)),
                r.code("kind", row),
                r.code("held", row),
            ) else {
                continue;
            };
            self.processes[process].outcomes.push(self.outcomes.len());
            self.outcomes.push(Outcome {
                row,
                id: r.string("outcome_id", row),
                process,
                date: r.period("date", row),
                kind,
                name: r.string("name", row),
                held,
                ended: r.period("ended", row),
                us_economic_terms: r.boolean("us_economic_terms", row),
                source,
                date_basis: r.code("date_basis", row),
            });
        }
    }

    fn read_approaches(&mut self, t: &TableData) {
        let r = Reader { t };
        for row in 0..t.height() {
            let Some(source) = self.source_of(&r, row) else {
                continue;
            };
            self.approaches.push(Coding {
                row,
                dimension: r.string("dimension", row),
                actor: r.string("actor", row),
                value: r.string("value", row),
                description: r.string("description", row),
                source,
            });
        }
    }

    /// The index of the process `id` in [`Model::processes`].
    pub fn process(&self, id: &str) -> Option<usize> {
        self.process_by_id.get(id).copied()
    }

    /// The index of the mission `id` in [`Model::missions`].
    pub fn mission(&self, id: &str) -> Option<usize> {
        self.mission_by_id.get(id).copied()
    }

    /// The index of the article `id` in [`Model::sources`].
    pub fn source(&self, id: &str) -> Option<usize> {
        self.source_by_id.get(id).copied()
    }

    /// The latest date of any meeting or outcome (the last day of its
    /// period): the date open processes and holding agreements are counted
    /// to by default.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// assert_eq!(data.model().as_of().unwrap().to_string(), "2025-12-04");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_of(&self) -> Option<NaiveDate> {
        let meetings = self.meetings.iter().filter_map(|m| m.date);
        let outcomes = self.outcomes.iter().filter_map(|o| o.date);
        meetings.chain(outcomes).map(|p| p.last).max()
    }
}

/// The meetings, read column by column: at a million rows, one pass over
/// each column costs a fraction of a lookup by name per cell.
fn meetings(t: &TableData, m: &Model) -> Vec<Meeting> {
    let texts = |c: &str| t.texts(c);
    let (Some(pids), Some(formats), Some(results), Some(precision)) = (
        texts("process_id"),
        texts("format"),
        texts("result"),
        texts("date_precision"),
    ) else {
        return Vec::new();
    };
    let provenance = texts("provenance");
    let basis = texts("date_basis");
    let levels = texts("us_level");
    let missions = texts("mission_id");
    let dates: &[Option<NaiveDate>] = match t.values("date") {
        Some(Values::Date(v)) => v,
        _ => &[],
    };
    // Process ids repeat; the last one looked up is usually the next one.
    let mut last: Option<(&str, usize)> = None;
    let mut out = Vec::with_capacity(t.height());
    for (row, (((pid, format), result), precision)) in pids
        .iter()
        .zip(formats.iter())
        .zip(results.iter())
        .zip(precision.iter())
        .enumerate()
    {
        let Some(pid) = pid else { continue };
        let process = match last {
            Some((id, p)) if id == pid => p,
            _ => match m.process(pid) {
                Some(p) => {
                    last = Some((pid, p));
                    p
                }
                None => continue,
            },
        };
        let (Some(format), Some(result)) = (
            format.and_then(Format::parse),
            result.and_then(MeetingResult::parse),
        ) else {
            continue;
        };
        let date = dates.get(row).copied().flatten().map(|d| {
            Period::new(
                d,
                precision
                    .and_then(Precision::parse)
                    .unwrap_or(Precision::Day),
            )
        });
        out.push(Meeting {
            row,
            process,
            date,
            format,
            result,
            provenance: provenance
                .and_then(|p| p.get(row))
                .and_then(Provenance::parse)
                .unwrap_or(Provenance::Stated),
            date_basis: basis.and_then(|b| b.get(row)).and_then(DateBasis::parse),
            us_level: levels
                .and_then(|l| l.get(row))
                .and_then(UsLevel::parse)
                .unwrap_or(UsLevel::Negotiator),
            mission: missions
                .and_then(|x| x.get(row))
                .and_then(|id| m.mission(id)),
        });
    }
    out
}
