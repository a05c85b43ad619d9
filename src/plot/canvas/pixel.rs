//! The PNG canvas: shapes drawn by plotters' bitmap backend, text from
//! rasters of the embedded font's glyphs (shared by every thread),
//! blended into the pixels directly.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ab_glyph::{Font, FontRef, GlyphId, PxScale};
use plotters::backend::DrawingBackend;
use plotters::prelude::BitMapBackend;
use plotters::style::{RGBAColor, ShapeStyle};

use super::{Anchor, Canvas, Look, Paint, place, text};

/// A PNG being drawn: shapes on plotters' bitmap backend, text blended
/// into the pixels directly.
pub(crate) struct PixelCanvas<'a> {
    /// RGB, 3 bytes a pixel, row by row: exactly `size`'s pixels.
    pixels: &'a mut [u8],
    size: (u32, u32),
    /// Nothing drawn since the canvas was painted white: a chart's white
    /// background over the whole canvas, its first shape, has nothing to
    /// change (a full pass over 5 MB of pixels saved per chart).
    blank: bool,
}

impl<'a> PixelCanvas<'a> {
    /// A canvas over an RGB buffer of `size` (3 bytes a pixel), which it
    /// first paints white; an error if the buffer is not that size.
    pub(crate) fn new(
        buffer: &'a mut [u8],
        size: (u32, u32),
    ) -> crate::error::Result<PixelCanvas<'a>> {
        if buffer.len() != size.0 as usize * size.1 as usize * 3 {
            return Err(crate::error::Error::Drawing(format!(
                "a {} x {} image needs {} bytes of pixels, not {}",
                size.0,
                size.1,
                size.0 as usize * size.1 as usize * 3,
                buffer.len()
            )));
        }
        buffer.fill(255);
        Ok(PixelCanvas {
            pixels: buffer,
            size,
            blank: true,
        })
    }

    /// plotters' backend over the pixels, for one shape: it is a borrow of
    /// the buffer and its size, nothing to set up, and text needs the
    /// buffer itself, which the backend does not lend.
    fn backend(&mut self) -> BitMapBackend<'_> {
        // The buffer's size was checked in `new`, so this cannot fail; an
        // empty image (nothing drawn) stands in all the same.
        BitMapBackend::with_buffer_and_format(self.pixels, self.size)
            .unwrap_or_else(|_| BitMapBackend::with_buffer(&mut [], (0, 0)))
    }

    fn style(p: Paint, filled: bool, width: f64) -> ShapeStyle {
        ShapeStyle {
            color: RGBAColor(p.rgb.0, p.rgb.1, p.rgb.2, p.alpha),
            filled,
            stroke_width: width.round().max(1.0) as u32,
        }
    }

    /// Blends a glyph's coverage in `rgb`, weighed by `weights`: its
    /// column `k` and row `j` land on pixel `(cols[k], rows[j])`, or
    /// `(rows[j], cols[k])` when `turned`. Pixels off the image are left
    /// out; the pixels are blended in the raster's order, as before. Pixel
    /// by pixel, for any placement; [`PixelCanvas::blit_span`] is the fast
    /// way for an upright glyph.
    fn blit(
        &mut self,
        raster: &Raster,
        (cols, rows): (&[i32], &[i32]),
        turned: bool,
        rgb: (u8, u8, u8),
        weights: &[u16; 256],
    ) {
        let (w, h) = (self.size.0 as i32, self.size.1 as i32);
        let lines = raster.coverage.chunks_exact(raster.width);
        for (line, &row) in lines.zip(rows) {
            for (&c, &col) in line.iter().zip(cols) {
                let a = weights[usize::from(c)];
                let (x, y) = if turned { (row, col) } else { (col, row) };
                if a == 0 || x < 0 || y < 0 || x >= w || y >= h {
                    continue;
                }
                let at = (y as usize * w as usize + x as usize) * 3;
                if let Some(px) = self.pixels.get_mut(at..at + 3) {
                    px[0] = blend(px[0], rgb.0, a);
                    px[1] = blend(px[1], rgb.1, a);
                    px[2] = blend(px[2], rgb.2, a);
                }
            }
        }
    }
}

