//! The seven report charts in each output format (SVG, PNG, PDF, and the
//! Vega-Lite twin a notebook shows beside the SVG, serialized): time per
//! figure and file size, beside the time to build the figure (read the
//! tables, fit the chart) as the baseline.
//!
//! ```text
//! cargo bench --bench figures
//! ```
//!
//! Prints a Markdown table (`docs/charts.md`, "Output formats") and writes
//! it to `target/bench/figures.md`. Each time is the median of 11 runs.

mod common;

use common::median_ms;

use negotiations::Dataset;
use negotiations::charts::{Chart, Figure};

fn main() {
    let data = Dataset::embedded().expect("the embedded data loads");
    let mut md = String::from(
        "| chart | build (baseline) | SVG | PNG | PDF | Vega-Lite twin | PDF ÷ SVG bytes |\n|---|---|---|---|---|---|---|\n",
    );
    let (mut svg_all, mut png_all, mut pdf_all, mut twin_all) = (0.0, 0.0, 0.0, 0.0);
    for chart in Chart::ALL {
        let build = median_ms(11, || Figure::new(chart, &data).expect("figure"));
        let fig = Figure::new(chart, &data).expect("figure");
        let svg = median_ms(11, || fig.svg().expect("svg"));
        let png = median_ms(11, || fig.png().expect("png"));
        let pdf = median_ms(11, || fig.pdf().expect("pdf"));
        let plot = fig.plot();
        let twin = median_ms(11, || {
            let t = plot.vega_lite().expect("vega-lite");
            t.spec().map(|v| v.to_string())
        });
        let ratio = fig.pdf().expect("pdf").len() as f64 / fig.svg().expect("svg").len() as f64;
        (svg_all, png_all, pdf_all, twin_all) =
            (svg_all + svg, png_all + png, pdf_all + pdf, twin_all + twin);
        md.push_str(&format!(
            "| {} | {build:.1} ms | {svg:.1} ms | {png:.1} ms | {pdf:.1} ms | {twin:.1} ms | {ratio:.2} |\n",
            chart.name()
        ));
    }
    md.push_str(&format!(
        "| all seven | | {svg_all:.0} ms | {png_all:.0} ms | {pdf_all:.0} ms | {twin_all:.0} ms | |\n"
    ));
    println!("{md}");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&root);
    let _ = std::fs::write(root.join("figures.md"), &md);
}
