//! Writing tables out: aligned text, CSV, JSON, HTML and Parquet.
//!
//! CSV and JSON of a data table are written from the parsed values, so CSV
//! round-trips the files exactly and JSON gives dates as `"YYYY-MM-DD"`
//! strings, lists as arrays and nulls as `null`; [`frame_csv`] and
//! [`frame_json`] do the same for any DataFrame (a metric, a query's
//! answer). None of them needs polars' own CSV or JSON writers, which would
//! bring polars' streaming engine and a cloud stack into every build.
//! HTML escapes every cell and header, so text from the data (`<script>`,
//! `&`, quotes) stays inert. Parquet (the `parquet` feature) keeps the
//! polars dtypes: dates stay dates, codes stay enums.

use std::fmt::Write as _;

use polars::prelude::*;
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::tables::schema::Kind;
use crate::tables::table::{TableData, Values};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// An aligned text table for the terminal (polars' display).
    Table,
    /// RFC 4180 CSV, as in `data/`.
    Csv,
    /// A JSON array of row objects.
    Json,
    /// An HTML `<table>`, every cell escaped.
    Html,
    /// Apache Parquet, keeping dtypes.
    Parquet,
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        Ok(match s {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            "html" => Format::Html,
            "parquet" => Format::Parquet,
            _ => {
                return Err(Error::unknown(
                    "format",
                    s,
                    ["table", "csv", "json", "html", "parquet"],
                ));
            }
        })
    }
}

/// The parsed table as CSV, exactly as the data files are written.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let csv = negotiations::export::csv(data.table("sources")?)?;
/// assert!(csv.starts_with(b"source_id,label,title"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn csv(t: &TableData) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let other = |e: csv::Error| Error::Write {
        format: "CSV",
        message: e.to_string(),
    };
    w.write_record(t.spec.columns.iter().map(|c| c.name))
        .map_err(other)?;
    for row in 0..t.height() {
        w.write_record(t.columns.iter().map(|v| v.render(row)))
            .map_err(other)?;
    }
    w.into_inner().map_err(|e| Error::Write {
        format: "CSV",
        message: e.to_string(),
    })
}

/// The table as CSV for a spreadsheet: [`csv()`], but a text cell that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written
/// with a `'` before it, so a spreadsheet shows it as text instead of
/// running it as a formula (CSV injection). Numbers and dates are never
/// changed. The file no longer reads back as the data (`check` would find
/// the quotes changed): use it to open the table in a spreadsheet, not to
/// exchange data.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let t = data.table("meetings")?;
/// assert_eq!(negotiations::export::csv_for_spreadsheets(t)?, negotiations::export::csv(t)?);
/// assert_eq!(negotiations::export::guard_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(negotiations::export::guard_formula("Kissinger"), "Kissinger");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn csv_for_spreadsheets(t: &TableData) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let other = |e: csv::Error| Error::Write {
        format: "CSV",
        message: e.to_string(),
    };
    w.write_record(t.spec.columns.iter().map(|c| c.name))
        .map_err(other)?;
    let text: Vec<bool> = t
        .spec
        .columns
        .iter()
        .map(|c| matches!(c.kind, Kind::Text | Kind::List | Kind::Enum(_)))
        .collect();
    for row in 0..t.height() {
        let cells = t.columns.iter().zip(&text).map(|(v, &is_text)| {
            let cell = v.render(row);
            if is_text {
                guard_formula(&cell).into_owned()
            } else {
                cell
            }
        });
        w.write_record(cells).map_err(other)?;
    }
    w.into_inner().map_err(|e| Error::Write {
        format: "CSV",
        message: e.to_string(),
    })
}

