//! The end-to-end suites, built as one test binary: each file is a suite
//! (`cargo test --test suite figures` runs one), and the crate, polars
//! and all, is linked once rather than once per suite.

mod bad_input;
mod base_rates;
mod check_cli;
mod cli;
mod common;
mod dates;
mod docs;
mod extract;
mod figures;
mod frames;
mod metrics;
mod package;
mod plot;
mod plot_options;
mod properties;
mod round_trip;
