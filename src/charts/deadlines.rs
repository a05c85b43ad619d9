//! Two weeks, fifty days, twenty-four hours: Trump's deadlines and pledges,
//! each from the day it was set to the day it fell due, coloured by what
//! became of it; pledges with no time span are a mark on the day they were
//! made.
//!
//! ```
//! use negotiations::charts::deadlines;
//! let data = negotiations::Dataset::embedded()?;
//! let as_of = negotiations::metrics::as_of(&data)?;
//! let rows = deadlines::rows(&data)?;
//! assert!(deadlines::plot(&rows, as_of)?.svg()?.contains("within 50 days"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use polars::prelude::*;

use super::{distinct, marked, present};
use crate::base::codes::{Approach, Fate};
use crate::error::Result;
use crate::plot::Plot;
use crate::tables::dataset::Dataset;
use crate::tables::frame::{date_series, enum_series};

/// One row per deadline or pledge of a Trump process with a date it was
/// set, in the order set: `duration_id`, `band` (its words and subject),
/// `phrase`, `fate`, `set`, `due` (null for a pledge with no span),
/// `outcome` (the fate and when, as the chart labels it), `process_id`,
/// `source_id`.
pub fn rows(data: &Dataset) -> Result<DataFrame> {
    let m = data.model();
    let mut ds: Vec<&crate::tables::model::Duration> = m
        .durations
        .iter()
        .filter(|d| d.kind.is_commitment() && d.set.is_some())
        .filter(|d| {
            d.process
                .is_some_and(|p| m.processes[p].approach == Approach::Trump)
        })
        .collect();
    ds.sort_by_key(|d| (d.set.map(|s| s.first), d.id.clone()));
    let band: Vec<String> = ds
        .iter()
        .map(|d| match &d.phrase {
            Some(p) => format!("“{p}” — {}", d.subject),
            None => format!("(no span) — {}", d.subject),
        })
        .collect();
    let outcome: Vec<String> = ds
        .iter()
        .map(|d| match d.due {
            Some(due) => format!("{} ({})", d.fate, due.first.format("%b %Y")),
            None => d.fate.to_string(),
        })
        .collect();
    let fates: Vec<Option<Fate>> = ds.iter().map(|d| Some(d.fate)).collect();
    Ok(DataFrame::new(
        ds.len(),
        vec![
            Series::new(
                "duration_id".into(),
                ds.iter().map(|d| d.id.clone()).collect::<Vec<_>>(),
            )
            .into(),
            Series::new("band".into(), band).into(),
            Series::new(
                "phrase".into(),
                ds.iter().map(|d| d.phrase.clone()).collect::<Vec<_>>(),
            )
            .into(),
            enum_series("fate", fates)?,
            date_series("set", ds.iter().map(|d| d.set.map(|s| s.first)))?.into(),
            date_series("due", ds.iter().map(|d| d.due.map(|s| s.first)))?.into(),
            Series::new("outcome".into(), outcome).into(),
            Series::new(
                "process_id".into(),
                ds.iter()
                    .map(|d| d.process.map(|p| m.processes[p].id.clone()))
                    .collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "source_id".into(),
                ds.iter()
                    .map(|d| m.sources[d.source].id.clone())
                    .collect::<Vec<_>>(),
            )
            .into(),
        ],
    )?)
}

/// The deadlines chart of `rows` (as [`rows`] makes them), with the
/// as-of date marked.
pub fn plot(rows: &DataFrame, as_of: NaiveDate) -> Result<Plot> {
    let order = distinct(rows, "band")?;
    let order: Vec<&str> = order.iter().map(String::as_str).collect();
    let set = marked(rows, "when set")?;
    let spans = present(rows, "due")?;
    let due = marked(&spans, "when due")?;
    Ok(Plot::new(&spans)
        .title("Two weeks, fifty days, twenty-four hours: Trump's deadlines and what became of them")
        .subtitle("From the day each deadline or pledge was set to the day it fell due; colour gives its fate. \"Two weeks is the standard unit of time for Mr. Trump to demand results\" (strategic_muddle).")
        .interval("band", "set", "due")
        .color("fate")
        .opacity(0.45)
        .no_legend()
        .data(&set)
        .point("set", "band")
        .color("fate")
        .shape("mark")
        .tooltip("phrase")
        .tooltip("set")
        .data(&due)
        .point("due", "band")
        .color("fate")
        .shape("mark")
        .label("outcome")
        .tooltip("outcome")
        .no_legend()
        .shape_map(&[("when set", "circle-open"), ("when due", "diamond")])
        .rule_x(as_of, &format!("as of {as_of}"))
        .x_title("")
        .y_title("")
        .y_order(&order)
        .color_title(""))
}
