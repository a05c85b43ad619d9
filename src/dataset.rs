//! The whole data package: loading it (from the copy embedded in the crate,
//! or from a directory) and checking it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Problem, Result};
use crate::load::{self, TableData, Values};
use crate::schema::{self, Table};
use crate::text::fold_whitespace;

/// The shipped data, compiled into the crate so it works from any directory.
mod embedded {
    macro_rules! files {
        ($($name:literal),* $(,)?) => {
            &[$(($name, include_bytes!(concat!("../data/", $name)).as_slice())),*]
        };
    }
    /// `(path relative to data/, contents)`.
    pub(super) const FILES: &[(&str, &[u8])] = files![
        "sources.csv",
        "processes.csv",
        "meetings.csv",
        "durations.csv",
        "outcomes.csv",
        "approaches.csv",
        "sources/kissinger_echo.txt",
        "sources/protracted_op_ed.txt",
        "sources/strategic_muddle.txt",
        "sources/kremlin_collision.txt",
        "sources/unconventional_envoys.txt",
    ];
}

/// Where a dataset was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The copy compiled into the crate.
    Embedded,
    /// A data directory.
    Dir(PathBuf),
    /// Files held in memory ([`Dataset::from_memory`]).
    Memory,
}

/// The six tables and the article texts, loaded and checked.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// assert!(data.table("meetings")?.height() > 10);
/// assert!(data.source_text("kissinger_echo").unwrap().contains("marathon, not a sprint"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Dataset {
    origin: Origin,
    // Shared, so a clone (kept by a chart, say) costs nothing.
    tables: Arc<Vec<TableData>>,
    texts: Arc<BTreeMap<String, String>>,
}

