//! Reading one CSV file against its schema: every field parsed to its
//! column's type, every problem collected with its position.

use chrono::NaiveDate;

use crate::error::Problem;
use crate::schema::{Kind, Table};

/// Text cells stored end to end in one buffer: a column of a million cells
/// is a few allocations rather than a million, which is most of what makes
/// loading large tables fast. A file parsed in chunks gives a column of
/// several such buffers, joined without copying.
///
/// ```
/// use negotiations::load::Texts;
/// let t: Texts = [Some("Cairo"), None, Some("Jerusalem")].into_iter().collect();
/// assert_eq!((t.len(), t.get(0), t.get(1), t.get(2), t.get(3)), (3, Some("Cairo"), None, Some("Jerusalem"), None));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Texts {
    /// One buffer per chunk; never empty once a cell is pushed.
    segments: Vec<Segment>,
    /// The row each segment starts at.
    starts: Vec<usize>,
    len: usize,
}

#[derive(Debug, Clone, Default)]
struct Segment {
    bytes: String,
    /// Where each cell ends in `bytes` (it starts where the previous ends).
    ends: Vec<usize>,
    /// Whether each cell has a value (an empty cell is null).
    present: Vec<bool>,
}

impl Segment {
    fn get(&self, i: usize) -> Option<&str> {
        if !*self.present.get(i)? {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.bytes.get(start..self.ends[i])
    }
}

impl Texts {
    /// Room for `rows` cells of `bytes` bytes in all.
    pub fn with_capacity(rows: usize, bytes: usize) -> Texts {
        Texts {
            segments: vec![Segment {
                bytes: String::with_capacity(bytes),
                ends: Vec::with_capacity(rows),
                present: Vec::with_capacity(rows),
            }],
            starts: vec![0],
            len: 0,
        }
    }

    /// The number of cells.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no cells.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Cell `i` (`None` when it is null or past the end).
    pub fn get(&self, i: usize) -> Option<&str> {
        if let [only] = &self.segments[..] {
            return only.get(i);
        }
        let k = self.starts.partition_point(|&s| s <= i).checked_sub(1)?;
        self.segments.get(k)?.get(i - self.starts[k])
    }

    /// Appends a cell.
    pub fn push(&mut self, value: Option<&str>) {
        if self.segments.is_empty() {
            self.segments.push(Segment::default());
            self.starts.push(0);
        }
        let last = self.segments.len() - 1;
        let seg = &mut self.segments[last];
        if let Some(v) = value {
            seg.bytes.push_str(v);
        }
        seg.ends.push(seg.bytes.len());
        seg.present.push(value.is_some());
        self.len += 1;
    }

    /// The cells in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.segments
            .iter()
            .flat_map(|s| (0..s.ends.len()).map(move |i| s.get(i)))
    }

    /// Reserves room for `rows` more cells as large as those so far.
    fn reserve_like_so_far(&mut self, rows: usize) {
        if let Some(seg) = self.segments.last_mut() {
            let per_cell = seg.bytes.len() / seg.ends.len().max(1);
            seg.bytes.reserve(rows * per_cell + rows * per_cell / 8);
            seg.ends.reserve(rows);
            seg.present.reserve(rows);
        }
    }

    /// Appends all of `other`'s cells, moving its buffers.
    fn append(&mut self, other: Texts) {
        for seg in other.segments {
            if seg.ends.is_empty() {
                continue;
            }
            if self.segments.last().is_some_and(|s| s.ends.is_empty()) {
                self.segments.pop();
                self.starts.pop();
            }
            self.starts.push(self.len);
            self.len += seg.ends.len();
            self.segments.push(seg);
        }
    }
}

/// Cells are compared, not how they are stored.
impl PartialEq for Texts {
    fn eq(&self, other: &Texts) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for Texts {}

impl<'a> FromIterator<Option<&'a str>> for Texts {
    fn from_iter<I: IntoIterator<Item = Option<&'a str>>>(iter: I) -> Texts {
        let mut t = Texts::default();
        for v in iter {
            t.push(v);
        }
        t
    }
}

