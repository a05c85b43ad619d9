//! Frames passed between a notebook's cell kinds: a Rust cell hands a
//! frame to SQL and chart cells with [`share`], and takes one a `%%sql NAME
//! <<` cell bound with [`shared`].
//!
//! Rust cells run in evcxr's process and SQL and chart cells in the
//! kernel's, so a shared frame is a file: an Arrow IPC file named after it
//! in the session directory the kernel makes at start (named by the
//! environment variable [`SESSION_DIR_ENV`]) and removes when it stops.
//! Arrow IPC is the frame's own memory written out, so a million rows go
//! either way in tens of milliseconds, with every dtype (dates, enums)
//! kept.
//!
//! ```
//! use negotiations::notebook::{share, shared, SESSION_DIR_ENV};
//! use negotiations::polars::prelude::*;
//! # let dir = tempfile::tempdir()?;
//! # unsafe { std::env::set_var(SESSION_DIR_ENV, dir.path()) };
//! let df = df!("month" => ["2025-08", "2025-09"], "meetings" => [3, 2])?;
//! share("by_month", &df)?;
//! assert!(shared("by_month")?.equals(&df));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

use polars::prelude::*;
use polars_arrow::io::ipc::{read, write};

use crate::error::{Error, Result};

/// The environment variable that names the session directory, set by the
/// `negotiations` kernel for itself and for evcxr.
pub const SESSION_DIR_ENV: &str = "NEGOTIATIONS_SESSION_DIR";

/// The extension of a shared frame's file.
const EXTENSION: &str = "arrow";

/// Hands `df` to the notebook's SQL and chart cells under `name` (a table
/// name in `%%sql`, the frame of `%%plot name`); a frame shared before
/// under the same name is replaced.
///
/// `name` is a SQL identifier: letters, digits and `_`, not starting with a
/// digit. Outside the `negotiations` kernel (no session directory) this is
/// an error that says so.
pub fn share(name: &str, df: &DataFrame) -> Result<()> {
    write_frame(&session_dir()?, name, df)
}

/// The frame shared under `name` by a `%%sql name <<` cell or by
/// [`share`]. An unknown name lists the names there are.
pub fn shared(name: &str) -> Result<DataFrame> {
    let dir = session_dir()?;
    check_name(name)?;
    wait_for(&dir, name)?;
    let path = frame_path(&dir, name);
    if !path.exists() {
        return Err(Error::Unknown {
            what: "shared frame",
            name: name.to_string(),
            known: shared_names(&dir)?,
        });
    }
    read_frame(&path)
}

/// The session directory, or an error that says where shared frames work.
fn session_dir() -> Result<PathBuf> {
    match std::env::var_os(SESSION_DIR_ENV) {
        Some(d) if !d.is_empty() => Ok(PathBuf::from(d)),
        _ => Err(Error::Invalid(format!(
            "shared frames live in the `negotiations` Jupyter kernel's session; \
             {SESSION_DIR_ENV} is not set, so this is not running in it \
             (docs/notebooks.md, \"SQL and chart cells\")"
        ))),
    }
}

/// Errors unless `name` is a SQL identifier (so `SELECT * FROM name` works).
pub(crate) fn check_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "{name:?} cannot name a shared frame: use letters, digits and _, \
         starting with a letter or _ (it becomes a SQL table name)"
    )))
}

/// Where the frame `name` lives in `dir`.
pub(crate) fn frame_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.{EXTENSION}"))
}

/// The names of the frames shared in `dir`, sorted.
pub(crate) fn shared_names(dir: &Path) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let p = e.path();
            (p.extension()? == EXTENSION).then(|| p.file_stem()?.to_str().map(String::from))?
        })
        .collect();
    names.sort();
    Ok(names)
}

/// When a frame's file was written: set once the background write of
/// [`write_frame_later`] is done (none if it failed).
pub(crate) type Written = Arc<OnceLock<Option<SystemTime>>>;

/// The marker that says `name` is being written.
fn pending_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}.pending"))
}

/// Writes `df` as `dir/name.arrow` on a thread of its own, so the cell
/// that bound it answers at once (a million rows take seconds to write).
/// A marker file says the write is under way: [`shared`] waits for it to
/// go, and reads what the write left (the frame, or the error).
pub(crate) fn write_frame_later(dir: &Path, name: &str, df: DataFrame) -> Result<Written> {
    check_name(name)?;
    // One write of a name at a time: the marker of the first would go
    // while the second is writing.
    wait_for(dir, name)?;
    let pending = pending_path(dir, name);
    std::fs::write(&pending, b"").map_err(|e| Error::io(&pending, e))?;
    let written: Written = Arc::new(OnceLock::new());
    let (dir, name, done) = (dir.to_path_buf(), name.to_string(), written.clone());
    std::thread::spawn(move || {
        let stamp = match write_frame(&dir, &name, &df) {
            Ok(()) => std::fs::metadata(frame_path(&dir, &name))
                .and_then(|m| m.modified())
                .ok(),
            Err(e) => {
                let _ = std::fs::write(pending_path(&dir, &name), e.to_string());
                None
            }
        };
        let _ = done.set(stamp);
        // An empty marker is a write that worked; one that says why stays.
        if stamp.is_some() {
            let _ = std::fs::remove_file(pending_path(&dir, &name));
        }
    });
    Ok(written)
}

/// Whether `name` is being written in `dir` right now.
pub(crate) fn is_pending(dir: &Path, name: &str) -> bool {
    std::fs::metadata(pending_path(dir, name)).is_ok_and(|m| m.len() == 0)
}

