//! Synthetic data at scale: a seeded generator of data directories that
//! pass every check, for benchmarks and for trying the crate on tables far
//! larger than the shipped ones.
//!
//! The shape follows the shipped data: for `n` meetings there are `n / 50`
//! processes (at least one), one outcome per process and `n / 10`
//! durations (at least one); about a third of the meetings dated to the day
//! belong to a mission (one per process and month, spanning its sessions). The five articles are the real ones; every
//! quote is either a real quote from the shipped tables or a run of words
//! cut from an article, so the quote check does real work. Durations use
//! the shipped phrases, with `iso`, `modifier` and the day interval from
//! [`crate::prose::phrase::normalize`]. Meetings fall within their process's dates.
//! `approaches` is the shipped table (its key, dimension × actor, does not
//! grow with the other tables).
//!
//! The same `(meetings, seed)` always gives byte-identical files: the
//! random numbers come from PCG-64, whose output is fixed by its
//! specification, not by the version of `rand`.
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! let counts = negotiations::synth::generate(dir.path(), 1_000, 7)?;
//! assert_eq!((counts.meetings, counts.processes), (1_000, 20));
//! let data = negotiations::Dataset::from_dir(dir.path())?; // passes every check
//! assert_eq!(data.table("meetings")?.height(), 1_000);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;

use crate::base::codes::{
    Approach, Code, DateBasis, DurationKind, Fate, Format, Held, MeetingResult, MissionKind,
    OutcomeKind, Provenance, Status, UsLevel,
};
use crate::error::{Error, Result};
use crate::io::AtomicFile;
use crate::tables::dataset::{Dataset, TABLES};
use crate::tables::schema::Table;

/// How many rows of each table [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Rows of `sources`.
    pub sources: usize,
    /// Rows of `processes`.
    pub processes: usize,
    /// Rows of `missions`.
    pub missions: usize,
    /// Rows of `meetings`.
    pub meetings: usize,
    /// Rows of `durations`.
    pub durations: usize,
    /// Rows of `outcomes`.
    pub outcomes: usize,
    /// Rows of `approaches`.
    pub approaches: usize,
}

impl Counts {
    /// Rows in all tables.
    pub fn total(&self) -> usize {
        self.sources
            + self.processes
            + self.missions
            + self.meetings
            + self.durations
            + self.outcomes
            + self.approaches
    }
}

/// What is drawn from the shipped data: article texts (as words) and real
/// quotes, phrases, people and places.
struct Pools {
    sources: Vec<String>,
    words: Vec<Vec<String>>,
    quotes: Vec<(usize, String)>,
    phrases: Vec<String>,
    people: Vec<String>,
    places: Vec<(String, String)>,
}

