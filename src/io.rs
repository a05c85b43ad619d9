//! Writing files safely: to a temporary file beside the target, then a
//! rename, so an error or a crash never leaves a partial file where a
//! user expects a whole one.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` through a temporary file in the same directory.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out.csv");
/// negotiations::io::write_atomic(&path, b"a,b\n")?;
/// assert_eq!(std::fs::read(&path)?, b"a,b\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    stage(path, bytes)?.commit()
}

/// Writes `bytes` to a temporary file beside `path` and leaves it there,
/// to be renamed into place by [`Staged::commit`]: for several files that
/// should all land or none (dropped uncommitted, each leaves nothing).
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.svg"));
/// let staged = vec![
///     negotiations::io::stage(&a, b"<svg/>")?,
///     negotiations::io::stage(&b, b"<svg/>")?,
/// ];
/// assert!(!a.exists() && !b.exists()); // nothing lands until committed
/// for s in staged {
///     s.commit()?;
/// }
/// assert_eq!(std::fs::read(&b)?, b"<svg/>");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
    // Bytes already whole in memory go straight to the file: through
    // AtomicFile's buffer, a PNG of 400 KB was first copied into 1 MiB of
    // fresh pages.
    let mut file = AtomicFile::with_buffer(path, 0)?;
    reserve(file.out.get_ref().as_file(), bytes.len());
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.stage()
}

/// Asks the file system for the file's `len` bytes of disk before they
/// are written, where it can (Linux). Only a hint: where it cannot, the
/// write allocates as it goes.
///
/// Why: ext4 allocates a written file's blocks lazily, and renaming such a
/// file over an existing one makes the rename allocate them and start
/// writing them out first (its guard against empty files after a crash).
/// That made replacing the fourteen report figures take 6-8 ms after the
/// drawing, a sixth of the whole; with the blocks reserved up front, about
/// 2 ms (docs/benchmarks.md, "Late evening: the files, the text, the
/// numbers").
fn reserve(file: &std::fs::File, len: usize) {
    #[cfg(target_os = "linux")]
    if len > 0 {
        let flags = rustix::fs::FallocateFlags::empty();
        let _ = rustix::fs::fallocate(file, flags, 0, len as u64);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (file, len);
}

/// A file written through a temporary file beside it and renamed into
/// place by [`AtomicFile::finish`]; dropped unfinished, it leaves nothing
/// behind. For files too large to build in memory first.
///
/// ```
/// use std::io::Write;
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("big.csv");
/// let mut f = negotiations::io::AtomicFile::create(&path)?;
/// writeln!(f, "a,b")?;
/// assert!(!path.exists()); // not there until finished
/// f.finish()?;
/// assert_eq!(std::fs::read_to_string(&path)?, "a,b\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct AtomicFile {
    path: std::path::PathBuf,
    out: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `path` (its directory is created if needed).
    pub fn create(path: &Path) -> Result<AtomicFile> {
        AtomicFile::with_buffer(path, 1 << 20)
    }

    /// As [`AtomicFile::create`], with a write buffer of `capacity` bytes.
    fn with_buffer(path: &Path, capacity: usize) -> Result<AtomicFile> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            out: std::io::BufWriter::with_capacity(capacity, tmp),
        })
    }

    /// Flushes the file and renames it into place.
    pub fn finish(self) -> Result<()> {
        self.stage()?.commit()
    }

    /// Flushes the file and leaves it under its temporary name, for
    /// [`Staged::commit`] to rename into place.
    ///
    /// ```
    /// use std::io::Write;
    /// let dir = tempfile::tempdir()?;
    /// let mut f = negotiations::io::AtomicFile::create(&dir.path().join("t.csv"))?;
    /// writeln!(f, "a,b")?;
    /// let staged = f.stage()?;
    /// assert!(!staged.path().exists());
    /// staged.commit()?;
    /// assert!(dir.path().join("t.csv").exists());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stage(self) -> Result<Staged> {
        let path = self.path;
        let tmp = self
            .out
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        // Temporary files are private (0600); the result is an ordinary
        // file, or keeps the mode of the file it replaces.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0o644);
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(mode))
                .map_err(|e| Error::io(&path, e))?;
        }
        Ok(Staged { path, tmp })
    }
}

/// A file written whole under a temporary name beside its path, waiting to
/// be renamed into place ([`stage`], [`AtomicFile::stage`]). Dropped
/// without [`Staged::commit`], the temporary file is removed.
#[derive(Debug)]
pub struct Staged {
    path: std::path::PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl Staged {
    /// Renames the file into place, replacing what was there.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("a.svg");
    /// std::fs::write(&path, "old")?;
    /// negotiations::io::stage(&path, b"new")?.commit()?;
    /// assert_eq!(std::fs::read(&path)?, b"new");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        self.tmp
            .persist(&path)
            .map_err(|e| Error::io(&path, e.error))?;
        Ok(())
    }

    /// Where the file lands when committed.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let staged = negotiations::io::stage(&dir.path().join("a.svg"), b"<svg/>")?;
    /// assert_eq!(staged.path(), dir.path().join("a.svg"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_staged_file_dropped_uncommitted_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.png");
        std::fs::write(&path, b"old").unwrap();
        let staged = stage(&path, &[7; 100_000]).unwrap();
        assert_eq!(staged.path(), path);
        // Beside it under another name, the old file untouched.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        drop(staged);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
    }

    #[test]
    fn a_committed_file_replaces_the_old_with_exactly_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.svg");
        std::fs::write(&path, vec![b'x'; 50_000]).unwrap();
        // Shorter than the file it replaces, and longer than the space
        // reserved for nothing: the size is the bytes' own.
        stage(&path, b"<svg/>").unwrap().commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"<svg/>");
        stage(&path, b"").unwrap().commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"");
    }
}
