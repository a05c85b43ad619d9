//! A broken data directory per class of mistake. For each: the loader and
//! every command report the problem with its file, line, column and value,
//! nothing panics, the CLI exits 1 and leaves no partial output. CRLF line
//! ends and a byte-order mark are accepted.

use std::path::{Path, PathBuf};
use std::process::Command;

use negotiations::Dataset;

use crate::common;

/// A fresh copy of the shipped data, broken by `f`.
fn broken(f: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = common::shipped_copy();
    f(&dir);
    (tmp, dir)
}

fn replace(path: &Path, from: &str, to: &str) {
    common::edit(path, from, to);
}

/// Every way in: the library, and each command that reads data. All must
/// fail with `expected` in their message and write nothing.
fn assert_reported(dir: &Path, expected: &[&str]) {
    let err = Dataset::from_dir(dir)
        .expect_err("the broken data loaded")
        .to_string();
    for e in expected {
        assert!(err.contains(e), "from_dir: missing {e:?} in\n{err}");
    }
    let out = dir.parent().unwrap().join("out");
    let commands: Vec<Vec<String>> = vec![
        vec!["check".into()],
        vec![
            "tables".into(),
            "meetings".into(),
            "--format".into(),
            "csv".into(),
            "--out".into(),
            out.join("m.csv").display().to_string(),
        ],
        vec!["summary".into()],
        vec!["figures".into(), "--out".into(), out.display().to_string()],
    ];
    for args in commands {
        let o = common::bin()
            .args(&args)
            .arg("--data")
            .arg(dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
        for e in expected {
            assert!(stderr.contains(e), "{args:?}: missing {e:?} in\n{stderr}");
        }
        assert!(!out.exists(), "{args:?} left output behind");
    }
}

fn file(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn missing_file() {
    let (_t, dir) = broken(|d| std::fs::remove_file(d.join("outcomes.csv")).unwrap());
    assert_reported(
        &dir,
        &[&format!("{}: file is missing", file(&dir, "outcomes.csv"))],
    );
}

#[test]
fn empty_file() {
    let (_t, dir) = broken(|d| std::fs::write(d.join("approaches.csv"), "").unwrap());
    assert_reported(
        &dir,
        &[&format!(
            "{}: file is empty; expected a header row: dimension,actor,value",
            file(&dir, "approaches.csv")
        )],
    );
}

#[test]
fn bad_header() {
    let (_t, dir) = broken(|d| {
        replace(
            &d.join("outcomes.csv"),
            "outcome_id,process_id,date,",
            "outcome,process_id,date,",
        )
    });
    let f = file(&dir, "outcomes.csv");
    assert_reported(
        &dir,
        &[
            &format!("{f}:1:1: unknown column 'outcome' in the header"),
            &format!("{f}:1: header lacks column 'outcome_id'"),
        ],
    );
}

#[test]
fn missing_header() {
    // The header row is gone: the first data row is read as the header.
    let (_t, dir) = broken(|d| {
        let p = d.join("approaches.csv");
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, text.split_once('\n').unwrap().1).unwrap();
    });
    assert_reported(
        &dir,
        &[&format!(
            "{}:1:1: unknown column 'tempo' in the header",
            file(&dir, "approaches.csv")
        )],
    );
}

#[test]
fn extra_column() {
    let (_t, dir) = broken(|d| {
        let p = d.join("sources.csv");
        let text = std::fs::read_to_string(&p).unwrap();
        let fixed: String = text
            .lines()
            .enumerate()
            .map(|(i, l)| format!("{l},{}\n", if i == 0 { "extra" } else { "x" }))
            .collect();
        std::fs::write(&p, fixed).unwrap();
    });
    assert_reported(
        &dir,
        &[&format!(
            "{}:1:11: unknown column 'extra' in the header",
            file(&dir, "sources.csv")
        )],
    );
}

#[test]
fn missing_column_in_a_row() {
    let (_t, dir) = broken(|d| {
        replace(
            &d.join("approaches.csv"),
            "tempo,kissinger,marathon,",
            "tempo,kissinger,",
        )
    });
    assert_reported(
        &dir,
        &[
            &format!("{}:2:", file(&dir, "approaches.csv")),
            "row has 5 fields; the header has 6",
        ],
    );
}

#[test]
fn wrong_type() {
    let (_t, dir) = broken(|d| replace(&d.join("processes.csv"), ",575,", ",575 meetings,"));
    assert_reported(
        &dir,
        &[&format!(
            "{}:6:14: column 'meetings_count': not a whole number (\"575 meetings\")",
            file(&dir, "processes.csv")
        )],
    );
}

#[test]
fn malformed_and_impossible_dates() {
    let (_t, dir) = broken(|d| {
        replace(
            &d.join("meetings.csv"),
            "kremlin_2025_12_02,trump_ukraine,2025-12-02",
            "kremlin_2025_12_02,trump_ukraine,2 Dec 2025",
        );
        replace(
            &d.join("outcomes.csv"),
            "paris_ceasefire,paris_vietnam,1973-01-27",
            "paris_ceasefire,paris_vietnam,1973-02-30",
        );
    });
    assert_reported(
        &dir,
        &[
            "column 'date': not a date; expected YYYY-MM-DD (\"2 Dec 2025\")",
            &format!("{}:", file(&dir, "outcomes.csv")),
            "column 'date': impossible date (no such day in the calendar) (\"1973-02-30\")",
        ],
    );
}

#[test]
fn a_week_is_dated_by_its_monday() {
    // 2 December 2025 is a Tuesday.
    let (_t, dir) = broken(|d| {
        replace(
            &d.join("meetings.csv"),
            "kremlin_2025_12_02,trump_ukraine,2025-12-02,day,",
            "kremlin_2025_12_02,trump_ukraine,2025-12-02,week,",
        )
    });
    assert_reported(
        &dir,
        &[
            &format!("{}:", file(&dir, "meetings.csv")),
            "a week-precision date must be the Monday of its week (\"2025-12-02\")",
        ],
    );
}

#[test]
fn unknown_enum_value() {
    let (_t, dir) = broken(|d| replace(&d.join("meetings.csv"), ",summit,", ",sumit,"));
    assert_reported(
        &dir,
        &[
            "column 'format': unknown value; expected one of summit, envoy_talks",
            "(\"sumit\")",
        ],
    );
}

#[test]
fn duplicate_id() {
    let (_t, dir) = broken(|d| {
        replace(
            &d.join("meetings.csv"),
            "call_2025_03_18,",
            "call_2025_02_12,",
        )
    });
    assert_reported(
        &dir,
        &[
            "duplicate meeting_id (first at line",
            "(\"call_2025_02_12\")",
        ],
    );
}

#[test]
fn dangling_foreign_key() {
    let (_t, dir) = broken(|d| {
        replace(
            &d.join("outcomes.csv"),
            "gaza_ceasefire,trump_gaza,",
            "gaza_ceasefire,trump_gazza,",
        )
    });
    assert_reported(
        &dir,
        &["no processes row has this process_id (\"trump_gazza\")"],
    );
}

#[test]
fn quote_not_in_its_source() {
    let (_t, dir) = broken(|d| {
        replace(
            &d.join("approaches.csv"),
            "Yet Kissingerian diplomacy was a marathon",
            "Kissingerian diplomacy was a sprint",
        )
    });
    assert_reported(
        &dir,
        &[&format!(
            "{}:2:6: quote not found in sources/kissinger_echo.txt",
            file(&dir, "approaches.csv")
        )],
    );
}

#[test]
fn invalid_utf8() {
    let (_t, dir) = broken(|d| {
        let p = d.join("sources.csv");
        let mut bytes = std::fs::read(&p).unwrap();
        let at = bytes
            .windows(15)
            .position(|w| w == b"David E. Sanger")
            .unwrap();
        bytes[at] = 0xFF;
        std::fs::write(&p, bytes).unwrap();
    });
    assert_reported(
        &dir,
        &[&format!(
            "{}:4:5: column 'author': not valid UTF-8",
            file(&dir, "sources.csv")
        )],
    );
}

#[test]
fn ten_megabyte_field() {
    let big = "x".repeat(10 * 1024 * 1024);
    let (_t, dir) = broken(|d| {
        replace(
            &d.join("approaches.csv"),
            "Negotiation as a long, patient effort.",
            &big,
        )
    });
    // Longer than any text column holds (a pasted article is a mistake):
    // reported at its cell, with its length, and never echoed in full.
    let e = Dataset::from_dir(&dir).unwrap_err().to_string();
    assert!(
        e.contains("approaches.csv:2:4: column 'description': 10485760 characters; the most this column holds is 600"),
        "{e}"
    );
    assert!(
        e.len() < 2000,
        "the 10 MB value was echoed: {} bytes",
        e.len()
    );
    assert_reported(
        &dir,
        &["approaches.csv:2:4: column 'description': 10485760 characters"],
    );
    // In a quote, the same: the length is the problem, and the quote check
    // does not search the article for 10 MB.
    let (_t2, dir2) = broken(|d| {
        replace(
            &d.join("approaches.csv"),
            "Yet Kissingerian diplomacy was a marathon, not a sprint.",
            &big,
        )
    });
    let e = Dataset::from_dir(&dir2).unwrap_err().to_string();
    assert!(
        e.contains("approaches.csv:2:6: column 'quote': 10485760 characters"),
        "{e}"
    );
    assert!(
        e.len() < 2000,
        "the 10 MB value was echoed: {} bytes",
        e.len()
    );
}

#[test]
fn crlf_and_byte_order_mark_are_accepted() {
    let (_t, dir) = broken(|d| {
        for name in ["meetings.csv", "processes.csv"] {
            let p = d.join(name);
            let text = std::fs::read_to_string(&p).unwrap().replace('\n', "\r\n");
            std::fs::write(&p, text).unwrap();
        }
        let p = d.join("outcomes.csv");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(std::fs::read(&p).unwrap());
        std::fs::write(&p, bytes).unwrap();
    });
    let data = Dataset::from_dir(&dir).unwrap();
    let shipped = Dataset::embedded().unwrap();
    for t in ["meetings", "processes", "outcomes"] {
        assert_eq!(
            data.table(t).unwrap().columns,
            shipped.table(t).unwrap().columns,
            "{t}"
        );
    }
    let o = Command::new(env!("CARGO_BIN_EXE_negotiations"))
        .arg("check")
        .arg("--data")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn all_problems_are_reported_at_once() {
    let (_t, dir) = broken(|d| {
        replace(&d.join("meetings.csv"), ",summit,", ",sumit,");
        replace(
            &d.join("outcomes.csv"),
            "gaza_ceasefire,trump_gaza,",
            "gaza_ceasefire,trump_gazza,",
        );
        std::fs::write(d.join("approaches.csv"), "").unwrap();
    });
    let err = Dataset::from_dir(&dir).unwrap_err();
    assert_eq!(err.problems().unwrap().len(), 3, "{err}");
}

/// In a file with CRLF line ends (or blank lines), a problem is reported on
/// the line an editor shows it on.
#[test]
fn crlf_files_report_the_right_line() {
    let (_t, dir) = broken(|d| {
        let p = d.join("meetings.csv");
        let text = std::fs::read_to_string(&p)
            .unwrap()
            .replace(
                "kremlin_2025_12_02,trump_ukraine,2025-12-02",
                "kremlin_2025_12_02,trump_ukraine,2025-12-32",
            )
            .replace('\n', "\r\n");
        std::fs::write(&p, format!("{text}\r\n\r\n")).unwrap();
    });
    let line = std::fs::read_to_string(dir.join("meetings.csv"))
        .unwrap()
        .split("\r\n")
        .position(|l| l.starts_with("kremlin_2025_12_02"))
        .unwrap()
        + 1;
    assert_reported(
        &dir,
        &[&format!(
            "{}:{line}:3: column 'date': impossible date",
            file(&dir, "meetings.csv")
        )],
    );
}

/// The line of `sources.csv` that holds `id`.
fn source_line(dir: &Path, id: &str) -> usize {
    std::fs::read_to_string(dir.join("sources.csv"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with(&format!("{id},")))
        .unwrap()
        + 1
}

/// A file name in the data that climbs out of the package (or is an
/// absolute path) is a positioned problem of its cell, and `build-sources`
/// refuses it without reading the file it names.
#[test]
fn a_file_name_that_leaves_the_package_is_refused() {
    for bad in [
        "../../../../etc/hostname",
        "/etc/hostname",
        "raw/../../x.txt",
    ] {
        let (_t, dir) =
            broken(|d| replace(&d.join("sources.csv"), "000_d8ae396c68ac7cc6.txt", bad));
        let line = source_line(&dir, "kissinger_echo");
        let column = 9; // `file`
        assert_reported(
            &dir,
            &[&format!(
                "{}:{line}:{column}: column 'file': a path, not a file name",
                file(&dir, "sources.csv")
            )],
        );
        let before = std::fs::read(dir.join("sources/kissinger_echo.txt")).unwrap();
        let o = common::bin()
            .args(["build-sources", "--data"])
            .arg(&dir)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{bad}: {stderr}");
        assert!(stderr.contains("column 'file'"), "{bad}: {stderr}");
        assert_eq!(
            std::fs::read(dir.join("sources/kissinger_echo.txt")).unwrap(),
            before,
            "{bad}: build-sources wrote the article"
        );
    }
}

/// A source id names `sources/<id>.txt`: one that is a path is refused.
#[test]
fn a_source_id_that_is_a_path_is_refused() {
    let (_t, dir) = broken(|d| {
        let p = d.join("sources.csv");
        replace(&p, "protracted_op_ed,", "../protracted_op_ed,");
    });
    let line = source_line(&dir, "../protracted_op_ed");
    assert_reported(
        &dir,
        &[&format!(
            "{}:{line}:1: column 'source_id': a path, not a file name",
            file(&dir, "sources.csv")
        )],
    );
}

/// A symlink in the package that leads out of it is not followed: an
/// article text that links to a file elsewhere is a problem of the
/// `sources.csv` row that names it, and a linked table file is refused.
#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_package_is_not_followed() {
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), "a secret outside the package\n").unwrap();
    let (_t, dir) = broken(|d| {
        let text = d.join("sources/kissinger_echo.txt");
        std::fs::remove_file(&text).unwrap();
        std::os::unix::fs::symlink(outside.path(), &text).unwrap();
    });
    let line = source_line(&dir, "kissinger_echo");
    assert_reported(
        &dir,
        &[&format!(
            "{}:{line}:1: {}: leads outside the data directory",
            file(&dir, "sources.csv"),
            dir.join("sources/kissinger_echo.txt").display()
        )],
    );
    let o = common::bin()
        .args(["extract", "--source", "kissinger_echo", "--data"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&o.stdout).contains("a secret"));

    let (_t2, dir2) = broken(|d| {
        let table = d.join("approaches.csv");
        let copy = outside.path().with_extension("csv");
        std::fs::copy(&table, &copy).unwrap();
        std::fs::remove_file(&table).unwrap();
        std::os::unix::fs::symlink(&copy, &table).unwrap();
    });
    assert_reported(&dir2, &["approaches.csv: leads outside the data directory"]);
    // A symlink that stays inside the package is fine.
    let (_t3, dir3) = broken(|d| {
        let text = d.join("sources/kissinger_echo.txt");
        std::fs::rename(&text, d.join("sources/kissinger_echo.real")).unwrap();
        std::os::unix::fs::symlink("kissinger_echo.real", &text).unwrap();
    });
    assert!(Dataset::from_dir(&dir3).is_ok());
}
