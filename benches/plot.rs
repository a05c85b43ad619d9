//! The chart layer on a big frame: every kind of layer drawn from a
//! 1 M-row DataFrame, as SVG and as PNG, against a plain polars
//! aggregation of the same frame as the baseline.
//!
//! ```text
//! cargo bench --bench plot                 # 1 M rows
//! cargo bench --bench plot -- 100000       # another size
//! ```
//!
//! Prints a Markdown table (the README's "Benchmarks") and writes it to
//! `target/bench/plot.md`. Each time is the median of 5 runs. The target
//! (issue #11) is at most 1 s for any layer chart of 1 M rows, SVG and PNG.

mod common;

use std::time::Instant;

use common::median_ms;

use negotiations::polars::prelude::*;
use negotiations::prelude::Plot;

/// A seeded frame of `n` rows: a day in 2020–2025, a value, a category of
/// 6, a group of 500, an interval end and a label.
fn frame(n: usize) -> DataFrame {
    let mut state: u64 = 2026;
    let mut next = move || {
        // xorshift64*: deterministic and dependency-free.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let epoch_2020 = 18_262; // days from 1970-01-01 to 2020-01-01
    let mut day = Vec::with_capacity(n);
    let mut end = Vec::with_capacity(n);
    let mut value = Vec::with_capacity(n);
    let mut low = Vec::with_capacity(n);
    let mut high = Vec::with_capacity(n);
    let mut category = Vec::with_capacity(n);
    let mut group = Vec::with_capacity(n);
    let mut label = Vec::with_capacity(n);
    let cats = [
        "kissinger",
        "trump",
        "roosevelt",
        "carter",
        "clinton",
        "other",
    ];
    for i in 0..n {
        let r = next();
        let d = epoch_2020 + (r % 2190) as i32;
        day.push(d);
        end.push(d + ((r >> 16) % 400) as i32);
        let v = ((r >> 24) % 10_000) as f64 / 100.0;
        value.push(v);
        low.push(v * 0.8);
        high.push(v * 1.2);
        category.push(cats[(r >> 40) as usize % cats.len()]);
        group.push(format!("process_{:03}", (r >> 44) % 500));
        label.push(format!("row {i}"));
    }
    let date = |name: &str, v: Vec<i32>| {
        Column::new(name.into(), v)
            .cast(&DataType::Date)
            .expect("days cast to Date")
    };
    DataFrame::new(
        n,
        vec![
            date("day", day),
            date("end", end),
            Column::new("value".into(), value),
            Column::new("low".into(), low),
            Column::new("high".into(), high),
            Column::new("category".into(), category),
            Column::new("group".into(), group),
            Column::new("label".into(), label),
        ],
    )
    .expect("columns of one length")
}

fn main() {
    let n = std::env::args()
        .skip(1)
        .find_map(|a| a.replace('_', "").parse().ok())
        .unwrap_or(1_000_000usize);
    let t = Instant::now();
    let df = frame(n);
    eprintln!("{n} rows made in {:.2} s", t.elapsed().as_secs_f64());

    let charts: Vec<(&str, Plot)> = vec![
        (
            "point (date × value, colour)",
            Plot::new(&df).point("day", "value").color("category"),
        ),
        (
            "point with labels",
            Plot::new(&df).point("day", "value").label("label"),
        ),
        (
            "line per category",
            Plot::new(&df).line("day", "value").color("category"),
        ),
        (
            "step, cumulative",
            Plot::new(&df)
                .step("day", "value")
                .color("category")
                .cumulative(),
        ),
        (
            "bar (category × value)",
            Plot::new(&df).bar("category", "value").color("category"),
        ),
        (
            "histogram, 30 bins",
            Plot::new(&df).histogram("value").bins(30).color("category"),
        ),
        (
            "interval (group: day to end)",
            Plot::new(&df)
                .interval("group", "day", "end")
                .color("category"),
        ),
        (
            "range (category: low to high)",
            Plot::new(&df).range("category", "low", "high"),
        ),
        (
            "ribbon (day: low to high)",
            Plot::new(&df)
                .ribbon("day", "low", "high")
                .color("category"),
        ),
        ("text", Plot::new(&df).text("day", "value", "label")),
        (
            "heat (category × group)",
            Plot::new(&df).heat("category", "group", "value"),
        ),
        (
            "facets (point per category)",
            Plot::new(&df).point("day", "value").facet("category"),
        ),
    ];

    let baseline = median_ms(5, || {
        let out = df
            .clone()
            .lazy()
            .group_by([col("category"), col("group")])
            .agg([col("value").mean()])
            .collect()
            .expect("polars aggregates");
        assert!(out.height() > 0);
    });
    let mut md = format!(
        "| layer chart of {n} rows | SVG | PNG | SVG + PNG | × baseline |\n|---|---|---|---|---|\n"
    );
    md.push_str(&format!(
        "| baseline: polars mean by category and group | | | {:.0} ms | 1.0× |\n",
        baseline
    ));
    let mut worst = 0.0f64;
    for (name, plot) in &charts {
        let svg = median_ms(5, || plot.svg().expect("svg"));
        let png = median_ms(5, || plot.png().expect("png"));
        worst = worst.max(svg + png);
        md.push_str(&format!(
            "| {name} | {:.0} ms | {:.0} ms | {:.0} ms | {:.1}× |\n",
            svg,
            png,
            svg + png,
            (svg + png) / baseline
        ));
        eprintln!("done: {name}");
    }
    md.push_str(&format!(
        "\nSlowest layer chart, SVG + PNG: {:.0} ms (target: at most 1000 ms).\n",
        worst
    ));
    println!("{md}");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&root);
    let _ = std::fs::write(root.join("plot.md"), &md);
}
