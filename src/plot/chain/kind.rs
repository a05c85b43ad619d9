//! What a builder method's parameter takes: the literal a chain may
//! write there and the check made on it. Shared by the method table and
//! the reading of arguments.

/// What a parameter takes, which decides both the literal accepted and
/// the check made on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A column of the frame the next mark reads (`Plot::data`'s).
    Column,
    /// A column of the frame the last mark reads (encodings).
    LayerColumn,
    /// A column of any frame of the chart (a facet).
    AnyColumn,
    /// `"data"`, a column, or `-` and a column (`x_sort`).
    SortKey,
    /// Any text.
    Text,
    /// `&["a", "b"]`.
    Texts,
    Usize,
    U32,
    F64,
    Bool,
    /// `RGBColor(r, g, b)` or a palette colour.
    Color,
    /// `impl Into<At>`: a number, a date or a category.
    At,
    /// `&[("a", RGBColor(1, 2, 3))]`.
    ColorPairs,
    /// `&[("a", "circle")]`.
    ShapePairs,
    /// `&frame`: another frame the cell knows by name.
    Frame,
    /// `Theme::new().family(&[...])`.
    Theme,
}

impl Kind {
    /// The parameter's type as Rust writes it.
    pub(super) fn rust(self) -> &'static str {
        match self {
            Kind::Column | Kind::LayerColumn | Kind::AnyColumn | Kind::SortKey | Kind::Text => {
                "&str"
            }
            Kind::Texts => "&[&str]",
            Kind::Usize => "usize",
            Kind::U32 => "u32",
            Kind::F64 => "f64",
            Kind::Bool => "bool",
            Kind::Color => "RGBColor",
            Kind::At => "impl Into<At>",
            Kind::ColorPairs => "&[(&str, RGBColor)]",
            Kind::ShapePairs => "&[(&str, &str)]",
            Kind::Frame => "&DataFrame",
            Kind::Theme => "Theme",
        }
    }
}