/// Waits while `name` is being written; a write that failed is the error.
pub(crate) fn wait_for(dir: &Path, name: &str) -> Result<()> {
    let pending = pending_path(dir, name);
    let started = std::time::Instant::now();
    while is_pending(dir, name) {
        if started.elapsed() > std::time::Duration::from_secs(600) {
            return Err(Error::Invalid(format!(
                "the frame {name:?} has been being written for 10 minutes ({}); restart the kernel",
                pending.display()
            )));
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    match std::fs::read_to_string(&pending) {
        Ok(why) if !why.is_empty() => Err(Error::Invalid(format!(
            "the frame {name:?} could not be written for Rust cells: {why}"
        ))),
        _ => Ok(()),
    }
}

/// Writes `df` as `dir/name.arrow`, through a temporary file renamed into
/// place, so a reader never sees half a frame.
pub(crate) fn write_frame(dir: &Path, name: &str, df: &DataFrame) -> Result<()> {
    check_name(name)?;
    let path = frame_path(dir, name);
    let mut file = crate::io::AtomicFile::create(&path)?;
    encode(df, &mut file).map_err(|e| Error::Invalid(format!("{}: {e}", path.display())))?;
    file.finish()
}

/// `df` in the Arrow IPC file format.
fn encode(df: &DataFrame, out: &mut impl std::io::Write) -> PolarsResult<()> {
    let compat = CompatLevel::newest();
    let schema = df.schema().to_arrow(compat);
    let options = write::WriteOptions { compression: None };
    let mut writer = write::FileWriter::try_new(out, Arc::new(schema), None, options)?;
    let mut df = df.clone();
    df.align_chunks();
    for batch in df.iter_chunks(compat, true) {
        writer.write(&batch, None)?;
    }
    writer.finish()
}

/// Reads a frame [`write_frame`] wrote.
pub(crate) fn read_frame(path: &Path) -> Result<DataFrame> {
    let bad =
        |e: PolarsError| Error::Invalid(format!("{}: not a shared frame ({e})", path.display()));
    let mut file = std::io::BufReader::new(File::open(path).map_err(|e| Error::io(path, e))?);
    let metadata = read::read_file_metadata(&mut file).map_err(bad)?;
    let schema = metadata.schema.clone();
    let reader = read::FileReader::new(file, metadata, None, None);
    let mut frames = Vec::new();
    for batch in reader {
        frames.push(DataFrame::from(batch.map_err(bad)?));
    }
    let mut frames = frames.into_iter();
    let Some(mut out) = frames.next() else {
        return Ok(DataFrame::empty_with_schema(&Schema::from_arrow_schema(
            &schema,
        )));
    };
    for df in frames {
        out.vstack_mut(&df).map_err(bad)?;
    }
    out.rechunk_mut();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_comes_back_as_it_went() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
        let data = crate::Dataset::embedded()?;
        for t in crate::tables::dataset::TABLES {
            let df = data.frame(t.name)?;
            write_frame(dir.path(), t.name, &df)?;
            let back = read_frame(&frame_path(dir.path(), t.name))?;
            assert_eq!(back.schema(), df.schema(), "{}", t.name);
            assert!(back.equals_missing(&df), "{}", t.name);
        }
        assert_eq!(
            shared_names(dir.path())?.len(),
            crate::tables::dataset::TABLES.len()
        );
        Ok(())
    }

    #[test]
    fn an_empty_frame_keeps_its_columns() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
        let df = df!("a" => Vec::<i64>::new(), "b" => Vec::<&str>::new())?;
        write_frame(dir.path(), "none", &df)?;
        let back = read_frame(&frame_path(dir.path(), "none"))?;
        assert_eq!(back.schema(), df.schema());
        assert_eq!(back.height(), 0);
        Ok(())
    }

    #[test]
    fn names_must_be_sql_identifiers() {
        for bad in ["", "1x", "a b", "a-b", "../x", "x.arrow"] {
            let err = check_name(bad).unwrap_err().to_string();
            assert!(err.contains("letters, digits and _"), "{bad}: {err}");
        }
        for good in ["x", "_x", "by_month2"] {
            assert!(check_name(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn a_file_that_is_not_a_frame_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = frame_path(dir.path(), "junk");
        std::fs::write(&path, b"not arrow").unwrap();
        let err = read_frame(&path).unwrap_err().to_string();
        assert!(
            err.contains("junk.arrow") && err.contains("not a shared frame"),
            "{err}"
        );
    }
}

#[cfg(test)]
mod later {
    use super::*;

    #[test]
    fn a_frame_written_in_the_background_is_read_whole_after_waiting() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tempdir", e))?;
        let big = df!("n" => (0..200_000i64).collect::<Vec<_>>())?;
        let written = write_frame_later(dir.path(), "big", big.clone())?;
        wait_for(dir.path(), "big")?;
        assert!(written.get().is_some_and(|t| t.is_some()));
        assert!(!is_pending(dir.path(), "big"));
        assert!(read_frame(&frame_path(dir.path(), "big"))?.equals(&big));
        // Written again under the same name: the second waits for the first.
        write_frame_later(dir.path(), "big", big.head(Some(3)))?;
        write_frame_later(dir.path(), "big", big.head(Some(5)))?;
        wait_for(dir.path(), "big")?;
        assert_eq!(read_frame(&frame_path(dir.path(), "big"))?.height(), 5);
        Ok(())
    }
}
