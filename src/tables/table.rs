//! A table as read from its CSV file: its columns of typed values, the
//! line each row came from, and where each column sits in the file, so a
//! problem found later can still be reported at its file, line and column.

use chrono::NaiveDate;

use crate::error::Problem;
use crate::tables::schema::{Kind, Table};

/// Text cells stored end to end in one buffer: a column of a million cells
/// is a few allocations rather than a million, which is most of what makes
/// loading large tables fast. A file parsed in chunks gives a column of
/// several such buffers, joined without copying.
///
/// ```
/// use negotiations::table::Texts;
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
    pub(crate) fn reserve_like_so_far(&mut self, rows: usize) {
        if let Some(seg) = self.segments.last_mut() {
            let per_cell = seg.bytes.len() / seg.ends.len().max(1);
            seg.bytes.reserve(rows * per_cell + rows * per_cell / 8);
            seg.ends.reserve(rows);
            seg.present.reserve(rows);
        }
    }

    /// Appends all of `other`'s cells, moving its buffers.
    pub(crate) fn append(&mut self, other: Texts) {
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
    pub(crate) fn new(kind: Kind, rows: usize) -> Values {
        match kind {
            Kind::Text | Kind::Enum(_) => Values::Text(Texts::with_capacity(rows, 0)),
            Kind::Integer => Values::Integer(Vec::with_capacity(rows)),
            Kind::Number => Values::Number(Vec::with_capacity(rows)),
            Kind::Boolean => Values::Boolean(Vec::with_capacity(rows)),
            Kind::Date => Values::Date(Vec::with_capacity(rows)),
            Kind::List | Kind::IntegerList => Values::List(Texts::with_capacity(rows, 0)),
        }
    }

    pub(crate) fn push_null(&mut self) {
        match self {
            Values::Text(v) | Values::List(v) => v.push(None),
            Values::Integer(v) => v.push(None),
            Values::Number(v) => v.push(None),
            Values::Boolean(v) => v.push(None),
            Values::Date(v) => v.push(None),
        }
    }

    /// Appends `other`'s values (of the same kind).
    pub(crate) fn append(&mut self, other: Values) {
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
    /// assert_eq!(by_process["trump_ukraine"].len(), 61);
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
