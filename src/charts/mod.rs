//! The seven report charts, each in two steps on the chart layer
//! ([`crate::plot`]): a tidy DataFrame of what the chart shows (its
//! `rows`), which you can look at, filter or replace, and a specification
//! that draws such rows (its `plot`).
//!
//! | chart | shows |
//! |---|---|
//! | [`timeline`] | every process from its first day: its length as the interval its dates allow, meetings as marks, outcomes as symbols |
//! | [`durations`] | every stated span, deadline and pledge as the interval of days it allows, on a log axis |
//! | [`meeting_pace`] | cumulative sessions against days since each process began, with stated totals spread evenly |
//! | [`calendar`] | the shuttle calendar: every mission day by day, its sessions coloured by the party met |
//! | [`outcomes`] | each agreement from signing to its end, or to the as-of date while it holds (marked as censored) |
//! | [`approaches`] | the Kissinger-versus-Trump codings as a dimension × actor grid |
//! | [`deadlines`] | Trump's deadlines and pledges: when set, when due, and what became of them |
//!
//! One line draws any of them for a subset chosen with a polars
//! expression over its rows:
//!
//! ```
//! use negotiations::charts::Chart;
//! use negotiations::polars::prelude::*;
//!
//! let data = negotiations::Dataset::embedded()?;
//! // Only Kissinger's processes.
//! let fig = Chart::Timeline.filtered(&data, col("approach").eq(lit("kissinger")))?;
//! assert!(fig.svg()?.contains("Sinai"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Output is byte-identical on every machine: text is set in the DejaVu
//! Sans font embedded in the crate, and nothing depends on the clock or on
//! hash order. Colours are the Okabe–Ito palette, safe for colour-blind
//! readers; text from the data is escaped.

pub mod approaches;
pub mod calendar;
pub mod deadlines;
pub mod durations;
pub mod house;
pub mod meeting_pace;
pub mod outcomes;
pub mod timeline;

use std::path::Path;

use chrono::NaiveDate;
use polars::prelude::{DataFrame, Expr, IntoLazy};

use crate::error::{Error, Result};
use crate::plot::Plot;
use crate::tables::dataset::Dataset;

/// Report figure width in pixels (SVG user units).
pub const WIDTH: u32 = 1600;
/// Report figure height in pixels.
pub const HEIGHT: u32 = 1000;

/// The seven charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// [`timeline`]
    Timeline,
    /// [`durations`]
    Durations,
    /// [`meeting_pace`]
    MeetingPace,
    /// [`calendar`]: the shuttle calendar.
    Calendar,
    /// [`outcomes`]
    Outcomes,
    /// [`approaches`]
    Approaches,
    /// [`deadlines`]
    Deadlines,
}

impl Chart {
    /// All seven, in report order.
    pub const ALL: [Chart; 7] = [
        Chart::Timeline,
        Chart::Durations,
        Chart::MeetingPace,
        Chart::Calendar,
        Chart::Outcomes,
        Chart::Approaches,
        Chart::Deadlines,
    ];

