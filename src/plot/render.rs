//! From a [`Plot`] to a picture: columns read, scales fitted, the page laid
//! out (title, notes, panels, legend, caption), and every mark drawn on a
//! [`Canvas`].

use std::collections::{HashMap, HashSet};

use plotters::style::RGBColor;

use super::canvas::{Anchor, Canvas, Look, Paint, PixelCanvas, SvgCanvas};
use super::data::{self, Channel, Kind};
use super::scale::{NumberFormat, Scale, nice_domain};
use super::text;
use super::theme::{self, palette, sizes};
use super::{At, Axis, Layer, Mark, Plot};
use crate::error::{Error, Result};

/// The most categories a band axis shows; past this the chart keeps those
/// with the most rows, and says so.
pub const MAX_BANDS: usize = 40;
/// Past this many marks of a layer, marks that would cover one another
/// are drawn once (see `draw_points`, `draw_intervals`; lines and ribbons
/// past four times this, see `thin`).
const THIN_FROM: usize = 2_000;
/// The most labels a chart places (each is fitted clear of the others and
/// of the marks); past this, the chart's note says so.
const MAX_LABELS: usize = 400;
/// Past this many marks, marks carry no tooltip (the file would be huge).
const MAX_TOOLTIPS: usize = 5_000;

pub(crate) fn svg(p: &Plot, inline: bool) -> Result<String> {
    let scene = Scene::new(p)?;
    let mut c = SvgCanvas::new(p.size);
    scene.draw(&mut c)?;
    Ok(c.finish(inline))
}

pub(crate) fn png(p: &Plot) -> Result<Vec<u8>> {
    let scene = Scene::new(p)?;
    let (w, h) = p.size;
    let mut pixels = vec![255u8; w as usize * h as usize * 3];
    {
        let mut c = PixelCanvas::new(&mut pixels, p.size);
        scene.draw(&mut c)?;
        c.finish()?;
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let err = |e: png::EncodingError| Error::Drawing(format!("encoding PNG: {e}"));
        let mut writer = enc.write_header().map_err(err)?;
        writer.write_image_data(&pixels).map_err(err)?;
    }
    Ok(out)
}

/// A layer with its columns read.
struct Resolved<'a> {
    layer: &'a Layer,
    x: Option<Channel>,
    y: Option<Channel>,
    end: Option<Channel>,
    color: Option<Channel>,
    shape: Option<Channel>,
    size: Option<Channel>,
    label: Option<Channel>,
    group: Option<Channel>,
    tooltips: Vec<Channel>,
    facet: Option<Channel>,
    /// The rows drawn: every channel the mark needs has a value.
    rows: Vec<usize>,
    /// Bars lie along x (horizontal) rather than standing up.
    horizontal: bool,
    /// The smallest and largest size over `rows` (a number size channel),
    /// found once: every mark's radius is scaled by them.
    size_range: (f64, f64),
}

/// The colour scale of the chart.
enum Colors {
    None,
    /// Categories: each level's colour, in legend order.
    Levels(Vec<(String, RGBColor)>),
    /// Numbers: a ramp over the domain.
    Ramp(f64, f64),
}

impl Colors {
    fn of_level(&self, level: &str) -> Option<RGBColor> {
        match self {
            Colors::Levels(l) => l.iter().find(|(n, _)| n == level).map(|(_, c)| *c),
            _ => None,
        }
    }

    fn of_number(&self, v: f64) -> Option<RGBColor> {
        match self {
            Colors::Ramp(lo, hi) => {
                let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
                Some(theme::tint(palette::BLUE, 0.85 * (1.0 - t.clamp(0.0, 1.0))))
            }
            _ => None,
        }
    }
}

/// Shapes of points.
const SHAPES: [&str; 8] = [
    "circle",
    "triangle",
    "square",
    "diamond",
    "cross",
    "circle-open",
    "star",
    "arrow",
];

struct Scene<'a> {
    plot: &'a Plot,
    layers: Vec<Resolved<'a>>,
    x: Scale,
    y: Scale,
    colors: Colors,
    color_title: Option<String>,
    shapes: Vec<(String, String)>,
    panels: Vec<Option<String>>,
    notes: Vec<String>,
    caption: String,
    font: f64,
    /// Whether there is nothing to draw.
    empty: bool,
}

fn need(layer: &Layer, what: &Option<String>, which: &str) -> Result<String> {
    what.clone()
        .ok_or_else(|| Error::Invalid(format!("a {:?} mark needs a {which} column", layer.mark)))
}

