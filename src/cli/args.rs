//! The arguments of every command, as clap reads them.

use clap::{Parser, Subcommand, ValueEnum};
use negotiations::chrono::NaiveDate;
use negotiations::export::Format;
use negotiations::plot::FileFormat;
use std::path::PathBuf;

/// Tables, checks and metrics comparing Kissinger's shuttle diplomacy with
/// Trump's envoy-and-summit diplomacy.
///
/// Every command works on the data built into the binary unless `--data DIR`
/// names a directory of your own, laid out like the shipped `data/`: seven
/// CSV files (sources, processes, missions, meetings, durations, outcomes,
/// approaches) and `sources/<source_id>.txt` for each article.
#[derive(Parser)]
#[command(name = "negotiations", version, about, long_about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(clap::Args)]
pub(crate) struct DataArg {
    /// A data directory of your own (default: the built-in data).
    #[arg(long, value_name = "DIR", global = true)]
    pub(crate) data: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum TextOrJson {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum FigureFormat {
    Svg,
    Png,
    Pdf,
    /// SVG and PNG.
    Both,
    /// SVG, PNG and PDF.
    All,
}

impl FigureFormat {
    /// The file formats this choice writes.
    pub(crate) fn formats(self) -> &'static [FileFormat] {
        match self {
            FigureFormat::Svg => &[FileFormat::Svg],
            FigureFormat::Png => &[FileFormat::Png],
            FigureFormat::Pdf => &[FileFormat::Pdf],
            FigureFormat::Both => &[FileFormat::Svg, FileFormat::Png],
            FigureFormat::All => &FileFormat::ALL,
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Draw the seven report charts (timeline, durations, meeting_pace,
    /// shuttle_calendar, outcomes, approaches, deadlines) as SVG, PNG and/or
    /// PDF files.
    ///
    /// Each file is written to a temporary name and renamed, so an error
    /// leaves no partial figure. The output is byte-identical on every
    /// machine.
    Figures(FiguresArgs),
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
    Tables(TablesArgs),
    /// Run a SQL query (polars' SQL) over the seven tables and the UCDP
    /// context tables, and write the result as `tables` writes a table.
    ///
    /// Example: negotiations sql "SELECT approach, count(*) AS n FROM
    /// processes GROUP BY approach". An unknown table lists the tables, an
    /// unknown column the columns, a syntax error gives its line and column.
    Sql(SqlArgs),
    /// Normalize duration phrases ("almost two years", "within 50 days")
    /// into an ISO-8601 duration, a modifier and an interval of days.
    ///
    /// The rules are documented in the crate's `phrase` module. An
    /// unreadable phrase is an error (exit 1), after the others are printed.
    Duration(DurationArgs),
    /// Print the Kissinger-versus-Trump comparison of mediation with
    /// mediation: lengths, sessions per month and per mission day,
    /// leader-level share, missions, deadlines and how long agreements
    /// held, with how many processes each figure rests on.
    Summary(SummaryArgs),
    /// Write a synthetic data directory of any size that passes every
    /// check: the five articles, the shipped approaches, and N meetings
    /// with N/50 processes and outcomes and N/10 durations drawn from the
    /// shipped ones. The same N and seed always give the same files. For
    /// benchmarks and for trying the tools at scale.
    Synth(SynthArgs),
    /// Add an article to a data directory: the text is repaired as the
    /// shipped articles were (GBK mojibake, a byte-order mark, CRLF) and
    /// written to `sources/<ID>.txt`, the file as received to `raw/`, and
    /// its row to `sources.csv`; then the directory is checked. Refuses an
    /// id already there and a file that is not text; a failure leaves the
    /// directory as it was.
    AddSource(AddSourceArgs),
    /// Find candidate rows in an article: dates (with their precision),
    /// spans, ages, deadlines and pledges, and meetings with the people and
    /// places they name. Each comes with its sentence as the quote and a
    /// draft row of its table. Nothing is written unless asked: --accept
    /// appends chosen drafts and checks the directory; --draft writes them
    /// as CSV to edit (then `negotiations append FILE`).
    Extract(ExtractArgs),
    /// Append the rows of a CSV file (an edited draft of `extract --draft`)
    /// to the table its header names, then check the directory; on a
    /// problem nothing is changed.
    Append(AppendArgs),
    /// Rebuild `sources/<source_id>.txt` from the raw articles: repair
    /// mojibake, normalize line ends. Reads `sources.csv` for the id and raw
    /// file of each article.
    BuildSources(BuildSourcesArgs),
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
    /// The `negotiations` Jupyter kernel: `%%sql` and `%%plot` cells
    /// answered at once by this program, Rust cells by evcxr
    /// (docs/notebooks.md).
    ///
    /// `negotiations kernel install` registers it with Jupyter; SQL and
    /// chart cells then work at once, Rust cells once
    /// `scripts/setup-notebooks.sh` has built evcxr.
    #[command(subcommand)]
    Kernel(KernelCommand),
}

/// The arguments of `negotiations figures`.
#[derive(clap::Args)]
pub(crate) struct FiguresArgs {
    /// The directory to write to (created if needed).
    #[arg(long, value_name = "DIR", default_value = "figures")]
    pub(crate) out: PathBuf,
    /// svg, png, pdf, both (svg and png) or all three.
    #[arg(long, value_enum, default_value = "both")]
    pub(crate) format: FigureFormat,
    #[command(flatten)]
    pub(crate) data: DataArg,
}

/// The arguments of `negotiations tables`.
#[derive(clap::Args)]
pub(crate) struct TablesArgs {
    /// sources, processes, missions, meetings, durations, outcomes or approaches.
    pub(crate) name: Option<String>,
    /// table (aligned text), csv, json (an array of row objects), html
    /// (every cell escaped) or parquet (keeps dtypes; needs --out).
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    /// With csv: put a ' before text cells that start with =, +, -, @,
    /// a tab or a carriage return, so a spreadsheet shows them as text
    /// instead of running them as formulas. Off by default: the CSV is
    /// the data itself and reads back byte for byte; a guarded file
    /// does not.
    #[arg(long)]
    pub(crate) spreadsheet: bool,
    #[command(flatten)]
    pub(crate) data: DataArg,
}

/// The arguments of `negotiations sql`.
#[derive(clap::Args)]
pub(crate) struct SqlArgs {
    /// The query; quote it.
    pub(crate) query: String,
    /// table (aligned text), csv, json (an array of row objects), html
    /// (every cell escaped) or parquet (keeps dtypes; needs --out).
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) data: DataArg,
}

/// The arguments of `negotiations duration`.
#[derive(clap::Args)]
pub(crate) struct DurationArgs {
    /// One or more phrases; quote each one.
    #[arg(required = true)]
    pub(crate) phrases: Vec<String>,
    /// text, or json (an object per phrase; a list when several are given).
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: TextOrJson,
}

/// The arguments of `negotiations summary`.
#[derive(clap::Args)]
pub(crate) struct SummaryArgs {
    /// Count open processes and holding agreements to this date
    /// (YYYY-MM-DD; default: the latest meeting or outcome in the data).
    #[arg(long, value_name = "DATE")]
    pub(crate) as_of: Option<NaiveDate>,
    /// Count every process, the United States' own negotiations (Paris,
    /// Trump–Kim...) beside its mediations.
    #[arg(long)]
    pub(crate) pooled: bool,
    /// table, csv, json or html.
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
    #[command(flatten)]
    pub(crate) data: DataArg,
}

/// The arguments of `negotiations synth`.
#[derive(clap::Args)]
pub(crate) struct SynthArgs {
    /// How many meetings.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub(crate) meetings: usize,
    /// The seed of the random numbers.
    #[arg(long, default_value_t = 2026)]
    pub(crate) seed: u64,
    /// The directory to write (created if needed; its files are replaced).
    #[arg(long, value_name = "DIR")]
    pub(crate) out: PathBuf,
}

/// The arguments of `negotiations add-source`.
#[derive(clap::Args)]
pub(crate) struct AddSourceArgs {
    /// The article: a UTF-8 text file.
    pub(crate) file: PathBuf,
    /// Its id (letters, digits, `_`, `-`).
    #[arg(long)]
    pub(crate) id: String,
    /// A short description for charts and tables (default: the title).
    #[arg(long)]
    pub(crate) label: Option<String>,
    /// The headline.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// The publication.
    #[arg(long)]
    pub(crate) outlet: Option<String>,
    /// The author.
    #[arg(long)]
    pub(crate) author: Option<String>,
    /// When it was published: YYYY-MM-DD (or YYYY-MM, YYYY). A day
    /// resolves the article's "on Tuesday" in `extract`.
    #[arg(long, value_name = "DATE")]
    pub(crate) date: Option<String>,
    /// Where it was found (kept in `notes`: `sources.csv` has no URL column).
    #[arg(long)]
    pub(crate) url: Option<String>,
    /// Who holds the rights to the text and on what terms you keep it
    /// (default: not stated, treated as all rights reserved).
    #[arg(long)]
    pub(crate) rights: Option<String>,
    /// Notes of your own.
    #[arg(long)]
    pub(crate) notes: Option<String>,
    #[command(flatten)]
    pub(crate) data: DataArg,
}

/// The arguments of `negotiations extract`.
#[derive(clap::Args)]
pub(crate) struct ExtractArgs {
    /// The article's id.
    #[arg(long, value_name = "ID")]
    pub(crate) source: String,
    /// table, csv, json or html (the article highlighted beside the table).
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: Format,
    /// Append the drafts of these candidates (numbers from the `n`
    /// column, or `all`) to --data DIR, then check it.
    #[arg(
        long,
        value_name = "N,N,...",
        value_delimiter = ',',
        conflicts_with = "draft"
    )]
    pub(crate) accept: Vec<String>,
    /// Fill the process of accepted drafts that have none.
    #[arg(long, value_name = "PROCESS_ID")]
    pub(crate) process: Option<String>,
    /// Write the drafts as CSV, one file per table (FILE with
    /// `-meetings`, `-durations`, `-outcomes` before its extension).
    #[arg(long, value_name = "FILE")]
    pub(crate) draft: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) data: DataArg,
}

