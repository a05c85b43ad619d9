//! `tables` and `duration`: a table in a format, and duration phrases normalized.

use super::args::*;
use super::common::*;
use negotiations::export::{self, Format};
use negotiations::{Error, TABLES};

pub(crate) fn tables(args: TablesArgs) -> Result<(), Error> {
    let TablesArgs {
        name,
        format,
        out,
        spreadsheet,
        data,
    } = args;
    if spreadsheet && format != Format::Csv {
        return Err(Error::Invalid(
            "--spreadsheet applies to --format csv".into(),
        ));
    }
    let d = load(&data)?;
    let Some(name) = name else {
        let mut s = String::new();
        for t in TABLES {
            s.push_str(&format!(
                "{:<11} {:>5} rows  {}\n",
                t.name,
                d.table(t.name)?.height(),
                t.row
            ));
        }
        return emit(s.as_bytes(), out.as_deref());
    };
    let table = d.table(&name)?;
    if format == Format::Parquet && out.is_none() {
        return Err(Error::Invalid("parquet is binary: give --out FILE".into()));
    }
    let bytes = match format {
        Format::Csv if spreadsheet => export::csv_for_spreadsheets(table)?,
        Format::Csv => export::csv(table)?,
        Format::Json => export::json(table)?,
        Format::Table => export::text_table(&d.frame(&name)?, 40).into_bytes(),
        Format::Html => export::html_page(&d.frame(&name)?, &name).into_bytes(),
        Format::Parquet => export::parquet(&d.frame(&name)?)?,
    };
    emit(&bytes, out.as_deref())
}

pub(crate) fn sql(args: SqlArgs) -> Result<(), Error> {
    let SqlArgs {
        query,
        format,
        out,
        data,
    } = args;
    if format == Format::Parquet && out.is_none() {
        return Err(Error::Invalid("parquet is binary: give --out FILE".into()));
    }
    let d = load(&data)?;
    let df = negotiations::sql::sql(&d, &query)?;
    let bytes = match format {
        Format::Csv => export::frame_csv(&df)?,
        Format::Json => export::frame_json(&df)?,
        Format::Table => export::text_table(&df, 40).into_bytes(),
        Format::Html => export::html_page(&df, "query").into_bytes(),
        Format::Parquet => export::parquet(&df)?,
    };
    emit(&bytes, out.as_deref())
}

pub(crate) fn duration(args: DurationArgs) -> Result<(), Error> {
    let DurationArgs { phrases, format } = args;
    let results: Vec<_> = phrases
        .iter()
        .map(|p| negotiations::phrase::normalize(p))
        .collect();
    let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    match format {
        TextOrJson::Text => {
            for n in &ok {
                println!(
                    "{:?}: {} {} [{}, {}] days",
                    n.phrase,
                    n.iso,
                    n.modifier.as_str(),
                    n.days_low,
                    n.days_high
                );
            }
        }
        TextOrJson::Json => {
            let value = if phrases.len() == 1 {
                serde_json::to_value(ok.first())
            } else {
                serde_json::to_value(&ok)
            }
            .map_err(json_error)?;
            if !ok.is_empty() {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&value).map_err(json_error)?
                );
            }
        }
    }
    match results.into_iter().find_map(Result::err) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