impl<'a> Scene<'a> {
    fn new(plot: &'a Plot) -> Result<Scene<'a>> {
        let mut notes = plot.notes.clone();
        let mut layers = Vec::with_capacity(plot.layers.len());
        for layer in &plot.layers {
            layers.push(resolve(plot, layer)?);
        }
        let axis_kind = |pick: &dyn Fn(&Resolved) -> Vec<Kind>,
                         axis: &str|
         -> Result<Option<Kind>> {
            let mut kind: Option<Kind> = None;
            for r in &layers {
                for k in pick(r) {
                    match kind {
                        None => kind = Some(k),
                        Some(seen) if seen != k => {
                            return Err(Error::Invalid(format!(
                                "the {axis} axis is given {} in one mark and {} in another; give every mark the same kind",
                                seen.name(),
                                k.name()
                            )));
                        }
                        _ => {}
                    }
                }
            }
            Ok(kind)
        };
        let x_kind = axis_kind(&|r| x_kinds(r), "x")?;
        let y_kind = axis_kind(&|r| y_kinds(r), "y")?;

        // Rows dropped for empty values, by layer.
        for r in &mut layers {
            let total = r.layer.data.height();
            let needed = needed_channels(r);
            let mut rows = Vec::with_capacity(total);
            let mut dropped = 0usize;
            let mut nonpositive = 0usize;
            let mut empty_in = vec![false; needed.len()];
            for i in 0..total {
                let mut null = false;
                for (k, c) in needed.iter().enumerate() {
                    if c.is_null(i) {
                        empty_in[k] = true;
                        null = true;
                    }
                }
                if null {
                    dropped += 1;
                    continue;
                }
                // An interval or range may start at zero on a log axis
                // ("within 24 hours"): it is drawn from the axis's start.
                // Anything else at or below zero has no place on it.
                let (x_checked, y_checked): (Vec<&Option<Channel>>, Vec<&Option<Channel>>) =
                    match r.layer.mark {
                        Mark::Interval => (vec![&r.end], vec![&r.y]),
                        Mark::Range | Mark::Ribbon => (vec![&r.x], vec![&r.end]),
                        Mark::Bar if r.horizontal => (vec![], vec![&r.y]),
                        Mark::Bar => (vec![&r.x], vec![]),
                        _ => (vec![&r.x], vec![&r.y]),
                    };
                let bad_log = (plot.x.log && x_checked.iter().any(|c| positive_fails(c, i)))
                    || (plot.y.log && y_checked.iter().any(|c| positive_fails(c, i)));
                if bad_log {
                    nonpositive += 1;
                    continue;
                }
                rows.push(i);
            }
            if dropped > 0 {
                let names: Vec<String> = needed
                    .iter()
                    .zip(&empty_in)
                    .filter(|(_, e)| **e)
                    .map(|(c, _)| format!("'{}'", c.name))
                    .collect();
                let names = match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} or {last}", rest.join(", "))
                    }
                    _ => names.join(""),
                };
                notes.push(format!(
                    "{} row{} with an empty {names} left out.",
                    thousands(dropped),
                    if dropped == 1 { "" } else { "s" },
                ));
            }
            if nonpositive > 0 {
                notes.push(format!(
                    "{} row{} at or below zero left out of the log scale.",
                    thousands(nonpositive),
                    if nonpositive == 1 { "" } else { "s" }
                ));
            }
            r.rows = rows;
            if let Some(ch) = r.size.as_ref().filter(|c| c.kind == Kind::Number) {
                r.size_range = r
                    .rows
                    .iter()
                    .filter_map(|&i| ch.values.get(i).copied().flatten())
                    .fold(r.size_range, |(a, b), v| (a.min(v), b.max(v)));
            }
        }

        // Bands: the categories of each band axis, at most MAX_BANDS.
        let x = match x_kind {
            Some(Kind::Category) => band_scale(&layers, &plot.x, true, &mut notes),
            _ => Scale::Linear {
                lo: 0.0,
                hi: 1.0,
                format: NumberFormat::Plain,
            },
        };
        let y = match y_kind {
            Some(Kind::Category) => band_scale(&layers, &plot.y, false, &mut notes),
            _ => Scale::Linear {
                lo: 0.0,
                hi: 1.0,
                format: NumberFormat::Plain,
            },
        };
        // Rows whose category fell off a band axis are not drawn.
        for r in &mut layers {
            let keep = |ch: &Option<Channel>, s: &Scale, row: usize| {
                ch.as_ref()
                    .filter(|c| c.kind == Kind::Category && s.is_band())
                    .and_then(|c| c.level(row))
                    .is_none_or(|l| s.index_of(l).is_some())
            };
            let (xs, ys) = (&x, &y);
            r.rows.retain(|&i| keep(&r.x, xs, i) && keep(&r.y, ys, i));
        }

        let mut scene = Scene {
            plot,
            layers,
            x,
            y,
            colors: Colors::None,
            color_title: plot.color_title.clone(),
            shapes: Vec::new(),
            panels: vec![None],
            notes,
            caption: String::new(),
            font: (f64::from(plot.size.0) / 1600.0).clamp(0.75, 1.5),
            empty: false,
        };
        scene.fit_continuous(x_kind, y_kind)?;
        scene.fit_colors();
        scene.fit_shapes();
        scene.fit_panels();
        scene.caption = match &plot.caption {
            Some(c) => c.clone(),
            None => sources_caption(&scene.layers),
        };
        scene.empty = scene
            .layers
            .iter()
            .all(|r| r.rows.is_empty() && !matches!(r.layer.mark, Mark::RuleX | Mark::RuleY));
        for r in &scene.layers {
            if r.rows.len() > MAX_TOOLTIPS
                && matches!(r.layer.mark, Mark::Point | Mark::Interval | Mark::Range)
            {
                scene.notes.push(format!(
                    "Marks carry no hover text past {} rows.",
                    thousands(MAX_TOOLTIPS)
                ));
                break;
            }
        }
        for r in &scene.layers {
            // Lines and ribbons are thinned one by one (see draw_lines).
            let dense = || {
                r.rows.len() > 4 * THIN_FROM
                    && groups(r, &r.rows)
                        .iter()
                        .any(|(_, g)| g.len() > 4 * THIN_FROM)
            };
            if matches!(r.layer.mark, Mark::Line | Mark::Step) && dense() {
                scene.notes.push(format!(
                    "{} rows: a line keeps, in each pixel column, its first, lowest, highest and last point.",
                    thousands(r.rows.len())
                ));
            }
            if r.layer.mark == Mark::Ribbon && dense() {
                scene.notes.push(format!(
                    "{} rows: the band spans, in each pixel column, the least low to the greatest high of its rows.",
                    thousands(r.rows.len())
                ));
            }
            if r.layer.mark == Mark::Point && r.rows.len() > THIN_FROM {
                scene.notes.push(format!(
                    "{} points: where marks would cover one another (within a mark's radius), only the last is drawn.",
                    thousands(r.rows.len())
                ));
            }
            let labelled = match r.layer.mark {
                Mark::Text => true,
                Mark::Point => r.label.is_some(),
                _ => false,
            };
            if labelled && r.rows.len() > MAX_LABELS {
                scene.notes.push(match r.layer.mark {
                    Mark::Text => format!(
                        "Text of the first {MAX_LABELS} of {} rows only.",
                        thousands(r.rows.len())
                    ),
                    _ => format!(
                        "Labels on at most {MAX_LABELS} of the {} points.",
                        thousands(r.rows.len())
                    ),
                });
            }
        }
        Ok(scene)
    }

    /// The domains of continuous axes, from every layer's values.
    fn fit_continuous(&mut self, x_kind: Option<Kind>, y_kind: Option<Kind>) -> Result<()> {
        let mut xs: Vec<f64> = Vec::new();
        let mut ys: Vec<f64> = Vec::new();
        let mut x_zero = false;
        let mut y_zero = false;
        for r in &self.layers {
            let l = r.layer;
            let vals = |c: &Option<Channel>, out: &mut Vec<f64>| {
                if let Some(c) = c.as_ref().filter(|c| c.kind != Kind::Category) {
                    out.extend(
                        r.rows
                            .iter()
                            .filter_map(|&i| c.values.get(i).copied().flatten()),
                    );
                }
            };
            match l.mark {
                Mark::Bar => {
                    // The measure axis runs from zero to the largest stack.
                    let stacks = bar_extent(r);
                    if r.horizontal {
                        x_zero = true;
                        xs.extend(stacks);
                        vals(&r.y, &mut ys);
                    } else {
                        y_zero = true;
                        ys.extend(stacks);
                        vals(&r.x, &mut xs);
                    }
                }
                Mark::Histogram => {
                    vals(&r.x, &mut xs);
                    y_zero = true;
                    ys.push(0.0);
                }
                Mark::Line | Mark::Step if l.cumulative => {
                    vals(&r.x, &mut xs);
                    ys.extend(cumulative_extent(r));
                }
                Mark::RuleX => {
                    if let Some(v) = at_value(&l.at) {
                        xs.push(v);
                    }
                }
                Mark::RuleY => {
                    if let Some(v) = at_value(&l.at) {
                        ys.push(v);
                    }
                }
                Mark::Interval => {
                    vals(&r.x, &mut xs);
                    vals(&r.end, &mut xs);
                    vals(&r.y, &mut ys);
                }
                Mark::Range | Mark::Ribbon => {
                    vals(&r.x, &mut xs);
                    vals(&r.y, &mut ys);
                    vals(&r.end, &mut ys);
                }
                _ => {
                    vals(&r.x, &mut xs);
                    vals(&r.y, &mut ys);
                }
            }
        }
        if let Some(k) = x_kind.filter(|k| *k != Kind::Category) {
            self.x = continuous(
                k,
                &xs,
                &self.plot.x,
                x_zero,
                self.plot.size.0 as f64 / 110.0,
            )?;
        }
        // A histogram's bars are as tall as its bins' counts, known once
        // the x scale is: the y axis must reach the tallest stack, of the
        // rows each panel draws (facets share the axis).
        for r in self
            .layers
            .iter()
            .filter(|r| r.layer.mark == Mark::Histogram)
        {
            let mut stacks = |rows: &[usize]| {
                if let Some(b) = self.bins(r, rows) {
                    ys.extend(
                        b.counts
                            .iter()
                            .map(|c| c.values().map(|v| v.0).sum::<usize>() as f64),
                    );
                }
            };
            match &r.facet {
                None => stacks(&r.rows),
                Some(c) => {
                    let mut panels: HashMap<String, Vec<usize>> = HashMap::new();
                    for &i in &r.rows {
                        panels.entry(c.text(i)).or_default().push(i);
                    }
                    panels.values().for_each(|rows| stacks(rows));
                }
            }
        }
        if let Some(k) = y_kind.filter(|k| *k != Kind::Category) {
            self.y = continuous(k, &ys, &self.plot.y, y_zero, self.plot.size.1 as f64 / 90.0)?;
        }
        Ok(())
    }

    fn fit_colors(&mut self) {
        let channels: Vec<&Channel> = self
            .layers
            .iter()
            .filter(|r| r.layer.legend || r.layer.mark == Mark::Heat)
            .filter_map(|r| r.color.as_ref())
            .collect();
        if channels.is_empty() {
            return;
        }
        let first_name = channels.first().map(|c| c.name.clone());
        if channels.iter().all(|c| c.kind != Kind::Category) {
            let vals: Vec<f64> = self
                .layers
                .iter()
                .filter_map(|r| r.color.as_ref().map(|c| (r, c)))
                .flat_map(|(r, c)| {
                    r.rows
                        .iter()
                        .filter_map(|&i| c.values.get(i).copied().flatten())
                })
                .collect();
            let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo.is_finite() {
                self.colors = Colors::Ramp(lo, hi);
            }
            if self.color_title.is_none() {
                self.color_title = first_name;
            }
            return;
        }
        // Category levels in use, in Enum order or first appearance.
        let mut levels: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for r in &self.layers {
            let Some(c) = r.color.as_ref().filter(|c| c.kind == Kind::Category) else {
                continue;
            };
            let used: HashSet<u32> = r
                .rows
                .iter()
                .filter_map(|&i| c.codes.get(i).copied().flatten())
                .collect();
            for (k, l) in c.levels.iter().enumerate() {
                if used.contains(&(k as u32)) && seen.insert(l.clone()) {
                    levels.push(l.clone());
                }
            }
        }
        let literal = !levels.is_empty() && levels.iter().all(|l| parse_hex(l).is_some());
        let house = self.plot.theme.colors_for(&levels);
        let mut k = 0;
        let mapped = &self.plot.color_map;
        let colors = levels
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let c = if literal {
                    parse_hex(&l)
                } else if let Some((_, c)) = mapped.iter().find(|(n, _)| *n == l) {
                    Some(*c)
                } else {
                    house.as_ref().and_then(|h| h.get(i).copied())
                };
                let c = c.unwrap_or_else(|| {
                    let c = palette::CATEGORICAL[k % palette::CATEGORICAL.len()];
                    k += 1;
                    c
                });
                (l, c)
            })
            .collect();
        self.colors = Colors::Levels(colors);
        if literal {
            // Literal colours explain nothing in a legend.
            self.color_title = Some(String::new());
        }
        if self.color_title.is_none() {
            self.color_title = first_name;
        }
    }

    fn fit_shapes(&mut self) {
        let mut levels: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for r in &self.layers {
            if let Some(c) = r.shape.as_ref().filter(|c| c.kind == Kind::Category) {
                for l in &c.levels {
                    if seen.insert(l) {
                        levels.push(l.clone());
                    }
                }
            }
        }
        let literal = !levels.is_empty() && levels.iter().all(|l| SHAPES.contains(&l.as_str()));
        let mapped = &self.plot.shape_map;
        let mut k = 0;
        self.shapes = levels
            .into_iter()
            .map(|l| {
                let s = if literal {
                    l.clone()
                } else if let Some((_, s)) = mapped.iter().find(|(n, _)| *n == l) {
                    s.clone()
                } else {
                    k += 1;
                    SHAPES[(k - 1) % SHAPES.len()].to_string()
                };
                (l, s)
            })
            .collect();
    }

    fn fit_panels(&mut self) {
        let Some(name) = &self.plot.facet else {
            return;
        };
        let mut levels: Vec<String> = Vec::new();
        let mut taken: HashSet<String> = HashSet::new();
        for r in &self.layers {
            if let Some(c) = &r.facet {
                // Sets, not scans: facets of a million rows were quadratic.
                let used: HashSet<String> = r.rows.iter().map(|&i| c.text(i)).collect();
                let mut ordered: Vec<String> = c.levels.clone();
                if c.kind != Kind::Category {
                    ordered = used.iter().cloned().collect();
                    ordered.sort_by(|a, b| natural(a, b));
                } else if !c.ordered {
                    ordered.sort_by(|a, b| natural(a, b));
                }
                for l in ordered {
                    if used.contains(&l) && taken.insert(l.clone()) {
                        levels.push(l);
                    }
                }
            }
        }
        if levels.len() > 16 {
            self.notes.push(format!(
                "Showing the first 16 of {} panels of '{name}'.",
                levels.len()
            ));
            levels.truncate(16);
        }
        if !levels.is_empty() {
            self.panels = levels.into_iter().map(Some).collect();
        }
    }

    fn color_of(&self, r: &Resolved, row: usize) -> RGBColor {
        if let Some(c) = r.layer.fixed {
            return c;
        }
        match &r.color {
            Some(ch) if ch.kind == Kind::Category => ch
                .level(row)
                .and_then(|l| self.colors.of_level(l))
                .unwrap_or(palette::GREY),
            Some(ch) => ch
                .values
                .get(row)
                .copied()
                .flatten()
                .and_then(|v| self.colors.of_number(v))
                .unwrap_or(palette::GREY),
            None => palette::BLUE,
        }
    }

    fn shape_of(&self, r: &Resolved, row: usize) -> &str {
        match &r.shape {
            Some(ch) => ch
                .level(row)
                .and_then(|l| self.shapes.iter().find(|(n, _)| n == l))
                .map_or("circle", |(_, s)| s.as_str()),
            None => "circle",
        }
    }

    /// What a mark shows on hover: the tooltip columns, or its encoded
    /// values.
    fn tooltip(&self, r: &Resolved, row: usize) -> Option<String> {
        if r.rows.len() > MAX_TOOLTIPS {
            return None;
        }
        let lines: Vec<String> = if r.tooltips.is_empty() {
            [&r.label, &r.color, &r.y, &r.x, &r.end, &r.size]
                .into_iter()
                .flatten()
                .map(|c| format!("{}: {}", c.name, c.text(row)))
                .collect()
        } else {
            r.tooltips
                .iter()
                .map(|c| format!("{}: {}", c.name, c.text(row)))
                .collect()
        };
        let mut seen = HashSet::new();
        let lines: Vec<String> = lines
            .into_iter()
            .filter(|l| seen.insert(l.clone()))
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    fn look(&self, size: f64, bold: bool, color: RGBColor) -> Look {
        Look {
            size: size * self.font,
            bold,
            paint: Paint::solid(color),
        }
    }

    fn draw(&self, c: &mut dyn Canvas) -> Result<()> {
        let (w, h) = (f64::from(self.plot.size.0), f64::from(self.plot.size.1));
        let s = self.font;
        let margin = sizes::MARGIN * s;
        c.rect(
            0.0,
            0.0,
            w,
            h,
            Some(Paint::solid(RGBColor(255, 255, 255))),
            None,
        );
        // Top: title, subtitle, notes.
        let mut top = 22.0 * s;
        if let Some(t) = &self.plot.title {
            let t = text::fit(t, sizes::TITLE * s, true, w - 2.0 * margin);
            c.text(
                &t,
                (margin, top),
                self.look(sizes::TITLE, true, palette::BLACK),
                Anchor::TopLeft,
                false,
            );
            top += 44.0 * s;
        }
        if let Some(sub) = &self.plot.subtitle {
            for line in text::wrap(sub, sizes::SUBTITLE * s, false, w - 2.0 * margin, 2) {
                c.text(
                    &line,
                    (margin, top),
                    self.look(sizes::SUBTITLE, false, palette::DARK),
                    Anchor::TopLeft,
                    false,
                );
                top += 26.0 * s;
            }
        }
        let mut seen = HashSet::new();
        for note in self.notes.iter().filter(|n| seen.insert(n.as_str())) {
            for line in text::wrap(note, sizes::CAPTION * s, false, w - 2.0 * margin, 2) {
                c.text(
                    &line,
                    (margin, top),
                    self.look(sizes::CAPTION, false, palette::GREY),
                    Anchor::TopLeft,
                    false,
                );
                top += 21.0 * s;
            }
        }
        top += 14.0 * s;
        // Bottom: caption, then the legend above it.
        let mut bottom = h - 18.0 * s;
        if !self.caption.is_empty() {
            let cap = text::fit(&self.caption, sizes::CAPTION * s, false, w - 2.0 * margin);
            c.text(
                &cap,
                (margin, bottom - 4.0 * s),
                self.look(sizes::CAPTION, false, palette::GREY),
                Anchor::Left,
                false,
            );
            bottom -= 30.0 * s;
        }
        let legend = self.legend_entries();
        if !legend.is_empty() {
            let rows = self.layout_legend(&legend, w - 2.0 * margin);
            let row_h = 28.0 * s;
            let legend_top = bottom - row_h * rows.len() as f64;
            for (k, row) in rows.iter().enumerate() {
                let y = legend_top + row_h * (k as f64 + 0.5);
                for (x, entry) in row {
                    self.draw_legend_entry(c, entry, (margin + x, y));
                }
            }
            bottom = legend_top - 6.0 * s;
        }
        // The panels.
        let area = (margin, top, w - margin, bottom);
        if self.empty {
            c.text(
                "No rows to draw",
                ((area.0 + area.2) / 2.0, (area.1 + area.3) / 2.0),
                self.look(sizes::SUBTITLE, false, palette::GREY),
                Anchor::Centre,
                false,
            );
            return Ok(());
        }
        self.draw_panels(c, area)
    }

    fn draw_panels(&self, c: &mut dyn Canvas, area: (f64, f64, f64, f64)) -> Result<()> {
        let s = self.font;
        let n = self.panels.len();
        let cols = self
            .plot
            .facet_columns
            .unwrap_or_else(|| (n as f64).sqrt().ceil() as usize)
            .clamp(1, n.max(1));
        let rows = n.div_ceil(cols);
        // Room for the axes: y labels on the left, x labels at the bottom.
        let label = sizes::LABEL;
        let y_ticks = self
            .y
            .ticks(((area.3 - area.1) / rows as f64).max(50.0), 55.0 * s);
        let y_label_w = if self.plot.y.hidden {
            0.0
        } else if self.y.is_band() {
            let longest = y_ticks
                .iter()
                .map(|t| text::width(&t.label, label * s, false))
                .fold(0.0, f64::max);
            longest.min((area.2 - area.0) * 0.45) + 12.0 * s
        } else {
            y_ticks
                .iter()
                .map(|t| text::width(&t.label, label * s, false))
                .fold(0.0, f64::max)
                + 12.0 * s
        };
        let y_title = self.y_title();
        let y_title_w = if y_title.is_empty() || self.y.is_band() {
            0.0
        } else {
            26.0 * s
        };
        let x_title = self.x_title();
        let x_area_h = 26.0 * s + if x_title.is_empty() { 0.0 } else { 28.0 * s };
        let header_h = if self.plot.facet.is_some() {
            30.0 * s
        } else {
            0.0
        };
        let gap = if n > 1 { 24.0 * s } else { 0.0 };
        let left = area.0 + y_title_w + y_label_w;
        let right = area.2 - 10.0 * s;
        let pw = ((right - left) - gap * (cols as f64 - 1.0)) / cols as f64;
        let ph =
            ((area.3 - area.1 - x_area_h) - (gap + header_h) * rows as f64 + gap) / rows as f64;
        if pw < 20.0 || ph < 20.0 {
            return Err(Error::Invalid(format!(
                "the chart is too small for its {n} panel{} and labels; give it more room with .size(w, h)",
                if n == 1 { "" } else { "s" }
            )));
        }
        if !y_title.is_empty() && !self.y.is_band() {
            c.text(
                &y_title,
                (
                    area.0 + 8.0 * s,
                    area.1 + (area.3 - area.1 - x_area_h) / 2.0,
                ),
                self.look(sizes::AXIS_TITLE, false, palette::BLACK),
                Anchor::Centre,
                true,
            );
        }
        for (k, panel) in self.panels.iter().enumerate() {
            let (col, row) = (k % cols, k / cols);
            let x0 = left + col as f64 * (pw + gap);
            let y0 = area.1 + row as f64 * (ph + gap + header_h) + header_h;
            let frame = Frame {
                x0,
                y0,
                x1: x0 + pw,
                y1: y0 + ph,
            };
            if let Some(p) = panel {
                let t = text::fit(p, sizes::AXIS_TITLE * s, true, pw);
                c.text(
                    &t,
                    (x0, y0 - header_h / 2.0),
                    self.look(sizes::AXIS_TITLE, true, palette::BLACK),
                    Anchor::Left,
                    false,
                );
            }
            let show_y = col == 0 && !self.plot.y.hidden;
            let show_x = row + 1 == rows || k + cols >= n;
            self.draw_axes(c, &frame, show_x, show_y, y_label_w);
            self.draw_layers(c, &frame, panel.as_deref())?;
        }
        if !x_title.is_empty() {
            c.text(
                &x_title,
                ((left + right) / 2.0, area.3 - 12.0 * s),
                self.look(sizes::AXIS_TITLE, false, palette::BLACK),
                Anchor::Centre,
                false,
            );
        }
        Ok(())
    }

    fn x_title(&self) -> String {
        if let Some(t) = &self.plot.x.title {
            return t.clone();
        }
        self.layers
            .iter()
            .find_map(|r| match r.layer.mark {
                Mark::Bar if r.horizontal => r.x.as_ref().map(|c| c.name.clone()),
                Mark::Heat => None,
                _ => r.x.as_ref().map(|c| c.name.clone()),
            })
            .unwrap_or_default()
    }

    fn y_title(&self) -> String {
        if let Some(t) = &self.plot.y.title {
            return t.clone();
        }
        self.layers
            .iter()
            .find_map(|r| match r.layer.mark {
                Mark::Histogram => Some("count".to_string()),
                Mark::Heat => None,
                Mark::Range | Mark::Ribbon => None,
                _ => r.y.as_ref().map(|c| c.name.clone()),
            })
            .unwrap_or_default()
    }

    fn draw_axes(&self, c: &mut dyn Canvas, f: &Frame, show_x: bool, show_y: bool, y_label_w: f64) {
        let s = self.font;
        let light = Paint::solid(theme::tint(palette::GREY, 0.82));
        let axis = Paint::solid(theme::tint(palette::GREY, 0.4));
        let label_look = self.look(sizes::LABEL, false, palette::BLACK);
        let x_ticks = self.x.ticks(f.x1 - f.x0, 95.0 * s);
        let y_ticks = self.y.ticks(f.y1 - f.y0, 55.0 * s);
        if !self.x.is_band() {
            for t in &x_ticks {
                let x = f.x0 + t.at * (f.x1 - f.x0);
                c.polyline(&[(x, f.y0), (x, f.y1)], light, 1.0, false);
            }
        }
        if !self.y.is_band() {
            for t in &y_ticks {
                let y = f.y1 - t.at * (f.y1 - f.y0);
                c.polyline(&[(f.x0, y), (f.x1, y)], light, 1.0, false);
            }
        }
        c.polyline(&[(f.x0, f.y1), (f.x1, f.y1)], axis, 1.0, false);
        if !self.y.is_band() {
            c.polyline(&[(f.x0, f.y0), (f.x0, f.y1)], axis, 1.0, false);
        }
        if show_x {
            let band_w = if self.x.is_band() {
                (f.x1 - f.x0) / x_ticks.len().max(1) as f64
            } else {
                f64::MAX
            };
            let mut last_right = f64::NEG_INFINITY;
            for t in &x_ticks {
                let x = f.x0 + t.at * (f.x1 - f.x0);
                let label = text::fit(&t.label, sizes::LABEL * s, false, band_w.min(220.0 * s));
                let wl = text::width(&label, sizes::LABEL * s, false);
                // Labels that would overlap the previous one are skipped.
                if x - wl / 2.0 < last_right + 6.0 * s {
                    continue;
                }
                c.polyline(&[(x, f.y1), (x, f.y1 + 5.0 * s)], axis, 1.0, false);
                c.text(&label, (x, f.y1 + 8.0 * s), label_look, Anchor::Top, false);
                last_right = x + wl / 2.0;
            }
        }
        if show_y {
            let band_h = if self.y.is_band() {
                (f.y1 - f.y0) / y_ticks.len().max(1) as f64
            } else {
                f64::MAX
            };
            let size = if band_h < sizes::LABEL * s * 1.3 {
                (band_h / 1.3).max(8.0)
            } else {
                sizes::LABEL * s
            };
            let mut last_y = f64::INFINITY;
            for t in &y_ticks {
                // Bands run from the top; numbers from the bottom.
                let y = if self.y.is_band() {
                    f.y0 + t.at * (f.y1 - f.y0)
                } else {
                    f.y1 - t.at * (f.y1 - f.y0)
                };
                if (last_y - y).abs() < size * 1.1 && !self.y.is_band() {
                    continue;
                }
                let label = text::fit(&t.label, size, false, y_label_w - 12.0 * s);
                c.text(
                    &label,
                    (f.x0 - 8.0 * s, y),
                    Look { size, ..label_look },
                    Anchor::Right,
                    false,
                );
                last_y = y;
            }
        }
    }

    /// A value at or below zero on a log x axis is drawn at the axis's
    /// start.
    fn floor_x(&self, v: f64) -> f64 {
        match self.x {
            Scale::Log { lo, .. } if v < lo => lo,
            _ => v,
        }
    }

    fn floor_y(&self, v: f64) -> f64 {
        match self.y {
            Scale::Log { lo, .. } if v < lo => lo,
            _ => v,
        }
    }

    /// The pixel x of a continuous value.
    fn px(&self, f: &Frame, v: f64) -> f64 {
        f.x0 + self.x.unit(v) * (f.x1 - f.x0)
    }

    fn py(&self, f: &Frame, v: f64) -> f64 {
        f.y1 - self.y.unit(v) * (f.y1 - f.y0)
    }

    /// The band of a category on x: left edge and width in pixels.
    fn x_band(&self, f: &Frame, level: &str) -> Option<(f64, f64)> {
        let i = self.x.index_of(level)?;
        let (a, w) = self.x.band(i);
        Some((f.x0 + a * (f.x1 - f.x0), w * (f.x1 - f.x0)))
    }

    /// The band of a category on y, first level at the top: top edge and
    /// height.
    fn y_band(&self, f: &Frame, level: &str) -> Option<(f64, f64)> {
        let i = self.y.index_of(level)?;
        let (a, h) = self.y.band(i);
        Some((f.y0 + a * (f.y1 - f.y0), h * (f.y1 - f.y0)))
    }

    /// The pixel position of a row's value on x: a band's centre, or the
    /// value's position.
    fn pos_x(&self, f: &Frame, ch: &Channel, row: usize) -> Option<f64> {
        match ch.kind {
            Kind::Category => self.x_band(f, ch.level(row)?).map(|(a, w)| a + w / 2.0),
            _ => Some(self.px(f, ch.values.get(row).copied().flatten()?)),
        }
    }

    fn pos_y(&self, f: &Frame, ch: &Channel, row: usize) -> Option<f64> {
        match ch.kind {
            Kind::Category => self.y_band(f, ch.level(row)?).map(|(a, h)| a + h / 2.0),
            _ => Some(self.py(f, ch.values.get(row).copied().flatten()?)),
        }
    }

    fn in_panel(&self, r: &Resolved, row: usize, panel: Option<&str>) -> bool {
        match (panel, &r.facet) {
            (Some(p), Some(ch)) => ch.text(row) == p,
            _ => true,
        }
    }

    fn draw_layers(&self, c: &mut dyn Canvas, f: &Frame, panel: Option<&str>) -> Result<()> {
        let mut labels = Labels::new(f, self.font);
        for r in &self.layers {
            let rows: Vec<usize> = r
                .rows
                .iter()
                .copied()
                .filter(|&i| self.in_panel(r, i, panel))
                .collect();
            match r.layer.mark {
                Mark::Bar => self.draw_bars(c, f, r, &rows),
                Mark::Histogram => self.draw_histogram(c, f, r, &rows),
                Mark::Point => self.draw_points(c, f, r, &rows, &mut labels),
                Mark::Line | Mark::Step => self.draw_lines(c, f, r, &rows, &mut labels),
                Mark::Interval | Mark::Range => self.draw_intervals(c, f, r, &rows, &mut labels),
                Mark::Ribbon => self.draw_ribbons(c, f, r, &rows),
                Mark::RuleX | Mark::RuleY => self.draw_rule(c, f, r, &mut labels),
                Mark::Text => self.draw_texts(f, r, &rows, &mut labels),
                Mark::Heat => self.draw_heat(c, f, r, &rows),
            }
        }
        labels.draw(c, self);
        Ok(())
    }

    fn draw_bars(&self, c: &mut dyn Canvas, f: &Frame, r: &Resolved, rows: &[usize]) {
        let (Some(xc), Some(yc)) = (&r.x, &r.y) else {
            return;
        };
        let (pos, val) = if r.horizontal { (yc, xc) } else { (xc, yc) };
        // Sum per (position, colour).
        let mut sums: Vec<((u64, usize), f64, usize)> = Vec::new();
        let mut index: HashMap<(u64, usize), usize> = HashMap::new();
        let color_key = |row: usize| -> usize {
            match &r.color {
                Some(ch) if ch.kind == Kind::Category => ch
                    .codes
                    .get(row)
                    .copied()
                    .flatten()
                    .map_or(0, |c| c as usize + 1),
                _ => 0,
            }
        };
        for &i in rows {
            let key_pos = match pos.kind {
                Kind::Category => u64::from(pos.codes.get(i).copied().flatten().unwrap_or(0)),
                _ => pos
                    .values
                    .get(i)
                    .copied()
                    .flatten()
                    .unwrap_or(0.0)
                    .to_bits(),
            };
            let v = val.values.get(i).copied().flatten().unwrap_or(0.0);
            let key = (key_pos, color_key(i));
            match index.get(&key) {
                Some(&k) => sums[k].1 += v,
                None => {
                    index.insert(key, sums.len());
                    sums.push((key, v, i));
                }
            }
        }
        // Stack (or dodge) in colour order.
        sums.sort_by_key(|(k, _, _)| (k.0, k.1));
        let n_colors = sums
            .iter()
            .map(|(k, _, _)| k.1)
            .collect::<HashSet<_>>()
            .len()
            .max(1);
        let color_rank: HashMap<usize, usize> = {
            let mut ks: Vec<usize> = sums.iter().map(|(k, _, _)| k.1).collect();
            ks.sort_unstable();
            ks.dedup();
            ks.into_iter().enumerate().map(|(a, b)| (b, a)).collect()
        };
        // Bar thickness for positions on a continuous axis: most of the
        // smallest gap between positions.
        let mut distinct: Vec<f64> = if pos.kind == Kind::Category {
            Vec::new()
        } else {
            sums.iter()
                .map(|(_, _, i)| {
                    let v = pos.values.get(*i).copied().flatten().unwrap_or(0.0);
                    if r.horizontal {
                        self.py(f, v)
                    } else {
                        self.px(f, v)
                    }
                })
                .collect()
        };
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        let min_gap = distinct
            .windows(2)
            .map(|w| (w[1] - w[0]).abs())
            .fold(f64::INFINITY, f64::min);
        let continuous_w = if min_gap.is_finite() {
            (min_gap * 0.8).clamp(1.0, 80.0 * self.font)
        } else {
            30.0 * self.font
        };
        let mut base_pos: HashMap<u64, f64> = HashMap::new();
        let mut base_neg: HashMap<u64, f64> = HashMap::new();
        let opacity = r.layer.opacity;
        for (key, v, i) in &sums {
            let (center, thick) = match pos.kind {
                Kind::Category => {
                    let Some(level) = pos.level(*i) else { continue };
                    let band = if r.horizontal {
                        self.y_band(f, level)
                    } else {
                        self.x_band(f, level)
                    };
                    let Some((a, w)) = band else { continue };
                    (a + w / 2.0, w * 0.78)
                }
                _ => {
                    let v0 = pos.values.get(*i).copied().flatten().unwrap_or(0.0);
                    (
                        if r.horizontal {
                            self.py(f, v0)
                        } else {
                            self.px(f, v0)
                        },
                        continuous_w,
                    )
                }
            };
            let (center, thick) = if r.layer.dodge && n_colors > 1 {
                let k = color_rank.get(&key.1).copied().unwrap_or(0) as f64;
                let sub = thick / n_colors as f64;
                (center - thick / 2.0 + sub * (k + 0.5), sub * 0.92)
            } else {
                (center, thick)
            };
            let (from, to) = if r.layer.dodge {
                (0.0, *v)
            } else if *v >= 0.0 {
                let b = base_pos.entry(key.0).or_insert(0.0);
                let from = *b;
                *b += v;
                (from, *b)
            } else {
                let b = base_neg.entry(key.0).or_insert(0.0);
                let from = *b;
                *b += v;
                (from, *b)
            };
            let color = Paint::solid(self.color_of(r, *i)).with_alpha(opacity);
            let tip = self.bar_tooltip(r, *i, *v);
            c.begin(tip.as_deref());
            if r.horizontal {
                let (a, b) = (self.px(f, from), self.px(f, to));
                c.rect(
                    a,
                    center - thick / 2.0,
                    b,
                    center + thick / 2.0,
                    Some(color),
                    None,
                );
            } else {
                let (a, b) = (self.py(f, from), self.py(f, to));
                c.rect(
                    center - thick / 2.0,
                    a,
                    center + thick / 2.0,
                    b,
                    Some(color),
                    None,
                );
            }
            c.end();
        }
    }

    fn bar_tooltip(&self, r: &Resolved, row: usize, total: f64) -> Option<String> {
        let (pos, val) = if r.horizontal {
            (&r.y, &r.x)
        } else {
            (&r.x, &r.y)
        };
        let mut lines = Vec::new();
        if let Some(p) = pos {
            lines.push(format!("{}: {}", p.name, p.text(row)));
        }
        if let Some(c) = &r.color {
            lines.push(format!("{}: {}", c.name, c.text(row)));
        }
        if let Some(v) = val {
            lines.push(format!("{}: {}", v.name, super::base::format_number(total)));
        }
        Some(lines.join("\n"))
    }

    /// A histogram's bins over the x scale, with each bin's count per
    /// colour. `None` when the x scale cannot be binned.
    fn bins(&self, r: &Resolved, rows: &[usize]) -> Option<Bins> {
        let xc = r.x.as_ref()?;
        let (lo, hi) = match self.x {
            Scale::Linear { lo, hi, .. } | Scale::Time { lo, hi } => (lo, hi),
            Scale::Log { lo, hi, .. } => (lo.ln(), hi.ln()),
            _ => return None,
        };
        let log = matches!(self.x, Scale::Log { .. });
        let n = if r.layer.bins > 0 { r.layer.bins } else { 20 };
        let width = (hi - lo) / n as f64;
        if width <= 0.0 {
            return None;
        }
        let mut counts: Vec<HashMap<usize, (usize, usize)>> = vec![HashMap::new(); n];
        for &i in rows {
            let Some(v) = xc.values.get(i).copied().flatten() else {
                continue;
            };
            let v = if log { v.ln() } else { v };
            let b = (((v - lo) / width).floor() as i64).clamp(0, n as i64 - 1) as usize;
            let ck = match &r.color {
                Some(ch) => ch
                    .codes
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or(0, |c| c as usize + 1),
                None => 0,
            };
            let e = counts[b].entry(ck).or_insert((0, i));
            e.0 += 1;
        }
        Some(Bins {
            lo,
            width,
            log,
            counts,
        })
    }

    fn draw_histogram(&self, c: &mut dyn Canvas, f: &Frame, r: &Resolved, rows: &[usize]) {
        let (
            Some(xc),
            Some(Bins {
                lo,
                width,
                log,
                counts,
            }),
        ) = (&r.x, self.bins(r, rows))
        else {
            return;
        };
        for (b, by_color) in counts.iter().enumerate() {
            let (a, z) = (lo + width * b as f64, lo + width * (b as f64 + 1.0));
            let (a, z) = if log { (a.exp(), z.exp()) } else { (a, z) };
            let (xa, xz) = (self.px(f, a), self.px(f, z));
            let mut keys: Vec<&usize> = by_color.keys().collect();
            keys.sort();
            let mut base = 0.0;
            for k in keys {
                let (count, row) = by_color[k];
                let color = Paint::solid(self.color_of(r, row)).with_alpha(r.layer.opacity);
                let tip = format!(
                    "{}: {} to {}\ncount: {count}",
                    xc.name,
                    bin_edge(xc.kind, a),
                    bin_edge(xc.kind, z)
                );
                c.begin(Some(&tip));
                c.rect(
                    xa + 0.5,
                    self.py(f, base),
                    xz - 0.5,
                    self.py(f, base + count as f64),
                    Some(color),
                    None,
                );
                c.end();
                base += count as f64;
            }
        }
    }

    fn radius(&self, r: &Resolved, row: usize) -> f64 {
        let base = 6.0 * self.font;
        match &r.size {
            Some(ch) if ch.kind == Kind::Number => {
                let vals = r.size_range;
                let v = ch.values.get(row).copied().flatten().unwrap_or(vals.0);
                let t = if vals.1 > vals.0 {
                    (v - vals.0) / (vals.1 - vals.0)
                } else {
                    0.5
                };
                // Area in proportion: radius by the square root.
                (3.0 + 13.0 * t.clamp(0.0, 1.0).sqrt()) * self.font
            }
            _ => base,
        }
    }

    fn draw_points(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        r: &Resolved,
        rows: &[usize],
        labels: &mut Labels,
    ) {
        let (Some(xc), Some(yc)) = (&r.x, &r.y) else {
            return;
        };
        let (dx, dy) = r.layer.nudge;
        let at = |i: usize| -> Option<(f64, f64)> {
            let (x, y) = (self.pos_x(f, xc, i)?, self.pos_y(f, yc, i)?);
            Some((x + dx * self.font, y + dy * self.font))
        };
        // Past THIN_FROM marks, of the marks falling in one cell as wide as
        // a mark's radius only the last is drawn: it would cover the
        // others (opaque marks), or they would add up to one blot
        // (translucent marks of one colour and shape). Kept marks are drawn
        // in row order, so what shows is what drawing them all would show,
        // up to the edges of marks sticking out of a cell.
        let kept: Vec<(usize, (f64, f64))> = if rows.len() > THIN_FROM {
            let cell = (6.0 * self.font).max(1.0);
            let opaque = r.layer.opacity >= 1.0;
            let placed: Vec<(usize, (f64, f64))> =
                rows.iter().filter_map(|&i| Some((i, at(i)?))).collect();
            keep_last(placed, |&(i, (x, y))| {
                let (ck, sk) = if opaque {
                    (0, 0)
                } else {
                    (code(&r.color, i), code(&r.shape, i))
                };
                ((x / cell) as i32, (y / cell) as i32, ck, sk)
            })
        } else {
            rows.iter().filter_map(|&i| Some((i, at(i)?))).collect()
        };
        for (i, (x, y)) in kept {
            let color = self.color_of(r, i);
            let radius = self.radius(r, i);
            c.begin(self.tooltip(r, i).as_deref());
            draw_shape(
                c,
                self.shape_of(r, i),
                (x, y),
                radius,
                Paint::solid(color).with_alpha(r.layer.opacity),
            );
            c.end();
            labels.obstacle(x - radius, y - radius, x + radius, y + radius);
            if let Some(l) = r.label.as_ref().filter(|_| !labels.full()) {
                labels.add(
                    l.text(i),
                    (x + radius + 4.0 * self.font, y),
                    color_for_text(color),
                );
            }
        }
    }

    fn draw_lines(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        r: &Resolved,
        rows: &[usize],
        labels: &mut Labels,
    ) {
        let (Some(xc), Some(yc)) = (&r.x, &r.y) else {
            return;
        };
        for (first, group) in groups(r, rows) {
            let mut pts: Vec<(f64, f64, usize)> = group
                .iter()
                .filter_map(|&i| {
                    Some((
                        xc.values
                            .get(i)
                            .copied()
                            .flatten()
                            .or_else(|| self.pos_x(f, xc, i))?,
                        yc.values.get(i).copied().flatten()?,
                        i,
                    ))
                })
                .collect();
            if xc.kind != Kind::Category {
                pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            }
            if r.layer.cumulative {
                let mut sum = 0.0;
                for p in &mut pts {
                    sum += p.1;
                    p.1 = sum;
                }
            }
            let mut px: Vec<(f64, f64)> = pts
                .iter()
                .filter_map(|&(x, y, i)| {
                    let x = if xc.kind == Kind::Category {
                        self.pos_x(f, xc, i)?
                    } else {
                        self.px(f, x)
                    };
                    Some((x, self.py(f, y)))
                })
                .collect();
            if r.layer.mark == Mark::Step {
                px = steps(&px);
            }
            if group.len() > 4 * THIN_FROM {
                px = thin(&px);
            }
            let color = self.color_of(r, first);
            c.begin(self.group_tooltip(r, first).as_deref());
            c.polyline(
                &px,
                Paint::solid(color).with_alpha(r.layer.opacity),
                r.layer.width * self.font,
                r.layer.dashed,
            );
            c.end();
            for w in px.windows(2) {
                labels.obstacle_segment(w[0], w[1]);
            }
            if let (Some(l), Some(&(x, y))) = (&r.label, px.last()) {
                labels.add(
                    l.text(first),
                    (x + 6.0 * self.font, y),
                    color_for_text(color),
                );
            }
        }
    }

    fn group_tooltip(&self, r: &Resolved, row: usize) -> Option<String> {
        let mut lines: Vec<String> = Vec::new();
        for ch in r
            .tooltips
            .iter()
            .chain(r.group.iter())
            .chain(r.label.iter())
            .chain(r.color.iter())
        {
            let l = format!("{}: {}", ch.name, ch.text(row));
            if !lines.contains(&l) {
                lines.push(l);
            }
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    fn draw_ribbons(&self, c: &mut dyn Canvas, f: &Frame, r: &Resolved, rows: &[usize]) {
        let (Some(xc), Some(lo), Some(hi)) = (&r.x, &r.y, &r.end) else {
            return;
        };
        for (first, group) in groups(r, rows) {
            let mut pts: Vec<(f64, f64, f64)> = group
                .iter()
                .filter_map(|&i| {
                    Some((
                        xc.values.get(i).copied().flatten()?,
                        lo.values.get(i).copied().flatten()?,
                        hi.values.get(i).copied().flatten()?,
                    ))
                })
                .collect();
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            if pts.len() > 4 * THIN_FROM {
                // Many rows to a pixel column: the band there reaches from
                // the least low to the greatest high of its rows (what the
                // zigzag of them all would cover), one step per column.
                let mut env: Vec<(f64, f64, f64)> = Vec::new();
                let mut col = f64::NAN;
                for p in pts {
                    let c = self.px(f, p.0).round();
                    match env.last_mut() {
                        Some(e) if c == col => {
                            e.1 = e.1.min(p.1);
                            e.2 = e.2.max(p.2);
                        }
                        _ => {
                            env.push(p);
                            col = c;
                        }
                    }
                }
                pts = env;
            }
            let upper: Vec<(f64, f64)> = steps(
                &pts.iter()
                    .map(|p| (self.px(f, p.0), self.py(f, p.2)))
                    .collect::<Vec<_>>(),
            );
            let lower: Vec<(f64, f64)> = steps(
                &pts.iter()
                    .map(|p| (self.px(f, p.0), self.py(f, p.1)))
                    .collect::<Vec<_>>(),
            );
            let mut poly = upper;
            poly.extend(lower.into_iter().rev());
            let color = self.color_of(r, first);
            let alpha = if r.layer.opacity < 1.0 {
                r.layer.opacity
            } else {
                0.22
            };
            c.begin(None);
            c.polygon(&poly, Paint::solid(color).with_alpha(alpha));
            c.end();
        }
    }

    fn draw_intervals(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        r: &Resolved,
        rows: &[usize],
        labels: &mut Labels,
    ) {
        let (Some(xc), Some(yc), Some(ec)) = (&r.x, &r.y, &r.end) else {
            return;
        };
        let vertical = r.layer.mark == Mark::Range;
        let s = self.font;
        // Along: the interval's two ends; across: its position.
        let place = |i: usize| -> Option<(f64, f64, f64)> {
            Some(if vertical {
                let p = self.pos_x(f, xc, i)?;
                let (a, b) = (yc.values.get(i).copied()??, ec.values.get(i).copied()??);
                (p, self.py(f, self.floor_y(a)), self.py(f, self.floor_y(b)))
            } else {
                let p = self.pos_y(f, yc, i)?;
                let (a, b) = (xc.values.get(i).copied()??, ec.values.get(i).copied()??);
                (p, self.px(f, self.floor_x(a)), self.px(f, self.floor_x(b)))
            })
        };
        let placed: Vec<(usize, (f64, f64, f64))> =
            rows.iter().filter_map(|&i| Some((i, place(i)?))).collect();
        // Past THIN_FROM marks, of intervals covering the same pixels in
        // the same colour only the last is drawn (in row order): it covers
        // the others exactly.
        let placed = if placed.len() > THIN_FROM {
            keep_last(placed, |&(i, (across, a, b))| {
                let px = |v: f64| v.round() as i32;
                (px(across), px(a), px(b), code(&r.color, i))
            })
        } else {
            placed
        };
        for (i, (across, a, b)) in placed {
            let band = if vertical { &self.x } else { &self.y };
            let thick = if band.is_band() {
                let n = match band {
                    Scale::Band { levels } => levels.len().max(1),
                    _ => 1,
                } as f64;
                let extent = if vertical { f.x1 - f.x0 } else { f.y1 - f.y0 };
                (extent / n * 0.56).min(40.0 * s)
            } else {
                10.0 * s
            };
            let (lo, hi) = (a.min(b), a.max(b));
            // A zero-length interval (an exact value) is a tick 3 px wide.
            let (lo, hi) = if hi - lo < 3.0 {
                ((lo + hi) / 2.0 - 1.5, (lo + hi) / 2.0 + 1.5)
            } else {
                (lo, hi)
            };
            let color = Paint::solid(self.color_of(r, i)).with_alpha(r.layer.opacity);
            c.begin(self.tooltip(r, i).as_deref());
            if vertical {
                c.rect(
                    across - thick / 2.0,
                    lo,
                    across + thick / 2.0,
                    hi,
                    Some(color),
                    None,
                );
                labels.obstacle(across - thick / 2.0, lo, across + thick / 2.0, hi);
            } else {
                c.rect(
                    lo,
                    across - thick / 2.0,
                    hi,
                    across + thick / 2.0,
                    Some(color),
                    None,
                );
                labels.obstacle(lo, across - thick / 2.0, hi, across + thick / 2.0);
            }
            c.end();
            if let Some(l) = r.label.as_ref().filter(|_| !labels.full()) {
                let at = if vertical {
                    (across + thick / 2.0 + 4.0 * s, lo)
                } else {
                    (hi + 6.0 * s, across)
                };
                labels.add(l.text(i), at, palette::DARK);
            }
        }
    }

    fn draw_rule(&self, c: &mut dyn Canvas, f: &Frame, r: &Resolved, labels: &mut Labels) {
        let l = r.layer;
        let s = self.font;
        let paint = Paint::solid(l.fixed.unwrap_or(palette::DARK)).with_alpha(l.opacity);
        let text_color = l.fixed.unwrap_or(palette::DARK);
        match (l.mark, &l.at) {
            (Mark::RuleX, Some(at)) => {
                let x = match at {
                    At::Category(cat) => self.x_band(f, cat).map(|(a, w)| a + w / 2.0),
                    _ => at_value(&l.at).map(|v| self.px(f, v)),
                };
                let Some(x) = x else { return };
                c.begin(l.text.as_deref());
                c.polyline(&[(x, f.y0), (x, f.y1)], paint, 1.5 * s, true);
                c.end();
                labels.obstacle(x - 2.0, f.y0, x + 2.0, f.y1);
                if let Some(t) = &l.text {
                    // Right of the line, or left of it at the right edge.
                    let w = text::width(t, sizes::LABEL * s, false);
                    let lx = if x + 5.0 * s + w > f.x1 {
                        x - 5.0 * s - w
                    } else {
                        x + 5.0 * s
                    };
                    labels.add_fixed(t.clone(), (lx, f.y0 + 10.0 * s), text_color);
                }
            }
            (Mark::RuleY, Some(at)) => {
                let y = match at {
                    At::Category(cat) => self.y_band(f, cat).map(|(a, h)| a + h / 2.0),
                    _ => at_value(&l.at).map(|v| self.py(f, v)),
                };
                let Some(y) = y else { return };
                c.begin(l.text.as_deref());
                c.polyline(&[(f.x0, y), (f.x1, y)], paint, 1.5 * s, true);
                c.end();
                labels.obstacle(f.x0, y - 2.0, f.x1, y + 2.0);
                if let Some(t) = &l.text {
                    let w = text::width(t, sizes::LABEL * s, false);
                    labels.add_fixed(t.clone(), (f.x1 - w - 4.0 * s, y - 11.0 * s), text_color);
                }
            }
            _ => {}
        }
    }

    fn draw_texts(&self, f: &Frame, r: &Resolved, rows: &[usize], labels: &mut Labels) {
        let (Some(xc), Some(yc), Some(lc)) = (&r.x, &r.y, &r.label) else {
            return;
        };
        let (dx, dy) = r.layer.nudge;
        for &i in rows.iter().take(MAX_LABELS) {
            let (Some(x), Some(y)) = (self.pos_x(f, xc, i), self.pos_y(f, yc, i)) else {
                continue;
            };
            let (x, y) = (x + dx * self.font, y + dy * self.font);
            let color = match (&r.color, r.layer.fixed) {
                (None, None) => palette::BLACK,
                _ => self.color_of(r, i),
            };
            // Centred on (x, y) if it is clear there, else moved clear.
            labels.add_centred(lc.text(i), (x, y), color);
        }
    }

    fn draw_heat(&self, c: &mut dyn Canvas, f: &Frame, r: &Resolved, rows: &[usize]) {
        let (Some(xc), Some(yc)) = (&r.x, &r.y) else {
            return;
        };
        let s = self.font;
        let mut done: HashSet<(u32, u32)> = HashSet::new();
        for &i in rows {
            let (Some(xl), Some(yl)) = (xc.level(i), yc.level(i)) else {
                continue;
            };
            let (Some((x, w)), Some((y, h))) = (self.x_band(f, xl), self.y_band(f, yl)) else {
                continue;
            };
            let key = (xc.codes[i].unwrap_or(0), yc.codes[i].unwrap_or(0));
            if !done.insert(key) {
                continue;
            }
            let fill = match &r.color {
                Some(_) => theme::tint(self.color_of(r, i), 0.55),
                None => palette::LIGHT,
            };
            c.begin(self.tooltip(r, i).as_deref());
            c.rect(
                x + 2.0,
                y + 2.0,
                x + w - 2.0,
                y + h - 2.0,
                Some(Paint::solid(fill)),
                None,
            );
            if let Some(l) = &r.label {
                let size = sizes::LABEL * s;
                let lines = text::wrap(
                    &l.text(i),
                    size,
                    false,
                    w - 12.0 * s,
                    ((h - 6.0) / (size * 1.25)).floor().max(1.0) as usize,
                );
                let n = lines.len() as f64;
                for (k, line) in lines.iter().enumerate() {
                    let ly = y + h / 2.0 + (k as f64 - (n - 1.0) / 2.0) * size * 1.25;
                    c.text(
                        line,
                        (x + w / 2.0, ly),
                        self.look(sizes::LABEL, false, palette::BLACK),
                        Anchor::Centre,
                        false,
                    );
                }
            }
            c.end();
        }
    }

    fn legend_entries(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        let title = self.color_title.clone().unwrap_or_default();
        match &self.colors {
            Colors::Levels(levels) if !title.is_empty() || self.plot.color_title.is_some() => {
                let kind = self
                    .layers
                    .iter()
                    .find(|r| r.color.is_some() && r.layer.legend)
                    .map(|r| r.layer.mark);
                if !title.is_empty() {
                    out.push(Entry::Title(format!("{title}:")));
                }
                for (l, c) in levels {
                    out.push(Entry::Color(l.clone(), *c, kind.unwrap_or(Mark::Bar)));
                }
            }
            Colors::Ramp(lo, hi) => {
                out.push(Entry::Title(format!("{title}:")));
                out.push(Entry::Ramp(*lo, *hi));
            }
            _ => {}
        }
        let shape_col = self
            .layers
            .iter()
            .find_map(|r| r.shape.as_ref().map(|c| c.name.clone()));
        if let Some(name) = shape_col {
            let literal = self.shapes.iter().all(|(l, s)| l == s);
            if !literal {
                if self.plot.shape_map.is_empty() {
                    out.push(Entry::Title(format!("{name}:")));
                }
                for (l, s) in &self.shapes {
                    out.push(Entry::Shape(l.clone(), s.clone()));
                }
            }
        }
        out
    }

    fn entry_width(&self, e: &Entry) -> f64 {
        let s = self.font;
        let size = sizes::LEGEND * s;
        match e {
            Entry::Title(t) => text::width(t, size, true) + 12.0 * s,
            Entry::Color(l, _, _) | Entry::Shape(l, _) => {
                24.0 * s
                    + text::width(&text::fit(l, size, false, 520.0 * s), size, false)
                    + 22.0 * s
            }
            Entry::Ramp(..) => 260.0 * s,
        }
    }

    fn layout_legend<'e>(&self, entries: &'e [Entry], width: f64) -> Vec<Vec<(f64, &'e Entry)>> {
        let mut rows: Vec<Vec<(f64, &Entry)>> = vec![Vec::new()];
        let mut x = 0.0;
        for e in entries {
            let w = self.entry_width(e);
            if x + w > width && x > 0.0 && rows.len() < 4 {
                rows.push(Vec::new());
                x = 0.0;
            }
            if let Some(row) = rows.last_mut() {
                row.push((x, e));
            }
            x += w;
        }
        rows
    }

    fn draw_legend_entry(&self, c: &mut dyn Canvas, e: &Entry, at: (f64, f64)) {
        let s = self.font;
        let look = self.look(sizes::LEGEND, false, palette::BLACK);
        match e {
            Entry::Title(t) => c.text(
                t,
                at,
                self.look(sizes::LEGEND, true, palette::BLACK),
                Anchor::Left,
                false,
            ),
            Entry::Color(l, color, mark) => {
                let p = if *mark == Mark::Heat {
                    Paint::solid(theme::tint(*color, 0.55))
                } else {
                    Paint::solid(*color)
                };
                match mark {
                    Mark::Line | Mark::Step => {
                        c.polyline(&[(at.0, at.1), (at.0 + 16.0 * s, at.1)], p, 3.0 * s, false)
                    }
                    Mark::Point => c.circle((at.0 + 8.0 * s, at.1), 6.0 * s, Some(p), None),
                    _ => c.rect(
                        at.0,
                        at.1 - 7.0 * s,
                        at.0 + 14.0 * s,
                        at.1 + 7.0 * s,
                        Some(p),
                        None,
                    ),
                }
                let l = text::fit(l, sizes::LEGEND * s, false, 520.0 * s);
                c.text(&l, (at.0 + 22.0 * s, at.1), look, Anchor::Left, false);
            }
            Entry::Shape(l, shape) => {
                draw_shape(
                    c,
                    shape,
                    (at.0 + 8.0 * s, at.1),
                    6.0 * s,
                    Paint::solid(palette::GREY),
                );
                let l = text::fit(l, sizes::LEGEND * s, false, 520.0 * s);
                c.text(&l, (at.0 + 22.0 * s, at.1), look, Anchor::Left, false);
            }
            Entry::Ramp(lo, hi) => {
                let steps = 10;
                for k in 0..steps {
                    let t = k as f64 / (steps - 1) as f64;
                    let color = self
                        .colors
                        .of_number(lo + t * (hi - lo))
                        .unwrap_or(palette::GREY);
                    c.rect(
                        at.0 + k as f64 * 10.0 * s,
                        at.1 - 7.0 * s,
                        at.0 + (k as f64 + 1.0) * 10.0 * s,
                        at.1 + 7.0 * s,
                        Some(Paint::solid(color)),
                        None,
                    );
                }
                let label = format!(
                    "{} – {}",
                    super::scale::plain((lo * 100.0).round() / 100.0),
                    super::scale::plain((hi * 100.0).round() / 100.0)
                );
                c.text(&label, (at.0 + 108.0 * s, at.1), look, Anchor::Left, false);
            }
        }
    }
}

/// A legend entry.
enum Entry {
    Title(String),
    Color(String, RGBColor, Mark),
    Shape(String, String),
    Ramp(f64, f64),
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// A label: (text, where, colour, fixed, centred on the point).
type LabelItem = (String, (f64, f64), RGBColor, bool, bool);

/// Labels to place once every mark is drawn, clear of each other and of
/// the marks where there is room: a label that would cover a mark or
/// another label tries the other side, then above and below, then further
/// out.
struct Labels {
    frame: Frame,
    font: f64,
    items: Vec<LabelItem>,
    obstacles: Vec<(f64, f64, f64, f64)>,
}

impl Labels {
    fn new(f: &Frame, font: f64) -> Labels {
        Labels {
            frame: *f,
            font,
            items: Vec::new(),
            obstacles: Vec::new(),
        }
    }

    fn obstacle(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        if self.obstacles.len() < 20_000 {
            self.obstacles
                .push((x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)));
        }
    }

    fn obstacle_segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        self.obstacle(a.0, a.1 - 1.5, b.0, b.1 + 1.5);
    }

    /// Whether no more labels are taken (the first MAX_LABELS are drawn).
    fn full(&self) -> bool {
        self.items.len() >= MAX_LABELS
    }

    /// A label that may move to stay clear.
    fn add(&mut self, text: String, at: (f64, f64), color: RGBColor) {
        if !text.is_empty() && self.items.len() < MAX_LABELS {
            self.items.push((text, at, color, false, false));
        }
    }

    /// A label centred on its point if that is clear, else moved clear.
    fn add_centred(&mut self, text: String, at: (f64, f64), color: RGBColor) {
        if !text.is_empty() && self.items.len() < MAX_LABELS {
            self.items.push((text, at, color, false, true));
        }
    }

    /// A label that stays where it is put (text marks, rule labels), and
    /// that the others keep clear of.
    fn add_fixed(&mut self, text: String, at: (f64, f64), color: RGBColor) {
        if !text.is_empty() && self.items.len() < MAX_LABELS {
            self.items.push((text, at, color, true, false));
        }
    }

    fn draw(self, c: &mut dyn Canvas, scene: &Scene) {
        let size = sizes::LABEL * self.font;
        let f = self.frame;
        let h = size * 1.2;
        let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut obstacles = Grid::new(&f, &self.obstacles);
        // Fixed ones first: the movable ones keep clear of them.
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_by_key(|&i| !self.items[i].3);
        for i in order {
            let (text_s, at, color, fixed, centred) = &self.items[i];
            let t = text::fit(text_s, size, false, (f.x1 - f.x0).max(40.0));
            let w = text::width(&t, size, false);
            let mut chosen = (at.0, at.1);
            if !fixed {
                // Right of the point, left of it, above, below, then
                // further out up and down on either side; the first clear
                // of labels and marks wins, else the one covering least.
                let left = at.0 - w - 16.0 * self.font;
                let mut candidates = vec![(at.0, at.1)];
                if *centred {
                    candidates.insert(0, (at.0 - w / 2.0, at.1));
                }
                candidates.extend([
                    (left, at.1),
                    (at.0 - w / 2.0, at.1 - h),
                    (at.0 - w / 2.0, at.1 + h),
                ]);
                for k in 1..=6 {
                    let dy = h * k as f64;
                    candidates.extend([
                        (at.0, at.1 - dy),
                        (at.0, at.1 + dy),
                        (left, at.1 - dy),
                        (left, at.1 + dy),
                    ]);
                }
                let mut cost = |p: (f64, f64)| -> (bool, usize, usize, usize) {
                    let r = (p.0, p.1 - h / 2.0, p.0 + w, p.1 + h / 2.0);
                    let inside = r.0 >= f.x0 - 2.0
                        && r.2 <= f.x1 + 2.0
                        && r.1 >= f.y0 - h
                        && r.3 <= f.y1 + 2.0;
                    let hit = |others: &[(f64, f64, f64, f64)]| {
                        others
                            .iter()
                            .filter(|o| r.0 < o.2 && o.0 < r.2 && r.1 < o.3 && o.1 < r.3)
                            .count()
                    };
                    (!inside, hit(&placed), obstacles.hits(r), 0)
                };
                let mut best = (cost(candidates[0]), candidates[0]);
                for (k, &p) in candidates.iter().enumerate() {
                    let c = cost(p);
                    let c = (c.0, c.1, c.2, k);
                    if c < best.0 {
                        best = (c, p);
                    }
                    if !c.0 && c.1 == 0 && c.2 == 0 {
                        break;
                    }
                }
                chosen = best.1;
            }
            placed.push((
                chosen.0,
                chosen.1 - h / 2.0,
                chosen.0 + w,
                chosen.1 + h / 2.0,
            ));
            c.text(
                &t,
                chosen,
                Look {
                    size,
                    bold: false,
                    paint: Paint::solid(*color),
                },
                Anchor::Left,
                false,
            );
        }
        let _ = scene;
    }
}

