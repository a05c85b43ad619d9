//! Arguments: a parsed expression read as the kind of value a parameter
//! takes, and checked where a check can say more than the drawing would
//! (a column name against the frame's columns).

use chrono::NaiveDate;
use plotters::style::RGBColor;
use polars::prelude::DataFrame;

use super::closest;
use super::kind::Kind;
use super::parse::{Expr, Node};
use crate::error::{Error, Result};
use crate::plot::theme::{Theme, palette};
use crate::plot::{At, Plot};

/// What went wrong with an argument: the bytes and a sentence.
pub(super) type ArgError = (usize, usize, String);

/// An argument read as its parameter's kind.
#[derive(Debug, Clone)]
pub(super) enum Arg {
    Str(String),
    Strs(Vec<String>),
    Usize(usize),
    U32(u32),
    F64(f64),
    Bool(bool),
    Color(RGBColor),
    At(At),
    ColorPairs(Vec<(String, RGBColor)>),
    StrPairs(Vec<(String, String)>),
    Frame(DataFrame),
    Theme(Theme),
}

/// A call's arguments, each already of its parameter's kind.
pub(super) struct Args(pub Vec<Arg>);

/// The method table reads an argument of another kind than it declared:
/// a bug in the table, reported rather than panicking.
fn mismatch(i: usize) -> Error {
    Error::Invalid(format!(
        "chain: argument {} is not of the kind its method declares (a bug in plot::chain)",
        i + 1
    ))
}

