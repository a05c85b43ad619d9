//! A chart layer over any polars DataFrame, addressed by column names.
//!
//! A chart is data plus a specification: which columns go to x, y,
//! colour, shape, size, label, tooltip and facet, and which marks draw
//! them. A [`Plot`] is that specification as a value: built in a line or
//! three, looked at, changed, and drawn when shown. The drawing code lives
//! here and is compiled once with the crate; a notebook cell only calls it
//! (no generic code to compile in the cell).
//!
//! ```
//! use negotiations::plot::Plot;
//! use negotiations::polars::prelude::*;
//!
//! let df = df!(
//!     "month" => ["2025-08", "2025-08", "2025-09", "2025-12"],
//!     "team" => ["envoys", "cabinet", "envoys", "envoys"],
//!     "meetings" => [3, 1, 2, 4],
//! )?;
//! let chart = Plot::new(&df).bar("month", "meetings").color("team").title("Meetings per month");
//! let svg = chart.svg()?;
//! assert!(svg.starts_with("<svg") && svg.contains("<title>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Marks
//!
//! | method | draws |
//! |---|---|
//! | [`Plot::bar`] | bars from zero; horizontal when x is the number and y the category; stacked by colour, or side by side with [`Plot::dodge`]; rows sharing a bar are summed |
//! | [`Plot::point`] | a mark per row, with [`Plot::shape`] and [`Plot::size_by`] |
//! | [`Plot::line`], [`Plot::step`] | a line per colour, in x order; [`Plot::cumulative`] adds up y |
//! | [`Plot::interval`] | a bar from one column to another along x, at each y: a Gantt bar, or an uncertain date (`date`..`date_last`) or length (`days_low`..`days_high`) drawn as the range it is |
//! | [`Plot::range`] | the same upright: from one y column to another at each x |
//! | [`Plot::ribbon`] | a band between two y columns along x (a confidence interval) |
//! | [`Plot::rule_x`], [`Plot::rule_y`] | a reference line at a number, a date or a category |
//! | [`Plot::text`] | a column's values as labels at (x, y) |
//! | [`Plot::histogram`] | counts of a number or date column in bins |
//! | [`Plot::heat`] | a grid of x × y categories filled by a colour column, with [`Plot::label`] in each cell |
//!
//! [`Plot::auto`] is the first look at any frame in one call: the mark
//! chosen from the dtypes (a date and a number: a line; a category and a
//! number: bars; two numbers: points; one number: a histogram; two
//! categories: a heat grid of counts).
//!
//! Encodings ([`Plot::color`], [`Plot::shape`], [`Plot::size_by`],
//! [`Plot::label`], [`Plot::tooltip`] and the mark options) apply to the
//! mark added last; [`Plot::data`] changes the frame the next marks read,
//! so one chart can layer several frames.
//!
//! ## Scales
//!
//! Chosen from the dtype: `Date` and `Datetime` make a time axis with
//! calendar ticks from days to decades; numbers a linear axis, ticked at
//! whole numbers only when every value on it is whole (counts)
//! ([`Plot::x_log`] for a log one; [`Plot::x_days`] reads numbers as
//! lengths in days); `String`, `Enum`, `Categorical` and `Boolean` make
//! bands, in `Enum` order or else sorted ([`Plot::x_sort`] keeps the
//! frame's order or sorts by a column, [`Plot::x_order`] names the first).
//! A domain given with [`Plot::x_domain`] or [`Plot::y_domain`] cuts every
//! mark at its ends.
//! Colours are the Okabe–Ito palette in `Enum` order or first appearance,
//! or the families of a [`theme::Theme`] ([`Plot::theme`]: the report
//! charts pass their house colours so) or a [`Plot::color_map`]; a column of
//! `#rrggbb` strings is used as the colours themselves, and a column of
//! shape names (`circle`, `circle-open`, `triangle`, `square`, `diamond`,
//! `cross`, `star`) as the shapes.
//!
//! ## What it says about the data
//!
//! Rows with an empty value in a column a mark needs are left out, and the
//! chart's note says how many. A chart of no rows says so. Past 40
//! categories on a band axis the chart keeps the 40 with the most rows and
//! says which; past 2,000 marks it draws what can be seen, and says so:
//! of points within a mark's radius the one drawn last, of intervals on
//! the same pixels the last, of a line its first, lowest, highest and last
//! point per pixel column, of a ribbon its envelope per pixel column; it
//! labels at most 400 marks. A million rows draw in at most 0.56 s per
//! SVG or PNG (README, "Benchmarks"). A frame with a
//! `source_id` column gets a sources caption, as the report charts do.
//!
//! ## No text is lost
//!
//! Titles, subtitles, notes and captions wrap to the chart's width and are
//! never cut; the figure grows by the lines past the first of each, so the
//! panels keep their size (a UCDP attribution fits under any chart).
//! Labels are placed clear of each other and of the marks, the same way
//! on every machine: beside their mark if there is room, else further out
//! in rings with a leader line back to the mark; a label with no clear
//! place is left out, and the chart's note names it.
//!
//! ## Output
//!
//! Inline in evcxr (an SVG that scales to the width of the output), or
//! [`Plot::svg`], [`Plot::png`], [`Plot::save_svg`], [`Plot::save_png`] at
//! [`Plot::size`]. Text is set in the embedded DejaVu Sans: in SVG as the
//! font's glyph outlines, so a machine without the font shows the same
//! picture; files are byte-identical on every machine.
//!
//! ## The chain as text
//!
//! [`chain`] reads the builder calls as text — what follows
//! `Plot::new(&df)` in Rust, over any number of lines, with comments and
//! an optional `;` — and applies them without compiling Rust: a notebook's
//! chart cell (`%%plot frame` and the calls) draws the same SVG bytes as
//! the Rust cell it was pasted from. Arguments are Rust literals (strings,
//! numbers, `true`, `RGBColor(r, g, b)`, `palette::GREEN`,
//! `NaiveDate::from_ymd_opt(y, m, d).unwrap()`, `&[...]` slices,
//! `Theme::new().family(...)`); [`ChainOptions`] places the text in its
//! cell and names other frames for `.data(&name)`. Its errors
//! ([`crate::Error::Chain`]) give the line and column in the cell and what
//! would fit: the methods or the frame's columns, closest first, or the
//! method's signature.
//!
//! ```
//! use negotiations::plot::{Plot, chain};
//! use negotiations::polars::prelude::*;
//!
//! let df = df!("month" => ["2025-08", "2025-09"], "meetings" => [3, 2])?;
//! let text = ".bar(\"month\", \"meetings\")\n.title(\"Meetings per month\"); // as in Rust";
//! let rust = Plot::new(&df).bar("month", "meetings").title("Meetings per month");
//! assert_eq!(chain(&df, text)?.svg()?, rust.svg()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Interactive twin
//!
//! Inline, a chart carries two pictures in one output: the SVG above,
//! byte-identical to [`Plot::inline_svg`], which nbconvert, GitHub and the
//! reports show, and its twin, the same chart as a Vega-Lite v5
//! specification (`application/vnd.vegalite.v5+json`, from
//! [`Plot::vega_lite`]), which JupyterLab prefers and draws with hover
//! tooltips, zoom (mouse wheel) and pan (drag) on the continuous axes;
//! double-click resets. The twin is made from what the SVG's renderer
//! fitted, so it shows the same rows (empty values, rows off a log axis and
//! bands past the 40th left out, as the notes say), the bands in the same
//! order, the same colours (house colours, colour maps and literal
//! `#rrggbb` columns as an explicit domain and range; numbers as the same
//! ramp), shapes, panels, titles, notes and caption. The rows are inlined
//! in the notebook, dates as ISO strings read in UTC.
//!
//! | chart layer | Vega-Lite |
//! |---|---|
//! | bar (stacked; [`Plot::dodge`]) | `bar`, stacked from zero (side by side: `xOffset`/`yOffset` by colour) |
//! | point, with [`Plot::shape`], [`Plot::size_by`] | filled `point`, shapes as a scale (`circle-open` and `star` as paths), sizes by area |
//! | line, step ([`Plot::cumulative`]) | `line` (`interpolate: step-after`), `detail` per [`Plot::group`]; a running sum as a `window` transform |
//! | interval, range | `bar` from x to `x2`, or y to `y2` |
//! | ribbon | `area` from y to `y2`, in steps |
//! | rule_x, rule_y | `rule` at a `datum`, its label as `text` |
//! | text, [`Plot::label`] | `text` (labels beside points and intervals, in heat cells) |
//! | histogram | `bar` over `bin` (`maxbins`: [`Plot::bins`]) counting rows |
//! | heat | `rect`, the fill at the SVG's tint |
//! | [`Plot::facet`] | `facet` with `columns` |
//! | [`Plot::tooltip`] | `tooltip`: those columns, else the encoded values |
//! | log, days, domains, orders, titles | `log` scales, lengths labelled in words, `domain`, `sort`, `title` with the subtitle, notes and caption under it |
//!
//! What does not map, where the SVG stays the only picture and its note
//! says why ("No interactive version: ..."): a chart of more than
//! [`MAX_VEGA_ROWS`] rows (they would be inlined), a histogram on a log
//! axis (its bins are even in the logarithm), and bars side by side on a
//! date or number axis. What maps loosely: label placement (Vega-Lite
//! does not move overlapping labels apart, nor wrap text in a heat cell:
//! it cuts it), the thinning of dense marks (the twin draws every row), and
//! tick positions (Vega-Lite's own).