/// A histogram's bins: the first edge and the width (of logarithms on a
/// log axis), and per bin, per colour key, (count, first row).
struct Bins {
    lo: f64,
    width: f64,
    log: bool,
    counts: Vec<HashMap<usize, (usize, usize)>>,
}

/// The category code of `row` in channel `c` (0 when there is none): part
/// of the key under which marks are thinned.
fn code(c: &Option<Channel>, row: usize) -> u32 {
    c.as_ref()
        .and_then(|c| c.codes.get(row).copied().flatten())
        .unwrap_or(0)
}

/// Of the marks sharing a key (a cell, a colour...), the last, in the
/// order given: drawn in that order they show what drawing every mark
/// would show, since each covers the ones before it.
fn keep_last<T: Copy, K: std::hash::Hash + Eq>(marks: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut last: foldhash::HashMap<K, usize> = Default::default();
    for (k, m) in marks.iter().enumerate() {
        last.insert(key(m), k);
    }
    let mut keep: Vec<usize> = last.into_values().collect();
    keep.sort_unstable();
    keep.into_iter().map(|k| marks[k]).collect()
}

/// Rectangles (x0, y0, x1, y1) bucketed into square cells, so that
/// counting those a label would cover looks at its neighbourhood only:
/// 400 labels against 20,000 marks took a second and a half when every
/// label tried every rectangle.
struct Grid<'a> {
    rects: &'a [(f64, f64, f64, f64)],
    cell: f64,
    origin: (f64, f64),
    nx: usize,
    ny: usize,
    cells: Vec<Vec<u32>>,
    /// Per rectangle, the query that last counted it (each counted once
    /// however many cells it lies in).
    seen: Vec<u32>,
    query: u32,
}

