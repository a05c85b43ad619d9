//! Benchmarks at scale: load and validate, metrics, charts and all figures
//! on synthetic data of 10 k, 100 k and 1 M meetings, against a plain polars
//! CSV read of the same files, with peak heap memory for each step.
//!
//! ```text
//! cargo bench --bench scale                      # all three sizes (about 3 minutes)
//! cargo bench --bench scale -- 10000 100000      # chosen sizes
//! ```
//!
//! It prints a Markdown table (the one in the README's BENCHMARKS section)
//! and writes it to `target/bench/scale.md`. Times are the median of
//! several runs; memory is the peak of live heap bytes during one run,
//! counted by a wrapper around the system allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use negotiations::charts::{Chart, Figure};
use negotiations::polars::prelude::*;
use negotiations::{Dataset, metrics, synth};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new) };
        if !q.is_null() {
            if new >= layout.size() {
                let now =
                    LIVE.fetch_add(new - layout.size(), Ordering::Relaxed) + new - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// One measured step: median seconds and peak heap above what was live
/// before it.
struct Measure {
    seconds: f64,
    peak_bytes: usize,
}

fn measure<T>(runs: usize, mut f: impl FnMut() -> T) -> Measure {
    let mut times = Vec::with_capacity(runs);
    let mut peak = 0;
    for _ in 0..runs {
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let t = Instant::now();
        let out = f();
        times.push(t.elapsed().as_secs_f64());
        peak = peak.max(PEAK.load(Ordering::Relaxed) - base);
        drop(out);
    }
    times.sort_by(f64::total_cmp);
    Measure {
        seconds: times[times.len() / 2],
        peak_bytes: peak,
    }
}

/// A plain polars read of the six CSV files: the baseline for loading.
fn polars_read(dir: &Path) -> Vec<DataFrame> {
    negotiations::TABLES
        .iter()
        .map(|t| {
            CsvReadOptions::default()
                .with_has_header(true)
                .try_into_reader_with_file_path(Some(dir.join(t.file)))
                .and_then(|r| r.finish())
                .expect("polars reads the synthetic CSV")
        })
        .collect()
}

fn frames(data: &Dataset) -> Vec<DataFrame> {
    negotiations::TABLES
        .iter()
        .map(|t| data.frame(t.name).expect("frame"))
        .collect()
}

fn dir_bytes(dir: &Path) -> u64 {
    negotiations::TABLES
        .iter()
        .map(|t| std::fs::metadata(dir.join(t.file)).map_or(0, |m| m.len()))
        .sum()
}

fn main() {
    // `cargo bench` passes `--bench`; anything numeric is a size.
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![10_000, 100_000, 1_000_000];
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let mut rows: Vec<(String, Vec<Measure>)> = Vec::new();
    let mut header = vec!["step".to_string()];
    let mut notes = Vec::new();
    for &n in &sizes {
        let dir = root.join(format!("data-{n}"));
        let t = Instant::now();
        let counts = synth::generate(&dir, n, 2026).expect("generate");
        notes.push(format!(
            "{n} meetings: {} rows in all, {:.1} MB of CSV, generated in {:.1} s",
            counts.total(),
            dir_bytes(&dir) as f64 / 1e6,
            t.elapsed().as_secs_f64()
        ));
        header.push(format!("{n} meetings"));
        let runs = if n >= 1_000_000 { 3 } else { 5 };
        let data = Dataset::from_dir(&dir).expect("synthetic data passes the checks");
        let as_of = metrics::as_of(&data).expect("as_of");
        let mut steps: Vec<(String, Measure)> = vec![
            (
                "plain polars CSV read (baseline)".into(),
                measure(runs, || polars_read(&dir)),
            ),
            (
                "load and validate (`Dataset::from_dir`)".into(),
                measure(runs, || Dataset::from_dir(&dir).expect("load")),
            ),
            (
                "load, validate and make the six DataFrames".into(),
                measure(runs, || {
                    let d = Dataset::from_dir(&dir).expect("load");
                    frames(&d)
                }),
            ),
            (
                "metrics: `summary`".into(),
                measure(runs, || metrics::summary(&data, as_of).expect("summary")),
            ),
            (
                "metrics: `processes`, `outcomes`, `meetings`".into(),
                measure(runs, || {
                    (
                        metrics::processes(&data, as_of).expect("processes"),
                        metrics::outcomes(&data, as_of).expect("outcomes"),
                        metrics::meetings(&data).expect("meetings"),
                    )
                }),
            ),
        ];
        for chart in Chart::ALL {
            steps.push((
                format!("chart `{}` (SVG and PNG)", chart.name()),
                measure(runs, || {
                    let f = Figure::new(chart, &data).expect("figure");
                    (f.svg().expect("svg"), f.png().expect("png"))
                }),
            ));
        }
        let out = root.join(format!("figures-{n}"));
        steps.push((
            "`negotiations figures` work: load, six charts, SVG and PNG files".into(),
            measure(runs, || {
                let d = Dataset::from_dir(&dir).expect("load");
                for chart in Chart::ALL {
                    let f = Figure::new(chart, &d).expect("figure");
                    f.save_svg(out.join(format!("{}.svg", chart.name())))
                        .expect("svg");
                    f.save_png(out.join(format!("{}.png", chart.name())))
                        .expect("png");
                }
            }),
        ));
        for (name, m) in steps {
            match rows.iter_mut().find(|(r, _)| *r == name) {
                Some((_, ms)) => ms.push(m),
                None => rows.push((name, vec![m])),
            }
        }
        eprintln!("done: {n} meetings");
    }

    let mut md = String::new();
    md.push_str(&format!("| {} |\n", header.join(" | ")));
    md.push_str(&format!("|{}\n", "---|".repeat(header.len())));
    for (name, ms) in &rows {
        let cells: Vec<String> = ms
            .iter()
            .map(|m| format!("{} · {}", seconds(m.seconds), megabytes(m.peak_bytes)))
            .collect();
        md.push_str(&format!("| {name} | {} |\n", cells.join(" | ")));
    }
    // Ratios the targets are stated in.
    let base = &rows[0].1;
    for (i, label) in [(1, "load and validate"), (2, "load, validate, DataFrames")] {
        let ratios: Vec<String> = rows[i]
            .1
            .iter()
            .zip(base)
            .map(|(m, b)| format!("{:.2}×", m.seconds / b.seconds))
            .collect();
        md.push_str(&format!(
            "| ratio: {label} / plain polars read | {} |\n",
            ratios.join(" | ")
        ));
    }
    if sizes.len() > 1 {
        md.push_str("\nGrowth from each size to the next (time · memory; rows grow by the ratio of the sizes):\n\n");
        for (name, ms) in &rows {
            let g: Vec<String> = ms
                .windows(2)
                .map(|w| {
                    format!(
                        "{:.1}× · {:.1}×",
                        w[1].seconds / w[0].seconds,
                        w[1].peak_bytes as f64 / w[0].peak_bytes.max(1) as f64
                    )
                })
                .collect();
            md.push_str(&format!("- {name}: {}\n", g.join(", ")));
        }
    }
    md.push('\n');
    for n in &notes {
        md.push_str(&format!("- {n}\n"));
    }
    println!("{md}");
    let _ = std::fs::create_dir_all(&root);
    let _ = std::fs::write(root.join("scale.md"), &md);
}

fn seconds(s: f64) -> String {
    if s < 0.1 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

fn megabytes(b: usize) -> String {
    format!("{:.0} MB", b as f64 / 1e6)
}
