//! The six charts: byte-identical to the committed goldens, written by the
//! CLI as 12 files, and safe with hostile text in the data.
//!
//! After an intended change to a chart, `NEGOTIATIONS_BLESS=1 cargo test
//! --test figures` rewrites `tests/golden/`; look at the PNGs before
//! committing them.

use std::path::{Path, PathBuf};
use std::process::Command;

use negotiations::charts::{Chart, Figure};
use negotiations::Dataset;

use crate::common;

use crate::common::blessing;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn every_chart_matches_its_golden_copy_byte_for_byte() {
    let data = Dataset::embedded().unwrap();
    let mut stale = Vec::new();
    for chart in Chart::ALL {
        let fig = Figure::new(chart, &data).unwrap();
        for (ext, bytes) in [
            ("svg", fig.svg().unwrap().into_bytes()),
            ("png", fig.png().unwrap()),
        ] {
            let path = golden_dir().join(format!("{}.{ext}", chart.name()));
            if blessing() {
                std::fs::create_dir_all(golden_dir()).unwrap();
                std::fs::write(&path, &bytes).unwrap();
                continue;
            }
            let golden = std::fs::read(&path).unwrap_or_default();
            if golden != bytes {
                stale.push(format!(
                    "{} ({} bytes, golden {} bytes)",
                    path.display(),
                    bytes.len(),
                    golden.len()
                ));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "figures differ from the goldens; if the change is intended, run NEGOTIATIONS_BLESS=1 cargo test --test figures and look at them:\n{}",
        stale.join("\n")
    );
}

#[test]
fn pngs_are_wide_enough_for_a_report() {
    let data = Dataset::embedded().unwrap();
    let png = Figure::new(Chart::Outcomes, &data).unwrap().png().unwrap();
    // PNG IHDR: width and height are big-endian u32 at bytes 16..24.
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert!(width >= 1200, "{width}");
}

#[test]
fn text_from_the_data_is_escaped_in_svg() {
    let (_tmp, dir) = common::shipped_copy();
    let path = dir.join("processes.csv");
    let csv = std::fs::read_to_string(&path).unwrap();
    let hostile = r##""<script>alert('x')</script> & ""quoted""""##;
    let csv = csv.replacen("Korean War armistice talks", hostile, 1);
    std::fs::write(&path, csv).unwrap();
    let data = Dataset::from_dir(&dir).unwrap();
    let svg = Figure::new(Chart::Timeline, &data).unwrap().svg().unwrap();
    assert!(!svg.contains("<script"), "raw markup in the SVG");
    assert!(
        svg.contains("&lt;script&gt;"),
        "the hostile name is not drawn escaped"
    );
    assert!(!svg.contains(" & "), "a raw ampersand in the SVG");
}

#[test]
fn the_figures_command_writes_twelve_files_and_nothing_on_error() {
    let out = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_negotiations");
    let o = Command::new(bin)
        .args(["figures", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), 12, "{names:?}");
    for chart in Chart::ALL {
        let svg = std::fs::read(out.path().join(format!("{}.svg", chart.name()))).unwrap();
        assert_eq!(
            svg,
            std::fs::read(golden_dir().join(format!("{}.svg", chart.name()))).unwrap()
        );
    }

    let empty = tempfile::tempdir().unwrap();
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(bad.path().join("processes.csv"), "nonsense\n").unwrap();
    let o = Command::new(bin)
        .args(["figures", "--data"])
        .arg(bad.path())
        .arg("--out")
        .arg(empty.path().join("figs"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !empty.path().join("figs").exists(),
        "a failed run left output behind"
    );

    let svg_only = tempfile::tempdir().unwrap();
    let o = Command::new(bin)
        .args(["figures", "--format", "svg", "--out"])
        .arg(svg_only.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(std::fs::read_dir(svg_only.path()).unwrap().count(), 6);
}
