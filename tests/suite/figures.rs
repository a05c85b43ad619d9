//! The seven charts: byte-identical to the committed goldens (SVG, PNG and
//! PDF), written by the CLI, and safe with hostile text in the data.
//!
//! After an intended change to a chart, `NEGOTIATIONS_BLESS=1 cargo test
//! --test figures` rewrites `tests/golden/`; look at the PNGs before
//! committing them.

use std::path::{Path, PathBuf};
use std::process::Command;

use negotiations::Dataset;
use negotiations::charts::{Chart, Figure};

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
            ("pdf", fig.pdf().unwrap()),
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

/// The PNG's bytes do not depend on what the thread drew before (its
/// caches of rasterized glyphs, laid-out lines and pixels) nor on the
/// thread: a chart drawn first on a fresh thread, and drawn after the six
/// others on another, gives the same file; and `files` gives the bytes of
/// `svg`, `png` and `pdf` one by one.
#[test]
fn figure_bytes_do_not_depend_on_what_was_drawn_before() {
    use negotiations::plot::FileFormat;
    let data = std::sync::Arc::new(Dataset::embedded().unwrap());
    let draw = |order: Vec<Chart>| {
        let data = data.clone();
        std::thread::spawn(move || {
            // Every chart drawn, in order; the last one's bytes kept.
            let mut last = Vec::new();
            for c in order {
                last = Figure::new(c, &data).unwrap().png().unwrap();
            }
            last
        })
        .join()
        .unwrap()
    };
    for chart in [Chart::Timeline, Chart::Approaches] {
        let alone = draw(vec![chart]);
        let mut after: Vec<Chart> = Chart::ALL.into_iter().filter(|&c| c != chart).collect();
        after.push(chart);
        assert!(
            alone == draw(after),
            "{} differs after other charts",
            chart.name()
        );
        let fig = Figure::new(chart, &data).unwrap();
        let files = fig.files(&FileFormat::ALL).unwrap();
        assert_eq!(files[0], fig.svg().unwrap().into_bytes());
        assert_eq!(files[1], fig.png().unwrap());
        assert_eq!(files[2], fig.pdf().unwrap());
    }
}

/// Each PDF is one vector page of the chart's size in points (¾ of a pixel),
/// with no raster image and no font (text is glyph outlines), deflated, and
/// at most twice its SVG's size.
#[test]
fn pdfs_are_one_vector_page_at_most_twice_the_svg() {
    let data = Dataset::embedded().unwrap();
    for chart in Chart::ALL {
        let fig = Figure::new(chart, &data).unwrap();
        let (pdf, svg) = (fig.pdf().unwrap(), fig.svg().unwrap());
        let text = String::from_utf8_lossy(&pdf);
        assert!(pdf.starts_with(b"%PDF-1.7") && text.trim_end().ends_with("%%EOF"));
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(pages, 1, "{}", chart.name());
        assert!(
            !text.contains("/Subtype /Image") && !text.contains("/Font"),
            "{}",
            chart.name()
        );
        let height: f64 = svg
            .split("height=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            text.contains(&format!("/MediaBox [0 0 1200 {}]", height * 0.75)),
            "{}: {}",
            chart.name(),
            text.split("/MediaBox")
                .nth(1)
                .unwrap_or("")
                .chars()
                .take(30)
                .collect::<String>()
        );
        assert!(
            pdf.len() <= 2 * svg.len(),
            "{}: {} bytes, SVG {}",
            chart.name(),
            pdf.len(),
            svg.len()
        );
    }
}