impl Dataset {
    /// The data shipped with the crate. It is checked like any other; the
    /// shipped data passes (a test holds it to that).
    pub fn embedded() -> Result<Dataset> {
        Dataset::read(Origin::Embedded, String::new(), |name| {
            Ok(embedded::FILES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| b.to_vec()))
        })
    }

    /// The data in `dir`, laid out as the shipped `data/` directory: the six
    /// CSV files and `sources/<source_id>.txt`.
    ///
    /// Every problem in every file is reported at once, each with its file,
    /// line, column and value.
    ///
    /// ```
    /// use negotiations::{Dataset, Origin};
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    /// let data = Dataset::from_dir(dir)?;
    /// assert_eq!(data.origin(), &Origin::Dir(dir.into()));
    ///
    /// let err = Dataset::from_dir("/no/such/dir").unwrap_err();
    /// assert_eq!(err.to_string(), "/no/such/dir: not a data directory");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Dataset> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(Error::Other(format!(
                "{}: not a data directory",
                dir.display()
            )));
        }
        let prefix = format!("{}/", dir.display()).replace("//", "/");
        Dataset::read(Origin::Dir(dir.to_path_buf()), prefix, |name| {
            let path = dir.join(name);
            match std::fs::read(&path) {
                Ok(b) => Ok(Some(b)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(Error::io(path, e)),
            }
        })
    }

    /// A data package held in memory: `files` pairs names relative to a
    /// data directory (`meetings.csv`, `sources/kissinger_echo.txt`) with
    /// their contents. It is checked as [`Dataset::from_dir`] checks a
    /// directory, and problems name the files as given here.
    ///
    /// ```
    /// use negotiations::Dataset;
    /// let shipped = Dataset::embedded()?;
    /// let mut files = shipped.files()?;
    /// // Break one date: the error names the file, line, column and value.
    /// let meetings = files.iter_mut().find(|(n, _)| n == "meetings.csv").unwrap();
    /// meetings.1 = String::from_utf8(meetings.1.clone())?.replacen("1975-03-01", "1975-02-30", 1).into_bytes();
    /// let err = Dataset::from_memory(files.iter().map(|(n, b)| (n.as_str(), b.as_slice()))).unwrap_err();
    /// assert!(err.to_string().contains("meetings.csv:2:3: column 'date': impossible date"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_memory<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<Dataset> {
        let files: HashMap<&str, &[u8]> = files.into_iter().collect();
        Dataset::read(Origin::Memory, String::new(), |name| {
            Ok(files.get(name).map(|b| b.to_vec()))
        })
    }

    /// The data package as files: `(name relative to a data directory,
    /// contents)`, the six CSV files and every article text, as
    /// [`Dataset::save`] writes them.
    pub fn files(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut out = Vec::with_capacity(self.tables.len() + self.texts.len());
        for t in self.tables.iter() {
            out.push((t.spec.file.to_string(), crate::export::csv(t)?));
        }
        for (id, text) in self.texts.iter() {
            out.push((format!("sources/{id}.txt"), text.as_bytes().to_vec()));
        }
        Ok(out)
    }

    /// Reads every file through `get` (a name relative to the data
    /// directory); `prefix` goes before file names in messages.
    fn read(
        origin: Origin,
        prefix: String,
        mut get: impl FnMut(&str) -> Result<Option<Vec<u8>>>,
    ) -> Result<Dataset> {
        let mut problems = Vec::new();
        let mut tables = Vec::new();
        for spec in schema::tables() {
            let shown = format!("{prefix}{}", spec.file);
            let data = match get(spec.file)? {
                Some(bytes) => load::parse(spec, &shown, &bytes, &mut problems),
                None => {
                    problems.push(Problem::file(&shown, "file is missing"));
                    load::parse(spec, &shown, b"", &mut Vec::new())
                }
            };
            tables.push(data);
        }
        let mut texts = BTreeMap::new();
        let sources = &tables[0];
        for row in 0..sources.height() {
            let Some(id) = sources.text("source_id", row) else {
                continue;
            };
            let name = format!("sources/{id}.txt");
            let shown = format!("{prefix}{name}");
            match get(&name)? {
                Some(bytes) => match String::from_utf8(bytes) {
                    Ok(t) => {
                        texts.insert(id.to_string(), t);
                    }
                    Err(e) => {
                        let upto = e.utf8_error().valid_up_to();
                        let bytes = e.into_bytes();
                        let line = bytes[..upto].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                        problems.push(Problem::at(
                            &shown,
                            line,
                            None,
                            "text is not valid UTF-8",
                            None,
                        ));
                    }
                },
                None => problems.push(sources.problem(
                    row,
                    "source_id",
                    format!("no article text: {shown} is missing"),
                    Some(id),
                )),
            }
        }
        let data = Dataset {
            origin,
            tables: Arc::new(tables),
            texts: Arc::new(texts),
        };
        data.validate(&mut problems);
        if problems.is_empty() {
            Ok(data)
        } else {
            Err(problems.into())
        }
    }

    /// Where the data was read from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The parsed table named `name` (`sources`, `processes`, `meetings`,
    /// `durations`, `outcomes`, `approaches`).
    pub fn table(&self, name: &str) -> Result<&TableData> {
        self.tables
            .iter()
            .find(|t| t.spec.name == name)
            .ok_or_else(|| unknown_table(name))
    }

    /// The table named `name` as a polars DataFrame with real dtypes (see
    /// [`crate::frame`]).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    ///
    /// let data = negotiations::Dataset::embedded()?;
    /// let meetings = data.frame("meetings")?;
    /// assert_eq!(meetings.column("date")?.dtype(), &DataType::Date);
    /// let summits = meetings.lazy().filter(col("format").eq(lit("summit"))).collect()?;
    /// assert!(summits.height() >= 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn frame(&self, name: &str) -> Result<polars::prelude::DataFrame> {
        crate::frame::to_frame(self.table(name)?)
    }

    /// Writes the data package to `dir` in the layout `from_dir` reads: the
    /// six CSV files and `sources/<source_id>.txt`. This is how to start a
    /// data directory of your own: save the shipped data, then edit it.
    /// Each file is written through a temporary file.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let dir = tempfile::tempdir()?;
    /// data.save(dir.path())?;
    /// let copy = negotiations::Dataset::from_dir(dir.path())?;
    /// assert_eq!(copy.table("meetings")?.height(), data.table("meetings")?.height());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        for (name, bytes) in self.files()? {
            crate::io::write_atomic(&dir.join(name), &bytes)?;
        }
        Ok(())
    }

    /// The repaired text of the article `source_id`.
    pub fn source_text(&self, source_id: &str) -> Option<&str> {
        self.texts.get(source_id).map(String::as_str)
    }

    /// Cross-field and cross-table rules; types and enums were checked while
    /// parsing.
    fn validate(&self, problems: &mut Vec<Problem>) {
        for t in self.tables.iter() {
            check_primary_key(t, problems);
            check_foreign_keys(t, &self.tables, problems);
            check_dates(t, problems);
            check_quotes(t, &self.texts, problems);
        }
        let named = |n: &str| self.tables.iter().find(|t| t.spec.name == n);
        if let Some(p) = named("processes") {
            check_order(p, "start", "end", problems);
            for row in 0..p.height() {
                let status = p.text("status", row);
                if status == Some("ongoing") && p.date("end", row).is_some() {
                    problems.push(p.problem(
                        row,
                        "end",
                        "an ongoing process has no end date",
                        p.values("end").map(|v| v.render(row)).as_deref(),
                    ));
                }
            }
        }
        if let Some(o) = named("outcomes") {
            check_order(o, "date", "ended", problems);
            for row in 0..o.height() {
                let unraveled = o.text("held", row) == Some("unraveled");
                if o.date("ended", row).is_some() && !unraveled {
                    problems.push(o.problem(
                        row,
                        "ended",
                        "`ended` is set but `held` is not `unraveled`",
                        o.text("held", row),
                    ));
                }
            }
        }
        if let Some(d) = named("durations") {
            check_order(d, "set_date", "due_date", problems);
            for row in 0..d.height() {
                if let (Some(lo), Some(hi)) =
                    (d.number("days_low", row), d.number("days_high", row))
                {
                    if lo < 0.0 || lo > hi {
                        problems.push(d.problem(
                            row,
                            "days_high",
                            format!("days_low ({lo}) must be ≥ 0 and ≤ days_high"),
                            Some(&hi.to_string()),
                        ));
                    }
                }
                check_phrase(d, row, problems);
                let deadline = matches!(d.text("kind", row), Some("deadline" | "pledge"));
                if !deadline && d.text("fate", row).is_some_and(|f| f != "not_applicable") {
                    problems.push(d.problem(
                        row,
                        "fate",
                        "only deadlines and pledges have a fate; use not_applicable",
                        d.text("fate", row),
                    ));
                }
            }
        }
    }
}