/// A column's parsed values, one entry per row (`None` for an empty cell).
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text and enum columns.
    Text(Texts),
    /// Integer columns.
    Integer(Vec<Option<i64>>),
    /// Number columns.
    Number(Vec<Option<f64>>),
    /// Boolean columns.
    Boolean(Vec<Option<bool>>),
    /// Date columns.
    Date(Vec<Option<NaiveDate>>),
    /// List columns: each cell's items, trimmed, joined by `;` (split them
    /// with [`TableData::items`]).
    List(Texts),
}

impl Values {
    fn new(kind: Kind, rows: usize) -> Values {
        match kind {
            Kind::Text | Kind::Enum(_) => Values::Text(Texts::with_capacity(rows, 0)),
            Kind::Integer => Values::Integer(Vec::with_capacity(rows)),
            Kind::Number => Values::Number(Vec::with_capacity(rows)),
            Kind::Boolean => Values::Boolean(Vec::with_capacity(rows)),
            Kind::Date => Values::Date(Vec::with_capacity(rows)),
            Kind::List => Values::List(Texts::with_capacity(rows, 0)),
        }
    }

    fn push_null(&mut self) {
        match self {
            Values::Text(v) | Values::List(v) => v.push(None),
            Values::Integer(v) => v.push(None),
            Values::Number(v) => v.push(None),
            Values::Boolean(v) => v.push(None),
            Values::Date(v) => v.push(None),
        }
    }

    /// Appends `other`'s values (of the same kind).
    fn append(&mut self, other: Values) {
        match (self, other) {
            (Values::Text(a), Values::Text(b)) | (Values::List(a), Values::List(b)) => a.append(b),
            (Values::Integer(a), Values::Integer(b)) => a.extend(b),
            (Values::Number(a), Values::Number(b)) => a.extend(b),
            (Values::Boolean(a), Values::Boolean(b)) => a.extend(b),
            (Values::Date(a), Values::Date(b)) => a.extend(b),
            _ => {} // columns of one schema column always share a kind
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Text(v) | Values::List(v) => v.len(),
            Values::Integer(v) => v.len(),
            Values::Number(v) => v.len(),
            Values::Boolean(v) => v.len(),
            Values::Date(v) => v.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether row `i` is empty (or past the end).
    pub fn is_null(&self, i: usize) -> bool {
        match self {
            Values::Text(v) | Values::List(v) => v.get(i).is_none(),
            Values::Integer(v) => v.get(i).copied().flatten().is_none(),
            Values::Number(v) => v.get(i).copied().flatten().is_none(),
            Values::Boolean(v) => v.get(i).copied().flatten().is_none(),
            Values::Date(v) => v.get(i).copied().flatten().is_none(),
        }
    }

    /// Row `i` as it would be written in the CSV (empty for null).
    pub fn render(&self, i: usize) -> String {
        fn show<T: ToString>(v: &[Option<T>], i: usize) -> String {
            v.get(i)
                .and_then(Option::as_ref)
                .map(T::to_string)
                .unwrap_or_default()
        }
        match self {
            Values::Text(v) | Values::List(v) => v.get(i).unwrap_or_default().to_string(),
            Values::Integer(v) => show(v, i),
            Values::Number(v) => show(v, i),
            Values::Boolean(v) => show(v, i),
            Values::Date(v) => show(v, i),
        }
    }
}

/// One table as read from its CSV file.
#[derive(Debug, Clone)]
pub struct TableData {
    /// Its schema.
    pub spec: &'static Table,
    /// The file as named in messages (with its directory when read from one).
    pub file: String,
    /// One entry per schema column, in schema order.
    pub columns: Vec<Values>,
    /// The file line on which each row starts (1-based; the header is line 1).
    pub lines: Vec<u64>,
    /// The 1-based CSV column of each schema column in this file (files may
    /// order their columns differently); `None` where the column is missing.
    pub positions: Vec<Option<usize>>,
    /// `(row, schema column)` of cells that failed to parse (and are null):
    /// rules about empty cells skip them, so each mistake is reported once.
    pub invalid: std::collections::HashSet<(usize, usize)>,
}

impl TableData {
    /// The number of rows.
    pub fn height(&self) -> usize {
        self.lines.len()
    }

    /// The values of the column named `name`.
    pub fn values(&self, name: &str) -> Option<&Values> {
        self.spec.index(name).map(|i| &self.columns[i])
    }

    /// Text of row `row` in column `name` (text and enum columns).
    pub fn text(&self, name: &str, row: usize) -> Option<&str> {
        match self.values(name)? {
            Values::Text(v) => v.get(row),
            _ => None,
        }
    }

    /// The text cells of column `name` (text and enum columns), for loops
    /// over every row.
    pub fn texts(&self, name: &str) -> Option<&Texts> {
        match self.values(name)? {
            Values::Text(v) => Some(v),
            _ => None,
        }
    }

    /// The items of row `row` in the list column `name`.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let m = data.table("meetings")?;
    /// let people: Vec<&str> = m.items("participants", 0).unwrap().collect();
    /// assert_eq!(people, ["Henry Kissinger", "Anwar Sadat"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn items(&self, name: &str, row: usize) -> Option<std::str::Split<'_, char>> {
        match self.values(name)? {
            Values::List(v) => v.get(row).map(|cell| cell.split(';')),
            _ => None,
        }
    }

    /// Date of row `row` in column `name`.
    pub fn date(&self, name: &str, row: usize) -> Option<NaiveDate> {
        match self.values(name)? {
            Values::Date(v) => v.get(row).copied().flatten(),
            _ => None,
        }
    }

    /// Number of row `row` in column `name`.
    pub fn number(&self, name: &str, row: usize) -> Option<f64> {
        match self.values(name)? {
            Values::Number(v) => v.get(row).copied().flatten(),
            Values::Integer(v) => v.get(row).copied().flatten().map(|x| x as f64),
            _ => None,
        }
    }

    /// The rows holding each value of the text column `name`, in row order
    /// (rows where it is empty are left out): one pass over the table, so a
    /// join does not rescan it per key.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let by_process = data.table("meetings")?.groups("process_id");
    /// assert_eq!(by_process["trump_ukraine"].len(), 16);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn groups(&self, name: &str) -> foldhash::HashMap<&str, Vec<usize>> {
        let mut groups: foldhash::HashMap<&str, Vec<usize>> = Default::default();
        if let Some(Values::Text(v)) = self.values(name) {
            for (r, k) in v.iter().enumerate() {
                if let Some(k) = k {
                    groups.entry(k).or_default().push(r);
                }
            }
        }
        groups
    }

