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

/// A value of a cell as the CSV files write it.
trait CellText {
    fn cell_text(&self) -> Option<String>;
}

impl CellText for String {
    fn cell_text(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.clone())
    }
}

impl CellText for Option<String> {
    fn cell_text(&self) -> Option<String> {
        self.as_ref().and_then(CellText::cell_text)
    }
}

impl CellText for Vec<String> {
    fn cell_text(&self) -> Option<String> {
        (!self.is_empty()).then(|| self.join(";"))
    }
}

impl CellText for Option<NaiveDate> {
    fn cell_text(&self) -> Option<String> {
        self.map(|d| d.format("%Y-%m-%d").to_string())
    }
}

impl CellText for Option<f64> {
    fn cell_text(&self) -> Option<String> {
        // Display is the shortest text that reads back as the same number,
        // as the loader and the validator compare them.
        self.map(|x| x.to_string())
    }
}

impl CellText for Option<i64> {
    fn cell_text(&self) -> Option<String> {
        self.map(|x| x.to_string())
    }
}

impl CellText for Option<bool> {
    fn cell_text(&self) -> Option<String> {
        self.map(|x| x.to_string())
    }
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

fn strings<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Vec<String> {
    items.into_iter().map(Into::into).collect()
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

impl SourceRow {
    /// An article with its id, label and raw file name; its `rights`
    /// [`UNSTATED_RIGHTS`] until set; the rest empty.
    ///
    /// ```
    /// let row = negotiations::rows::SourceRow::new("a", "An article", "a.txt");
    /// assert_eq!((row.title, row.published), (None, None));
    /// ```
    pub fn new(
        source_id: impl Into<String>,
        label: impl Into<String>,
        file: impl Into<String>,
    ) -> SourceRow {
        SourceRow {
            source_id: source_id.into(),
            label: label.into(),
            file: file.into(),
            rights: UNSTATED_RIGHTS.to_string(),
            ..SourceRow::default()
        }
    }
}

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

impl ProcessRow {
    /// A process with its required columns: ongoing, with no U.S. part
    /// and no dates until set.
    ///
    /// ```
    /// use negotiations::codes::{Approach, Status};
    /// let row = negotiations::rows::ProcessRow::new(
    ///     "p", "A process", "A war", Approach::Other, ["A", "B"], "kissinger_echo", "London",
    /// );
    /// assert_eq!(row.status, Status::Ongoing);
    /// ```
    pub fn new<S: Into<String>>(
        process_id: impl Into<String>,
        name: impl Into<String>,
        conflict: impl Into<String>,
        approach: Approach,
        parties: impl IntoIterator<Item = S>,
        source_id: impl Into<String>,
        quote: impl Into<String>,
    ) -> ProcessRow {
        ProcessRow {
            process_id: process_id.into(),
            name: name.into(),
            conflict: conflict.into(),
            mediator: None,
            us_role: UsRole::None,
            us_lead: Vec::new(),
            approach,
            parties: strings(parties),
            start: None,
            start_precision: None,
            end: None,
            end_precision: None,
            status: Status::Ongoing,
            meetings_count: None,
            source_id: source_id.into(),
            quote: quote.into(),
            date_basis: None,
            notes: None,
        }
    }

    /// Sets when the process began and where the date comes from.
    ///
    /// ```
    /// use negotiations::{chrono::NaiveDate, codes::{Approach, DateBasis, Precision}};
    /// let row = negotiations::rows::ProcessRow::new("p", "P", "W", Approach::Other, ["A"], "s", "q")
    ///     .started(NaiveDate::from_ymd_opt(2025, 11, 1).unwrap(), Precision::Month, DateBasis::Stated);
    /// assert_eq!(row.start_precision, Some(Precision::Month));
    /// ```
    pub fn started(
        mut self,
        date: NaiveDate,
        precision: Precision,
        basis: DateBasis,
    ) -> ProcessRow {
        self.start = Some(date);
        self.start_precision = Some(precision);
        self.date_basis = Some(basis);
        self
    }

    /// Sets the notes.
    ///
    /// ```
    /// use negotiations::codes::Approach;
    /// let row = negotiations::rows::ProcessRow::new("p", "P", "W", Approach::Other, ["A"], "s", "q").notes("why");
    /// assert_eq!(row.notes.as_deref(), Some("why"));
    /// ```
    pub fn notes(mut self, notes: impl Into<String>) -> ProcessRow {
        self.notes = Some(notes.into());
        self
    }
}

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

impl MeetingRow {
    /// A meeting with its required columns; its result `unknown`, its
    /// provenance `stated` (the article tells of it) and its `us_level`
    /// `negotiator` until set, and no `counterpart` (the parties met) until
    /// the coder names them.
    ///
    /// ```
    /// use negotiations::codes::{Format, Provenance};
    /// let m = negotiations::rows::MeetingRow::new("m", "p", ["A", "B"], Format::Summit, "s", "q");
    /// assert_eq!((m.participants.len(), m.provenance), (2, Provenance::Stated));
    /// ```
    pub fn new<S: Into<String>>(
        meeting_id: impl Into<String>,
        process_id: impl Into<String>,
        participants: impl IntoIterator<Item = S>,
        format: Format,
        source_id: impl Into<String>,
        quote: impl Into<String>,
    ) -> MeetingRow {
        MeetingRow {
            meeting_id: meeting_id.into(),
            process_id: process_id.into(),
            date: None,
            date_precision: None,
            place: None,
            country: None,
            mission_id: None,
            participants: strings(participants),
            counterpart: Vec::new(),
            us_level: UsLevel::Negotiator,
            format,
            duration_hours: None,
            duration_phrase: None,
            result: MeetingResult::Unknown,
            provenance: Provenance::Stated,
            source_id: source_id.into(),
            quote: quote.into(),
            citation: None,
            citation_url: None,
            date_basis: None,
            notes: None,
        }
    }

    /// Sets the parties whose principals were met (`counterpart`).
    ///
    /// ```
    /// use negotiations::codes::Format;
    /// let m = negotiations::rows::MeetingRow::new("m", "p", ["A"], Format::EnvoyTalks, "s", "q").met(["Russia"]);
    /// assert_eq!(m.counterpart, ["Russia"]);
    /// ```
    pub fn met<S: Into<String>>(mut self, parties: impl IntoIterator<Item = S>) -> MeetingRow {
        self.counterpart = strings(parties);
        self
    }

    /// Sets the date, its precision and where it comes from.
    ///
    /// ```
    /// use negotiations::{chrono::NaiveDate, codes::{DateBasis, Format, Precision}};
    /// let m = negotiations::rows::MeetingRow::new("m", "p", ["A"], Format::Summit, "s", "q")
    ///     .on(NaiveDate::from_ymd_opt(1975, 3, 1).unwrap(), Precision::Month, DateBasis::Stated);
    /// assert_eq!(m.date_basis, Some(DateBasis::Stated));
    /// ```
    pub fn on(mut self, date: NaiveDate, precision: Precision, basis: DateBasis) -> MeetingRow {
        self.date = Some(date);
        self.date_precision = Some(precision);
        self.date_basis = Some(basis);
        self
    }

    /// Sets the place and its country.
    ///
    /// ```
    /// use negotiations::codes::Format;
    /// let m = negotiations::rows::MeetingRow::new("m", "p", ["A"], Format::Summit, "s", "q").at("Cairo", "Egypt");
    /// assert_eq!(m.country.as_deref(), Some("Egypt"));
    /// ```
    pub fn at(mut self, place: impl Into<String>, country: impl Into<String>) -> MeetingRow {
        self.place = Some(place.into());
        self.country = Some(country.into());
        self
    }

    /// Sets what the meeting achieved.
    ///
    /// ```
    /// use negotiations::codes::{Format, MeetingResult};
    /// let m = negotiations::rows::MeetingRow::new("m", "p", ["A"], Format::Summit, "s", "q")
    ///     .result(MeetingResult::NoBreakthrough);
    /// assert_eq!(m.result, MeetingResult::NoBreakthrough);
    /// ```
    pub fn result(mut self, result: MeetingResult) -> MeetingRow {
        self.result = result;
        self
    }

    /// Sets the notes.
    ///
    /// ```
    /// use negotiations::codes::Format;
    /// let m = negotiations::rows::MeetingRow::new("m", "p", ["A"], Format::Summit, "s", "q").notes("why");
    /// assert_eq!(m.notes.as_deref(), Some("why"));
    /// ```
    pub fn notes(mut self, notes: impl Into<String>) -> MeetingRow {
        self.notes = Some(notes.into());
        self
    }
}

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

impl DurationRow {
    /// A span with its required columns. The phrase is normalized
    /// ([`crate::prose::phrase::normalize`]) into `iso`, `modifier`, the days and
    /// any count, as the check requires; the fate is `pending` for a
    /// deadline or pledge and `not_applicable` otherwise. An unreadable
    /// phrase is an error.
    ///
    /// ```
    /// use negotiations::codes::{DurationKind, Fate};
    /// use negotiations::rows::DurationRow;
    /// let d = DurationRow::new("d", "Tariff deadline", DurationKind::Deadline, Some("within 50 days"), "s", "q")?;
    /// assert_eq!((d.days_low, d.days_high, d.fate), (Some(0.0), Some(50.0), Fate::Pending));
    /// assert!(DurationRow::new("d", "x", DurationKind::Meeting, Some("a blue moon"), "s", "q").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        duration_id: impl Into<String>,
        subject: impl Into<String>,
        kind: DurationKind,
        phrase: Option<&str>,
        source_id: impl Into<String>,
        quote: impl Into<String>,
    ) -> Result<DurationRow> {
        let mut row = DurationRow {
            duration_id: duration_id.into(),
            process_id: None,
            subject: subject.into(),
            kind,
            phrase: None,
            iso: None,
            modifier: None,
            days_low: None,
            days_high: None,
            count: None,
            count_unit: None,
            fate: if kind.is_commitment() {
                Fate::Pending
            } else {
                Fate::NotApplicable
            },
            set_date: None,
            set_precision: None,
            due_date: None,
            due_precision: None,
            source_id: source_id.into(),
            quote: quote.into(),
            date_basis: None,
            notes: None,
        };
        if let Some(p) = phrase {
            let n = crate::prose::phrase::normalize(p)?;
            row.phrase = Some(p.to_string());
            row.iso = Some(n.iso);
            row.modifier = Some(n.modifier);
            row.days_low = Some(n.days_low);
            row.days_high = Some(n.days_high);
            if let Some((count, unit)) = n.count {
                row.count = i64::try_from(count).ok();
                row.count_unit = Some(unit);
            }
        }
        Ok(row)
    }

    /// Sets the process it concerns.
    ///
    /// ```
    /// use negotiations::codes::DurationKind;
    /// let d = negotiations::rows::DurationRow::new("d", "x", DurationKind::Meeting, Some("for hours"), "s", "q")?
    ///     .process("trump_ukraine");
    /// assert_eq!(d.process_id.as_deref(), Some("trump_ukraine"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn process(mut self, process_id: impl Into<String>) -> DurationRow {
        self.process_id = Some(process_id.into());
        self
    }

