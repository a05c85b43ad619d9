//! Typed rows: a meeting, a duration, an outcome, a process or an article
//! as a Rust value, appended to a data directory and checked there.
//!
//! Each table has a struct whose fields are its columns, typed: codes are
//! the enums of [`crate::base::codes`], dates a `NaiveDate` with its
//! [`Precision`], lists `Vec<String>`. A constructor takes the required
//! columns and fills the rest with what the coding rules default to;
//! builder methods (`on`, `at`, `notes`...) set the others. Rows are
//! written in the column order of the file they are appended to (the
//! schema's, [`crate::tables::schema::Table::columns`], for a new file) by the CSV
//! writer, so no one ever builds a CSV line by hand.
//!
//! [`append`] writes the rows through [`crate::io::write_atomic`], then
//! checks the whole directory with [`Dataset::from_dir`]; when the check
//! fails, every file is put back as it was and the error names the file,
//! line, column and value of each problem. [`add_source`] adds an article
//! the same way.
//!
//! ```
//! use negotiations::chrono::NaiveDate;
//! use negotiations::codes::{DateBasis, Format, Precision};
//! use negotiations::rows::{self, MeetingRow};
//! use negotiations::Dataset;
//!
//! let dir = tempfile::tempdir()?;
//! Dataset::embedded()?.save(dir.path())?;
//! let geneva = MeetingRow::new(
//!     "geneva_2025_11_23",
//!     "trump_ukraine",
//!     ["Steve Witkoff", "Ukrainian officials"],
//!     Format::EnvoyTalks,
//!     "kissinger_echo",
//!     "On Thursday, the pair met Ukrainian negotiators in Florida.",
//! )
//! .on(NaiveDate::from_ymd_opt(2025, 11, 23).unwrap(), Precision::Day, DateBasis::External)
//! .at("Geneva", "Switzerland")
//! .met(["Ukraine"])
//! .notes("Public record.");
//! let shipped = Dataset::embedded()?.table("meetings")?.height();
//! let data = rows::append(dir.path(), [&geneva])?;
//! assert_eq!(data.table("meetings")?.height(), shipped + 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use polars::prelude::DataFrame;

use crate::base::codes::{
    Approach, DateBasis, DurationKind, Fate, Format, Held, MeetingResult, OutcomeKind, Precision,
    Provenance, Status, UsLevel, UsRole,
};
use crate::error::{Error, Result};
use crate::prose::phrase::Modifier;
use crate::tables::dataset::Dataset;
use crate::tables::dataset::{TABLES, spec};
use crate::tables::schema::Table;

mod append;
mod builders;
#[cfg(test)]
mod tests;
#[allow(unused_imports)]
pub use append::*;
#[allow(unused_imports)]
pub use builders::*;

/// A value of a cell as the CSV files write it.
trait CellText {
    fn cell_text(&self) -> Option<String>;
}

macro_rules! code_cells {
    ($($t:ty),*) => {$(
        impl CellText for $t {
            fn cell_text(&self) -> Option<String> {
                Some(self.as_str().to_string())
            }
        }
        impl CellText for Option<$t> {
            fn cell_text(&self) -> Option<String> {
                self.map(|c| c.as_str().to_string())
            }
        }
    )*};
}

code_cells!(
    Precision,
    DateBasis,
    Provenance,
    Approach,
    UsRole,
    Status,
    Format,
    MeetingResult,
    DurationKind,
    Fate,
    OutcomeKind,
    Held,
    Modifier,
    UsLevel
);

/// Generates `cell` (the text of a column by name; `None` for a name that
/// is not a column) from the list of fields, which are named as the
/// columns are.
macro_rules! cells {
    ($t:ty, $table:expr, [$($field:ident),* $(,)?]) => {
        impl $t {
            /// The table this row belongs to.
            pub const TABLE: &'static Table = &$table;

            /// The text of the cell in `column`, as the CSV file writes it
            /// (`Some(None)` for an empty cell, `None` when the table has
            /// no such column).
            fn cell(&self, column: &str) -> Option<Option<String>> {
                match column {
                    $(stringify!($field) => Some(self.$field.cell_text()),)*
                    _ => None,
                }
            }
        }
    };
}

