//! Reading one CSV file against its schema: every field parsed to its
//! column's type, every problem collected with its position.

use chrono::NaiveDate;

use crate::error::Problem;
use crate::schema::{Kind, Table};

/// A column's parsed values, one entry per row (`None` for an empty cell).
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text and enum columns.
    Text(Vec<Option<String>>),
    /// Integer columns.
    Integer(Vec<Option<i64>>),
    /// Number columns.
    Number(Vec<Option<f64>>),
    /// Boolean columns.
    Boolean(Vec<Option<bool>>),
    /// Date columns.
    Date(Vec<Option<NaiveDate>>),
    /// List columns.
    List(Vec<Option<Vec<String>>>),
}

impl Values {
    fn new(kind: Kind, rows: usize) -> Values {
        match kind {
            Kind::Text | Kind::Enum(_) => Values::Text(Vec::with_capacity(rows)),
            Kind::Integer => Values::Integer(Vec::with_capacity(rows)),
            Kind::Number => Values::Number(Vec::with_capacity(rows)),
            Kind::Boolean => Values::Boolean(Vec::with_capacity(rows)),
            Kind::Date => Values::Date(Vec::with_capacity(rows)),
            Kind::List => Values::List(Vec::with_capacity(rows)),
        }
    }

    fn push_null(&mut self) {
        match self {
            Values::Text(v) => v.push(None),
            Values::Integer(v) => v.push(None),
            Values::Number(v) => v.push(None),
            Values::Boolean(v) => v.push(None),
            Values::Date(v) => v.push(None),
            Values::List(v) => v.push(None),
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Text(v) => v.len(),
            Values::Integer(v) => v.len(),
            Values::Number(v) => v.len(),
            Values::Boolean(v) => v.len(),
            Values::Date(v) => v.len(),
            Values::List(v) => v.len(),
        }
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether row `i` is empty.
    pub fn is_null(&self, i: usize) -> bool {
        match self {
            Values::Text(v) => v[i].is_none(),
            Values::Integer(v) => v[i].is_none(),
            Values::Number(v) => v[i].is_none(),
            Values::Boolean(v) => v[i].is_none(),
            Values::Date(v) => v[i].is_none(),
            Values::List(v) => v[i].is_none(),
        }
    }

    /// Row `i` as it would be written in the CSV (empty for null).
    pub fn render(&self, i: usize) -> String {
        match self {
            Values::Text(v) => v[i].clone().unwrap_or_default(),
            Values::Integer(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Values::Number(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Values::Boolean(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Values::Date(v) => v[i].map(|x| x.to_string()).unwrap_or_default(),
            Values::List(v) => v[i].as_ref().map(|x| x.join(";")).unwrap_or_default(),
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
            Values::Text(v) => v[row].as_deref(),
            _ => None,
        }
    }

    /// Date of row `row` in column `name`.
    pub fn date(&self, name: &str, row: usize) -> Option<NaiveDate> {
        match self.values(name)? {
            Values::Date(v) => v[row],
            _ => None,
        }
    }

    /// Number of row `row` in column `name`.
    pub fn number(&self, name: &str, row: usize) -> Option<f64> {
        match self.values(name)? {
            Values::Number(v) => v[row],
            Values::Integer(v) => v[row].map(|x| x as f64),
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
    pub fn groups(&self, name: &str) -> std::collections::HashMap<&str, Vec<usize>> {
        let mut groups: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        if let Some(Values::Text(v)) = self.values(name) {
            for (r, k) in v.iter().enumerate() {
                if let Some(k) = k {
                    groups.entry(k.as_str()).or_default().push(r);
                }
            }
        }
        groups
    }

    /// The first row holding each value of the text column `name` (for a
    /// key column, the row of each key).
    pub fn lookup(&self, name: &str) -> std::collections::HashMap<&str, usize> {
        let mut rows = std::collections::HashMap::new();
        if let Some(Values::Text(v)) = self.values(name) {
            for (r, k) in v.iter().enumerate() {
                if let Some(k) = k {
                    rows.entry(k.as_str()).or_insert(r);
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
        Problem::at(&self.file, self.lines[row], column, message, value)
    }
}

/// Parses `bytes` as the CSV file of `spec`, adding every problem found to
/// `problems`. The result holds every row; a field with a problem is null.
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
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            problems.push(csv_problem(file, &e));
            return empty;
        }
        None => return empty,
    };
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
                        .map(String::from_utf8_lossy)
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ));
        }
    }
    let width = header.len();
    let mut data = TableData { positions, ..empty };
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_problem(file, &e));
                // A CSV syntax error (say, an unclosed quote) leaves no
                // trustworthy record boundary after it.
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
            continue; // a blank line
        }
        if record.len() != width {
            problems.push(Problem::at(
                file,
                line,
                Some(record.len().min(width) + 1),
                format!("row has {} fields; the header has {width}", record.len()),
                None,
            ));
        }
        data.lines.push(line);
        for (k, c) in spec.columns.iter().enumerate() {
            let column = data.positions[k];
            let field = column.and_then(|p| record.get(p - 1));
            let values = &mut data.columns[k];
            let Some(field) = field else {
                values.push_null();
                continue;
            };
            let text = match std::str::from_utf8(field) {
                Ok(t) => t,
                Err(e) => {
                    let bad = &field[e.valid_up_to()..field.len().min(e.valid_up_to() + 4)];
                    problems.push(Problem::at(
                        file,
                        line,
                        column,
                        format!("column '{}': not valid UTF-8 (bytes {bad:02X?})", c.name),
                        Some(&String::from_utf8_lossy(field)),
                    ));
                    values.push_null();
                    data.invalid.insert((data.lines.len() - 1, k));
                    continue;
                }
            };
            if text.is_empty() {
                if c.required {
                    problems.push(Problem::at(
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
                problems.push(Problem::at(
                    file,
                    line,
                    column,
                    format!("column '{}': {msg}", c.name),
                    Some(text),
                ));
                values.push_null();
                data.invalid.insert((data.lines.len() - 1, k));
            }
        }
    }
    data
}

fn column_list(spec: &Table) -> String {
    spec.columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(",")
}

fn csv_problem(file: &str, e: &csv::Error) -> Problem {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("row has {len} fields; the header has {expected_len}")
        }
        _ => format!("cannot read CSV: {e}"),
    };
    Problem::at(file, line.max(1), None, message, None)
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
            v.push(Some(text.to_string()));
        }
        (Values::Text(v), _) => v.push(Some(text.to_string())),
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
            let items: Vec<String> = text.split(';').map(|s| s.trim().to_string()).collect();
            if items.iter().any(String::is_empty) {
                return Err("list has an empty item (two `;` in a row, or a `;` at an end)".into());
            }
            v.push(Some(items))
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
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| "impossible date (no such day in the calendar)".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_for_shape_and_calendar() {
        assert_eq!(parse_date("1975-03-01").unwrap().to_string(), "1975-03-01");
        assert!(parse_date("1975-02-30").unwrap_err().contains("impossible"));
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("1975-3-1").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("March 1975").unwrap_err().contains("YYYY-MM-DD"));
    }
}
