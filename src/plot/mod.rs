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
//! bands, in `Enum` order or else sorted ([`Plot::x_order`] overrides).
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
//! ## Output
//!
//! Inline in evcxr (an SVG that scales to the width of the output), or
//! [`Plot::svg`], [`Plot::png`], [`Plot::save_svg`], [`Plot::save_png`] at
//! [`Plot::size`]. Text is set in the embedded DejaVu Sans: in SVG as the
//! font's glyph outlines, so a machine without the font shows the same
//! picture; files are byte-identical on every machine.

mod base;
mod canvas;
mod data;
mod render;
pub(crate) use render::{MAX_BANDS, thousands};
mod scale;
mod text;
pub mod theme;

use std::path::Path;

use chrono::NaiveDate;
use plotters::style::RGBColor;
use polars::prelude::DataFrame;

pub use base::{escape_html, format_number};
pub use scale::human_days;

use crate::error::Result;

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

impl From<f64> for At {
    fn from(v: f64) -> At {
        At::Number(v)
    }
}

impl From<i64> for At {
    fn from(v: i64) -> At {
        At::Number(v as f64)
    }
}

impl From<i32> for At {
    fn from(v: i32) -> At {
        At::Number(f64::from(v))
    }
}

impl From<NaiveDate> for At {
    fn from(v: NaiveDate) -> At {
        At::Date(v)
    }
}

impl From<&str> for At {
    fn from(v: &str) -> At {
        At::Category(v.to_string())
    }
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

impl Layer {
    fn new(data: DataFrame, mark: Mark) -> Layer {
        Layer {
            data,
            mark,
            x: None,
            y: None,
            end: None,
            color: None,
            shape: None,
            size: None,
            label: None,
            group: None,
            tooltips: Vec::new(),
            fixed: None,
            at: None,
            text: None,
            dodge: false,
            cumulative: false,
            bins: 0,
            opacity: 1.0,
            width: 2.5,
            dashed: false,
            legend: true,
            nudge: (0.0, 0.0),
        }
    }
}

/// Options of one axis.
#[derive(Debug, Clone, Default)]
pub(crate) struct Axis {
    pub title: Option<String>,
    pub log: bool,
    pub days: bool,
    pub order: Option<Vec<String>>,
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

impl Plot {
    /// A chart whose marks read `df` (until [`Plot::data`] gives another).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2, 3], "y" => [2.0, 4.0, 3.0])?;
    /// let svg = negotiations::plot::Plot::new(&df).line("x", "y").svg()?;
    /// assert!(svg.contains("<polyline"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(df: &DataFrame) -> Plot {
        Plot {
            data: df.clone(),
            layers: Vec::new(),
            title: None,
            subtitle: None,
            caption: None,
            notes: Vec::new(),
            x: Axis::default(),
            y: Axis::default(),
            facet: None,
            facet_columns: None,
            size: DEFAULT_SIZE,
            color_title: None,
            color_map: Vec::new(),
            shape_map: Vec::new(),
            theme: theme::Theme::default(),
        }
    }

    /// The marks added from here on read `df`: layers over several frames.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let a = df!("x" => [1, 2], "y" => [1.0, 2.0])?;
    /// let b = df!("x" => [1, 2], "y" => [2.0, 1.0])?;
    /// let p = negotiations::plot::Plot::new(&a).line("x", "y").data(&b).point("x", "y");
    /// assert!(p.svg()?.contains("<circle"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn data(mut self, df: &DataFrame) -> Plot {
        self.data = df.clone();
        self
    }

    fn push(mut self, mark: Mark, x: Option<&str>, y: Option<&str>, end: Option<&str>) -> Plot {
        let mut layer = Layer::new(self.data.clone(), mark);
        layer.x = x.map(str::to_string);
        layer.y = y.map(str::to_string);
        layer.end = end.map(str::to_string);
        self.layers.push(layer);
        self
    }

    fn last(mut self, f: impl FnOnce(&mut Layer)) -> Plot {
        if let Some(l) = self.layers.last_mut() {
            f(l);
        }
        self
    }