/// A text cell a spreadsheet would run as a formula, with a `'` before it;
/// any other cell as it is.
pub fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// The parsed table as a JSON array of row objects.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let json = negotiations::export::json(data.table("meetings")?)?;
/// let rows: serde_json::Value = serde_json::from_slice(&json)?;
/// assert_eq!(rows[0]["date"], "1973-11-07");
/// assert_eq!(rows[0]["participants"][0], "Henry Kissinger");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn json(t: &TableData) -> Result<Vec<u8>> {
    let rows: Vec<Value> = (0..t.height())
        .map(|row| {
            let mut obj = Map::new();
            for (c, v) in t.spec.columns.iter().zip(&t.columns) {
                let value = match v {
                    Values::Text(x) => x.get(row).map(Value::from),
                    Values::Integer(x) => x[row].map(Value::from),
                    Values::Number(x) => x[row].map(Value::from),
                    Values::Boolean(x) => x[row].map(Value::from),
                    Values::Date(x) => x[row].map(|d| Value::from(d.to_string())),
                    Values::List(x) => x
                        .get(row)
                        .map(|cell| Value::from(cell.split(';').collect::<Vec<_>>())),
                };
                obj.insert(c.name.to_string(), value.unwrap_or(Value::Null));
            }
            Value::Object(obj)
        })
        .collect();
    json_rows(&rows)
}

fn json_rows(rows: &[Value]) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(rows).map_err(|e| Error::Write {
        format: "JSON",
        message: e.to_string(),
    })?;
    out.push(b'\n');
    Ok(out)
}

/// Any DataFrame as CSV: a header, then a line per row; dates as
/// `YYYY-MM-DD`, lists `;`-joined as in the data files, null as empty.
///
/// ```
/// use negotiations::polars::prelude::*;
/// let df = df!("metric" => ["processes", "share"], "trump" => [Some(6.0), None])?;
/// let csv = negotiations::export::frame_csv(&df)?;
/// assert_eq!(String::from_utf8(csv)?, "metric,trump\nprocesses,6.0\nshare,\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn frame_csv(df: &DataFrame) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let other = |e: csv::Error| Error::Write {
        format: "CSV",
        message: e.to_string(),
    };
    w.write_record(df.get_column_names().iter().map(|n| n.as_str()))
        .map_err(other)?;
    for i in 0..df.height() {
        let row: Vec<String> = df
            .columns()
            .iter()
            .map(|c| c.get(i).map(|v| csv_cell(&v)).unwrap_or_default())
            .collect();
        w.write_record(&row).map_err(other)?;
    }
    w.into_inner().map_err(|e| Error::Write {
        format: "CSV",
        message: e.to_string(),
    })
}

/// A cell as the data files write it: lists `;`-joined, floats as Rust
/// prints them (`6.0`), null as empty.
fn csv_cell(v: &AnyValue) -> String {
    match v {
        AnyValue::List(s) => (0..s.len())
            .map(|i| s.get(i).map(|x| csv_cell(&x)).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(";"),
        AnyValue::Float64(x) => format!("{x:?}"),
        AnyValue::Float32(x) => format!("{x:?}"),
        other => cell_text(other),
    }
}

/// Any DataFrame as a JSON array of row objects: numbers as numbers, dates
/// as `"YYYY-MM-DD"`, lists as arrays, null as `null`.
///
/// ```
/// use negotiations::polars::prelude::*;
/// let df = df!("metric" => ["processes"], "trump" => [6.0])?;
/// let rows: serde_json::Value = serde_json::from_slice(&negotiations::export::frame_json(&df)?)?;
/// assert_eq!(rows[0]["trump"], 6.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn frame_json(df: &DataFrame) -> Result<Vec<u8>> {
    let names = df.get_column_names();
    let rows: Vec<Value> = (0..df.height())
        .map(|i| {
            let mut obj = Map::new();
            for (name, c) in names.iter().zip(df.columns()) {
                let v = c.get(i).map(|v| json_value(&v)).unwrap_or(Value::Null);
                obj.insert(name.to_string(), v);
            }
            Value::Object(obj)
        })
        .collect();
    json_rows(&rows)
}