    /// The chart's file name stem (`meeting_pace`).
    ///
    /// ```
    /// assert_eq!(negotiations::charts::Chart::MeetingPace.name(), "meeting_pace");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Chart::Timeline => "timeline",
            Chart::Durations => "durations",
            Chart::MeetingPace => "meeting_pace",
            Chart::Calendar => "shuttle_calendar",
            Chart::Outcomes => "outcomes",
            Chart::Approaches => "approaches",
            Chart::Deadlines => "deadlines",
        }
    }

    /// The tidy rows the chart draws, for `data` counted to `as_of`.
    ///
    /// ```
    /// use negotiations::charts::Chart;
    /// let data = negotiations::Dataset::embedded()?;
    /// let as_of = negotiations::metrics::as_of(&data)?;
    /// let rows = Chart::Outcomes.rows(&data, as_of)?;
    /// assert!(rows.column("censored").is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rows(self, data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
        match self {
            Chart::Timeline => timeline::rows(data, as_of),
            Chart::Durations => durations::rows(data),
            Chart::MeetingPace => meeting_pace::rows(data),
            Chart::Calendar => calendar::rows(data),
            Chart::Outcomes => outcomes::rows(data, as_of),
            Chart::Approaches => approaches::rows(data),
            Chart::Deadlines => deadlines::rows(data),
        }
    }

    /// The chart of `rows` (as [`Chart::rows`] makes them, filtered or
    /// changed as you like).
    ///
    /// ```
    /// use negotiations::charts::Chart;
    /// use negotiations::polars::prelude::*;
    /// let data = negotiations::Dataset::embedded()?;
    /// let as_of = negotiations::metrics::as_of(&data)?;
    /// let rows = Chart::Durations.rows(&data, as_of)?.lazy().filter(col("kind").eq(lit("deadline"))).collect()?;
    /// assert!(Chart::Durations.plot(&rows, as_of)?.svg()?.contains("two weeks"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plot(self, rows: &DataFrame, as_of: NaiveDate) -> Result<Plot> {
        let p = match self {
            Chart::Timeline => timeline::plot(rows)?,
            Chart::Durations => durations::plot(rows)?,
            Chart::MeetingPace => meeting_pace::plot(rows)?,
            Chart::Calendar => calendar::plot(rows)?,
            Chart::Outcomes => outcomes::plot(rows, as_of)?,
            Chart::Approaches => approaches::plot(rows)?,
            Chart::Deadlines => deadlines::plot(rows, as_of)?,
        };
        Ok(p.theme(house::theme()).size(WIDTH, HEIGHT))
    }

    /// The chart of the rows of `data` that `predicate` keeps: one line for
    /// a subset (only the 2025 processes, only Kissinger's).
    ///
    /// ```
    /// use negotiations::charts::Chart;
    /// use negotiations::polars::prelude::*;
    /// let data = negotiations::Dataset::embedded()?;
    /// let fig = Chart::Outcomes.filtered(&data, col("approach").eq(lit("trump")))?;
    /// assert!(fig.png()?.len() > 1000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn filtered(self, data: &Dataset, predicate: Expr) -> Result<Plot> {
        let as_of = crate::analysis::metrics::as_of(data)?;
        let rows = self.rows(data, as_of)?.lazy().filter(predicate).collect()?;
        self.plot(&rows, as_of)
    }

    /// The chart of all of `data`, counted to `as_of`.
    ///
    /// ```
    /// use negotiations::charts::Chart;
    /// let data = negotiations::Dataset::embedded()?;
    /// let as_of = negotiations::metrics::as_of(&data)?;
    /// assert!(Chart::Approaches.of(&data, as_of)?.svg()?.contains("marathon"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(self, data: &Dataset, as_of: NaiveDate) -> Result<Plot> {
        self.plot(&self.rows(data, as_of)?, as_of)
    }
}

impl std::str::FromStr for Chart {
    type Err = Error;
    fn from_str(s: &str) -> Result<Chart> {
        Chart::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| Error::unknown("chart", s, Chart::ALL.iter().map(|c| c.name())))
    }
}

/// A report chart of a dataset, ready to show in a notebook or save.
///
/// ```
/// use negotiations::charts::{Chart, Figure};
/// let data = negotiations::Dataset::embedded()?;
/// let fig = Figure::new(Chart::Timeline, &data)?;
/// let svg = fig.svg()?;
/// assert!(svg.starts_with("<svg"));
/// let png = fig.png()?;
/// assert_eq!(&png[1..4], b"PNG");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Figure {
    chart: Chart,
    plot: Plot,
}

