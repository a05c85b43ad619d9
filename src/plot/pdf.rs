//! A chart as a one-page PDF: the same drawing as the SVG, written as PDF
//! path operators by `pdf-writer` (no renderer, no browser).
//!
//! Text is the embedded DejaVu Sans's own glyph outlines, as in the SVG:
//! each glyph used is a form XObject defined once and placed wherever it
//! is set, so the PDF looks the same on every machine and viewer and
//! needs no font of the reader's. A pixel of the chart is a CSS pixel, ¾
//! of a point, as browsers print SVG. Streams are deflated, and nothing in
//! the file depends on the clock or the machine: the same chart gives the
//! same bytes everywhere.

use std::collections::BTreeMap;

use ab_glyph::{Font, GlyphId, OutlineCurve};
use pdf_writer::types::LineJoinStyle;
use pdf_writer::{Content, Filter, Name, Pdf, Rect, Ref};

use super::canvas::{Anchor, Canvas, Look, Paint, place};
use super::text;

/// Points per pixel: a CSS pixel is 1/96 inch, a point 1/72.
const PT: f64 = 0.75;

/// A PDF page being drawn.
pub(crate) struct PdfCanvas {
    size: (u32, u32),
    content: Content,
    /// Glyphs used, by (bold, glyph id): their XObject names.
    glyphs: BTreeMap<(bool, u16), String>,
    /// Opacities used, as thousandths: their graphics-state names.
    alphas: BTreeMap<(u16, u16), String>,
}

impl PdfCanvas {
    pub(crate) fn new(size: (u32, u32)) -> PdfCanvas {
        let mut content = Content::new();
        // Pixels from the top left, as the other canvases draw: scale to
        // points and turn y downwards.
        content.transform([
            PT as f32,
            0.0,
            0.0,
            -PT as f32,
            0.0,
            (f64::from(size.1) * PT) as f32,
        ]);
        content.set_line_join(LineJoinStyle::RoundJoin);
        PdfCanvas {
            size,
            content,
            glyphs: BTreeMap::new(),
            alphas: BTreeMap::new(),
        }
    }

    /// Sets the fill and stroke colours (and their opacities) for what
    /// follows.
    fn paint(&mut self, fill: Option<Paint>, stroke: Option<(Paint, f64)>) {
        if let Some(f) = fill {
            let (r, g, b) = rgb(f);
            self.content.set_fill_rgb(r, g, b);
        }
        if let Some((s, w)) = stroke {
            let (r, g, b) = rgb(s);
            self.content.set_stroke_rgb(r, g, b);
            self.content.set_line_width(w as f32);
        }
        let key = (
            fill.map_or(1000, |f| thousandths(f.alpha)),
            stroke.map_or(1000, |(s, _)| thousandths(s.alpha)),
        );
        let next = self.alphas.len();
        let name = self
            .alphas
            .entry(key)
            .or_insert_with(|| format!("A{next}"))
            .clone();
        self.content.set_parameters(Name(name.as_bytes()));
    }

    fn glyph(&mut self, bold: bool, id: GlyphId) -> String {
        let next = self.glyphs.len();
        self.glyphs
            .entry((bold, id.0))
            .or_insert_with(|| format!("G{next}"))
            .clone()
    }