impl PixelCanvas<'_> {
    /// [`PixelCanvas::blit`] for an upright glyph whose columns and rows
    /// land on consecutive pixels, as they do but where rounding a half
    /// pixel on either side of zero splits them: each of its rows blended
    /// into one slice of pixels, clipped to the image once rather than
    /// checked pixel by pixel (text was the largest part of drawing a
    /// PNG). The same pixels with the same weights, so the same bytes.
    /// False, having drawn nothing, when they are not consecutive.
    fn blit_span(
        &mut self,
        raster: &Raster,
        (cols, rows): (&[i32], &[i32]),
        rgb: (u8, u8, u8),
        weights: &[u16; 256],
    ) -> bool {
        // The first and last of a run of consecutive values, if it is one.
        let ends = |v: &[i32]| {
            let (&a, &b) = v.first().zip(v.last())?;
            (b - a + 1 == v.len() as i32).then_some((a, b))
        };
        let (Some((first, last)), Some(_)) = (ends(cols), ends(rows)) else {
            return false;
        };
        let (w, h) = (self.size.0 as i32, self.size.1 as i32);
        // The glyph's columns on the image: from `k0` in the raster, at
        // pixel `x0`, `n` of them.
        let k0 = (-first).max(0);
        let x0 = first + k0;
        let n = (last.min(w - 1) - x0 + 1).max(0) as usize;
        if n == 0 {
            return true;
        }
        let lines = raster.coverage.chunks_exact(raster.width);
        for (line, &y) in lines.zip(rows) {
            if y < 0 || y >= h {
                continue;
            }
            let at = (y as usize * w as usize + x0 as usize) * 3;
            let (Some(px), Some(line)) = (
                self.pixels.get_mut(at..at + 3 * n),
                line.get(k0 as usize..k0 as usize + n),
            ) else {
                continue;
            };
            for (&c, px) in line.iter().zip(px.chunks_exact_mut(3)) {
                let a = weights[usize::from(c)];
                if a != 0 {
                    px[0] = blend(px[0], rgb.0, a);
                    px[1] = blend(px[1], rgb.1, a);
                    px[2] = blend(px[2], rgb.2, a);
                }
            }
        }
        true
    }
}

/// For each coverage byte, the weight plotters' backend blends a pixel of
/// `paint` with at that coverage (its `draw_pixel`: the alpha floored to
/// 256ths, 256 for opaque, 0 for none), so text blended here has the same
/// bytes as text drawn pixel by pixel through the backend, at a table
/// look-up a pixel.
fn blend_weights(paint: Paint) -> [u16; 256] {
    let mut w = [0u16; 256];
    for (c, w) in w.iter_mut().enumerate().skip(1) {
        let alpha = (paint.alpha * (c as f64 / 255.0)).min(1.0);
        *w = if alpha >= 1.0 - 1.0 / 256.0 {
            256
        } else if alpha <= 0.0 {
            0
        } else {
            (alpha * 256.0).floor() as u16
        };
    }
    w
}

/// One channel blended towards `new` by `a` 256ths, rounding towards the
/// old value as plotters' backend does.
fn blend(old: u8, new: u8, a: u16) -> u8 {
    if new > old {
        old + (u32::from(new - old) * u32::from(a) / 256) as u8
    } else {
        old - (u32::from(old - new) * u32::from(a) / 256) as u8
    }
}

/// Glyphs already rasterized, shared by every thread: a chart's text
/// repeats the same glyphs at the same sizes, and so do the charts drawn
/// beside it on other cores; rasterizing each anew was about an eighth of
/// the samples in a profile of `figures` (`perf record`).
static GLYPHS: std::sync::LazyLock<Mutex<Glyphs>> = std::sync::LazyLock::new(Mutex::default);

/// The rasters by key, with a fast hash (the key is ours, not an
/// attacker's).
type Glyphs = HashMap<GlyphKey, Arc<Raster>, foldhash::fast::RandomState>;

/// Enough for the glyphs of many charts; past it the cache starts again
/// rather than grow without bound in a long notebook session.
const MAX_GLYPHS: usize = 50_000;

/// Bold or not, the glyph, and the bits of its scale (x, y) and of its
/// offset within a pixel (x, y), in quarters.
type GlyphKey = (bool, u16, [u32; 4]);

