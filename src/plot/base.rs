//! What the chart layer needs of the world and keeps to itself, so that it
//! imports nothing of the crate but the error type: escaping text for
//! SVG and HTML, numbers and days as axes show them, saving a file whole,
//! and showing an SVG in a notebook.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// Days in a year and in a month, on average (the Gregorian calendar), for
/// axes of days labelled in months and years.
pub(crate) const DAYS_PER_YEAR: f64 = 365.2425;
pub(crate) const DAYS_PER_MONTH: f64 = DAYS_PER_YEAR / 12.0;

/// Text made safe for HTML and SVG: `<`, `>`, `&`, `"` and `'` escaped.
///
/// ```
/// assert_eq!(negotiations::plot::escape_html("<b>\"A&B\"</b>"), "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;");
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

/// A number as a table or an axis shows it: whole numbers without a
/// fraction, others to four significant digits without trailing zeros.
///
/// ```
/// use negotiations::plot::format_number;
/// assert_eq!((format_number(6.0), format_number(0.529411), format_number(1234.56)), ("6".into(), "0.5294".into(), "1235".into()));
/// ```
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    let digits = (4 - 1 - x.abs().log10().floor() as i32).clamp(0, 10) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Days since 1970-01-01, as a date axis counts them.
pub(crate) fn epoch_day(d: NaiveDate) -> i64 {
    (d - NaiveDate::default()).num_days()
}

/// The date `days` days after 1970-01-01.
pub(crate) fn day_of_epoch(days: i64) -> Option<NaiveDate> {
    NaiveDate::default().checked_add_signed(chrono::Duration::try_days(days)?)
}

/// Writes `bytes` to `path` (making its directory if need be) through a
/// temporary file there, renamed into place: an error never leaves half a
/// figure.
pub(crate) fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |e: std::io::Error| Error::io(path, e);
    // An error about the directory names the directory.
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Prints an SVG for evcxr to show, or the error in words (a chart that
/// cannot be drawn must not cost the notebook its kernel).
pub(crate) fn display_svg(svg: Result<String>) {
    match svg {
        Ok(svg) => println!("EVCXR_BEGIN_CONTENT image/svg+xml\n{svg}\nEVCXR_END_CONTENT"),
        Err(e) => println!("EVCXR_BEGIN_CONTENT text/plain\nerror: {e}\nEVCXR_END_CONTENT"),
    }
}
