//! The pieces a specification is made of: types, field names, colours,
//! numbers, dates and shapes as Vega-Lite reads them.

use serde_json::{Map, Value, json};

use crate::plot::base::{DAYS_PER_MONTH, DAYS_PER_YEAR, day_of_epoch};
use crate::plot::data::{Channel, Kind};
use plotters::style::RGBColor;

/// A channel's Vega-Lite type.
pub(super) fn vl_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Number => "quantitative",
        Kind::Date => "temporal",
        Kind::Category => "nominal",
    }
}

/// A column name as a Vega-Lite field: `.`, `[`, `]` and `\` would
/// otherwise read as a path into the row.
pub(super) fn field(name: &str) -> String {
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
pub(super) fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A number for JSON: whole numbers as integers.
pub(super) fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

/// Days since 1970 as an ISO date (whole days) or date-time in UTC.
pub(super) fn iso(days: f64) -> Value {
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
pub(super) fn value(ch: &Channel, row: usize) -> Value {
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
pub(super) fn datetime(d: chrono::NaiveDate) -> Value {
    use chrono::Datelike;
    json!({"year": d.year(), "month": d.month(), "date": d.day(), "utc": true})
}

/// Whether any of a date channel's rows has a time of day.
pub(super) fn has_time(ch: &Channel, rows: &[usize]) -> bool {
    rows.iter().any(|&i| {
        ch.values
            .get(i)
            .copied()
            .flatten()
            .is_some_and(|v| v.fract() != 0.0)
    })
}

/// Vega's symbol for one of the chart's shape names.
pub(super) fn vega_shape(name: &str) -> String {
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
pub(super) enum Axis {
    X,
    Y,
}

/// The key of the layer index in each row, and of the panel.
pub(super) const LAYER: &str = "__layer";
pub(super) const PANEL: &str = "__panel";
pub(super) const ROW: &str = "__row";
pub(super) const CUMULATIVE: &str = "__cumulative";

pub(super) type Obj = Map<String, Value>;

pub(super) fn obj(v: Value) -> Obj {
    match v {
        Value::Object(m) => m,
        _ => Obj::new(),
    }
}

/// A Vega expression writing a number of days as words, as the SVG's
/// axis of lengths does: hours below a day, days below four weeks, months
/// below a year, then years.
pub(super) fn days_label_expr() -> String {
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
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
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
