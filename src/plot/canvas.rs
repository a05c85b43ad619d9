//! Where a chart is drawn: an SVG document or a PNG image, behind one
//! small interface, so the layout code is written (and compiled) once.
//!
//! The SVG is written here rather than by plotters' SVG backend, for three
//! things a reader of the file needs: text set as the embedded font's own
//! glyph outlines (defined once per glyph, then reused), so it looks the
//! same on a machine without DejaVu Sans; a `<title>` on each mark, which
//! browsers and Jupyter show on hover; and an inline form that scales to
//! the width of a notebook's output. Every piece of text from the data is
//! escaped. The PNG is drawn on plotters' bitmap backend (`pixel`), its text
//! rasterized from the same glyph positions as the SVG's.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use ab_glyph::{Font, GlyphId, OutlineCurve};

use super::base::escape_html;
use super::text;

/// A colour with its opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Paint {
    pub rgb: (u8, u8, u8),
    pub alpha: f64,
}

impl Paint {
    pub(crate) fn solid(c: plotters::style::RGBColor) -> Paint {
        Paint {
            rgb: (c.0, c.1, c.2),
            alpha: 1.0,
        }
    }

    pub(crate) fn with_alpha(mut self, alpha: f64) -> Paint {
        self.alpha = alpha;
        self
    }

    fn hex(self) -> Hex {
        Hex(self.rgb)
    }
}

/// How a line of text sits on its anchor point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// Left edge, vertical centre.
    Left,
    /// Right edge, vertical centre.
    Right,
    /// Centred both ways.
    Centre,
    /// Left edge, top.
    TopLeft,
    /// Centred, top.
    Top,
}

/// A text style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Look {
    pub size: f64,
    pub bold: bool,
    pub paint: Paint,
}

/// The drawing operations a chart needs, in pixels from the top left.
pub(crate) trait Canvas {
    fn rect(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    );
    fn polyline(&mut self, points: &[(f64, f64)], stroke: Paint, width: f64, dashed: bool);
    fn polygon(&mut self, points: &[(f64, f64)], fill: Paint);
    fn circle(
        &mut self,
        centre: (f64, f64),
        r: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    );
    /// One line of text; `rotate` turns it a quarter counter-clockwise.
    fn text(&mut self, s: &str, at: (f64, f64), font: Look, anchor: Anchor, rotate: bool);
    /// Starts a mark; its `tooltip` shows on hover where the output can.
    fn begin(&mut self, tooltip: Option<&str>);
    /// Ends the mark begun last.
    fn end(&mut self);
}

/// The top-left corner of a line of text of width `w` anchored at `at`,
/// and its baseline's offset from that corner.
pub(crate) fn place(
    s_width: f64,
    at: (f64, f64),
    size: f64,
    bold: bool,
    anchor: Anchor,
) -> (f64, f64) {
    let (ascent, descent) = text::ascent_descent(size, bold);
    // Centre on the height of capitals rather than on ascent + descent:
    // labels then look centred beside marks.
    let cap = ascent * 0.72;
    let x = match anchor {
        Anchor::Left | Anchor::TopLeft => at.0,
        Anchor::Right => at.0 - s_width,
        Anchor::Centre | Anchor::Top => at.0 - s_width / 2.0,
    };
    let baseline = match anchor {
        Anchor::TopLeft | Anchor::Top => at.1 + ascent,
        _ => at.1 + cap / 2.0,
    };
    let _ = descent;
    (x, baseline)
}

/// A colour as SVG writes it, `#rrggbb`.
struct Hex((u8, u8, u8));

impl std::fmt::Display for Hex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (r, g, b) = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// Numbers in SVG: two decimals at most, no trailing zeros, no `-0`.
fn num(v: f64) -> Num {
    Num(v)
}

/// A shape's points, `x,y x,y ...`.
struct Points<'a>(&'a [(f64, f64)]);

impl std::fmt::Display for Points<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, &(x, y)) in self.0.iter().enumerate() {
            let gap = if i == 0 { "" } else { " " };
            write!(f, "{gap}{},{}", num(x), num(y))?;
        }
        Ok(())
    }
}