/// A glyph's coverage, a byte a pixel (0: none, 255: all), row by row
/// from its box's top left corner `(x0, y0)`: a twelfth of the memory of
/// a list of pixels, which the kernel must otherwise zero and map.
struct Raster {
    x0: i32,
    y0: i32,
    width: usize,
    coverage: Vec<u8>,
}

/// The glyph `id` at `(x, y)` from the text's anchor, and the whole pixels
/// to add to its raster's offsets.
///
/// Glyphs are placed to a quarter of a pixel (as FreeType and Skia place
/// them: the eye sees no difference, 1/8 px at most), so a glyph has 16
/// rasters rather than one per position and nearly every glyph drawn is
/// one already rasterized. The key is everything the raster depends on
/// (face, glyph, the bits of its scale and of the quarter-pixel offset),
/// so a glyph from the cache is exactly the glyph rasterized anew: the
/// PNG's bytes do not depend on what was drawn before, or on which thread.
fn glyph(
    face: &FontRef<'static>,
    bold: bool,
    id: GlyphId,
    scale: PxScale,
    (x, y): (f32, f32),
) -> (Arc<Raster>, (i32, i32)) {
    let (ix, iy) = (x.floor(), y.floor());
    let q = |v: f32| (v * 4.0).round() / 4.0;
    let (fx, fy) = (q(x - ix), q(y - iy));
    let key = (bold, id.0, [scale.x, scale.y, fx, fy].map(f32::to_bits));
    let shift = (ix as i32, iy as i32);
    // A poisoned lock (a panic elsewhere while it was held) still holds
    // good rasters: each is inserted whole.
    let cached = GLYPHS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
        .cloned();
    if let Some(r) = cached {
        return (r, shift);
    }
    // Rasterized outside the lock; another thread may rasterize the same
    // glyph meanwhile, to the same bytes.
    let raster = Arc::new(rasterize(face, id, scale, (fx, fy)));
    let mut map = GLYPHS.lock().unwrap_or_else(|e| e.into_inner());
    if map.len() >= MAX_GLYPHS {
        map.clear();
    }
    map.insert(key, raster.clone());
    (raster, shift)
}

