//! The typed row of each table, and its cells.

#[allow(unused_imports)]
use super::*;

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

pub(super) fn strings<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Vec<String> {
    items.into_iter().map(Into::into).collect()
}

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

    pub(super) fn cell(&self, column: &str) -> Option<Option<String>> {
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
    pub(super) fn record(&self) -> Result<Record> {
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

    pub(super) fn list_items(&self, column: &str) -> &[String] {
        match (self, column) {
            (Row::Meeting(r), "participants") => &r.participants,
            (Row::Meeting(r), "counterpart") => &r.counterpart,
            (Row::Process(r), "us_lead") => &r.us_lead,
            (Row::Process(r), "parties") => &r.parties,
            _ => &[],
        }
    }
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

pub(super) fn writer(crlf: bool) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new())
}
