//! Did it last? Each agreement from signing to the day it stopped holding,
//! or to the as-of date while it holds. An agreement still holding has not
//! ended: its bar is censored (▶ at its end), and says "so far"; a
//! superseded one was replaced, not broken. Colour gives whether it held.
//!
//! ```
//! use negotiations::charts::outcomes;
//! let data = negotiations::Dataset::embedded()?;
//! let as_of = negotiations::metrics::as_of(&data)?;
//! let rows = outcomes::rows(&data, as_of)?;
//! assert!(outcomes::plot(&rows, as_of)?.svg()?.contains("Good Friday"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use polars::prelude::*;

use super::{distinct, marked, only};
use crate::base::codes::{Approach, Held};
use crate::error::Result;
use crate::plot::{Plot, human_days, theme::palette};
use crate::tables::dataset::Dataset;
use crate::tables::frame::{date_series, enum_series};

/// One row per dated agreement, oldest first: `outcome_id`, `band` (its
/// name, year, style and how long it held, as the chart labels it),
/// `approach`, `held`, `date`, `until` (the end of its span), `days_low`,
/// `days_high`, `failed`, `censored` (still holding or superseded: it held
/// at least this long), `source_id`.
pub fn rows(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    let m = data.model();
    let mut os: Vec<(&crate::tables::model::Outcome, crate::tables::model::Spell)> = m
        .outcomes
        .iter()
        .filter_map(|o| Some((o, o.spell(as_of)?)))
        .collect();
    os.sort_by_key(|(o, _)| (o.date.map(|d| d.first), o.id.clone()));
    let style = |a: Approach| match a {
        Approach::Kissinger => "Kissinger",
        Approach::Trump => "Trump",
        Approach::Roosevelt => "Roosevelt",
        Approach::Other => "other",
    };
    let band: Vec<String> = os
        .iter()
        .map(|(o, s)| {
            let p = &m.processes[o.process];
            let year = o
                .date
                .map(|d| d.first.format("%Y").to_string())
                .unwrap_or_default();
            let span = human_days(s.days.0 as f64);
            let how = match o.held {
                Held::Held | Held::Fragile => format!("{}, {span} so far", o.held),
                Held::Superseded => format!("superseded after {span}"),
                other => format!("{other} after {span}"),
            };
            let _ = style(p.approach);
            format!("{} ({year}) — {how}", o.name)
        })
        .collect();
    let n = os.len();
    Ok(DataFrame::new(
        n,
        vec![
            Series::new(
                "outcome_id".into(),
                os.iter().map(|(o, _)| o.id.clone()).collect::<Vec<_>>(),
            )
            .into(),
            Series::new("band".into(), band).into(),
            enum_series(
                "approach",
                os.iter()
                    .map(|(o, _)| Some(m.processes[o.process].approach)),
            )?,
            enum_series("held", os.iter().map(|(o, _)| Some(o.held)))?,
            date_series("date", os.iter().map(|(o, _)| o.date.map(|d| d.first)))?.into(),
            date_series("until", os.iter().map(|(_, s)| Some(s.until)))?.into(),
            Series::new(
                "days_low".into(),
                os.iter().map(|(_, s)| s.days.0).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "days_high".into(),
                os.iter().map(|(_, s)| s.days.1).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "failed".into(),
                os.iter().map(|(_, s)| s.failed).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "censored".into(),
                os.iter().map(|(_, s)| !s.failed).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "still_holding".into(),
                os.iter()
                    .map(|(o, s)| !s.failed && !o.held.has_end())
                    .collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "source_id".into(),
                os.iter()
                    .map(|(o, _)| m.sources[o.source].id.clone())
                    .collect::<Vec<_>>(),
            )
            .into(),
        ],
    )?)
}

/// The outcomes chart of `rows` (as [`rows`] makes them), with the as-of
/// date marked.
pub fn plot(rows: &DataFrame, as_of: NaiveDate) -> Result<Plot> {
    let order = distinct(rows, "band")?;
    let order: Vec<&str> = order.iter().map(String::as_str).collect();
    let open = marked(
        &only(rows, "still_holding", "true")?,
        "still holding: at least this long (censored)",
    )?;
    Ok(Plot::new(rows)
        .title("Did it last? Every agreement from signing to its end, or to today")
        .subtitle(&format!("Bars run from signing to the day an agreement was suspended, replaced or broken, or to {as_of} while it holds (▶: still holding, so it held at least that long; not an end)."))
        .interval("band", "date", "until")
        .color("held")
        .tooltip("outcome_id")
        .tooltip("approach")
        .tooltip("date")
        .tooltip("until")
        .data(&open)
        .point("until", "band")
        .shape("mark")
        .paint(palette::DARK)
        .shape_map(&[("still holding: at least this long (censored)", "arrow")])
        .rule_x(as_of, &format!("as of {as_of}"))
        .x_title("")
        .y_title("")
        .y_order(&order)
        .color_title(""))
}