mod auto;
mod base;
mod chain;
pub use chain::{ChainOptions, chain, chain_with};
mod canvas;
mod clip;
mod data;
mod pdf;
mod render;
pub(crate) use render::{MAX_BANDS, thousands};
mod scale;
mod text;
pub mod theme;
mod vega;
pub use vega::{MAX_VEGA_ROWS, VEGA_LITE_MIME, VEGA_LITE_SCHEMA, VegaLite};

use std::path::Path;

use chrono::NaiveDate;
use plotters::style::RGBColor;
use polars::prelude::DataFrame;

pub use base::{escape_html, format_number};
pub use scale::human_days;

use crate::error::Result;

mod marks;
mod options;
#[allow(unused_imports)]
pub use marks::*;
#[allow(unused_imports)]
pub use options::*;

/// A position on an axis: a number, a date or a category.
#[derive(Debug, Clone, PartialEq)]
pub enum At {
    /// A number.
    Number(f64),
    /// A date.
    Date(NaiveDate),
    /// A category.
    Category(String),
}

/// What a layer draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    Bar,
    Point,
    Line,
    Step,
    Interval,
    Range,
    Ribbon,
    RuleX,
    RuleY,
    Text,
    Histogram,
    Heat,
}

/// One mark over one frame, with its encodings.
#[derive(Debug, Clone)]
pub(crate) struct Layer {
    pub data: DataFrame,
    pub mark: Mark,
    pub x: Option<String>,
    pub y: Option<String>,
    /// The second column of an interval (x end), range or ribbon (y high).
    pub end: Option<String>,
    pub color: Option<String>,
    pub shape: Option<String>,
    pub size: Option<String>,
    pub label: Option<String>,
    pub group: Option<String>,
    pub tooltips: Vec<String>,
    pub fixed: Option<RGBColor>,
    pub at: Option<At>,
    pub text: Option<String>,
    pub dodge: bool,
    pub cumulative: bool,
    pub bins: usize,
    pub opacity: f64,
    pub width: f64,
    pub dashed: bool,
    pub legend: bool,
    /// Marks moved by this many pixels (right, down).
    pub nudge: (f64, f64),
}