impl Pools {
    fn new(shipped: &Dataset) -> Result<Pools> {
        let sources_table = shipped.table("sources")?;
        let sources: Vec<String> = (0..sources_table.height())
            .filter_map(|r| sources_table.text("source_id", r).map(str::to_string))
            .collect();
        let words = sources
            .iter()
            .map(|s| {
                shipped
                    .source_text(s)
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        let mut quotes = Vec::new();
        let mut people = std::collections::BTreeSet::new();
        let mut places = std::collections::BTreeSet::new();
        for spec in TABLES {
            let t = shipped.table(spec.name)?;
            for r in 0..t.height() {
                if let (Some(s), Some(q)) = (t.text("source_id", r), t.text("quote", r))
                    && let Some(i) = sources.iter().position(|x| x == s)
                {
                    quotes.push((i, q.to_string()));
                }
            }
        }
        let m = shipped.table("meetings")?;
        if let Some(crate::tables::table::Values::List(v)) = m.values("participants") {
            people.extend(
                v.iter()
                    .flatten()
                    .flat_map(|c| c.split(';'))
                    .map(str::to_string),
            );
        }
        for r in 0..m.height() {
            if let (Some(p), Some(c)) = (m.text("place", r), m.text("country", r)) {
                places.insert((p.to_string(), c.to_string()));
            }
        }
        let d = shipped.table("durations")?;
        let mut phrases: Vec<String> = (0..d.height())
            .filter_map(|r| d.text("phrase", r).map(str::to_string))
            .collect();
        phrases.sort();
        phrases.dedup();
        let pools = Pools {
            sources,
            words,
            quotes,
            phrases,
            people: people.into_iter().collect(),
            places: places.into_iter().collect(),
        };
        if pools.quotes.is_empty() || pools.phrases.is_empty() || pools.people.len() < 2 {
            return Err(Error::Invalid(
                "synth: the shipped data lacks the quotes, phrases or people to draw from".into(),
            ));
        }
        Ok(pools)
    }

    /// A source and a quote from it: half the time a real quote, otherwise
    /// a run of 6 to 30 words cut from the article.
    fn quote(&self, rng: &mut Pcg64) -> (&str, String) {
        if rng.random_bool(0.5) {
            let (s, q) = &self.quotes[rng.random_range(0..self.quotes.len())];
            return (&self.sources[*s], q.clone());
        }
        let s = rng.random_range(0..self.sources.len());
        let words = &self.words[s];
        let len = rng.random_range(6..=30).min(words.len());
        let start = rng.random_range(0..=words.len() - len);
        (&self.sources[s], words[start..start + len].join(" "))
    }

    fn participants(&self, rng: &mut Pcg64) -> String {
        let n = rng.random_range(2..=4usize);
        let mut chosen: Vec<&str> = Vec::with_capacity(n);
        while chosen.len() < n.min(self.people.len()) {
            let p = self.people[rng.random_range(0..self.people.len())].as_str();
            if !chosen.contains(&p) {
                chosen.push(p);
            }
        }
        chosen.join(";")
    }
}

/// A code drawn at random.
fn pick<C: Code>(rng: &mut Pcg64) -> C {
    C::ALL[rng.random_range(0..C::ALL.len())]
}

/// One of `from`, at random.
fn pick_str<'a>(rng: &mut Pcg64, from: &[&'a str]) -> &'a str {
    from[rng.random_range(0..from.len())]
}

