//! Reading a data package: the CSV files of a list of tables, each parsed
//! against its schema, through one code path for every package (the
//! article tables of [`crate::Dataset`] and the UCDP tables of
//! [`crate::tables::context::Context`]), then checked by the same rules
//! (`validate`).

use std::path::Path;

use crate::error::{Problem, Result};
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
            Err(e) => Err(crate::Error::io(path, e)),
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