impl Args {
    pub(super) fn s(&self, i: usize) -> Result<&str> {
        match self.0.get(i) {
            Some(Arg::Str(s)) => Ok(s),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn strs(&self, i: usize) -> Result<Vec<&str>> {
        match self.0.get(i) {
            Some(Arg::Strs(v)) => Ok(v.iter().map(String::as_str).collect()),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn usize(&self, i: usize) -> Result<usize> {
        match self.0.get(i) {
            Some(Arg::Usize(n)) => Ok(*n),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn u32(&self, i: usize) -> Result<u32> {
        match self.0.get(i) {
            Some(Arg::U32(n)) => Ok(*n),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn f64(&self, i: usize) -> Result<f64> {
        match self.0.get(i) {
            Some(Arg::F64(x)) => Ok(*x),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn bool(&self, i: usize) -> Result<bool> {
        match self.0.get(i) {
            Some(Arg::Bool(b)) => Ok(*b),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn color(&self, i: usize) -> Result<RGBColor> {
        match self.0.get(i) {
            Some(Arg::Color(c)) => Ok(*c),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn at(&self, i: usize) -> Result<At> {
        match self.0.get(i) {
            Some(Arg::At(a)) => Ok(a.clone()),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn color_pairs(&self, i: usize) -> Result<Vec<(&str, RGBColor)>> {
        match self.0.get(i) {
            Some(Arg::ColorPairs(v)) => Ok(v.iter().map(|(k, c)| (k.as_str(), *c)).collect()),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn str_pairs(&self, i: usize) -> Result<Vec<(&str, &str)>> {
        match self.0.get(i) {
            Some(Arg::StrPairs(v)) => Ok(v.iter().map(|(k, s)| (k.as_str(), s.as_str())).collect()),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn frame(&self, i: usize) -> Result<&DataFrame> {
        match self.0.get(i) {
            Some(Arg::Frame(df)) => Ok(df),
            _ => Err(mismatch(i)),
        }
    }
    pub(super) fn theme(&self, i: usize) -> Result<Theme> {
        match self.0.get(i) {
            Some(Arg::Theme(t)) => Ok(t.clone()),
            _ => Err(mismatch(i)),
        }
    }
}

/// What an argument is read against: the chart so far and the frames
/// the cell knows by name.
pub(super) struct Scope<'a> {
    pub plot: &'a Plot,
    pub frames: &'a [(String, DataFrame)],
}

/// The palette's colours by name, as `palette::NAME` or a bare `NAME`.
/// A test checks this against `theme.rs`.
pub(super) const PALETTE: &[(&str, RGBColor)] = &[
    ("BLACK", palette::BLACK),
    ("ORANGE", palette::ORANGE),
    ("SKY_BLUE", palette::SKY_BLUE),
    ("GREEN", palette::GREEN),
    ("YELLOW", palette::YELLOW),
    ("BLUE", palette::BLUE),
    ("VERMILLION", palette::VERMILLION),
    ("PURPLE", palette::PURPLE),
    ("GREY", palette::GREY),
    ("LIGHT", palette::LIGHT),
    ("DARK", palette::DARK),
];

/// `node` read as a value of `kind`.
pub(super) fn convert(node: &Node, kind: Kind, scope: &Scope) -> Result<Arg, ArgError> {
    let wrong = || {
        (
            node.start,
            node.end,
            format!("expected {}, found {}", wants(kind), found(node)),
        )
    };
    let arg = match kind {
        Kind::Column | Kind::LayerColumn | Kind::AnyColumn | Kind::SortKey => {
            // Checked against the frames by the caller (`check_column`),
            // whose error lists columns rather than the signature.
            Arg::Str(string(node).ok_or_else(wrong)?.to_string())
        }
        Kind::Text => Arg::Str(string(node).ok_or_else(wrong)?.to_string()),
        Kind::Texts => Arg::Strs(slice(node, kind, |n| string(n).map(str::to_string))?),
        Kind::Usize => Arg::Usize(whole(node, kind)?),
        Kind::U32 => Arg::U32(whole(node, kind)?),
        Kind::F64 => Arg::F64(float(node)?),
        Kind::Bool => Arg::Bool(boolean(node).ok_or_else(wrong)?),
        Kind::Color => Arg::Color(color(node)?.ok_or_else(wrong)?),
        Kind::At => Arg::At(at(node)?.ok_or_else(wrong)?),
        Kind::ColorPairs => Arg::ColorPairs(pairs(node, kind, color)?),
        Kind::ShapePairs => {
            Arg::StrPairs(pairs(node, kind, |n| Ok(string(n).map(str::to_string)))?)
        }
        Kind::Frame => Arg::Frame(frame(node, scope)?.ok_or_else(wrong)?),
        Kind::Theme => Arg::Theme(theme(node)?.ok_or_else(wrong)?),
    };
    Ok(arg)
}

/// What a kind takes, for "expected ...".
fn wants(kind: Kind) -> &'static str {
    match kind {
        Kind::Column | Kind::LayerColumn | Kind::AnyColumn => {
            "a column name as a string, such as `\"month\"`"
        }
        Kind::SortKey => "`\"data\"`, a column name, or `-` and a column name, such as `\"-days\"`",
        Kind::Text => "a string, such as `\"Meetings per month\"`",
        Kind::Texts => "a slice of strings, such as `&[\"a\", \"b\"]`",
        Kind::Usize | Kind::U32 => "a whole number, 0 or more",
        Kind::F64 => "a number with a decimal point, such as `1.0` (an f64)",
        Kind::Bool => "`true` or `false`",
        Kind::Color => {
            "a colour: `RGBColor(r, g, b)` (each 0 to 255) or a palette colour such as `palette::BLUE`"
        }
        Kind::At => {
            "a number, a string (a category) or a date: `NaiveDate::from_ymd_opt(2025, 12, 4).unwrap()`"
        }
        Kind::ColorPairs => {
            "a slice of (category, colour) pairs, such as `&[(\"yes\", RGBColor(0, 158, 115))]`"
        }
        Kind::ShapePairs => {
            "a slice of (category, shape) pairs, such as `&[(\"visit\", \"circle-open\")]`"
        }
        Kind::Frame => "a frame the cell knows, such as `&other`",
        Kind::Theme => "`Theme::new()`, with `.family(&[(\"a\", RGBColor(1, 2, 3))])` calls",
    }
}

/// What an argument is, for "found ...".
fn found(node: &Node) -> String {
    match &node.expr {
        Expr::Str(s) => format!("the string {s:?}"),
        Expr::Int(n) => format!("the integer `{n}`"),
        Expr::Float(x) => format!("the number `{x}`"),
        Expr::Path(p) if p.len() == 1 && !matches!(p[0].as_str(), "true" | "false") => format!(
            "`{}` (a chart cell knows no Rust variables: write the value itself, or use a Rust cell)",
            p[0]
        ),
        Expr::Path(p) => format!("`{}`", p.join("::")),
        Expr::Call(p, _) => format!("a call to `{}(...)`", p.join("::")),
        Expr::Method(_, call) => format!("a call to `.{}(...)`", call.name),
        Expr::Ref(inner) => format!("`&` and {}", found(inner)),
        Expr::Array(_) => "an array (a slice is written `&[...]`)".into(),
        Expr::Tuple(_) => "a tuple".into(),
    }
}

fn string(node: &Node) -> Option<&str> {
    match &node.expr {
        Expr::Str(s) => Some(s),
        _ => None,
    }
}

fn boolean(node: &Node) -> Option<bool> {
    match &node.expr {
        Expr::Path(p) if p.len() == 1 && p[0] == "true" => Some(true),
        Expr::Path(p) if p.len() == 1 && p[0] == "false" => Some(false),
        _ => None,
    }
}

/// A whole number within `T`'s range.
fn whole<T: TryFrom<i128>>(node: &Node, kind: Kind) -> Result<T, ArgError> {
    let err = |m: String| (node.start, node.end, m);
    match node.expr {
        Expr::Int(n) => T::try_from(n).map_err(|_| {
            err(format!(
                "`{n}` does not fit a `{}`: expected {}",
                kind.rust(),
                wants(kind)
            ))
        }),
        _ => Err(err(format!(
            "expected {}, found {}",
            wants(kind),
            found(node)
        ))),
    }
}

/// An f64: a float literal, as Rust wants (an integer is refused so the
/// chain still compiles when pasted into a Rust cell).
fn float(node: &Node) -> Result<f64, ArgError> {
    match node.expr {
        Expr::Float(x) => Ok(x),
        Expr::Int(n) => Err((
            node.start,
            node.end,
            format!(
                "expected {}, found the integer `{n}`: write `{n}.0`",
                wants(Kind::F64)
            ),
        )),
        _ => Err((
            node.start,
            node.end,
            format!("expected {}, found {}", wants(Kind::F64), found(node)),
        )),
    }
}

/// The elements of `&[...]`, each read by `item`.
fn slice<T>(
    node: &Node,
    kind: Kind,
    item: impl Fn(&Node) -> Option<T>,
) -> Result<Vec<T>, ArgError> {
    let Expr::Ref(inner) = &node.expr else {
        return Err((
            node.start,
            node.end,
            format!("expected {}, found {}", wants(kind), found(node)),
        ));
    };
    let Expr::Array(items) = &inner.expr else {
        return Err((
            node.start,
            node.end,
            format!("expected {}, found {}", wants(kind), found(node)),
        ));
    };
    items
        .iter()
        .map(|n| {
            item(n).ok_or_else(|| {
                (
                    n.start,
                    n.end,
                    format!("expected {}; this element is {}", wants(kind), found(n)),
                )
            })
        })
        .collect()
}

/// `&[("a", value), ...]`, each value read by `value`.
fn pairs<T>(
    node: &Node,
    kind: Kind,
    value: impl Fn(&Node) -> Result<Option<T>, ArgError>,
) -> Result<Vec<(String, T)>, ArgError> {
    let tuples = slice(node, kind, |n| match &n.expr {
        Expr::Tuple(t) if t.len() == 2 => Some(t.clone()),
        _ => None,
    })?;
    let mut out = Vec::new();
    for t in tuples {
        let key = string(&t[0]).ok_or_else(|| {
            (
                t[0].start,
                t[0].end,
                format!("expected a category as a string, found {}", found(&t[0])),
            )
        })?;
        let v = value(&t[1])?.ok_or_else(|| {
            (
                t[1].start,
                t[1].end,
                format!("expected {}, found {}", wants(kind), found(&t[1])),
            )
        })?;
        out.push((key.to_string(), v));
    }
    Ok(out)
}

/// The last segments of a path, for matching `a::b::RGBColor` as `RGBColor`.
fn ends_with(path: &[String], tail: &[&str]) -> bool {
    path.len() >= tail.len()
        && path[path.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(a, b)| a == b)
}

/// `RGBColor(r, g, b)` or a palette colour; `Ok(None)` when `node` is not
/// a colour at all.
fn color(node: &Node) -> Result<Option<RGBColor>, ArgError> {
    match &node.expr {
        Expr::Call(p, args) if ends_with(p, &["RGBColor"]) => {
            let channels: Vec<u8> = args
                .iter()
                .map(|a| whole(a, Kind::Color))
                .collect::<Result<_, _>>()
                .map_err(|(s, e, _)| {
                    (
                        s,
                        e,
                        "a colour channel is a whole number from 0 to 255".to_string(),
                    )
                })?;
            match channels[..] {
                [r, g, b] => Ok(Some(RGBColor(r, g, b))),
                _ => Err((
                    node.start,
                    node.end,
                    format!(
                        "`RGBColor` takes 3 channels (r, g, b), {} given",
                        channels.len()
                    ),
                )),
            }
        }
        Expr::Path(p)
            if p.split_last()
                .is_some_and(|(_, init)| init.is_empty() || ends_with(init, &["palette"])) =>
        {
            let name = p.last().map(String::as_str).unwrap_or_default();
            match PALETTE.iter().find(|(n, _)| *n == name) {
                Some((_, c)) => Ok(Some(*c)),
                None if p.len() == 1 => Ok(None),
                None => {
                    let names = closest(name, PALETTE.iter().map(|(n, _)| n.to_string()));
                    Err((
                        node.start,
                        node.end,
                        format!(
                            "no palette colour `{name}`; the palette, closest first: {}",
                            names.join(", ")
                        ),
                    ))
                }
            }
        }
        _ => Ok(None),
    }
}

/// A number, a string or a date; `Ok(None)` when `node` is none of them.
fn at(node: &Node) -> Result<Option<At>, ArgError> {
    Ok(match &node.expr {
        Expr::Str(s) => Some(At::Category(s.clone())),
        Expr::Int(n) => Some(At::Number(*n as f64)),
        Expr::Float(x) => Some(At::Number(*x)),
        _ => date(node)?.map(At::Date),
    })
}

/// `NaiveDate::from_ymd_opt(y, m, d).unwrap()` (or `.expect("...")`).
fn date(node: &Node) -> Result<Option<NaiveDate>, ArgError> {
    let err = |m: &str| Err((node.start, node.end, m.to_string()));
    let (inner, unwrapped) = match &node.expr {
        Expr::Method(inner, call) if matches!(call.name.as_str(), "unwrap" | "expect") => {
            (&**inner, true)
        }
        _ => (node, false),
    };
    let Expr::Call(path, args) = &inner.expr else {
        return Ok(None);
    };
    if !ends_with(path, &["NaiveDate", "from_ymd_opt"]) {
        return Ok(None);
    }
    if !unwrapped {
        return err(
            "`NaiveDate::from_ymd_opt(...)` gives an `Option`: add `.unwrap()`, as in Rust",
        );
    }
    let [y, m, d] = &args[..] else {
        return err("`NaiveDate::from_ymd_opt` takes the year, the month and the day");
    };
    let parts = (
        whole::<i32>(y, Kind::At),
        whole::<u32>(m, Kind::At),
        whole::<u32>(d, Kind::At),
    );
    let (Ok(y), Ok(m), Ok(d)) = parts else {
        return err("a date's year, month and day are whole numbers");
    };
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => Ok(Some(date)),
        None => err(&format!("there is no date {y:04}-{m:02}-{d:02}")),
    }
}

/// `Theme::new()` and any `.family(&[...])` calls on it.
fn theme(node: &Node) -> Result<Option<Theme>, ArgError> {
    match &node.expr {
        Expr::Call(p, args)
            if args.is_empty()
                && (ends_with(p, &["Theme", "new"]) || ends_with(p, &["Theme", "default"])) =>
        {
            Ok(Some(Theme::new()))
        }
        Expr::Method(inner, call) if call.name == "family" => {
            let Some(t) = theme(inner)? else {
                return Ok(None);
            };
            let [arg] = &call.args[..] else {
                return Err((
                    node.start,
                    node.end,
                    "`Theme::family` takes one slice of (value, colour) pairs".into(),
                ));
            };
            let pairs = pairs(arg, Kind::ColorPairs, color)?;
            let refs: Vec<(&str, RGBColor)> = pairs.iter().map(|(k, c)| (k.as_str(), *c)).collect();
            Ok(Some(t.family(&refs)))
        }
        _ => Ok(None),
    }
}

/// `&name`: a frame the cell knows by name.
fn frame(node: &Node, scope: &Scope) -> Result<Option<DataFrame>, ArgError> {
    let Expr::Ref(inner) = &node.expr else {
        return Ok(None);
    };
    let Expr::Path(p) = &inner.expr else {
        return Ok(None);
    };
    let [name] = &p[..] else { return Ok(None) };
    if let Some((_, df)) = scope.frames.iter().find(|(n, _)| n == name) {
        return Ok(Some(df.clone()));
    }
    let message = if scope.frames.is_empty() {
        format!(
            "this cell knows no frame named `{name}` (it was given none by name); layer other frames in a Rust cell"
        )
    } else {
        let names = closest(name, scope.frames.iter().map(|(n, _)| n.clone()));
        format!(
            "no frame named `{name}`; the frames, closest first: {}",
            names.join(", ")
        )
    };
    Err((node.start, node.end, message))
}

/// Checks that `name` is a column where `kind` looks for it: a mark's
/// columns in the frame it will read, an encoding's in the last mark's,
/// a facet's or a sort's in any frame of the chart.
pub(super) fn check_column(name: &str, kind: Kind, scope: &Scope) -> Result<(), String> {
    let column = match kind {
        Kind::SortKey if name == "data" => return Ok(()),
        Kind::SortKey => name.strip_prefix('-').unwrap_or(name),
        Kind::Column | Kind::LayerColumn | Kind::AnyColumn => name,
        _ => return Ok(()),
    };
    let plot = scope.plot;
    let last = plot.layers.last().map_or(&plot.data, |l| &l.data);
    let (frames, place): (Vec<&DataFrame>, &str) = match kind {
        Kind::Column => (vec![&plot.data], "the frame; its"),
        Kind::LayerColumn => (vec![last], "the frame of the last mark; its"),
        _ => {
            let all = std::iter::once(&plot.data).chain(plot.layers.iter().map(|l| &l.data));
            (all.collect(), "the chart's frames; their")
        }
    };
    let all: Vec<String> = frames
        .iter()
        .flat_map(|df| df.get_column_names().into_iter().map(|n| n.to_string()))
        .collect();
    if all.iter().any(|n| n == column) {
        return Ok(());
    }
    Err(format!(
        "no column {column:?} in {place} columns, closest first: {}",
        closest(column, all).join(", ")
    ))
}
