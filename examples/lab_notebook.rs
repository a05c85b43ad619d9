//! A notebook whose chart outputs are what the `negotiations` kernel shows
//! inline (each chart's SVG and, in the same output, its Vega-Lite twin),
//! made from real charts without a kernel, for `scripts/check-lab.py` to
//! open in JupyterLab: `cargo run --example lab_notebook -- OUT.ipynb`.
//!
//! The first chart is the one the browser check hovers; the others cover
//! every mark of the chart layer and the seven report charts.

use negotiations::charts::{Chart, Figure};
use negotiations::plot::{Plot, VEGA_LITE_MIME, VegaLite};
use negotiations::polars::prelude::*;
use negotiations::{Dataset, metrics};
use serde_json::{Value, json};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/lab/charts.ipynb".into());
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
        .sort(["year", "approach"], Default::default())
        .collect()?;
    let pace = metrics::meetings(&data)?;

    let mut charts: Vec<(String, Plot)> = vec![
        (
            r#"Plot::new(&per_year).bar("year", "meetings").color("approach").dodge()"#.into(),
            Plot::new(&per_year)
                .bar("year", "meetings")
                .color("approach")
                .dodge()
                .title("Meetings per year, by approach"),
        ),
        (
            r#"Plot::new(&per_process).point("days_high", "meetings").color("approach").label("name").x_log().y_log()"#.into(),
            Plot::new(&per_process)
                .point("days_high", "meetings")
                .color("approach")
                .label("name")
                .x_log()
                .y_log()
                .title("Process length against meetings"),
        ),
        (
            r#"Plot::new(&pace).step("days_since_start", "ordinal").color("process_id")"#.into(),
            Plot::new(&pace)
                .step("days_since_start", "ordinal")
                .color("process_id")
                .title("Meetings, one after another"),
        ),
        (
            r#"Plot::new(&durations).interval("subject", "days_low", "days_high").color("kind").x_log().x_days()"#.into(),
            Plot::new(&durations)
                .interval("subject", "days_low", "days_high")
                .color("kind")
                .x_log()
                .x_days()
                .title("Stated durations"),
        ),
        (
            r#"Plot::new(&pace).histogram("days_since_previous").bins(15).color("leader_level")"#.into(),
            Plot::new(&pace)
                .histogram("days_since_previous")
                .bins(15)
                .color("leader_level")
                .title("Days between meetings"),
        ),
        (
            r#"Plot::new(&meetings).histogram("date").bins(20)"#.into(),
            Plot::new(&meetings)
                .histogram("date")
                .bins(20)
                .title("Meetings over time"),
        ),
        (
            r#"Plot::new(&approaches).heat("actor", "dimension", "actor").label("value")"#.into(),
            Plot::new(&approaches)
                .heat("actor", "dimension", "actor")
                .label("value")
                .title("Approaches"),
        ),
        (
            r#"Plot::new(&outcomes).interval("outcome_id", "date", "until").color("held").rule_x(as_of, "as of")"#.into(),
            Plot::new(&outcomes)
                .interval("outcome_id", "date", "until")
                .color("held")
                .rule_x(as_of, "as of")
                .title("Agreements"),
        ),
        (
            r#"Plot::new(&with_approach).point("date", "format").color("approach").facet("approach")"#.into(),
            Plot::new(&with_approach)
                .point("date", "format")
                .color("approach")
                .facet("approach")
                .title("Meetings by format, per approach"),
        ),
    ];
    for chart in Chart::ALL {
        let fig = Figure::new(chart, &data)?;
        charts.push((format!("Figure::new(Chart::{chart:?}, &data)?"), fig.plot()));
    }

    let mut cells = vec![json!({
        "cell_type": "markdown",
        "id": "intro",
        "metadata": {},
        "source": "# Charts and their interactive twins\n\nEach output holds the chart's SVG and its Vega-Lite twin: JupyterLab shows the twin (hover, zoom, pan), nbconvert and GitHub the SVG. Written by `cargo run --example lab_notebook`.",
    })];
    for (k, (source, plot)) in charts.iter().enumerate() {
        let mut bundle = serde_json::Map::new();
        bundle.insert("image/svg+xml".into(), json!(plot.inline_svg()?));
        match plot.vega_lite()? {
            VegaLite::Spec(spec) => {
                bundle.insert(VEGA_LITE_MIME.into(), spec);
            }
            VegaLite::Unmapped(reason) => eprintln!("chart {k}: SVG only: {reason}"),
        }
        cells.push(json!({
            "cell_type": "code",
            "execution_count": k + 1,
            "id": format!("chart-{k}"),
            "metadata": {},
            "outputs": [{
                "data": Value::Object(bundle),
                "execution_count": k + 1,
                "metadata": {},
                "output_type": "execute_result",
            }],
            "source": source,
        }));
    }
    let nb = json!({
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Rust · negotiations", "language": "rust", "name": "negotiations"},
            "language_info": {"name": "Rust", "file_extension": ".rs", "mimetype": "text/rust"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    });
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, serde_json::to_string_pretty(&nb)? + "\n")?;
    println!("{out}: {} charts", charts.len());
    Ok(())
}