impl Figure {
    /// The chart of `data`, open processes and holding agreements counted
    /// to the latest date in the data ([`crate::analysis::metrics::as_of`]).
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let data = negotiations::Dataset::embedded()?;
    /// let fig = Figure::new(Chart::Outcomes, &data)?;
    /// assert!(fig.svg()?.contains("as of 2025-12-04"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(chart: Chart, data: &Dataset) -> Result<Figure> {
        Figure::as_of(chart, data, crate::analysis::metrics::as_of(data)?)
    }

    /// The chart of `data` counted to another as-of date.
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let data = negotiations::Dataset::embedded()?;
    /// let later = negotiations::chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    /// assert!(Figure::as_of(Chart::Outcomes, &data, later)?.svg()?.contains("2026-06-01"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn as_of(chart: Chart, data: &Dataset, as_of: NaiveDate) -> Result<Figure> {
        Ok(Figure {
            chart,
            plot: chart.of(data, as_of)?,
        })
    }

    /// Which chart this is.
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let fig = Figure::new(Chart::Deadlines, &negotiations::Dataset::embedded()?)?;
    /// assert_eq!(fig.chart(), Chart::Deadlines);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn chart(&self) -> Chart {
        self.chart
    }

    /// The chart's specification on the chart layer, to change before
    /// drawing (a title, a size, another mark).
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let data = negotiations::Dataset::embedded()?;
    /// let p = Figure::new(Chart::Durations, &data)?.plot().title("Stated spans");
    /// assert!(p.svg()?.contains("Stated spans"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plot(&self) -> Plot {
        self.plot.clone()
    }

    /// The figure as an SVG document, 1600 × 1000 (taller by any line of
    /// its title, subtitle, notes or caption past the first: text is never
    /// cut).
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let svg = Figure::new(Chart::Approaches, &negotiations::Dataset::embedded()?)?.svg()?;
    /// assert!(svg.starts_with("<svg") && svg.contains(r#"width="1600" height="1000""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn svg(&self) -> Result<String> {
        self.plot.svg()
    }

    /// The figure in several formats, laid out once ([`Plot::files`]): the
    /// same bytes as [`Figure::svg`], [`Figure::png`] and [`Figure::pdf`].
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// use negotiations::plot::FileFormat;
    /// let fig = Figure::new(Chart::Outcomes, &negotiations::Dataset::embedded()?)?;
    /// let files = fig.files(&FileFormat::ALL)?;
    /// assert_eq!(files[2], fig.pdf()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn files(&self, formats: &[crate::plot::FileFormat]) -> Result<Vec<Vec<u8>>> {
        self.plot.files(formats)
    }

    /// The figure as a PNG image (8-bit RGB, 1600 × 1000, taller as the SVG).
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let png = Figure::new(Chart::Approaches, &negotiations::Dataset::embedded()?)?.png()?;
    /// assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    /// // Width and height, big-endian, in the IHDR chunk.
    /// assert_eq!((&png[16..20], &png[20..24]), (&1600u32.to_be_bytes()[..], &1000u32.to_be_bytes()[..]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn png(&self) -> Result<Vec<u8>> {
        self.plot.png()
    }

    /// Saves the SVG to `path` (through a temporary file).
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let dir = tempfile::tempdir()?;
    /// let fig = Figure::new(Chart::Durations, &negotiations::Dataset::embedded()?)?;
    /// fig.save_svg(dir.path().join("durations.svg"))?;
    /// assert_eq!(std::fs::read_to_string(dir.path().join("durations.svg"))?, fig.svg()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_svg(&self, path: impl AsRef<Path>) -> Result<()> {
        self.plot.save_svg(path)
    }

    /// Saves the PNG to `path` (through a temporary file).
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let dir = tempfile::tempdir()?;
    /// let fig = Figure::new(Chart::MeetingPace, &negotiations::Dataset::embedded()?)?;
    /// fig.save_png(dir.path().join("pace.png"))?;
    /// assert_eq!(std::fs::read(dir.path().join("pace.png"))?, fig.png()?);
    /// // Missing directories are made; a directory that cannot be made
    /// // (here a file is in the way) is an error naming it, not a panic.
    /// fig.save_png(dir.path().join("report/figures/pace.png"))?;
    /// let err = fig.save_png(dir.path().join("pace.png/inside.png")).unwrap_err();
    /// assert!(err.to_string().contains("pace.png: File exists"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_png(&self, path: impl AsRef<Path>) -> Result<()> {
        self.plot.save_png(path)
    }

    /// The figure as a one-page vector PDF (see [`Plot::pdf`]).
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let pdf = Figure::new(Chart::Durations, &negotiations::Dataset::embedded()?)?.pdf()?;
    /// assert!(pdf.starts_with(b"%PDF-"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pdf(&self) -> Result<Vec<u8>> {
        self.plot.pdf()
    }

    /// Saves the PDF to `path` (through a temporary file).
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let dir = tempfile::tempdir()?;
    /// let fig = Figure::new(Chart::Outcomes, &negotiations::Dataset::embedded()?)?;
    /// fig.save_pdf(dir.path().join("outcomes.pdf"))?;
    /// assert_eq!(std::fs::read(dir.path().join("outcomes.pdf"))?, fig.pdf()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save_pdf(&self, path: impl AsRef<Path>) -> Result<()> {
        self.plot.save_pdf(path)
    }

    /// Shows the figure inline in an evcxr notebook, scaled to the
    /// output's width. evcxr calls this for the value of a cell's last
    /// expression: it prints the SVG between evcxr's markers, and beside
    /// it the figure's interactive twin, as [`Plot::evcxr_display`] does.
    ///
    /// ```
    /// use negotiations::charts::{Chart, Figure};
    /// let fig = Figure::new(Chart::Timeline, &negotiations::Dataset::embedded()?)?;
    /// fig.evcxr_display(); // EVCXR_BEGIN_CONTENT image/svg+xml ... EVCXR_END_CONTENT, then the Vega-Lite twin
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evcxr_display(&self) {
        self.plot.evcxr_display()
    }
}

