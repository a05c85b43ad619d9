//! Report charts, drawn with plotters on any `DrawingArea`.
//!
//! | chart | shows |
//! |---|---|
//! | [`timeline`] | every process on a relative axis (days since it began): meetings as marks, outcomes as symbols |
//! | [`durations`] | every stated duration, deadline and pledge as an interval on a log day axis |
//! | [`meeting_pace`] | cumulative meetings against days since the start, with the Korean armistice as reference |
//! | [`outcomes`] | each agreement from signing to unraveling or the as-of date, coloured by whether it held |
//! | [`approaches`] | the Kissinger-versus-Trump coding as a dimension × actor matrix |
//! | [`deadlines`] | Trump's deadlines and pledges: when set, when due, and their fate |
//!
//! Each module has a `draw(area, data, as_of)` function that draws on any
//! plotters backend, so one function serves SVG files, PNG files and the
//! notebook. [`Figure`] wraps a chart for display and saving: it shows
//! inline in evcxr (as SVG) and saves to SVG or PNG.
//!
//! Output is byte-identical on every machine: text is drawn with the
//! DejaVu Sans font embedded in the crate (through plotters' `ab_glyph`; no
//! system font, no fontconfig), and nothing depends on the clock or on
//! hash order. Colours are the Okabe–Ito palette, safe for colour-blind
//! readers. Text from the data is escaped by the SVG backend.

pub mod approaches;
pub mod deadlines;
pub mod durations;
pub mod meeting_pace;
pub mod outcomes;
pub mod timeline;

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{register_font, FontStyle, RGBColor};

use crate::{Dataset, Error, Result};

/// Figure width in pixels (SVG user units).
pub const WIDTH: u32 = 1600;
/// Figure height in pixels.
pub const HEIGHT: u32 = 1000;

/// The font family every chart uses; registered from the embedded files.
pub const FONT: &str = "DejaVu Sans";

static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Registers the embedded font with plotters once.
pub(crate) fn ensure_font() -> Result<()> {
    static DONE: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        register_font(FONT, FontStyle::Normal, FONT_BYTES)
            .map_err(|_| "the embedded font is invalid".to_string())?;
        register_font(FONT, FontStyle::Bold, FONT_BOLD_BYTES)
            .map_err(|_| "the embedded bold font is invalid".to_string())
    })
    .clone()
    .map_err(Error::Drawing)
}

/// The Okabe–Ito palette.
pub mod palette {
    use plotters::style::RGBColor;
    /// Black.
    pub const BLACK: RGBColor = RGBColor(0, 0, 0);
    /// Orange.
    pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
    /// Sky blue.
    pub const SKY_BLUE: RGBColor = RGBColor(86, 180, 233);
    /// Bluish green.
    pub const GREEN: RGBColor = RGBColor(0, 158, 115);
    /// Yellow.
    pub const YELLOW: RGBColor = RGBColor(240, 228, 66);
    /// Blue.
    pub const BLUE: RGBColor = RGBColor(0, 114, 178);
    /// Vermillion.
    pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
    /// Reddish purple.
    pub const PURPLE: RGBColor = RGBColor(204, 121, 167);
    /// A neutral grey for gridlines and secondary text.
    pub const GREY: RGBColor = RGBColor(120, 120, 120);
    /// A light grey for backgrounds of empty cells.
    pub const LIGHT: RGBColor = RGBColor(235, 235, 235);
}

/// The colour of a negotiating style: Kissinger blue, Trump vermillion,
/// Roosevelt green, the other cases grey.
pub fn approach_color(approach: &str) -> RGBColor {
    match approach {
        "kissinger" => palette::BLUE,
        "trump" => palette::VERMILLION,
        "roosevelt" => palette::GREEN,
        "putin" => palette::PURPLE,
        "recommended" => palette::SKY_BLUE,
        _ => palette::GREY,
    }
}

/// The colour of whether an outcome held.
pub fn held_color(held: &str) -> RGBColor {
    match held {
        "held" => palette::GREEN,
        "fragile" => palette::ORANGE,
        "unraveled" => palette::VERMILLION,
        _ => palette::GREY,
    }
}

/// A text style in the embedded font.
pub(crate) fn font(size: f64) -> TextStyle<'static> {
    (FONT, size).into_font().color(&palette::BLACK)
}

pub(crate) fn bold(size: f64) -> TextStyle<'static> {
    (FONT, size, FontStyle::Bold)
        .into_font()
        .color(&palette::BLACK)
}

/// Turns a plotters error into ours.
pub(crate) fn plot_err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> Error {
    Error::Drawing(e.to_string())
}

