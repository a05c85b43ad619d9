//! Each mark of the chart layer as Vega-Lite units: a mark with its
//! encodings, and for labels, text beside it.

use serde_json::{Value, json};

use crate::plot::base::DAYS_PER_YEAR;
use crate::plot::data::{Channel, Kind};
use crate::plot::render::{FitColors, FitLayer};
use crate::plot::theme::palette;
use crate::plot::{At, Layer, Mark};

use super::spec::Builder;
use super::values::*;

impl Builder<'_> {
    /// The units of one layer (a mark and, for labels, text beside it).
    pub(super) fn layer(
        &self,
        k: usize,
        layer: &Layer,
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
}
