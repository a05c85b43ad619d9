//! The `negotiations` command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use negotiations::chrono::NaiveDate;
use negotiations::export::{self, Format};
use negotiations::polars::prelude::SerWriter;
use negotiations::{metrics, schema, Dataset, Error};

/// Tables, checks and metrics comparing Kissinger's shuttle diplomacy with
/// Trump's envoy-and-summit diplomacy.
///
/// Every command works on the data built into the binary unless `--data DIR`
/// names a directory of your own, laid out like the shipped `data/`: six CSV
/// files (sources, processes, meetings, durations, outcomes, approaches) and
/// `sources/<source_id>.txt` for each article.
#[derive(Parser)]
#[command(name = "negotiations", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct DataArg {
    /// A data directory of your own (default: the built-in data).
    #[arg(long, value_name = "DIR", global = true)]
    data: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Table,
    Csv,
    Json,
    Html,
    Parquet,
}

#[derive(Clone, Copy, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum FigureFormat {
    Svg,
    Png,
    Both,
}

#[derive(Subcommand)]
enum Command {
    /// Draw the six report charts (timeline, durations, meeting_pace,
    /// outcomes, approaches, deadlines) as SVG and/or PNG files.
    ///
    /// Each file is written to a temporary name and renamed, so an error
    /// leaves no partial figure. The output is byte-identical on every
    /// machine.
    Figures {
        /// The directory to write to (created if needed).
        #[arg(long, value_name = "DIR", default_value = "figures")]
        out: PathBuf,
        /// svg, png or both.
        #[arg(long, value_enum, default_value = "both")]
        format: FigureFormat,
        #[command(flatten)]
        data: DataArg,
    },
    /// Validate every table: types, codes, unique ids, foreign keys, dates,
    /// duration phrases and quotes. Prints every problem as
    /// FILE:LINE:COLUMN: message (value) and exits 1 when there is any.
    Check(DataArg),
    /// List the tables, or write one in a format of your choice.
    ///
    /// Without NAME, lists the tables and their row counts. With NAME,
    /// writes that table to standard output or to --out FILE (written to a
    /// temporary file and renamed, so a failure leaves no partial file).
    Tables {
        /// sources, processes, meetings, durations, outcomes or approaches.
        name: Option<String>,
        /// table (aligned text), csv, json (an array of row objects), html
        /// (every cell escaped) or parquet (keeps dtypes; needs --out).
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        data: DataArg,
    },
    /// Normalize duration phrases ("almost two years", "within 50 days")
    /// into an ISO-8601 duration, a modifier and an interval of days.
    ///
    /// The rules are documented in the crate's `phrase` module. An
    /// unreadable phrase is an error (exit 1), after the others are printed.
    Duration {
        /// One or more phrases; quote each one.
        #[arg(required = true)]
        phrases: Vec<String>,
        /// text, or json (an object per phrase; a list when several are given).
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Print the Kissinger-versus-Trump comparison: lengths, meeting pace,
    /// leader-level share, deadlines and how long agreements held.
    Summary {
        /// Count open processes and holding agreements to this date
        /// (YYYY-MM-DD; default: the latest meeting or outcome in the data).
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// table, csv, json or html.
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
        #[command(flatten)]
        data: DataArg,
    },
    /// Write a synthetic data directory of any size that passes every
    /// check: the five articles, the shipped approaches, and N meetings
    /// with N/50 processes and outcomes and N/10 durations drawn from the
    /// shipped ones. The same N and seed always give the same files. For
    /// benchmarks and for trying the tools at scale.
    Synth {
        /// How many meetings.
        #[arg(long, value_name = "N", default_value_t = 100_000)]
        meetings: usize,
        /// The seed of the random numbers.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// The directory to write (created if needed; its files are replaced).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
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
    // Show whole tables in the terminal, not polars' ten-row preview.
    std::env::set_var("POLARS_FMT_MAX_ROWS", "200");
    std::env::set_var("POLARS_FMT_STR_LEN", "48");
    std::env::set_var("POLARS_FMT_TABLE_HIDE_DATAFRAME_SHAPE_INFORMATION", "1");
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn load(data: &DataArg) -> Result<Dataset, Error> {
    match &data.data {
        Some(dir) => Dataset::from_dir(dir),
        None => Dataset::embedded(),
    }
}

fn format_of(f: TableFormat) -> Format {
    match f {
        TableFormat::Table => Format::Table,
        TableFormat::Csv => Format::Csv,
        TableFormat::Json => Format::Json,
        TableFormat::Html => Format::Html,
        TableFormat::Parquet => Format::Parquet,
    }
}

/// Writes to `out` (atomically) or standard output.
fn emit(bytes: &[u8], out: Option<&Path>) -> Result<(), Error> {
    match out {
        Some(path) => negotiations::io::write_atomic(path, bytes),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|_| stdout.flush())
                .map_err(|e| Error::io("<stdout>", e))
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Check(data) => {
            let where_ = data
                .data
                .as_ref()
                .map_or("built-in data".to_string(), |d| d.display().to_string());
            let d = load(&data)?;
            let mut rows = Vec::new();
            for t in schema::tables() {
                rows.push(format!("{} {}", d.table(t.name)?.height(), t.name));
            }
            println!("ok: {where_}: {}", rows.join(", "));
            Ok(())
        }
        Command::Synth {
            meetings,
            seed,
            out,
        } => {
            let counts = negotiations::synth::generate(&out, meetings, seed)?;
            println!(
                "wrote {}: {} processes, {} meetings, {} durations, {} outcomes ({} rows in all)",
                out.display(),
                counts.processes,
                counts.meetings,
                counts.durations,
                counts.outcomes,
                counts.total()
            );
            Ok(())
        }
        Command::Figures { out, format, data } => {
            let d = load(&data)?;
            let started = std::time::Instant::now();
            // Render everything before writing anything, so a failing chart
            // leaves the output directory as it was.
            let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
            for chart in negotiations::charts::Chart::ALL {
                let fig = negotiations::charts::Figure::new(chart, &d)?;
                if format != FigureFormat::Png {
                    files.push((
                        out.join(format!("{}.svg", chart.name())),
                        fig.svg()?.into_bytes(),
                    ));
                }
                if format != FigureFormat::Svg {
                    files.push((out.join(format!("{}.png", chart.name())), fig.png()?));
                }
            }
            for (path, bytes) in &files {
                negotiations::io::write_atomic(path, bytes)?;
            }
            println!(
                "wrote {} files to {} in {:.2} s",
                files.len(),
                out.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Tables {
            name,
            format,
            out,
            data,
        } => {
            let d = load(&data)?;
            let Some(name) = name else {
                let mut s = String::new();
                for t in schema::tables() {
                    s.push_str(&format!(
                        "{:<11} {:>5} rows  {}\n",
                        t.name,
                        d.table(t.name)?.height(),
                        t.row
                    ));
                }
                return emit(s.as_bytes(), out.as_deref());
            };
            let table = d.table(&name)?;
            let format = format_of(format);
            if format == Format::Parquet && out.is_none() {
                return Err(Error::Other("parquet is binary: give --out FILE".into()));
            }
            let bytes = match format {
                Format::Csv => export::csv(table)?,
                Format::Json => export::json(table)?,
                Format::Table => format!("{}\n", d.frame(&name)?).into_bytes(),
                Format::Html => export::html_table(&d.frame(&name)?, None).into_bytes(),
                Format::Parquet => export::parquet(&d.frame(&name)?)?,
            };
            emit(&bytes, out.as_deref())
        }
        Command::Duration { phrases, format } => {
            let results: Vec<_> = phrases
                .iter()
                .map(|p| negotiations::phrase::normalize(p))
                .collect();
            let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
            match format {
                TextOrJson::Text => {
                    for n in &ok {
                        println!(
                            "{:?}: {} {} [{}, {}] days",
                            n.phrase,
                            n.iso,
                            n.modifier.as_str(),
                            n.days_low,
                            n.days_high
                        );
                    }
                }
                TextOrJson::Json => {
                    let value = if phrases.len() == 1 {
                        serde_json::to_value(ok.first())
                    } else {
                        serde_json::to_value(&ok)
                    }
                    .map_err(|e| Error::Other(e.to_string()))?;
                    if !ok.is_empty() {
                        println!(
                            "{}",
                            serde_json::to_string_pretty(&value)
                                .map_err(|e| Error::Other(e.to_string()))?
                        );
                    }
                }
            }
            match results.into_iter().find_map(Result::err) {
                Some(e) => Err(e),
                None => Ok(()),
            }
        }
        Command::Summary {
            as_of,
            format,
            data,
        } => {
            let d = load(&data)?;
            let as_of = match as_of {
                Some(a) => a,
                None => metrics::as_of(&d)?,
            };
            let mut df = metrics::summary(&d, as_of)?;
            let bytes = match format_of(format) {
                Format::Table => format!("Kissinger vs Trump, as of {as_of}\n{df}\n").into_bytes(),
                Format::Html => export::html_table(&df, None).into_bytes(),
                Format::Csv => {
                    let mut buf = Vec::new();
                    negotiations::polars::prelude::CsvWriter::new(&mut buf).finish(&mut df)?;
                    buf
                }
                Format::Json => {
                    let mut buf = Vec::new();
                    negotiations::polars::prelude::JsonWriter::new(&mut buf)
                        .with_json_format(negotiations::polars::prelude::JsonFormat::Json)
                        .finish(&mut df)?;
                    buf.push(b'\n');
                    buf
                }
                Format::Parquet => {
                    return Err(Error::Other(
                        "summary is not written as parquet; use tables".into(),
                    ))
                }
            };
            emit(&bytes, None)
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
