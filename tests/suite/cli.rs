//! The `tables`, `duration`, `summary` and `synth` commands end to end.

use crate::common::{bin, run, stderr, stdout};

#[test]
fn tables_lists_the_tables_with_row_counts() {
    let o = run(&["tables"]);
    assert!(o.status.success());
    let s = stdout(&o);
    for t in ["sources", "processes", "missions", "meetings", "outcomes"] {
        let n = crate::common::shipped_rows(t);
        assert!(
            s.lines()
                .any(|l| l.starts_with(t) && l.contains(&format!("{n} rows"))),
            "{s}"
        );
    }
}

#[test]
fn tables_csv_round_trips_the_shipped_file() {
    let o = run(&["tables", "meetings", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/meetings.csv")).unwrap();
    assert_eq!(stdout(&o), shipped);
}

#[test]
fn tables_json_is_an_array_of_row_objects() {
    let o = run(&["tables", "outcomes", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 18);
    let paris = rows
        .iter()
        .find(|r| r["outcome_id"] == "paris_ceasefire")
        .unwrap();
    // Dated by the first act that broke it: the fighting never stopped.
    assert_eq!(paris["ended"], "1973-01-28");
    assert_eq!(paris["kind"], "peace_agreement");
    assert_eq!(paris["us_economic_terms"], serde_json::Value::Null);
    let drc = rows
        .iter()
        .find(|r| r["outcome_id"] == "drc_rwanda_agreement")
        .unwrap();
    assert_eq!(drc["us_economic_terms"], true);
}

#[test]
fn tables_html_escapes_every_cell() {
    let o = run(&["tables", "approaches", "--format", "html"]);
    let html = stdout(&o);
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Apostrophes and quotes in the data come out as entities, never raw.
    assert!(
        html.contains("Threats of &#39;very severe&#39; tariffs"),
        "{html}"
    );
    assert!(!html.contains("'very severe'"));
    assert_eq!(html.matches("<tr>").count(), 1 + 40);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_keeps_dates_as_dates_and_needs_out() {
    use negotiations::polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.parquet");
    let o = run(&[
        "tables",
        "meetings",
        "--format",
        "parquet",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let df = ParquetReader::new(std::fs::File::open(&path).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.height(), 21);
    assert_eq!(df.column("date").unwrap().dtype(), &DataType::Date);
    assert_eq!(
        df.column("participants").unwrap().dtype(),
        &DataType::List(Box::new(DataType::String))
    );

    let o = run(&["tables", "meetings", "--format", "parquet"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim(),
        "error: parquet is binary: give --out FILE"
    );
}

/// Without the `parquet` feature, asking for Parquet says which feature
/// gives it, and writes nothing.
#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_says_how_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.parquet");
    let o = run(&[
        "tables",
        "meetings",
        "--format",
        "parquet",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("needs the `parquet` feature") && e.contains("--features parquet"),
        "{e}"
    );
    assert!(!path.exists());
}

#[test]
fn unknown_table_is_one_clear_line() {
    let o = run(&["tables", "treaties"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.contains("no table named \"treaties\""), "{e}");
}

#[test]
fn duration_prints_text_and_json() {
    let o = run(&["duration", "almost two years"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o).trim(),
        "\"almost two years\": P2Y less_than [657.4365, 730.485] days"
    );

    let o = run(&["duration", "--format", "json", "within 50 days"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["iso"], "P50D");
    assert_eq!(v["modifier"], "at_most");
    assert_eq!(v["days_low"], 0.0);
    assert_eq!(v["days_high"], 50.0);

    let o = run(&[
        "duration",
        "--format",
        "json",
        "two weeks",
        "575 meetings over two years",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["modifier"], "approx");
    assert_eq!(v[1]["phrase"], "575 meetings over two years");
}

#[test]
fn unreadable_duration_fails_with_a_reason() {
    let o = run(&["duration", "two weeks", "mid-May"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("P2W"));
    assert_eq!(
        stderr(&o).trim(),
        "error: cannot read duration phrase \"mid-May\": 'mid' is not a unit of time"
    );
}

#[test]
fn summary_prints_the_comparison() {
    let o = run(&["summary"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.starts_with("Kissinger vs Trump, as of 2025-12-04"), "{s}");
    for metric in [
        "median length",
        "leader-level share",
        "deadlines and pledges set",
        "agreements unraveled",
    ] {
        assert!(s.contains(metric), "{metric} missing:\n{s}");
    }
    let o = run(&["summary", "--format", "csv", "--as-of", "2026-01-01"]);
    assert!(stdout(&o).starts_with(
        "metric,unit,kissinger,trump,others,kissinger_n,trump_n,others_n,n_of,caveat\n"
    ));
    // Mediation by default: Paris (the United States a party) only when
    // pooled.
    let processes = |args: &[&str]| -> String {
        let o = run(args);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
            .lines()
            .find(|l| l.starts_with("processes,"))
            .unwrap()
            .to_string()
    };
    assert!(processes(&["summary", "--format", "csv"]).starts_with("processes,count,3.0,5.0,2.0,"));
    assert!(
        processes(&["summary", "--format", "csv", "--pooled"])
            .starts_with("processes,count,4.0,6.0,4.0,")
    );
}

#[test]
fn every_command_has_help() {
    for cmd in ["check", "tables", "duration", "summary", "build-sources"] {
        let o = run(&[cmd, "--help"]);
        assert!(o.status.success(), "{cmd}");
        assert!(stdout(&o).len() > 100, "{cmd}");
    }
}

#[test]
fn synth_writes_a_directory_that_check_accepts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("synthetic");
    let dir_s = dir.display().to_string();
    let o = run(&[
        "synth",
        "--meetings",
        "2000",
        "--seed",
        "5",
        "--out",
        &dir_s,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("40 processes, 2000 meetings, 200 durations, 40 outcomes"),
        "{}",
        stdout(&o)
    );
    let o = run(&["check", "--data", &dir_s]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2000 meetings"), "{}", stdout(&o));
}

/// `tables --format csv --spreadsheet` guards cells a spreadsheet would run
/// as formulas; the plain CSV is the data, byte for byte.
#[test]
fn a_csv_for_spreadsheets_guards_formulas() {
    let (_t, dir) = crate::common::shipped_copy();
    crate::common::edit(
        &dir.join("processes.csv"),
        "Kissinger's first Egypt–Israel disengagement (Sinai I)",
        "=SUM(A1:A9) Sinai I",
    );
    let d = dir.to_str().unwrap();
    let plain = stdout(&run(&[
        "tables",
        "processes",
        "--format",
        "csv",
        "--data",
        d,
    ]));
    assert!(plain.contains(",=SUM(A1:A9) Sinai I,"), "{plain}");
    let o = run(&[
        "tables",
        "processes",
        "--format",
        "csv",
        "--spreadsheet",
        "--data",
        d,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let guarded = stdout(&o);
    assert!(guarded.contains(",'=SUM(A1:A9) Sinai I,"), "{guarded}");
    // Numbers and dates are left as they are.
    assert!(
        guarded.contains(",1973-11-07,day,1974-01-18,day,"),
        "{guarded}"
    );
    let o = run(&["tables", "processes", "--format", "json", "--spreadsheet"]);
    assert!(!o.status.success() && stderr(&o).contains("--spreadsheet applies to --format csv"));
}

/// `sql` answers from the tables and the context, in the formats `tables`
/// writes, and its errors say what would work, with exit status 1.
#[test]
fn sql_queries_the_tables_and_says_what_would_work() {
    let o = run(&[
        "sql",
        "SELECT p.approach, count(*) AS sessions FROM meetings m JOIN processes p USING (process_id) \
         WHERE p.us_role = 'mediator' GROUP BY p.approach ORDER BY p.approach",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.starts_with("approach,sessions\n"), "{s}");
    // Kissinger's mediation sessions, counted from the shipped file.
    let meetings =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/meetings.csv")).unwrap();
    let kissinger = meetings
        .lines()
        .filter(|l| {
            l.split(',')
                .nth(1)
                .is_some_and(|p| p.starts_with("kissinger_") && p != "kissinger_paris")
        })
        .count();
    assert!(
        s.contains(&format!("kissinger,{kissinger}\n")),
        "{s} (want {kissinger})"
    );
    let o = run(&[
        "sql",
        "SELECT count(*) AS n FROM ucdp_peace_agreements",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (query, wants) in [
        (
            "SELECT * FROM meeting",
            &["no table named \"meeting\"", "meetings", "ucdp_conflicts"][..],
        ),
        (
            "SELECT dates FROM meetings",
            &["unable to find column \"dates\"", "date_precision"],
        ),
        ("SELEC * FROM meetings", &["Line: 1, Column: 1"]),
    ] {
        let o = run(&["sql", query]);
        assert_eq!(o.status.code(), Some(1), "{query}");
        let e = stderr(&o);
        for w in wants {
            assert!(e.contains(w), "{query}: {w:?} not in {e}");
        }
        assert!(!e.contains("panicked"), "{e}");
    }
}

#[test]
fn kernel_install_writes_a_spec_that_runs_this_program() {
    let dir = tempfile::tempdir().unwrap();
    let o = bin()
        .args([
            "kernel",
            "install",
            "--name",
            "negotiations-test",
            "--data-dir",
        ])
        .arg(dir.path())
        // No evcxr launcher: the install says Rust cells need setup.
        .env("NEGOTIATIONS_RUST_KERNEL", dir.path().join("none"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Rust cells need scripts/setup-notebooks.sh"),
        "{}",
        stdout(&o)
    );
    let spec =
        std::fs::read_to_string(dir.path().join("kernels/negotiations-test/kernel.json")).unwrap();
    let spec: serde_json::Value = serde_json::from_str(&spec).unwrap();
    let argv: Vec<&str> = spec["argv"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let exe = std::path::Path::new(env!("CARGO_BIN_EXE_negotiations"))
        .canonicalize()
        .unwrap();
    assert_eq!(
        argv,
        [exe.to_str().unwrap(), "kernel", "run", "{connection_file}"]
    );
    assert_eq!(spec["interrupt_mode"], "message");
}

#[test]
fn kernel_run_names_a_bad_connection_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("conn.json");
    std::fs::write(&path, r#"{"ip": "127.0.0.1", "transport": "ipc"}"#).unwrap();
    let o = bin().args(["kernel", "run"]).arg(&path).output().unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("conn.json: not a Jupyter connection file"),
        "{}",
        stderr(&o)
    );
}