fn json_value(v: &AnyValue) -> Value {
    match v {
        AnyValue::Null => Value::Null,
        AnyValue::Boolean(b) => Value::from(*b),
        AnyValue::Int8(x) => Value::from(*x),
        AnyValue::Int16(x) => Value::from(*x),
        AnyValue::Int32(x) => Value::from(*x),
        AnyValue::Int64(x) => Value::from(*x),
        AnyValue::UInt8(x) => Value::from(*x),
        AnyValue::UInt16(x) => Value::from(*x),
        AnyValue::UInt32(x) => Value::from(*x),
        AnyValue::UInt64(x) => Value::from(*x),
        AnyValue::Float32(x) => Value::from(f64::from(*x)),
        AnyValue::Float64(x) => Value::from(*x),
        AnyValue::List(s) => Value::Array(
            (0..s.len())
                .map(|i| s.get(i).map(|x| json_value(&x)).unwrap_or(Value::Null))
                .collect(),
        ),
        other => Value::from(cell_text(other)),
    }
}

/// A DataFrame as Parquet, readable by polars, DuckDB, pyarrow and pandas.
///
/// polars writes the Arrow schema it reads back into the file's metadata,
/// in its newest form (`string_view` text); pyarrow takes that schema too,
/// and pandas cannot convert a list of `string_view` ("Not implemented type
/// for Arrow list to pandas"). So the schema written here is the same
/// columns in the oldest, most widely read Arrow form (`large_string`):
/// the values are the same, every reader reads them, and polars still
/// reads dates as dates and codes as enums.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let bytes = negotiations::export::parquet(&data.frame("outcomes")?)?;
/// assert_eq!(&bytes[..4], b"PAR1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "parquet")]
pub fn parquet(df: &DataFrame) -> Result<Vec<u8>> {
    let arrow = df.schema().to_arrow(CompatLevel::oldest());
    let key = polars_parquet::arrow::write::schema_to_metadata_key(&arrow);
    let metadata = KeyValueMetadata::from_static(vec![(key.key, key.value.unwrap_or_default())]);
    let mut buf = Vec::new();
    ParquetWriter::new(&mut buf)
        .with_key_value_metadata(Some(metadata))
        .finish(&mut df.clone())?;
    Ok(buf)
}

/// Without the `parquet` feature: an error that says how to get it.
#[cfg(not(feature = "parquet"))]
pub fn parquet(_df: &DataFrame) -> Result<Vec<u8>> {
    Err(Error::MissingFeature {
        what: "Parquet output".into(),
        feature: "parquet",
    })
}

/// Escapes text for HTML element content and attribute values.
///
/// ```
/// assert_eq!(negotiations::export::escape_html(r#"<script>"a"&'b'"#), "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;");
/// ```
pub fn escape_html(s: &str) -> String {
    crate::plot::escape_html(s)
}

