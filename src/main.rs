//! The `negotiations` command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use negotiations::chrono::NaiveDate;
use negotiations::context::Context;
use negotiations::export::{self, Format};
use negotiations::polars::prelude::DataFrame;
use negotiations::{Dataset, Error, TABLES, metrics};

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
    /// Draw the seven report charts (timeline, durations, meeting_pace,
    /// shuttle_calendar, outcomes, approaches, deadlines) as SVG and/or PNG
    /// files.
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
    /// duration phrases, quotes and the coding rules (data/CODING.md); then
    /// the context tables (UCDP) and their links to the article cases.
    /// Prints every problem as FILE:LINE:COLUMN: message (value) and exits 1
    /// when there is any.
    Check(DataArg),
    /// List the tables, or write one in a format of your choice.
    ///
    /// Without NAME, lists the tables and their row counts. With NAME,
    /// writes that table to standard output or to --out FILE (written to a
    /// temporary file and renamed, so a failure leaves no partial file).
    Tables {
        /// sources, processes, missions, meetings, durations, outcomes or approaches.
        name: Option<String>,
        /// table (aligned text), csv, json (an array of row objects), html
        /// (every cell escaped) or parquet (keeps dtypes; needs --out).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// With csv: put a ' before text cells that start with =, +, -, @,
        /// a tab or a carriage return, so a spreadsheet shows them as text
        /// instead of running them as formulas. Off by default: the CSV is
        /// the data itself and reads back byte for byte; a guarded file
        /// does not.
        #[arg(long)]
        spreadsheet: bool,
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
    /// Print the Kissinger-versus-Trump comparison of mediation with
    /// mediation: lengths, sessions per month and per mission day,
    /// leader-level share, missions, deadlines and how long agreements
    /// held, with how many processes each figure rests on.
    Summary {
        /// Count open processes and holding agreements to this date
        /// (YYYY-MM-DD; default: the latest meeting or outcome in the data).
        #[arg(long, value_name = "DATE")]
        as_of: Option<NaiveDate>,
        /// Count every process, the United States' own negotiations (Paris,
        /// Trump–Kim...) beside its mediations.
        #[arg(long)]
        pooled: bool,
        /// table, csv, json or html.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
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
    /// Add an article to a data directory: the text is repaired as the
    /// shipped articles were (GBK mojibake, a byte-order mark, CRLF) and
    /// written to `sources/<ID>.txt`, the file as received to `raw/`, and
    /// its row to `sources.csv`; then the directory is checked. Refuses an
    /// id already there and a file that is not text; a failure leaves the
    /// directory as it was.
    AddSource {
        /// The article: a UTF-8 text file.
        file: PathBuf,
        /// Its id (letters, digits, `_`, `-`).
        #[arg(long)]
        id: String,
        /// A short description for charts and tables (default: the title).
        #[arg(long)]
        label: Option<String>,
        /// The headline.
        #[arg(long)]
        title: Option<String>,
        /// The publication.
        #[arg(long)]
        outlet: Option<String>,
        /// The author.
        #[arg(long)]
        author: Option<String>,
        /// When it was published: YYYY-MM-DD (or YYYY-MM, YYYY). A day
        /// resolves the article's "on Tuesday" in `extract`.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Where it was found (kept in `notes`: `sources.csv` has no URL column).
        #[arg(long)]
        url: Option<String>,
        /// Who holds the rights to the text and on what terms you keep it
        /// (default: not stated, treated as all rights reserved).
        #[arg(long)]
        rights: Option<String>,
        /// Notes of your own.
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        data: DataArg,
    },
    /// Find candidate rows in an article: dates (with their precision),
    /// spans, ages, deadlines and pledges, and meetings with the people and
    /// places they name. Each comes with its sentence as the quote and a
    /// draft row of its table. Nothing is written unless asked: --accept
    /// appends chosen drafts and checks the directory; --draft writes them
    /// as CSV to edit (then `negotiations append FILE`).
    Extract {
        /// The article's id.
        #[arg(long, value_name = "ID")]
        source: String,
        /// table, csv, json or html (the article highlighted beside the table).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Append the drafts of these candidates (numbers from the `n`
        /// column, or `all`) to --data DIR, then check it.
        #[arg(
            long,
            value_name = "N,N,...",
            value_delimiter = ',',
            conflicts_with = "draft"
        )]
        accept: Vec<String>,
        /// Fill the process of accepted drafts that have none.
        #[arg(long, value_name = "PROCESS_ID")]
        process: Option<String>,
        /// Write the drafts as CSV, one file per table (FILE with
        /// `-meetings`, `-durations`, `-outcomes` before its extension).
        #[arg(long, value_name = "FILE")]
        draft: Option<PathBuf>,
        #[command(flatten)]
        data: DataArg,
    },
    /// Append the rows of a CSV file (an edited draft of `extract --draft`)
    /// to the table its header names, then check the directory; on a
    /// problem nothing is changed.
    Append {
        /// The CSV file; its first column names the table (`meeting_id`...).
        file: PathBuf,
        #[command(flatten)]
        data: DataArg,
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
    /// Base rates from UCDP conflict data: how often peace agreements hold
    /// (Kaplan–Meier survival at 1, 2, 5 and 10 years, with Greenwood and
    /// cluster-bootstrap intervals, the number at risk and failures), how
    /// conflict episodes ended, the article agreements placed on the curve,
    /// and the article `held` codings checked against UCDP's later activity
    /// (disagreements listed).
    ///
    /// The durability rule (data/context/README.md): an agreement signed in
    /// year y fails at the first later year in which one of its conflicts
    /// (--level dyad: its signatory dyads) has 25 or more battle deaths;
    /// otherwise it is censored at 2025. --clock quiet starts the clock at
    /// the first inactive year after signing. `--format json` gives the
    /// figures in the shape `scripts/check-base-rates.py --compare` reads.
    BaseRates(BaseRatesArgs),
}

