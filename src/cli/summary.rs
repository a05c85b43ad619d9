//! `summary`: the Kissinger-versus-Trump comparison.

use super::args::*;
use super::common::*;
use negotiations::chrono::NaiveDate;
use negotiations::export::{self, Format};
use negotiations::polars::prelude::DataFrame;
use negotiations::{Error, metrics};

pub(crate) fn run(args: SummaryArgs) -> Result<(), Error> {
    let SummaryArgs {
        as_of,
        pooled,
        format,
        data,
    } = args;
    let d = load(&data)?;
    let as_of = match as_of {
        Some(a) => a,
        None => metrics::as_of(&d)?,
    };
    let scope = if pooled {
        metrics::Scope::Pooled
    } else {
        metrics::Scope::Mediation
    };
    let df = metrics::summary_of(&d, as_of, scope)?;
    let bytes = match format {
        Format::Table => summary_text(&df, as_of)?.into_bytes(),
        Format::Html => export::html_page(&df, "Kissinger vs Trump").into_bytes(),
        Format::Csv => export::frame_csv(&df)?,
        Format::Json => export::frame_json(&df)?,
        Format::Parquet => {
            return Err(Error::Invalid(
                "summary is not written as parquet; use csv or json".into(),
            ));
        }
    };
    emit(&bytes, None)
}

/// The summary for the terminal: the table, with each caveat as a
/// numbered note under it.
pub(crate) fn summary_text(df: &DataFrame, as_of: NaiveDate) -> Result<String, Error> {
    let (table, notes) = metrics::summary_display(df)?;
    let mut out = format!(
        "Kissinger vs Trump, as of {as_of}; in brackets, how many of `of` each figure rests on\n\n{}",
        export::text_table(&table, 70)
    );
    if !notes.is_empty() {
        out.push_str("\nWhat these figures cannot compare:\n");
        for (i, n) in notes.iter().enumerate() {
            out.push_str(&format!("[{}] {n}\n", i + 1));
        }
    }
    Ok(out)
}