/// The arguments of `negotiations append`.
#[derive(clap::Args)]
pub(crate) struct AppendArgs {
    /// The CSV file; its first column names the table (`meeting_id`...).
    pub(crate) file: PathBuf,
    #[command(flatten)]
    pub(crate) data: DataArg,
}

/// The arguments of `negotiations build-sources`.
#[derive(clap::Args)]
pub(crate) struct BuildSourcesArgs {
    /// The data directory holding `sources.csv`.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub(crate) data: PathBuf,
    /// Where the raw articles are (default: DIR/raw).
    #[arg(long, value_name = "DIR")]
    pub(crate) raw: Option<PathBuf>,
}

/// Options of `negotiations base-rates`.
#[derive(clap::Args)]
pub(crate) struct BaseRatesArgs {
    /// Break the figures down by UCDP agreement type (full, partial,
    /// process) as well as for all agreements.
    #[arg(long, value_enum, value_name = "pa_type")]
    pub(crate) by: Option<ByArg>,
    /// Whose activity ends an agreement: its conflicts, or its signatory
    /// dyads.
    #[arg(long, value_enum, default_value = "conflict")]
    pub(crate) level: LevelArg,
    /// When the clock starts: at signing, or at the first quiet year after
    /// it.
    #[arg(long, value_enum, default_value = "signing")]
    pub(crate) clock: ClockArg,
    /// table (for the terminal), csv (the base-rate rows) or json (every
    /// part, with `survival_pct` for scripts/check-base-rates.py --compare).
    #[arg(long, value_enum, default_value = "table")]
    pub(crate) format: BaseRatesFormat,
    /// Cluster-bootstrap resamples.
    #[arg(long, value_name = "N", default_value_t = negotiations::base_rates::DEFAULT_RESAMPLES)]
    pub(crate) resamples: usize,
    /// The bootstrap's seed.
    #[arg(long, default_value_t = negotiations::base_rates::DEFAULT_SEED)]
    pub(crate) seed: u64,
    /// Count holding article agreements to this date (YYYY-MM-DD; default:
    /// the latest meeting or outcome in the data).
    #[arg(long, value_name = "DATE")]
    pub(crate) as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub(crate) data: DataArg,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ByArg {
    #[value(name = "pa_type")]
    PaType,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum LevelArg {
    Conflict,
    Dyad,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ClockArg {
    Signing,
    Quiet,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub(crate) enum BaseRatesFormat {
    Table,
    Csv,
    Json,
}

/// The subcommands of `negotiations kernel`.
#[derive(Subcommand)]
pub(crate) enum KernelCommand {
    /// Register the kernel with Jupyter (a kernel spec that runs this
    /// program), for the current user.
    Install(KernelInstallArgs),
    /// Run the kernel on a Jupyter connection file (Jupyter does this).
    Run {
        /// The connection file Jupyter wrote.
        connection_file: PathBuf,
    },
}

/// The arguments of `negotiations kernel install`.
#[derive(clap::Args)]
pub(crate) struct KernelInstallArgs {
    /// The kernel spec's name (what notebooks name in their metadata).
    #[arg(long, default_value = "negotiations")]
    pub(crate) name: String,
    /// Jupyter's data directory to install into (default: JUPYTER_DATA_DIR,
    /// else the user's, as `jupyter --data-dir` prints it).
    #[arg(long, value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
}