/// A number as [`num`] writes it, written where it goes: a chart's SVG
/// has tens of thousands of them, and a `String` each, formatted as a
/// float and trimmed, was a good part of writing it.
#[derive(Clone, Copy)]
struct Num(f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hundredths = (self.0 * 100.0).round();
        if hundredths == 0.0 {
            return f.write_str("0");
        }
        if !hundredths.is_finite() || hundredths.abs() >= 1e15 {
            // Past where an integer holds them exactly: as a float.
            let s = format!("{:.2}", hundredths / 100.0);
            return f.write_str(s.trim_end_matches('0').trim_end_matches('.'));
        }
        let h = hundredths as i64;
        let sign = if h < 0 { "-" } else { "" };
        let (whole, part) = (h.abs() / 100, h.abs() % 100);
        match part {
            0 => write!(f, "{sign}{whole}"),
            p if p % 10 == 0 => write!(f, "{sign}{whole}.{}", p / 10),
            p => write!(f, "{sign}{whole}.{p:02}"),
        }
    }
}

/// An SVG document being written.
pub(crate) struct SvgCanvas {
    size: (u32, u32),
    body: String,
    /// Glyph outlines used so far, by (bold, id): defined once in `<defs>`.
    glyphs: BTreeMap<(bool, u16), Arc<str>>,
}

impl SvgCanvas {
    pub(crate) fn new(size: (u32, u32)) -> SvgCanvas {
        SvgCanvas {
            size,
            body: String::with_capacity(64 * 1024),
            glyphs: BTreeMap::new(),
        }
    }

    fn glyph_id(&mut self, bold: bool, id: GlyphId) -> String {
        let key = (bold, id.0);
        let name = format!("ng-{}{}", if bold { 'b' } else { 'r' }, id.0);
        self.glyphs
            .entry(key)
            .or_insert_with(|| outline_of(bold, id));
        name
    }

    /// The finished document. `inline` makes it scale to the width of its
    /// container (for notebooks), keeping its proportions; otherwise it has
    /// its exact pixel size (for files).
    pub(crate) fn finish(self, inline: bool) -> String {
        let (w, h) = self.size;
        let mut out = String::with_capacity(self.body.len() + 16 * 1024);
        if inline {
            let _ = writeln!(
                out,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 {w} {h}\" width=\"100%\" style=\"max-width:{w}px;height:auto\" role=\"img\">"
            );
        } else {
            let _ = writeln!(
                out,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\">"
            );
        }
        out.push_str("<defs>\n");
        for ((bold, id), d) in &self.glyphs {
            let _ = writeln!(
                out,
                "<path id=\"ng-{}{id}\" d=\"{d}\"/>",
                if *bold { 'b' } else { 'r' }
            );
        }
        out.push_str("</defs>\n");
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// Glyph outlines as SVG path data, shared by every chart and thread:
/// each chart defines the same few dozen glyphs, and writing their paths
/// anew was 2-3% of the CPU of `figures` (`perf record`). An outline
/// depends only on the embedded face and the glyph, so the SVG's bytes
/// are the same whether it came from here or not.
static OUTLINES: std::sync::LazyLock<Mutex<Outlines>> = std::sync::LazyLock::new(Mutex::default);

/// Path data by (bold, glyph id).
type Outlines = HashMap<(bool, u16), Arc<str>>;

fn outline_of(bold: bool, id: GlyphId) -> Arc<str> {
    let key = (bold, id.0);
    // A poisoned lock still holds whole paths.
    let cached = OUTLINES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
        .cloned();
    if let Some(d) = cached {
        return d;
    }
    let d: Arc<str> = text::faces()
        .and_then(|f| f.face(bold).outline(id))
        .map(|o| outline_path(&o.curves))
        .unwrap_or_default()
        .into();
    // At most one entry a glyph of the two faces: no bound needed.
    OUTLINES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, d.clone());
    d
}

/// A glyph's outline as SVG path data, in font units with y up.
fn outline_path(curves: &[OutlineCurve]) -> String {
    let mut d = String::new();
    let mut at: Option<(f32, f32)> = None;
    let p = |v: f32| {
        let r = v.round();
        if r == 0.0 {
            "0".to_string()
        } else {
            format!("{r}")
        }
    };
    for c in curves {
        let (start, rest) = match c {
            OutlineCurve::Line(a, b) => (*a, format!("L{} {}", p(b.x), p(b.y))),
            OutlineCurve::Quad(a, b, e) => {
                (*a, format!("Q{} {} {} {}", p(b.x), p(b.y), p(e.x), p(e.y)))
            }
            OutlineCurve::Cubic(a, b, c2, e) => (
                *a,
                format!(
                    "C{} {} {} {} {} {}",
                    p(b.x),
                    p(b.y),
                    p(c2.x),
                    p(c2.y),
                    p(e.x),
                    p(e.y)
                ),
            ),
        };
        if at != Some((start.x, start.y)) {
            if at.is_some() {
                d.push('Z');
            }
            let _ = write!(d, "M{} {}", p(start.x), p(start.y));
        }
        d.push_str(&rest);
        at = Some(match c {
            OutlineCurve::Line(_, b) => (b.x, b.y),
            OutlineCurve::Quad(_, _, e) => (e.x, e.y),
            OutlineCurve::Cubic(_, _, _, e) => (e.x, e.y),
        });
    }
    if at.is_some() {
        d.push('Z');
    }
    d
}

fn stroke_attrs(stroke: Option<(Paint, f64)>) -> StrokeAttrs {
    StrokeAttrs(stroke)
}

fn fill_attrs(fill: Option<Paint>) -> FillAttrs {
    FillAttrs(fill)
}

/// A shape's stroke attributes, nothing for none.
struct StrokeAttrs(Option<(Paint, f64)>);

impl std::fmt::Display for StrokeAttrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some((p, w)) = self.0 else { return Ok(()) };
        write!(f, " stroke=\"{}\" stroke-width=\"{}\"", p.hex(), num(w))?;
        if p.alpha < 1.0 {
            write!(f, " stroke-opacity=\"{}\"", num(p.alpha))?;
        }
        Ok(())
    }
}