/// One cell as plain text: strings without quotes, lists joined with `; `,
/// null as empty.
pub fn cell_text(v: &AnyValue) -> String {
    match v {
        AnyValue::Null => String::new(),
        AnyValue::String(s) => s.to_string(),
        AnyValue::StringOwned(s) => s.to_string(),
        AnyValue::List(s) => (0..s.len())
            .map(|i| s.get(i).map(|x| cell_text(&x)).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("; "),
        other => {
            let s = other.to_string();
            s.trim_matches('"').to_string()
        }
    }
}

/// A DataFrame as a Markdown (GitHub) table: a header, its rule and a line
/// per row, every cell as [`cell_text`] writes it, with `|` escaped and
/// line breaks folded to spaces, for a report or a generated page.
///
/// ```
/// use negotiations::polars::prelude::*;
/// let df = df!("metric" => ["a|b"], "n" => [2i64])?;
/// assert_eq!(negotiations::export::markdown(&df), "| metric | n |\n|---|---|\n| a\\|b | 2 |\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn markdown(df: &DataFrame) -> String {
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let mut out = format!(
        "| {} |\n|{}\n",
        names.join(" | "),
        "---|".repeat(names.len())
    );
    for row in 0..df.height() {
        let cells: Vec<String> = df
            .columns()
            .iter()
            .map(|c| {
                let v = c.get(row).map(|v| cell_text(&v)).unwrap_or_default();
                v.replace('|', "\\|").replace(['\n', '\r'], " ")
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// A DataFrame as an aligned text table for the terminal: a header, a
/// rule, and a line per row, numbers right-aligned and shown as
/// [`display_cell`] shows them, text cut at `max_chars` characters.
///
/// ```
/// use negotiations::polars::prelude::*;
/// let df = df!("metric" => ["processes", "leader share"], "trump" => [6.0, 0.529411])?;
/// let t = negotiations::export::text_table(&df, 40);
/// assert_eq!(t, "metric        trump\n------------  ------\nprocesses          6\nleader share  0.5294\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn text_table(df: &DataFrame, max_chars: usize) -> String {
    let numeric: Vec<bool> = df
        .columns()
        .iter()
        .map(|c| c.dtype().is_primitive_numeric())
        .collect();
    let cut = |t: String| -> String {
        if t.chars().count() <= max_chars {
            return t;
        }
        let head: String = t.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", head.trim_end())
    };
    let mut cells: Vec<Vec<String>> = vec![
        df.get_column_names()
            .iter()
            .map(|n| cut(n.to_string()))
            .collect(),
    ];
    for i in 0..df.height() {
        cells.push(
            df.columns()
                .iter()
                .map(|c| {
                    c.get(i)
                        .map(|v| cut(display_cell(&v).0))
                        .unwrap_or_default()
                })
                .collect(),
        );
    }
    let widths: Vec<usize> = (0..df.width())
        .map(|k| {
            cells
                .iter()
                .map(|r| r[k].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in cells.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let pad = widths[k] - c.chars().count();
                if numeric[k] && i > 0 {
                    format!("{}{c}", " ".repeat(pad))
                } else if k + 1 == row.len() {
                    c.clone()
                } else {
                    format!("{c}{}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
            out.push_str(&rule.join("  "));
            out.push('\n');
        }
    }
    out
}

/// Text cells longer than this are cut in HTML tables (the whole text is
/// in the cell's `title`, shown on hover).
pub const HTML_CELL_CHARS: usize = 60;

/// A cell as an HTML table shows it: integers as integers (a float that is
/// a whole number, such as a count in a column of mixed metrics, as one),
/// other floats to four significant digits, long text cut with an
/// ellipsis. Returns the shown text and, when it was shortened, the whole.
///
/// ```
/// use negotiations::export::display_cell;
/// use negotiations::polars::prelude::AnyValue;
/// assert_eq!(display_cell(&AnyValue::Float64(4.0)).0, "4");
/// assert_eq!(display_cell(&AnyValue::Float64(0.529411)).0, "0.5294");
/// assert_eq!(display_cell(&AnyValue::Float64(18404.0)).0, "18404");
/// assert_eq!(display_cell(&AnyValue::Float64(2.25)).0, "2.25");
/// let (short, full) = display_cell(&AnyValue::String(&"word ".repeat(40)));
/// assert!(short.ends_with('…') && full.is_some());
/// ```
pub fn display_cell(v: &AnyValue) -> (String, Option<String>) {
    // Four significant digits, without trailing zeros: as the charts'
    // axes and labels show numbers.
    let number = crate::plot::format_number;
    let text = match v {
        AnyValue::Float64(x) => return (number(*x), None),
        AnyValue::Float32(x) => return (number(f64::from(*x)), None),
        other => cell_text(other),
    };
    if text.chars().count() <= HTML_CELL_CHARS {
        return (text, None);
    }
    let cut: String = text.chars().take(HTML_CELL_CHARS - 1).collect();
    (format!("{}…", cut.trim_end()), Some(text))
}

/// The style of the tables [`html_table`] writes: a frame wider than the
/// output scrolls sideways inside its box rather than spilling over the
/// page, and cells stay one line high (long text is cut, see
/// [`display_cell`]).
const TABLE_STYLE: &str = "<style>.negotiations-table{overflow-x:auto;max-width:100%}.negotiations-table table{border-collapse:collapse;font-size:13px}.negotiations-table th,.negotiations-table td{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap;vertical-align:top}.negotiations-table td.num{text-align:right;font-variant-numeric:tabular-nums}.negotiations-table caption{caption-side:top;text-align:left;color:#555}.negotiations-table th small{color:#777;font-weight:normal}</style>";

/// An HTML table of `df`: a header with each column's name and dtype, and
/// the rows; with `max_rows`, the first and last halves of that many rows
/// around an ellipsis row. A caption gives the shape. Every piece of text
/// is escaped.
///
/// ```
/// use negotiations::polars::prelude::*;
/// let df = df!("quote" => ["<script>alert('x')</script> & \"more\""])?;
/// let html = negotiations::export::html_table(&df, None);
/// assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"));
/// assert!(!html.contains("<script>"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn html_table(df: &DataFrame, max_rows: Option<usize>) -> String {
    table_html(df, max_rows, true)
}

/// A whole HTML page holding `df` as a table with every cell in full (long
/// text wraps rather than being cut): what `tables --format html` writes.
/// Every piece of text is escaped.
///
/// ```
/// use negotiations::polars::prelude::*;
/// let df = df!("quote" => ["<b>bold</b> ".repeat(20)])?;
/// let page = negotiations::export::html_page(&df, "quotes");
/// assert!(page.starts_with("<!DOCTYPE html>") && page.contains(&"&lt;b&gt;bold&lt;/b&gt; ".repeat(20)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn html_page(df: &DataFrame, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head><body>\n{}</body></html>\n",
        escape_html(title),
        table_html(df, None, false).replace("white-space:nowrap;", "")
    )
}

fn table_html(df: &DataFrame, max_rows: Option<usize>, cut: bool) -> String {
    let n = df.height();
    let (head, tail) = match max_rows {
        Some(m) if n > m => (m.div_ceil(2), m / 2),
        _ => (n, 0),
    };
    let mut s = String::from(TABLE_STYLE);
    s.push_str("<div class=\"negotiations-table\">\n<table class=\"negotiations\">\n");
    let _ = writeln!(s, "<caption>{} rows × {} columns</caption>", n, df.width());
    s.push_str("<thead><tr>");
    for c in df.columns() {
        let _ = write!(
            s,
            "<th>{}<br><small>{}</small></th>",
            escape_html(c.name()),
            escape_html(&c.dtype().to_string())
        );
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    let numeric: Vec<bool> = df
        .columns()
        .iter()
        .map(|c| c.dtype().is_primitive_numeric())
        .collect();
    let row = |s: &mut String, i: usize| {
        s.push_str("<tr>");
        for (c, &num) in df.columns().iter().zip(&numeric) {
            let (shown, full) = match c.get(i) {
                Ok(v) if cut => display_cell(&v),
                // A file keeps every value as it is.
                Ok(v) => (cell_text(&v), None),
                Err(_) => Default::default(),
            };
            let class = if num { " class=\"num\"" } else { "" };
            match full {
                Some(full) => {
                    let _ = write!(
                        s,
                        "<td{class} title=\"{}\">{}</td>",
                        escape_html(&full),
                        escape_html(&shown)
                    );
                }
                None => {
                    let _ = write!(s, "<td{class}>{}</td>", escape_html(&shown));
                }
            }
        }
        s.push_str("</tr>\n");
    };
    for i in 0..head {
        row(&mut s, i);
    }
    if tail > 0 {
        let _ = writeln!(
            s,
            "<tr><td colspan=\"{}\">… {} more rows …</td></tr>",
            df.width().max(1),
            n - head - tail
        );
        for i in n - tail..n {
            row(&mut s, i);
        }
    }
    s.push_str("</tbody>\n</table>\n</div>\n");
    s
}
