//! Benchmark of the base rates: every figure of the durability rule, as
//! `negotiations base-rates` computes it, from the context data built into
//! the crate.
//!
//! ```text
//! cargo bench --bench base_rates            # 10 runs
//! cargo bench --bench base_rates -- 30      # 30 runs
//! ```
//!
//! One run computes the base-rate table for the four variants (conflict or
//! dyad level × clock from signing or from the first quiet year), each for
//! all agreements and the three `pa_type`s at 1, 2, 5 and 10 years, with a
//! 1,000-resample cluster bootstrap: 64 figures, each with its Greenwood and
//! bootstrap intervals. It starts from the loaded [`Context`] and includes
//! reading it into typed values ([`Ucdp::from_context`]). The target is at
//! most one second. Prints a Markdown table (median, fastest and slowest of
//! the runs; loading and checking the context package separately) and writes
//! it to `target/bench/base_rates.md`.

use std::time::Instant;

use negotiations::base_rates::{DEFAULT_RESAMPLES, Options, Ucdp};
use negotiations::context::Context;
use negotiations::survival::{Clock, Level};

/// The four variants of the durability rule.
const VARIANTS: [(Level, Clock); 4] = [
    (Level::Conflict, Clock::Signing),
    (Level::Conflict, Clock::FirstQuietYear),
    (Level::Dyad, Clock::Signing),
    (Level::Dyad, Clock::FirstQuietYear),
];

/// Every base-rate figure once; returns how many rows (group × horizon).
fn all_figures(ctx: &Context) -> negotiations::Result<usize> {
    let u = Ucdp::from_context(ctx)?;
    let mut rows = 0;
    for (level, clock) in VARIANTS {
        let opts = Options {
            level,
            clock,
            resamples: DEFAULT_RESAMPLES,
            ..Options::default()
        };
        rows += u.table(&opts, true)?.height();
    }
    Ok(rows)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runs: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok())
        .unwrap_or(10)
        .max(1);

    let mut load = Vec::new();
    let mut figures = Vec::new();
    let mut rows = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let ctx = Context::embedded()?;
        load.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        rows = all_figures(&ctx)?;
        figures.push(start.elapsed().as_secs_f64());
    }
    let stat = |v: &[f64]| {
        (
            median(v.to_vec()),
            v.iter().copied().fold(f64::INFINITY, f64::min),
            v.iter().copied().fold(0.0, f64::max),
        )
    };
    let (fm, fmin, fmax) = stat(&figures);
    let (lm, lmin, lmax) = stat(&load);
    let verdict = if fm <= 1.0 { "met" } else { "missed" };
    let table = format!(
        "| step | median | fastest | slowest |\n|---|---:|---:|---:|\n\
         | load and check the context package (`Context::embedded`) | {:.1} ms | {:.1} ms | {:.1} ms |\n\
         | all base-rate figures: 4 variants × (all + 3 types) × 4 horizons = {rows} rows, {DEFAULT_RESAMPLES}-resample cluster bootstrap | {:.1} ms | {:.1} ms | {:.1} ms |\n\n\
         {runs} runs; target for the figures: at most 1 s ({verdict}).\n",
        lm * 1e3,
        lmin * 1e3,
        lmax * 1e3,
        fm * 1e3,
        fmin * 1e3,
        fmax * 1e3,
    );
    print!("{table}");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("base_rates.md"), &table)?;
    Ok(())
}
