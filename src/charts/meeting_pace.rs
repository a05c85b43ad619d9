//! How often the lead negotiator met the parties: cumulative sessions
//! (`data/CODING.md`, "Sessions and missions") against days since each
//! process began, on a log scale, one step line per process; a total an
//! article states without listing the meetings (the Korean armistice's
//! 575) is drawn dashed, spread evenly over the process.
//!
//! ```
//! use negotiations::charts::meeting_pace;
//! let data = negotiations::Dataset::embedded()?;
//! let rows = meeting_pace::rows(&data)?;
//! assert!(meeting_pace::plot(&rows)?.svg()?.contains("575 meetings"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use polars::prelude::*;

use super::{only, present};
use crate::base::codes::Approach;
use crate::base::dates::days_between;
use crate::error::Result;
use crate::plot::{Plot, theme::palette};
use crate::tables::dataset::Dataset;
use crate::tables::frame::enum_series;

/// Points of a stated total spread evenly.
const EVEN_POINTS: usize = 60;

/// One row per point of a line: `process_id`, `approach`, `series`
/// (`listed`: the meetings in the table, one row each, in date order;
/// `stated`: an article's total spread evenly over the process), `day`
/// (days since the process began), `meetings` (so far), `label` (the
/// process and its count, on the last point of each line).
pub fn rows(data: &Dataset) -> Result<DataFrame> {
    let m = data.model();
    let mut process_id = Vec::new();
    let mut approach: Vec<Option<Approach>> = Vec::new();
    let mut series = Vec::new();
    let mut day = Vec::new();
    let mut meetings = Vec::new();
    let mut label: Vec<Option<String>> = Vec::new();
    let mut source_id = Vec::new();
    for p in &m.processes {
        let Some(start) = p.start else { continue };
        let source = m.sources[p.source].id.clone();
        let mut dates: Vec<i64> = p
            .meetings
            .iter()
            .filter_map(|&k| m.meetings[k].date)
            .map(|d| days_between(start.first, d.first).max(0))
            .collect();
        dates.sort_unstable();
        let n = dates.len();
        for (k, d) in dates.into_iter().enumerate() {
            process_id.push(p.id.clone());
            approach.push(Some(p.approach));
            series.push("listed");
            day.push(d as f64);
            meetings.push((k + 1) as f64);
            label.push((k + 1 == n).then(|| format!("{} ({n})", p.name)));
            source_id.push(source.clone());
        }
        if let (Some(total), Some(end)) = (p.meetings_count, p.end) {
            let length = days_between(start.first, end.last).max(1) as f64;
            for k in 1..=EVEN_POINTS {
                let t = length * k as f64 / EVEN_POINTS as f64;
                process_id.push(p.id.clone());
                approach.push(Some(p.approach));
                series.push("stated");
                day.push(t);
                meetings.push((total as f64 * t / length).max(1.0));
                label.push((k == EVEN_POINTS).then(|| {
                    format!(
                        "{}: {total} meetings in {} days (stated)",
                        p.name, length as i64
                    )
                }));
                source_id.push(source.clone());
            }
        }
    }
    Ok(DataFrame::new(
        day.len(),
        vec![
            Series::new("process_id".into(), process_id).into(),
            enum_series("approach", approach)?,
            Series::new("series".into(), series).into(),
            Series::new("day".into(), day).into(),
            Series::new("meetings".into(), meetings).into(),
            Series::new("label".into(), label).into(),
            Series::new("source_id".into(), source_id).into(),
        ],
    )?)
}

/// The meeting-pace chart of `rows` (as [`rows`] makes them).
pub fn plot(rows: &DataFrame) -> Result<Plot> {
    let (rows, note) = busiest(rows, crate::plot::MAX_BANDS)?;
    let rows = &rows;
    let listed = only(rows, "series", "listed")?;
    let ends = present(&listed, "label")?;
    let stated = only(rows, "series", "stated")?;
    let stated_ends = present(&stated, "label")?;
    let plot = Plot::new(&listed)
        .title("Session pace: how often the negotiator met the parties")
        .subtitle("Sessions (a meeting or call of the lead negotiator or the president with a party's principal), counted up from each process's first day (log scale); dashed: a total an article states, spread evenly.")
        .step("day", "meetings")
        .group("process_id")
        .color("approach")
        .no_legend()
        .point("day", "meetings")
        .color("approach")
        .tooltip("process_id")
        .tooltip("day")
        .tooltip("meetings")
        .data(&stated)
        .line("day", "meetings")
        .paint(palette::BLACK)
        .stroke(2.0, true)
        .tooltip("process_id")
        .data(&ends)
        .text("day", "meetings", "label")
        .color("approach")
        .no_legend()
        .nudge(8.0, 0.0)
        .data(&stated_ends)
        .text("day", "meetings", "label")
        .paint(palette::BLACK)
        .nudge(-40.0, -14.0)
        .y_log()
        .x_title("days since the process began")
        .y_title("sessions so far")
        .color_title("");
    Ok(match note {
        Some(n) => plot.note(&n),
        None => plot,
    })
}

/// The rows of the `max` processes with the most rows (ties: by id), and
/// a note saying so when there were more: a line per process stops being
/// readable long before 20,000 of them (and took seconds to draw).
fn busiest(rows: &DataFrame, max: usize) -> Result<(DataFrame, Option<String>)> {
    let Ok(ids) = rows.column("process_id") else {
        return Ok((rows.clone(), None));
    };
    let ids = ids.str()?;
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for id in ids.iter().flatten() {
        *counts.entry(id).or_insert(0) += 1;
    }
    if counts.len() <= max {
        return Ok((rows.clone(), None));
    }
    let mut ranked: Vec<(&str, usize)> = counts.iter().map(|(k, v)| (*k, *v)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let keep: std::collections::HashSet<&str> = ranked[..max].iter().map(|r| r.0).collect();
    let mask: BooleanChunked = ids
        .iter()
        .map(|id| Some(id.is_some_and(|id| keep.contains(id))))
        .collect();
    let note = format!(
        "Showing the {max} of {} processes with the most meetings.",
        crate::plot::thousands(counts.len())
    );
    Ok((rows.filter(&mask)?, Some(note)))
}