impl<'a> Grid<'a> {
    fn new(f: &Frame, rects: &'a [(f64, f64, f64, f64)]) -> Grid<'a> {
        let cell = 32.0;
        // Labels may sit a little outside the plot area: a margin of cells.
        let origin = (f.x0 - 4.0 * cell, f.y0 - 4.0 * cell);
        let nx = (((f.x1 - f.x0) / cell).ceil().max(0.0) as usize) + 9;
        let ny = (((f.y1 - f.y0) / cell).ceil().max(0.0) as usize) + 9;
        let mut g = Grid {
            rects,
            cell,
            origin,
            nx,
            ny,
            cells: vec![Vec::new(); nx * ny],
            seen: vec![0; rects.len()],
            query: 0,
        };
        for (k, r) in rects.iter().enumerate() {
            let (cx0, cy0, cx1, cy1) = g.span(*r);
            for cy in cy0..=cy1 {
                for cx in cx0..=cx1 {
                    g.cells[cy * nx + cx].push(k as u32);
                }
            }
        }
        g
    }

    /// The cells a rectangle touches (clamped to the grid).
    fn span(&self, r: (f64, f64, f64, f64)) -> (usize, usize, usize, usize) {
        let ix =
            |v: f64| (((v - self.origin.0) / self.cell).floor().max(0.0) as usize).min(self.nx - 1);
        let iy =
            |v: f64| (((v - self.origin.1) / self.cell).floor().max(0.0) as usize).min(self.ny - 1);
        (ix(r.0), iy(r.1), ix(r.2), iy(r.3))
    }

    /// How many rectangles overlap `r`.
    fn hits(&mut self, r: (f64, f64, f64, f64)) -> usize {
        self.query += 1;
        let (cx0, cy0, cx1, cy1) = self.span(r);
        let mut n = 0;
        for cy in cy0..=cy1 {
            for cx in cx0..=cx1 {
                for &k in &self.cells[cy * self.nx + cx] {
                    let k = k as usize;
                    if self.seen[k] == self.query {
                        continue;
                    }
                    self.seen[k] = self.query;
                    let o = self.rects[k];
                    if r.0 < o.2 && o.0 < r.2 && r.1 < o.3 && o.1 < r.3 {
                        n += 1;
                    }
                }
            }
        }
        n
    }
}

fn color_for_text(c: RGBColor) -> RGBColor {
    // Darken light colours so labels stay legible on white.
    let lum = 0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2);
    if lum > 170.0 {
        RGBColor(
            (f64::from(c.0) * 0.6) as u8,
            (f64::from(c.1) * 0.6) as u8,
            (f64::from(c.2) * 0.6) as u8,
        )
    } else {
        c
    }
}