    /// The finished file.
    pub(crate) fn finish(self) -> Vec<u8> {
        let mut pdf = Pdf::new();
        let (catalog, tree, page, contents) = (Ref::new(1), Ref::new(2), Ref::new(3), Ref::new(4));
        let mut next = 5;
        let mut alloc = || {
            let r = Ref::new(next);
            next += 1;
            r
        };
        pdf.catalog(catalog).pages(tree);
        pdf.pages(tree).kids([page]).count(1);
        let glyph_refs: Vec<(String, Ref, bool, u16)> = self
            .glyphs
            .iter()
            .map(|(&(bold, id), name)| (name.clone(), alloc(), bold, id))
            .collect();
        let alpha_refs: Vec<(String, Ref, (u16, u16))> = self
            .alphas
            .iter()
            .map(|(&key, name)| (name.clone(), alloc(), key))
            .collect();
        let (w, h) = (f64::from(self.size.0) * PT, f64::from(self.size.1) * PT);
        {
            let mut p = pdf.page(page);
            p.media_box(Rect::new(0.0, 0.0, w as f32, h as f32));
            p.parent(tree);
            p.contents(contents);
            let mut res = p.resources();
            {
                let mut xo = res.x_objects();
                for (name, r, _, _) in &glyph_refs {
                    xo.pair(Name(name.as_bytes()), *r);
                }
            }
            {
                let mut gs = res.ext_g_states();
                for (name, r, _) in &alpha_refs {
                    gs.pair(Name(name.as_bytes()), *r);
                }
            }
        }
        let body = deflate(&self.content.finish());
        pdf.stream(contents, &body).filter(Filter::FlateDecode);
        for (_, r, bold, id) in &glyph_refs {
            let (data, bbox) = glyph_stream(*bold, GlyphId(*id));
            let data = deflate(&data);
            pdf.form_xobject(*r, &data)
                .bbox(bbox)
                .filter(Filter::FlateDecode);
        }
        for (_, r, (fill, stroke)) in &alpha_refs {
            pdf.ext_graphics(*r)
                .non_stroking_alpha(f32::from(*fill) / 1000.0)
                .stroking_alpha(f32::from(*stroke) / 1000.0);
        }
        pdf.finish()
    }
}

fn rgb(p: Paint) -> (f32, f32, f32) {
    let c = |v: u8| f32::from(v) / 255.0;
    (c(p.rgb.0), c(p.rgb.1), c(p.rgb.2))
}

fn thousandths(alpha: f64) -> u16 {
    (alpha.clamp(0.0, 1.0) * 1000.0).round() as u16
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 9)
}

/// A glyph's outline as a content stream in font units (y up), filled
/// with whatever colour is set where it is placed; and its box.
fn glyph_stream(bold: bool, id: GlyphId) -> (Vec<u8>, Rect) {
    let mut c = Content::new();
    let Some(outline) = text::faces().and_then(|f| f.face(bold).outline(id)) else {
        return (c.finish().to_vec(), Rect::new(0.0, 0.0, 0.0, 0.0));
    };
    let mut at: Option<(f32, f32)> = None;
    let mut any = false;
    for curve in &outline.curves {
        let (start, end) = match curve {
            OutlineCurve::Line(a, b) => (*a, *b),
            OutlineCurve::Quad(a, _, e) => (*a, *e),
            OutlineCurve::Cubic(a, _, _, e) => (*a, *e),
        };
        if at != Some((start.x, start.y)) {
            if at.is_some() {
                c.close_path();
            }
            c.move_to(start.x, start.y);
        }
        match curve {
            OutlineCurve::Line(_, b) => {
                c.line_to(b.x, b.y);
            }
            // A quadratic as the cubic that draws the same curve.
            OutlineCurve::Quad(a, b, e) => {
                let k = 2.0 / 3.0;
                c.cubic_to(
                    a.x + k * (b.x - a.x),
                    a.y + k * (b.y - a.y),
                    e.x + k * (b.x - e.x),
                    e.y + k * (b.y - e.y),
                    e.x,
                    e.y,
                );
            }
            OutlineCurve::Cubic(_, b, c2, e) => {
                c.cubic_to(b.x, b.y, c2.x, c2.y, e.x, e.y);
            }
        }
        at = Some((end.x, end.y));
        any = true;
    }
    if any {
        c.close_path();
        c.fill_nonzero();
    }
    let b = outline.bounds;
    (
        c.finish().to_vec(),
        Rect::new(b.min.x, b.min.y, b.max.x, b.max.y),
    )
}