/// A shape's fill attributes, `fill="none"` for none.
struct FillAttrs(Option<Paint>);

impl std::fmt::Display for FillAttrs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(p) if p.alpha < 1.0 => {
                write!(f, " fill=\"{}\" fill-opacity=\"{}\"", p.hex(), num(p.alpha))
            }
            Some(p) => write!(f, " fill=\"{}\"", p.hex()),
            None => f.write_str(" fill=\"none\""),
        }
    }
}

impl Canvas for SvgCanvas {
    fn rect(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        let (x, w) = (x0.min(x1), (x1 - x0).abs());
        let (y, h) = (y0.min(y1), (y1 - y0).abs());
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}{}/>",
            num(x),
            num(y),
            num(w),
            num(h),
            fill_attrs(fill),
            stroke_attrs(stroke)
        );
    }

    fn polyline(&mut self, points: &[(f64, f64)], stroke: Paint, width: f64, dashed: bool) {
        if points.len() < 2 {
            return;
        }
        let pts = Points(points);
        let _ = writeln!(
            self.body,
            "<polyline points=\"{}\" fill=\"none\"{}{} stroke-linejoin=\"round\"/>",
            pts,
            stroke_attrs(Some((stroke, width))),
            if dashed {
                " stroke-dasharray=\"8 6\""
            } else {
                ""
            }
        );
    }

    fn polygon(&mut self, points: &[(f64, f64)], fill: Paint) {
        if points.len() < 3 {
            return;
        }
        let pts = Points(points);
        let _ = writeln!(
            self.body,
            "<polygon points=\"{}\"{}/>",
            pts,
            fill_attrs(Some(fill))
        );
    }

    fn circle(
        &mut self,
        centre: (f64, f64),
        r: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        let _ = writeln!(
            self.body,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}{}/>",
            num(centre.0),
            num(centre.1),
            num(r),
            fill_attrs(fill),
            stroke_attrs(stroke)
        );
    }

    fn text(&mut self, s: &str, at: (f64, f64), font: Look, anchor: Anchor, rotate: bool) {
        if s.is_empty() {
            return;
        }
        let (glyphs, w) = text::layout(s, font.size, font.bold);
        let Some(faces) = text::faces() else { return };
        let k = text::scale(faces.face(font.bold), font.size);
        // Position the line as if upright, then turn it about the anchor.
        let (x, baseline) = place(w, (0.0, 0.0), font.size, font.bold, anchor);
        let mut transform = format!("translate({} {})", num(at.0), num(at.1));
        if rotate {
            transform.push_str(" rotate(-90)");
        }
        let _ = write!(
            transform,
            " translate({} {}) scale({} {})",
            num(x),
            num(baseline),
            fmt_scale(k),
            fmt_scale(-k)
        );
        let mut uses = String::new();
        for g in glyphs.iter() {
            let id = self.glyph_id(font.bold, g.id);
            let _ = write!(uses, "<use href=\"#{id}\" x=\"{}\"/>", (g.x / k).round());
        }
        let mut paint = format!("fill=\"{}\"", font.paint.hex());
        if font.paint.alpha < 1.0 {
            let _ = write!(paint, " fill-opacity=\"{}\"", num(font.paint.alpha));
        }
        let _ = writeln!(
            self.body,
            "<g {paint} transform=\"{transform}\" aria-label=\"{}\">{uses}</g>",
            escape_html(s)
        );
    }

    fn begin(&mut self, tooltip: Option<&str>) {
        match tooltip {
            Some(t) => {
                let _ = write!(self.body, "<g><title>{}</title>", escape_html(t));
            }
            None => self.body.push_str("<g>"),
        }
    }

    fn end(&mut self) {
        self.body.push_str("</g>\n");
    }
}