fn draw_shape(c: &mut dyn Canvas, shape: &str, (x, y): (f64, f64), r: f64, p: Paint) {
    match shape {
        "circle-open" => c.circle((x, y), r - 1.0, None, Some((p, 2.0))),
        "square" => c.rect(
            x - r * 0.85,
            y - r * 0.85,
            x + r * 0.85,
            y + r * 0.85,
            Some(p),
            None,
        ),
        "triangle" => c.polygon(
            &[
                (x, y - r * 1.15),
                (x + r, y + r * 0.75),
                (x - r, y + r * 0.75),
            ],
            p,
        ),
        "diamond" => c.polygon(
            &[(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)],
            p,
        ),
        "cross" => {
            let k = r * 0.9;
            c.polyline(&[(x - k, y - k), (x + k, y + k)], p, 2.5, false);
            c.polyline(&[(x - k, y + k), (x + k, y - k)], p, 2.5, false);
        }
        "arrow" => c.polygon(&[(x - r * 0.8, y - r), (x + r, y), (x - r * 0.8, y + r)], p),
        "star" => {
            let pts: Vec<(f64, f64)> = (0..10)
                .map(|k| {
                    let a = std::f64::consts::PI / 5.0 * k as f64 - std::f64::consts::FRAC_PI_2;
                    let rr = if k % 2 == 0 { r * 1.35 } else { r * 0.55 };
                    (x + rr * a.cos(), y + rr * a.sin())
                })
                .collect();
            c.polygon(&pts, p);
        }
        _ => c.circle((x, y), r, Some(p), None),
    }
}

