//! The articles' contrast, dimension by dimension: each actor's coded
//! approach as a cell of a dimension × actor grid (Kissinger, Trump, then
//! Roosevelt, Putin and the authors' recommendations).
//!
//! ```
//! use negotiations::charts::approaches;
//! let data = negotiations::Dataset::embedded()?;
//! let rows = approaches::rows(&data)?;
//! assert!(approaches::plot(&rows)?.svg()?.contains("sprint"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use polars::prelude::*;

use crate::error::Result;
use crate::plot::Plot;
use crate::tables::dataset::Dataset;

/// The actors' columns, left to right.
const ACTORS: [&str; 5] = ["kissinger", "trump", "roosevelt", "putin", "recommended"];

/// One row per coding: `dimension`, `actor`, `value` (the code, as the
/// cell shows it, with spaces for underscores), `description`,
/// `source_id`.
pub fn rows(data: &Dataset) -> Result<DataFrame> {
    let m = data.model();
    let a = &m.approaches;
    Ok(DataFrame::new(
        a.len(),
        vec![
            Series::new(
                "dimension".into(),
                a.iter()
                    .map(|c| c.dimension.replace('_', " "))
                    .collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "actor".into(),
                a.iter().map(|c| c.actor.clone()).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "value".into(),
                a.iter()
                    .map(|c| c.value.replace('_', " "))
                    .collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "description".into(),
                a.iter().map(|c| c.description.clone()).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "source_id".into(),
                a.iter()
                    .map(|c| m.sources[c.source].id.clone())
                    .collect::<Vec<_>>(),
            )
            .into(),
        ],
    )?)
}

/// The approaches grid of `rows` (as [`rows`] makes them).
pub fn plot(rows: &DataFrame) -> Result<Plot> {
    Ok(Plot::new(rows)
        .title("Marathon or sprint, dimension by dimension")
        .subtitle("How the articles characterize each negotiator's approach; an empty cell: the articles say nothing of it.")
        .heat("actor", "dimension", "actor")
        .label("value")
        .tooltip("description")
        .x_order(&ACTORS)
        .x_title("")
        .y_title("")
        .color_title(""))
}
