//! Writing tables out: aligned text, CSV, JSON, HTML and Parquet.
//!
//! CSV and JSON are written from the parsed values, so CSV round-trips the
//! files exactly and JSON gives dates as `"YYYY-MM-DD"` strings, lists as
//! arrays and nulls as `null`. HTML escapes every cell and header, so text
//! from the data (`<script>`, `&`, quotes) stays inert. Parquet keeps the
//! polars dtypes: dates stay dates, codes stay enums.

use std::fmt::Write as _;

use polars::prelude::*;
use serde_json::{Map, Value};

use crate::load::{TableData, Values};
use crate::{Error, Result};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
                return Err(Error::Other(format!(
                    "unknown format {s:?}; use table, csv, json, html or parquet"
                )))
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
    let other = |e: csv::Error| Error::Other(format!("writing CSV: {e}"));
    w.write_record(t.spec.columns.iter().map(|c| c.name))
        .map_err(other)?;
    for row in 0..t.height() {
        w.write_record(t.columns.iter().map(|v| v.render(row)))
            .map_err(other)?;
    }
    w.into_inner()
        .map_err(|e| Error::Other(format!("writing CSV: {e}")))
}

/// The parsed table as a JSON array of row objects.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let json = negotiations::export::json(data.table("meetings")?)?;
/// let rows: serde_json::Value = serde_json::from_slice(&json)?;
/// assert_eq!(rows[0]["date"], "1975-03-01");
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
    let mut out =
        serde_json::to_vec_pretty(&rows).map_err(|e| Error::Other(format!("writing JSON: {e}")))?;
    out.push(b'\n');
    Ok(out)
}

/// A DataFrame as Parquet.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let bytes = negotiations::export::parquet(&data.frame("outcomes")?)?;
/// assert_eq!(&bytes[..4], b"PAR1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "parquet")]
pub fn parquet(df: &DataFrame) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    ParquetWriter::new(&mut buf).finish(&mut df.clone())?;
    Ok(buf)
}

/// Escapes text for HTML element content and attribute values.
///
/// ```
/// assert_eq!(negotiations::export::escape_html(r#"<script>"a"&'b'"#), "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;");
/// ```
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
    let n = df.height();
    let (head, tail) = match max_rows {
        Some(m) if n > m => (m.div_ceil(2), m / 2),
        _ => (n, 0),
    };
    let mut s = String::from("<table class=\"negotiations\">\n");
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
    let row = |s: &mut String, i: usize| {
        s.push_str("<tr>");
        for c in df.columns() {
            let text = c.get(i).map(|v| cell_text(&v)).unwrap_or_default();
            let _ = write!(s, "<td>{}</td>", escape_html(&text));
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
    s.push_str("</tbody>\n</table>\n");
    s
}
