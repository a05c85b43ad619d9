//! Writes the tidy rows each report chart draws as CSV files, one per
//! chart (`timeline.csv`, ...), and the chart's titles as JSON: the input
//! of the pandas + matplotlib baseline in `scripts/figures-matplotlib.py`,
//! which draws the same seven charts from the same rows (docs/benchmarks.md,
//! "Report figures against pandas + matplotlib").
//!
//! ```text
//! cargo run --release --example chart_rows -- target/bench/chart-rows
//! ```

use negotiations::charts::Chart;
use negotiations::export::frame_csv;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/bench/chart-rows".into()),
    );
    std::fs::create_dir_all(&out)?;
    let data = negotiations::Dataset::embedded()?;
    let as_of = negotiations::metrics::as_of(&data)?;
    for chart in Chart::ALL {
        let rows = chart.rows(&data, as_of)?;
        std::fs::write(out.join(format!("{}.csv", chart.name())), frame_csv(&rows)?)?;
    }
    println!(
        "wrote the rows of {} charts to {}",
        Chart::ALL.len(),
        out.display()
    );
    Ok(())
}
