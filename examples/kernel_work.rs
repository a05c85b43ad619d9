//! The work `scripts/kernel-speed.py` times in the `negotiations` notebook
//! kernel, timed here in a release build: each `// ==` step below is sent
//! to the kernel as one cell (its `laps.lap` line left out), so both sides
//! run the same code.
//!
//! ```text
//! cargo run --release --example kernel_work -- DIR   # DIR: negotiations synth --meetings 1000000
//! ```
//!
//! Prints one line per step: `WORK <seconds> <name>`.

use negotiations::prelude::*;

struct Laps(std::time::Instant);

impl Laps {
    fn lap(&mut self, name: &str) {
        println!("WORK {:.3} {name}", self.0.elapsed().as_secs_f64());
        self.0 = std::time::Instant::now();
    }
}

#[allow(non_snake_case, unused_variables)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: kernel_work DIR")?;
    let DATA = dir.as_str();
    let mut laps = Laps(std::time::Instant::now());
    // == load a million meetings (Dataset::from_dir)
    let big = Dataset::from_dir(DATA)?;
    laps.lap("load a million meetings (Dataset::from_dir)");
    // == the durations figure as SVG
    let durations_svg = Figure::new(Chart::Durations, &big)?.svg()?;
    laps.lap("the durations figure as SVG");
    // == a frame of a million rows for the layer charts
    let m = big.frame("meetings")?;
    let layer = m
        .clone()
        .lazy()
        .select([
            col("date"),
            (col("date").cast(DataType::Int32) + lit(30))
                .cast(DataType::Date)
                .alias("end"),
            col("date")
                .dt()
                .ordinal_day()
                .cast(DataType::Float64)
                .alias("value"),
            (col("date").dt().ordinal_day().cast(DataType::Float64) * lit(0.8)).alias("low"),
            (col("date").dt().ordinal_day().cast(DataType::Float64) * lit(1.2)).alias("high"),
            col("format").cast(DataType::String).alias("category"),
            col("process_id").alias("group"),
        ])
        .collect()?;
    laps.lap("a frame of a million rows for the layer charts");
    // == histogram of the meeting dates as SVG
    let hist_svg = Plot::new(&m).histogram("date").svg()?;
    laps.lap("histogram of the meeting dates as SVG");
    // == point, coloured, as SVG
    let point_svg = Plot::new(&layer)
        .point("date", "value")
        .color("category")
        .svg()?;
    laps.lap("point, coloured, as SVG");
    // == line per category as SVG
    let line_svg = Plot::new(&layer)
        .line("date", "value")
        .color("category")
        .svg()?;
    laps.lap("line per category as SVG");
    // == bar (category × value) as SVG
    let bar_svg = Plot::new(&layer).bar("category", "value").svg()?;
    laps.lap("bar (category × value) as SVG");
    // == interval (group: date to end) as SVG
    let interval_svg = Plot::new(&layer).interval("group", "date", "end").svg()?;
    laps.lap("interval (group: date to end) as SVG");
    // == ribbon (date: low to high) as SVG
    let ribbon_svg = Plot::new(&layer).ribbon("date", "low", "high").svg()?;
    laps.lap("ribbon (date: low to high) as SVG");
    // == heat (category × group) as SVG
    let heat_svg = Plot::new(&layer).heat("category", "group", "value").svg()?;
    laps.lap("heat (category × group) as SVG");
    // == point, coloured, as PNG
    let point_png = Plot::new(&layer)
        .point("date", "value")
        .color("category")
        .png()?;
    laps.lap("point, coloured, as PNG");
    // == end
    Ok(())
}