    /// Sets when a deadline or pledge was set and fell due (either may be
    /// `None`), and where those dates come from.
    ///
    /// ```
    /// use negotiations::{chrono::NaiveDate, codes::{DateBasis, DurationKind, Precision}};
    /// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    /// let row = negotiations::rows::DurationRow::new("d", "x", DurationKind::Deadline, Some("in two weeks"), "s", "q")?
    ///     .dates(Some((d(8, 22), Precision::Day)), Some((d(9, 5), Precision::Day)), DateBasis::External);
    /// assert_eq!(row.due_date, Some(d(9, 5)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dates(
        mut self,
        set: Option<(NaiveDate, Precision)>,
        due: Option<(NaiveDate, Precision)>,
        basis: DateBasis,
    ) -> DurationRow {
        (self.set_date, self.set_precision) = (set.map(|s| s.0), set.map(|s| s.1));
        (self.due_date, self.due_precision) = (due.map(|s| s.0), due.map(|s| s.1));
        self.date_basis = (set.is_some() || due.is_some()).then_some(basis);
        self
    }

    /// Sets what became of a deadline or pledge.
    ///
    /// ```
    /// use negotiations::codes::{DurationKind, Fate};
    /// let d = negotiations::rows::DurationRow::new("d", "x", DurationKind::Deadline, Some("in two weeks"), "s", "q")?
    ///     .fate(Fate::Ignored);
    /// assert_eq!(d.fate, Fate::Ignored);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fate(mut self, fate: Fate) -> DurationRow {
        self.fate = fate;
        self
    }

    /// Sets the notes.
    ///
    /// ```
    /// use negotiations::codes::DurationKind;
    /// let d = negotiations::rows::DurationRow::new("d", "x", DurationKind::Meeting, None, "s", "q")?.notes("why");
    /// assert_eq!(d.notes.as_deref(), Some("why"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn notes(mut self, notes: impl Into<String>) -> DurationRow {
        self.notes = Some(notes.into());
        self
    }
}

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

