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

/// A layer's units as they are built: the mark, its encodings and filter,
/// and any text beside it.
struct Unit {
    mark: Obj,
    enc: Obj,
    transform: Vec<Value>,
    labels: Option<Value>,
}

/// A layer's colour: an encoding, or a fixed colour for the mark (see
/// `Builder::color`).
struct Paint {
    enc: Option<Obj>,
    fixed: Option<String>,
}

/// Whether the layer has the columns its mark needs (without them it
/// draws nothing), or why the twin cannot show it.
type Drawn = std::result::Result<bool, String>;

impl Builder<'_> {
    /// The units of one layer (a mark and, for labels, text beside it).
    pub(super) fn layer(
        &self,
        k: usize,
        layer: &Layer,
        fl: &FitLayer,
    ) -> std::result::Result<Vec<Value>, String> {
        let (enc, fixed) = self.color(layer, fl);
        let paint = Paint { enc, fixed };
        let mut u = Unit {
            mark: Obj::new(),
            enc: Obj::new(),
            transform: vec![json!({"filter": {"field": LAYER, "equal": k}})],
            labels: None,
        };
        // Explicit: a point's default in Vega-Lite is 0.7.
        u.mark.insert("opacity".into(), number(layer.opacity));
        let drawn = match layer.mark {
            Mark::Bar => self.bar(&mut u, layer, fl)?,
            Mark::Point => self.point(&mut u, fl, &paint)?,
            Mark::Line | Mark::Step => self.line(&mut u, layer, fl)?,
            Mark::Interval | Mark::Range => self.interval(&mut u, layer, fl, &paint)?,
            Mark::Ribbon => self.ribbon(&mut u, layer, fl)?,
            Mark::RuleX | Mark::RuleY => self.rule(&mut u, layer, &paint)?,
            Mark::Text => self.text(&mut u, layer, fl)?,
            Mark::Histogram => self.histogram(&mut u, layer, fl)?,
            Mark::Heat => self.heat(&mut u, fl, &paint)?,
        };
        Ok(if drawn {
            finish(u, layer, paint)
        } else {
            Vec::new()
        })
    }

    /// Bars, stacked (their rows summed) or side by side within a band.
    fn bar(&self, u: &mut Unit, layer: &Layer, fl: &FitLayer) -> Drawn {
        u.mark.insert("type".into(), json!("bar"));
        let (Some(x), Some(y)) = (&fl.x, &fl.y) else {
            return Ok(false);
        };
        let (mut x, mut y) = (self.position(x, Axis::X), self.position(y, Axis::Y));
        let measure = if fl.horizontal { &mut x } else { &mut y };
        if layer.dodge {
            measure.insert("stack".into(), Value::Null);
            self.dodge(&mut u.enc, fl)?;
        } else {
            measure.insert("stack".into(), json!("zero"));
            if fl.color.is_none() {
                // Rows sharing a bar are stacked: the bar is their sum.
                u.enc
                    .insert("detail".into(), json!({"field": ROW, "type": "nominal"}));
            }
        }
        u.enc.insert("x".into(), Value::Object(x));
        u.enc.insert("y".into(), Value::Object(y));
        u.enc.insert("tooltip".into(), self.tooltip(fl));
        Ok(true)
    }

    /// Side-by-side bars: offset within their band by colour, in the
    /// legend's order. A continuous axis has no band to share.
    fn dodge(&self, enc: &mut Obj, fl: &FitLayer) -> std::result::Result<(), String> {
        let (band, place, offset) = if fl.horizontal {
            (&self.fit.y_bands, "y", "yOffset")
        } else {
            (&self.fit.x_bands, "x", "xOffset")
        };
        match (&fl.color, band) {
            (Some(c), Some(_)) if c.kind == Kind::Category => {
                let sort: Vec<Value> = match &self.fit.colors {
                    FitColors::Levels(l) => l.iter().map(|(n, _)| json!(n)).collect(),
                    _ => Vec::new(),
                };
                enc.insert(
                    offset.into(),
                    json!({"field": field(&c.name), "type": "nominal", "sort": sort}),
                );
                Ok(())
            }
            (Some(_), None) => Err(format!("side-by-side bars along a continuous {place} axis")),
            _ => Ok(()),
        }
    }

    /// Points, filled; shaped and sized by columns if given, with labels
    /// beside them.
    fn point(&self, u: &mut Unit, fl: &FitLayer, paint: &Paint) -> Drawn {
        u.mark.insert("type".into(), json!("point"));
        u.mark.insert("filled".into(), json!(true));
        u.mark.insert("size".into(), json!(113));
        self.xy(&mut u.enc, fl)?;
        if let Some(s) = &fl.shape {
            u.enc.insert("shape".into(), self.shape(s));
        }
        if let Some(s) = fl.size.as_ref().filter(|s| s.kind == Kind::Number) {
            u.enc.insert("size".into(), size(s));
        }
        u.enc.insert("tooltip".into(), self.tooltip(fl));
        if let Some(l) = &fl.label {
            u.labels = Some(point_labels(l, paint));
        }
        Ok(true)
    }

    /// The shape of each point: the chart's shapes for its levels, as
    /// Vega's symbols.
    fn shape(&self, s: &Channel) -> Value {
        let shapes = &self.fit.shapes;
        json!({
            "field": field(&s.name),
            "type": "nominal",
            "scale": {
                "domain": shapes.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
                "range": shapes.iter().map(|(_, s)| vega_shape(s)).collect::<Vec<_>>(),
            },
            "legend": if self.fit.shape_legend { json!({"title": s.name}) } else { Value::Null },
            "title": s.name,
        })
    }

    /// Lines (and steps): one per group and label, running sums along x if
    /// cumulative.
    fn line(&self, u: &mut Unit, layer: &Layer, fl: &FitLayer) -> Drawn {
        u.mark.insert("type".into(), json!("line"));
        u.mark.insert("strokeWidth".into(), json!(layer.width));
        if layer.dashed {
            u.mark.insert("strokeDash".into(), json!([6, 4]));
        }
        if layer.mark == Mark::Step {
            u.mark.insert("interpolate".into(), json!("step-after"));
        }
        self.xy(&mut u.enc, fl)?;
        if layer.cumulative
            && let (Some(x), Some(y)) = (&fl.x, &fl.y)
        {
            u.transform.push(self.running_sum(fl, x, y));
            if let Some(Value::Object(ye)) = u.enc.get_mut("y") {
                ye.insert("field".into(), json!(CUMULATIVE));
            }
        }
        let mut details: Vec<Value> = [&fl.group, &fl.label]
            .into_iter()
            .flatten()
            .map(|c| json!({"field": field(&c.name), "type": "nominal"}))
            .collect();
        match details.len() {
            0 => {}
            1 => {
                u.enc.insert("detail".into(), details.remove(0));
            }
            _ => {
                u.enc.insert("detail".into(), Value::Array(details));
            }
        }
        u.enc.insert("tooltip".into(), self.tooltip(fl));
        Ok(true)
    }

    /// The window that sums y along x within each line (and panel), into
    /// `CUMULATIVE`.
    fn running_sum(&self, fl: &FitLayer, x: &Channel, y: &Channel) -> Value {
        let mut by: Vec<Value> = [&fl.color, &fl.group, &fl.label]
            .into_iter()
            .flatten()
            .map(|c| json!(field(&c.name)))
            .collect();
        if self.facet.is_some() {
            by.push(json!(PANEL));
        }
        json!({
            "window": [{"op": "sum", "field": field(&y.name), "as": CUMULATIVE}],
            "groupby": by,
            "sort": [{"field": field(&x.name)}],
            "frame": [null, 0],
        })
    }

    /// Intervals (across) and ranges (upright): a bar from the start
    /// column to the end column, at its band or value, outlined, with
    /// labels past its end.
    fn interval(&self, u: &mut Unit, layer: &Layer, fl: &FitLayer, paint: &Paint) -> Drawn {
        u.mark.insert("type".into(), json!("bar"));
        let vertical = layer.mark == Mark::Range;
        let (Some(x), Some(y), Some(e)) = (&fl.x, &fl.y, &fl.end) else {
            return Ok(false);
        };
        let (along, across) = if vertical {
            (Axis::Y, Axis::X)
        } else {
            (Axis::X, Axis::Y)
        };
        let (start, at) = if vertical { (y, x) } else { (x, y) };
        let (a, b, second) = if vertical {
            ("y", "x", "y2")
        } else {
            ("x", "y", "x2")
        };
        u.enc
            .insert(a.into(), Value::Object(self.position(start, along)));
        u.enc
            .insert(second.into(), json!({"field": field(&e.name)}));
        u.enc
            .insert(b.into(), Value::Object(self.position(at, across)));
        let (band, size_key) = if vertical {
            (&self.fit.x_bands, "width")
        } else {
            (&self.fit.y_bands, "height")
        };
        if band.is_some() {
            u.mark.insert(size_key.into(), json!({"band": 0.56}));
        } else {
            u.mark.insert(size_key.into(), json!(10));
        }
        // An outline in the fill's colour: a zero-length interval (an
        // exact value) still shows, as a tick.
        u.mark.insert("strokeWidth".into(), json!(1.5));
        if let Some(c) = &paint.enc {
            u.enc.insert("stroke".into(), Value::Object(unlegended(c)));
        } else if let Some(c) = &paint.fixed {
            u.mark.insert("stroke".into(), json!(c));
        }
        u.enc.insert("tooltip".into(), self.tooltip(fl));
        if let Some(l) = &fl.label {
            u.labels = Some(self.interval_labels(l, e, vertical));
        }
        Ok(true)
    }

    /// Text beside each interval's end.
    fn interval_labels(&self, l: &Channel, end: &Channel, vertical: bool) -> Value {
        let (key, along, baseline) = if vertical {
            ("y", Axis::Y, "top")
        } else {
            ("x", Axis::X, "middle")
        };
        let mut text_enc = obj(json!({"text": {"field": field(&l.name), "type": vl_type(l.kind)}}));
        text_enc.insert(
            key.into(),
            json!({"field": field(&end.name), "type": vl_type(end.kind), "title": self.title(along)}),
        );
        json!({
            "mark": {"type": "text", "align": "left", "baseline": baseline, "dx": 6, "dy": 0, "fontSize": 11, "color": hex(palette::DARK)},
            "encoding": text_enc,
        })
    }

    /// A band from y to the end column, in steps along x, one per group.
    fn ribbon(&self, u: &mut Unit, layer: &Layer, fl: &FitLayer) -> Drawn {
        u.mark.insert("type".into(), json!("area"));
        u.mark.insert("interpolate".into(), json!("step-after"));
        let opacity = if layer.opacity < 1.0 {
            layer.opacity
        } else {
            0.22
        };
        u.mark.insert("opacity".into(), json!(opacity));
        let (Some(x), Some(y), Some(e)) = (&fl.x, &fl.y, &fl.end) else {
            return Ok(false);
        };
        u.enc
            .insert("x".into(), Value::Object(self.position(x, Axis::X)));
        let mut ye = self.position(y, Axis::Y);
        ye.insert("stack".into(), Value::Null);
        u.enc.insert("y".into(), Value::Object(ye));
        u.enc.insert("y2".into(), json!({"field": field(&e.name)}));
        if let Some(g) = &fl.group {
            u.enc.insert(
                "detail".into(),
                json!({"field": field(&g.name), "type": "nominal"}),
            );
        }
        Ok(true)
    }

    /// A dashed rule at a value given with the layer (not read from its
    /// rows), its text at the chart's edge.
    fn rule(&self, u: &mut Unit, layer: &Layer, paint: &Paint) -> Drawn {
        u.mark.insert("type".into(), json!("rule"));
        u.mark.insert("strokeWidth".into(), json!(1.5));
        u.mark.insert("strokeDash".into(), json!([6, 4]));
        let axis = if layer.mark == Mark::RuleX {
            Axis::X
        } else {
            Axis::Y
        };
        let Some(at) = &layer.at else {
            return Ok(false);
        };
        let d = self.rule_datum(at, axis);
        let key = if axis == Axis::X { "x" } else { "y" };
        u.enc.insert(key.into(), Value::Object(d.clone()));
        if let Some(t) = &layer.text {
            u.enc.insert("tooltip".into(), json!({"value": t}));
            u.labels = Some(self.rule_label(t, at, axis, d, paint));
        }
        Ok(true)
    }

    /// Where a rule stands: its value as a datum, on the axis's scale (but
    /// not its band order, which a datum has no use for).
    fn rule_datum(&self, at: &At, axis: Axis) -> Obj {
        let (datum, kind) = match at {
            At::Number(v) => (number(*v), Kind::Number),
            At::Date(d) => (datetime(*d), Kind::Date),
            At::Category(c) => (json!(c), Kind::Category),
        };
        let mut d = obj(json!({"datum": datum, "type": vl_type(kind), "title": self.title(axis)}));
        self.axis_props(&mut d, axis, kind);
        d.remove("sort");
        d
    }

    /// A rule's text, where the SVG places it: a vertical rule's at the
    /// top, right of the line (left of it near the right edge); a
    /// horizontal rule's at the left, above the line.
    fn rule_label(&self, t: &str, at: &At, axis: Axis, datum: Obj, paint: &Paint) -> Value {
        let (key, other) = if axis == Axis::X {
            ("x", "y")
        } else {
            ("y", "x")
        };
        let mut text_enc = obj(json!({"text": {"value": t}}));
        text_enc.insert(key.into(), Value::Object(datum));
        text_enc.insert(other.into(), json!({"value": 0}));
        let color = paint.fixed.clone().unwrap_or_default();
        let m = if axis == Axis::X {
            let (align, dx) = if self.near_right(at) {
                ("right", -5)
            } else {
                ("left", 5)
            };
            json!({"type": "text", "align": align, "baseline": "top", "dx": dx, "dy": 4, "fontSize": 11, "color": color})
        } else {
            json!({"type": "text", "align": "left", "baseline": "bottom", "dx": 4, "dy": -3, "fontSize": 11, "color": color})
        };
        json!({"mark": m, "encoding": text_enc})
    }

    /// Text at a place, aligned away from the way it is nudged.
    fn text(&self, u: &mut Unit, layer: &Layer, fl: &FitLayer) -> Drawn {
        u.mark.insert("type".into(), json!("text"));
        u.mark.insert("fontSize".into(), json!(12));
        let (dx, dy) = layer.nudge;
        let align = if dx > 0.0 {
            "left"
        } else if dx < 0.0 {
            "right"
        } else {
            "center"
        };
        u.mark.insert("align".into(), json!(align));
        if dx != 0.0 {
            u.mark.insert("dx".into(), number(dx));
        }
        if dy != 0.0 {
            u.mark.insert("dy".into(), number(dy));
        }
        self.xy(&mut u.enc, fl)?;
        if let Some(l) = &fl.label {
            u.enc.insert(
                "text".into(),
                json!({"field": field(&l.name), "type": vl_type(l.kind)}),
            );
        }
        Ok(true)
    }

    /// A histogram: the rows counted in bins along x.
    fn histogram(&self, u: &mut Unit, layer: &Layer, fl: &FitLayer) -> Drawn {
        u.mark.insert("type".into(), json!("bar"));
        let Some(x) = &fl.x else {
            return Ok(false);
        };
        let n = if layer.bins > 0 { layer.bins } else { 20 };
        let date_format = (x.kind == Kind::Date).then(|| bin_date_format(x, &fl.rows));
        let mut xe = self.position(x, Axis::X);
        xe.insert("bin".into(), json!({"maxbins": n}));
        if let Some(f) = date_format {
            xe.insert(
                "axis".into(),
                json!({"labelExpr": format!("utcFormat(datum.value, '{f}')")}),
            );
        }
        u.enc.insert("x".into(), Value::Object(xe));
        let mut ye = obj(
            json!({"aggregate": "count", "type": "quantitative", "title": self.title(Axis::Y), "stack": "zero"}),
        );
        self.axis_props(&mut ye, Axis::Y, Kind::Number);
        u.enc.insert("y".into(), Value::Object(ye));
        u.enc.insert(
            "tooltip".into(),
            bin_tooltip(x, n, date_format, fl.color.as_ref()),
        );
        Ok(true)
    }

    /// A heat map: a cell per x and y, tinted by colour, its label inside.
    fn heat(&self, u: &mut Unit, fl: &FitLayer, paint: &Paint) -> Drawn {
        u.mark.insert("type".into(), json!("rect"));
        let (Some(x), Some(y)) = (&fl.x, &fl.y) else {
            return Ok(false);
        };
        // The SVG tints a cell's colour halfway to white: the same colour
        // at 45% on white.
        if paint.enc.is_some() {
            u.mark.insert("opacity".into(), json!(0.45));
        }
        u.mark.insert("stroke".into(), json!("white"));
        u.mark.insert("strokeWidth".into(), json!(4));
        u.enc
            .insert("x".into(), Value::Object(self.position(x, Axis::X)));
        u.enc
            .insert("y".into(), Value::Object(self.position(y, Axis::Y)));
        u.enc.insert("tooltip".into(), self.tooltip(fl));
        if let Some(l) = &fl.label {
            // Text no wider than a cell.
            let columns = self.fit.x_bands.as_ref().map_or(1, |b| b.len().max(1));
            let cell_limit = format!("width / {columns} - 10");
            u.labels = Some(json!({
                "mark": {"type": "text", "align": "center", "baseline": "middle", "fontSize": 12, "color": "black", "limit": {"expr": cell_limit}},
                "encoding": {"text": {"field": field(&l.name), "type": vl_type(l.kind)}},
            }));
        }
        Ok(true)
    }
}