pub(crate) fn unknown_table(name: &str) -> Error {
    let names: Vec<_> = schema::tables().iter().map(|t| t.name).collect();
    Error::Other(format!(
        "no table named {name:?}; the tables are {}",
        names.join(", ")
    ))
}

fn key(t: &TableData, cols: &[usize], row: usize) -> Option<String> {
    let parts: Vec<String> = cols.iter().map(|&c| t.columns[c].render(row)).collect();
    if parts.iter().any(String::is_empty) {
        return None;
    }
    Some(parts.join("|"))
}

fn check_primary_key(t: &TableData, problems: &mut Vec<Problem>) {
    let cols: Vec<usize> = t
        .spec
        .primary_key
        .iter()
        .filter_map(|n| t.spec.index(n))
        .collect();
    let mut seen: HashMap<String, u64> = HashMap::with_capacity(t.height());
    for row in 0..t.height() {
        let Some(k) = key(t, &cols, row) else {
            continue;
        };
        if let Some(first) = seen.get(&k) {
            problems.push(t.problem(
                row,
                t.spec.primary_key[0],
                format!(
                    "duplicate {} (first at line {first})",
                    t.spec.primary_key.join(" + ")
                ),
                Some(&k),
            ));
        } else {
            seen.insert(k, t.lines[row]);
        }
    }
}

fn check_foreign_keys(t: &TableData, all: &[TableData], problems: &mut Vec<Problem>) {
    for c in t.spec.columns {
        let Some((table, column)) = c.references else {
            continue;
        };
        let Some(target) = all.iter().find(|x| x.spec.name == table) else {
            continue;
        };
        let Some(Values::Text(keys)) = target.values(column) else {
            continue;
        };
        let keys: HashSet<&str> = keys.iter().flatten().map(String::as_str).collect();
        let Some(Values::Text(vals)) = t.values(c.name) else {
            continue;
        };
        for (row, v) in vals.iter().enumerate() {
            if let Some(v) = v {
                if !keys.contains(v.as_str()) {
                    problems.push(t.problem(
                        row,
                        c.name,
                        format!("no {table} row has this {column}"),
                        Some(v),
                    ));
                }
            }
        }
    }
}