impl OutcomeRow {
    /// An outcome with its required columns; `held` is `unknown` for an
    /// agreement and `not_applicable` for a prize or no agreement.
    ///
    /// ```
    /// use negotiations::codes::{Held, OutcomeKind};
    /// let o = negotiations::rows::OutcomeRow::new("o", "p", OutcomeKind::Ceasefire, "Truce", "s", "q");
    /// assert_eq!(o.held, Held::Unknown);
    /// ```
    pub fn new(
        outcome_id: impl Into<String>,
        process_id: impl Into<String>,
        kind: OutcomeKind,
        name: impl Into<String>,
        source_id: impl Into<String>,
        quote: impl Into<String>,
    ) -> OutcomeRow {
        OutcomeRow {
            outcome_id: outcome_id.into(),
            process_id: process_id.into(),
            date: None,
            date_precision: None,
            kind,
            name: name.into(),
            held: if kind.is_agreement() {
                Held::Unknown
            } else {
                Held::NotApplicable
            },
            ended: None,
            ended_precision: None,
            unmet_provisions: None,
            us_economic_terms: None,
            source_id: source_id.into(),
            quote: quote.into(),
            date_basis: None,
            notes: None,
        }
    }

    /// Sets the date, its precision and where it comes from.
    ///
    /// ```
    /// use negotiations::{chrono::NaiveDate, codes::{DateBasis, OutcomeKind, Precision}};
    /// let o = negotiations::rows::OutcomeRow::new("o", "p", OutcomeKind::Prize, "Nobel", "s", "q")
    ///     .on(NaiveDate::from_ymd_opt(1973, 1, 1).unwrap(), Precision::Year, DateBasis::Stated);
    /// assert_eq!(o.date_precision, Some(Precision::Year));
    /// ```
    pub fn on(mut self, date: NaiveDate, precision: Precision, basis: DateBasis) -> OutcomeRow {
        self.date = Some(date);
        self.date_precision = Some(precision);
        self.date_basis = Some(basis);
        self
    }

    /// Sets whether it held, and when it stopped holding if it did not.
    ///
    /// ```
    /// use negotiations::{chrono::NaiveDate, codes::{Held, OutcomeKind, Precision}};
    /// let o = negotiations::rows::OutcomeRow::new("o", "p", OutcomeKind::Ceasefire, "Truce", "s", "q")
    ///     .held(Held::Unraveled, Some((NaiveDate::from_ymd_opt(2025, 3, 18).unwrap(), Precision::Day)));
    /// assert_eq!(o.held, Held::Unraveled);
    /// ```
    pub fn held(mut self, held: Held, ended: Option<(NaiveDate, Precision)>) -> OutcomeRow {
        self.held = held;
        (self.ended, self.ended_precision) = (ended.map(|e| e.0), ended.map(|e| e.1));
        self
    }

