//! Reading a data package: the CSV files of a list of tables, each parsed
//! against its schema, through one code path for every package (the
//! article tables of [`crate::Dataset`] and the UCDP tables of
//! [`crate::tables::context::Context`]), then checked by the same rules
//! (`validate`).

use std::path::Path;

use crate::error::{Error, Problem, Result};
use crate::tables::schema::Table;
use crate::tables::table::TableData;

/// A file's contents: borrowed (embedded or in memory), read, or mapped.
pub(crate) enum Bytes<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Bytes<'_> {
    /// Files at least this large are mapped rather than read.
    const MAP_FROM: u64 = 1 << 20;

    /// The file at `path`, or `None` if there is none. A large one is
    /// mapped, not copied: reading a third of a gigabyte into fresh memory
    /// costs about half as long as parsing it. (Like polars and every other
    /// reader that maps files, this assumes no other program truncates the
    /// file while it loads.)
    pub(crate) fn read(path: &Path) -> Result<Option<Bytes<'static>>> {
        let open = || -> std::io::Result<Bytes<'static>> {
            let file = std::fs::File::open(path)?;
            if file.metadata()?.len() < Self::MAP_FROM {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut &file, &mut bytes)?;
                return Ok(Bytes::Owned(bytes));
            }
            // SAFETY: the map is read-only and lives no longer than the
            // load; see the note above on files changed by another program
            // meanwhile.
            let map = unsafe { memmap2::MmapOptions::new().populate().map(&file)? };
            Ok(Bytes::Mapped(map))
        };
        match open() {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(crate::error::Error::io(path, e)),
        }
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

/// Reads and parses the CSV file of each table in `tables` through `get`
/// (a name relative to the package's directory); `prefix` goes before file
/// names in messages. A missing file is a problem, and its table is empty.
pub(crate) fn read_tables<'a>(
    tables: &[&'static Table],
    prefix: &str,
    mut get: impl FnMut(&str) -> Result<Option<Bytes<'a>>>,
) -> Result<(Vec<TableData>, Vec<Problem>)> {
    let mut files = Vec::new();
    for &spec in tables {
        files.push((spec, format!("{prefix}{}", spec.file), get(spec.file)?));
    }
    let parse_one = |spec: &'static Table, shown: &str, bytes: &Option<Bytes>| {
        let mut found = Vec::new();
        let data = match bytes {
            Some(bytes) => crate::tables::load::parse(spec, shown, bytes, &mut found),
            None => {
                found.push(Problem::file(shown, "file is missing"));
                crate::tables::load::parse(spec, shown, b"", &mut Vec::new())
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
                        (
                            crate::tables::load::parse(spec, shown, b"", &mut found),
                            found,
                        )
                    })
                })
                .collect()
        })
    };
    let mut out = Vec::with_capacity(parsed.len());
    let mut problems = Vec::new();
    for (data, found) in parsed {
        out.push(data);
        problems.extend(found);
    }
    Ok((out, problems))
}

/// How a directory's path is shown before its file names: `dir/`.
pub(crate) fn prefix_of(dir: &Path) -> String {
    format!("{}/", dir.display()).replace("//", "/")
}

/// The `(source_id, raw file)` pairs listed in `dir/sources.csv`, read on
/// their own so the article texts can be rebuilt before the rest of the
/// data checks out.
///
/// ```
/// let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
/// let pairs = negotiations::package::raw_files(dir)?;
/// assert_eq!(pairs[0], ("kissinger_echo".to_string(), "000_d8ae396c68ac7cc6.txt".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn raw_files(dir: &std::path::Path) -> crate::error::Result<Vec<(String, String)>> {
    let path = dir.join(crate::tables::sources::TABLE.file);
    let bytes = std::fs::read(&path).map_err(|e| crate::error::Error::io(&path, e))?;
    let mut problems = Vec::new();
    let t = crate::tables::load::parse(
        &crate::tables::sources::TABLE,
        crate::tables::sources::TABLE.file,
        &bytes,
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok((0..t.height())
        .filter_map(|r| {
            Some((
                t.text("source_id", r)?.to_string(),
                t.text("file", r)?.to_string(),
            ))
        })
        .collect())
}

/// Repairs every `*.txt` in `raw_dir` and writes it to `out_dir` under the
/// name `<source_id>.txt`, as `sources.csv` maps raw file names to ids.
///
/// `pairs` is the list of `(source_id, raw file name)`. Returns the paths
/// written. Each file is written to a temporary name and renamed, so a
/// failure never leaves a half-written source behind.
///
/// ```
/// let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
/// let pairs = negotiations::package::raw_files(dir)?;
/// let out = tempfile::tempdir()?;
/// let written = negotiations::package::build_sources(&dir.join("raw"), out.path(), &pairs)?;
/// assert_eq!(written.len(), 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn build_sources(
    raw_dir: &Path,
    out_dir: &Path,
    pairs: &[(String, String)],
) -> Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    let mut written = Vec::new();
    for (id, file) in pairs {
        crate::base::paths::check_file_name(id)
            .map_err(|why| Error::Invalid(format!("source id {id:?}: {why}")))?;
        let path = crate::base::paths::inside(raw_dir, file)?;
        let raw = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let text = crate::prose::text::repair(file, &raw)?;
        let dest = out_dir.join(format!("{id}.txt"));
        crate::io::write_atomic(&dest, text.as_bytes())?;
        written.push(dest);
    }
    Ok(written)
}
