//! The whole data package: loading it (from the copy embedded in the crate,
//! or from a directory) and checking it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Problem, Result};
use crate::load::{self, TableData};
use crate::schema::{self, Table};

/// The shipped data, compiled into the crate so it works from any directory.
mod embedded {
    macro_rules! files {
        ($($name:literal),* $(,)?) => {
            &[$(($name, include_bytes!(concat!("../data/", $name)).as_slice())),*]
        };
    }
    /// `(path relative to data/, contents)`.
    pub(super) const FILES: &[(&str, &[u8])] = files![
        "sources.csv",
        "processes.csv",
        "meetings.csv",
        "durations.csv",
        "outcomes.csv",
        "approaches.csv",
        "sources/kissinger_echo.txt",
        "sources/protracted_op_ed.txt",
        "sources/strategic_muddle.txt",
        "sources/kremlin_collision.txt",
        "sources/unconventional_envoys.txt",
    ];
}

/// A file's contents: borrowed (embedded or in memory), read, or mapped.
pub(crate) enum Bytes<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Bytes<'_> {
    /// Files at least this large are mapped rather than read.
    const MAP_FROM: u64 = 1 << 20;

    /// The file at `path`. A large one is mapped, not copied: reading a
    /// third of a gigabyte into fresh memory costs about half as long as
    /// parsing it. (Like polars and every other reader that maps files,
    /// this assumes no other program truncates the file while it loads.)
    pub(crate) fn read(path: &Path) -> std::io::Result<Bytes<'static>> {
        let file = std::fs::File::open(path)?;
        if file.metadata()?.len() < Self::MAP_FROM {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut &file, &mut bytes)?;
            return Ok(Bytes::Owned(bytes));
        }
        // SAFETY: the map is read-only and lives no longer than the load;
        // see the note above on files changed by another program meanwhile.
        let map = unsafe { memmap2::MmapOptions::new().populate().map(&file)? };
        Ok(Bytes::Mapped(map))
    }
}

impl std::ops::Deref for Bytes<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Borrowed(b) => b,
            Bytes::Owned(b) => b,
            Bytes::Mapped(m) => m,
        }
    }
}

/// Below this many bytes of CSV in all, tables are parsed one after another.
const PARALLEL_BYTES: usize = 1 << 20;

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

/// The six tables and the article texts, loaded and checked.
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
}

impl Dataset {
    /// The data shipped with the crate. It is checked like any other; the
    /// shipped data passes (a test holds it to that).
    pub fn embedded() -> Result<Dataset> {
        Dataset::read(Origin::Embedded, String::new(), |name| {
            Ok(embedded::FILES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| Bytes::Borrowed(b)))
        })
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
            return Err(Error::Other(format!(
                "{}: not a data directory",
                dir.display()
            )));
        }
        let prefix = format!("{}/", dir.display()).replace("//", "/");
        Dataset::read(Origin::Dir(dir.to_path_buf()), prefix, |name| {
            let path = dir.join(name);
            match Bytes::read(&path) {
                Ok(b) => Ok(Some(b)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(Error::io(path, e)),
            }
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
    /// meetings.1 = String::from_utf8(meetings.1.clone())?.replacen("1975-03-01", "1975-02-30", 1).into_bytes();
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
    pub fn files(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut out = Vec::with_capacity(self.tables.len() + self.texts.len());
        for t in self.tables.iter() {
            out.push((t.spec.file.to_string(), crate::export::csv(t)?));
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
        let mut problems = Vec::new();
        let mut files = Vec::new();
        for spec in schema::tables() {
            files.push((spec, format!("{prefix}{}", spec.file), get(spec.file)?));
        }
        let parse_one = |spec: &&'static Table, shown: &String, bytes: &Option<Bytes>| {
            let mut found = Vec::new();
            let data = match bytes {
                Some(bytes) => load::parse(spec, shown, bytes, &mut found),
                None => {
                    found.push(Problem::file(shown, "file is missing"));
                    load::parse(spec, shown, b"", &mut Vec::new())
                }
            };
            (data, found)
        };
        // Large tables are parsed side by side (and a large file in chunks);
        // small ones, like the shipped data, are quicker without threads.
        let size: usize = files
            .iter()
            .map(|f| f.2.as_ref().map_or(0, |b| b.len()))
            .sum();
        let parsed: Vec<(TableData, Vec<Problem>)> = if size < PARALLEL_BYTES {
            files
                .iter()
                .map(|(spec, shown, bytes)| parse_one(spec, shown, bytes))
                .collect()
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = files
                    .iter()
                    .map(|(spec, shown, bytes)| s.spawn(move || parse_one(spec, shown, bytes)))
                    .collect();
                handles
                    .into_iter()
                    .zip(&files)
                    .map(|(h, (spec, shown, _))| {
                        h.join().unwrap_or_else(|_| {
                            let mut found =
                                vec![Problem::file(shown, "could not be read (internal error)")];
                            (load::parse(spec, shown, b"", &mut found), found)
                        })
                    })
                    .collect()
            })
        };
        let mut tables = Vec::with_capacity(parsed.len());
        for (data, found) in parsed {
            tables.push(data);
            problems.extend(found);
        }
        let mut texts = BTreeMap::new();
        let sources = &tables[0];
        for row in 0..sources.height() {
            let Some(id) = sources.text("source_id", row) else {
                continue;
            };
            let name = format!("sources/{id}.txt");
            let shown = format!("{prefix}{name}");
            match get(&name)? {
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
        };
        data.validate(&mut problems);
        if problems.is_empty() {
            Ok(data)
        } else {
            Err(problems.into())
        }
    }

    /// Where the data was read from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The parsed table named `name` (`sources`, `processes`, `meetings`,
    /// `durations`, `outcomes`, `approaches`).
    pub fn table(&self, name: &str) -> Result<&TableData> {
        self.tables
            .iter()
            .find(|t| t.spec.name == name)
            .ok_or_else(|| unknown_table(name))
    }

    /// The table named `name` as a polars DataFrame with real dtypes (see
    /// [`crate::frame`]).
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
        crate::frame::to_frame(self.table(name)?)
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
    pub fn source_text(&self, source_id: &str) -> Option<&str> {
        self.texts.get(source_id).map(String::as_str)
    }

    /// Cross-field and cross-table rules (see [`crate::validate`]); types
    /// and enums were checked while parsing.
    fn validate(&self, problems: &mut Vec<Problem>) {
        problems.extend(crate::validate::validate(&self.tables, &self.texts));
    }
}

pub(crate) fn unknown_table(name: &str) -> Error {
    let names: Vec<_> = schema::tables().iter().map(|t| t.name).collect();
    Error::Other(format!(
        "no table named {name:?}; the tables are {}",
        names.join(", ")
    ))
}

pub(crate) fn precision_column(spec: &Table, date: &str) -> Option<&'static str> {
    // `X_precision`, or for `X_date` also `X_precision`; no allocation, as
    // this is asked once per row in some loops.
    let short = date.strip_suffix("_date").unwrap_or(date);
    spec.columns.iter().map(|c| c.name).find(|n| {
        n.strip_suffix("_precision")
            .is_some_and(|stem| stem == date || stem == short)
    })
}
