//! A fitted scene drawn to its outputs: SVG (for a file or a notebook),
//! PNG and PDF, one at a time or several from one layout.

#[allow(unused_imports)]
use super::*;

/// The width an inline chart is laid out at: about what a notebook's output
/// area shows, so that its type is read at the size it was set (tick labels
/// 11 CSS px or more in a 1,000-px page), not shrunk from a wider layout.
pub(crate) const INLINE_WIDTH: u32 = 900;

pub(crate) fn svg(p: &Plot, inline: bool) -> Result<String> {
    if inline && p.size.0 > INLINE_WIDTH {
        // Laid out anew at the width it will be shown at, in proportion.
        let mut narrow = p.clone();
        let h = f64::from(p.size.1) * f64::from(INLINE_WIDTH) / f64::from(p.size.0);
        narrow.size = (INLINE_WIDTH, h.round() as u32);
        return svg(&narrow, true);
    }
    let scene = Scene::new(p)?.settle()?;
    let out = svg_of(&scene, inline)?;
    if !inline {
        return Ok(out);
    }
    // The size of tick and label type in the chart's own pixels, for a
    // page to check what a reader sees (scripts/check-notebook-html.py).
    let tick = super::super::scale::plain((sizes::LABEL * scene.font * 100.0).round() / 100.0);
    Ok(out.replacen(
        " role=\"img\"",
        &format!(" role=\"img\" data-tick-px=\"{tick}\""),
        1,
    ))
}

pub(crate) fn pdf(p: &Plot) -> Result<Vec<u8>> {
    pdf_of(&Scene::new(p)?.settle()?)
}

pub(crate) fn png(p: &Plot) -> Result<Vec<u8>> {
    png_of(&Scene::new(p)?.settle()?)
}

/// The chart in each of `formats`, from one fitted and settled scene: the
/// same bytes as [`svg`], [`png`] and [`pdf`] one by one, without fitting
/// the chart again for each.
pub(crate) fn files(p: &Plot, formats: &[FileFormat]) -> Result<Vec<Vec<u8>>> {
    let scene = Scene::new(p)?.settle()?;
    // Each format drawn on whichever core is free: a chart's PNG takes
    // about three times its SVG, and seven charts on two cores leave one
    // idle at the end unless the work comes in smaller pieces.
    use rayon::prelude::*;
    formats
        .par_iter()
        .map(|f| match f {
            FileFormat::Svg => svg_of(&scene, false).map(String::into_bytes),
            FileFormat::Png => png_of(&scene),
            FileFormat::Pdf => pdf_of(&scene),
        })
        .collect()
}

fn svg_of(scene: &Scene, inline: bool) -> Result<String> {
    let mut c = SvgCanvas::new((scene.plot.size.0, scene.height()));
    scene.draw(&mut c)?;
    Ok(c.finish(inline))
}

fn pdf_of(scene: &Scene) -> Result<Vec<u8>> {
    let mut c = super::super::pdf::PdfCanvas::new((scene.plot.size.0, scene.height()));
    scene.draw(&mut c)?;
    Ok(c.finish())
}

fn png_of(scene: &Scene) -> Result<Vec<u8>> {
    let (w, h) = (scene.plot.size.0, scene.height());
    let len = w as usize * h as usize * 3;
    // The pixel buffer of this thread's last chart, if there was one,
    // rather than 5 MB of fresh pages for the kernel to zero and map each
    // time. The canvas paints it white before drawing.
    let mut pixels = PIXELS.take();
    if pixels.capacity() < len {
        // Room for a chart a quarter taller (notes and wrapped titles make
        // charts of one size differ in height), so the next fits as well.
        pixels = Vec::with_capacity(len + len / 4);
    }
    pixels.resize(len, 0);
    let drawn = draw_pixels(scene, &mut pixels[..len], (w, h));
    let out = drawn.and_then(|()| encode_png(&pixels[..len], (w, h)));
    if pixels.len() <= KEEP_PIXELS {
        PIXELS.set(pixels);
    }
    out
}

thread_local! {
    static PIXELS: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The largest buffer kept for the next chart (a 2,400 × 2,000 chart):
/// a notebook that once drew a huge chart does not hold its pixels.
const KEEP_PIXELS: usize = 2_400 * 2_000 * 3;

fn draw_pixels(scene: &Scene, pixels: &mut [u8], size: (u32, u32)) -> Result<()> {
    let mut c = PixelCanvas::new(pixels, size)?;
    scene.draw(&mut c)
}

/// 8-bit RGB, deflated by `fdeflate` (the png crate's fast compressor)
/// with the Up filter on every row. Measured against the other filters
/// and zlib levels (`cargo bench --bench png`, docs/benchmarks.md,
/// "PNG"): Up is the fastest and 16% smaller than the png crate's default
/// (Sub): a chart's flat fills and gridlines repeat row after row. zlib
/// makes files less than half the size at 12 times the time.
fn encode_png(pixels: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>> {
    // Room for the whole file at once: a chart deflates to a tenth of its
    // pixels or less, and growing the vector by doubling copied it into
    // fresh pages three or four times. Pages never written cost nothing.
    let mut out = Vec::with_capacity(pixels.len() / 4);
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    enc.set_filter(png::FilterType::Up);
    let err = |e: png::EncodingError| Error::Drawing(format!("encoding PNG: {e}"));
    let mut writer = enc.write_header().map_err(err)?;
    writer.write_image_data(pixels).map_err(err)?;
    writer.finish().map_err(err)?;
    Ok(out)
}