/// A row of `sources`: an article.
///
/// ```
/// use negotiations::rows::SourceRow;
/// let row = SourceRow::new("geneva_note", "A note on the Geneva talks", "geneva_note.txt");
/// assert_eq!(row.file, "geneva_note.txt");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceRow {
    /// `source_id`: the article's id (its text is `sources/<source_id>.txt`).
    pub source_id: String,
    /// `label`: a short description of our own, for charts and tables.
    pub label: String,
    /// `title`: the headline, as the text gives it.
    pub title: Option<String>,
    /// `outlet`: the publication the text names.
    pub outlet: Option<String>,
    /// `author`: the author the text names.
    pub author: Option<String>,
    /// `published`: when, as the text states it.
    pub published: Option<NaiveDate>,
    /// `published_precision`.
    pub published_precision: Option<Precision>,
    /// `rights`: who holds the rights to the text, on what terms it is kept.
    pub rights: String,
    /// `file`: the raw file under `raw/`, as received.
    pub file: String,
    /// `notes`.
    pub notes: Option<String>,
}

cells!(
    SourceRow,
    crate::tables::sources::TABLE,
    [
        source_id,
        label,
        title,
        outlet,
        author,
        published,
        published_precision,
        rights,
        file,
        notes
    ]
);

/// The `rights` of an article whose terms nobody has stated: to be treated
/// as all rights reserved.
pub const UNSTATED_RIGHTS: &str = "Not stated: treat as all rights reserved by its publisher. Kept to check the quotes; not to be republished.";

/// A row of `processes`: a negotiation process (a case).
///
/// ```
/// use negotiations::codes::Approach;
/// use negotiations::rows::ProcessRow;
/// let row = ProcessRow::new(
///     "geneva_talks", "Geneva talks", "Russia–Ukraine war", Approach::Trump,
///     ["Russia", "Ukraine"], "kissinger_echo", "Those talks made no breakthrough.",
/// );
/// assert_eq!(row.parties, ["Russia", "Ukraine"]);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessRow {
    /// `process_id`.
    pub process_id: String,
    /// `name`.
    pub name: String,
    /// `conflict`.
    pub conflict: String,
    /// `mediator`: the lead third-party mediator, if any.
    pub mediator: Option<String>,
    /// `us_role`.
    pub us_role: UsRole,
    /// `us_lead`: who led for the United States.
    pub us_lead: Vec<String>,
    /// `approach`.
    pub approach: Approach,
    /// `parties`: the sides negotiating.
    pub parties: Vec<String>,
    /// `start`.
    pub start: Option<NaiveDate>,
    /// `start_precision`.
    pub start_precision: Option<Precision>,
    /// `end`.
    pub end: Option<NaiveDate>,
    /// `end_precision`.
    pub end_precision: Option<Precision>,
    /// `status`.
    pub status: Status,
    /// `meetings_count`: a count of meetings an article states.
    pub meetings_count: Option<i64>,
    /// `source_id`.
    pub source_id: String,
    /// `quote`: a verbatim passage of the article.
    pub quote: String,
    /// `date_basis`.
    pub date_basis: Option<DateBasis>,
    /// `notes`.
    pub notes: Option<String>,
}

cells!(
    ProcessRow,
    crate::tables::processes::TABLE,
    [
        process_id,
        name,
        conflict,
        mediator,
        us_role,
        us_lead,
        approach,
        parties,
        start,
        start_precision,
        end,
        end_precision,
        status,
        meetings_count,
        source_id,
        quote,
        date_basis,
        notes
    ]
);

/// A row of `meetings`.
///
/// ```
/// use negotiations::codes::{Format, MeetingResult};
/// use negotiations::rows::MeetingRow;
/// let m = MeetingRow::new("m1", "trump_ukraine", ["Steve Witkoff"], Format::EnvoyTalks, "kissinger_echo", "q");
/// assert_eq!(m.result, MeetingResult::Unknown);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRow {
    /// `meeting_id`.
    pub meeting_id: String,
    /// `process_id`: the process it belongs to.
    pub process_id: String,
    /// `date`.
    pub date: Option<NaiveDate>,
    /// `date_precision`.
    pub date_precision: Option<Precision>,
    /// `place`: city or site.
    pub place: Option<String>,
    /// `country`.
    pub country: Option<String>,
    /// `mission_id`: the trip it was part of, if any.
    pub mission_id: Option<String>,
    /// `participants`: the principal people present.
    pub participants: Vec<String>,
    /// `counterpart`: the parties whose principals were met.
    pub counterpart: Vec<String>,
    /// `us_level`: how high the U.S. side was.
    pub us_level: UsLevel,
    /// `format`.
    pub format: Format,
    /// `duration_hours`.
    pub duration_hours: Option<f64>,
    /// `duration_phrase`: how the article describes its length, verbatim.
    pub duration_phrase: Option<String>,
    /// `result`.
    pub result: MeetingResult,
    /// `provenance`: whether the article tells of this meeting.
    pub provenance: Provenance,
    /// `source_id`.
    pub source_id: String,
    /// `quote`.
    pub quote: String,
    /// `citation`: the document that dates it, for a row from the record.
    pub citation: Option<String>,
    /// `citation_url`: where the cited document can be read.
    pub citation_url: Option<String>,
    /// `date_basis`.
    pub date_basis: Option<DateBasis>,
    /// `notes`.
    pub notes: Option<String>,
}