    /// Sets the notes.
    ///
    /// ```
    /// use negotiations::codes::OutcomeKind;
    /// let o = negotiations::rows::OutcomeRow::new("o", "p", OutcomeKind::Prize, "N", "s", "q").notes("why");
    /// assert_eq!(o.notes.as_deref(), Some("why"));
    /// ```
    pub fn notes(mut self, notes: impl Into<String>) -> OutcomeRow {
        self.notes = Some(notes.into());
        self
    }
}

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

impl From<&Row> for Row {
    fn from(r: &Row) -> Row {
        r.clone()
    }
}

impl Row {
    /// The table it belongs to.
    ///
    /// ```
    /// use negotiations::rows::{Row, SourceRow};
    /// assert_eq!(Row::from(SourceRow::new("a", "A", "a.txt")).table().file, "sources.csv");
    /// ```
    pub fn table(&self) -> &'static Table {
        match self {
            Row::Source(_) => SourceRow::TABLE,
            Row::Process(_) => ProcessRow::TABLE,
            Row::Meeting(_) => MeetingRow::TABLE,
            Row::Duration(_) => DurationRow::TABLE,
            Row::Outcome(_) => OutcomeRow::TABLE,
        }
    }

    /// Its id (the primary key).
    ///
    /// ```
    /// use negotiations::rows::{Row, SourceRow};
    /// assert_eq!(Row::from(SourceRow::new("a", "A", "a.txt")).id(), "a");
    /// ```
    pub fn id(&self) -> &str {
        match self {
            Row::Source(r) => &r.source_id,
            Row::Process(r) => &r.process_id,
            Row::Meeting(r) => &r.meeting_id,
            Row::Duration(r) => &r.duration_id,
            Row::Outcome(r) => &r.outcome_id,
        }
    }

    fn cell(&self, column: &str) -> Option<Option<String>> {
        match self {
            Row::Source(r) => r.cell(column),
            Row::Process(r) => r.cell(column),
            Row::Meeting(r) => r.cell(column),
            Row::Duration(r) => r.cell(column),
            Row::Outcome(r) => r.cell(column),
        }
    }

    /// Its cells in the table's column order: `(column, text)`, `None`
    /// for an empty cell.
    ///
    /// ```
    /// use negotiations::rows::{Row, SourceRow};
    /// let cells = Row::from(SourceRow::new("a", "A", "a.txt")).cells();
    /// assert_eq!(cells[0], ("source_id", Some("a".to_string())));
    /// assert_eq!(cells[2], ("title", None));
    /// ```
    pub fn cells(&self) -> Vec<(&'static str, Option<String>)> {
        self.table()
            .columns
            .iter()
            .map(|c| (c.name, self.cell(c.name).flatten()))
            .collect()
    }

    /// Sets the process of a meeting, duration or outcome that has none
    /// (an extracted draft whose process the analyst chose); other rows
    /// are left as they are.
    ///
    /// ```
    /// use negotiations::codes::Format;
    /// use negotiations::rows::{MeetingRow, Row};
    /// let mut row = Row::from(MeetingRow::new("m", "", ["A"], Format::Other, "s", "q"));
    /// row.fill_process("trump_ukraine");
    /// assert_eq!(row.cells()[1].1.as_deref(), Some("trump_ukraine"));
    /// ```
    pub fn fill_process(&mut self, process_id: &str) {
        match self {
            Row::Meeting(r) if r.process_id.is_empty() => r.process_id = process_id.to_string(),
            Row::Duration(r) if r.process_id.is_none() => {
                r.process_id = Some(process_id.to_string())
            }
            Row::Outcome(r) if r.process_id.is_empty() => r.process_id = process_id.to_string(),
            _ => {}
        }
    }

    /// Its cells by column name, checked for what the CSV cannot hold: a
    /// list item with a `;` (which separates items) or empty.
    fn record(&self) -> Result<Record> {
        let table = self.table();
        let mut cells = HashMap::new();
        for c in table.columns {
            let Some(text) = self.cell(c.name).flatten() else {
                continue;
            };
            if c.kind == crate::tables::schema::Kind::List
                && let Some(bad) = self
                    .list_items(c.name)
                    .iter()
                    .find(|i| i.contains(';') || i.trim().is_empty())
            {
                return Err(Error::Invalid(format!(
                    "{} row {:?}: column '{}': list item {bad:?} is empty or holds a ';', which separates items",
                    table.name,
                    self.id(),
                    c.name
                )));
            }
            cells.insert(c.name.to_string(), text);
        }
        Ok(Record { table, cells })
    }

    fn list_items(&self, column: &str) -> &[String] {
        match (self, column) {
            (Row::Meeting(r), "participants") => &r.participants,
            (Row::Meeting(r), "counterpart") => &r.counterpart,
            (Row::Process(r), "us_lead") => &r.us_lead,
            (Row::Process(r), "parties") => &r.parties,
            _ => &[],
        }
    }
}

/// One row to append: its table and its cells by column name.
struct Record {
    table: &'static Table,
    cells: HashMap<String, String>,
}

