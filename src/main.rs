//! The `negotiations` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use negotiations::{Dataset, Error};

/// Tables and checks for comparing Kissinger's shuttle diplomacy with
/// Trump's envoy-and-summit diplomacy. Works on the data built into the
/// binary unless `--data DIR` names a directory of your own.
#[derive(Parser)]
#[command(name = "negotiations", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate every table: types, codes, ids, foreign keys, dates and
    /// quotes. Prints every problem as FILE:LINE:COLUMN: message (value) and
    /// exits non-zero when there is any.
    Check {
        /// A data directory laid out like the shipped `data/` (six CSV files
        /// and `sources/<source_id>.txt`); the built-in data when absent.
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Rebuild `sources/<source_id>.txt` from the raw articles: repair
    /// mojibake, normalize line ends. Reads `sources.csv` for the id and raw
    /// file of each article.
    BuildSources {
        /// The data directory holding `sources.csv`.
        #[arg(long, value_name = "DIR", default_value = "data")]
        data: PathBuf,
        /// Where the raw articles are (default: DIR/raw).
        #[arg(long, value_name = "DIR")]
        raw: Option<PathBuf>,
    },
}

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

fn load(data: Option<PathBuf>) -> Result<Dataset, Error> {
    match data {
        Some(dir) => Dataset::from_dir(dir),
        None => Dataset::embedded(),
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Check { data } => {
            let where_ = data
                .as_ref()
                .map_or("built-in data".to_string(), |d| d.display().to_string());
            let d = load(data)?;
            let mut rows = Vec::new();
            for t in negotiations::schema::tables() {
                rows.push(format!("{} {}", d.table(t.name)?.height(), t.name));
            }
            println!("ok: {where_}: {}", rows.join(", "));
            Ok(())
        }
        Command::BuildSources { data, raw } => {
            let raw = raw.unwrap_or_else(|| data.join("raw"));
            let pairs = negotiations::sources::raw_files(&data)?;
            for path in negotiations::text::build_sources(&raw, &data.join("sources"), &pairs)? {
                println!("wrote {}", path.display());
            }
            Ok(())
        }
    }
}
