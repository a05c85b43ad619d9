//! The whole data package: loading it (from the copy embedded in the crate,
//! or from a directory) and checking it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::error::{Error, Problem, Result};
use crate::tables::package::Bytes;
use crate::tables::schema::Table;
use crate::tables::table::TableData;

/// The article tables, in load order (a table comes after those it refers
/// to).
///
/// ```
/// let names: Vec<_> = negotiations::TABLES.iter().map(|t| t.name).collect();
/// assert_eq!(names, ["sources", "processes", "missions", "meetings", "durations", "outcomes", "approaches"]);
/// ```
pub const TABLES: [&Table; 7] = [
    &crate::tables::sources::TABLE,
    &crate::tables::processes::TABLE,
    &crate::tables::missions::TABLE,
    &crate::tables::meetings::TABLE,
    &crate::tables::durations::TABLE,
    &crate::tables::outcomes::TABLE,
    &crate::tables::approaches::TABLE,
];

/// The article table named `name`, if there is one.
///
/// ```
/// let t = negotiations::dataset::spec("meetings").unwrap();
/// assert_eq!(t.file, "meetings.csv");
/// assert_eq!(t.primary_key, ["meeting_id"]);
/// ```
pub fn spec(name: &str) -> Option<&'static Table> {
    TABLES.into_iter().find(|t| t.name == name)
}

/// The shipped data, compiled into the crate so it works from any directory.
mod embedded {
    macro_rules! files {
        ($($name:literal),* $(,)?) => {
            &[$(($name, include_bytes!(concat!("../../data/", $name)).as_slice())),*]
        };
    }
    /// `(path relative to data/, contents)`: the tables.
    pub(super) const TABLE_FILES: &[(&str, &[u8])] = files![
        "sources.csv",
        "processes.csv",
        "missions.csv",
        "meetings.csv",
        "durations.csv",
        "outcomes.csv",
        "approaches.csv",
    ];
    /// The article texts, in a build from the repository (see `build.rs`:
    /// the published crate leaves them out).
    #[cfg(embedded_texts)]
    pub(super) const TEXT_FILES: &[(&str, &[u8])] = files![
        "sources/kissinger_echo.txt",
        "sources/protracted_op_ed.txt",
        "sources/strategic_muddle.txt",
        "sources/kremlin_collision.txt",
        "sources/unconventional_envoys.txt",
    ];
    #[cfg(not(embedded_texts))]
    pub(super) const TEXT_FILES: &[(&str, &[u8])] = &[];
}

/// Where a dataset was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The copy compiled into the crate.
    Embedded,
    /// A data directory.
    Dir(PathBuf),
    /// Files held in memory ([`Dataset::from_memory`]).
    Memory,
}

/// The seven tables and the article texts, loaded and checked.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// assert!(data.table("meetings")?.height() > 10);
/// assert!(data.source_text("kissinger_echo").unwrap().contains("marathon, not a sprint"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Dataset {
    origin: Origin,
    // Shared, so a clone (kept by a chart, say) costs nothing.
    tables: Arc<Vec<TableData>>,
    texts: Arc<BTreeMap<String, String>>,
    /// The typed model, built on first use ([`Dataset::model`]).
    model: Arc<OnceLock<crate::tables::model::Model>>,
}

