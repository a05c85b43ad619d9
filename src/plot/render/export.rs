//! What a fitted scene decided, for another renderer (the Vega-Lite twin,
//! `plot::vega`): the rows each layer draws, the bands, colours, shapes,
//! panels, titles, notes and caption, exactly as the SVG uses them, so the
//! two pictures show the same rows in the same order and colours.

#[allow(unused_imports)]
use super::*;

/// One layer as the SVG draws it: its columns read, and the rows kept
/// (those with every needed value, on the log scale, in the bands shown).
#[derive(Debug, Clone)]
pub(crate) struct FitLayer {
    pub x: Option<Channel>,
    pub y: Option<Channel>,
    pub end: Option<Channel>,
    pub color: Option<Channel>,
    pub shape: Option<Channel>,
    pub size: Option<Channel>,
    pub label: Option<Channel>,
    pub group: Option<Channel>,
    pub tooltips: Vec<Channel>,
    pub facet: Option<Channel>,
    pub rows: Vec<usize>,
    /// Bars lie along x.
    pub horizontal: bool,
}

/// The colour scale the SVG uses.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FitColors {
    None,
    /// Each category's colour, in legend order.
    Levels(Vec<(String, RGBColor)>),
    /// Numbers: a ramp from `tint(BLUE, 0.85)` at the first to `BLUE` at
    /// the second.
    Ramp(f64, f64),
}

/// What the SVG's scene fitted.
#[derive(Debug, Clone)]
pub(crate) struct Fit {
    pub layers: Vec<FitLayer>,
    /// The categories of a band axis, in the order drawn (top first on y).
    pub x_bands: Option<Vec<String>>,
    pub y_bands: Option<Vec<String>>,
    /// Whether a continuous axis runs from zero (bars, histograms).
    pub x_zero: bool,
    pub y_zero: bool,
    /// The range of a log axis, as drawn: its lower end is where an
    /// interval from zero starts.
    pub x_log: Option<(f64, f64)>,
    pub y_log: Option<(f64, f64)>,
    pub x_title: String,
    pub y_title: String,
    pub colors: FitColors,
    /// The colour legend's title; `None` when the SVG shows no colour
    /// legend.
    pub color_legend: Option<String>,
    /// Each shape category's shape name.
    pub shapes: Vec<(String, String)>,
    /// Whether the SVG shows a legend of shapes.
    pub shape_legend: bool,
    /// The panels of small multiples, in order.
    pub panels: Vec<String>,
    /// The notes under the subtitle (the plot's and the chart's own),
    /// less those about how the SVG draws dense marks (the twin draws
    /// every row, with its tooltip and label).
    pub notes: Vec<String>,
    pub caption: String,
}

/// Fits `p` as [`svg`] does and returns what it decided.
pub(crate) fn fitted(p: &Plot) -> Result<Fit> {
    let scene = Scene::new(p)?;
    let bands = |s: &Scale| match s {
        Scale::Band { levels } => Some(levels.clone()),
        _ => None,
    };
    let (x_zero, y_zero) =
        scene
            .layers
            .iter()
            .fold((false, false), |(x, y), r| match r.layer.mark {
                Mark::Bar if r.horizontal => (true, y),
                Mark::Bar | Mark::Histogram => (x, true),
                _ => (x, y),
            });
    let legend = scene.legend_entries();
    let color_legend = legend
        .iter()
        .any(|e| matches!(e, Entry::Color(..) | Entry::Ramp(..)))
        .then(|| scene.color_title.clone().unwrap_or_default());
    let shape_legend = legend.iter().any(|e| matches!(e, Entry::Shape(..)));
    let mut seen = HashSet::new();
    let notes = scene
        .notes
        .iter()
        .filter(|n| seen.insert(n.as_str()) && !about_drawing(n))
        .cloned()
        .collect();
    Ok(Fit {
        x_bands: bands(&scene.x),
        y_bands: bands(&scene.y),
        x_zero: p.x.zero.unwrap_or(x_zero) && !p.x.log,
        y_zero: p.y.zero.unwrap_or(y_zero) && !p.y.log,
        x_log: log_range(&scene.x),
        y_log: log_range(&scene.y),
        x_title: scene.x_title(),
        y_title: scene.y_title(),
        colors: match &scene.colors {
            Colors::None => FitColors::None,
            Colors::Levels(l) => FitColors::Levels(l.clone()),
            Colors::Ramp(a, b) => FitColors::Ramp(*a, *b),
        },
        color_legend,
        shapes: scene.shapes.clone(),
        shape_legend,
        panels: scene.panels.iter().flatten().cloned().collect(),
        notes,
        caption: scene.caption.clone(),
        layers: scene
            .layers
            .iter()
            .map(|r| FitLayer {
                x: r.x.clone(),
                y: r.y.clone(),
                end: r.end.clone(),
                color: r.color.clone(),
                shape: r.shape.clone(),
                size: r.size.clone(),
                label: r.label.clone(),
                group: r.group.clone(),
                tooltips: r.tooltips.clone(),
                facet: r.facet.clone(),
                rows: r.rows.clone(),
                horizontal: r.horizontal,
            })
            .collect(),
    })
}

fn log_range(s: &Scale) -> Option<(f64, f64)> {
    match s {
        Scale::Log { lo, hi, .. } => Some((*lo, *hi)),
        _ => None,
    }
}

/// Whether a note of the scene is about how the SVG thins dense marks,
/// labels or hover text, none of which the twin does.
fn about_drawing(note: &str) -> bool {
    [
        "Marks carry no hover text past",
        "a line keeps, in each pixel column",
        "the band spans, in each pixel column",
        "only the last is drawn",
        "Text of the first",
        "Labels on at most",
    ]
    .iter()
    .any(|p| note.contains(p))
}