    /// Bars of `y` at each `x`, from zero. One of the two is a category
    /// column (the bars' positions) and the other a number (their length):
    /// `bar("process", "meetings")` stands the bars up, `bar("meetings",
    /// "process")` lays them down. With x a date or number, bars stand at
    /// those positions. Rows that share a bar (and colour) are summed.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("who" => ["kissinger", "trump"], "n" => [3, 17])?;
    /// let svg = negotiations::plot::Plot::new(&df).bar("n", "who").color("who").svg()?;
    /// assert_eq!(svg.matches("<rect").count() >= 2, true);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bar(self, x: &str, y: &str) -> Plot {
        self.push(Mark::Bar, Some(x), Some(y), None)
    }

    /// A mark at (`x`, `y`) for each row.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("days" => [10, 748], "meetings" => [3, 575])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("days", "meetings").svg()?.contains("<circle"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn point(self, x: &str, y: &str) -> Plot {
        self.push(Mark::Point, Some(x), Some(y), None)
    }

    /// A line through (`x`, `y`) in x order, one per colour.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0, 1, 2], "s" => [1.0, 0.8, 0.7])?;
    /// assert!(negotiations::plot::Plot::new(&df).line("t", "s").svg()?.contains("<polyline"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn line(self, x: &str, y: &str) -> Plot {
        self.push(Mark::Line, Some(x), Some(y), None)
    }

    /// A line of steps through (`x`, `y`): level until the next x, as a
    /// count or a survival curve changes.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("day" => [0, 5, 9], "n" => [1, 1, 1])?;
    /// let p = negotiations::plot::Plot::new(&df).step("day", "n").cumulative();
    /// assert!(p.svg()?.contains("<polyline"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn step(self, x: &str, y: &str) -> Plot {
        self.push(Mark::Step, Some(x), Some(y), None)
    }

    /// A bar from `start` to `end` along x at each `y`: a Gantt bar of a
    /// process, or a date known to the month (`date` to `date_last`), or a
    /// length a phrase allows (`days_low` to `days_high`), drawn as the
    /// range it is. A zero-length interval is drawn as a tick.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("phrase" => ["almost two years"], "low" => [657.4], "high" => [730.5])?;
    /// let p = negotiations::plot::Plot::new(&df).interval("phrase", "low", "high");
    /// assert!(p.svg()?.contains("<rect"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interval(self, y: &str, start: &str, end: &str) -> Plot {
        self.push(Mark::Interval, Some(start), Some(y), Some(end))
    }

    /// A bar from `low` to `high` along y at each `x`: an interval
    /// standing up (an error bar, a range of estimates).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("year" => [1, 2], "lo" => [0.4, 0.35], "hi" => [0.5, 0.45])?;
    /// assert!(negotiations::plot::Plot::new(&df).range("year", "lo", "hi").svg()?.contains("<rect"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn range(self, x: &str, low: &str, high: &str) -> Plot {
        self.push(Mark::Range, Some(x), Some(low), Some(high))
    }

    /// A shaded band between `low` and `high` along `x`, one per colour: a
    /// confidence interval around a line (steps, like a survival curve's).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0.0, 1.0, 2.0], "lo" => [1.0, 0.4, 0.3], "hi" => [1.0, 0.5, 0.42])?;
    /// assert!(negotiations::plot::Plot::new(&df).ribbon("t", "lo", "hi").svg()?.contains("<polygon"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ribbon(self, x: &str, low: &str, high: &str) -> Plot {
        self.push(Mark::Ribbon, Some(x), Some(low), Some(high))
    }

    /// A vertical reference line at `at` on the x axis (a number, a date or
    /// a category), labelled `label` (empty for none).
    ///
    /// ```
    /// use negotiations::chrono::NaiveDate;
    /// use negotiations::polars::prelude::*;
    /// let df = df!("d" => [NaiveDate::from_ymd_opt(2025, 7, 14).unwrap()], "n" => [1])?;
    /// let as_of = NaiveDate::from_ymd_opt(2025, 12, 4).unwrap();
    /// let p = negotiations::plot::Plot::new(&df).point("d", "n").rule_x(as_of, "as of");
    /// assert!(p.svg()?.contains("aria-label=\"as of\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rule_x(self, at: impl Into<At>, label: &str) -> Plot {
        let at = at.into();
        let label = (!label.is_empty()).then(|| label.to_string());
        self.push(Mark::RuleX, None, None, None).last(|l| {
            l.at = Some(at);
            l.text = label;
        })
    }

    /// A horizontal reference line at `at` on the y axis, labelled `label`.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0, 10], "s" => [1.0, 0.4])?;
    /// let p = negotiations::plot::Plot::new(&df).line("t", "s").rule_y(0.5, "half");
    /// assert!(p.svg()?.contains("aria-label=\"half\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rule_y(self, at: impl Into<At>, label: &str) -> Plot {
        let at = at.into();
        let label = (!label.is_empty()).then(|| label.to_string());
        self.push(Mark::RuleY, None, None, None).last(|l| {
            l.at = Some(at);
            l.text = label;
        })
    }

    /// The values of `label` as text at (`x`, `y`); labels that would
    /// overlap are moved apart.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "name" => ["Korea", "Gaza"])?;
    /// assert!(negotiations::plot::Plot::new(&df).text("x", "y", "name").svg()?.contains("aria-label=\"Korea\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(self, x: &str, y: &str, label: &str) -> Plot {
        let label = label.to_string();
        self.push(Mark::Text, Some(x), Some(y), None)
            .last(|l| l.label = Some(label))
    }

    /// Counts of the number or date column `x` in bins (about 20, or
    /// [`Plot::bins`]), stacked by colour.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("days" => [1.0, 2.0, 2.5, 9.0, 30.0])?;
    /// assert!(negotiations::plot::Plot::new(&df).histogram("days").bins(5).svg()?.contains("<rect"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn histogram(self, x: &str) -> Plot {
        self.push(Mark::Histogram, Some(x), None, None)
    }

    /// A grid of `x` × `y` categories, each cell filled by the colour of
    /// `fill` (a category or a number); with [`Plot::label`], text in each
    /// cell.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("dimension" => ["tempo", "tempo"], "actor" => ["kissinger", "trump"], "value" => ["marathon", "sprint"])?;
    /// let p = negotiations::plot::Plot::new(&df).heat("actor", "dimension", "actor").label("value");
    /// assert!(p.svg()?.contains("aria-label=\"marathon\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn heat(self, x: &str, y: &str, fill: &str) -> Plot {
        let fill = fill.to_string();
        self.push(Mark::Heat, Some(x), Some(y), None)
            .last(|l| l.color = Some(fill))
    }

    /// Colours the last mark by the column `column` (categories get the
    /// palette, numbers a light-to-dark ramp).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "approach" => ["kissinger", "trump"])?;
    /// let svg = negotiations::plot::Plot::new(&df).point("x", "y").color("approach").svg()?;
    /// assert!(svg.contains("#0072b2") && svg.contains("#d55e00")); // the house colours
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn color(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.color = Some(c))
    }

    /// One colour for the whole of the last mark.
    ///
    /// ```
    /// use negotiations::plot::{theme::palette, Plot};
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2])?;
    /// assert!(Plot::new(&df).line("x", "y").paint(palette::GREEN).svg()?.contains("#009e73"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn paint(self, color: RGBColor) -> Plot {
        self.last(|l| l.fixed = Some(color))
    }

    /// Shapes the points of the last mark by the column `column`.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "kind" => ["call", "summit"])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").shape("kind").svg()?.contains("<polygon"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shape(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.shape = Some(c))
    }

    /// Sizes the points of the last mark by the number column `column`
    /// (area in proportion to the value).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "n" => [3, 575])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").size_by("n").svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn size_by(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.size = Some(c))
    }

    /// Writes the column `column` beside each mark of the last mark (the
    /// text inside each cell of a heat grid).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("days" => [748, 669], "meetings" => [575, 2], "case" => ["Korea", "Good Friday"])?;
    /// let svg = negotiations::plot::Plot::new(&df).point("days", "meetings").label("case").svg()?;
    /// assert!(svg.contains("aria-label=\"Good Friday\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn label(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.label = Some(c))
    }

    /// Draws the last line, step or ribbon as one line per value of
    /// `column` (besides one per colour): a line per process, coloured by
    /// its style.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0, 1, 0, 1], "n" => [1, 2, 1, 3], "p" => ["a", "a", "b", "b"], "style" => ["trump", "trump", "trump", "trump"])?;
    /// let svg = negotiations::plot::Plot::new(&df).line("t", "n").group("p").color("style").svg()?;
    /// assert_eq!(svg.matches("<title>p: ").count(), 2); // two lines, each with its hover text
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn group(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.group = Some(c))
    }

    /// Adds the column `column` to what each mark of the last mark shows
    /// on hover (an SVG `<title>`); call again for more. Without it, a
    /// mark shows its encoded values.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [2], "quote" => ["“A marathon, not a sprint”"])?;
    /// let svg = negotiations::plot::Plot::new(&df).point("x", "y").tooltip("quote").svg()?;
    /// assert!(svg.contains("<title>quote: “A marathon, not a sprint”</title>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tooltip(self, column: &str) -> Plot {
        let c = column.to_string();
        self.last(|l| l.tooltips.push(c))
    }

    /// Bars of the last mark side by side by colour rather than stacked.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("m" => ["a", "a"], "who" => ["x", "y"], "n" => [1, 2])?;
    /// assert!(negotiations::plot::Plot::new(&df).bar("m", "n").color("who").dodge().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn dodge(self) -> Plot {
        self.last(|l| l.dodge = true)
    }

    /// The last mark's y is added up along x (within each colour): from
    /// events to a running count.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("day" => [0, 3, 7], "one" => [1, 1, 1])?;
    /// assert!(negotiations::plot::Plot::new(&df).line("day", "one").cumulative().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cumulative(self) -> Plot {
        self.last(|l| l.cumulative = true)
    }

    /// The number of bins of the last histogram.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("v" => [1.0, 2.0, 3.0])?;
    /// assert!(negotiations::plot::Plot::new(&df).histogram("v").bins(3).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bins(self, n: usize) -> Plot {
        self.last(|l| l.bins = n.max(1))
    }

    /// The opacity of the last mark (0 to 1).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").opacity(0.4).svg()?.contains("fill-opacity=\"0.4\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn opacity(self, alpha: f64) -> Plot {
        self.last(|l| l.opacity = alpha.clamp(0.0, 1.0))
    }

    /// The stroke width of the last line, step or rule, in pixels, and
    /// whether it is dashed.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2])?;
    /// assert!(negotiations::plot::Plot::new(&df).line("x", "y").stroke(1.0, true).svg()?.contains("stroke-dasharray"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stroke(self, width: f64, dashed: bool) -> Plot {
        self.last(|l| {
            l.width = width.max(0.5);
            l.dashed = dashed;
        })
    }

    /// Moves the last mark's marks by `dx`, `dy` pixels (right, down): a
    /// symbol set above a bar rather than on it.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => ["a"])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").nudge(0.0, -16.0).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nudge(self, dx: f64, dy: f64) -> Plot {
        self.last(|l| l.nudge = (dx, dy))
    }

    /// Colours categories by the families of `theme` (see
    /// [`theme::Theme`]); [`Plot::color_map`] still wins over it.
    ///
    /// ```
    /// use negotiations::plot::{theme::{palette, Theme}, Plot};
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "side" => ["them", "us"])?;
    /// let plain = Plot::new(&df).point("x", "x").color("side").svg()?;
    /// let themed = Plot::new(&df).point("x", "x").color("side")
    ///     .theme(Theme::new().family(&[("us", palette::GREEN), ("them", palette::PURPLE)])).svg()?;
    /// assert!(themed.contains("#009e73") && !plain.contains("#009e73"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn theme(mut self, theme: theme::Theme) -> Plot {
        self.theme = theme;
        self
    }

    /// Gives categories their colours: `(category, colour)` pairs, used
    /// wherever a colour column holds them; the rest take the palette.
    ///
    /// ```
    /// use negotiations::plot::{theme::palette, Plot};
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "c" => ["yes", "no"])?;
    /// let svg = Plot::new(&df).point("x", "y").color("c").color_map(&[("yes", palette::GREEN)]).svg()?;
    /// assert!(svg.contains("#009e73"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn color_map(mut self, pairs: &[(&str, RGBColor)]) -> Plot {
        for (k, c) in pairs {
            self.color_map.push((k.to_string(), *c));
        }
        self
    }

    /// Gives categories their shapes: `(category, shape)` pairs (shapes:
    /// `circle`, `circle-open`, `triangle`, `square`, `diamond`, `cross`,
    /// `star`, `arrow`); the rest take shapes in turn.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "k" => ["call", "visit"])?;
    /// let p = negotiations::plot::Plot::new(&df).point("x", "y").shape("k").shape_map(&[("visit", "circle-open")]);
    /// assert!(p.svg()?.contains("fill=\"none\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shape_map(mut self, pairs: &[(&str, &str)]) -> Plot {
        for (k, s) in pairs {
            self.shape_map.push((k.to_string(), s.to_string()));
        }
        self
    }

    /// Leaves the last mark's colours out of the legend.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "c" => ["a", "b"])?;
    /// let p = negotiations::plot::Plot::new(&df).point("x", "y").color("c").no_legend();
    /// assert!(!p.svg()?.contains("aria-label=\"a\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn no_legend(self) -> Plot {
        self.last(|l| l.legend = false)
    }

    /// Small multiples: one panel per value of `column`, on shared scales.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2, 1, 2], "y" => [1, 2, 2, 1], "side" => ["k", "k", "t", "t"])?;
    /// let svg = negotiations::plot::Plot::new(&df).line("x", "y").facet("side").svg()?;
    /// assert!(svg.contains("aria-label=\"k\"") && svg.contains("aria-label=\"t\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn facet(mut self, column: &str) -> Plot {
        self.facet = Some(column.to_string());
        self
    }

    /// The number of panels a row of small multiples holds.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "y" => [1, 2], "f" => ["a", "b"])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").facet("f").facet_columns(1).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn facet_columns(mut self, n: usize) -> Plot {
        self.facet_columns = Some(n.max(1));
        self
    }

    /// The title.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").title("Pace").svg()?.contains("aria-label=\"Pace\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn title(mut self, text: &str) -> Plot {
        self.title = Some(text.to_string());
        self
    }

    /// The subtitle, under the title.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").subtitle("Per month").svg()?.contains("Per month"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn subtitle(mut self, text: &str) -> Plot {
        self.subtitle = Some(text.to_string());
        self
    }

    /// A note under the subtitle (what was left out, what to read with
    /// care); the chart adds its own notes after these.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").note("Dates from the public record.").svg()?.contains("public record"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn note(mut self, text: &str) -> Plot {
        self.notes.push(text.to_string());
        self
    }

    /// The caption at the foot of the chart, in place of the sources
    /// caption made from a `source_id` column.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").caption("Data: UCDP").svg()?.contains("Data: UCDP"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn caption(mut self, text: &str) -> Plot {
        self.caption = Some(text.to_string());
        self
    }

    /// The title of the x axis (by default, the x column's name).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").x_title("days since the start").svg()?.contains("days since the start"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_title(mut self, text: &str) -> Plot {
        self.x.title = Some(text.to_string());
        self
    }

    /// The title of the y axis (by default, the y column's name).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").y_title("meetings").svg()?.contains("aria-label=\"meetings\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_title(mut self, text: &str) -> Plot {
        self.y.title = Some(text.to_string());
        self
    }

    /// The title of the colour legend (by default, the colour column's
    /// name).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1], "c" => ["a"])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").color("c").color_title("style").svg()?.contains("style"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn color_title(mut self, text: &str) -> Plot {
        self.color_title = Some(text.to_string());
        self
    }

    /// A logarithmic x axis (rows at or below zero are left out, and the
    /// note says how many).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("days" => [1.0, 10.0, 1000.0], "y" => [1, 2, 3])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("days", "y").x_log().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_log(mut self) -> Plot {
        self.x.log = true;
        self
    }

    /// A logarithmic y axis.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1, 2], "n" => [3.0, 575.0])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "n").y_log().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_log(mut self) -> Plot {
        self.y.log = true;
        self
    }

    /// Reads the x numbers as lengths in days: ticks at an hour, a day, a
    /// week, a month, a year... labelled in words.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("low" => [0.04, 657.4], "high" => [1.0, 730.5], "p" => ["hours", "years"])?;
    /// let svg = negotiations::plot::Plot::new(&df).interval("p", "low", "high").x_log().x_days().svg()?;
    /// assert!(svg.contains("aria-label=\"1 year\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_days(mut self) -> Plot {
        self.x.days = true;
        self
    }

    /// Reads the y numbers as lengths in days.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("c" => ["a", "b"], "d" => [30.0, 400.0])?;
    /// assert!(negotiations::plot::Plot::new(&df).bar("c", "d").y_days().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_days(mut self) -> Plot {
        self.y.days = true;
        self
    }

    /// The order of the categories along x (others follow, sorted).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("who" => ["trump", "kissinger"], "n" => [17, 9])?;
    /// assert!(negotiations::plot::Plot::new(&df).bar("who", "n").x_order(&["kissinger", "trump"]).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_order(mut self, order: &[&str]) -> Plot {
        self.x.order = Some(order.iter().map(|s| s.to_string()).collect());
        self
    }

    /// The order of the categories along y, top first.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("who" => ["trump", "kissinger"], "n" => [17, 9])?;
    /// assert!(negotiations::plot::Plot::new(&df).bar("n", "who").y_order(&["kissinger", "trump"]).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_order(mut self, order: &[&str]) -> Plot {
        self.y.order = Some(order.iter().map(|s| s.to_string()).collect());
        self
    }

    /// The x axis runs from `lo` to `hi` (numbers, or days since 1970 for
    /// dates).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1.0, 2.0], "y" => [1, 2])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").x_domain(0.0, 10.0).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn x_domain(mut self, lo: f64, hi: f64) -> Plot {
        self.x.domain = Some((lo, hi));
        self
    }

    /// The y axis runs from `lo` to `hi`.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("t" => [0.0, 5.0], "s" => [1.0, 0.6])?;
    /// assert!(negotiations::plot::Plot::new(&df).line("t", "s").y_domain(0.0, 1.0).svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_domain(mut self, lo: f64, hi: f64) -> Plot {
        self.y.domain = Some((lo, hi));
        self
    }

    /// Hides the y axis's labels (for bands labelled another way).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").y_hidden().svg().is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn y_hidden(mut self) -> Plot {
        self.y.hidden = true;
        self
    }

    /// The size of the figure in pixels (default 1200 × 750).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let png = negotiations::plot::Plot::new(&df).point("x", "y").size(640, 400).png()?;
    /// assert_eq!(&png[16..24], &[0, 0, 2, 128, 0, 0, 1, 144]); // 640 × 400
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn size(mut self, width: u32, height: u32) -> Plot {
        self.size = (width.clamp(200, 8000), height.clamp(150, 8000));
        self
    }

    /// The chart as an SVG document of its exact size, for a file.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let svg = negotiations::plot::Plot::new(&df).point("x", "y").svg()?;
    /// assert!(svg.contains("width=\"1200\" height=\"750\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn svg(&self) -> Result<String> {
        render::svg(self, false)
    }

    /// The chart as an SVG that scales to the width of its container, as a
    /// notebook shows it.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert!(negotiations::plot::Plot::new(&df).point("x", "y").inline_svg()?.contains("width=\"100%\""));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inline_svg(&self) -> Result<String> {
        render::svg(self, true)
    }

    /// The chart as a PNG image (8-bit RGB).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// assert_eq!(&negotiations::plot::Plot::new(&df).point("x", "y").png()?[1..4], b"PNG");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn png(&self) -> Result<Vec<u8>> {
        render::png(self)
    }

    /// Saves the SVG to `path` (through a temporary file).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let dir = tempfile::tempdir()?;
    /// negotiations::plot::Plot::new(&df).point("x", "y").save_svg(dir.path().join("a.svg"))?;
    /// assert!(dir.path().join("a.svg").exists());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_svg(&self, path: impl AsRef<Path>) -> Result<()> {
        base::save(path.as_ref(), self.svg()?.as_bytes())
    }

    /// Saves the PNG to `path` (through a temporary file).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// let dir = tempfile::tempdir()?;
    /// negotiations::plot::Plot::new(&df).point("x", "y").save_png(dir.path().join("a.png"))?;
    /// assert!(dir.path().join("a.png").exists());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_png(&self, path: impl AsRef<Path>) -> Result<()> {
        base::save(path.as_ref(), &self.png()?)
    }

    /// Shows the chart in an evcxr notebook: an SVG that scales to the
    /// output's width, or the error in words. evcxr calls this for the
    /// value of a cell's last expression.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let df = df!("x" => [1], "y" => [1])?;
    /// negotiations::plot::Plot::new(&df).point("x", "y").evcxr_display(); // prints EVCXR_BEGIN_CONTENT image/svg+xml ...
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evcxr_display(&self) {
        base::display_svg(self.inline_svg());
    }
}