/// The layer's units: its mark, coloured and nudged, then any text beside
/// it.
fn finish(u: Unit, layer: &Layer, paint: Paint) -> Vec<Value> {
    let Unit {
        mut mark,
        mut enc,
        transform,
        labels,
    } = u;
    if let Some(c) = paint.enc {
        enc.insert("color".into(), Value::Object(c));
    } else if let Some(c) = &paint.fixed {
        mark.insert("color".into(), json!(c));
    }
    let (dx, dy) = layer.nudge;
    // Text takes its nudge as its own dx and dy (see `Builder::text`).
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
    out
}

/// The colour encoding again, for a second channel (a stroke, a label's
/// text): without a second legend.
fn unlegended(c: &Obj) -> Obj {
    let mut c = c.clone();
    c.insert("legend".into(), Value::Null);
    c
}

/// The size of each point, from a number column.
fn size(s: &Channel) -> Value {
    json!({
        "field": field(&s.name),
        "type": "quantitative",
        "scale": {"range": [28, 804], "zero": false},
        "title": s.name,
    })
}

/// Text beside each point, in the point's colour, as the SVG writes it.
fn point_labels(l: &Channel, paint: &Paint) -> Value {
    let mut text_enc = obj(json!({"text": {"field": field(&l.name), "type": vl_type(l.kind)}}));
    let mut m = obj(
        json!({"type": "text", "align": "left", "baseline": "middle", "dx": 9, "fontSize": 11}),
    );
    match (&paint.enc, &paint.fixed) {
        (Some(c), _) => {
            text_enc.insert("color".into(), Value::Object(unlegended(c)));
        }
        (None, Some(c)) => {
            m.insert("color".into(), json!(c));
        }
        (None, None) => {}
    }
    json!({"mark": m, "encoding": text_enc})
}

/// How the edges of bins of dates are labelled. Bins of dates are spans
/// of milliseconds: their edges are written as dates in UTC, to the year,
/// month or day the span of the rows calls for.
fn bin_date_format(x: &Channel, rows: &[usize]) -> &'static str {
    let days: Vec<f64> = rows
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
}

/// What a bin shows on hover: its colour, its span along x, its count.
fn bin_tooltip(x: &Channel, n: usize, date_format: Option<&str>, color: Option<&Channel>) -> Value {
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
    if let Some(c) = color {
        tips.insert(
            0,
            json!({"field": field(&c.name), "type": vl_type(c.kind), "title": c.name}),
        );
    }
    Value::Array(tips)
}