/// Shortens `text` with an ellipsis so it fits in `max_px` at `style`.
pub(crate) fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_px: u32,
) -> String {
    let width = |s: &str| {
        area.estimate_text_size(s, style)
            .map(|(w, _)| w)
            .unwrap_or(u32::MAX)
    };
    if width(text) <= max_px {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if width(&candidate) <= max_px {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…"
}

/// Draws the title, subtitle and source caption; returns the plotting area
/// between them.
pub(crate) fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    sources: &[&str],
) -> Result<DrawingArea<DB, Shift>> {
    ensure_font()?;
    area.fill(&WHITE).map_err(plot_err)?;
    let (w, h) = area.dim_in_pixel();
    area.draw_text(title, &bold(30.0), (40, 24))
        .map_err(plot_err)?;
    let sub = fit(area, subtitle, &font(19.0).color(&palette::GREY), w - 80);
    area.draw_text(&sub, &font(19.0).color(&RGBColor(80, 80, 80)), (40, 64))
        .map_err(plot_err)?;
    let caption = format!("Sources: {} — article texts in data/sources/; dates marked inferred or external in the tables.", sources.join(", "));
    let caption = fit(area, &caption, &font(15.0), w - 80);
    area.draw_text(
        &caption,
        &font(15.0).color(&palette::GREY),
        (40, h as i32 - 30),
    )
    .map_err(plot_err)?;
    Ok(area.margin(100, 50, 30, 40))
}

/// The source ids cited by the rows of `table` that pass `keep`, sorted.
pub(crate) fn sources_of(
    data: &Dataset,
    table: &str,
    keep: impl Fn(usize) -> bool,
) -> Result<Vec<String>> {
    let t = data.table(table)?;
    let ids: std::collections::BTreeSet<&str> = (0..t.height())
        .filter(|&r| keep(r))
        .filter_map(|r| t.text("source_id", r))
        .collect();
    Ok(ids.into_iter().map(str::to_string).collect())
}

/// The most rows (processes, spans, agreements, deadlines, dimensions) a
/// chart draws. A chart is read, not scanned: past this a chart shows a
/// selection and its subtitle says which, so 20,000 processes make a
/// legible picture (and a fast one) rather than a smear of bars.
pub const MAX_ROWS: usize = 40;

/// Keeps at most [`MAX_ROWS`] of `rows`: those ranked first by `rank`
/// (ties by position), in their original order. Returns the note that
/// says so for the subtitle (`None` when nothing was dropped), as
/// "Showing 40 of 20,000 processes (those with the most meetings).".
pub(crate) fn keep_top<K: Ord>(
    rows: &mut Vec<usize>,
    what: &str,
    which: &str,
    rank: impl Fn(usize) -> K,
) -> Option<String> {
    let total = rows.len();
    if total <= MAX_ROWS {
        return None;
    }
    let mut ranked: Vec<(K, usize)> = rows
        .iter()
        .enumerate()
        .map(|(i, &r)| (rank(r), i))
        .collect();
    ranked.sort_unstable();
    let mut keep: Vec<usize> = ranked[..MAX_ROWS].iter().map(|&(_, i)| i).collect();
    keep.sort_unstable();
    *rows = keep.into_iter().map(|i| rows[i]).collect();
    Some(format!(
        "Showing {MAX_ROWS} of {} {what} ({which}).",
        thousands(total)
    ))
}

/// `20000` as `20,000`.
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

/// The subtitle, after the note on what was left out, if anything was.
pub(crate) fn noted(note: &Option<String>, subtitle: &str) -> String {
    match note {
        Some(n) => format!("{n} {subtitle}"),
        None => subtitle.to_string(),
    }
}

/// The rows of group `key` (none when `key` is `None` or has no rows).
pub(crate) fn group_of<'g>(
    groups: &'g foldhash::HashMap<&str, Vec<usize>>,
    key: Option<&str>,
) -> &'g [usize] {
    key.and_then(|k| groups.get(k)).map_or(&[], Vec::as_slice)
}

/// Drops points of a line that fall on the same pixel column as their
/// neighbours, keeping the first and the last of each run: a line through
/// 50,000 meetings draws the same as one through the few hundred points
/// that can be told apart at `width_px` pixels across `[0, xmax]`.
pub(crate) fn thin(points: Vec<(f64, f64)>, xmax: f64, width_px: u32) -> Vec<(f64, f64)> {
    if points.len() <= 2 * width_px as usize {
        return points;
    }
    let column = |x: f64| (x / xmax * f64::from(width_px)).floor() as i64;
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(4 * width_px as usize);
    for (i, &p) in points.iter().enumerate() {
        let first = i == 0 || column(points[i - 1].0) != column(p.0);
        let last = i + 1 == points.len() || column(points[i + 1].0) != column(p.0);
        if first || last {
            out.push(p);
        }
    }
    out
}

