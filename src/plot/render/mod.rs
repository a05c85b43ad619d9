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
use super::{At, Axis, FileFormat, Layer, Mark, Plot};
use crate::error::{Error, Result};

mod bars;
mod columns;
mod draw;
mod export;
mod fit;
mod labels;
mod marks;
mod output;
mod scales;
mod scene;
#[cfg(test)]
mod tests;
#[allow(unused_imports)]
pub use columns::*;
#[allow(unused_imports)]
pub use draw::*;
pub(crate) use export::{Fit, FitColors, FitLayer, fitted};
#[allow(unused_imports)]
pub use fit::*;
#[allow(unused_imports)]
pub use labels::*;
#[allow(unused_imports)]
pub use marks::*;
#[allow(unused_imports)]
pub use output::*;
#[allow(unused_imports)]
pub use scales::*;

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
    /// The columns the x and y bands are sorted by (`x_sort`, `y_sort`).
    sort_x: Option<Channel>,
    sort_y: Option<Channel>,
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
    /// Notes found by drawing (labels left out): the figure grows to hold
    /// them, so the panels keep their size.
    late_notes: Vec<String>,
    /// Labels (panel, number) that found no clear place in the first
    /// drawing, left out of the second.
    skip: HashSet<(usize, usize)>,
    /// Labels that found no clear place: (panel, number, text). Behind a
    /// lock rather than a `RefCell` so that a settled scene can be drawn
    /// in several formats at once, on several threads.
    left_out: std::sync::Mutex<Vec<(usize, usize, String)>>,
    /// Whether the labels were settled (the drawing that is kept).
    settled: bool,
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

/// A label to place.
struct LabelItem {
    text: String,
    /// The point it names (a mark's centre or end): a label whose point is
    /// outside the panel (cut by a domain) is not drawn, and a label moved
    /// away from its point is joined to it by a leader line.
    mark: (f64, f64),
    /// Where its left end would best go (vertically centred there).
    at: (f64, f64),
    color: RGBColor,
    /// Stays where it is put (rule labels); the others keep clear of it.
    fixed: bool,
    /// Centred on its point if that is clear (text marks).
    centred: bool,
}

/// Labels to place once every mark is drawn, clear of each other and of
/// the marks: a label that would cover a mark or another label tries the
/// other side, then above and below, then further out in rings, with a
/// leader line back to its point; one with no clear place at all is left
/// out and the chart's note says so (see `Scene::settle`).
struct Labels {
    frame: Frame,
    font: f64,
    /// The panel's number: with the label's place in `items`, what names a
    /// label from one drawing of the scene to the next.
    panel: usize,
    items: Vec<LabelItem>,
    obstacles: Vec<(f64, f64, f64, f64)>,
}

/// A histogram's bins: the first edge and the width (of logarithms on a
/// log axis), and per bin, per colour key, (count, first row).
struct Bins {
    lo: f64,
    width: f64,
    log: bool,
    counts: Vec<HashMap<usize, (usize, usize)>>,
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