/// `rows` of `table` as CSV with the table's header: the form of a draft
/// file to edit, which [`append_csv`] reads back. Rows of other tables are
/// left out.
///
/// ```
/// use negotiations::codes::OutcomeKind;
/// use negotiations::rows::{self, OutcomeRow, Row};
/// let o = Row::from(OutcomeRow::new("o", "p", OutcomeKind::Prize, "Nobel, 1973", "s", "q"));
/// let csv = String::from_utf8(rows::csv("outcomes", &[o])?)?;
/// assert!(csv.starts_with("outcome_id,process_id,date,"));
/// assert!(csv.contains("o,p,,,prize,\"Nobel, 1973\",not_applicable,"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn csv(table: &str, rows: &[Row]) -> Result<Vec<u8>> {
    let spec = spec(table).ok_or_else(|| crate::tables::dataset::unknown_table(table))?;
    let records = rows
        .iter()
        .filter(|r| r.table().name == spec.name)
        .map(Row::record)
        .collect::<Result<Vec<_>>>()?;
    let header: Vec<String> = spec.columns.iter().map(|c| c.name.to_string()).collect();
    let mut w = writer(false);
    w.write_record(&header).map_err(csv_error)?;
    let mut out = w
        .into_inner()
        .map_err(|e| csv_error(e.into_error().into()))?;
    out.extend(write_records(&header, &records, false)?);
    Ok(out)
}

/// `rows` of `table` as a DataFrame with the table's dtypes (as
/// [`Dataset::frame`] gives a table): drafts to inspect before appending.
/// Cells that do not parse (a text too long for its column) are errors
/// naming the row and column.
///
/// ```
/// use negotiations::codes::OutcomeKind;
/// use negotiations::rows::{self, OutcomeRow, Row};
/// let o = Row::from(OutcomeRow::new("o", "p", OutcomeKind::Prize, "Nobel", "s", "q"));
/// let df = rows::frame("outcomes", &[o])?;
/// let kind = negotiations::export::cell_text(&df.column("kind")?.get(0)?);
/// assert_eq!((df.height(), kind.as_str()), (1, "prize"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn frame(table: &str, rows: &[Row]) -> Result<DataFrame> {
    let spec = spec(table).ok_or_else(|| crate::tables::dataset::unknown_table(table))?;
    let bytes = csv(table, rows)?;
    let mut problems = Vec::new();
    let t = crate::tables::load::parse(spec, spec.file, &bytes, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    crate::tables::frame::to_frame(&t)
}

fn writer(crlf: bool) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new())
}

fn csv_error(e: csv::Error) -> Error {
    Error::Write {
        format: "CSV",
        message: e.to_string(),
    }
}

/// The records as CSV lines in the order of `header`.
fn write_records(header: &[String], records: &[Record], crlf: bool) -> Result<Vec<u8>> {
    let mut w = writer(crlf);
    for r in records {
        w.write_record(
            header
                .iter()
                .map(|h| r.cells.get(h).map_or("", String::as_str)),
        )
        .map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| csv_error(e.into_error().into()))
}

/// A table file with `records` appended in the file's own column order
/// and line ends (or, for an empty file, the schema's header first).
fn appended(original: &[u8], table: &Table, records: &[Record]) -> Result<Vec<u8>> {
    let body = original.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(original);
    let mut out = original.to_vec();
    let header: Vec<String> = if body.iter().all(u8::is_ascii_whitespace) {
        out.truncate(original.len() - body.len());
        let names: Vec<String> = table.columns.iter().map(|c| c.name.to_string()).collect();
        let mut w = writer(false);
        w.write_record(&names).map_err(csv_error)?;
        out.extend(
            w.into_inner()
                .map_err(|e| csv_error(e.into_error().into()))?,
        );
        names
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body);
        let first = reader
            .records()
            .next()
            .transpose()
            .map_err(|e| Error::Invalid(format!("{}: cannot read the header: {e}", table.file)))?
            .unwrap_or_default();
        first.iter().map(|h| h.trim().to_string()).collect()
    };
    let crlf = body
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && body[i - 1] == b'\r');
    if !out.ends_with(b"\n") {
        out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    out.extend(write_records(&header, records, crlf)?);
    Ok(out)
}

/// Files written by one change to a data directory, and what they held
/// before (`None`: the file did not exist), so a failed change is undone.
#[derive(Default)]
pub(crate) struct Change {
    before: Vec<(PathBuf, Option<Vec<u8>>)>,
    /// Directories the change created, outermost first.
    created: Vec<PathBuf>,
}

impl Change {
    /// Writes `bytes` to `path` atomically, remembering what was there.
    pub(crate) fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let before = match std::fs::read(path) {
            Ok(b) => Some(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(path, e)),
        };
        let mut missing: Vec<PathBuf> = path
            .ancestors()
            .skip(1)
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .map(Path::to_path_buf)
            .collect();
        missing.reverse();
        self.created.extend(missing);
        self.before.push((path.to_path_buf(), before));
        crate::io::write_atomic(path, bytes)
    }

    /// Puts every file back as it was, latest first, and removes the
    /// directories it created. Errors while undoing are added to `error`'s
    /// message: the caller learns both.
    pub(crate) fn undo(self, error: Error) -> Error {
        let mut failed = Vec::new();
        for (path, before) in self.before.into_iter().rev() {
            let r = match before {
                Some(b) => crate::io::write_atomic(&path, &b),
                None => match std::fs::remove_file(&path) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&path, e)),
                    _ => Ok(()),
                },
            };
            if let Err(e) = r {
                failed.push(e.to_string());
            }
        }
        for dir in self.created.iter().rev() {
            // Only if empty: a directory someone else filled meanwhile stays.
            let _ = std::fs::remove_dir(dir);
        }
        if failed.is_empty() {
            error
        } else {
            Error::Invalid(format!(
                "{error}\nand restoring the data directory failed: {}",
                failed.join("; ")
            ))
        }
    }

    /// Checks the directory; on a problem, undoes the change and returns
    /// the problems.
    pub(crate) fn check(self, dir: &Path) -> Result<Dataset> {
        match Dataset::from_dir(dir) {
            Ok(d) => Ok(d),
            Err(e) => Err(self.undo(e)),
        }
    }
}

