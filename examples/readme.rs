//! The README's two Rust examples, kept here so that `cargo test` (which
//! builds every example) fails when they stop compiling. Run it with
//! `cargo run --example readme -- OUT_DIR`: it writes the files the README
//! names into OUT_DIR.

use negotiations::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&out)?;
    std::env::set_current_dir(&out)?;

    // README, "Two commands" (from `let data` on).
    let data = Dataset::embedded()?; // or Dataset::from_dir("my-data")?
    let summits = data
        .frame("meetings")?
        .lazy()
        .filter(col("format").eq(lit("summit")))
        .collect()?;
    Plot::new(&summits)
        .point("date", "process_id")
        .tooltip("place")
        .title("Summits")
        .save_png("summits.png")?;
    Figure::new(Chart::Timeline, &data)?.save_svg("timeline.svg")?;

    // README, "Charts of your own".
    let approach = data
        .frame("processes")?
        .lazy()
        .select([col("process_id"), col("approach")]);
    let per_month = data
        .frame("meetings")?
        .lazy()
        .join(
            approach,
            [col("process_id")],
            [col("process_id")],
            JoinArgs::new(JoinType::Left),
        )
        .filter(col("date").dt().year().eq(lit(2025)))
        .group_by([
            col("date").dt().truncate(lit("1mo")).alias("month"),
            col("approach"),
        ])
        .agg([len().cast(DataType::Int64).alias("meetings")])
        .collect()?;
    Plot::new(&per_month)
        .bar("month", "meetings")
        .color("approach")
        .title("Meetings per month, 2025")
        .save_svg("per-month.svg")?;
    Ok(())
}
