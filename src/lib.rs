//! # negotiations
//!
//! Tables, checks, metrics and charts for comparing how diplomatic
//! negotiations are run: Henry Kissinger's 1973–75 shuttle diplomacy against
//! Donald Trump's 2025 envoy-and-summit diplomacy, with the historic cases
//! the articles set beside them (the Korean armistice, the Good Friday
//! Agreement, the Treaty of Portsmouth, the Budapest Memorandum, the
//! Trump–Kim summits).
//!
//! The data is drawn from five articles (2025), kept in `data/raw/` as
//! received and repaired into `data/sources/` by [`text::repair`]. Every row
//! of every table cites a verbatim quote that [`Dataset`] finds in its
//! article when it loads.
//!
//! ## The tables
//!
//! | table | a row is | codebook |
//! |---|---|---|
//! | `sources` | an article | [`sources`] |
//! | `processes` | a negotiation process (a case) | [`processes`] |
//! | `missions` | a trip of the lead negotiator that groups sessions | [`missions`] |
//! | `meetings` | a session: a meeting or call with a party's principal | [`meetings`] |
//! | `durations` | a stated time span, deadline or pledge | [`durations`] |
//! | `outcomes` | a result of a process | [`outcomes`] |
//! | `approaches` | a Kissinger-versus-Trump coding (dimension × actor) | [`approaches`] |
//!
//! ## Example
//!
//! ```
//! use negotiations::Dataset;
//!
//! // The data ships inside the crate; `Dataset::from_dir("my-data")` reads
//! // a directory laid out the same way.
//! let data = Dataset::embedded()?;
//! let korea = data.table("processes")?;
//! let row = (0..korea.height())
//!     .find(|&r| korea.text("process_id", r) == Some("korean_armistice"))
//!     .unwrap();
//! assert_eq!(korea.number("meetings_count", row), Some(575.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## DataFrames, durations, metrics
//!
//! Each table is also a polars DataFrame with real dtypes ([`frame`]): dates
//! as `Date` (with a `<date>_last` column giving the end of a month- or
//! year-precision period), codes as `Enum`, lists as `List(String)`. Use the
//! polars re-exported here, so a notebook compiles only one.
//!
//! ```
//! use negotiations::polars::prelude::*;
//! use negotiations::{metrics, phrase, Dataset};
//!
//! let data = Dataset::embedded()?;
//! let trump = data
//!     .frame("meetings")?
//!     .lazy()
//!     .filter(col("process_id").eq(lit("trump_ukraine")))
//!     .collect()?;
//! assert_eq!(trump.height(), 61);
//!
//! // "almost two years" is less than two years: 657 to 730 days.
//! let n = phrase::normalize("almost two years")?;
//! assert_eq!((n.iso.as_str(), n.modifier.as_str()), ("P2Y", "less_than"));
//!
//! // Kissinger versus Trump, mediation with mediation, metric by metric.
//! let summary = metrics::summary(&data, metrics::as_of(&data)?)?;
//! assert_eq!(summary.width(), 10); // metric, unit, three sides, what each rests on (three counts and their unit), caveat
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! | module | what it does |
//! |---|---|
//! | [`phrase`] | duration phrases to ISO-8601, modifier and a day interval |
//! | [`metrics`] | process lengths, meeting pace, leader-level share, deadlines, how long outcomes held; the summary |
//! | [`base_rates`] | base rates from UCDP conflict data: how often peace agreements hold (Kaplan–Meier, [`survival`]), how conflicts end, the article agreements set beside them and their `held` codings checked |
//! | [`charts`] | the seven report charts, on any plotters backend; [`charts::Figure`] shows inline in evcxr and saves SVG/PNG |
//! | [`export`] | CSV, JSON, HTML (escaped) and Parquet output |
//! | [`text`] | repairing the raw articles; matching quotes |
//! | [`codebook`] | the codebooks and `datapackage.json`, from [`schema`] |
//! | [`extract`] | candidate rows found in an article: dates, spans, deadlines, pledges, meetings; drafts; an HTML highlight |
//! | [`rows`] | typed row builders appended to a data directory and checked; adding an article |
//! | [`timex`] | the temporal expressions of news prose, with their sentences |
//! | [`synth`] | seeded synthetic data directories of any size, for benchmarks |
//! | [`notebook`] | rich display in Jupyter (evcxr): HTML tables, and [`notebook::Show`] for one compile per cell |
//! | [`load`] | reading one CSV file against its schema, in parallel chunks when it is large |
//!
//! The `negotiations` binary wraps these: `check`, `tables`, `duration`,
//! `summary`, `figures`, `synth`, `base-rates`, `add-source`, `extract`,
//! `append` (run `negotiations --help`).
//!
//! ## Features
//!
//! `cli` (on by default) is the command line and what only it needs: clap,
//! and polars' Parquet, CSV and JSON writers (which bring polars' streaming
//! engine and a cloud stack, about 170 crates). `parquet` is
//! [`export::parquet`]. A notebook builds without them:
//! `:dep negotiations = { path = "..", default-features = false }`.
//!
//! Errors name the file, line, column and value of every problem, all at
//! once:
//!
//! ```no_run
//! match negotiations::Dataset::from_dir("my-data") {
//!     Ok(_) => println!("ok"),
//!     Err(e) => eprintln!("{e}"), // meetings.csv:14:3: column 'date': impossible date ... ("1975-02-30")
//! }
//! ```
#![deny(missing_docs)]

// The wings, from the ground up: each imports only those above it in this
// list (and the error type), so data flows one way.
// What is computed from them: metrics, survival, base rates.
pub mod analysis;
// Adding an article: row builders and candidate rows drawn from prose.
pub mod authoring;
// The vocabulary: codes, dates, citations, paths from the data.
pub mod base;
// The report charts, on the chart layer.
pub mod charts;
pub mod error;
pub mod io;
pub mod notebook;
// The chart layer: any DataFrame, drawn; knows nothing of negotiations.
pub mod plot;
pub mod prelude;
// The language of news prose: duration phrases, temporal expressions,
// article texts.
pub mod prose;
// The tables and their reading: schema, loading, checking, the dataset and
// its typed model, DataFrames, export, the codebooks, the UCDP context,
// synthetic data.
pub mod tables;

// The modules at the paths the crate has always offered them.
pub use analysis::{base_rates, metrics, survival};
pub use authoring::{extract, rows};
pub use base::{citation, codes, dates, paths};
pub use prose::{phrase, text, timex};
pub use tables::{
    approaches, codebook, context, dataset, durations, export, frame, load, meetings, missions,
    model, outcomes, package, processes, schema, sources, sql, synth, table,
};

pub use dataset::{Dataset, Origin, TABLES};

/// The version of the data this build carries (`data/CHANGES.md`); the
/// crate's own version is in `CHANGELOG.md`.
pub const DATA_VERSION: &str = "0.3.0";

// The README's and the docs' Rust examples are compiled by `cargo test`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
#[cfg(doctest)]
#[doc = include_str!("../docs/charts.md")]
struct ChartExamples;
pub use error::{Error, Problem, Problems, Result};

/// The chrono this crate's dates come from.
pub use chrono;
/// The plotters this crate draws with (SVG and bitmap backends, the
/// `ab_glyph` text feature): draw by hand with it, in the house style of
/// [`plot::theme`], without a second `:dep` that might not match.
pub use plotters;
/// The polars this crate is built with: use it (`negotiations::polars`) so a
/// notebook never compiles a second, clashing copy.
pub use polars;