fn rasterize(face: &FontRef<'static>, id: GlyphId, scale: PxScale, (x, y): (f32, f32)) -> Raster {
    let glyph = id.with_scale_and_position(scale, ab_glyph::point(x, y));
    let Some(outlined) = face.outline_glyph(glyph) else {
        return Raster {
            x0: 0,
            y0: 0,
            width: 0,
            coverage: Vec::new(),
        };
    };
    let bounds = outlined.px_bounds();
    let width = bounds.width().max(0.0) as usize;
    let height = bounds.height().max(0.0) as usize;
    let mut coverage = vec![0u8; width * height];
    outlined.draw(|gx, gy, c| {
        if let Some(px) = coverage.get_mut(gy as usize * width + gx as usize) {
            *px = (c.clamp(0.0, 1.0) * 255.0).round() as u8;
        }
    });
    Raster {
        x0: bounds.min.x as i32,
        y0: bounds.min.y as i32,
        width,
        coverage,
    }
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

impl Canvas for PixelCanvas<'_> {
    fn rect(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        let a = ipt((x0.min(x1), y0.min(y1)));
        let b = ipt((x0.max(x1), y0.max(y1)));
        let white = fill.is_some_and(|f| f.rgb == (255, 255, 255) && f.alpha >= 1.0);
        let whole = a.0 <= 0
            && a.1 <= 0
            && i64::from(b.0) >= i64::from(self.size.0) - 1
            && i64::from(b.1) >= i64::from(self.size.1) - 1;
        if std::mem::take(&mut self.blank) && white && whole && stroke.is_none() {
            self.blank = true;
            return;
        }
        if let Some(f) = fill {
            let _ = self
                .backend()
                .draw_rect(a, b, &Self::style(f, true, 1.0), true);
        }
        if let Some((s, w)) = stroke {
            let _ = self
                .backend()
                .draw_rect(a, b, &Self::style(s, false, w), false);
        }
    }

    fn polyline(&mut self, points: &[(f64, f64)], stroke: Paint, width: f64, dashed: bool) {
        self.blank = false;
        let style = Self::style(stroke, false, width);
        if !dashed {
            // A dense line (a thinned million rows: several points in each
            // pixel column, zigzagging from the column's least to its
            // greatest value) is filled by plotters as the polygon of its
            // outline, which took 2.5 s. What it covers is, per pixel
            // column, one upright stroke from the column's lowest to its
            // highest point (joined to the previous column's last point):
            // drawn so, the same pixels to within one, in milliseconds.
            let span = points
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
                    (a.min(p.0), b.max(p.0))
                });
            if points.len() >= 2_000 && span.1 - span.0 < points.len() as f64 / 2.0 {
                let half = (width / 2.0).max(0.5);
                let mut k = 0;
                let mut prev: Option<(f64, f64)> = None;
                while k < points.len() {
                    let col = points[k].0.round();
                    let (mut lo, mut hi) = (points[k].1, points[k].1);
                    match prev {
                        // The next column: the join is part of the stroke.
                        Some((x, y)) if (col - x).abs() <= 1.5 => (lo, hi) = (lo.min(y), hi.max(y)),
                        // Across a gap (or back, on a band axis): a segment.
                        Some(p) => {
                            let _ = self.backend().draw_path([ipt(p), ipt(points[k])], &style);
                        }
                        None => {}
                    }
                    let mut last = points[k].1;
                    // The first point always counts, so a NaN x (never
                    // equal to its own column) cannot stall the loop.
                    k += 1;
                    while k < points.len() && points[k].0.round() == col {
                        (lo, hi, last) = (lo.min(points[k].1), hi.max(points[k].1), points[k].1);
                        k += 1;
                    }
                    self.rect(
                        col - half,
                        lo - half,
                        col + half,
                        hi + half,
                        Some(stroke),
                        None,
                    );
                    prev = Some((col, last));
                }
                return;
            }
            let _ = self
                .backend()
                .draw_path(points.iter().map(|&p| ipt(p)), &style);
            return;
        }
        // Dashes of 8 px and gaps of 6, along the whole line.
        let (dash, gap): (f64, f64) = (8.0, 6.0);
        let mut phase: f64 = 0.0;
        for w in points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let mut t: f64 = 0.0;
            while t < len {
                let in_dash = phase < dash;
                let step = if in_dash {
                    dash - phase
                } else {
                    dash + gap - phase
                };
                let step = step.min(len - t);
                if in_dash {
                    let p = |s: f64| (a.0 + (b.0 - a.0) * s / len, a.1 + (b.1 - a.1) * s / len);
                    let _ = self
                        .backend()
                        .draw_path([ipt(p(t)), ipt(p(t + step))], &style);
                }
                t += step;
                phase = (phase + step) % (dash + gap);
            }
        }
    }

    fn polygon(&mut self, points: &[(f64, f64)], fill: Paint) {
        self.blank = false;
        let _ = self.backend().fill_polygon(
            points.iter().map(|&p| ipt(p)),
            &Self::style(fill, true, 1.0),
        );
    }

    fn circle(
        &mut self,
        centre: (f64, f64),
        r: f64,
        fill: Option<Paint>,
        stroke: Option<(Paint, f64)>,
    ) {
        self.blank = false;
        let c = ipt(centre);
        let r = r.round().max(1.0) as u32;
        if let Some(f) = fill {
            let _ = self
                .backend()
                .draw_circle(c, r, &Self::style(f, true, 1.0), true);
        }
        if let Some((s, w)) = stroke {
            let _ = self
                .backend()
                .draw_circle(c, r, &Self::style(s, false, w), false);
        }
    }

    fn text(&mut self, s: &str, at: (f64, f64), font: Look, anchor: Anchor, rotate: bool) {
        self.blank = false;
        let Some(faces) = text::faces() else { return };
        let face = faces.face(font.bold);
        let (glyphs, w) = text::layout(s, font.size, font.bold);
        let (x0, baseline) = place(w, (0.0, 0.0), font.size, font.bold, anchor);
        // ab_glyph scales by the height from descender to ascender; the
        // layout is in ems.
        let em_to_px =
            f64::from(face.height_unscaled()) / face.units_per_em().map_or(2048.0, f64::from);
        let scale = PxScale::from((font.size * em_to_px) as f32);
        let weights = blend_weights(font.paint);
        // Where each column and row of a glyph's raster lands, found once a
        // column and once a row rather than once a pixel.
        let (mut cols, mut rows) = (Vec::new(), Vec::new());
        for g in glyphs.iter() {
            let position = ((x0 + g.x) as f32, baseline as f32);
            let (raster, (ix, iy)) = glyph(face, font.bold, g.id, scale, position);
            if raster.width == 0 {
                continue;
            }
            let height = raster.coverage.len() / raster.width;
            let dxs = (0..raster.width as i32).map(|k| raster.x0 + ix + k);
            let dys = (0..height as i32).map(|k| raster.y0 + iy + k);
            // Offsets from the anchor, turned a quarter counter-clockwise
            // for rotated text, each rounded to the pixel it falls in.
            let round = |v: f64| v.round() as i32;
            cols.clear();
            rows.clear();
            if rotate {
                cols.extend(dxs.map(|dx| round(at.1 - f64::from(dx))));
                rows.extend(dys.map(|dy| round(at.0 + f64::from(dy))));
            } else {
                cols.extend(dxs.map(|dx| round(at.0 + f64::from(dx))));
                rows.extend(dys.map(|dy| round(at.1 + f64::from(dy))));
            }
            let span = (&cols[..], &rows[..]);
            if rotate || !self.blit_span(&raster, span, font.paint.rgb, &weights) {
                self.blit(&raster, span, rotate, font.paint.rgb, &weights);
            }
        }
    }

    fn begin(&mut self, _tooltip: Option<&str>) {}

    fn end(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 5 × 4 raster of every kind of coverage, none to full.
    fn raster() -> Raster {
        Raster {
            x0: 0,
            y0: 0,
            width: 5,
            coverage: (0..20u8).map(|i| i.wrapping_mul(53)).collect(),
        }
    }

    #[test]
    fn glyphs_blended_by_rows_equal_glyphs_blended_pixel_by_pixel() {
        let (w, h) = (12u32, 7u32);
        let r = raster();
        let weights = blend_weights(Paint {
            rgb: (200, 30, 90),
            alpha: 0.8,
        });
        // Inside, across each edge, and wholly outside on every side.
        for x in -7..15 {
            for y in -6..10 {
                let cols: Vec<i32> = (x..x + 5).collect();
                let rows: Vec<i32> = (y..y + 4).collect();
                let len = (w * h * 3) as usize;
                let (mut a, mut b) = (vec![0u8; len], vec![0u8; len]);
                // Not white: blending over colours is what must match.
                let mut ca = PixelCanvas::new(&mut a, (w, h)).unwrap();
                ca.pixels
                    .iter_mut()
                    .enumerate()
                    .for_each(|(i, v)| *v = (i * 7 % 256) as u8);
                assert!(ca.blit_span(&r, (&cols, &rows), (200, 30, 90), &weights));
                let mut cb = PixelCanvas::new(&mut b, (w, h)).unwrap();
                cb.pixels
                    .iter_mut()
                    .enumerate()
                    .for_each(|(i, v)| *v = (i * 7 % 256) as u8);
                cb.blit(&r, (&cols, &rows), false, (200, 30, 90), &weights);
                assert_eq!(a, b, "glyph at ({x}, {y})");
            }
        }
    }

    #[test]
    fn columns_split_by_rounding_are_blended_one_by_one() {
        let r = raster();
        let weights = blend_weights(Paint {
            rgb: (0, 0, 0),
            alpha: 1.0,
        });
        let mut px = vec![255u8; 12 * 7 * 3];
        let mut c = PixelCanvas::new(&mut px, (12, 7)).unwrap();
        // Columns -1, 1, 2, 3, 4: a half pixel rounded away from zero on
        // both sides of it leaves column 0 out.
        let cols = [-1, 1, 2, 3, 4];
        assert!(!c.blit_span(&r, (&cols, &[0, 1, 2, 3]), (0, 0, 0), &weights));
        c.blit(&r, (&cols, &[0, 1, 2, 3]), false, (0, 0, 0), &weights);
        // Column 0 untouched; column 1 took the raster's second column.
        assert_eq!(&px[0..3], &[255, 255, 255]);
        let a = weights[usize::from(r.coverage[1])];
        assert_eq!(px[3], blend(255, 0, a));
    }
}
