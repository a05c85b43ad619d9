//! Paths that come from the data stay inside the data package.
//!
//! A data directory may come from someone else (a colleague's package, a
//! download), so a file name in it — the `file` column of `sources.csv`,
//! a `source_id` that names `sources/<source_id>.txt` — is untrusted. The
//! rule, written in `data/CODING.md` ("Files inside the package") and
//! declared in `datapackage.json` as a pattern so `frictionless validate`
//! holds a package to it too:
//!
//! - a name from the data is a plain file name: letters, digits, `.`, `_`
//!   and `-`, starting with a letter or a digit ([`FILE_NAME_PATTERN`]): no
//!   `/` or `\`, no `..`, no absolute path, no drive;
//! - a file the package reads or writes resolves inside the package
//!   directory: a symlink that leads out of it is refused ([`inside`]).
//!
//! ```
//! use negotiations::paths;
//! assert!(paths::check_file_name("000_d8ae396c68ac7cc6.txt").is_ok());
//! for bad in ["../../etc/hostname", "/etc/hostname", "a/b.txt", "..", ".hidden", "C:x", ""] {
//!     assert!(paths::check_file_name(bad).is_err(), "{bad}");
//! }
//! ```

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The pattern a file name from the data matches (a JSON Schema / Table
/// Schema regular expression, as `datapackage.json` declares it).
pub const FILE_NAME_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

/// Why `name` is not a plain file name, if it is not one.
///
/// ```
/// let e = negotiations::paths::check_file_name("../x").unwrap_err();
/// assert!(e.contains("inside the package"), "{e}");
/// ```
pub fn check_file_name(name: &str) -> std::result::Result<(), String> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if first_ok && rest_ok {
        return Ok(());
    }
    let why = if name.is_empty() {
        "an empty name"
    } else if name.contains('/') || name.contains('\\') {
        "a path, not a file name"
    } else if name.starts_with('.') {
        "a name starting with '.'"
    } else {
        "a character other than letters, digits, '.', '_' or '-'"
    };
    Err(format!(
        "{why}: a file the data names must be a plain file name inside the package (letters, digits, '.', '_' and '-', starting with a letter or digit)"
    ))
}

/// The path of `relative` (`meetings.csv`, `sources/kissinger_echo.txt`)
/// under the package directory `dir`, refused when any part of it is not a
/// plain file name or when it resolves, through a symlink, outside `dir`.
/// A file that does not exist is not refused here: reading it says so.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("a.csv"), "x")?;
/// assert!(negotiations::paths::inside(dir.path(), "a.csv").is_ok());
/// assert!(negotiations::paths::inside(dir.path(), "../a.csv").is_err());
/// #[cfg(unix)]
/// {
///     std::os::unix::fs::symlink("/etc/hostname", dir.path().join("b.txt"))?;
///     let e = negotiations::paths::inside(dir.path(), "b.txt").unwrap_err().to_string();
///     assert!(e.contains("leads outside the data directory"), "{e}");
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn inside(dir: &Path, relative: &str) -> Result<PathBuf> {
    let mut path = dir.to_path_buf();
    for part in relative.split('/') {
        check_file_name(part)
            .map_err(|why| Error::Invalid(format!("{}: {why} ({relative:?})", dir.display())))?;
        path.push(part);
    }
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(path);
    }
    let root = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    let real = path.canonicalize().map_err(|e| Error::io(&path, e))?;
    if real.starts_with(&root) {
        Ok(path)
    } else {
        Err(Error::Invalid(format!(
            "{}: leads outside the data directory (to {}); a package reads only its own files",
            path.display(),
            real.display()
        )))
    }
}