    /// The first row holding each value of the text column `name` (for a
    /// key column, the row of each key).
    pub fn lookup(&self, name: &str) -> foldhash::HashMap<&str, usize> {
        let mut rows: foldhash::HashMap<&str, usize> = Default::default();
        if let Some(Values::Text(v)) = self.values(name) {
            for (r, k) in v.iter().enumerate() {
                if let Some(k) = k {
                    rows.entry(k).or_insert(r);
                }
            }
        }
        rows
    }

    /// Whether the cell is empty in the file (null, and not because its
    /// value failed to parse).
    pub fn is_empty_cell(&self, name: &str, row: usize) -> bool {
        self.spec
            .index(name)
            .is_some_and(|k| self.columns[k].is_null(row) && !self.invalid.contains(&(row, k)))
    }

    /// A problem located at row `row`, column `name`.
    pub fn problem(
        &self,
        row: usize,
        name: &str,
        message: impl Into<String>,
        value: Option<&str>,
    ) -> Problem {
        let column = self.spec.index(name).and_then(|i| self.positions[i]);
        let line = self.lines.get(row).copied().unwrap_or(0);
        Problem::at(&self.file, line, column, message, value)
    }
}

/// Parses `bytes` as the CSV file of `spec`, adding every problem found to
/// `problems`. The result holds every row; a field with a problem is null.
///
/// A large file is parsed in chunks on all cores (see [`chunks`]); the
/// result, positions included, is the same as a parse from start to end.
///
/// ```
/// let mut problems = Vec::new();
/// let t = negotiations::load::parse(&negotiations::approaches::TABLE, "a.csv", b"dimension,actor\ntempo,kissinger\n", &mut problems);
/// assert_eq!(t.height(), 1);
/// // Four columns are missing; each is named.
/// assert_eq!(problems.len(), 4);
/// assert_eq!(problems[0].to_string(), "a.csv:1: header lacks column 'value' (\"dimension,actor\")");
/// ```
pub fn parse(
    spec: &'static Table,
    file: &str,
    bytes: &[u8],
    problems: &mut Vec<Problem>,
) -> TableData {
    parse_in(spec, file, bytes, problems, None)
}