/// The four cubic Béziers of a circle.
fn circle_path(c: &mut Content, (x, y): (f64, f64), r: f64) {
    // The control distance that makes a quarter arc of a cubic.
    let k = 0.552_284_75 * r;
    let f = |v: f64| v as f32;
    c.move_to(f(x + r), f(y));
    c.cubic_to(f(x + r), f(y + k), f(x + k), f(y + r), f(x), f(y + r));
    c.cubic_to(f(x - k), f(y + r), f(x - r), f(y + k), f(x - r), f(y));
    c.cubic_to(f(x - r), f(y - k), f(x - k), f(y - r), f(x), f(y - r));
    c.cubic_to(f(x + k), f(y - r), f(x + r), f(y - k), f(x + r), f(y));
    c.close_path();
}

impl Canvas for PdfCanvas {
    fn rect(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        if fill.is_none() && stroke.is_none() {
            return;
        }
        self.paint(fill, stroke);
        let (x, y) = (x0.min(x1), y0.min(y1));
        self.content.rect(
            x as f32,
            y as f32,
            (x1 - x0).abs() as f32,
            (y1 - y0).abs() as f32,
        );
        match (fill, stroke) {
            (Some(_), Some(_)) => self.content.fill_nonzero_and_stroke(),
            (Some(_), None) => self.content.fill_nonzero(),
            _ => self.content.stroke(),
        };
    }

    fn polyline(&mut self, points: &[(f64, f64)], stroke: Paint, width: f64, dashed: bool) {
        let [first, rest @ ..] = points else { return };
        if rest.is_empty() {
            return;
        }
        self.content.save_state();
        self.paint(None, Some((stroke, width)));
        if dashed {
            self.content.set_dash_pattern([8.0, 6.0], 0.0);
        }
        self.content.move_to(first.0 as f32, first.1 as f32);
        for p in rest {
            self.content.line_to(p.0 as f32, p.1 as f32);
        }
        self.content.stroke();
        self.content.restore_state();
    }

    fn polygon(&mut self, points: &[(f64, f64)], fill: Paint) {
        let [first, rest @ ..] = points else { return };
        if rest.len() < 2 {
            return;
        }
        self.paint(Some(fill), None);
        self.content.move_to(first.0 as f32, first.1 as f32);
        for p in rest {
            self.content.line_to(p.0 as f32, p.1 as f32);
        }
        self.content.close_path();
        self.content.fill_nonzero();
    }

    fn circle(
        &mut self,
        centre: (f64, f64),
        r: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        if fill.is_none() && stroke.is_none() {
            return;
        }
        self.paint(fill, stroke);
        circle_path(&mut self.content, centre, r);
        match (fill, stroke) {
            (Some(_), Some(_)) => self.content.fill_nonzero_and_stroke(),
            (Some(_), None) => self.content.fill_nonzero(),
            _ => self.content.stroke(),
        };
    }

    fn text(&mut self, s: &str, at: (f64, f64), font: Look, anchor: Anchor, rotate: bool) {
        if s.is_empty() {
            return;
        }
        let (glyphs, w) = text::layout(s, font.size, font.bold);
        let Some(faces) = text::faces() else { return };
        let k = text::scale(faces.face(font.bold), font.size);
        let (x, baseline) = place(w, (0.0, 0.0), font.size, font.bold, anchor);
        self.content.save_state();
        self.paint(Some(font.paint), None);
        // As in the SVG: to the anchor, turned for rotated text, to the
        // line's start, and into font units with y up.
        self.content
            .transform([1.0, 0.0, 0.0, 1.0, at.0 as f32, at.1 as f32]);
        if rotate {
            self.content.transform([0.0, -1.0, 1.0, 0.0, 0.0, 0.0]);
        }
        self.content
            .transform([k as f32, 0.0, 0.0, -k as f32, x as f32, baseline as f32]);
        for g in glyphs.iter() {
            let name = self.glyph(font.bold, g.id);
            let dx = (g.x / k).round() as f32;
            self.content.save_state();
            self.content.transform([1.0, 0.0, 0.0, 1.0, dx, 0.0]);
            self.content.x_object(Name(name.as_bytes()));
            self.content.restore_state();
        }
        self.content.restore_state();
    }

    fn begin(&mut self, _tooltip: Option<&str>) {}

    fn end(&mut self) {}
}
