//! The specification as a whole: its rows, its top level (titles, size,
//! panels, zoom), and what every mark shares (positions and their scales,
//! colours, tooltips).

use serde_json::{Value, json};

use crate::plot::base::{DAYS_PER_MONTH, DAYS_PER_YEAR};
use crate::plot::data::{Channel, Kind};
use crate::plot::render::{Fit, FitColors, FitLayer};
use crate::plot::theme::{palette, tint};
use crate::plot::{At, Layer, Mark, Plot};

use super::VEGA_LITE_SCHEMA;
use super::values::*;

pub(super) struct Builder<'a> {
    pub(super) plot: &'a Plot,
    pub(super) fit: &'a Fit,
    /// The field the panels are read from.
    pub(super) facet: Option<&'static str>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(plot: &'a Plot, fit: &'a Fit) -> Builder<'a> {
        let facet = (plot.facet.is_some() && !fit.panels.is_empty()).then_some(PANEL);
        Builder { plot, fit, facet }
    }

    /// The whole specification.
    pub(super) fn spec(&self) -> std::result::Result<Value, String> {
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
    pub(super) fn rows(&self, k: usize, layer: &Layer, fl: &FitLayer, out: &mut Vec<Value>) {
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
    pub(super) fn position(&self, ch: &Channel, axis: Axis) -> Obj {
        let mut enc = obj(json!({
            "field": field(&ch.name),
            "type": vl_type(ch.kind),
            "title": self.title(axis),
        }));
        self.axis_props(&mut enc, axis, ch.kind);
        enc
    }

    pub(super) fn title(&self, axis: Axis) -> String {
        match axis {
            Axis::X => self.fit.x_title.clone(),
            Axis::Y => self.fit.y_title.clone(),
        }
    }

    /// The scale, axis and sort shared by every mark on `axis`.
    pub(super) fn axis_props(&self, enc: &mut Obj, axis: Axis, kind: Kind) {
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
    pub(super) fn color(&self, layer: &Layer, fl: &FitLayer) -> (Option<Obj>, Option<String>) {
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
    pub(super) fn tooltip(&self, fl: &FitLayer) -> Value {
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

    /// Whether `at` lies in the right third of the x values drawn.
    pub(super) fn near_right(&self, at: &At) -> bool {
        let v = match at {
            At::Number(v) => *v,
            At::Date(d) => crate::plot::base::epoch_day(*d) as f64,
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
    pub(super) fn xy(&self, enc: &mut Obj, fl: &FitLayer) -> std::result::Result<(), String> {
        if let Some(x) = &fl.x {
            enc.insert("x".into(), Value::Object(self.position(x, Axis::X)));
        }
        if let Some(y) = &fl.y {
            enc.insert("y".into(), Value::Object(self.position(y, Axis::Y)));
        }
        Ok(())
    }
}
