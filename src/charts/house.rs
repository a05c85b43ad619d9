//! The house colours of the report charts: the negotiating styles
//! (Kissinger blue, Trump vermillion, Roosevelt green, the other cases
//! grey), whether an agreement held, and what became of a deadline. They
//! belong to the data, not to the chart layer: the layer takes them as a
//! [`Theme`], and a chart of your own takes them only if you ask.
//!
//! ```
//! use negotiations::charts::house;
//! use negotiations::plot::{theme::palette, Plot};
//! use negotiations::polars::prelude::*;
//!
//! let df = df!("day" => [1.0, 2.0], "approach" => ["trump", "kissinger"])?;
//! let svg = Plot::new(&df).point("day", "day").color("approach").theme(house::theme()).svg()?;
//! assert!(svg.contains("#d55e00")); // Trump in vermillion
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use plotters::style::RGBColor;

use crate::base::codes::{Approach, Code, Fate, Held};
use crate::plot::theme::{Theme, palette};

/// The colour of a negotiating style.
pub fn approach_color(a: Approach) -> RGBColor {
    match a {
        Approach::Kissinger => palette::BLUE,
        Approach::Trump => palette::VERMILLION,
        Approach::Roosevelt => palette::GREEN,
        Approach::Other => palette::GREY,
    }
}

/// The colour of whether an agreement held.
pub fn held_color(h: Held) -> RGBColor {
    match h {
        Held::Held => palette::GREEN,
        Held::Fragile => palette::ORANGE,
        Held::Suspended => palette::YELLOW,
        Held::Superseded => palette::SKY_BLUE,
        Held::Unraveled => palette::VERMILLION,
        Held::Unknown | Held::NotApplicable => palette::GREY,
    }
}

/// The colour of what became of a deadline or pledge.
pub fn fate_color(f: Fate) -> RGBColor {
    match f {
        Fate::Met => palette::GREEN,
        Fate::Missed => palette::VERMILLION,
        Fate::Ignored => palette::ORANGE,
        Fate::Extended => palette::SKY_BLUE,
        Fate::Pending => palette::BLUE,
        Fate::NotApplicable => palette::GREY,
    }
}

/// The house colours as a theme: one family for the styles (with the
/// actors the approaches table also codes: Putin purple, an author's
/// recommendation sky blue, the summary's `others` grey), one for `held`,
/// one for `fate`.
pub fn theme() -> Theme {
    let family = |pairs: Vec<(&'static str, RGBColor)>| pairs;
    let mut styles = family(
        Approach::ALL
            .iter()
            .map(|&a| (a.as_str(), approach_color(a)))
            .collect(),
    );
    styles.extend([
        ("putin", palette::PURPLE),
        ("recommended", palette::SKY_BLUE),
        ("others", palette::GREY),
    ]);
    let held = family(
        Held::ALL
            .iter()
            .map(|&h| (h.as_str(), held_color(h)))
            .collect(),
    );
    let fate = family(
        Fate::ALL
            .iter()
            .map(|&f| (f.as_str(), fate_color(f)))
            .collect(),
    );
    Theme::new().family(&styles).family(&held).family(&fate)
}
