//! Helpers shared by the suites: the command line, copies of the shipped
//! data to break, file edits, golden files and DataFrame lookups.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use negotiations::chrono::NaiveDate;
use negotiations::polars::prelude::*;

/// The shipped `data/` directory.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// The `negotiations` binary, ready for arguments.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_negotiations"))
}

/// Runs the binary with `args`.
pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

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
/// Rows of `table` in the shipped data: tests that add rows count from
/// it, so they do not pin a data version's row counts.
pub fn shipped_rows(table: &str) -> usize {
    negotiations::Dataset::embedded()
        .unwrap()
        .table(table)
        .unwrap()
        .height()
}

pub fn shipped_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    copy_data(&data_dir(), &dir);
    (tmp, dir)
}

/// Replaces the first occurrence of `from` in a file (which must hold it);
/// returns the 1-based line it was on.
pub fn edit(path: &Path, from: &str, to: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in {}", path.display()));
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    text[..at].matches('\n').count() + 1
}

/// Whether golden and generated files are being rewritten
/// (`NEGOTIATIONS_BLESS=1`) rather than compared.
pub fn blessing() -> bool {
    std::env::var_os("NEGOTIATIONS_BLESS").is_some_and(|v| v != "0")
}

/// The one row of `df` where `column` is `value`.
pub fn row(df: &DataFrame, column: &str, value: &str) -> DataFrame {
    let r = df
        .clone()
        .lazy()
        .filter(col(column).eq(lit(value)))
        .collect()
        .unwrap();
    assert_eq!(r.height(), 1, "{column} = {value}");
    r
}

/// The first value of an Int64 column.
pub fn int(df: &DataFrame, c: &str) -> Option<i64> {
    df.column(c).unwrap().i64().unwrap().get(0)
}

/// The first value of a Float64 column.
pub fn float(df: &DataFrame, c: &str) -> Option<f64> {
    df.column(c).unwrap().f64().unwrap().get(0)
}

/// A date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