/// Options of one axis.
#[derive(Debug, Clone, Default)]
pub(crate) struct Axis {
    pub title: Option<String>,
    pub log: bool,
    pub days: bool,
    pub order: Option<Vec<String>>,
    /// `data`, a column, or `-` and a column (see `Plot::x_sort`).
    pub sort: Option<String>,
    pub domain: Option<(f64, f64)>,
    pub zero: Option<bool>,
    pub hidden: bool,
}

/// A chart: marks over DataFrames, with their encodings, scales, titles and
/// size. See the [module docs](self).
#[derive(Debug, Clone)]
pub struct Plot {
    pub(crate) data: DataFrame,
    pub(crate) layers: Vec<Layer>,
    pub(crate) title: Option<String>,
    pub(crate) subtitle: Option<String>,
    pub(crate) caption: Option<String>,
    pub(crate) notes: Vec<String>,
    pub(crate) x: Axis,
    pub(crate) y: Axis,
    pub(crate) facet: Option<String>,
    pub(crate) facet_columns: Option<usize>,
    pub(crate) size: (u32, u32),
    pub(crate) color_title: Option<String>,
    pub(crate) color_map: Vec<(String, RGBColor)>,
    pub(crate) shape_map: Vec<(String, String)>,
    pub(crate) theme: theme::Theme,
}

/// The size of a chart unless [`Plot::size`] says otherwise.
pub const DEFAULT_SIZE: (u32, u32) = (1200, 750);
