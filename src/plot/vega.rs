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

use serde_json::{Map, Value, json};

use super::base::{DAYS_PER_MONTH, DAYS_PER_YEAR, day_of_epoch};
use super::data::{Channel, Kind};
use super::render::{Fit, FitColors, FitLayer, fitted, thousands};
use super::theme::{palette, tint};
use super::{At, Mark, Plot};
use crate::error::Result;
use plotters::style::RGBColor;

#[cfg(test)]
mod tests;

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

/// A channel's Vega-Lite type.
fn vl_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Number => "quantitative",
        Kind::Date => "temporal",
        Kind::Category => "nominal",
    }
}

/// A column name as a Vega-Lite field: `.`, `[`, `]` and `\` would
/// otherwise read as a path into the row.
fn field(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '.' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A colour as `#rrggbb`.
fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A number for JSON: whole numbers as integers.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

/// Days since 1970 as an ISO date (whole days) or date-time in UTC.
fn iso(days: f64) -> Value {
    let whole = days.floor();
    let Some(d) = day_of_epoch(whole as i64) else {
        return Value::Null;
    };
    if days == whole {
        return json!(d.to_string());
    }
    let secs = ((days - whole) * 86_400.0).round() as u32;
    let secs = secs.min(86_399);
    json!(format!(
        "{d}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ))
}

/// The value of `row` in a channel, as the row of the inlined data holds it.
fn value(ch: &Channel, row: usize) -> Value {
    match ch.kind {
        Kind::Category => ch.level(row).map_or(Value::Null, |l| json!(l)),
        Kind::Number => ch
            .values
            .get(row)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
            .map_or(Value::Null, number),
        Kind::Date => ch
            .values
            .get(row)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
            .map_or(Value::Null, iso),
    }
}

/// A date as a Vega-Lite DateTime in UTC (for a rule's datum).
fn datetime(d: chrono::NaiveDate) -> Value {
    use chrono::Datelike;
    json!({"year": d.year(), "month": d.month(), "date": d.day(), "utc": true})
}

/// Whether any of a date channel's rows has a time of day.
fn has_time(ch: &Channel, rows: &[usize]) -> bool {
    rows.iter().any(|&i| {
        ch.values
            .get(i)
            .copied()
            .flatten()
            .is_some_and(|v| v.fract() != 0.0)
    })
}

/// Vega's symbol for one of the chart's shape names.
fn vega_shape(name: &str) -> String {
    match name {
        "triangle" => "triangle-up".into(),
        "square" | "diamond" | "cross" | "arrow" => name.into(),
        // A ring: the outer circle one way round, the inner the other.
        "circle-open" => "M1,0A1,1,0,1,1,-1,0A1,1,0,1,1,1,0ZM0.55,0A0.55,0.55,0,1,0,-0.55,0A0.55,0.55,0,1,0,0.55,0Z".into(),
        "star" => {
            let mut path = String::new();
            for k in 0..10 {
                let r = if k % 2 == 0 { 1.0 } else { 0.45 };
                let a = std::f64::consts::PI * (k as f64 / 5.0 - 0.5);
                let (x, y) = (r * a.cos(), r * a.sin());
                path.push_str(&format!("{}{x:.3},{y:.3}", if k == 0 { "M" } else { "L" }));
            }
            path.push('Z');
            path
        }
        _ => "circle".into(),
    }
}

/// Which axis a position channel is on.
#[derive(Clone, Copy, PartialEq)]
enum Axis {
    X,
    Y,
}

struct Builder<'a> {
    plot: &'a Plot,
    fit: &'a Fit,
    /// The field the panels are read from.
    facet: Option<&'static str>,
}

/// The key of the layer index in each row, and of the panel.
const LAYER: &str = "__layer";
const PANEL: &str = "__panel";
const ROW: &str = "__row";
const CUMULATIVE: &str = "__cumulative";

type Obj = Map<String, Value>;

fn obj(v: Value) -> Obj {
    match v {
        Value::Object(m) => m,
        _ => Obj::new(),
    }
}

impl<'a> Builder<'a> {
    fn new(plot: &'a Plot, fit: &'a Fit) -> Builder<'a> {
        let facet = (plot.facet.is_some() && !fit.panels.is_empty()).then_some(PANEL);
        Builder { plot, fit, facet }
    }

    /// The whole specification.
    fn spec(&self) -> std::result::Result<Value, String> {
        let mut layers = Vec::new();
        let mut rows = Vec::new();
        for (k, (layer, fl)) in self.plot.layers.iter().zip(&self.fit.layers).enumerate() {
            self.rows(k, layer, fl, &mut rows);
            layers.extend(self.layer(k, layer, fl)?);
        }
        // Zoom and pan on the continuous axes, from the first layer that
        // reads a column onto one.
        let continuous: Vec<&str> = [("x", &self.fit.x_bands), ("y", &self.fit.y_bands)]
            .into_iter()
            .filter(|(_, bands)| bands.is_none())
            .map(|(c, _)| c)
            .collect();
        if !continuous.is_empty()
            && let Some(first) = layers.iter_mut().find(|l| {
                continuous
                    .iter()
                    .any(|c| l["encoding"][c].get("field").is_some())
            })
        {
            let encodings: Vec<&str> = continuous
                .iter()
                .copied()
                .filter(|c| first["encoding"][c].get("field").is_some())
                .collect();
            first["params"] = json!([{
                "name": "grid",
                "select": {"type": "interval", "encodings": encodings},
                "bind": "scales"
            }]);
        }
        let (w, h) = self.plot.size;
        let mut width = 720.0_f64;
        let mut height = (width * f64::from(h) / f64::from(w)).round();
        let mut top = obj(json!({
            "$schema": VEGA_LITE_SCHEMA,
            "background": "white",
            "config": {
                "font": "DejaVu Sans, Verdana, sans-serif",
                "title": {"anchor": "start", "fontSize": 18, "subtitleColor": hex(palette::DARK), "subtitleFontSize": 12},
                "axis": {"gridColor": hex(palette::LIGHT), "labelFontSize": 11, "titleFontSize": 12},
                "legend": {"labelFontSize": 11, "labelLimit": 260, "titleFontSize": 12},
                "view": {"stroke": null}
            },
            "data": {"values": rows},
        }));
        // Subtitle, notes and caption under the title, each wrapped (a
        // subtitle line does not wrap by itself).
        let subtitle: Vec<Value> = self
            .plot
            .subtitle
            .iter()
            .chain(&self.fit.notes)
            .chain(Some(&self.fit.caption).filter(|c| !c.is_empty()))
            .flat_map(|s| wrap(s, 110))
            .map(Value::String)
            .collect();
        if self.plot.title.is_some() || !subtitle.is_empty() {
            let text = self
                .plot
                .title
                .as_deref()
                .map_or_else(Vec::new, |t| wrap(t, 70));
            let mut t =
                obj(json!({"text": if text.len() == 1 { json!(text[0]) } else { json!(text) }}));
            if !subtitle.is_empty() {
                t.insert("subtitle".into(), Value::Array(subtitle));
            }
            top.insert("title".into(), Value::Object(t));
        }
        match self.facet {
            Some(f) => {
                let n = self.fit.panels.len();
                let cols = self
                    .plot
                    .facet_columns
                    .unwrap_or_else(|| (n as f64).sqrt().ceil() as usize)
                    .clamp(1, n.max(1));
                width = (width / cols as f64 - 30.0).max(120.0).round();
                height = (height / n.div_ceil(cols) as f64 - 30.0).max(90.0).round();
                top.insert(
                    "facet".into(),
                    json!({
                        "field": f,
                        "type": "nominal",
                        "sort": self.fit.panels,
                        "title": null,
                    }),
                );
                top.insert("columns".into(), json!(cols));
                top.insert(
                    "spec".into(),
                    json!({"layer": layers, "width": width, "height": height}),
                );
            }
            None => {
                // The whole chart (axes and legend too) 760 px wide: it
                // fits an output area of a JupyterLab window of 1,000 px.
                // ("container" width makes JupyterLab's output resize
                // itself without end.)
                top.insert("layer".into(), Value::Array(layers));
                top.insert("width".into(), json!(760));
                // Many bands down y: a step each, room for their labels.
                match &self.fit.y_bands {
                    Some(b) if b.len() > 28 => top.insert("height".into(), json!({"step": 15})),
                    _ => top.insert("height".into(), json!(height)),
                };
                top.insert(
                    "autosize".into(),
                    json!({"type": "fit-x", "contains": "padding"}),
                );
            }
        }
        Ok(Value::Object(top))
    }

    /// The rows of layer `k`, each with the layer's index (and its panel).
    fn rows(&self, k: usize, layer: &super::Layer, fl: &FitLayer, out: &mut Vec<Value>) {
        let panels: Vec<Option<&str>> = match self.facet {
            Some(_) => self.fit.panels.iter().map(|p| Some(p.as_str())).collect(),
            None => vec![None],
        };
        if matches!(layer.mark, Mark::RuleX | Mark::RuleY) {
            // One row per panel: the rule is drawn once in each.
            for p in &panels {
                let mut row = obj(json!({LAYER: k}));
                if let Some(p) = p {
                    row.insert(PANEL.into(), json!(p));
                }
                out.push(Value::Object(row));
            }
            return;
        }
        let channels: Vec<&Channel> = [
            &fl.x, &fl.y, &fl.end, &fl.color, &fl.shape, &fl.size, &fl.label, &fl.group,
        ]
        .into_iter()
        .flatten()
        .chain(&fl.tooltips)
        .collect();
        for &i in &fl.rows {
            let mut row = obj(json!({LAYER: k}));
            for ch in &channels {
                if !row.contains_key(&ch.name) {
                    row.insert(ch.name.clone(), value(ch, i));
                }
            }
            if layer.mark == Mark::Bar && fl.color.is_none() {
                row.insert(ROW.into(), json!(i));
            }
            match (&fl.facet, self.facet) {
                (Some(f), Some(_)) => {
                    let p = f.text(i);
                    if self.fit.panels.contains(&p) {
                        row.insert(PANEL.into(), json!(p));
                        out.push(Value::Object(row));
                    }
                }
                // A frame without the facet column is drawn in every panel.
                (None, Some(_)) => {
                    for p in panels.iter().flatten() {
                        let mut r = row.clone();
                        r.insert(PANEL.into(), json!(p));
                        out.push(Value::Object(r));
                    }
                }
                _ => out.push(Value::Object(row)),
            }
        }
    }

    /// The title, scale and axis of a position channel on `axis`.
    fn position(&self, ch: &Channel, axis: Axis) -> Obj {
        let mut enc = obj(json!({
            "field": field(&ch.name),
            "type": vl_type(ch.kind),
            "title": self.title(axis),
        }));
        self.axis_props(&mut enc, axis, ch.kind);
        enc
    }

    fn title(&self, axis: Axis) -> String {
        match axis {
            Axis::X => self.fit.x_title.clone(),
            Axis::Y => self.fit.y_title.clone(),
        }
    }

    /// The scale, axis and sort shared by every mark on `axis`.
    fn axis_props(&self, enc: &mut Obj, axis: Axis, kind: Kind) {
        let (a, bands, zero, log) = match axis {
            Axis::X => (
                &self.plot.x,
                &self.fit.x_bands,
                self.fit.x_zero,
                self.fit.x_log,
            ),
            Axis::Y => (
                &self.plot.y,
                &self.fit.y_bands,
                self.fit.y_zero,
                self.fit.y_log,
            ),
        };
        let mut scale = Obj::new();
        let mut ax = Obj::new();
        match (bands, kind) {
            (Some(levels), Kind::Category) => {
                enc.insert("sort".into(), json!(levels));
                scale.insert("type".into(), json!("band"));
                scale.insert("paddingInner".into(), json!(0.2));
            }
            (_, Kind::Date) => {
                scale.insert("type".into(), json!("utc"));
                if let Some((lo, hi)) = a.domain {
                    scale.insert(
                        "domain".into(),
                        json!([number(lo * 86_400_000.0), number(hi * 86_400_000.0)]),
                    );
                }
            }
            (_, Kind::Number) => {
                if a.log {
                    scale.insert("type".into(), json!("log"));
                    // The SVG's range: an interval from zero starts at its
                    // lower end (clamped), as drawn.
                    if let Some((lo, hi)) = log {
                        scale.insert("domain".into(), json!([number(lo), number(hi)]));
                        scale.insert("clamp".into(), json!(true));
                    }
                } else {
                    scale.insert("zero".into(), json!(zero));
                    if let Some((lo, hi)) = a.domain {
                        scale.insert("domain".into(), json!([number(lo), number(hi)]));
                    }
                }
                if a.days {
                    ax.insert("labelExpr".into(), json!(days_label_expr()));
                    if a.log {
                        // An hour, a day, a week, a month, a year, ten.
                        ax.insert(
                            "values".into(),
                            json!([
                                1.0 / 24.0,
                                1,
                                7,
                                DAYS_PER_MONTH,
                                DAYS_PER_YEAR,
                                10.0 * DAYS_PER_YEAR,
                                100.0 * DAYS_PER_YEAR
                            ]),
                        );
                    }
                }
            }
            _ => {}
        }
        if a.hidden {
            ax.insert("labels".into(), json!(false));
            ax.insert("ticks".into(), json!(false));
        }
        if !scale.is_empty() {
            enc.insert("scale".into(), Value::Object(scale));
        }
        if !ax.is_empty() {
            enc.insert("axis".into(), Value::Object(ax));
        }
    }

    /// The colour of a layer: an encoding, or a fixed colour for the mark.
    fn color(&self, layer: &super::Layer, fl: &FitLayer) -> (Option<Obj>, Option<String>) {
        if let Some(c) = layer.fixed {
            return (None, Some(hex(c)));
        }
        let Some(ch) = &fl.color else {
            let fixed = match layer.mark {
                Mark::Heat => palette::LIGHT,
                Mark::Text => palette::BLACK,
                Mark::RuleX | Mark::RuleY => palette::DARK,
                _ => palette::BLUE,
            };
            return (None, Some(hex(fixed)));
        };
        let legend = match &self.fit.color_legend {
            Some(t) if t.is_empty() => json!({"title": null}),
            Some(t) => json!({"title": t}),
            None => Value::Null,
        };
        let enc = match (&self.fit.colors, ch.kind) {
            (FitColors::Levels(levels), Kind::Category) => json!({
                "field": field(&ch.name),
                "type": "nominal",
                "scale": {
                    "domain": levels.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
                    "range": levels.iter().map(|(_, c)| hex(*c)).collect::<Vec<_>>(),
                },
                "legend": legend,
                "title": self.fit.color_legend.clone().unwrap_or_else(|| ch.name.clone()),
            }),
            (FitColors::Ramp(lo, hi), Kind::Number | Kind::Date) => json!({
                "field": field(&ch.name),
                "type": vl_type(ch.kind),
                "scale": {
                    // Dates as a time scale reads them: milliseconds.
                    "domain": if ch.kind == Kind::Date {
                        [number(lo * 86_400_000.0), number(hi * 86_400_000.0)]
                    } else {
                        [number(*lo), number(*hi)]
                    },
                    "range": [hex(tint(palette::BLUE, 0.85)), hex(palette::BLUE)],
                    "interpolate": "rgb",
                },
                "legend": legend,
                "title": self.fit.color_legend.clone().unwrap_or_else(|| ch.name.clone()),
            }),
            // A number among categories (or the reverse): grey, as drawn.
            _ => return (None, Some(hex(palette::GREY))),
        };
        (Some(obj(enc)), None)
    }

    /// What a mark shows on hover: the tooltip columns, or its encoded
    /// values, as the SVG's titles list them.
    fn tooltip(&self, fl: &FitLayer) -> Value {
        let chans: Vec<&Channel> = if fl.tooltips.is_empty() {
            [&fl.label, &fl.color, &fl.y, &fl.x, &fl.end, &fl.size]
                .into_iter()
                .flatten()
                .collect()
        } else {
            fl.tooltips.iter().collect()
        };
        let mut seen = std::collections::HashSet::new();
        let list: Vec<Value> = chans
            .into_iter()
            .filter(|c| seen.insert(c.name.clone()))
            .map(|c| {
                let mut t =
                    obj(json!({"field": field(&c.name), "type": vl_type(c.kind), "title": c.name}));
                if c.kind == Kind::Date {
                    // Read in UTC, as written: the date of the row, not
                    // the day before west of Greenwich.
                    let (unit, format) = if has_time(c, &fl.rows) {
                        ("utcyearmonthdatehoursminutes", "%Y-%m-%d %H:%M")
                    } else {
                        ("utcyearmonthdate", "%Y-%m-%d")
                    };
                    t.insert("timeUnit".into(), json!(unit));
                    t.insert("format".into(), json!(format));
                }
                Value::Object(t)
            })
            .collect();
        Value::Array(list)
    }

    /// The units of one layer (a mark and, for labels, text beside it).
    fn layer(
        &self,
        k: usize,
        layer: &super::Layer,
        fl: &FitLayer,
    ) -> std::result::Result<Vec<Value>, String> {
        let mut transform = vec![json!({"filter": {"field": LAYER, "equal": k}})];
        let mut mark = Obj::new();
        let mut enc = Obj::new();
        let (color_enc, fixed) = self.color(layer, fl);
        let mut labels: Option<Value> = None;
        // Explicit: a point's default in Vega-Lite is 0.7.
        mark.insert("opacity".into(), number(layer.opacity));
        let pos = |ch: &Option<Channel>, axis: Axis| ch.as_ref().map(|c| self.position(c, axis));
        match layer.mark {
            Mark::Bar => {
                mark.insert("type".into(), json!("bar"));
                let (Some(mut x), Some(mut y)) = (pos(&fl.x, Axis::X), pos(&fl.y, Axis::Y)) else {
                    return Ok(Vec::new());
                };
                let (measure, place, offset) = if fl.horizontal {
                    (&mut x, "y", "yOffset")
                } else {
                    (&mut y, "x", "xOffset")
                };
                if layer.dodge {
                    measure.insert("stack".into(), Value::Null);
                    let band = if fl.horizontal {
                        &self.fit.y_bands
                    } else {
                        &self.fit.x_bands
                    };
                    match (&fl.color, band) {
                        (Some(c), Some(_)) if c.kind == Kind::Category => {
                            let sort = match &self.fit.colors {
                                FitColors::Levels(l) => l.iter().map(|(n, _)| json!(n)).collect(),
                                _ => Vec::new(),
                            };
                            enc.insert(
                                offset.into(),
                                json!({"field": field(&c.name), "type": "nominal", "sort": sort}),
                            );
                        }
                        (Some(_), None) => {
                            return Err(format!(
                                "side-by-side bars along a continuous {place} axis"
                            ));
                        }
                        _ => {}
                    }
                } else {
                    measure.insert("stack".into(), json!("zero"));
                    if fl.color.is_none() {
                        // Rows sharing a bar are stacked: the bar is their sum.
                        enc.insert("detail".into(), json!({"field": ROW, "type": "nominal"}));
                    }
                }
                enc.insert("x".into(), Value::Object(x));
                enc.insert("y".into(), Value::Object(y));
                enc.insert("tooltip".into(), self.tooltip(fl));
            }
            Mark::Point => {
                mark.insert("type".into(), json!("point"));
                mark.insert("filled".into(), json!(true));
                mark.insert("size".into(), json!(113));
                self.xy(&mut enc, fl)?;
                if let Some(s) = &fl.shape {
                    enc.insert("shape".into(), json!({
                        "field": field(&s.name),
                        "type": "nominal",
                        "scale": {
                            "domain": self.fit.shapes.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
                            "range": self.fit.shapes.iter().map(|(_, s)| vega_shape(s)).collect::<Vec<_>>(),
                        },
                        "legend": if self.fit.shape_legend { json!({"title": s.name}) } else { Value::Null },
                        "title": s.name,
                    }));
                }
                if let Some(s) = fl.size.as_ref().filter(|s| s.kind == Kind::Number) {
                    enc.insert(
                        "size".into(),
                        json!({
                            "field": field(&s.name),
                            "type": "quantitative",
                            "scale": {"range": [28, 804], "zero": false},
                            "title": s.name,
                        }),
                    );
                }
                enc.insert("tooltip".into(), self.tooltip(fl));
                if let Some(l) = &fl.label {
                    // In the point's colour, as the SVG writes it.
                    let mut text_enc =
                        obj(json!({"text": {"field": field(&l.name), "type": vl_type(l.kind)}}));
                    let mut m = obj(
                        json!({"type": "text", "align": "left", "baseline": "middle", "dx": 9, "fontSize": 11}),
                    );
                    match (&color_enc, &fixed) {
                        (Some(c), _) => {
                            let mut c = c.clone();
                            c.insert("legend".into(), Value::Null);
                            text_enc.insert("color".into(), Value::Object(c));
                        }
                        (None, Some(c)) => {
                            m.insert("color".into(), json!(c));
                        }
                        (None, None) => {}
                    }
                    labels = Some(json!({"mark": m, "encoding": text_enc}));
                }
            }
            Mark::Line | Mark::Step => {
                mark.insert("type".into(), json!("line"));
                mark.insert("strokeWidth".into(), json!(layer.width));
                if layer.dashed {
                    mark.insert("strokeDash".into(), json!([6, 4]));
                }
                if layer.mark == Mark::Step {
                    mark.insert("interpolate".into(), json!("step-after"));
                }
                self.xy(&mut enc, fl)?;
                let details: Vec<Value> = [&fl.group, &fl.label]
                    .into_iter()
                    .flatten()
                    .map(|c| json!({"field": field(&c.name), "type": "nominal"}))
                    .collect();
                if layer.cumulative
                    && let (Some(x), Some(y)) = (&fl.x, &fl.y)
                {
                    let mut by: Vec<Value> = [&fl.color, &fl.group, &fl.label]
                        .into_iter()
                        .flatten()
                        .map(|c| json!(field(&c.name)))
                        .collect();
                    if self.facet.is_some() {
                        by.push(json!(PANEL));
                    }
                    transform.push(json!({
                        "window": [{"op": "sum", "field": field(&y.name), "as": CUMULATIVE}],
                        "groupby": by,
                        "sort": [{"field": field(&x.name)}],
                        "frame": [null, 0],
                    }));
                    if let Some(Value::Object(ye)) = enc.get_mut("y") {
                        ye.insert("field".into(), json!(CUMULATIVE));
                    }
                }
                match details.len() {
                    0 => {}
                    1 => {
                        enc.insert("detail".into(), details[0].clone());
                    }
                    _ => {
                        enc.insert("detail".into(), Value::Array(details));
                    }
                }
                enc.insert("tooltip".into(), self.tooltip(fl));
            }
            Mark::Interval | Mark::Range => {
                mark.insert("type".into(), json!("bar"));
                let vertical = layer.mark == Mark::Range;
                let (Some(x), Some(y), Some(e)) = (&fl.x, &fl.y, &fl.end) else {
                    return Ok(Vec::new());
                };
                let (along, across, second) = if vertical {
                    (Axis::Y, Axis::X, "y2")
                } else {
                    (Axis::X, Axis::Y, "x2")
                };
                let (start, at) = if vertical { (y, x) } else { (x, y) };
                let (a, b) = if vertical { ("y", "x") } else { ("x", "y") };
                enc.insert(a.into(), Value::Object(self.position(start, along)));
                enc.insert(second.into(), json!({"field": field(&e.name)}));
                enc.insert(b.into(), Value::Object(self.position(at, across)));
                let band = if vertical {
                    &self.fit.x_bands
                } else {
                    &self.fit.y_bands
                };
                let size_key = if vertical { "width" } else { "height" };
                if band.is_some() {
                    mark.insert(size_key.into(), json!({"band": 0.56}));
                } else {
                    mark.insert(size_key.into(), json!(10));
                }
                // An outline in the fill's colour: a zero-length interval
                // (an exact value) still shows, as a tick.
                mark.insert("strokeWidth".into(), json!(1.5));
                if let Some(c) = &color_enc {
                    let mut stroke = c.clone();
                    stroke.insert("legend".into(), Value::Null);
                    enc.insert("stroke".into(), Value::Object(stroke));
                } else if let Some(c) = &fixed {
                    mark.insert("stroke".into(), json!(c));
                }
                enc.insert("tooltip".into(), self.tooltip(fl));
                if let Some(l) = &fl.label {
                    let (dx, dy, align, base) = if vertical {
                        (6, 0, "left", "top")
                    } else {
                        (6, 0, "left", "middle")
                    };
                    let mut text_enc =
                        obj(json!({"text": {"field": field(&l.name), "type": vl_type(l.kind)}}));
                    // Beside the interval's end.
                    text_enc.insert(a.into(), json!({"field": field(&e.name), "type": vl_type(e.kind), "title": self.title(along)}));
                    labels = Some(json!({
                        "mark": {"type": "text", "align": align, "baseline": base, "dx": dx, "dy": dy, "fontSize": 11, "color": hex(palette::DARK)},
                        "encoding": text_enc,
                    }));
                }
            }
            Mark::Ribbon => {
                mark.insert("type".into(), json!("area"));
                mark.insert("interpolate".into(), json!("step-after"));
                mark.insert(
                    "opacity".into(),
                    json!(if layer.opacity < 1.0 {
                        layer.opacity
                    } else {
                        0.22
                    }),
                );
                let (Some(x), Some(y), Some(e)) = (&fl.x, &fl.y, &fl.end) else {
                    return Ok(Vec::new());
                };
                enc.insert("x".into(), Value::Object(self.position(x, Axis::X)));
                let mut ye = self.position(y, Axis::Y);
                ye.insert("stack".into(), Value::Null);
                enc.insert("y".into(), Value::Object(ye));
                enc.insert("y2".into(), json!({"field": field(&e.name)}));
                if let Some(g) = &fl.group {
                    enc.insert(
                        "detail".into(),
                        json!({"field": field(&g.name), "type": "nominal"}),
                    );
                }
            }
            Mark::RuleX | Mark::RuleY => {
                mark.insert("type".into(), json!("rule"));
                mark.insert("strokeWidth".into(), json!(1.5));
                mark.insert("strokeDash".into(), json!([6, 4]));
                let (axis, key) = if layer.mark == Mark::RuleX {
                    (Axis::X, "x")
                } else {
                    (Axis::Y, "y")
                };
                let Some(at) = &layer.at else {
                    return Ok(Vec::new());
                };
                let (datum, kind) = match at {
                    At::Number(v) => (number(*v), Kind::Number),
                    At::Date(d) => (datetime(*d), Kind::Date),
                    At::Category(c) => (json!(c), Kind::Category),
                };
                let mut d =
                    obj(json!({"datum": datum, "type": vl_type(kind), "title": self.title(axis)}));
                self.axis_props(&mut d, axis, kind);
                d.remove("sort");
                enc.insert(key.into(), Value::Object(d.clone()));
                if let Some(t) = &layer.text {
                    enc.insert("tooltip".into(), json!({"value": t}));
                    let mut text_enc = obj(json!({"text": {"value": t}}));
                    text_enc.insert(key.into(), Value::Object(d));
                    let (other, at_edge) = if key == "x" {
                        ("y", json!({"value": 0}))
                    } else {
                        ("x", json!({"value": 0}))
                    };
                    text_enc.insert(other.into(), at_edge);
                    // Right of the line, or left of it near the right
                    // edge, as the SVG places it.
                    let (align, dx) = if self.near_right(at) {
                        ("right", -5)
                    } else {
                        ("left", 5)
                    };
                    let m = if key == "x" {
                        json!({"type": "text", "align": align, "baseline": "top", "dx": dx, "dy": 4, "fontSize": 11, "color": fixed.clone().unwrap_or_default()})
                    } else {
                        json!({"type": "text", "align": "left", "baseline": "bottom", "dx": 4, "dy": -3, "fontSize": 11, "color": fixed.clone().unwrap_or_default()})
                    };
                    labels = Some(json!({"mark": m, "encoding": text_enc}));
                }
            }
            Mark::Text => {
                mark.insert("type".into(), json!("text"));
                mark.insert("fontSize".into(), json!(12));
                let (dx, dy) = layer.nudge;
                mark.insert(
                    "align".into(),
                    json!(if dx > 0.0 {
                        "left"
                    } else if dx < 0.0 {
                        "right"
                    } else {
                        "center"
                    }),
                );
                if dx != 0.0 {
                    mark.insert("dx".into(), number(dx));
                }
                if dy != 0.0 {
                    mark.insert("dy".into(), number(dy));
                }
                self.xy(&mut enc, fl)?;
                if let Some(l) = &fl.label {
                    enc.insert(
                        "text".into(),
                        json!({"field": field(&l.name), "type": vl_type(l.kind)}),
                    );
                }
            }
            Mark::Histogram => {
                mark.insert("type".into(), json!("bar"));
                let Some(x) = &fl.x else {
                    return Ok(Vec::new());
                };
                let n = if layer.bins > 0 { layer.bins } else { 20 };
                let mut xe = self.position(x, Axis::X);
                xe.insert("bin".into(), json!({"maxbins": n}));
                // Bins of dates are spans of milliseconds: their edges
                // are labelled as dates in UTC, to the year, month or day
                // the span calls for.
                let date_format = (x.kind == Kind::Date).then(|| {
                    let days: Vec<f64> = fl
                        .rows
                        .iter()
                        .filter_map(|&i| x.values.get(i).copied().flatten())
                        .collect();
                    let lo = days.iter().copied().fold(f64::INFINITY, f64::min);
                    let hi = days.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    match hi - lo {
                        s if s > 3.0 * DAYS_PER_YEAR => "%Y",
                        s if s > 60.0 => "%b %Y",
                        _ => "%Y-%m-%d",
                    }
                });
                if let Some(f) = date_format {
                    xe.insert(
                        "axis".into(),
                        json!({"labelExpr": format!("utcFormat(datum.value, '{f}')")}),
                    );
                }
                enc.insert("x".into(), Value::Object(xe));
                let mut ye = obj(
                    json!({"aggregate": "count", "type": "quantitative", "title": self.title(Axis::Y), "stack": "zero"}),
                );
                self.axis_props(&mut ye, Axis::Y, Kind::Number);
                enc.insert("y".into(), Value::Object(ye));
                let mut bin_tip = obj(
                    json!({"field": field(&x.name), "bin": {"maxbins": n}, "type": vl_type(x.kind), "title": x.name}),
                );
                if let Some(f) = date_format {
                    bin_tip.insert("format".into(), json!(f));
                }
                let mut tips = vec![
                    Value::Object(bin_tip),
                    json!({"aggregate": "count", "type": "quantitative", "title": "count"}),
                ];
                if let Some(c) = &fl.color {
                    tips.insert(
                        0,
                        json!({"field": field(&c.name), "type": vl_type(c.kind), "title": c.name}),
                    );
                }
                enc.insert("tooltip".into(), Value::Array(tips));
            }
            Mark::Heat => {
                mark.insert("type".into(), json!("rect"));
                let (Some(x), Some(y)) = (&fl.x, &fl.y) else {
                    return Ok(Vec::new());
                };
                // The SVG tints a cell's colour halfway to white: the same
                // colour at 45% on white.
                if color_enc.is_some() {
                    mark.insert("opacity".into(), json!(0.45));
                }
                mark.insert("stroke".into(), json!("white"));
                mark.insert("strokeWidth".into(), json!(4));
                enc.insert("x".into(), Value::Object(self.position(x, Axis::X)));
                enc.insert("y".into(), Value::Object(self.position(y, Axis::Y)));
                enc.insert("tooltip".into(), self.tooltip(fl));
                // Text no wider than a cell.
                let columns = self.fit.x_bands.as_ref().map_or(1, |b| b.len().max(1));
                let cell_limit = format!("width / {columns} - 10");
                if let Some(l) = &fl.label {
                    labels = Some(json!({
                        "mark": {"type": "text", "align": "center", "baseline": "middle", "fontSize": 12, "color": "black", "limit": {"expr": cell_limit}},
                        "encoding": {"text": {"field": field(&l.name), "type": vl_type(l.kind)}},
                    }));
                }
            }
        }
        if let Some(c) = color_enc {
            enc.insert("color".into(), Value::Object(c));
        } else if let Some(c) = &fixed {
            mark.insert("color".into(), json!(c));
        }
        let (dx, dy) = layer.nudge;
        if layer.mark != Mark::Text {
            if dx != 0.0 {
                mark.insert("xOffset".into(), number(dx));
            }
            if dy != 0.0 {
                mark.insert("yOffset".into(), number(dy));
            }
        }
        let main = json!({"mark": mark, "encoding": enc, "transform": transform});
        let mut out = vec![main];
        if let Some(mut l) = labels {
            // Text at the mark's place: its position encodings, its filter.
            for key in ["x", "y"] {
                if l["encoding"].get(key).is_none()
                    && let Some(p) = out[0]["encoding"].get(key).cloned()
                {
                    l["encoding"][key] = p;
                }
            }
            l["transform"] = out[0]["transform"].clone();
            out.push(l);
        }
        Ok(out)
    }

    /// Whether `at` lies in the right third of the x values drawn.
    fn near_right(&self, at: &At) -> bool {
        let v = match at {
            At::Number(v) => *v,
            At::Date(d) => super::base::epoch_day(*d) as f64,
            At::Category(c) => {
                return self.fit.x_bands.as_ref().is_some_and(|b| {
                    b.iter()
                        .position(|l| l == c)
                        .is_some_and(|i| 3 * i >= 2 * b.len())
                });
            }
        };
        let (mut lo, mut hi) = (v, v);
        for fl in &self.fit.layers {
            for ch in [&fl.x, &fl.end].into_iter().flatten() {
                if ch.kind == Kind::Category {
                    continue;
                }
                for &i in &fl.rows {
                    if let Some(x) = ch.values.get(i).copied().flatten() {
                        lo = lo.min(x);
                        hi = hi.max(x);
                    }
                }
            }
        }
        hi > lo && (v - lo) / (hi - lo) > 2.0 / 3.0
    }

    /// x and y of a mark that reads one column each.
    fn xy(&self, enc: &mut Obj, fl: &FitLayer) -> std::result::Result<(), String> {
        if let Some(x) = &fl.x {
            enc.insert("x".into(), Value::Object(self.position(x, Axis::X)));
        }
        if let Some(y) = &fl.y {
            enc.insert("y".into(), Value::Object(self.position(y, Axis::Y)));
        }
        Ok(())
    }
}

/// A Vega expression writing a number of days as words, as the SVG's
/// axis of lengths does: hours below a day, days below four weeks, months
/// below a year, then years.
fn days_label_expr() -> String {
    let plural = |n: &str, unit: &str| {
        format!("(round({n}) == 1 ? '1 {unit}' : format(round({n}), ',') + ' {unit}s')")
    };
    format!(
        "datum.value < 1 ? {} : datum.value < 28 ? {} : datum.value < 365 ? {} : {}",
        plural("datum.value * 24", "hour"),
        plural("datum.value", "day"),
        plural(&format!("datum.value / {DAYS_PER_MONTH}"), "month"),
        plural(&format!("datum.value / {DAYS_PER_YEAR}"), "year"),
    )
}

/// `text` in lines of at most about `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
