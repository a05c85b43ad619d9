//! Every process on a relative axis (days since it began): the marathon
//! versus the sprint.
//!
//! A bar per process runs from its start to its end (solid to the shortest
//! length its dates allow, paler to the longest; an open process runs to
//! the as-of date and is labelled "ongoing"). Sessions are circles (filled
//! for leader-level contact: the U.S. president took part), outcomes are symbols above
//! the bar: ▲ an agreement, ★ a prize, ✕ no agreement. Colour tells
//! Kissinger (blue), Trump (vermillion), Roosevelt (green) and the other
//! cases (grey) apart.
//!
//! ```
//! use negotiations::charts::timeline;
//! let data = negotiations::Dataset::embedded()?;
//! let rows = timeline::rows(&data, negotiations::metrics::as_of(&data)?)?;
//! assert!(rows.column("days_to").is_ok());
//! assert!(timeline::plot(&rows)?.svg()?.contains("Korean War armistice talks"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use polars::prelude::*;

use super::{distinct, only};
use crate::base::codes::{APPROACH_ORDER, Approach, OutcomeKind};
use crate::base::dates::days_between;
use crate::error::Result;
use crate::plot::{Plot, theme::palette};
use crate::tables::dataset::Dataset;
use crate::tables::frame::enum_series;

/// The timeline's rows: one per mark, each with its process's
/// `process_id`, `name`, `start` and `approach`. `mark` says which: `span` (a
/// process's length: `days_from` 0 to `days_low`, the shortest its dates
/// allow, and `days_to`, the longest), `meeting` and `outcome` (at
/// `days_from`, with their `kind`), and `ongoing` (the label at the end of
/// an open process). Processes are listed by style (Kissinger, Trump,
/// Roosevelt, other), then by start.
pub fn rows(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    let m = data.model();
    let meeting_ids = data.table("meetings")?.texts("meeting_id");
    let mut order: Vec<usize> = (0..m.processes.len())
        .filter(|&i| m.processes[i].start.is_some())
        .collect();
    let rank = |a: Approach| APPROACH_ORDER.iter().position(|x| *x == a).unwrap_or(9);
    order.sort_by_key(|&i| {
        let p = &m.processes[i];
        (rank(p.approach), p.start.map(|s| s.first), p.id.clone())
    });
    let mut out = Rows::default();
    for &i in &order {
        let p = &m.processes[i];
        let Some(start) = p.start else { continue };
        let Some((low, high)) = p.length_days(as_of) else {
            continue;
        };
        let source = &m.sources[p.source].id;
        out.push(
            p,
            "span",
            0.0,
            low as f64,
            high as f64,
            None,
            &p.name,
            source,
        );
        if p.end.is_none() {
            out.push(
                p,
                "ongoing",
                high as f64,
                high as f64,
                high as f64,
                None,
                "→ ongoing",
                source,
            );
        }
        for &k in &p.meetings {
            let mt = &m.meetings[k];
            let Some(d) = mt.date else { continue };
            let x = days_between(start.first, d.first).max(0) as f64;
            let kind = if mt.us_level.is_leader_level() {
                "with the U.S. president"
            } else {
                "with the negotiator"
            };
            let id = meeting_ids.and_then(|t| t.get(mt.row)).unwrap_or_default();
            out.push(p, "meeting", x, x, x, Some(kind), id, source);
        }
        for &k in &p.outcomes {
            let o = &m.outcomes[k];
            let Some(d) = o.date else { continue };
            // A prize known to the year is placed mid-year.
            let at = if o.kind == OutcomeKind::Prize {
                d.middle()
            } else {
                d.first
            };
            let x = days_between(start.first, at).max(0) as f64;
            let kind = match o.kind {
                OutcomeKind::Prize => "prize",
                OutcomeKind::NoAgreement => "no agreement",
                _ => "agreement",
            };
            out.push(
                p,
                "outcome",
                x,
                x,
                x,
                Some(kind),
                &o.name,
                &m.sources[o.source].id,
            );
        }
    }
    out.frame()
}

#[derive(Default)]
struct Rows {
    process_id: Vec<String>,
    name: Vec<String>,
    start: Vec<Option<chrono::NaiveDate>>,
    approach: Vec<Option<Approach>>,
    mark: Vec<&'static str>,
    days_from: Vec<f64>,
    days_low: Vec<f64>,
    days_to: Vec<f64>,
    kind: Vec<Option<&'static str>>,
    label: Vec<String>,
    source_id: Vec<String>,
}

impl Rows {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        p: &crate::tables::model::Process,
        mark: &'static str,
        from: f64,
        low: f64,
        to: f64,
        kind: Option<&'static str>,
        label: &str,
        source: &str,
    ) {
        self.process_id.push(p.id.clone());
        self.name.push(p.name.clone());
        self.start.push(p.start.map(|s| s.first));
        self.approach.push(Some(p.approach));
        self.mark.push(mark);
        self.days_from.push(from);
        self.days_low.push(low);
        self.days_to.push(to);
        self.kind.push(kind);
        self.label.push(label.to_string());
        self.source_id.push(source.to_string());
    }

    fn frame(self) -> Result<DataFrame> {
        let n = self.mark.len();
        Ok(DataFrame::new(
            n,
            vec![
                Series::new("process_id".into(), self.process_id).into(),
                Series::new("name".into(), self.name).into(),
                crate::tables::frame::date_series("start", self.start)?.into(),
                enum_series("approach", self.approach)?,
                Series::new("mark".into(), self.mark).into(),
                Series::new("days_from".into(), self.days_from).into(),
                Series::new("days_low".into(), self.days_low).into(),
                Series::new("days_to".into(), self.days_to).into(),
                Series::new("kind".into(), self.kind).into(),
                Series::new("label".into(), self.label).into(),
                Series::new("source_id".into(), self.source_id).into(),
            ],
        )?)
    }
}

/// The timeline of `rows` (as [`rows`] makes them).
pub fn plot(rows: &DataFrame) -> Result<Plot> {
    let spans = only(rows, "mark", "span")?;
    let order = distinct(&spans, "name")?;
    let order: Vec<&str> = order.iter().map(String::as_str).collect();
    Ok(Plot::new(&spans)
        .title("Marathon or sprint: every negotiation from its first day")
        .subtitle("Bars: each process from its start (solid: the shortest length its dates allow; pale: the longest). Circles: sessions (filled: with the U.S. president); symbols above: outcomes.")
        .interval("name", "days_from", "days_to")
        .color("approach")
        .opacity(0.35)
        .no_legend()
        .interval("name", "days_from", "days_low")
        .color("approach")
        .data(&only(rows, "mark", "meeting")?)
        .point("days_from", "name")
        .shape("kind")
        .paint(palette::BLACK)
        .tooltip("label")
        .data(&only(rows, "mark", "outcome")?)
        .point("days_from", "name")
        .shape("kind")
        .paint(palette::BLACK)
        .tooltip("label")
        .nudge(0.0, -15.0)
        .data(&only(rows, "mark", "ongoing")?)
        // An invisible point at the bar's end carries the label beside it.
        .point("days_to", "name")
        .label("label")
        .color("approach")
        .opacity(0.0)
        .no_legend()
        .shape_map(&[
            ("with the U.S. president", "circle"),
            ("with the negotiator", "circle-open"),
            ("agreement", "triangle"),
            ("prize", "star"),
            ("no agreement", "cross"),
        ])
        .y_order(&order)
        .x_title("days since the process began")
        .y_title("")
        .color_title(""))
}
