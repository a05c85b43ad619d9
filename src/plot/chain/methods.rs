//! The builder methods a chain may call: for each, its parameters as
//! Rust declares them and how the parsed arguments are handed to it.
//! A test (`chain/tests.rs`) reads `src/plot/*.rs` and fails when a
//! builder method of [`Plot`] is missing here or declared otherwise.

use super::args::Args;
pub(super) use super::kind::Kind;
use crate::error::Result;
use crate::plot::Plot;

type Apply = fn(Plot, &Args) -> Result<Plot>;

/// One builder method.
pub(super) struct Method {
    pub name: &'static str,
    pub params: &'static [(&'static str, Kind)],
    pub apply: Apply,
}

impl Method {
    /// The method's signature as Rust writes it: `bar(self, x: &str, y: &str) -> Plot`.
    pub(super) fn signature(&self) -> String {
        let mut s = format!("{}(self", self.name);
        for (name, kind) in self.params {
            s.push_str(&format!(", {name}: {}", kind.rust()));
        }
        s + ") -> Plot"
    }
}

const fn m(name: &'static str, params: &'static [(&'static str, Kind)], apply: Apply) -> Method {
    Method {
        name,
        params,
        apply,
    }
}

use Kind::*;

const XY: &[(&str, Kind)] = &[("x", Column), ("y", Column)];
const ONE_COLUMN: &[(&str, Kind)] = &[("column", LayerColumn)];
const TEXT: &[(&str, Kind)] = &[("text", Text)];
const NONE: &[(&str, Kind)] = &[];

/// Every builder method, in the order of the docs.
pub(super) static METHODS: &[Method] = &[
    m("data", &[("df", Frame)], |p, a| Ok(p.data(a.frame(0)?))),
    m("bar", XY, |p, a| Ok(p.bar(a.s(0)?, a.s(1)?))),
    m("point", XY, |p, a| Ok(p.point(a.s(0)?, a.s(1)?))),
    m("line", XY, |p, a| Ok(p.line(a.s(0)?, a.s(1)?))),
    m("step", XY, |p, a| Ok(p.step(a.s(0)?, a.s(1)?))),
    m(
        "interval",
        &[("y", Column), ("start", Column), ("end", Column)],
        |p, a| Ok(p.interval(a.s(0)?, a.s(1)?, a.s(2)?)),
    ),
    m(
        "range",
        &[("x", Column), ("low", Column), ("high", Column)],
        |p, a| Ok(p.range(a.s(0)?, a.s(1)?, a.s(2)?)),
    ),
    m(
        "ribbon",
        &[("x", Column), ("low", Column), ("high", Column)],
        |p, a| Ok(p.ribbon(a.s(0)?, a.s(1)?, a.s(2)?)),
    ),
    m("rule_x", &[("at", At), ("label", Text)], |p, a| {
        Ok(p.rule_x(a.at(0)?, a.s(1)?))
    }),
    m("rule_y", &[("at", At), ("label", Text)], |p, a| {
        Ok(p.rule_y(a.at(0)?, a.s(1)?))
    }),
    m(
        "text",
        &[("x", Column), ("y", Column), ("label", Column)],
        |p, a| Ok(p.text(a.s(0)?, a.s(1)?, a.s(2)?)),
    ),
    m("histogram", &[("x", Column)], |p, a| {
        Ok(p.histogram(a.s(0)?))
    }),
    m(
        "heat",
        &[("x", Column), ("y", Column), ("fill", Column)],
        |p, a| Ok(p.heat(a.s(0)?, a.s(1)?, a.s(2)?)),
    ),
    m("color", ONE_COLUMN, |p, a| Ok(p.color(a.s(0)?))),
    m(
        "paint",
        &[("color", Color)],
        |p, a| Ok(p.paint(a.color(0)?)),
    ),
    m("shape", ONE_COLUMN, |p, a| Ok(p.shape(a.s(0)?))),
    m("size_by", ONE_COLUMN, |p, a| Ok(p.size_by(a.s(0)?))),
    m("label", ONE_COLUMN, |p, a| Ok(p.label(a.s(0)?))),
    m("group", ONE_COLUMN, |p, a| Ok(p.group(a.s(0)?))),
    m("tooltip", ONE_COLUMN, |p, a| Ok(p.tooltip(a.s(0)?))),
    m("dodge", NONE, |p, _| Ok(p.dodge())),
    m("cumulative", NONE, |p, _| Ok(p.cumulative())),
    m("bins", &[("n", Usize)], |p, a| Ok(p.bins(a.usize(0)?))),
    m(
        "opacity",
        &[("alpha", F64)],
        |p, a| Ok(p.opacity(a.f64(0)?)),
    ),
    m("stroke", &[("width", F64), ("dashed", Bool)], |p, a| {
        Ok(p.stroke(a.f64(0)?, a.bool(1)?))
    }),
    m("nudge", &[("dx", F64), ("dy", F64)], |p, a| {
        Ok(p.nudge(a.f64(0)?, a.f64(1)?))
    }),
    m(
        "theme",
        &[("theme", Theme)],
        |p, a| Ok(p.theme(a.theme(0)?)),
    ),
    m("color_map", &[("pairs", ColorPairs)], |p, a| {
        Ok(p.color_map(&a.color_pairs(0)?))
    }),
    m("shape_map", &[("pairs", ShapePairs)], |p, a| {
        Ok(p.shape_map(&a.str_pairs(0)?))
    }),
    m("no_legend", NONE, |p, _| Ok(p.no_legend())),
    m("facet", &[("column", AnyColumn)], |p, a| {
        Ok(p.facet(a.s(0)?))
    }),
    m("facet_columns", &[("n", Usize)], |p, a| {
        Ok(p.facet_columns(a.usize(0)?))
    }),
    m("title", TEXT, |p, a| Ok(p.title(a.s(0)?))),
    m("subtitle", TEXT, |p, a| Ok(p.subtitle(a.s(0)?))),
    m("note", TEXT, |p, a| Ok(p.note(a.s(0)?))),
    m("caption", TEXT, |p, a| Ok(p.caption(a.s(0)?))),
    m("x_title", TEXT, |p, a| Ok(p.x_title(a.s(0)?))),
    m("y_title", TEXT, |p, a| Ok(p.y_title(a.s(0)?))),
    m("color_title", TEXT, |p, a| Ok(p.color_title(a.s(0)?))),
    m("x_log", NONE, |p, _| Ok(p.x_log())),
    m("y_log", NONE, |p, _| Ok(p.y_log())),
    m("x_days", NONE, |p, _| Ok(p.x_days())),
    m("y_days", NONE, |p, _| Ok(p.y_days())),
    m("x_order", &[("order", Texts)], |p, a| {
        Ok(p.x_order(&a.strs(0)?))
    }),
    m("y_order", &[("order", Texts)], |p, a| {
        Ok(p.y_order(&a.strs(0)?))
    }),
    m("x_sort", &[("by", SortKey)], |p, a| Ok(p.x_sort(a.s(0)?))),
    m("y_sort", &[("by", SortKey)], |p, a| Ok(p.y_sort(a.s(0)?))),
    m("x_domain", &[("lo", F64), ("hi", F64)], |p, a| {
        Ok(p.x_domain(a.f64(0)?, a.f64(1)?))
    }),
    m("y_domain", &[("lo", F64), ("hi", F64)], |p, a| {
        Ok(p.y_domain(a.f64(0)?, a.f64(1)?))
    }),
    m("y_hidden", NONE, |p, _| Ok(p.y_hidden())),
    m("size", &[("width", U32), ("height", U32)], |p, a| {
        Ok(p.size(a.u32(0)?, a.u32(1)?))
    }),
];

/// Methods of [`Plot`] that are not builder steps, and what to say when a
/// chain calls one.
pub(super) static NOT_IN_A_CHAIN: &[(&str, &str)] = &[
    (
        "new",
        "`Plot::new(&frame)` starts a chain; the cell's frame is its start",
    ),
    (
        "auto",
        "`Plot::auto` returns a `Result`; call it in a Rust cell",
    ),
    ("chain", "a chain cannot run another chain"),
    ("chain_with", "a chain cannot run another chain"),
    (
        "svg",
        "a chart cell shows its chart itself; to keep the SVG, use a Rust cell",
    ),
    ("inline_svg", "a chart cell shows its chart itself"),
    (
        "png",
        "a chart cell shows its chart itself; to keep the PNG, use a Rust cell",
    ),
    (
        "pdf",
        "a chart cell shows its chart itself; to keep the PDF, use a Rust cell",
    ),
    (
        "save_svg",
        "a chart cell writes no files; save it from a Rust cell",
    ),
    (
        "save_png",
        "a chart cell writes no files; save it from a Rust cell",
    ),
    (
        "save_pdf",
        "a chart cell writes no files; save it from a Rust cell",
    ),
    (
        "files",
        "a chart cell writes no files; save it from a Rust cell",
    ),
    (
        "vega_lite",
        "a chart cell shows the interactive twin itself",
    ),
    ("evcxr_display", "a chart cell shows its chart itself"),
];

/// The method named `name`.
pub(super) fn find(name: &str) -> Option<&'static Method> {
    METHODS.iter().find(|m| m.name == name)
}