/// The six charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// [`timeline`]
    Timeline,
    /// [`durations`]
    Durations,
    /// [`meeting_pace`]
    MeetingPace,
    /// [`outcomes`]
    Outcomes,
    /// [`approaches`]
    Approaches,
    /// [`deadlines`]
    Deadlines,
}

impl Chart {
    /// All six, in report order.
    pub const ALL: [Chart; 6] = [
        Chart::Timeline,
        Chart::Durations,
        Chart::MeetingPace,
        Chart::Outcomes,
        Chart::Approaches,
        Chart::Deadlines,
    ];

    /// The chart's file name stem (`meeting_pace`).
    pub fn name(self) -> &'static str {
        match self {
            Chart::Timeline => "timeline",
            Chart::Durations => "durations",
            Chart::MeetingPace => "meeting_pace",
            Chart::Outcomes => "outcomes",
            Chart::Approaches => "approaches",
            Chart::Deadlines => "deadlines",
        }
    }

    /// Draws the chart on `area`.
    pub fn draw<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        data: &Dataset,
        as_of: NaiveDate,
    ) -> Result<()> {
        match self {
            Chart::Timeline => timeline::draw(area, data, as_of),
            Chart::Durations => durations::draw(area, data, as_of),
            Chart::MeetingPace => meeting_pace::draw(area, data, as_of),
            Chart::Outcomes => outcomes::draw(area, data, as_of),
            Chart::Approaches => approaches::draw(area, data, as_of),
            Chart::Deadlines => deadlines::draw(area, data, as_of),
        }
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

/// A chart of a dataset, ready to show in a notebook or save.
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
    data: Dataset,
    as_of: NaiveDate,
    size: (u32, u32),
}

impl Figure {
    /// The chart of `data`, open processes and holding agreements counted
    /// to the latest date in the data ([`crate::metrics::as_of`]).
    pub fn new(chart: Chart, data: &Dataset) -> Result<Figure> {
        Ok(Figure {
            chart,
            data: data.clone(),
            as_of: crate::metrics::as_of(data)?,
            size: (WIDTH, HEIGHT),
        })
    }

    /// The same figure counted to another as-of date.
    pub fn as_of(mut self, as_of: NaiveDate) -> Figure {
        self.as_of = as_of;
        self
    }

    /// Which chart this is.
    pub fn chart(&self) -> Chart {
        self.chart
    }

    /// The figure as an SVG document.
    pub fn svg(&self) -> Result<String> {
        let mut buf = String::new();
        {
            let root = SVGBackend::with_string(&mut buf, self.size).into_drawing_area();
            self.chart.draw(&root, &self.data, self.as_of)?;
            root.present().map_err(plot_err)?;
        }
        Ok(buf)
    }

    /// The figure as a PNG image (8-bit RGB).
    pub fn png(&self) -> Result<Vec<u8>> {
        let (w, h) = self.size;
        let mut pixels = vec![255u8; w as usize * h as usize * 3];
        {
            let root = BitMapBackend::with_buffer(&mut pixels, self.size).into_drawing_area();
            self.chart.draw(&root, &self.data, self.as_of)?;
            root.present().map_err(plot_err)?;
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

    /// Saves the SVG to `path` (through a temporary file).
    pub fn save_svg(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::io::write_atomic(path.as_ref(), self.svg()?.as_bytes())
    }

    /// Saves the PNG to `path` (through a temporary file).
    pub fn save_png(&self, path: impl AsRef<Path>) -> Result<()> {
        crate::io::write_atomic(path.as_ref(), &self.png()?)
    }

    /// Shows the figure inline in an evcxr notebook (as SVG). evcxr calls
    /// this for the value of a cell's last expression.
    pub fn evcxr_display(&self) {
        match self.svg() {
            Ok(svg) => println!("EVCXR_BEGIN_CONTENT image/svg+xml\n{svg}\nEVCXR_END_CONTENT"),
            Err(e) => println!("EVCXR_BEGIN_CONTENT text/plain\nerror: {e}\nEVCXR_END_CONTENT"),
        }
    }
}

/// Draws `text` on `area` at an absolute backend pixel (as given by a
/// chart's `backend_coord`), with the style's own anchor.
pub(crate) fn text_at<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    at: (i32, i32),
) -> Result<()> {
    let base = area.get_base_pixel();
    area.draw_text(text, style, (at.0 - base.0, at.1 - base.1))
        .map_err(plot_err)
}

/// Text anchored at its left edge, vertically centred.
pub(crate) fn left<'a>(style: TextStyle<'a>) -> TextStyle<'a> {
    style.pos(Pos::new(HPos::Left, VPos::Center))
}

/// Text anchored at its right edge, vertically centred.
pub(crate) fn right<'a>(style: TextStyle<'a>) -> TextStyle<'a> {
    style.pos(Pos::new(HPos::Right, VPos::Center))
}

