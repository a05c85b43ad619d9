//! `negotiations check` end to end: passes on the shipped data; on a broken
//! copy names every problem's file, line and column and exits non-zero.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_negotiations"))
}

/// A copy of the shipped data directory to break.
fn copy_data() -> (tempfile::TempDir, PathBuf) {
    common::shipped_copy()
}

/// Replaces the first occurrence of `from` in a file; returns its 1-based line.
fn edit(path: &Path, from: &str, to: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in {}", path.display()));
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    text[..at].matches('\n').count() + 1
}

#[test]
fn check_passes_on_the_built_in_and_the_shipped_data() {
    let out = bin().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("ok: built-in data:"), "{stdout}");
    let (_tmp, dir) = copy_data();
    let out = bin().arg("check").arg("--data").arg(&dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_names_every_problem_with_file_line_and_column() {
    let (_tmp, dir) = copy_data();
    let meetings = dir.join("meetings.csv");
    let date_line = edit(
        &meetings,
        "kremlin_2025_12_02,trump_ukraine,2025-12-02",
        "kremlin_2025_12_02,trump_ukraine,1975-02-30",
    );
    let fk_line = edit(
        &meetings,
        "florida_2025_12_04,trump_ukraine,",
        "florida_2025_12_04,no_such_process,",
    );
    let outcomes = dir.join("outcomes.csv");
    let quote_line = edit(
        &outcomes,
        "Korean Armistice Agreement,held,,,,,protracted_op_ed,The armistice",
        "Korean Armistice Agreement,held,,,,,protracted_op_ed,The ceasefire",
    );

    let out = bin().arg("check").arg("--data").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("3 problems"), "{err}");
    let m = format!("{}", meetings.display());
    let o = format!("{}", outcomes.display());
    for expected in [
        format!("{m}:{date_line}:3: column 'date': impossible date (no such day in the calendar) (\"1975-02-30\")"),
        format!("{m}:{fk_line}:2: no processes row has this process_id (\"no_such_process\")"),
        format!("{o}:{quote_line}:13: quote not found in sources/protracted_op_ed.txt (\"The ceasefire"),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in\n{err}");
    }
}

#[test]
fn check_reports_a_missing_directory_in_one_line() {
    let out = bin()
        .args(["check", "--data", "/no/such/dir"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim(), "error: /no/such/dir: not a data directory");
}