/// Turns points into a step line: level until the next point.
fn steps(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(pts.len() * 2);
    for (k, &p) in pts.iter().enumerate() {
        if k > 0 {
            out.push((p.0, pts[k - 1].1));
        }
        out.push(p);
    }
    out
}

/// Keeps, of the points falling on each pixel column, the first, the
/// last, the lowest and the highest: a line through a million points
/// draws as the few thousand that can be told apart.
fn thin(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut k = 0;
    while k < pts.len() {
        let col = pts[k].0.floor();
        let mut end = k;
        while end + 1 < pts.len() && pts[end + 1].0.floor() == col {
            end += 1;
        }
        let run = &pts[k..=end];
        let lo = run
            .iter()
            .copied()
            .fold(run[0], |a, b| if b.1 < a.1 { b } else { a });
        let hi = run
            .iter()
            .copied()
            .fold(run[0], |a, b| if b.1 > a.1 { b } else { a });
        out.push(run[0]);
        if lo != run[0] {
            out.push(lo);
        }
        if hi != run[0] && hi != lo {
            out.push(hi);
        }
        if run.len() > 1 {
            out.push(run[run.len() - 1]);
        }
        k = end + 1;
    }
    out
}

/// The rows of a layer grouped by colour (then label), in order of first
/// row: one line or ribbon per group. Returns each group's first row and
/// its rows.
fn groups(r: &Resolved, rows: &[usize]) -> Vec<(usize, Vec<usize>)> {
    // (colour, label, facet) codes -> index into `out`.
    type Key = (Option<u32>, Option<u32>, Option<u32>);
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for &i in rows {
        let key = (
            r.color
                .as_ref()
                .and_then(|c| c.codes.get(i).copied().flatten()),
            r.label
                .as_ref()
                .and_then(|c| c.codes.get(i).copied().flatten()),
            r.group
                .as_ref()
                .and_then(|c| c.codes.get(i).copied().flatten()),
        );
        match index.get(&key) {
            Some(&g) => out[g].1.push(i),
            None => {
                index.insert(key, out.len());
                out.push((i, vec![i]));
            }
        }
    }
    out
}

