//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};

/// Copies the CSV and text files of a data directory (not `raw/` or
/// `codebook/`).
pub fn copy_data(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            if e.file_name() != "raw" && e.file_name() != "codebook" {
                copy_data(&e.path(), &to.join(e.file_name()));
            }
        } else if e
            .path()
            .extension()
            .is_some_and(|x| x == "csv" || x == "txt")
        {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A fresh copy of the shipped data in a temporary directory.
pub fn shipped_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    copy_data(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &dir);
    (tmp, dir)
}