/// Appends `records` to their tables' files in `dir`, then checks the
/// directory; on any failure every file is as it was.
fn append_records(dir: &Path, records: Vec<Record>) -> Result<Dataset> {
    if !dir.is_dir() {
        return Err(Error::NotADirectory(dir.to_path_buf()));
    }
    let mut change = Change::default();
    for table in TABLES {
        let mine: Vec<&Record> = records
            .iter()
            .filter(|r| r.table.name == table.name)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let path = crate::base::paths::inside(dir, table.file)?;
        let original = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let owned: Vec<Record> = mine
            .into_iter()
            .map(|r| Record {
                table: r.table,
                cells: r.cells.clone(),
            })
            .collect();
        let bytes = appended(&original, table, &owned)?;
        if let Err(e) = change.write(&path, &bytes) {
            return Err(change.undo(e));
        }
    }
    change.check(dir)
}

/// Appends `rows` to the data directory `dir` (each to its table's file,
/// in the file's column order), then checks the whole directory as
/// [`Dataset::from_dir`] does. On a problem every file is put back as it
/// was, and the error names the file, line, column and value; on success
/// the checked data is returned.
///
/// ```
/// use negotiations::chrono::NaiveDate;
/// use negotiations::codes::{DateBasis, Format, Precision};
/// use negotiations::rows::{self, MeetingRow};
///
/// let dir = tempfile::tempdir()?;
/// negotiations::Dataset::embedded()?.save(dir.path())?;
/// let before = std::fs::read(dir.path().join("meetings.csv"))?;
/// // Trump's Ukraine effort began in 2025: a 1975 meeting cannot be in it.
/// let wrong = MeetingRow::new("m_1975", "trump_ukraine", ["Steve Witkoff"], Format::EnvoyTalks,
///     "kissinger_echo", "On Thursday, the pair met Ukrainian negotiators in Florida.")
///     .on(NaiveDate::from_ymd_opt(1975, 3, 1).unwrap(), Precision::Month, DateBasis::Stated);
/// let err = rows::append(dir.path(), [&wrong]).unwrap_err().to_string();
/// // The new row's line: after the header and the shipped rows.
/// let line = negotiations::Dataset::embedded()?.table("meetings")?.height() + 2;
/// let expected = format!("meetings.csv:{line}:3: the meeting is before its process `trump_ukraine` starts");
/// assert!(err.contains(&expected), "{err}");
/// assert_eq!(std::fs::read(dir.path().join("meetings.csv"))?, before);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn append<R: Into<Row>>(
    dir: impl AsRef<Path>,
    rows: impl IntoIterator<Item = R>,
) -> Result<Dataset> {
    let records = rows
        .into_iter()
        .map(|r| r.into().record())
        .collect::<Result<Vec<_>>>()?;
    append_records(dir.as_ref(), records)
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

/// Appends the rows of a CSV file (a draft written by [`csv()`] or
/// `negotiations extract --draft`, edited) to the table its header names,
/// then checks the directory as [`append`] does. The table is the one
/// whose primary key is the header's first column (`meeting_id`...); the
/// columns may come in any order.
///
/// ```
/// use negotiations::codes::DurationKind;
/// use negotiations::rows::{self, DurationRow, Row};
/// let dir = tempfile::tempdir()?;
/// negotiations::Dataset::embedded()?.save(dir.path())?;
/// let d = DurationRow::new("talks_hours", "Kremlin talks", DurationKind::Meeting, Some("for hours"),
///     "kissinger_echo", "The talks lasted for hours.")?;
/// let draft = rows::csv("durations", &[Row::from(d)])?;
/// let shipped = negotiations::Dataset::embedded()?.table("durations")?.height();
/// let done = rows::append_csv(dir.path(), &draft)?;
/// assert_eq!((done.table, done.rows, done.data.table("durations")?.height()), ("durations", 1, shipped + 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn append_csv(dir: impl AsRef<Path>, bytes: &[u8]) -> Result<Appended> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::Invalid(format!("cannot read the draft's header: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let first = header.first().map(String::as_str).unwrap_or("");
    let table = TABLES
        .into_iter()
        .find(|t| t.primary_key.len() == 1 && t.primary_key[0] == first)
        .ok_or_else(|| {
            Error::unknown(
                "table whose first column is",
                first,
                TABLES
                    .iter()
                    .filter(|t| t.primary_key.len() == 1)
                    .map(|t| t.primary_key[0]),
            )
        })?;
    let mut records = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| Error::Invalid(format!("draft line {}: {e}", i + 2)))?;
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells = header
            .iter()
            .zip(rec.iter())
            .filter(|(_, v)| !v.is_empty())
            .map(|(h, v)| (h.clone(), v.to_string()))
            .collect();
        records.push(Record { table, cells });
    }
    let rows = records.len();
    let data = append_records(dir.as_ref(), records)?;
    Ok(Appended {
        table: table.name,
        rows,
        data,
    })
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

impl std::fmt::Display for AddedSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "added {}: {} ({} words); repaired: {}",
            self.id,
            self.text.display(),
            self.words,
            self.repairs
        )
    }
}

