//! One chart per mark of the chart layer, drawn from the shipped data and
//! saved as PNG and SVG: `cargo run --example gallery -- OUT_DIR`.

use negotiations::plot::Plot;
use negotiations::polars::prelude::*;
use negotiations::{Dataset, metrics};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "gallery".into());
    std::fs::create_dir_all(&out)?;
    let data = Dataset::embedded()?;
    let as_of = metrics::as_of(&data)?;
    let meetings = data.frame("meetings")?;
    let processes = data.frame("processes")?;
    let durations = data.frame("durations")?;
    let approaches = data.frame("approaches")?;
    let outcomes = metrics::outcomes(&data, as_of)?;
    let per_process = metrics::processes(&data, as_of)?;

    let with_approach = meetings
        .clone()
        .lazy()
        .join(
            processes
                .clone()
                .lazy()
                .select([col("process_id"), col("approach")]),
            [col("process_id")],
            [col("process_id")],
            JoinArgs::new(JoinType::Left),
        )
        .collect()?;
    let per_year = with_approach
        .clone()
        .lazy()
        .filter(col("date").is_not_null())
        .with_column(col("date").dt().year().cast(DataType::String).alias("year"))
        .group_by([col("year"), col("approach")])
        .agg([len().cast(DataType::Int64).alias("meetings")])
        .collect()?;
    let charts: Vec<(&str, Plot)> = vec![
        (
            "bar",
            Plot::new(&per_year)
                .bar("year", "meetings")
                .color("approach")
                .title("Meetings per year, by approach"),
        ),
        (
            "bar_horizontal",
            Plot::new(&per_process)
                .bar("meetings", "name")
                .color("approach")
                .title("Meetings per process")
                .x_log(),
        ),
        (
            "point",
            Plot::new(&per_process)
                .point("days_high", "meetings")
                .color("approach")
                .label("name")
                .x_log()
                .y_log()
                .title("Process length against meetings"),
        ),
        (
            "line",
            Plot::new(&metrics::meetings(&data)?)
                .step("days_since_start", "ordinal")
                .color("process_id")
                .title("Cumulative meetings"),
        ),
        (
            "interval",
            Plot::new(&durations)
                .interval("subject", "days_low", "days_high")
                .color("kind")
                .x_log()
                .x_days()
                .title("Stated durations"),
        ),
        (
            "interval_dates",
            Plot::new(&meetings)
                .interval("process_id", "date", "date_last")
                .color("format")
                .title("Meetings: dates as the periods they stand for"),
        ),
        (
            "histogram",
            Plot::new(&durations)
                .histogram("days_high")
                .x_log()
                .bins(12)
                .title("Durations (log bins)"),
        ),
        (
            "heat",
            Plot::new(&approaches)
                .heat("actor", "dimension", "actor")
                .label("value")
                .title("Approaches"),
        ),
        (
            "rule_text",
            Plot::new(&outcomes)
                .interval("outcome_id", "date", "until")
                .color("held")
                .rule_x(as_of, "as of")
                .title("Agreements"),
        ),
        (
            "facet",
            Plot::new(&with_approach)
                .point("date", "format")
                .color("approach")
                .facet("approach")
                .title("Meetings by format, per approach"),
        ),
    ];
    for (name, chart) in charts {
        chart.save_png(format!("{out}/{name}.png"))?;
        chart.save_svg(format!("{out}/{name}.svg"))?;
        println!("{out}/{name}.png");
    }
    Ok(())
}
