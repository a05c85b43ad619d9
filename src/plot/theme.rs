//! The house style: the Okabe–Ito palette, colour families ([`Theme`]),
//! the embedded font, and the title/subtitle/caption layout. The chart layer uses it, and so
//! can a chart drawn by hand with [`crate::plotters`]: [`register_fonts`],
//! [`text_style`] and [`frame`] give it the same look.
//!
//! ```
//! use negotiations::plot::theme;
//! use negotiations::plotters::prelude::*;
//!
//! // A hand-drawn chart in the house style, on any plotters backend.
//! let mut svg = String::new();
//! {
//!     let root = SVGBackend::with_string(&mut svg, (800, 500)).into_drawing_area();
//!     let inner = theme::frame(&root, "Hand-drawn", "A subtitle", "Sources: none")?;
//!     let mut chart = ChartBuilder::on(&inner)
//!         .x_label_area_size(30)
//!         .y_label_area_size(40)
//!         .build_cartesian_2d(0f64..10.0, 0f64..10.0)
//!         .map_err(|e| negotiations::Error::Drawing(e.to_string()))?;
//!     chart
//!         .configure_mesh()
//!         .label_style(theme::text_style(14.0))
//!         .draw()
//!         .map_err(|e| negotiations::Error::Drawing(e.to_string()))?;
//!     chart
//!         .draw_series(LineSeries::new([(0.0, 1.0), (10.0, 9.0)], theme::palette::BLUE.stroke_width(3)))
//!         .map_err(|e| negotiations::Error::Drawing(e.to_string()))?;
//! }
//! assert!(svg.contains("Hand-drawn"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, RGBColor, register_font};

use crate::error::{Error, Result};

/// The font family every chart uses, embedded in the crate (DejaVu Sans,
/// licence in `assets/fonts/`): no system font or fontconfig is read, so
/// text is laid out the same on every machine.
pub const FONT: &str = "DejaVu Sans";

pub(crate) static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static FONT_BOLD_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Registers the embedded font with plotters (once; later calls do
/// nothing), so `(FONT, size).into_font()` draws with it on any backend.
///
/// ```
/// use negotiations::plot::theme;
/// use negotiations::plotters::prelude::*;
///
/// theme::register_fonts()?;
/// let style = (theme::FONT, 20.0).into_font();
/// let (w, _) = style.box_size("Kissinger")?;
/// assert!(w > 50 && w < 150, "{w}"); // measured with the embedded DejaVu Sans
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn register_fonts() -> Result<()> {
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

/// The Okabe–Ito palette, safe for colour-blind readers, with two greys.
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
    /// Dark grey for subtitles.
    pub const DARK: RGBColor = RGBColor(80, 80, 80);

    /// The order categorical colours are given out in.
    pub const CATEGORICAL: [RGBColor; 8] = [
        BLUE, VERMILLION, GREEN, ORANGE, SKY_BLUE, PURPLE, YELLOW, GREY,
    ];
}

/// Colour families: sets of values with a colour each. When every colour
/// level of a chart belongs to one family, the levels take the family's
/// colours; otherwise they take [`palette::CATEGORICAL`] in order (and
/// [`crate::plot::Plot::color_map`] overrides both). The layer itself knows
/// no values: a theme is how the code that calls it (the report charts'
/// house colours, `negotiations::charts::house`) names its own.
///
/// ```
/// use negotiations::plot::theme::{Theme, palette};
/// use negotiations::plot::Plot;
/// use negotiations::polars::prelude::*;
///
/// let t = Theme::new().family(&[("met", palette::GREEN), ("missed", palette::VERMILLION)]);
/// let df = df!("x" => [1.0, 2.0], "fate" => ["missed", "met"])?;
/// let svg = Plot::new(&df).point("x", "x").color("fate").theme(t).svg()?;
/// assert!(svg.contains("#d55e00")); // missed in vermillion, not the first categorical colour
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Theme {
    families: Vec<Vec<(String, RGBColor)>>,
}

impl Theme {
    /// A theme with no families: every category takes the categorical
    /// palette in order.
    pub fn new() -> Theme {
        Theme::default()
    }

    /// The theme with one more family of `(value, colour)` pairs; the first
    /// family that holds every level wins.
    pub fn family(mut self, pairs: &[(&str, RGBColor)]) -> Theme {
        self.families
            .push(pairs.iter().map(|(v, c)| (v.to_string(), *c)).collect());
        self
    }

    /// The colours of `levels` from the first family that holds them all.
    pub(crate) fn colors_for(&self, levels: &[String]) -> Option<Vec<RGBColor>> {
        self.families.iter().find_map(|f| {
            levels
                .iter()
                .map(|l| f.iter().find(|(v, _)| v == l).map(|(_, c)| *c))
                .collect()
        })
    }
}

/// A colour mixed with white: `amount` 0 is the colour, 1 is white.
///
/// ```
/// use negotiations::plot::theme::{palette, tint};
/// assert_eq!(tint(palette::BLACK, 0.5), negotiations::plotters::style::RGBColor(128, 128, 128));
/// ```
pub fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |x: u8| (x as f64 + (255.0 - x as f64) * amount).round() as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

/// Sizes of the house layout, in pixels of a 1600 × 1000 figure (scaled
/// for other sizes).
pub mod sizes {
    /// Title text.
    pub const TITLE: f64 = 30.0;
    /// Subtitle text.
    pub const SUBTITLE: f64 = 19.0;
    /// Axis tick labels and band labels.
    pub const LABEL: f64 = 16.0;
    /// Axis titles.
    pub const AXIS_TITLE: f64 = 17.0;
    /// Legend entries.
    pub const LEGEND: f64 = 17.0;
    /// The sources caption and notes.
    pub const CAPTION: f64 = 15.0;
    /// The left and right margin.
    pub const MARGIN: f64 = 40.0;
}

/// A plotters text style in the embedded font, black.
///
/// ```
/// use negotiations::plot::theme;
///
/// let style = theme::text_style(14.0);
/// assert_eq!(style.font.get_name(), theme::FONT);
/// assert_eq!(style.font.get_size(), 14.0);
/// ```
pub fn text_style(size: f64) -> TextStyle<'static> {
    (FONT, size).into_font().color(&palette::BLACK)
}