/// Rows of `df` where the text column `column` equals `value`, or no rows
/// if there is no such column.
/// The rows of `df` where `column` is not null (eager, as [`only`]).
pub(crate) fn present(df: &DataFrame, column: &str) -> Result<DataFrame> {
    let mask = df.column(column)?.is_not_null();
    Ok(df.filter(&mask)?)
}

/// The rows where the boolean `column` is false (eager, as [`only`]; a
/// null is left out, as a lazy filter leaves it out).
pub(crate) fn not_true(df: &DataFrame, column: &str) -> Result<DataFrame> {
    let mask = !df.column(column)?.bool()?;
    Ok(df.filter(&mask)?)
}

/// `df` with a column `mark` of `text` in every row (a legend entry of
/// its own for a layer).
pub(crate) fn marked(df: &DataFrame, text: &str) -> Result<DataFrame> {
    let mut out = df.clone();
    let mark = polars::prelude::Column::new("mark".into(), vec![text; df.height()]);
    out.with_column(mark)?;
    Ok(out)
}

pub(crate) fn only(df: &DataFrame, column: &str, value: &str) -> Result<DataFrame> {
    use polars::prelude::ChunkCompareEq;
    let Ok(c) = df.column(column) else {
        return Ok(df.clear());
    };
    // An eager filter rather than a lazy query: the same rows (nulls are
    // left out either way), without planning and optimizing a query,
    // which with polars unoptimized (Cargo.toml) cost more than the
    // filter.
    let mask = c
        .cast(&polars::prelude::DataType::String)?
        .str()?
        .equal(value);
    Ok(df.filter(&mask)?)
}

/// The distinct text values of `column` in row order (the order a chart's
/// rows give its bands).
pub(crate) fn distinct(df: &DataFrame, column: &str) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let Ok(c) = df.column(column) else {
        return Ok(out);
    };
    let s = c.cast(&polars::prelude::DataType::String)?;
    let mut seen = std::collections::HashSet::new();
    for v in s.str()?.iter().flatten() {
        if seen.insert(v) {
            out.push(v.to_string());
        }
    }
    Ok(out)
}