/// Whether `id` can name an article (and its file `sources/<id>.txt`):
/// ASCII letters, digits, `_` and `-`, starting with a letter or digit.
fn check_id(id: &str) -> Result<()> {
    let ok = id.len() <= crate::tables::schema::max_len::ID
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "source id {id:?}: use at most {} ASCII letters, digits, '_' and '-', starting with a letter or digit (it names the file sources/<id>.txt)",
            crate::tables::schema::max_len::ID
        )))
    }
}

/// Refuses bytes that are not text: NUL bytes (binary files, UTF-16) or
/// many control characters.
fn check_text(file: &str, raw: &[u8]) -> Result<()> {
    if raw.starts_with(b"\xFF\xFE") || raw.starts_with(b"\xFE\xFF") {
        return Err(Error::Invalid(format!(
            "{file}: UTF-16 text; save it as UTF-8 and add it again"
        )));
    }
    if let Some(at) = memchr::memchr(0, raw) {
        return Err(Error::Invalid(format!(
            "{file}: not a text file (a NUL byte at byte {at})"
        )));
    }
    let control = raw
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if control * 100 > raw.len() {
        return Err(Error::Invalid(format!(
            "{file}: not a text file ({control} control characters in {} bytes)",
            raw.len()
        )));
    }
    Ok(())
}