fn at_value(at: &Option<At>) -> Option<f64> {
    match at {
        Some(At::Number(v)) => Some(*v),
        Some(At::Date(d)) => Some(super::base::epoch_day(*d) as f64),
        _ => None,
    }
}

fn at_kind(at: &Option<At>) -> Option<Kind> {
    match at {
        Some(At::Number(_)) => Some(Kind::Number),
        Some(At::Date(_)) => Some(Kind::Date),
        Some(At::Category(_)) => Some(Kind::Category),
        None => None,
    }
}

fn positive_fails(c: &Option<Channel>, row: usize) -> bool {
    c.as_ref()
        .filter(|c| c.kind == Kind::Number)
        .is_some_and(|c| {
            c.values
                .get(row)
                .copied()
                .flatten()
                .is_some_and(|v| v <= 0.0)
        })
}

fn x_kinds(r: &Resolved) -> Vec<Kind> {
    match r.layer.mark {
        Mark::RuleX => at_kind(&r.layer.at).into_iter().collect(),
        Mark::RuleY => Vec::new(),
        _ => {
            r.x.iter()
                .chain(r.end.iter().filter(|_| r.layer.mark == Mark::Interval))
                .map(|c| c.kind)
                .collect()
        }
    }
}

fn y_kinds(r: &Resolved) -> Vec<Kind> {
    match r.layer.mark {
        Mark::RuleY => at_kind(&r.layer.at).into_iter().collect(),
        Mark::RuleX => Vec::new(),
        Mark::Histogram => vec![Kind::Number],
        _ => {
            r.y.iter()
                .chain(
                    r.end
                        .iter()
                        .filter(|_| matches!(r.layer.mark, Mark::Range | Mark::Ribbon)),
                )
                .map(|c| c.kind)
                .collect()
        }
    }
}

fn needed_channels<'r>(r: &'r Resolved) -> Vec<&'r Channel> {
    let mut v: Vec<&Channel> = Vec::new();
    for c in [&r.x, &r.y, &r.end].into_iter().flatten() {
        v.push(c);
    }
    if r.layer.mark == Mark::Text {
        v.extend(r.label.iter());
    }
    v
}

/// Reads a layer's columns, checking each is of a kind its role takes.
fn resolve<'a>(plot: &Plot, layer: &'a Layer) -> Result<Resolved<'a>> {
    use Kind::*;
    let df = &layer.data;
    let any = [Number, Date, Category];
    let continuous = [Number, Date];
    let read = |name: &Option<String>, role: &str, kinds: &[Kind]| -> Result<Option<Channel>> {
        name.as_ref()
            .map(|n| data::read_as(df, n, role, kinds))
            .transpose()
    };
    // A column the mark cannot do without.
    let required = |name: &Option<String>,
                    which: &str,
                    role: &str,
                    kinds: &[Kind]|
     -> Result<Option<Channel>> {
        Ok(Some(data::read_as(
            df,
            &need(layer, name, which)?,
            role,
            kinds,
        )?))
    };
    let mut r = Resolved {
        layer,
        x: None,
        y: None,
        end: None,
        color: read(&layer.color, "as a colour", &any)?,
        shape: read(&layer.shape, "as a shape", &[Category])?,
        size: read(&layer.size, "as a size", &[Number])?,
        label: read(&layer.label, "as a label", &any)?,
        group: read(&layer.group, "as a group", &[Category])?,
        tooltips: layer
            .tooltips
            .iter()
            .map(|t| data::read(df, t, "as a tooltip"))
            .collect::<Result<_>>()?,
        facet: match &plot.facet {
            Some(f) if df.column(f).is_ok() => Some(data::read(df, f, "as a facet")?),
            _ => None,
        },
        rows: Vec::new(),
        horizontal: false,
        size_range: (f64::INFINITY, f64::NEG_INFINITY),
    };
    match layer.mark {
        Mark::Bar => {
            let x = data::read_as(df, &need(layer, &layer.x, "x")?, "as x of a bar", &any)?;
            let y = data::read_as(df, &need(layer, &layer.y, "y")?, "as y of a bar", &any)?;
            match (x.kind, y.kind) {
                (Number, Category) => r.horizontal = true,
                (_, Number) => {}
                (_, _) => {
                    return Err(Error::Column {
                        column: y.name.clone(),
                        dtype: y.dtype.clone(),
                        role: "as the length of a bar".into(),
                        hint: format!(
                            "one of a bar's two columns is its length, a number; count rows per category first, e.g. `.group_by([col(\"{}\")]).agg([len().alias(\"n\")])`, then `.bar(\"{}\", \"n\")`",
                            x.name, x.name
                        ),
                    });
                }
            }
            r.x = Some(x);
            r.y = Some(y);
        }
        Mark::Point | Mark::Line | Mark::Step | Mark::Text => {
            r.x = required(&layer.x, "x", "as x", &any)?;
            let ykinds: &[Kind] = if layer.mark == Mark::Text || layer.mark == Mark::Point {
                &any
            } else {
                &[Number]
            };
            r.y = required(&layer.y, "y", "as y of a line", ykinds)?;
        }
        Mark::Interval => {
            r.x = required(
                &layer.x,
                "start",
                "as the start of an interval",
                &continuous,
            )?;
            r.end = required(&layer.end, "end", "as the end of an interval", &continuous)?;
            r.y = required(&layer.y, "y", "as y", &any)?;
        }
        Mark::Range | Mark::Ribbon => {
            r.x = required(&layer.x, "x", "as x", &any)?;
            r.y = required(&layer.y, "low", "as the low end", &continuous)?;
            r.end = required(&layer.end, "high", "as the high end", &continuous)?;
        }
        Mark::Histogram => {
            r.x = required(&layer.x, "x", "as x of a histogram", &continuous)?;
        }
        Mark::Heat => {
            r.x = required(&layer.x, "x", "as x of a heat grid", &[Category])?;
            r.y = required(&layer.y, "y", "as y of a heat grid", &[Category])?;
        }
        Mark::RuleX | Mark::RuleY => {}
    }
    if let (Some(a), Some(b)) = (&r.x, &r.end)
        && layer.mark == Mark::Interval
        && a.kind != b.kind
    {
        return Err(Error::Column {
            column: b.name.clone(),
            dtype: b.dtype.clone(),
            role: "as the end of an interval".into(),
            hint: format!(
                "the start, '{}', holds {}; give both ends the same kind",
                a.name,
                a.kind.name()
            ),
        });
    }
    Ok(r)
}