/// [`parse`], in `chunks` chunks if given (else as many as there are cores,
/// for a large file).
fn parse_in(
    spec: &'static Table,
    file: &str,
    bytes: &[u8],
    problems: &mut Vec<Problem>,
    chunks: Option<usize>,
) -> TableData {
    let empty = TableData {
        spec,
        file: file.to_string(),
        columns: spec
            .columns
            .iter()
            .map(|c| Values::new(c.kind, 0))
            .collect(),
        lines: Vec::new(),
        positions: vec![None; spec.columns.len()],
        invalid: Default::default(),
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let names: Vec<_> = spec.columns.iter().map(|c| c.name).collect();
        problems.push(Problem::file(
            file,
            format!("file is empty; expected a header row: {}", names.join(",")),
        ));
        return empty;
    }
    let mut reader = Records::new(bytes);
    if reader.next_record().is_none() {
        return empty;
    }
    let header: Vec<Vec<u8>> = (0..reader.len())
        .filter_map(|i| reader.get(i).map(<[u8]>::to_vec))
        .collect();
    let body_start = reader.consumed();
    let header_lines = memchr::memchr_iter(b'\n', &bytes[..body_start]).count() as u64;
    let mut positions = vec![None; spec.columns.len()];
    for (i, raw) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(raw);
        match spec.index(name.trim()) {
            Some(k) if positions[k].is_some() => problems.push(Problem::at(
                file,
                1,
                Some(i + 1),
                format!("column '{name}' appears twice in the header"),
                Some(&name),
            )),
            Some(k) => positions[k] = Some(i + 1),
            None => problems.push(Problem::at(
                file,
                1,
                Some(i + 1),
                format!(
                    "unknown column '{name}' in the header; expected {}",
                    column_list(spec)
                ),
                Some(&name),
            )),
        }
    }
    for (k, c) in spec.columns.iter().enumerate() {
        if positions[k].is_none() {
            problems.push(Problem::at(
                file,
                1,
                None,
                format!("header lacks column '{}'", c.name),
                Some(
                    &header
                        .iter()
                        .map(|f| String::from_utf8_lossy(f))
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ));
        }
    }
    let body = bytes.get(body_start..).unwrap_or_default();
    let ctx = Body {
        spec,
        file,
        positions: &positions,
        width: header.len(),
    };
    let n = chunks.unwrap_or_else(|| threads().min(body.len() / MIN_CHUNK));
    // One chunk goes on with the reader that read the header: building a
    // reader costs more than parsing a small file.
    let parts = if n <= 1 {
        vec![parse_part(&ctx, body, Some((reader, body_start)))]
    } else {
        parse_chunks(&ctx, body, n)
    };
    let mut data = TableData {
        positions: positions.clone(),
        ..empty
    };
    let mut line_offset = header_lines;
    for part in parts {
        let row_offset = data.lines.len();
        data.lines
            .extend(part.lines.iter().map(|l| l + line_offset));
        for (all, more) in data.columns.iter_mut().zip(part.columns) {
            all.append(more);
        }
        data.invalid
            .extend(part.invalid.iter().map(|&(r, k)| (r + row_offset, k)));
        problems.extend(part.problems.into_iter().map(|mut p| {
            p.line = p.line.map(|l| l + line_offset);
            p
        }));
        line_offset += part.newlines;
    }
    data
}

/// The cores to use, asked once: the standard library reads the cgroup
/// files each time it is asked, which costs more than loading a small file.
pub(crate) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Rows parsed before the text buffers are sized for the rest.
const SAMPLE_ROWS: usize = 1024;

