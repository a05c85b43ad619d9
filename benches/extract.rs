//! How long `extract` takes on a 10,000-word article: the five shipped
//! articles, twice over, added to a copy of the shipped data as one
//! article dated 2025-12-05 (so relative dates are resolved too).
//!
//! ```text
//! cargo bench --bench extract            # median of 21 runs
//! cargo bench --bench extract -- 51      # of 51 runs
//! ```
//!
//! It times the whole of `extract::extract` (building the gazetteer from
//! the tables, scanning, drafting every row, the DataFrame), and its
//! parts, and prints the medians in milliseconds. The target is 50 ms.

mod common;

use common::median_ms;
use negotiations::Dataset;
use negotiations::chrono::NaiveDate;
use negotiations::codes::Precision;
use negotiations::extract::{self, Extractor};
use negotiations::rows::{self, SourceMeta};

const ARTICLES: [&str; 5] = [
    "kissinger_echo",
    "kremlin_collision",
    "protracted_op_ed",
    "strategic_muddle",
    "unconventional_envoys",
];

fn main() {
    let runs = std::env::args()
        .skip(1)
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(21)
        .max(1);
    let shipped = Dataset::embedded().expect("the shipped data loads");
    let one: String = ARTICLES
        .iter()
        .map(|a| format!("{}\n", shipped.source_text(a).expect("an article")))
        .collect();
    let text = one.repeat(2);
    let words = text.split_whitespace().count();
    assert!(words >= 10_000, "{words} words");

    let dir = tempfile::tempdir().expect("a temporary directory");
    shipped.save(dir.path()).expect("save");
    let meta = SourceMeta {
        published: Some((
            NaiveDate::from_ymd_opt(2025, 12, 5).expect("a date"),
            Precision::Day,
        )),
        ..SourceMeta::default()
    };
    let data = rows::add_source(dir.path(), text.as_bytes(), "ten_thousand", &meta)
        .expect("add the article")
        .data;
    let article = data.source_text("ten_thousand").expect("the article");
    let anchor = NaiveDate::from_ymd_opt(2025, 12, 5);

    let df = extract::extract(&data, "ten_thousand").expect("extract");
    let drafts = extract::article(&data, "ten_thousand")
        .expect("extract")
        .drafts
        .len();
    println!(
        "extract on a {words}-word article ({} chars): {} candidates, {drafts} drafts; median of {runs} runs",
        article.chars().count(),
        df.height()
    );
    let whole = median_ms(runs, || extract::extract(&data, "ten_thousand"));
    let gazetteer = median_ms(runs, || Extractor::new(&data));
    let x = Extractor::new(&data).expect("gazetteer");
    let scan = median_ms(runs, || x.text("ten_thousand", article, anchor));
    let found = x.text("ten_thousand", article, anchor);
    let frame = median_ms(runs, || found.frame());
    let timex = median_ms(runs, || negotiations::timex::scan(article, anchor));
    let highlight = median_ms(runs, || found.highlight());
    println!("| step | ms |");
    println!("|---|---|");
    println!("| `extract::extract` (all of it) | {whole:.1} |");
    println!("| gazetteer (`Extractor::new`) | {gazetteer:.2} |");
    println!("| candidates and drafts (`Extractor::text`) | {scan:.1} |");
    println!("| of which `timex::scan` | {timex:.1} |");
    println!("| DataFrame (`Extraction::frame`) | {frame:.2} |");
    println!("| HTML highlight (not in `extract`) | {highlight:.2} |");
    println!(
        "target: at most 50 ms: {}",
        if whole <= 50.0 { "met" } else { "missed" }
    );
}