/// The band scale of an axis: the categories of every layer's channel on
/// it, in the given order, else `Enum` order, else sorted; at most
/// [`MAX_BANDS`], keeping those with the most rows.
fn band_scale(layers: &[Resolved], axis: &Axis, is_x: bool, notes: &mut Vec<String>) -> Scale {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut levels: Vec<String> = Vec::new();
    let mut ordered = false;
    let mut name = String::new();
    for r in layers {
        let ch = if is_x { &r.x } else { &r.y };
        let Some(ch) = ch.as_ref().filter(|c| c.kind == Kind::Category) else {
            continue;
        };
        name = ch.name.clone();
        ordered |= ch.ordered;
        let mut used = vec![0usize; ch.levels.len()];
        for &i in &r.rows {
            if let Some(c) = ch.codes.get(i).copied().flatten() {
                used[c as usize] += 1;
            }
        }
        for (k, l) in ch.levels.iter().enumerate() {
            if used[k] == 0 {
                continue;
            }
            // A new level: its first count. (A lookup, not a scan of
            // `levels`: a million distinct values made that quadratic.)
            match counts.get_mut(l) {
                Some(n) => *n += used[k],
                None => {
                    counts.insert(l.clone(), used[k]);
                    levels.push(l.clone());
                }
            }
        }
    }
    if !ordered {
        levels.sort_by(|a, b| natural(a, b));
    }
    if let Some(order) = &axis.order {
        let given: HashSet<&String> = order.iter().collect();
        let mut first: Vec<String> = order
            .iter()
            .filter(|o| counts.contains_key(*o))
            .cloned()
            .collect();
        first.extend(levels.iter().filter(|l| !given.contains(l)).cloned());
        levels = first;
    }
    if levels.len() > MAX_BANDS {
        let total = levels.len();
        let mut ranked: Vec<(usize, usize)> = levels
            .iter()
            .enumerate()
            .map(|(i, l)| (counts.get(l).copied().unwrap_or(0), i))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut keep: Vec<usize> = ranked[..MAX_BANDS].iter().map(|r| r.1).collect();
        keep.sort_unstable();
        levels = keep.into_iter().map(|i| levels[i].clone()).collect();
        notes.push(format!(
            "Showing {MAX_BANDS} of {} values of '{name}' (those with the most rows).",
            thousands(total)
        ));
    }
    Scale::Band { levels }
}

/// A continuous scale over `values`.
fn continuous(kind: Kind, values: &[f64], axis: &Axis, zero: bool, target: f64) -> Result<Scale> {
    let finite = values
        .iter()
        .copied()
        .filter(|v| v.is_finite() && (!axis.log || *v > 0.0));
    let (mut lo, mut hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    // An axis whose every value is whole (counts, integer columns) is
    // ticked at whole numbers.
    let format = match format_of(axis) {
        NumberFormat::Plain if values.iter().all(|v| !v.is_finite() || v.fract() == 0.0) => {
            NumberFormat::Whole
        }
        f => f,
    };
    let zero = axis.zero.unwrap_or(zero) && !axis.log;
    if zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if let Some((a, b)) = axis.domain {
        if !(a.is_finite() && b.is_finite() && b > a) {
            return Err(Error::Invalid(format!(
                "an axis domain runs from a lower number to a higher one, not {a} to {b}"
            )));
        }
        (lo, hi) = (a, b);
        return Ok(match (kind, axis.log) {
            (Kind::Date, _) => Scale::Time { lo, hi },
            (_, true) => Scale::Log {
                lo: lo.max(f64::MIN_POSITIVE),
                hi,
                format,
            },
            _ => Scale::Linear { lo, hi, format },
        });
    }
    Ok(match (kind, axis.log) {
        (Kind::Date, _) => {
            let pad = ((hi - lo) * 0.03).max(1.0);
            Scale::Time {
                lo: lo - pad,
                hi: hi + pad,
            }
        }
        (_, true) => {
            let lo = if lo > 0.0 { lo } else { hi.max(1.0) * 1e-3 };
            let hi = hi.max(lo * 10.0);
            Scale::Log {
                lo: lo / 1.5,
                hi: hi * 1.5,
                format,
            }
        }
        _ => {
            let (a, b) = if axis.days {
                (lo, hi + (hi - lo) * 0.04)
            } else {
                nice_domain(lo, hi, target.clamp(3.0, 12.0))
            };
            Scale::Linear {
                lo: a,
                hi: b,
                format,
            }
        }
    })
}

fn format_of(axis: &Axis) -> NumberFormat {
    if axis.days {
        NumberFormat::Days
    } else {
        NumberFormat::Plain
    }
}

/// The largest stack of each bar position (and the smallest, below zero).
fn bar_extent(r: &Resolved) -> Vec<f64> {
    let (Some(x), Some(y)) = (&r.x, &r.y) else {
        return Vec::new();
    };
    let (pos, val) = if r.horizontal { (y, x) } else { (x, y) };
    let mut up: HashMap<u64, f64> = HashMap::new();
    let mut down: HashMap<u64, f64> = HashMap::new();
    let mut single: Vec<f64> = Vec::new();
    for &i in &r.rows {
        let key = match pos.kind {
            Kind::Category => u64::from(pos.codes.get(i).copied().flatten().unwrap_or(0)),
            _ => pos
                .values
                .get(i)
                .copied()
                .flatten()
                .unwrap_or(0.0)
                .to_bits(),
        };
        let v = val.values.get(i).copied().flatten().unwrap_or(0.0);
        if r.layer.dodge {
            single.push(v);
        } else if v >= 0.0 {
            *up.entry(key).or_insert(0.0) += v;
        } else {
            *down.entry(key).or_insert(0.0) += v;
        }
    }
    // Dodged bars sharing a position and colour are summed too.
    if r.layer.dodge {
        let mut sums: HashMap<(u64, Option<u32>), f64> = HashMap::new();
        for &i in &r.rows {
            let key = match pos.kind {
                Kind::Category => u64::from(pos.codes.get(i).copied().flatten().unwrap_or(0)),
                _ => pos
                    .values
                    .get(i)
                    .copied()
                    .flatten()
                    .unwrap_or(0.0)
                    .to_bits(),
            };
            let ck = r
                .color
                .as_ref()
                .and_then(|c| c.codes.get(i).copied().flatten());
            *sums.entry((key, ck)).or_insert(0.0) +=
                val.values.get(i).copied().flatten().unwrap_or(0.0);
        }
        single = sums.into_values().collect();
    }
    let mut out: Vec<f64> = up
        .into_values()
        .chain(down.into_values())
        .chain(single)
        .collect();
    out.push(0.0);
    out
}

fn cumulative_extent(r: &Resolved) -> Vec<f64> {
    let Some(y) = &r.y else { return Vec::new() };
    let mut out = vec![0.0];
    for (_, group) in groups(r, &r.rows) {
        let mut sum = 0.0;
        for i in group {
            sum += y.values.get(i).copied().flatten().unwrap_or(0.0);
            out.push(sum);
        }
    }
    out
}

fn bin_edge(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Date => super::base::day_of_epoch(v.floor() as i64)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        _ => super::base::format_number(v),
    }
}

/// The sources caption: every `source_id` the drawn rows cite.
fn sources_caption(layers: &[Resolved]) -> String {
    let mut ids: Vec<String> = Vec::new();
    for r in layers {
        let Ok(ch) = data::read(&r.layer.data, "source_id", "as sources") else {
            continue;
        };
        let mut seen: HashSet<String> = ids.iter().cloned().collect();
        for &i in &r.rows {
            // Text made once per distinct id, not once per row.
            let id = match ch.kind {
                Kind::Category => match ch.level(i) {
                    Some(l) if !seen.contains(l) => l.to_string(),
                    _ => continue,
                },
                _ => ch.text(i),
            };
            if !id.is_empty() && seen.insert(id.clone()) {
                ids.push(id);
            }
        }
    }
    if ids.is_empty() {
        return String::new();
    }
    ids.sort();
    format!(
        "Sources: {} — article texts in data/sources/; dates marked inferred or external in the tables.",
        ids.join(", ")
    )
}

fn parse_hex(s: &str) -> Option<RGBColor> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = |k: usize| u8::from_str_radix(&h[k..k + 2], 16).ok();
    Some(RGBColor(v(0)?, v(2)?, v(4)?))
}

/// Orders text with runs of digits by their number ("p2" before "p10").
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let mut n = String::new();
                while let Some(c) = x.peek().copied().filter(char::is_ascii_digit) {
                    n.push(c);
                    x.next();
                }
                let mut m = String::new();
                while let Some(d) = y.peek().copied().filter(char::is_ascii_digit) {
                    m.push(d);
                    y.next();
                }
                let o = n
                    .trim_start_matches('0')
                    .len()
                    .cmp(&m.trim_start_matches('0').len())
                    .then(n.trim_start_matches('0').cmp(m.trim_start_matches('0')));
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}

pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_reads_numbers() {
        let mut v = vec!["p10", "p2", "p1", "a"];
        v.sort_by(|a, b| natural(a, b));
        assert_eq!(v, ["a", "p1", "p2", "p10"]);
    }

    #[test]
    fn thinning_keeps_the_shape_of_a_line() {
        let pts: Vec<(f64, f64)> = (0..10_000)
            .map(|i| (i as f64 / 100.0, (i % 7) as f64))
            .collect();
        let t = thin(&pts);
        assert!(t.len() <= 4 * 100, "{}", t.len());
        assert_eq!(t.first(), pts.first());
        assert_eq!(t.last(), pts.last());
        assert!(t.iter().any(|p| p.1 == 6.0) && t.iter().any(|p| p.1 == 0.0));
    }
}