/// Chunks smaller than this are not worth a thread.
const MIN_CHUNK: usize = 4 << 20;

/// Where to cut `body` into about `n` chunks for parsing in parallel: the
/// byte offsets at which chunks after the first start, each just after a
/// line feed. A cut may fall inside a quoted field; [`parse_chunks`]
/// detects that and parses from start to end instead.
pub fn chunks(body: &[u8], n: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    for k in 1..n {
        let aim = (body.len() * k / n).max(cuts.last().copied().unwrap_or(0));
        match memchr::memchr(b'\n', &body[aim..]) {
            Some(i) if aim + i + 1 < body.len() => cuts.push(aim + i + 1),
            _ => break,
        }
    }
    cuts.dedup();
    cuts
}

/// What every chunk of one file's body is parsed against.
struct Body<'a> {
    spec: &'static Table,
    file: &'a str,
    positions: &'a [Option<usize>],
    width: usize,
}

/// One chunk's rows, with lines and problems counted from the chunk's
/// start.
struct Part {
    columns: Vec<Values>,
    lines: Vec<u64>,
    invalid: std::collections::HashSet<(usize, usize)>,
    problems: Vec<Problem>,
    /// Line feeds in the chunk: the next chunk's line offset.
    newlines: u64,
    /// Whether the chunk ended inside a quoted field: its cut was wrong.
    ended_in_quotes: bool,
}

fn parse_chunks(ctx: &Body, body: &[u8], n: usize) -> Vec<Part> {
    let cuts = chunks(body, n);
    if cuts.is_empty() {
        return vec![parse_part(ctx, body, None)];
    }
    let bounds: Vec<(usize, usize)> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(body.len())))
        .collect();
    let parts: Vec<Option<Part>> = std::thread::scope(|s| {
        let handles: Vec<_> = bounds
            .iter()
            .map(|&(a, b)| s.spawn(move || parse_part(ctx, &body[a..b], None)))
            .collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    });
    // A chunk that ends inside quotes was cut inside a quoted field (a
    // field with a line feed in it): parse the whole body in one go.
    let last = parts.len() - 1;
    let trustworthy = parts
        .iter()
        .enumerate()
        .all(|(i, p)| p.as_ref().is_some_and(|p| i == last || !p.ended_in_quotes));
    if trustworthy {
        parts.into_iter().flatten().collect()
    } else {
        vec![parse_part(ctx, body, None)]
    }
}

/// CSV records read with csv-core from a byte slice. The parser (with its
/// DFA) is built once per thread and reset for each file: building it costs
/// more than parsing a small file (and, under the fuzzer's instrumentation,
/// most of each run).
struct Records<'a> {
    /// Always `Some` until dropped (then it goes back to [`PARSER`]).
    core: Option<csv_core::Reader>,
    input: &'a [u8],
    /// Bytes of `input` consumed.
    pos: usize,
    /// The current record's fields, end to end (kept as long as it is large).
    out: Vec<u8>,
    /// Where each field of the current record ends in `out`.
    ends: Vec<usize>,
    fields: usize,
    done: bool,
}