/// Options of `negotiations base-rates`.
#[derive(clap::Args)]
struct BaseRatesArgs {
    /// Break the figures down by UCDP agreement type (full, partial,
    /// process) as well as for all agreements.
    #[arg(long, value_enum, value_name = "pa_type")]
    by: Option<ByArg>,
    /// Whose activity ends an agreement: its conflicts, or its signatory
    /// dyads.
    #[arg(long, value_enum, default_value = "conflict")]
    level: LevelArg,
    /// When the clock starts: at signing, or at the first quiet year after
    /// it.
    #[arg(long, value_enum, default_value = "signing")]
    clock: ClockArg,
    /// table (for the terminal), csv (the base-rate rows) or json (every
    /// part, with `survival_pct` for scripts/check-base-rates.py --compare).
    #[arg(long, value_enum, default_value = "table")]
    format: BaseRatesFormat,
    /// Cluster-bootstrap resamples.
    #[arg(long, value_name = "N", default_value_t = negotiations::base_rates::DEFAULT_RESAMPLES)]
    resamples: usize,
    /// The bootstrap's seed.
    #[arg(long, default_value_t = negotiations::base_rates::DEFAULT_SEED)]
    seed: u64,
    /// Count holding article agreements to this date (YYYY-MM-DD; default:
    /// the latest meeting or outcome in the data).
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
    #[command(flatten)]
    data: DataArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum ByArg {
    #[value(name = "pa_type")]
    PaType,
}

#[derive(Clone, Copy, ValueEnum)]
enum LevelArg {
    Conflict,
    Dyad,
}

#[derive(Clone, Copy, ValueEnum)]
enum ClockArg {
    Signing,
    Quiet,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum BaseRatesFormat {
    Table,
    Csv,
    Json,
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

fn load(data: &DataArg) -> Result<Dataset, Error> {
    match &data.data {
        Some(dir) => Dataset::from_dir(dir),
        None => Dataset::embedded(),
    }
}

/// The data directory a command writes into: `--data DIR`, required.
fn data_dir<'a>(data: &'a DataArg, command: &str) -> Result<&'a Path, Error> {
    data.data.as_deref().ok_or_else(|| {
        Error::Invalid(format!(
            "{command} writes into a data directory: give --data DIR (a copy of the shipped data/, say)"
        ))
    })
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

/// The summary for the terminal: the table, with each caveat as a
/// numbered note under it.
fn summary_text(df: &DataFrame, as_of: NaiveDate) -> Result<String, Error> {
    let (table, notes) = metrics::summary_display(df)?;
    let mut out = format!(
        "Kissinger vs Trump, as of {as_of}; in brackets, how many of `of` each figure rests on\n\n{}",
        export::text_table(&table, 70)
    );
    if !notes.is_empty() {
        out.push_str("\nWhat these figures cannot compare:\n");
        for (i, n) in notes.iter().enumerate() {
            out.push_str(&format!("[{}] {n}\n", i + 1));
        }
    }
    Ok(out)
}

fn json_error(e: serde_json::Error) -> Error {
    Error::Write {
        format: "JSON",
        message: e.to_string(),
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
            for t in TABLES {
                rows.push(format!("{} {}", d.table(t.name)?.height(), t.name));
            }
            println!("ok: {where_}: {}", rows.join(", "));
            if !d.quotes_checked() {
                println!(
                    "note: quotes not checked: this build has no article texts (the published crate leaves them out); `check --data DIR` with the repository's data/ checks them"
                );
            }
            let ctx = Context::for_dataset(&d)?;
            let dangling = ctx.check_links(&d);
            // The built-in links name the shipped processes: beside a data
            // directory of one's own without a `context/`, those it lacks
            // are left out, not errors.
            let own_data = !matches!(d.origin(), negotiations::Origin::Embedded);
            let built_in_context = matches!(ctx.origin(), negotiations::Origin::Embedded);
            if own_data && built_in_context {
                if !dangling.is_empty() {
                    println!(
                        "note: {} of the built-in context's links name processes or outcomes this data lacks; they are left out (give DIR/context/links.csv to link your own)",
                        dangling.len()
                    );
                }
            } else if !dangling.is_empty() {
                return Err(dangling.into());
            }
            let mut rows = Vec::new();
            for t in negotiations::context::TABLES {
                rows.push(format!("{} {}", ctx.table(t.name)?.height(), t.name));
            }
            let from = match ctx.origin() {
                negotiations::Origin::Dir(dir) => dir.display().to_string(),
                _ => "built-in context data".to_string(),
            };
            println!("ok: {from}: {}", rows.join(", "));
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
            spreadsheet,
            data,
        } => {
            if spreadsheet && format != Format::Csv {
                return Err(Error::Invalid(
                    "--spreadsheet applies to --format csv".into(),
                ));
            }
            let d = load(&data)?;
            let Some(name) = name else {
                let mut s = String::new();
                for t in TABLES {
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
            if format == Format::Parquet && out.is_none() {
                return Err(Error::Invalid("parquet is binary: give --out FILE".into()));
            }
            let bytes = match format {
                Format::Csv if spreadsheet => export::csv_for_spreadsheets(table)?,
                Format::Csv => export::csv(table)?,
                Format::Json => export::json(table)?,
                Format::Table => export::text_table(&d.frame(&name)?, 40).into_bytes(),
                Format::Html => export::html_page(&d.frame(&name)?, &name).into_bytes(),
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
                    .map_err(json_error)?;
                    if !ok.is_empty() {
                        println!(
                            "{}",
                            serde_json::to_string_pretty(&value).map_err(json_error)?
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
            pooled,
            format,
            data,
        } => {
            let d = load(&data)?;
            let as_of = match as_of {
                Some(a) => a,
                None => metrics::as_of(&d)?,
            };
            let scope = if pooled {
                metrics::Scope::Pooled
            } else {
                metrics::Scope::Mediation
            };
            let df = metrics::summary_of(&d, as_of, scope)?;
            let bytes = match format {
                Format::Table => summary_text(&df, as_of)?.into_bytes(),
                Format::Html => export::html_page(&df, "Kissinger vs Trump").into_bytes(),
                Format::Csv => export::frame_csv(&df)?,
                Format::Json => export::frame_json(&df)?,
                Format::Parquet => {
                    return Err(Error::Invalid(
                        "summary is not written as parquet; use csv or json".into(),
                    ));
                }
            };
            emit(&bytes, None)
        }
        Command::AddSource {
            file,
            id,
            label,
            title,
            outlet,
            author,
            date,
            url,
            rights,
            notes,
            data,
        } => {
            let dir = data_dir(&data, "add-source")?;
            let raw = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
            let published = match date {
                Some(d) => Some(
                    negotiations::dates::parse_period(&d)
                        .map_err(|e| Error::Invalid(format!("--date {d:?}: {e}")))?,
                ),
                None => None,
            };
            let meta = negotiations::rows::SourceMeta {
                label,
                title,
                outlet,
                author,
                published,
                url,
                file: file.file_name().map(|n| n.to_string_lossy().into_owned()),
                rights,
                notes,
            };
            let added = negotiations::rows::add_source(dir, &raw, &id, &meta)?;
            println!("{added}");
            println!(
                "next: negotiations extract --source {id} --data {}",
                dir.display()
            );
            Ok(())
        }
        Command::Extract {
            source,
            format,
            accept,
            process,
            draft,
            data,
        } => {
            let d = load(&data)?;
            let found = negotiations::extract::article(&d, &source)?;
            if !accept.is_empty() {
                let dir = data_dir(&data, "extract --accept")?;
                let numbers: Vec<usize> = if accept.iter().any(|a| a == "all") {
                    found
                        .candidates
                        .iter()
                        .filter(|c| c.draft.is_some())
                        .map(|c| c.number)
                        .collect()
                } else {
                    accept
                        .iter()
                        .map(|a| {
                            a.trim().parse::<usize>().map_err(|_| {
                                Error::Invalid(format!("--accept: {a:?} is not a candidate number"))
                            })
                        })
                        .collect::<Result<_, _>>()?
                };
                let rows = found.accepted(&numbers)?;
                let after = found.accept(dir, &numbers, process.as_deref())?;
                println!(
                    "appended {} rows to {} and checked it: {}",
                    rows.len(),
                    dir.display(),
                    rows.iter()
                        .map(|r| format!("{} {}", r.table().name, r.id()))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                let mut counts = Vec::new();
                for t in TABLES {
                    counts.push(format!("{} {}", after.table(t.name)?.height(), t.name));
                }
                println!("ok: {}", counts.join(", "));
                return Ok(());
            }
            if let Some(path) = draft {
                for table in ["meetings", "durations", "outcomes"] {
                    let n = found
                        .drafts
                        .iter()
                        .filter(|r| r.table().name == table)
                        .count();
                    if n == 0 {
                        continue;
                    }
                    let stem = path
                        .file_stem()
                        .map_or("drafts".into(), |s| s.to_string_lossy());
                    let ext = path
                        .extension()
                        .map_or("csv".into(), |s| s.to_string_lossy());
                    let out = path.with_file_name(format!("{stem}-{table}.{ext}"));
                    negotiations::io::write_atomic(
                        &out,
                        &negotiations::rows::csv(table, &found.drafts)?,
                    )?;
                    println!("wrote {n} draft {table} rows to {}", out.display());
                }
                return Ok(());
            }
            let df = found.frame()?;
            let bytes = match format {
                Format::Table => {
                    export::text_table(&df.select(negotiations::extract::BRIEF)?, 32).into_bytes()
                }
                Format::Csv => export::frame_csv(&df)?,
                Format::Json => export::frame_json(&df)?,
                Format::Html => found
                    .view()?
                    .page(&format!("Candidates in {source}"))
                    .into_bytes(),
                Format::Parquet => {
                    return Err(Error::Invalid(
                        "extract is not written as parquet; use csv or json".into(),
                    ));
                }
            };
            emit(&bytes, None)
        }
        Command::Append { file, data } => {
            let dir = data_dir(&data, "append")?;
            let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
            let done = negotiations::rows::append_csv(dir, &bytes)?;
            println!(
                "appended {} rows to {} in {} and checked it: {} rows",
                done.rows,
                done.table,
                dir.display(),
                done.data.table(done.table)?.height()
            );
            Ok(())
        }
        Command::BuildSources { data, raw } => {
            let raw = raw.unwrap_or_else(|| data.join("raw"));
            let pairs = negotiations::package::raw_files(&data)?;
            for path in negotiations::package::build_sources(&raw, &data.join("sources"), &pairs)? {
                println!("wrote {}", path.display());
            }
            Ok(())
        }
        Command::BaseRates(args) => base_rates_command(args),
    }
}

/// A frame's rows as JSON values.
fn frame_rows(df: &DataFrame) -> Result<serde_json::Value, Error> {
    serde_json::from_slice(&export::frame_json(df)?).map_err(json_error)
}

/// `negotiations base-rates`.
fn base_rates_command(args: BaseRatesArgs) -> Result<(), Error> {
    use negotiations::base_rates::{self as br, Options, Ucdp};
    use negotiations::polars::prelude::*;
    use negotiations::survival::{Clock, Level};

    let d = load(&args.data)?;
    let ctx = Context::for_dataset(&d)?;
    let u = Ucdp::from_context(&ctx)?;
    let opts = Options {
        level: match args.level {
            LevelArg::Conflict => Level::Conflict,
            LevelArg::Dyad => Level::Dyad,
        },
        clock: match args.clock {
            ClockArg::Signing => Clock::Signing,
            ClockArg::Quiet => Clock::FirstQuietYear,
        },
        resamples: args.resamples,
        seed: args.seed,
        ..Options::default()
    };
    let by_type = args.by.is_some();
    let table = u.table(&opts, by_type)?;
    if args.format == BaseRatesFormat::Csv {
        return emit(&export::frame_csv(&table)?, None);
    }
    let as_of = match args.as_of {
        Some(a) => a,
        None => metrics::as_of(&d)?,
    };
    let endings = u.endings()?;
    let placed = br::article_agreements(&d, &ctx, as_of, opts.level, opts.clock)?;
    let check = br::held_check(&d, &ctx)?;
    let verdicts: Vec<String> = check
        .column("verdict")?
        .str()?
        .iter()
        .map(|v| v.unwrap_or_default().to_string())
        .collect();
    let count = |v: br::Verdict| verdicts.iter().filter(|x| *x == v.as_str()).count();
    let disagreements = check
        .clone()
        .lazy()
        .filter(col("verdict").eq(lit(br::Verdict::Disagree.as_str())))
        .collect()?;

    if args.format == BaseRatesFormat::Json {
        let mut out = u.survival_pct(opts.level, opts.clock, &opts.at_years)?;
        if let Some(obj) = out.as_object_mut() {
            obj.insert("resamples".into(), opts.resamples.into());
            obj.insert("seed".into(), opts.seed.into());
            obj.insert("as_of".into(), as_of.to_string().into());
            obj.insert("rows".into(), frame_rows(&table)?);
            obj.insert("endings".into(), frame_rows(&endings)?);
            obj.insert("article_agreements".into(), frame_rows(&placed)?);
            obj.insert("held_check".into(), frame_rows(&check)?);
            obj.insert("attribution".into(), br::ATTRIBUTION.into());
        }
        let mut bytes = serde_json::to_vec_pretty(&out).map_err(json_error)?;
        bytes.push(b'\n');
        return emit(&bytes, None);
    }

    // The terminal: percentages and intervals as text.
    let pct = |c: &str| -> Result<Vec<Option<f64>>, Error> {
        Ok(table
            .column(c)?
            .f64()?
            .iter()
            .map(|x| x.map(|x| 100.0 * x))
            .collect())
    };
    let (s, lo, hi, blo, bhi) = (
        pct("survival")?,
        pct("lower")?,
        pct("upper")?,
        pct("boot_lower")?,
        pct("boot_upper")?,
    );
    let interval = |a: &[Option<f64>], b: &[Option<f64>]| -> Vec<String> {
        a.iter()
            .zip(b)
            .map(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => format!("{a:.1}–{b:.1}"),
                _ => String::new(),
            })
            .collect()
    };
    let shown = DataFrame::new(
        table.height(),
        vec![
            table.column("group")?.clone(),
            table.column("horizon")?.clone().with_name("years".into()),
            Column::new(
                "holding %".into(),
                s.iter()
                    .map(|x| x.map_or(String::new(), |x| format!("{x:.2}")))
                    .collect::<Vec<_>>(),
            ),
            Column::new("Greenwood 95 %".into(), interval(&lo, &hi)),
            Column::new("bootstrap 95 %".into(), interval(&blo, &bhi)),
            table.column("at_risk")?.clone(),
            table.column("events")?.clone().with_name("failed".into()),
            table.column("n")?.clone(),
            table.column("clusters")?.clone(),
            table.column("excluded")?.clone(),
        ],
    )?;
    let kept = u.durability(opts.level, opts.clock)?;
    let clock = match opts.clock {
        Clock::Signing => "from signing",
        Clock::FirstQuietYear => "from the first quiet year after signing",
    };
    let mut out = format!(
        "Durability of UCDP peace agreements: {} level, clock {clock}, last data year {}\n{} agreements kept, {} excluded (never quiet); intervals 95 %: Greenwood log-log, and a cluster bootstrap over conflicts ({} resamples, seed {})\n\n{}",
        br::level_code(opts.level),
        u.last_year,
        kept.spells.len(),
        kept.excluded.len(),
        opts.resamples,
        opts.seed,
        export::text_table(&shown, 40),
    );
    out.push_str(
        "\nHow conflict episodes ended (UCDP dyad episodes that ended; lengths in years):\n\n",
    );
    out.push_str(&export::text_table(&endings, 40));
    out.push_str(&format!(
        "\nThe article agreements on the curve of all UCDP agreements (they have no UCDP pa_type), as of {as_of}:\n\n"
    ));
    let placed_shown = placed.select([
        "outcome_id",
        "side",
        "status",
        "age_years",
        "base_survival",
        "next_year",
        "beyond_data",
    ])?;
    out.push_str(&export::text_table(&placed_shown, 40));
    out.push_str(&format!(
        "\nHeld check (the articles' `held` codings against UCDP's later activity, through data/context/links.csv): {} agree, {} disagree, {} cannot tell\n",
        count(br::Verdict::Agree),
        count(br::Verdict::Disagree),
        count(br::Verdict::CannotTell),
    ));
    if disagreements.height() == 0 {
        out.push_str("Disagreements: none.\n");
    } else {
        out.push_str("Disagreements:\n");
        let ids = disagreements.column("outcome_id")?.str()?.clone();
        let reasons = disagreements.column("reason")?.str()?.clone();
        for (id, reason) in ids.iter().zip(reasons.iter()) {
            out.push_str(&format!(
                "- {}: {}\n",
                id.unwrap_or_default(),
                reason.unwrap_or_default()
            ));
        }
    }
    out.push_str("(every row, with its reason: --format json, key held_check)\n\n");
    out.push_str(br::ATTRIBUTION);
    out.push('\n');
    emit(out.as_bytes(), None)
}
