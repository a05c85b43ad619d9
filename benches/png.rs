//! PNG encoding of the report figures: each filter and compression the
//! `png` crate offers, on the pixels of the seven charts, for time and
//! size. The crate encodes with the row chosen here (`plot::render`,
//! `encode_png`); docs/benchmarks.md, "PNG", has the table.
//!
//! ```text
//! cargo bench --bench png
//! ```
//!
//! Each time is the median of 11 encodings of all seven charts' pixels.

mod common;

use common::median_ms;

use negotiations::Dataset;
use negotiations::charts::{Chart, Figure};
use png::{AdaptiveFilterType, Compression, FilterType};

fn encode(
    (w, h, pixels): &(u32, u32, Vec<u8>),
    compression: Compression,
    filter: FilterType,
    adaptive: AdaptiveFilterType,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, *w, *h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(compression);
    enc.set_filter(filter);
    enc.set_adaptive_filter(adaptive);
    let mut writer = enc.write_header().expect("header");
    writer.write_image_data(pixels).expect("pixels");
    writer.finish().expect("end");
    out
}

fn main() {
    let data = Dataset::embedded().expect("the embedded data loads");
    // The pixels as the crate draws them, decoded from its own PNGs.
    let images: Vec<(u32, u32, Vec<u8>)> = Chart::ALL
        .iter()
        .map(|&chart| {
            let png = Figure::new(chart, &data)
                .expect("figure")
                .png()
                .expect("png");
            let mut reader = png::Decoder::new(std::io::Cursor::new(png))
                .read_info()
                .expect("decodes");
            let mut buf = vec![0; reader.output_buffer_size()];
            let info = reader.next_frame(&mut buf).expect("frame");
            buf.truncate(info.buffer_size());
            (info.width, info.height, buf)
        })
        .collect();
    let raw: usize = images.iter().map(|i| i.2.len()).sum();
    let rows: [(&str, Compression, FilterType, AdaptiveFilterType); 8] = [
        (
            "fast, Up (the crate's)",
            Compression::Fast,
            FilterType::Up,
            AdaptiveFilterType::NonAdaptive,
        ),
        (
            "fast, Sub (png's default)",
            Compression::Fast,
            FilterType::Sub,
            AdaptiveFilterType::NonAdaptive,
        ),
        (
            "fast, none",
            Compression::Fast,
            FilterType::NoFilter,
            AdaptiveFilterType::NonAdaptive,
        ),
        (
            "fast, Paeth",
            Compression::Fast,
            FilterType::Paeth,
            AdaptiveFilterType::NonAdaptive,
        ),
        (
            "fast, adaptive",
            Compression::Fast,
            FilterType::Sub,
            AdaptiveFilterType::Adaptive,
        ),
        (
            "zlib 6, Sub",
            Compression::Default,
            FilterType::Sub,
            AdaptiveFilterType::NonAdaptive,
        ),
        (
            "zlib 6, adaptive",
            Compression::Default,
            FilterType::Sub,
            AdaptiveFilterType::Adaptive,
        ),
        (
            "zlib 9, adaptive",
            Compression::Best,
            FilterType::Sub,
            AdaptiveFilterType::Adaptive,
        ),
    ];
    let mut md = format!(
        "| encoding | time, seven charts | bytes, seven charts | of raw ({:.1} MB) |\n|---|---|---|---|\n",
        raw as f64 / 1e6
    );
    for (name, c, f, a) in rows {
        let ms = median_ms(11, || {
            images
                .iter()
                .map(|i| encode(i, c, f, a).len())
                .sum::<usize>()
        });
        let bytes: usize = images.iter().map(|i| encode(i, c, f, a).len()).sum();
        md.push_str(&format!(
            "| {name} | {ms:.1} ms | {:.0} KB | {:.1} % |\n",
            bytes as f64 / 1e3,
            100.0 * bytes as f64 / raw as f64
        ));
    }
    println!("{md}");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&root);
    let _ = std::fs::write(root.join("png.md"), &md);
}