/// Each date column `X` goes with a precision column (`X_precision`, or
/// `date_precision`/`start_precision`...): both or neither, and a month- or
/// year-precision date is the first day of its period. A row with any date
/// says where its dates come from (`date_basis`).
fn check_dates(t: &TableData, problems: &mut Vec<Problem>) {
    let dates: Vec<&str> = t
        .spec
        .columns
        .iter()
        .filter(|c| c.kind == schema::Kind::Date)
        .map(|c| c.name)
        .collect();
    for &d in &dates {
        let Some(pcol) = precision_column(t.spec, d) else {
            continue;
        };
        for row in 0..t.height() {
            let date = t.date(d, row);
            let precision = t.text(pcol, row);
            match (date, precision) {
                (Some(_), None) => problems.push(t.problem(
                    row,
                    pcol,
                    format!("`{d}` is set, so `{pcol}` is required"),
                    Some(""),
                )),
                (None, Some(p)) if t.is_empty_cell(d, row) => problems.push(t.problem(
                    row,
                    pcol,
                    format!("`{pcol}` is set but `{d}` is empty"),
                    Some(p),
                )),
                (Some(date), Some(p)) => {
                    use chrono::Datelike;
                    let ok = match p {
                        "month" => date.day() == 1,
                        "year" => date.day() == 1 && date.month() == 1,
                        _ => true,
                    };
                    if !ok {
                        problems.push(t.problem(
                            row,
                            d,
                            format!("a {p}-precision date must be the first day of its {p}"),
                            Some(&date.to_string()),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    if t.spec.index("date_basis").is_some() {
        for row in 0..t.height() {
            let any_date = dates.iter().any(|d| t.date(d, row).is_some());
            match (any_date, t.text("date_basis", row)) {
                (true, None) => problems.push(t.problem(
                    row,
                    "date_basis",
                    "the row has a date, so `date_basis` is required",
                    Some(""),
                )),
                (false, Some(b)) if dates.iter().all(|d| t.is_empty_cell(d, row)) => {
                    problems.push(t.problem(
                        row,
                        "date_basis",
                        "`date_basis` is set but the row has no date",
                        Some(b),
                    ))
                }
                _ => {}
            }
        }
    }
}

pub(crate) fn precision_column(spec: &Table, date: &str) -> Option<&'static str> {
    let candidates: [String; 2] = [
        format!("{date}_precision"),
        format!("{}_precision", date.trim_end_matches("_date")),
    ];
    spec.columns
        .iter()
        .map(|c| c.name)
        .find(|n| candidates.iter().any(|c| c == n))
}

fn check_order(t: &TableData, from: &str, to: &str, problems: &mut Vec<Problem>) {
    for row in 0..t.height() {
        if let (Some(a), Some(b)) = (t.date(from, row), t.date(to, row)) {
            if b < a {
                problems.push(t.problem(
                    row,
                    to,
                    format!("`{to}` is before `{from}` ({a})"),
                    Some(&b.to_string()),
                ));
            }
        }
    }
}

fn check_quotes(t: &TableData, texts: &BTreeMap<String, String>, problems: &mut Vec<Problem>) {
    if t.spec.index("quote").is_none() {
        return;
    }
    let folded: HashMap<&str, String> = texts
        .iter()
        .map(|(k, v)| (k.as_str(), fold_whitespace(v)))
        .collect();
    // Synthetic and real tables repeat quotes; each pair is searched once.
    let mut seen: HashMap<(&str, &str), bool> = HashMap::new();
    for row in 0..t.height() {
        let (Some(src), Some(quote)) = (t.text("source_id", row), t.text("quote", row)) else {
            continue;
        };
        let Some(text) = folded.get(src) else {
            continue;
        }; // reported as a missing text or dangling key
        let found = *seen
            .entry((src, quote))
            .or_insert_with(|| text.contains(&fold_whitespace(quote)));
        if !found {
            problems.push(t.problem(
                row,
                "quote",
                format!("quote not found in sources/{src}.txt"),
                Some(quote),
            ));
        }
    }
}

/// A durations row's `iso`, `modifier`, `days_low`, `days_high` (and
/// `count`) are what the normalizer makes of its `phrase`.
fn check_phrase(d: &TableData, row: usize, problems: &mut Vec<Problem>) {
    let Some(phrase) = d.text("phrase", row) else {
        return;
    };
    let n = match crate::phrase::normalize(phrase) {
        Ok(n) => n,
        Err(e) => {
            let reason = match e {
                Error::Phrase { reason, .. } => reason,
                other => other.to_string(),
            };
            problems.push(d.problem(
                row,
                "phrase",
                format!("cannot normalize the phrase: {reason}"),
                Some(phrase),
            ));
            return;
        }
    };
    let mut expect = |col: &str, want: String, have: Option<String>| {
        if have.as_deref().is_some_and(|h| h != want) {
            problems.push(d.problem(
                row,
                col,
                format!("does not match the phrase {phrase:?}, which gives {want}"),
                have.as_deref(),
            ));
        }
    };
    expect("iso", n.iso.clone(), d.text("iso", row).map(str::to_string));
    expect(
        "modifier",
        n.modifier.as_str().to_string(),
        d.text("modifier", row).map(str::to_string),
    );
    expect(
        "days_low",
        n.days_low.to_string(),
        d.number("days_low", row).map(|x| x.to_string()),
    );
    expect(
        "days_high",
        n.days_high.to_string(),
        d.number("days_high", row).map(|x| x.to_string()),
    );
    if let Some((c, _)) = &n.count {
        expect(
            "count",
            c.to_string(),
            d.number("count", row).map(|x| x.to_string()),
        );
    }
}