/// A glyph scale, with enough digits that a long line does not drift.
fn fmt_scale(k: f64) -> String {
    let s = format!("{k:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

mod pixel;
pub(crate) use pixel::PixelCanvas;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_text_is_escaped_and_drawn_as_glyphs() {
        let mut c = SvgCanvas::new((200, 100));
        let font = Look {
            size: 16.0,
            bold: false,
            paint: Paint::solid(plotters::style::RGBColor(0, 0, 0)),
        };
        c.begin(Some("<script>alert('x')</script> & \"q\""));
        c.text("<b>&", (10.0, 50.0), font, Anchor::Left, false);
        c.end();
        let svg = c.finish(false);
        assert!(!svg.contains("<script>") && !svg.contains("<b>"));
        assert!(svg.contains(
            "<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</title>"
        ));
        assert!(svg.contains("aria-label=\"&lt;b&gt;&amp;\""));
        // Four glyphs used (`<`, `b`, `>`, `&`), each defined once.
        assert_eq!(svg.matches("<use ").count(), 4);
        assert_eq!(svg.matches("<path id=").count(), 4);
        assert!(svg.contains("width=\"200\" height=\"100\""));
    }

    #[test]
    fn inline_svg_scales_to_its_container() {
        let svg = SvgCanvas::new((1600, 1000)).finish(true);
        assert!(svg.contains("width=\"100%\"") && svg.contains("viewBox=\"0 0 1600 1000\""));
        assert!(!svg.contains("height=\"1000\""));
    }

    /// `num` as it was written before it became a `Display`: the float
    /// formatted to two decimals and trimmed.
    fn num_as_float(v: f64) -> String {
        let r = (v * 100.0).round() / 100.0;
        if r == 0.0 {
            return "0".into();
        }
        let s = format!("{r:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }

    #[test]
    fn numbers_are_written_as_the_float_formatting_wrote_them() {
        let mut values = vec![
            0.0,
            -0.0,
            0.004,
            -0.004,
            0.005,
            -0.005,
            0.1,
            1.5,
            2.0,
            -2.0,
            1.25,
            1.255,
            99.995,
            -0.01,
            1e12 + 0.37,
            -1e13 - 0.5,
            5e14,
            3e15,
            1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            f64::EPSILON,
        ];
        // A spread of magnitudes and fractions, both signs.
        let mut x = 0.123_456_789_f64;
        for i in 0..20_000 {
            x = (x * 7.31 + 0.37).fract();
            let v = x * 10f64.powi(i % 9 - 2);
            values.extend([v, -v]);
        }
        for v in values {
            assert_eq!(num(v).to_string(), num_as_float(v), "{v:e}");
        }
    }
}