/// Text centred both ways.
pub(crate) fn centre<'a>(style: TextStyle<'a>) -> TextStyle<'a> {
    style.pos(Pos::new(HPos::Center, VPos::Center))
}

/// A colour mixed with white: `amount` 0 is the colour, 1 is white.
pub(crate) fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |x: u8| (x as f64 + (255.0 - x as f64) * amount).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// The last day of the period `date` stands for at the precision code
/// `precision` (`day` when it is not one).
pub(crate) fn last_day(date: NaiveDate, precision: &str) -> NaiveDate {
    let p = crate::codes::Precision::parse(precision).unwrap_or(crate::codes::Precision::Day);
    crate::dates::last_day(date, p)
}

/// Days between two dates.
pub(crate) fn days(a: NaiveDate, b: NaiveDate) -> f64 {
    b.signed_duration_since(a).num_days() as f64
}

/// A date as a fractional year (for calendar axes).
pub(crate) fn year_of(d: NaiveDate) -> f64 {
    use chrono::Datelike;
    d.year() as f64 + (d.ordinal0() as f64) / 365.25
}

/// A length in days in words: "3 days", "5 months", "72 years".
pub(crate) fn human_days(d: f64) -> String {
    let plural = |n: f64, unit: &str| {
        let n = n.round() as i64;
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    if d < 1.0 {
        plural(d * 24.0, "hour")
    } else if d < 60.0 {
        plural(d, "day")
    } else if d < 730.0 {
        plural(d / crate::phrase::DAYS_PER_MONTH, "month")
    } else {
        plural(d / crate::phrase::DAYS_PER_YEAR, "year")
    }
}

/// Draws a legend box of `(swatch, label)` entries in a row starting at
/// `at` (area pixels); a swatch is drawn by the closure at its centre.
pub(crate) fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    at: (i32, i32),
    entries: &[(
        &dyn Fn(&DrawingArea<DB, Shift>, (i32, i32)) -> Result<()>,
        String,
    )],
) -> Result<()> {
    let style = left(font(17.0));
    let mut x = at.0;
    for (swatch, label) in entries {
        swatch(area, (x + 8, at.1))?;
        area.draw_text(label, &style, (x + 22, at.1))
            .map_err(plot_err)?;
        let w = area
            .estimate_text_size(label, &style)
            .map(|s| s.0)
            .unwrap_or(100) as i32;
        x += 22 + w + 28;
    }
    Ok(())
}

/// A legend row of colour squares with their labels.
pub(crate) fn square_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(RGBColor, &str)],
) -> Result<()> {
    let swatches: Vec<_> = entries.iter().map(|(c, _)| square::<DB>(*c)).collect();
    let refs: Vec<(
        &dyn Fn(&DrawingArea<DB, Shift>, (i32, i32)) -> Result<()>,
        String,
    )> = swatches
        .iter()
        .zip(entries)
        .map(|(s, (_, l))| {
            (
                s as &dyn Fn(&DrawingArea<DB, Shift>, (i32, i32)) -> Result<()>,
                l.to_string(),
            )
        })
        .collect();
    legend(area, (10, 28), &refs)
}

/// A filled square swatch.
pub(crate) fn square<DB: DrawingBackend>(
    color: RGBColor,
) -> impl Fn(&DrawingArea<DB, Shift>, (i32, i32)) -> Result<()> {
    move |area, (x, y)| {
        area.draw(&Rectangle::new(
            [(x - 7, y - 7), (x + 7, y + 7)],
            color.filled(),
        ))
        .map_err(plot_err)
    }
}

/// A label to place near a point: `(x, y)` is where it wants to start
/// (left edge, vertical centre, area pixels), `w`×`h` its size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub text: String,
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

/// Moves labels down (then, if they would leave `bounds`, up) until no two
/// overlap: a small, deterministic repel so labels never collide.
pub(crate) fn spread(labels: &mut [Label], bounds: (i32, i32)) {
    labels.sort_by_key(|l| (l.y, l.x));
    let overlaps = |a: &Label, b: &Label| {
        a.x < b.x + b.w && b.x < a.x + a.w && (a.y - b.y).abs() < (a.h + b.h) / 2 + 2
    };
    for i in 0..labels.len() {
        for _ in 0..labels.len() {
            let clash = (0..i).find(|&j| overlaps(&labels[i], &labels[j]));
            match clash {
                Some(j) => labels[i].y = labels[j].y + (labels[i].h + labels[j].h) / 2 + 2,
                None => break,
            }
        }
        let max_y = bounds.1 - labels[i].h / 2;
        if labels[i].y > max_y {
            labels[i].y = max_y;
        }
        labels[i].y = labels[i].y.max(bounds.0 + labels[i].h / 2);
    }
}
