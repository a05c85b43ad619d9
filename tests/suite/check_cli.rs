//! `negotiations check` end to end: passes on the shipped data; on a broken
//! copy names every problem's file, line and column and exits non-zero.

use crate::common;

use common::{bin, edit, shipped_copy as copy_data};

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
        format!(
            "{m}:{date_line}:3: column 'date': impossible date (no such day in the calendar) (\"1975-02-30\")"
        ),
        format!("{m}:{fk_line}:2: no processes row has this process_id (\"no_such_process\")"),
        format!(
            "{o}:{quote_line}:13: quote not found in sources/protracted_op_ed.txt (\"The ceasefire"
        ),
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