/// Each PNG is a 1600-wide picture (1000 tall, or more for long texts) with a title and a body: decoded,
/// its top band holds dark title text and its body a good share of ink.
#[test]
fn pngs_are_report_sized_pictures_with_a_title_and_marks() {
    let data = Dataset::embedded().unwrap();
    for chart in Chart::ALL {
        let png = Figure::new(chart, &data).unwrap().png().unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).unwrap();
        // 1600 × 1000, taller by the lines of text past the first of each
        // block (a two-line subtitle), which are never cut.
        assert_eq!(info.width, 1600, "{}", chart.name());
        assert!(
            (1000..1100).contains(&info.height),
            "{}: {}",
            chart.name(),
            info.height
        );
        let dark = |y0: usize, y1: usize| {
            (y0..y1)
                .flat_map(|y| (0..1600).map(move |x| (y * 1600 + x) * 3))
                .filter(|&i| pixels[i] < 100 && pixels[i + 1] < 100 && pixels[i + 2] < 100)
                .count()
        };
        let ink = |y0: usize, y1: usize| {
            (y0..y1)
                .flat_map(|y| (0..1600).map(move |x| (y * 1600 + x) * 3))
                .filter(|&i| pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)
                .count()
        };
        assert!(dark(10, 60) > 2_000, "{}: no title text", chart.name());
        assert!(ink(120, 900) > 20_000, "{}: an empty body", chart.name());
    }
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
fn the_figures_command_writes_every_chart_twice_and_nothing_on_error() {
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
    assert_eq!(names.len(), 2 * Chart::ALL.len(), "{names:?}");
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

    // A directory that cannot be made (its parent is a file): the error
    // names it, and no temporary file is left anywhere.
    let blocked = tempfile::tempdir().unwrap();
    std::fs::write(blocked.path().join("a-file"), "x").unwrap();
    let o = Command::new(bin)
        .args(["figures", "--out"])
        .arg(blocked.path().join("a-file").join("figs"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("a-file"), "{err}");
    assert_eq!(std::fs::read_dir(blocked.path()).unwrap().count(), 1);

    let svg_only = tempfile::tempdir().unwrap();
    let o = Command::new(bin)
        .args(["figures", "--format", "svg", "--out"])
        .arg(svg_only.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_dir(svg_only.path()).unwrap().count(),
        Chart::ALL.len()
    );

    // `all`: SVG, PNG and PDF, the PDFs as the goldens.
    let all = tempfile::tempdir().unwrap();
    let o = Command::new(bin)
        .args(["figures", "--format", "all", "--out"])
        .arg(all.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(
        std::fs::read_dir(all.path()).unwrap().count(),
        3 * Chart::ALL.len()
    );
    for chart in Chart::ALL {
        let name = format!("{}.pdf", chart.name());
        assert_eq!(
            std::fs::read(all.path().join(&name)).unwrap(),
            std::fs::read(golden_dir().join(&name)).unwrap(),
            "{name}"
        );
    }
}

/// On a data directory of many processes, each report chart keeps to 40
/// of them (the meeting pace: those with the most meetings) and says so,
/// so that it stays readable and quick to draw.
#[test]
fn charts_of_many_processes_show_forty_and_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    negotiations::synth::generate(tmp.path(), 3_000, 7).unwrap();
    let data = Dataset::from_dir(tmp.path()).unwrap();
    let processes = data.table("processes").unwrap().height();
    assert!(
        processes > 40,
        "{processes} processes: the test needs more than 40"
    );
    let svg = Figure::new(Chart::MeetingPace, &data)
        .unwrap()
        .svg()
        .unwrap();
    assert!(
        svg.contains(&format!(
            "Showing the 40 of {processes} processes with the most meetings."
        )),
        "note missing"
    );
    // One step line per process shown, one for each stated total at most,
    // and a leader line for each label moved away from its line's end.
    let lines = svg.matches("<polyline").count();
    assert!(lines <= 3 * 40 + 10, "{lines} polylines");
    let svg = Figure::new(Chart::Timeline, &data).unwrap().svg().unwrap();
    assert!(svg.contains("Showing 40 of "), "timeline note missing");
    let missions = data.table("missions").unwrap().height();
    assert!(
        missions > 40,
        "{missions} missions: the test needs more than 40"
    );
    let svg = Figure::new(Chart::Calendar, &data).unwrap().svg().unwrap();
    assert!(
        svg.contains(&format!("Showing the 40 longest of {missions} missions.")),
        "calendar note missing"
    );
}