impl<'a> Records<'a> {
    fn new(input: &'a [u8]) -> Records<'a> {
        // (Not a clone of one parser: csv-core's `Clone` for its DFA copies
        // only the transition table, and the copy misparses.)
        let core = PARSER
            .with(|p| p.borrow_mut().take())
            .map(|mut p| {
                p.reset();
                p
            })
            .unwrap_or_else(|| csv_core::ReaderBuilder::new().build());
        Records {
            core: Some(core),
            input,
            pos: 0,
            out: vec![0; 1024],
            ends: vec![0; 32],
            fields: 0,
            done: false,
        }
    }

    /// Reads the next record; returns the offset in `input` where reading
    /// it began (at a line end left by the record before, or at a blank
    /// line, csv-core skips those), or `None` at the end.
    fn next_record(&mut self) -> Option<usize> {
        if self.done {
            return None;
        }
        let start = self.pos;
        let (mut out, mut ends) = (0, 0);
        loop {
            let core = self.core.as_mut()?;
            let (result, nin, nout, nends) = core.read_record(
                self.input.get(self.pos..).unwrap_or_default(),
                &mut self.out[out..],
                &mut self.ends[ends..],
            );
            self.pos += nin;
            out += nout;
            ends += nends;
            match result {
                // At the end of the input, the next call (with no input)
                // finishes the last record.
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    let len = self.out.len();
                    self.out.resize(len * 2, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len();
                    self.ends.resize(len * 2, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    self.fields = ends;
                    return Some(start);
                }
                csv_core::ReadRecordResult::End => {
                    self.done = true;
                    return None;
                }
            }
        }
    }

    /// The number of fields in the current record.
    fn len(&self) -> usize {
        self.fields
    }

    /// Field `i` of the current record.
    fn get(&self, i: usize) -> Option<&[u8]> {
        if i >= self.fields {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.out.get(start..self.ends[i])
    }

    /// Bytes of the input read so far.
    fn consumed(&self) -> usize {
        self.pos
    }
}

thread_local! {
    /// A parser for the next [`Records`] on this thread.
    static PARSER: std::cell::RefCell<Option<csv_core::Reader>> = const { std::cell::RefCell::new(None) };
}

impl Drop for Records<'_> {
    fn drop(&mut self) {
        if let Some(core) = self.core.take() {
            let _ = PARSER.try_with(|p| p.borrow_mut().replace(core));
        }
    }
}

/// Parses the records of `chunk`, with a reader of its own or with
/// `(reader, offset)`: a reader already at the chunk's start, whose byte
/// positions count from `offset` bytes before it.
fn parse_part<'a>(ctx: &Body, chunk: &'a [u8], with: Option<(Records<'a>, usize)>) -> Part {
    let spec = ctx.spec;
    let file = ctx.file;
    let width = ctx.width;
    // Room for the rows, guessed from the lines in the first 64 KiB.
    let sample = &chunk[..chunk.len().min(1 << 16)];
    let per_line = sample.len() / memchr::memchr_iter(b'\n', sample).count().max(1);
    let rows = chunk.len() / per_line.max(1) + 1;
    let mut part = Part {
        columns: spec
            .columns
            .iter()
            .map(|c| Values::new(c.kind, rows))
            .collect(),
        lines: Vec::with_capacity(rows),
        invalid: Default::default(),
        problems: Vec::new(),
        newlines: 0,
        ended_in_quotes: false,
    };
    // One check of the whole chunk; then fields need none of their own.
    let all_utf8 = std::str::from_utf8(chunk).is_ok();
    let (mut record, offset) = with.unwrap_or_else(|| (Records::new(chunk), 0));
    let mut last_field_ends_in_line_feed = false;
    // Lines are counted from byte offsets: a record's reported start can be
    // the line feed of a CRLF, or a blank line, before it.
    let (mut counted_to, mut newlines) = (0usize, 0u64);
    while let Some(at) = record.next_record() {
        last_field_ends_in_line_feed = record
            .get(record.len().saturating_sub(1))
            .is_some_and(|f| f.last() == Some(&b'\n'));
        let mut start = at.saturating_sub(offset);
        while matches!(chunk.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if let Some(skipped) = chunk.get(counted_to..start) {
            newlines += memchr::memchr_iter(b'\n', skipped).count() as u64;
            counted_to = start;
        }
        let line = newlines + 1;
        if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
            continue; // a blank line
        }
        if record.len() != width {
            part.problems.push(Problem::at(
                file,
                line,
                Some(record.len().min(width) + 1),
                format!("row has {} fields; the header has {width}", record.len()),
                None,
            ));
        }
        part.lines.push(line);
        let row = part.lines.len() - 1;
        if row == SAMPLE_ROWS {
            // Reserve each text column's room from its first rows, so a
            // large chunk's buffers are not regrown (and recopied) as they
            // fill.
            let rows_left = (chunk.len() - start) / (start / SAMPLE_ROWS).max(1) + 1;
            for values in &mut part.columns {
                if let Values::Text(t) | Values::List(t) = values {
                    t.reserve_like_so_far(rows_left);
                }
            }
        }
        for (k, c) in spec.columns.iter().enumerate() {
            let column = ctx.positions[k];
            let field = column.and_then(|p| record.get(p - 1));
            let values = &mut part.columns[k];
            let Some(field) = field else {
                values.push_null();
                continue;
            };
            let text = if all_utf8 {
                // SAFETY: the chunk is valid UTF-8 and the csv reader splits
                // it only at ASCII bytes (commas, quotes, line ends), which
                // never fall inside a multi-byte character.
                unsafe { std::str::from_utf8_unchecked(field) }
            } else {
                match std::str::from_utf8(field) {
                    Ok(t) => t,
                    Err(e) => {
                        let bad = &field[e.valid_up_to()..field.len().min(e.valid_up_to() + 4)];
                        part.problems.push(Problem::at(
                            file,
                            line,
                            column,
                            format!("column '{}': not valid UTF-8 (bytes {bad:02X?})", c.name),
                            Some(&String::from_utf8_lossy(field)),
                        ));
                        values.push_null();
                        part.invalid.insert((row, k));
                        continue;
                    }
                }
            };
            if text.is_empty() {
                if c.required {
                    part.problems.push(Problem::at(
                        file,
                        line,
                        column,
                        format!("column '{}' is required but empty", c.name),
                        Some(""),
                    ));
                }
                values.push_null();
                continue;
            }
            if let Err(msg) = push(values, c.kind, text) {
                part.problems.push(Problem::at(
                    file,
                    line,
                    column,
                    format!("column '{}': {msg}", c.name),
                    Some(text),
                ));
                values.push_null();
                part.invalid.insert((row, k));
            }
        }
    }
    // Inside quotes at the end, the chunk's last field swallowed the line
    // feed the chunk was cut after (a quoted field may end in a line feed
    // legitimately too; then the chunk is merely parsed again).
    part.ended_in_quotes = last_field_ends_in_line_feed;
    part.newlines = newlines
        + memchr::memchr_iter(b'\n', chunk.get(counted_to..).unwrap_or_default()).count() as u64;
    part
}

fn column_list(spec: &Table) -> String {
    spec.columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses one non-empty field and appends it; `Err` says why it is invalid.
fn push(values: &mut Values, kind: Kind, text: &str) -> Result<(), String> {
    match (values, kind) {
        (Values::Text(v), Kind::Enum(allowed)) => {
            if !allowed.contains(&text) {
                return Err(format!(
                    "unknown value; expected one of {}",
                    allowed.join(", ")
                ));
            }
            v.push(Some(text));
        }
        (Values::Text(v), _) => v.push(Some(text)),
        (Values::Integer(v), _) => v.push(Some(
            text.parse::<i64>()
                .map_err(|_| "not a whole number".to_string())?,
        )),
        (Values::Number(v), _) => {
            let x = text
                .parse::<f64>()
                .map_err(|_| "not a number".to_string())?;
            if !x.is_finite() {
                return Err("not a finite number".into());
            }
            v.push(Some(x))
        }
        (Values::Boolean(v), _) => v.push(Some(match text {
            "true" => true,
            "false" => false,
            _ => return Err("not a boolean; expected true or false".into()),
        })),
        (Values::Date(v), _) => v.push(Some(parse_date(text)?)),
        (Values::List(v), _) => {
            let mut trimmed = true;
            for item in text.split(';') {
                let t = item.trim();
                if t.is_empty() {
                    return Err(
                        "list has an empty item (two `;` in a row, or a `;` at an end)".into(),
                    );
                }
                trimmed &= t.len() == item.len();
            }
            // Stored trimmed; most cells already are.
            if trimmed {
                v.push(Some(text));
            } else {
                v.push(Some(
                    &text.split(';').map(str::trim).collect::<Vec<_>>().join(";"),
                ));
            }
        }
    }
    Ok(())
}

/// Parses a `YYYY-MM-DD` date, telling a malformed date from an impossible
/// one (1975-02-30).
///
/// ```
/// use negotiations::load::parse_date;
/// assert!(parse_date("1975-03-01").is_ok());
/// assert_eq!(parse_date("1975-02-30").unwrap_err(), "impossible date (no such day in the calendar)");
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err("not a date; expected YYYY-MM-DD".into());
    }
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    // The shape check makes these digits; no format string to interpret.
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
        .ok_or_else(|| "impossible date (no such day in the calendar)".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parsing in chunks gives what one pass gives: rows, values, lines and
    /// problems, even when cuts fall inside quoted fields with line feeds,
    /// beside blank lines, ragged rows and bad values.
    #[test]
    fn chunked_parse_equals_one_pass() {
        let spec = &crate::approaches::TABLE;
        let mut csv = String::from("dimension,actor,value,description,source_id,quote\n");
        for i in 0..400 {
            match i % 7 {
                0 => csv.push_str(&format!("d{i},a,v,\"line one\nline two\n\",s,q\n")),
                1 => csv.push('\n'),
                2 => csv.push_str(&format!("d{i},a,v\n")),
                3 => csv.push_str(&format!(
                    "d{i},a,v,\"quoted \"\"inner\"\"\nand more\",s,\"q\n\"\n"
                )),
                _ => csv.push_str(&format!("d{i},a,,plain,s,q\r\n")),
            }
        }
        let one = {
            let mut p = Vec::new();
            let t = parse_in(spec, "a.csv", csv.as_bytes(), &mut p, Some(1));
            (t.columns, t.lines, t.invalid, p)
        };
        for n in [2, 3, 5, 16, 64] {
            let mut p = Vec::new();
            let t = parse_in(spec, "a.csv", csv.as_bytes(), &mut p, Some(n));
            assert_eq!(t.columns, one.0, "{n} chunks");
            assert_eq!(t.lines, one.1, "{n} chunks");
            assert_eq!(t.invalid, one.2, "{n} chunks");
            assert_eq!(p, one.3, "{n} chunks");
        }
        assert_eq!(one.1.len(), 400 - 57); // less the blank lines
                                           // Lines as an editor counts them: the row after a blank line, and
                                           // rows after CRLF line ends, on their own lines.
        assert_eq!(one.1[..6], [2, 6, 7, 10, 11, 12]);
        assert!(!one.3.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Whatever the bytes (quotes, line feeds and carriage returns
        /// anywhere, ragged rows, stray quotes mid-field), parsing in any
        /// number of chunks gives exactly what one pass gives.
        #[test]
        fn chunks_never_change_the_result(
            body in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'b', b',', b'"', b'\n', b'\r', b' ', 0xC3, 0xA9]),
                0..600,
            ),
            n in 2usize..9,
        ) {
            let spec = &crate::approaches::TABLE;
            let mut bytes = b"dimension,actor,value,description,source_id,quote\n".to_vec();
            bytes.extend(body);
            let (mut p1, mut pn) = (Vec::new(), Vec::new());
            let one = parse_in(spec, "a.csv", &bytes, &mut p1, Some(1));
            let many = parse_in(spec, "a.csv", &bytes, &mut pn, Some(n));
            proptest::prop_assert_eq!(&one.columns, &many.columns);
            proptest::prop_assert_eq!(&one.lines, &many.lines);
            proptest::prop_assert_eq!(&one.invalid, &many.invalid);
            proptest::prop_assert_eq!(p1, pn);
        }
    }

    #[test]
    fn cuts_fall_after_line_feeds() {
        let body = b"a\nbb\nccc\ndddd\n";
        for cut in chunks(body, 4) {
            assert_eq!(body[cut - 1], b'\n');
        }
        assert!(chunks(b"no line feed at all", 4).is_empty());
    }

    #[test]
    fn dates_are_checked_for_shape_and_calendar() {
        assert_eq!(parse_date("1975-03-01").unwrap().to_string(), "1975-03-01");
        assert!(parse_date("1975-02-30").unwrap_err().contains("impossible"));
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("1975-3-1").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("March 1975").unwrap_err().contains("YYYY-MM-DD"));
    }
}