impl Dataset {
    /// The data shipped with the crate. It is checked like any other; the
    /// shipped data passes (a test holds it to that).
    ///
    /// ```
    /// use negotiations::{Dataset, Origin};
    /// let data = Dataset::embedded()?;
    /// assert!(matches!(data.origin(), Origin::Embedded));
    /// assert_eq!(data.table("sources")?.height(), 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn embedded() -> Result<Dataset> {
        Dataset::read(Origin::Embedded, String::new(), |name| {
            Ok(embedded::TABLE_FILES
                .iter()
                .chain(embedded::TEXT_FILES)
                .find(|(n, _)| *n == name)
                .map(|(_, b)| Bytes::Borrowed(b)))
        })
    }

    /// Whether every article text is here, so that every quote was checked
    /// against its article. The built-in data of the published crate has
    /// no texts (they are other publishers' work, kept in the repository
    /// to check the quotes): there, `false`.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// // A build from the repository has the texts.
    /// assert_eq!(data.quotes_checked(), data.source_text("kissinger_echo").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quotes_checked(&self) -> bool {
        self.table("sources").is_ok_and(|s| {
            (0..s.height()).all(|r| {
                s.text("source_id", r)
                    .is_some_and(|id| self.texts.contains_key(id))
            })
        })
    }

    /// The data directory named by the environment variable
    /// `NEGOTIATIONS_DATA`, or the shipped data when it is not set: how a
    /// notebook (or the `negotiations` kernel) is pointed at data of one's
    /// own without changing a cell.
    ///
    /// ```
    /// // Unset here, so this is the shipped data.
    /// let data = negotiations::Dataset::from_env()?;
    /// assert_eq!(data.table("processes")?.height(), 14);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_env() -> Result<Dataset> {
        match std::env::var_os("NEGOTIATIONS_DATA") {
            Some(dir) if !dir.is_empty() => Dataset::from_dir(PathBuf::from(dir)),
            _ => Dataset::embedded(),
        }
    }

    /// The data in `dir`, laid out as the shipped `data/` directory: the six
    /// CSV files and `sources/<source_id>.txt`.
    ///
    /// Every problem in every file is reported at once, each with its file,
    /// line, column and value.
    ///
    /// ```
    /// use negotiations::{Dataset, Origin};
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    /// let data = Dataset::from_dir(dir)?;
    /// assert_eq!(data.origin(), &Origin::Dir(dir.into()));
    ///
    /// let err = Dataset::from_dir("/no/such/dir").unwrap_err();
    /// assert_eq!(err.to_string(), "/no/such/dir: not a data directory");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Dataset> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(Error::NotADirectory(dir.to_path_buf()));
        }
        let prefix = crate::tables::package::prefix_of(dir);
        // Every file is read through `paths::inside`: a symlink in the
        // package that leads out of it is refused, whatever the data says.
        Dataset::read(Origin::Dir(dir.to_path_buf()), prefix, |name| {
            Bytes::read(&crate::base::paths::inside(dir, name)?)
        })
    }

    /// A data package held in memory: `files` pairs names relative to a
    /// data directory (`meetings.csv`, `sources/kissinger_echo.txt`) with
    /// their contents. It is checked as [`Dataset::from_dir`] checks a
    /// directory, and problems name the files as given here.
    ///
    /// ```
    /// use negotiations::Dataset;
    /// let shipped = Dataset::embedded()?;
    /// let mut files = shipped.files()?;
    /// // Break one date: the error names the file, line, column and value.
    /// let meetings = files.iter_mut().find(|(n, _)| n == "meetings.csv").unwrap();
    /// meetings.1 = String::from_utf8(meetings.1.clone())?.replacen("1973-11-07", "1973-02-30", 1).into_bytes();
    /// let err = Dataset::from_memory(files.iter().map(|(n, b)| (n.as_str(), b.as_slice()))).unwrap_err();
    /// assert!(err.to_string().contains("meetings.csv:2:3: column 'date': impossible date"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_memory<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<Dataset> {
        let files: HashMap<&str, &[u8]> = files.into_iter().collect();
        Dataset::read(Origin::Memory, String::new(), |name| {
            Ok(files.get(name).map(|b| Bytes::Borrowed(b)))
        })
    }

    /// The data package as files: `(name relative to a data directory,
    /// contents)`, the six CSV files and every article text, as
    /// [`Dataset::save`] writes them.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let files = data.files()?;
    /// let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    /// assert!(names.contains(&"meetings.csv") && names.contains(&"sources/kissinger_echo.txt"));
    /// // They load back as the same data.
    /// let copy = negotiations::Dataset::from_memory(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))?;
    /// assert_eq!(copy.frame("meetings")?, data.frame("meetings")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn files(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut out = Vec::with_capacity(self.tables.len() + self.texts.len());
        for t in self.tables.iter() {
            out.push((t.spec.file.to_string(), crate::tables::export::csv(t)?));
        }
        for (id, text) in self.texts.iter() {
            out.push((format!("sources/{id}.txt"), text.as_bytes().to_vec()));
        }
        Ok(out)
    }

    /// Reads every file through `get` (a name relative to the data
    /// directory); `prefix` goes before file names in messages.
    fn read<'a>(
        origin: Origin,
        prefix: String,
        mut get: impl FnMut(&str) -> Result<Option<Bytes<'a>>>,
    ) -> Result<Dataset> {
        let (tables, mut problems) =
            crate::tables::package::read_tables(&TABLES, &prefix, &mut get)?;
        let mut texts = BTreeMap::new();
        let sources = &tables[0];
        for row in 0..sources.height() {
            let Some(id) = sources.text("source_id", row) else {
                continue;
            };
            let name = format!("sources/{id}.txt");
            let shown = format!("{prefix}{name}");
            // A text the package cannot read safely is a problem of the row
            // that names it.
            let got = match get(&name) {
                Ok(got) => got,
                Err(Error::Invalid(why)) => {
                    problems.push(sources.problem(row, "source_id", why, Some(id)));
                    continue;
                }
                Err(e) => return Err(e),
            };
            match got {
                Some(bytes) => match std::str::from_utf8(&bytes) {
                    Ok(t) => {
                        texts.insert(id.to_string(), t.to_string());
                    }
                    Err(e) => {
                        let upto = e.valid_up_to();
                        let line = bytes[..upto].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
                        problems.push(Problem::at(
                            &shown,
                            line,
                            None,
                            "text is not valid UTF-8",
                            None,
                        ));
                    }
                },
                // The published crate's built-in data has no texts (see
                // `quotes_checked`); any other package must have them.
                None if origin == Origin::Embedded && embedded::TEXT_FILES.is_empty() => {}
                None => problems.push(sources.problem(
                    row,
                    "source_id",
                    format!("no article text: {shown} is missing"),
                    Some(id),
                )),
            }
        }
        let data = Dataset {
            origin,
            tables: Arc::new(tables),
            texts: Arc::new(texts),
            model: Default::default(),
        };
        data.validate(&mut problems);
        if problems.is_empty() {
            Ok(data)
        } else {
            Err(problems.into())
        }
    }

    /// The typed model of the tables: every row as a Rust value with its
    /// codes as enums, keys resolved to row numbers, dates as periods. It
    /// is built on first use and shared by clones.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let m = data.model();
    /// let korea = m.process("korean_armistice").unwrap();
    /// assert_eq!(m.processes[korea].meetings_count, Some(575));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn model(&self) -> &crate::tables::model::Model {
        self.model
            .get_or_init(|| crate::tables::model::Model::build(&self.tables))
    }

    /// Where the data was read from.
    ///
    /// ```
    /// use negotiations::{Dataset, Origin};
    /// let dir = tempfile::tempdir()?;
    /// Dataset::embedded()?.save(dir.path())?;
    /// let mine = Dataset::from_dir(dir.path())?;
    /// assert!(matches!(mine.origin(), Origin::Dir(p) if p == dir.path()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The parsed table named `name` (`sources`, `processes`, `meetings`,
    /// `durations`, `outcomes`, `approaches`): each cell as the loader
    /// parsed it, with the line it came from; [`Dataset::frame`] gives it
    /// as a DataFrame. An unknown name is an error listing the tables.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let p = data.table("processes")?;
    /// let korea = (0..p.height()).find(|&r| p.text("process_id", r) == Some("korean_armistice")).unwrap();
    /// assert_eq!(p.text("approach", korea), Some("other"));
    /// let err = data.table("meeting").unwrap_err().to_string();
    /// assert!(err.contains("meetings"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self, name: &str) -> Result<&TableData> {
        self.tables
            .iter()
            .find(|t| t.spec.name == name)
            .ok_or_else(|| unknown_table(name))
    }

    /// The table named `name` as a polars DataFrame with real dtypes (see
    /// [`crate::tables::frame`]).
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    ///
    /// let data = negotiations::Dataset::embedded()?;
    /// let meetings = data.frame("meetings")?;
    /// assert_eq!(meetings.column("date")?.dtype(), &DataType::Date);
    /// let summits = meetings.lazy().filter(col("format").eq(lit("summit"))).collect()?;
    /// assert!(summits.height() >= 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn frame(&self, name: &str) -> Result<polars::prelude::DataFrame> {
        crate::tables::frame::to_frame(self.table(name)?)
    }

    /// Writes the data package to `dir` in the layout `from_dir` reads: the
    /// six CSV files and `sources/<source_id>.txt`. This is how to start a
    /// data directory of your own: save the shipped data, then edit it.
    /// Each file is written through a temporary file.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let dir = tempfile::tempdir()?;
    /// data.save(dir.path())?;
    /// let copy = negotiations::Dataset::from_dir(dir.path())?;
    /// assert_eq!(copy.table("meetings")?.height(), data.table("meetings")?.height());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        for (name, bytes) in self.files()? {
            crate::io::write_atomic(&dir.join(name), &bytes)?;
        }
        Ok(())
    }

    /// The repaired text of the article `source_id`.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let text = data.source_text("kissinger_echo").unwrap();
    /// assert!(text.contains("shuttle diplomacy"));
    /// assert!(data.source_text("no_such_article").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn source_text(&self, source_id: &str) -> Option<&str> {
        self.texts.get(source_id).map(String::as_str)
    }

    /// Cross-field and cross-table rules (see [`crate::tables::validate`]); types
    /// and enums were checked while parsing.
    fn validate(&self, problems: &mut Vec<Problem>) {
        problems.extend(crate::tables::validate::validate(&self.tables, &self.texts));
    }
}

pub(crate) fn unknown_table(name: &str) -> Error {
    Error::unknown("table", name, TABLES.iter().map(|t| t.name))
}
