//! The `negotiations` command: one module per command, the arguments in
//! [`args`], what they share in [`common`].

mod args;
mod base_rates;
mod check;
mod common;
mod extract;
mod figures;
#[cfg(feature = "kernel")]
mod kernel;
mod sources;
mod summary;
mod synth;
mod tables;

use std::process::ExitCode;

use clap::Parser;
use negotiations::Error;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Check(a) => check::run(a),
        Command::Figures(a) => figures::run(a),
        Command::Tables(a) => tables::tables(a),
        Command::Sql(a) => tables::sql(a),
        Command::Duration(a) => tables::duration(a),
        Command::Summary(a) => summary::run(a),
        Command::Synth(a) => synth::run(a),
        Command::AddSource(a) => sources::add_source(a),
        Command::BuildSources(a) => sources::build_sources(a),
        Command::Extract(a) => extract::extract(a),
        Command::Append(a) => extract::append(a),
        Command::BaseRates(a) => base_rates::run(a),
        #[cfg(feature = "kernel")]
        Command::Kernel(a) => kernel::run(a),
        #[cfg(not(feature = "kernel"))]
        Command::Kernel(_) => Err(Error::MissingFeature {
            what: "negotiations kernel".into(),
            feature: "kernel",
        }),
    }
}