/// A date, at day precision 90% of the time and month precision (the first
/// of the month) otherwise.
fn dated(rng: &mut Pcg64, d: NaiveDate) -> (NaiveDate, &'static str) {
    if rng.random_bool(0.9) {
        (d, "day")
    } else {
        (d.with_day(1).unwrap_or(d), "month")
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// A CSV file of one table, written row by row through a temporary file
/// (so an error leaves no partial file), each row given by column name.
struct Out {
    spec: &'static Table,
    writer: csv::Writer<AtomicFile>,
    path: std::path::PathBuf,
    rows: usize,
    /// The row being built, one cell per schema column.
    row: Vec<String>,
}

impl Out {
    fn new(dir: &Path, spec: &'static Table) -> Result<Out> {
        let path = dir.join(spec.file);
        let mut out = Out {
            spec,
            writer: csv::Writer::from_writer(AtomicFile::create(&path)?),
            path,
            rows: 0,
            row: vec![String::new(); spec.columns.len()],
        };
        let header: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
        out.writer.write_record(&header).map_err(|e| out.error(e))?;
        Ok(out)
    }

    fn error(&self, e: csv::Error) -> Error {
        Error::Write {
            format: "CSV",
            message: format!("{}: {e}", self.path.display()),
        }
    }

    /// Sets a cell of the row being built; a name the table lacks is an
    /// error, not a silently empty cell.
    fn set(&mut self, column: &str, value: impl AsRef<str>) -> Result<&mut Out> {
        let i = self.spec.index(column).ok_or_else(|| {
            Error::unknown("column", column, self.spec.columns.iter().map(|c| c.name))
        })?;
        let cell = &mut self.row[i];
        cell.clear();
        cell.push_str(value.as_ref());
        Ok(self)
    }

    /// Writes the row built so far and starts the next (cells not set are
    /// empty).
    fn end_row(&mut self) -> Result<()> {
        self.rows += 1;
        let result = self.writer.write_record(&self.row);
        for c in &mut self.row {
            c.clear();
        }
        result.map_err(|e| self.error(e))
    }

    fn finish(self) -> Result<usize> {
        let path = self.path;
        let file = self.writer.into_inner().map_err(|e| Error::Write {
            format: "CSV",
            message: format!("{}: {e}", path.display()),
        })?;
        file.finish()?;
        Ok(self.rows)
    }
}

/// One generated process, as the other tables need it.
struct Process {
    id: String,
    start: NaiveDate,
    end: Option<NaiveDate>,
    /// Its first party: whom its sessions meet.
    party: String,
}

/// A mission gathered from its sessions: its process and first and last
/// day, so every session falls inside it.
struct Mission {
    process: usize,
    first: NaiveDate,
    last: NaiveDate,
}

/// Writes a synthetic data directory with `meetings` meetings into `dir`
/// (created if needed), drawn from the seed `seed`. Existing files of the
/// same names are replaced; each file is written through a temporary file.
pub fn generate(dir: &Path, meetings: usize, seed: u64) -> Result<Counts> {
    let shipped = Dataset::embedded()?;
    let pools = Pools::new(&shipped)?;
    let mut rng = Pcg64::seed_from_u64(seed);
    // sources and approaches: the shipped tables and texts.
    for name in ["sources", "approaches"] {
        let t = shipped.table(name)?;
        crate::io::write_atomic(&dir.join(t.spec.file), &crate::tables::export::csv(t)?)?;
    }
    for s in &pools.sources {
        crate::io::write_atomic(
            &dir.join(format!("sources/{s}.txt")),
            shipped.source_text(s).unwrap_or_default().as_bytes(),
        )?;
    }
    let processes = write_processes(dir, &pools, &mut rng, (meetings / 50).max(1))?;
    let missions = write_meetings(dir, &pools, &mut rng, &processes, meetings)?;
    let n_missions = write_missions(dir, &pools, &mut rng, &processes, &missions)?;
    let n_durations = write_durations(dir, &pools, &mut rng, &processes, (meetings / 10).max(1))?;
    let n_outcomes = write_outcomes(dir, &pools, &mut rng, &processes)?;
    Ok(Counts {
        sources: pools.sources.len(),
        processes: processes.len(),
        missions: n_missions,
        meetings,
        durations: n_durations,
        outcomes: n_outcomes,
        approaches: shipped.table("approaches")?.height(),
    })
}

fn write_processes(dir: &Path, pools: &Pools, rng: &mut Pcg64, n: usize) -> Result<Vec<Process>> {
    let epoch = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    let mut processes = Vec::with_capacity(n);
    let mut out = Out::new(dir, &crate::tables::processes::TABLE)?;
    for i in 0..n {
        // A notebook's stop button ends the work here (a no-op elsewhere:
        // crate::notebook::listen_for_interrupts).
        polars::error::abort::try_raise_polars_abort();
        let id = format!("p{i:07}");
        let offset = rng.random_range(0..45_000);
        let (start, start_precision) = dated(rng, epoch + Duration::days(offset));
        let status: Status = pick(rng);
        let end = (status != Status::Ongoing)
            .then(|| start + Duration::days(rng.random_range(31..1_500)));
        let (quote_source, quote) = pools.quote(rng);
        let approach: Approach = pick(rng);
        let parties = pools.participants(rng);
        // A mediator who is not among the parties, and the United States as
        // its mediator.
        let mediator = pools
            .people
            .iter()
            .cycle()
            .skip(i % pools.people.len())
            .take(pools.people.len())
            .find(|p| !parties.split(';').any(|x| x == p.as_str()))
            .cloned()
            .unwrap_or_default();
        let count = rng.random_bool(0.05).then(|| rng.random_range(1..600));
        out.set("process_id", &id)?
            .set("name", format!("Synthetic process {i}"))?
            .set("conflict", format!("Synthetic conflict {}", i % 97))?
            .set("mediator", &mediator)?
            .set("us_role", "mediator")?
            .set("us_lead", &mediator)?
            .set("approach", approach.as_str())?
            .set("parties", &parties)?
            .set("start", start.to_string())?
            .set("start_precision", start_precision)?
            .set("end", opt(end))?
            .set("end_precision", if end.is_some() { "day" } else { "" })?
            .set("status", status.as_str())?
            .set("meetings_count", opt(count))?
            .set("source_id", quote_source)?
            .set("quote", &quote)?
            .set("date_basis", DateBasis::External.as_str())?
            .set("notes", "Synthetic row.")?;
        out.end_row()?;
        let party = parties.split(';').next().unwrap_or_default().to_string();
        processes.push(Process {
            id,
            start,
            end,
            party,
        });
    }
    out.finish()?;
    Ok(processes)
}

/// A FRUS citation and its address, for rows from the record.
fn frus(rng: &mut Pcg64) -> (String, String) {
    let id = format!("frus1969-76v26/d{}", rng.random_range(1..300));
    let url = format!("{}{id}", crate::base::citation::FRUS_BASE);
    (id, url)
}

/// The meetings; a third of those dated to the day join their process's
/// mission of that month, which [`write_missions`] then writes around them.
fn write_meetings(
    dir: &Path,
    pools: &Pools,
    rng: &mut Pcg64,
    processes: &[Process],
    n: usize,
) -> Result<Vec<Mission>> {
    let mut missions: Vec<Mission> = Vec::new();
    let mut mission_of: foldhash::HashMap<(usize, i32, u32), usize> = Default::default();
    let mut out = Out::new(dir, &crate::tables::meetings::TABLE)?;
    for i in 0..n {
        polars::error::abort::try_raise_polars_abort();
        // Squaring skews meetings towards the first processes, as real
        // processes differ widely in how often their parties meet.
        let u: f64 = rng.random();
        let k = ((u * u) * processes.len() as f64) as usize % processes.len();
        let p = &processes[k];
        let span = p.end.unwrap_or(p.start + Duration::days(400)) - p.start;
        let offset = rng.random_range(0..=span.num_days());
        let day = p.start + Duration::days(offset);
        // A month-precision date before the process began stays a day.
        let (date, precision) = match dated(rng, day) {
            (d, _) if d < p.start => (day, "day"),
            dp => dp,
        };
        let mission = (precision == "day" && rng.random_bool(0.3)).then(|| {
            let key = (k, date.year(), date.month());
            let m = *mission_of.entry(key).or_insert_with(|| {
                missions.push(Mission {
                    process: k,
                    first: date,
                    last: date,
                });
                missions.len() - 1
            });
            let x = &mut missions[m];
            x.first = x.first.min(date);
            x.last = x.last.max(date);
            m
        });
        let (place, country) = &pools.places[rng.random_range(0..pools.places.len())];
        let format: Format = pick(rng);
        let phone = format == Format::PhoneCall;
        let level = if format == Format::Summit || rng.random_bool(0.3) {
            UsLevel::President
        } else {
            UsLevel::Negotiator
        };
        let hours = rng
            .random_bool(0.3)
            .then(|| f64::from(rng.random_range(1..=120u32)) / 10.0);
        let (quote_source, quote) = pools.quote(rng);
        let result: MeetingResult = pick(rng);
        let basis: DateBasis = pick(rng);
        let provenance: Provenance = pick(rng);
        let (citation, url) = if provenance.needs_citation() {
            frus(rng)
        } else {
            Default::default()
        };
        let record = provenance == Provenance::Record;
        out.set("meeting_id", format!("m{i:08}"))?
            .set("process_id", &p.id)?
            .set("date", date.to_string())?
            .set("date_precision", precision)?
            .set("place", if phone { "" } else { place })?
            .set("country", if phone { "" } else { country })?
            .set(
                "mission_id",
                mission.map(|m| format!("x{m:07}")).unwrap_or_default(),
            )?
            .set("participants", pools.participants(rng))?
            .set("counterpart", &p.party)?
            .set("us_level", level.as_str())?
            .set("format", format.as_str())?
            .set("duration_hours", opt(hours))?
            .set(
                "duration_phrase",
                if rng.random_bool(0.05) {
                    "for hours"
                } else {
                    ""
                },
            )?
            .set("result", result.as_str())?
            .set("provenance", provenance.as_str())?
            .set("source_id", if record { "" } else { quote_source })?
            .set("quote", if record { "" } else { &quote })?
            .set("citation", &citation)?
            .set("citation_url", &url)?
            .set("date_basis", basis.as_str())?
            .set(
                "notes",
                if rng.random_bool(0.3) {
                    "Synthetic row, with a note that runs to a sentence or so."
                } else {
                    ""
                },
            )?;
        out.end_row()?;
    }
    out.finish()?;
    Ok(missions)
}

fn write_missions(
    dir: &Path,
    pools: &Pools,
    rng: &mut Pcg64,
    processes: &[Process],
    missions: &[Mission],
) -> Result<usize> {
    let mut out = Out::new(dir, &crate::tables::missions::TABLE)?;
    for (i, m) in missions.iter().enumerate() {
        let kind: MissionKind = pick(rng);
        let (citation, url) = frus(rng);
        let quoted = rng.random_bool(0.2);
        let (quote_source, quote) = pools.quote(rng);
        out.set("mission_id", format!("x{i:07}"))?
            .set("process_id", &processes[m.process].id)?
            .set("name", format!("Synthetic mission {i}"))?
            .set("kind", kind.as_str())?
            .set("start", m.first.to_string())?
            .set("end", m.last.to_string())?
            .set("lead", pools.participants(rng))?
            .set("source_id", if quoted { quote_source } else { "" })?
            .set("quote", if quoted { quote.as_str() } else { "" })?
            .set("citation", &citation)?
            .set("citation_url", &url)?
            .set("date_basis", "external")?;
        out.end_row()?;
    }
    out.finish()
}

fn write_durations(
    dir: &Path,
    pools: &Pools,
    rng: &mut Pcg64,
    processes: &[Process],
    n: usize,
) -> Result<usize> {
    let epoch = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    let normalized: Vec<_> = pools
        .phrases
        .iter()
        .map(|p| crate::prose::phrase::normalize(p))
        .collect::<Result<_>>()?;
    let mut out = Out::new(dir, &crate::tables::durations::TABLE)?;
    for i in 0..n {
        let n = &normalized[rng.random_range(0..normalized.len())];
        let kind: DurationKind = pick(rng);
        let deadline = kind.is_commitment();
        let process = rng
            .random_bool(0.9)
            .then(|| processes[rng.random_range(0..processes.len())].id.as_str());
        let (set, due) = if deadline {
            let set = epoch + Duration::days(rng.random_range(0..45_000));
            (
                Some(set),
                Some(set + Duration::days(n.days_high.ceil() as i64)),
            )
        } else {
            (None, None)
        };
        let fate = if deadline {
            // Any fate but `not_applicable`.
            Fate::ALL[rng.random_range(0..Fate::ALL.len() - 1)]
        } else {
            Fate::NotApplicable
        };
        let (quote_source, quote) = pools.quote(rng);
        let (count, count_unit) = match &n.count {
            Some((c, unit)) => (c.to_string(), unit.clone()),
            None => (String::new(), String::new()),
        };
        let day = |d: Option<NaiveDate>| if d.is_some() { "day" } else { "" };
        out.set("duration_id", format!("d{i:08}"))?
            .set("process_id", process.unwrap_or_default())?
            .set("subject", format!("Synthetic span {i}"))?
            .set("kind", kind.as_str())?
            .set("phrase", &n.phrase)?
            .set("iso", &n.iso)?
            .set("modifier", n.modifier.as_str())?
            .set("days_low", n.days_low.to_string())?
            .set("days_high", n.days_high.to_string())?
            .set("count", count)?
            .set("count_unit", count_unit)?
            .set("fate", fate.as_str())?
            .set("set_date", opt(set))?
            .set("set_precision", day(set))?
            .set("due_date", opt(due))?
            .set("due_precision", day(due))?
            .set("source_id", quote_source)?
            .set("quote", &quote)?
            .set("date_basis", if set.is_some() { "external" } else { "" })?;
        out.end_row()?;
    }
    out.finish()
}

fn write_outcomes(
    dir: &Path,
    pools: &Pools,
    rng: &mut Pcg64,
    processes: &[Process],
) -> Result<usize> {
    let mut out = Out::new(dir, &crate::tables::outcomes::TABLE)?;
    for (i, p) in processes.iter().enumerate() {
        // Agreements come at the end of their process, never after it.
        let date = p.end.unwrap_or(p.start + Duration::days(30));
        let kind: OutcomeKind = pick(rng);
        let held = if kind.is_agreement() {
            Held::ALL[rng.random_range(0..Held::ALL.len() - 1)]
        } else {
            Held::NotApplicable
        };
        let ended = held
            .has_end()
            .then(|| date + Duration::days(rng.random_range(1..20_000)));
        let economic = pick_str(rng, &["true", "false", ""]);
        let (quote_source, quote) = pools.quote(rng);
        out.set("outcome_id", format!("o{i:07}"))?
            .set("process_id", &p.id)?
            .set("date", date.to_string())?
            .set("date_precision", "day")?
            .set("kind", kind.as_str())?
            .set("name", format!("Synthetic accord {i}"))?
            .set("held", held.as_str())?
            .set("ended", opt(ended))?
            .set("ended_precision", if ended.is_some() { "day" } else { "" })?
            .set(
                "unmet_provisions",
                if rng.random_bool(0.1) {
                    "Withdrawal of forces"
                } else {
                    ""
                },
            )?
            .set("us_economic_terms", economic)?
            .set("source_id", quote_source)?
            .set("quote", &quote)?
            .set("date_basis", "external")?;
        out.end_row()?;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_other_seed_other_bytes() {
        let read = |d: &Path| std::fs::read(d.join("meetings.csv")).unwrap();
        let (a, b, c) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        generate(a.path(), 500, 1).unwrap();
        generate(b.path(), 500, 1).unwrap();
        generate(c.path(), 500, 2).unwrap();
        assert_eq!(read(a.path()), read(b.path()));
        assert_ne!(read(a.path()), read(c.path()));
    }

    #[test]
    fn generated_data_passes_every_check_and_has_the_stated_shape() {
        let dir = tempfile::tempdir().unwrap();
        let counts = generate(dir.path(), 5_000, 42).unwrap();
        assert!(counts.missions > 100, "{counts:?}");
        assert_eq!(
            counts,
            Counts {
                sources: 5,
                processes: 100,
                missions: counts.missions,
                meetings: 5_000,
                durations: 500,
                outcomes: 100,
                approaches: 40,
            }
        );
        let data = Dataset::from_dir(dir.path()).unwrap();
        for (name, rows) in [
            ("processes", 100),
            ("missions", counts.missions),
            ("meetings", 5_000),
            ("durations", 500),
            ("outcomes", 100),
        ] {
            assert_eq!(data.table(name).unwrap().height(), rows, "{name}");
        }
        // The metrics and every chart run on it.
        let as_of = crate::analysis::metrics::as_of(&data).unwrap();
        assert_eq!(
            crate::analysis::metrics::processes(&data, as_of)
                .unwrap()
                .height(),
            100
        );
        for chart in crate::charts::Chart::ALL {
            crate::charts::Figure::new(chart, &data)
                .unwrap()
                .svg()
                .unwrap();
        }
    }
}