/// A bold plotters text style in the embedded font, black.
///
/// ```
/// use negotiations::plot::theme;
/// use negotiations::plotters::style::FontStyle;
///
/// let style = theme::bold_style(theme::sizes::TITLE);
/// assert!(matches!(style.font.get_style(), FontStyle::Bold));
/// ```
pub fn bold_style(size: f64) -> TextStyle<'static> {
    (FONT, size, FontStyle::Bold)
        .into_font()
        .color(&palette::BLACK)
}

/// Fills `area` white, draws the title, subtitle and caption in the house
/// layout and returns the area between them for the chart: how every
/// figure of the crate is framed, for hand-drawn charts on any plotters
/// backend (the module's example draws a whole chart in it).
///
/// ```
/// use negotiations::plot::theme;
/// use negotiations::plotters::prelude::*;
///
/// let mut buffer = vec![0u8; 600 * 400 * 3];
/// {
///     let root = BitMapBackend::with_buffer(&mut buffer, (600, 400)).into_drawing_area();
///     let inner = theme::frame(&root, "Title", "Subtitle", "Sources: ...")?;
///     // The chart area leaves room for the title above and the caption below.
///     // (100 px above, 50 below, 30 left, 40 right.)
///     assert_eq!(inner.dim_in_pixel(), (600 - 30 - 40, 400 - 100 - 50));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    caption: &str,
) -> Result<DrawingArea<DB, Shift>> {
    register_fonts()?;
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| Error::Drawing(e.to_string());
    area.fill(&WHITE).map_err(err)?;
    let (_, h) = area.dim_in_pixel();
    area.draw_text(title, &bold_style(sizes::TITLE), (40, 24))
        .map_err(err)?;
    area.draw_text(
        subtitle,
        &text_style(sizes::SUBTITLE).color(&palette::DARK),
        (40, 64),
    )
    .map_err(err)?;
    area.draw_text(
        caption,
        &text_style(sizes::CAPTION).color(&palette::GREY),
        (40, h as i32 - 30),
    )
    .map_err(err)?;
    Ok(area.margin(100, 50, 30, 40))
}
