//! Every stated span, deadline and pledge as the interval of days its
//! phrase allows, on a log axis: "within 24 hours" runs from nothing to a
//! day, "almost two years" from 657 to 730 days, "seven years ago" is a
//! point. Colour gives what the span is about.
//!
//! ```
//! use negotiations::charts::durations;
//! let data = negotiations::Dataset::embedded()?;
//! let rows = durations::rows(&data)?;
//! assert!(rows.column("band").is_ok());
//! assert!(durations::plot(&rows)?.svg()?.contains("almost two years"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use polars::prelude::*;

use super::{distinct, not_true, only};
use crate::base::codes::{DurationKind, Fate};
use crate::error::Result;
use crate::plot::Plot;
use crate::tables::dataset::Dataset;
use crate::tables::frame::enum_series;

/// One row per stated span with a phrase, shortest first: `band` (the
/// phrase and what it measures, as the chart labels it), `kind`, `phrase`,
/// `days_low`, `days_high`, `exact` (a point rather than a range),
/// `process_id` and `source_id`. Pledges with no time span are left out.
pub fn rows(data: &Dataset) -> Result<DataFrame> {
    let m = data.model();
    let mut ds: Vec<&crate::tables::model::Duration> = m
        .durations
        .iter()
        .filter(|d| d.phrase.is_some() && d.days.is_some())
        .collect();
    ds.sort_by(|a, b| {
        let (a, b) = (a.days.unwrap_or_default(), b.days.unwrap_or_default());
        a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0))
    });
    let phrase = |d: &crate::tables::model::Duration| d.phrase.clone().unwrap_or_default();
    let band: Vec<String> = ds
        .iter()
        .map(|d| format!("“{}” — {}", phrase(d), d.subject))
        .collect();
    let days = |f: fn((f64, f64)) -> f64| ds.iter().map(|d| d.days.map(f)).collect::<Vec<_>>();
    let exact: Vec<bool> = ds
        .iter()
        .map(|d| d.days.is_some_and(|(a, b)| (b - a).abs() < 1e-9))
        .collect();
    let kinds: Vec<Option<DurationKind>> = ds.iter().map(|d| Some(d.kind)).collect();
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
                ds.iter().map(|d| phrase(d)).collect::<Vec<_>>(),
            )
            .into(),
            enum_series("kind", kinds)?,
            enum_series("fate", fates)?,
            Series::new("days_low".into(), days(|d| d.0)).into(),
            Series::new("days_high".into(), days(|d| d.1)).into(),
            Series::new("exact".into(), exact).into(),
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

/// The durations chart of `rows` (as [`rows`] makes them).
pub fn plot(rows: &DataFrame) -> Result<Plot> {
    let order = distinct(rows, "band")?;
    let order: Vec<&str> = order.iter().map(String::as_str).collect();
    let ranges = not_true(rows, "exact")?;
    Ok(Plot::new(&ranges)
        .title("How long, by their own words: every stated span, deadline and pledge")
        .subtitle("Each phrase as the interval of days it allows (log scale): bars for vague or hedged phrases, dots for exact ones; a bar from the left edge starts at zero (\"within 24 hours\").")
        .interval("band", "days_low", "days_high")
        .color("kind")
        .tooltip("phrase")
        .tooltip("days_low")
        .tooltip("days_high")
        .data(&only(rows, "exact", "true")?)
        .point("days_low", "band")
        .color("kind")
        .tooltip("phrase")
        .tooltip("days_low")
        .no_legend()
        .x_log()
        .x_days()
        .x_title("length (log scale)")
        .y_title("")
        .y_order(&order)
        .color_title(""))
}