cells!(
    MeetingRow,
    crate::tables::meetings::TABLE,
    [
        meeting_id,
        process_id,
        date,
        date_precision,
        place,
        country,
        mission_id,
        participants,
        counterpart,
        us_level,
        format,
        duration_hours,
        duration_phrase,
        result,
        provenance,
        source_id,
        quote,
        citation,
        citation_url,
        date_basis,
        notes
    ]
);

/// A row of `durations`: a stated time span, deadline or pledge.
///
/// ```
/// use negotiations::codes::DurationKind;
/// use negotiations::rows::DurationRow;
/// let d = DurationRow::new("d1", "Talks", DurationKind::Meeting, Some("for hours"), "kissinger_echo", "The talks lasted for hours.")?;
/// assert_eq!(d.iso.as_deref(), Some("PTXH"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DurationRow {
    /// `duration_id`.
    pub duration_id: String,
    /// `process_id`: the process it concerns, if one.
    pub process_id: Option<String>,
    /// `subject`: what the span measures.
    pub subject: String,
    /// `kind`.
    pub kind: DurationKind,
    /// `phrase`: the article's words, verbatim.
    pub phrase: Option<String>,
    /// `iso`: ISO-8601 duration of the phrase.
    pub iso: Option<String>,
    /// `modifier`.
    pub modifier: Option<Modifier>,
    /// `days_low`.
    pub days_low: Option<f64>,
    /// `days_high`.
    pub days_high: Option<f64>,
    /// `count`: a count stated with the span.
    pub count: Option<i64>,
    /// `count_unit`.
    pub count_unit: Option<String>,
    /// `fate`.
    pub fate: Fate,
    /// `set_date`.
    pub set_date: Option<NaiveDate>,
    /// `set_precision`.
    pub set_precision: Option<Precision>,
    /// `due_date`.
    pub due_date: Option<NaiveDate>,
    /// `due_precision`.
    pub due_precision: Option<Precision>,
    /// `source_id`.
    pub source_id: String,
    /// `quote`.
    pub quote: String,
    /// `date_basis`.
    pub date_basis: Option<DateBasis>,
    /// `notes`.
    pub notes: Option<String>,
}

cells!(
    DurationRow,
    crate::tables::durations::TABLE,
    [
        duration_id,
        process_id,
        subject,
        kind,
        phrase,
        iso,
        modifier,
        days_low,
        days_high,
        count,
        count_unit,
        fate,
        set_date,
        set_precision,
        due_date,
        due_precision,
        source_id,
        quote,
        date_basis,
        notes
    ]
);

/// A row of `outcomes`: an accord, a prize, or the absence of one.
///
/// ```
/// use negotiations::codes::{Held, OutcomeKind};
/// use negotiations::rows::OutcomeRow;
/// let o = OutcomeRow::new("o", "trump_ukraine", OutcomeKind::Prize, "A prize", "s", "q");
/// assert_eq!(o.held, Held::NotApplicable); // a prize is not an agreement
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeRow {
    /// `outcome_id`.
    pub outcome_id: String,
    /// `process_id`: the process that produced it.
    pub process_id: String,
    /// `date`.
    pub date: Option<NaiveDate>,
    /// `date_precision`.
    pub date_precision: Option<Precision>,
    /// `kind`.
    pub kind: OutcomeKind,
    /// `name`.
    pub name: String,
    /// `held`: whether it lasted.
    pub held: Held,
    /// `ended`: when it stopped holding.
    pub ended: Option<NaiveDate>,
    /// `ended_precision`.
    pub ended_precision: Option<Precision>,
    /// `unmet_provisions`.
    pub unmet_provisions: Option<String>,
    /// `us_economic_terms`.
    pub us_economic_terms: Option<bool>,
    /// `source_id`.
    pub source_id: String,
    /// `quote`.
    pub quote: String,
    /// `date_basis`.
    pub date_basis: Option<DateBasis>,
    /// `notes`.
    pub notes: Option<String>,
}