/// Adds an article to the data directory `dir`: repairs `raw` as the
/// shipped articles were ([`crate::prose::text::repair`]: GBK mojibake, a
/// byte-order mark, CRLF), writes it to `sources/<id>.txt`, keeps the
/// bytes as received in `raw/<file>`, and appends its row to
/// `sources.csv`; then checks the directory. It refuses an id already in
/// `sources.csv` (or whose text file exists), a file that is not text (NUL
/// bytes, UTF-16, invalid UTF-8) and an empty one. Nothing is left behind
/// by a failure: files written are removed or restored.
///
/// ```
/// use negotiations::rows::{add_source, SourceMeta};
/// let dir = tempfile::tempdir()?;
/// negotiations::Dataset::embedded()?.save(dir.path())?;
/// let raw = "\u{feff}Envoys met in Geneva on Sunday.\r\nTrump鈥檚 envoy spoke.\r\n";
/// let meta = SourceMeta { title: Some("Geneva".into()), ..Default::default() };
/// let added = add_source(dir.path(), raw.as_bytes(), "geneva_note", &meta)?;
/// assert_eq!(added.to_string(), format!(
///     "added geneva_note: {} (9 words); repaired: 1 mojibake run restored, a byte-order mark dropped, 2 CRLF line ends converted",
///     added.text.display()));
/// assert!(added.data.source_text("geneva_note").unwrap().contains("Trump’s envoy"));
/// // The same id again, or a binary file: refused, nothing written.
/// assert!(add_source(dir.path(), b"text", "geneva_note", &meta).is_err());
/// assert!(add_source(dir.path(), b"\x00\x01PK", "zip", &meta).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn add_source(
    dir: impl AsRef<Path>,
    raw: &[u8],
    id: &str,
    meta: &SourceMeta,
) -> Result<AddedSource> {
    let dir = dir.as_ref();
    if !dir.is_dir() {
        return Err(Error::NotADirectory(dir.to_path_buf()));
    }
    check_id(id)?;
    let file = meta.file.clone().unwrap_or_else(|| format!("{id}.txt"));
    // The raw copy keeps the file's own name when that is a plain file
    // name (crate::base::paths), and is named after the id otherwise ("My
    // note (draft).txt" becomes "<id>.txt"): the data never names a path.
    let file_name = Path::new(&file)
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| crate::base::paths::check_file_name(n).is_ok())
        .map_or_else(|| format!("{id}.txt"), str::to_string);
    check_text(&file_name, raw)?;
    let (text, repairs) = crate::prose::text::repair_reported(&file_name, raw)?;
    if text.trim().is_empty() {
        return Err(Error::Invalid(format!("{file_name}: the text is empty")));
    }

    // The id must be new to sources.csv and to sources/.
    let sources_csv = crate::base::paths::inside(dir, crate::tables::sources::TABLE.file)?;
    let original = std::fs::read(&sources_csv).map_err(|e| Error::io(&sources_csv, e))?;
    let mut problems = Vec::new();
    let t = crate::tables::load::parse(
        &crate::tables::sources::TABLE,
        crate::tables::sources::TABLE.file,
        &original,
        &mut problems,
    );
    if let Some(row) = (0..t.height()).find(|&r| t.text("source_id", r) == Some(id)) {
        return Err(Error::Invalid(format!(
            "source id {id:?} is already in {} (line {}); choose another id",
            sources_csv.display(),
            t.lines.get(row).copied().unwrap_or(0)
        )));
    }
    let text_path = crate::base::paths::inside(dir, &format!("sources/{id}.txt"))?;
    if text_path.exists() {
        return Err(Error::Invalid(format!(
            "{} already exists; choose another id",
            text_path.display()
        )));
    }
    let raw_path = crate::base::paths::inside(dir, &format!("raw/{file_name}"))?;
    let keep_raw = match std::fs::read(&raw_path) {
        Ok(existing) if existing == raw => false,
        Ok(_) => {
            return Err(Error::Invalid(format!(
                "{} already exists with other content; name the raw file differently",
                raw_path.display()
            )));
        }
        Err(_) => true,
    };

    let mut notes = Vec::new();
    if let Some(n) = &meta.notes {
        notes.push(n.clone());
    }
    if let Some(url) = &meta.url {
        notes.push(format!("URL: {url}"));
    }
    if !repairs.is_empty() {
        notes.push(format!("Repaired by add-source: {repairs}."));
    }
    let row = SourceRow {
        source_id: id.to_string(),
        label: meta
            .label
            .clone()
            .or_else(|| meta.title.clone())
            .unwrap_or_else(|| id.to_string()),
        title: meta.title.clone(),
        outlet: meta.outlet.clone(),
        author: meta.author.clone(),
        published: meta.published.map(|p| p.0),
        published_precision: meta.published.map(|p| p.1),
        rights: meta
            .rights
            .clone()
            .unwrap_or_else(|| UNSTATED_RIGHTS.to_string()),
        file: file_name,
        notes: (!notes.is_empty()).then(|| notes.join(" ")),
    };
    let record = Row::from(row).record()?;
    let sources = appended(&original, &crate::tables::sources::TABLE, &[record])?;

    // The texts first, the table last: a failure in between leaves a file
    // no row names, which the undo removes.
    let mut change = Change::default();
    let written = change
        .write(&text_path, text.as_bytes())
        .and_then(|_| {
            if keep_raw {
                change.write(&raw_path, raw)
            } else {
                Ok(())
            }
        })
        .and_then(|_| change.write(&sources_csv, &sources));
    if let Err(e) = written {
        return Err(change.undo(e));
    }
    let data = change.check(dir)?;
    Ok(AddedSource {
        id: id.to_string(),
        text: text_path,
        raw: raw_path,
        repairs,
        words: text.split_whitespace().count(),
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    /// Every row struct has a field for every column of its table, so a
    /// column added to the schema cannot be forgotten here.
    #[test]
    fn every_column_has_a_field() {
        let rows: Vec<Row> = vec![
            SourceRow::new("a", "b", "c").into(),
            ProcessRow::new("p", "n", "c", Approach::Other, ["A"], "s", "q").into(),
            MeetingRow::new("m", "p", ["A"], Format::Other, "s", "q").into(),
            DurationRow::new("d", "s", DurationKind::Meeting, Some("for hours"), "s", "q")
                .unwrap()
                .into(),
            OutcomeRow::new("o", "p", OutcomeKind::Prize, "n", "s", "q").into(),
        ];
        for row in &rows {
            for c in row.table().columns {
                assert!(
                    row.cell(c.name).is_some(),
                    "{}.{}",
                    row.table().name,
                    c.name
                );
            }
        }
        let tables: Vec<&str> = rows.iter().map(|r| r.table().name).collect();
        assert_eq!(
            tables,
            ["sources", "processes", "meetings", "durations", "outcomes"]
        );
    }

    #[test]
    fn rows_append_in_the_files_column_order_and_line_ends() {
        let m = Row::from(
            MeetingRow::new(
                "m",
                "p",
                ["A", "B"],
                Format::Summit,
                "s",
                "a, \"quoted\" passage",
            )
            .on(d(2025, 12, 2), Precision::Day, DateBasis::Stated),
        );
        let r = m.record().unwrap();
        // A file with its columns in another order and CRLF line ends.
        let original = b"quote,meeting_id,date,participants\r\nx,y,,A\r\n";
        let out = appended(original, &crate::tables::meetings::TABLE, &[r]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "quote,meeting_id,date,participants\r\nx,y,,A\r\n\"a, \"\"quoted\"\" passage\",m,2025-12-02,A;B\r\n"
        );
        // An empty file gets the schema's header.
        let r = m.record().unwrap();
        let out = String::from_utf8(appended(b"", &crate::tables::meetings::TABLE, &[r]).unwrap())
            .unwrap();
        assert!(
            out.starts_with("meeting_id,process_id,date,date_precision,place,"),
            "{out}"
        );
        // A file without a final newline.
        let r = m.record().unwrap();
        let out = String::from_utf8(
            appended(b"meeting_id\nz", &crate::tables::meetings::TABLE, &[r]).unwrap(),
        )
        .unwrap();
        assert_eq!(out, "meeting_id\nz\nm\n");
    }

    #[test]
    fn list_items_with_separators_are_refused() {
        let m = Row::from(MeetingRow::new("m", "p", ["A;B"], Format::Summit, "s", "q"));
        let e = m.record().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            e.contains("meetings row \"m\": column 'participants'"),
            "{e}"
        );
    }

    #[test]
    fn numbers_are_written_as_the_loader_reads_them() {
        let r = DurationRow::new(
            "d",
            "s",
            DurationKind::Interval,
            Some("nearly four years ago"),
            "s",
            "q",
        )
        .unwrap();
        assert_eq!(r.cell("days_low"), Some(Some("1314.873".into())));
        assert_eq!(r.cell("days_high"), Some(Some("1460.97".into())));
        assert_eq!(r.cell("modifier"), Some(Some("less_than".into())));
    }

    #[test]
    fn ids_and_texts_are_checked() {
        for bad in ["", "../x", "a b", "-a", "a/b", &"x".repeat(65)] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        assert!(check_id("geneva_note-2").is_ok());
        assert!(check_text("a", b"\x00abc").is_err());
        assert!(check_text("a", b"\xFF\xFEa\x00").is_err());
        assert!(check_text("a", &[7u8; 20]).is_err());
        assert!(check_text("a", "plain text, café\n".as_bytes()).is_ok());
    }
}
