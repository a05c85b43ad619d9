//! The interactive twin of a chart: the same [`Plot`] as a Vega-Lite v5
//! specification, with its rows inlined, which JupyterLab draws with hover
//! tooltips, zoom and pan (see the [module docs](super), "Interactive
//! twin").
//!
//! The twin is built from what the SVG's renderer fitted: the same rows
//! (those with every needed value, on the log scale, in the bands shown),
//! the same band order, colours, shapes, panels, titles and notes. Where a
//! chart uses something the twin cannot show faithfully, there is no twin
//! and [`VegaLite::Unmapped`] says why.

use serde_json::Value;

use super::render::{fitted, thousands};
use super::{Mark, Plot};
use crate::error::Result;

mod layer;
mod spec;
#[cfg(test)]
mod tests;
mod values;

use spec::Builder;
#[cfg(test)]
use values::*;

/// The MIME type of a Vega-Lite v5 specification, which JupyterLab renders
/// natively.
pub const VEGA_LITE_MIME: &str = "application/vnd.vegalite.v5+json";

/// The `$schema` every specification names.
pub const VEGA_LITE_SCHEMA: &str = "https://vega.github.io/schema/vega-lite/v5.json";

/// The most rows an interactive twin carries: past this, a chart is shown
/// as its SVG only (the rows would be inlined in the notebook file).
pub const MAX_VEGA_ROWS: usize = 20_000;

/// A chart's interactive twin, or why it has none.
#[derive(Debug, Clone, PartialEq)]
pub enum VegaLite {
    /// The Vega-Lite v5 specification, rows inlined.
    Spec(Value),
    /// The chart uses something the twin cannot show (the reason, a
    /// phrase without a full stop); it is shown as its SVG only.
    Unmapped(String),
}

impl VegaLite {
    /// The specification, if the chart maps.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [3, 4])?;
    /// let twin = negotiations::plot::Plot::new(&df).point("x", "y").vega_lite()?;
    /// assert_eq!(twin.spec().unwrap()["layer"][0]["mark"]["type"], "point");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn spec(&self) -> Option<&Value> {
        match self {
            VegaLite::Spec(v) => Some(v),
            VegaLite::Unmapped(_) => None,
        }
    }

    /// Why the chart has no twin, if it has none.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("days" => [1.0, 10.0, 100.0])?;
    /// let twin = negotiations::plot::Plot::new(&df).histogram("days").x_log().vega_lite()?;
    /// assert!(twin.reason().unwrap().contains("log"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reason(&self) -> Option<&str> {
        match self {
            VegaLite::Spec(_) => None,
            VegaLite::Unmapped(r) => Some(r),
        }
    }
}

impl Plot {
    /// The chart as a Vega-Lite v5 specification (its interactive twin),
    /// or why it has none. Errors are the SVG's: a missing column, a
    /// column of the wrong kind.
    ///
    /// Rows are inlined (dates as ISO strings read as `temporal`), every
    /// layer a `layer` of its own over them; bands keep the chart's order
    /// as `sort`, colours the chart's (house) colours as an explicit scale
    /// domain and range; marks show their tooltips on hover, and the
    /// continuous axes zoom and pan (a `grid` interval selection bound to
    /// the scales). Keys are written in sorted order, so the same chart
    /// always gives the same text.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("who" => ["trump", "kissinger"], "n" => [17, 9])?;
    /// let twin = negotiations::plot::Plot::new(&df).bar("who", "n").x_order(&["kissinger", "trump"]).vega_lite()?;
    /// let spec = twin.spec().unwrap();
    /// assert_eq!(spec["layer"][0]["mark"]["type"], "bar");
    /// assert_eq!(spec["layer"][0]["encoding"]["x"]["sort"], serde_json::json!(["kissinger", "trump"]));
    /// assert_eq!(spec["data"]["values"][0]["n"], 17);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn vega_lite(&self) -> Result<VegaLite> {
        if let Some(reason) = unmappable(self) {
            return Ok(VegaLite::Unmapped(reason));
        }
        let fit = fitted(self)?;
        Ok(match Builder::new(self, &fit).spec() {
            Ok(v) => VegaLite::Spec(v),
            Err(reason) => VegaLite::Unmapped(reason),
        })
    }
}

/// Prints the chart for evcxr: the inline SVG (byte-identical to
/// [`Plot::inline_svg`]) and, beside it in the same display, its Vega-Lite
/// twin. A chart without a twin shows its SVG only, with a note that says
/// why; a chart that cannot be drawn shows the error in words.
pub(crate) fn display(plot: &Plot) {
    match shown(plot) {
        // serde_json writes one line: no line of it can be evcxr's end
        // marker.
        Shown::Twin { svg, json } => println!(
            "EVCXR_BEGIN_CONTENT image/svg+xml\n{svg}\nEVCXR_END_CONTENT\nEVCXR_BEGIN_CONTENT {VEGA_LITE_MIME}\n{json}\nEVCXR_END_CONTENT"
        ),
        Shown::Svg(svg) => super::base::display_svg(svg),
    }
}

/// What a notebook shows of a chart, as MIME types and contents: the
/// inline SVG and, where the chart maps to one, its Vega-Lite twin.
pub(crate) fn bundle(plot: &Plot) -> Result<Vec<(&'static str, String)>> {
    match shown(plot) {
        Shown::Twin { svg, json } => Ok(vec![("image/svg+xml", svg), (VEGA_LITE_MIME, json)]),
        Shown::Svg(svg) => Ok(vec![("image/svg+xml", svg?)]),
    }
}

/// What a notebook shows of a chart.
#[derive(Debug)]
pub(crate) enum Shown {
    /// The inline SVG and the twin's JSON.
    Twin { svg: String, json: String },
    /// The inline SVG alone (with the note saying why), or the error.
    Svg(Result<String>),
}

pub(crate) fn shown(plot: &Plot) -> Shown {
    match plot.vega_lite() {
        Ok(VegaLite::Spec(spec)) => match (plot.inline_svg(), serde_json::to_string(&spec)) {
            (Ok(svg), Ok(json)) => Shown::Twin { svg, json },
            (svg, _) => Shown::Svg(svg),
        },
        Ok(VegaLite::Unmapped(reason)) => Shown::Svg(
            plot.clone()
                .note(&format!("No interactive version: {reason}."))
                .inline_svg(),
        ),
        Err(e) => Shown::Svg(Err(e)),
    }
}

/// What the twin cannot show, found before anything is read.
fn unmappable(p: &Plot) -> Option<String> {
    let rows: usize = p
        .layers
        .iter()
        .map(|l| match l.mark {
            Mark::RuleX | Mark::RuleY => 1,
            _ => l.data.height(),
        })
        .sum();
    if rows > MAX_VEGA_ROWS {
        return Some(format!(
            "{} rows, past the {} an interactive chart carries",
            thousands(rows),
            thousands(MAX_VEGA_ROWS)
        ));
    }
    if p.layers.is_empty() {
        return Some("a chart with no marks".into());
    }
    if p.x.log && p.layers.iter().any(|l| l.mark == Mark::Histogram) {
        return Some("a histogram on a log axis (its bins are even in the logarithm)".into());
    }
    None
}
