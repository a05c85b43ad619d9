//! Appending rows and adding an article, all or nothing.

#[allow(unused_imports)]
use super::*;

pub(super) fn csv_error(e: csv::Error) -> Error {
    Error::Write {
        format: "CSV",
        message: e.to_string(),
    }
}

/// The records as CSV lines in the order of `header`.
pub(super) fn write_records(header: &[String], records: &[Record], crlf: bool) -> Result<Vec<u8>> {
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
pub(super) fn appended(original: &[u8], table: &Table, records: &[Record]) -> Result<Vec<u8>> {
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
pub(super) fn append_records(dir: &Path, records: Vec<Record>) -> Result<Dataset> {
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
pub(super) fn check_id(id: &str) -> Result<()> {
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
pub(super) fn check_text(file: &str, raw: &[u8]) -> Result<()> {
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