cells!(
    OutcomeRow,
    crate::tables::outcomes::TABLE,
    [
        outcome_id,
        process_id,
        date,
        date_precision,
        kind,
        name,
        held,
        ended,
        ended_precision,
        unmet_provisions,
        us_economic_terms,
        source_id,
        quote,
        date_basis,
        notes
    ]
);

/// A row of any of the article tables: what [`append`] takes.
///
/// Every row struct converts into it, by value or by reference (a
/// reference is cloned, so a notebook keeps its variable).
///
/// ```
/// use negotiations::codes::OutcomeKind;
/// use negotiations::rows::{OutcomeRow, Row};
/// let o = OutcomeRow::new("o1", "p", OutcomeKind::Prize, "N", "s", "q");
/// let row = Row::from(&o);
/// assert_eq!((row.table().name, row.id()), ("outcomes", "o1"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A `sources` row.
    Source(SourceRow),
    /// A `processes` row.
    Process(ProcessRow),
    /// A `meetings` row.
    Meeting(MeetingRow),
    /// A `durations` row.
    Duration(DurationRow),
    /// An `outcomes` row.
    Outcome(OutcomeRow),
}

macro_rules! into_row {
    ($($t:ty => $v:ident),*) => {$(
        impl From<$t> for Row {
            fn from(r: $t) -> Row {
                Row::$v(r)
            }
        }
        impl From<&$t> for Row {
            fn from(r: &$t) -> Row {
                Row::$v(r.clone())
            }
        }
    )*};
}

into_row!(SourceRow => Source, ProcessRow => Process, MeetingRow => Meeting, DurationRow => Duration, OutcomeRow => Outcome);

/// One row to append: its table and its cells by column name.
struct Record {
    table: &'static Table,
    cells: HashMap<String, String>,
}

/// Files written by one change to a data directory, and what they held
/// before (`None`: the file did not exist), so a failed change is undone.
#[derive(Default)]
pub(crate) struct Change {
    before: Vec<(PathBuf, Option<Vec<u8>>)>,
    /// Directories the change created, outermost first.
    created: Vec<PathBuf>,
}

/// What [`append_csv`] appended.
#[derive(Debug, Clone)]
pub struct Appended {
    /// The table the rows went to.
    pub table: &'static str,
    /// How many rows.
    pub rows: usize,
    /// The data directory as checked after the append.
    pub data: Dataset,
}

/// What describes an article given to [`add_source`]: every column of
/// its `sources` row but the id, all optional.
///
/// ```
/// let meta = negotiations::rows::SourceMeta { title: Some("Geneva talks".into()), ..Default::default() };
/// assert_eq!(meta.label, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceMeta {
    /// A short description for charts and tables (default: the title, or
    /// the id).
    pub label: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The publication.
    pub outlet: Option<String>,
    /// The author.
    pub author: Option<String>,
    /// When it was published, as the text states it; relative dates in
    /// the article ("on Tuesday") are resolved against it when its
    /// precision is a day.
    pub published: Option<(NaiveDate, Precision)>,
    /// Where it was found. `sources.csv` has no column for it: it goes
    /// into `notes`.
    pub url: Option<String>,
    /// The raw file's name under `raw/` (default: `<id>.txt`).
    pub file: Option<String>,
    /// Who holds the rights to the text and on what terms it is kept
    /// (default: [`UNSTATED_RIGHTS`]).
    pub rights: Option<String>,
    /// Notes of the analyst's own.
    pub notes: Option<String>,
}

/// What [`add_source`] did.
#[derive(Debug, Clone)]
pub struct AddedSource {
    /// The new article's id.
    pub id: String,
    /// Where its repaired text was written (`sources/<id>.txt`).
    pub text: PathBuf,
    /// Where the bytes as received were kept (`raw/<file>`).
    pub raw: PathBuf,
    /// What the repair changed.
    pub repairs: crate::prose::text::Repairs,
    /// Words in the repaired text.
    pub words: usize,
    /// The data directory as checked after the addition.
    pub data: Dataset,
}
