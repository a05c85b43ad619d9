//! The chain's promise (the same SVG bytes as the same Rust calls), its
//! errors with their positions, and its table against `Plot`'s methods.

use chrono::NaiveDate;
use plotters::style::RGBColor;
use polars::prelude::*;
use proptest::prelude::*;

use super::*;
use crate::plot::theme::{Theme, palette};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap_or_default()
}

fn frame() -> DataFrame {
    df!(
        "month" => ["2025-08", "2025-08", "2025-09", "2025-12"],
        "approach" => ["envoy", "summit", "envoy", "envoy"],
        "meetings" => [3i64, 1, 2, 4],
        "days" => [10.0, 20.5, 7.25, 3.0],
        "low" => [1.0, 2.0, 3.0, 4.0],
        "high" => [5.0, 6.5, 7.0, 8.0],
        "date" => [day(7, 14), day(8, 1), day(9, 20), day(12, 4)],
        "name" => ["a", "b", "c", "d"],
        "kind" => ["call", "visit", "call", "visit"],
    )
    .expect("a valid frame")
}

/// The chain draws what the Rust calls draw, byte for byte.
fn same(text: &str, rust: Plot) {
    let df = frame();
    let other = df!("x" => [1.0, 2.0], "y" => [3i64, 1]).expect("a valid frame");
    let options = ChainOptions::new().frame("other", &other);
    let from_text = chain_with(&df, text, &options).unwrap_or_else(|e| panic!("{text}\n{e}"));
    let want = rust
        .svg()
        .unwrap_or_else(|e| panic!("the Rust chart of {text}: {e}"));
    assert!(
        from_text.svg().ok() == Some(want),
        "different SVG for {text}"
    );
}

#[test]
fn marks_and_encodings_draw_as_in_rust() {
    let df = frame();
    let p = || Plot::new(&df);
    same(
        r#".bar("month", "meetings").color("approach").title("Meetings per month")"#,
        p().bar("month", "meetings")
            .color("approach")
            .title("Meetings per month"),
    );
    same(
        r#".point("days", "meetings").shape("kind").size_by("meetings").label("name").tooltip("approach")"#,
        p().point("days", "meetings")
            .shape("kind")
            .size_by("meetings")
            .label("name")
            .tooltip("approach"),
    );
    same(
        ".line(\"date\", \"meetings\").color(\"approach\").cumulative()\n.rule_x(NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(), \"as of\")\n.rule_y(2, \"two\").note(\"n\")",
        p().line("date", "meetings")
            .color("approach")
            .cumulative()
            .rule_x(day(9, 1), "as of")
            .rule_y(2, "two")
            .note("n"),
    );
    same(
        r#".step("days", "meetings").stroke(1.5, true).opacity(0.5).nudge(-1.0, 2e0).x_log().y_domain(-1.0, 10.0)"#,
        p().step("days", "meetings")
            .stroke(1.5, true)
            .opacity(0.5)
            .nudge(-1.0, 2.0)
            .x_log()
            .y_domain(-1.0, 10.0),
    );
    same(
        r#".interval("name", "low", "high").x_days().y_order(&["b", "a"]).y_sort("-days")"#,
        p().interval("name", "low", "high")
            .x_days()
            .y_order(&["b", "a"])
            .y_sort("-days"),
    );
    same(
        r#".range("name", "low", "high").x_sort("data").subtitle("s").caption("c").x_title("x").y_title("y")"#,
        p().range("name", "low", "high")
            .x_sort("data")
            .subtitle("s")
            .caption("c")
            .x_title("x")
            .y_title("y"),
    );
    same(
        r#".ribbon("days", "low", "high").paint(palette::GREEN).line("days", "meetings").paint(RGBColor(10, 20, 30))"#,
        p().ribbon("days", "low", "high")
            .paint(palette::GREEN)
            .line("days", "meetings")
            .paint(RGBColor(10, 20, 30)),
    );
}

#[test]
fn options_draw_as_in_rust() {
    let df = frame();
    let p = || Plot::new(&df);
    same(
        r#".histogram("days").bins(5).y_hidden().size(640, 400)"#,
        p().histogram("days").bins(5).y_hidden().size(640, 400),
    );
    same(
        r#".heat("month", "approach", "meetings").label("meetings").color_title("n")"#,
        p().heat("month", "approach", "meetings")
            .label("meetings")
            .color_title("n"),
    );
    same(
        r#".bar("month", "meetings").color("approach").dodge().color_map(&[("envoy", RGBColor(1, 2, 3))]).no_legend()"#,
        p().bar("month", "meetings")
            .color("approach")
            .dodge()
            .color_map(&[("envoy", RGBColor(1, 2, 3))])
            .no_legend(),
    );
    same(
        r#".point("days", "meetings").shape("kind").shape_map(&[("visit", "circle-open")]).facet("approach").facet_columns(1)"#,
        p().point("days", "meetings")
            .shape("kind")
            .shape_map(&[("visit", "circle-open")])
            .facet("approach")
            .facet_columns(1),
    );
    same(
        r#".text("days", "meetings", "name").x_order(&[]).y_title(r"raw \ title")"#,
        p().text("days", "meetings", "name")
            .x_order(&[])
            .y_title(r"raw \ title"),
    );
    let theme = Theme::new().family(&[("envoy", palette::GREEN), ("summit", palette::PURPLE)]);
    same(
        r#".point("days", "meetings").color("approach").theme(Theme::new().family(&[("envoy", palette::GREEN), ("summit", palette::PURPLE)]))"#,
        p().point("days", "meetings").color("approach").theme(theme),
    );
    same(
        r#".line("days", "meetings").group("approach").y_log().y_days().x_domain(0.0, 30.0).rule_y(1.5, "")"#,
        p().line("days", "meetings")
            .group("approach")
            .y_log()
            .y_days()
            .x_domain(0.0, 30.0)
            .rule_y(1.5, ""),
    );
    let other = df!("x" => [1.0, 2.0], "y" => [3i64, 1]).expect("a valid frame");
    same(
        r#".line("days", "meetings").data(&other).point("x", "y")"#,
        p().line("days", "meetings").data(&other).point("x", "y"),
    );
}

#[test]
fn comments_semicolons_receivers_and_escapes_are_read() {
    let df = frame();
    let rust = Plot::new(&df)
        .bar("month", "meetings")
        .title("A \"b\"\n\u{263a}")
        .x_title("é");
    let text = "Plot::new(&df) // the frame\n  .bar(\"month\", \"meetings\") /* bars /* nested */ */\n\t.title(\"A \\\"b\\\"\\n\\u{263A}\")\n  .x_title(\"\\xc3\" /* not a byte: */ ,)\n;";
    // `\xc3` is refused (Rust's `\x` stops at 7f), and says so.
    let err = chain(&df, text)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.starts_with("line 4, column 13: `\\x` takes two hex digits up to 7f"),
        "{err}"
    );
    let text = text.replace("\\xc3", "é");
    same(&text, rust.clone());
    same(&format!("{text}\n// a last comment\n"), rust);
    for empty in ["", ";", " // nothing\n"] {
        assert!(
            chain(&df, empty).is_ok_and(|p| p.layers.is_empty()),
            "{empty:?}"
        );
    }
}

/// The error of `text` as a user reads it.
fn error(text: &str) -> String {
    let df = frame();
    let other = df!("x" => [1.0]).expect("a valid frame");
    let options = ChainOptions::new().at(2, 1).frame("other", &other);
    match chain_with(&df, text, &options) {
        Ok(_) => panic!("{text} should fail"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn unknown_methods_list_the_methods_closest_first() {
    let e = error(".bar(\"month\", \"meetings\")\n   .colr(\"approach\")");
    assert!(
        e.starts_with(
            "line 3, column 5: no method `colr` on Plot; the methods, closest first: color, "
        ),
        "{e}"
    );
    assert!(
        e.contains("size_by") && e.ends_with("\n       .colr(\"approach\")\n        ^^^^"),
        "{e}"
    );
    let e = error(".bar(\"month\", \"meetings\").svg()");
    assert!(
        e.starts_with(
            "line 2, column 27: `svg` is not a builder method a chain can call: a chart cell shows"
        ),
        "{e}"
    );
}

#[test]
fn argument_counts_and_kinds_show_the_signature() {
    let e = error(".bar(\"month\")");
    assert!(e.starts_with("line 2, column 2: `bar` takes 2 arguments, 1 given: bar(self, x: &str, y: &str) -> Plot"), "{e}");
    let e = error(".dodge(1)");
    assert!(
        e.starts_with("line 2, column 8: `dodge` takes 0 arguments, 1 given: dodge(self) -> Plot"),
        "{e}"
    );
    let e = error(".point(\"days\", \"meetings\").opacity(1)");
    assert!(e.starts_with("line 2, column 36: argument 1 of `opacity` (alpha: f64): expected a number with a decimal point"), "{e}");
    assert!(
        e.contains("write `1.0`; the method is opacity(self, alpha: f64) -> Plot"),
        "{e}"
    );
    let e = error(".point(\"days\", \"meetings\").stroke(1.0, \"yes\")");
    assert!(e.contains("column 40: argument 2 of `stroke` (dashed: bool): expected `true` or `false`, found the string \"yes\""), "{e}");
    let e = error(".size(-1, 400)");
    assert!(
        e.starts_with(
            "line 2, column 7: argument 1 of `size` (width: u32): `-1` does not fit a `u32`"
        ),
        "{e}"
    );
    let e = error(".title(name)");
    assert!(
        e.contains("found `name` (a chart cell knows no Rust variables"),
        "{e}"
    );
    let e = error(".x_order([\"a\"])");
    assert!(
        e.contains("found an array (a slice is written `&[...]`)"),
        "{e}"
    );
    let e = error(".paint(RGBColor(1, 2, 300))");
    assert!(e.contains("column 23: argument 1 of `paint` (color: RGBColor): a colour channel is a whole number from 0 to 255"), "{e}");
    let e = error(".paint(palette::GREN)");
    assert!(
        e.contains("no palette colour `GREN`; the palette, closest first: GREEN, "),
        "{e}"
    );
    let e = error(".rule_x(NaiveDate::from_ymd_opt(2025, 2, 30).unwrap(), \"\")");
    assert!(
        e.contains(
            "column 9: argument 1 of `rule_x` (at: impl Into<At>): there is no date 2025-02-30"
        ),
        "{e}"
    );
    let e = error(".rule_x(NaiveDate::from_ymd_opt(2025, 2, 3), \"\")");
    assert!(e.contains("add `.unwrap()`"), "{e}");
    let e = error(".theme(house())");
    assert!(e.contains("expected `Theme::new()`, with `.family"), "{e}");
}

#[test]
fn columns_not_in_the_frame_list_its_columns_closest_first() {
    let e = error("\n.bar(\"month\", \"meetngs\")");
    assert!(e.starts_with("line 3, column 15: argument 2 of `bar` (y): no column \"meetngs\" in the frame; its columns, closest first: meetings, "), "{e}");
    // Encodings read the last mark's frame, not the one `data` switched to.
    let (df, other) = (frame(), frame().select(["days"]).expect("a column"));
    let options = ChainOptions::new().frame("other", &other);
    let text = ".bar(\"month\", \"meetings\").data(&other).color(\"approach\")";
    assert!(chain_with(&df, text, &options).is_ok());
    let e = error(".data(&other).point(\"x\", \"x\").color(\"approach\")");
    assert!(e.starts_with("line 2, column 37: argument 1 of `color` (column): no column \"approach\" in the frame of the last mark; its columns, closest first: x"), "{e}");
}

#[test]
fn frames_and_receivers_are_checked() {
    let e = error(".data(&others)");
    assert!(e.starts_with("line 2, column 7: argument 1 of `data` (df: &DataFrame): no frame named `others`; the frames, closest first: other"), "{e}");
    let e = error("p.bar(\"month\", \"meetings\")");
    assert!(
        e.starts_with(
            "line 2, column 1: a chain starts with `.method(...)` or with `Plot::new(&frame)`"
        ),
        "{e}"
    );
    let e = error("Plot::auto(&df, \"x\", None).title(\"t\")");
    assert!(e.contains("`Plot::auto` returns a `Result`"), "{e}");
}

#[test]
fn syntax_errors_point_at_the_token() {
    let e = error(".title(\"never closed)");
    assert!(
        e.starts_with("line 2, column 8: this string is never closed"),
        "{e}"
    );
    let e = error(".title(format!(\"{}\", 1))");
    assert!(
        e.starts_with("line 2, column 14: unexpected character `!`"),
        "{e}"
    );
    let e = error(".bar(\"month\" \"meetings\")");
    assert!(
        e.starts_with("line 2, column 14: expected `,` or `)`, found a string"),
        "{e}"
    );
    let e = error(".bar");
    assert!(
        e.starts_with("line 2, column 5: expected `(` after `.bar`"),
        "{e}"
    );
    let e = error(".bar(\"month\", \"meetings\")?");
    assert!(
        e.starts_with(
            "line 2, column 26: a builder call gives a `Plot`, not a `Result`: leave out the `?`"
        ),
        "{e}"
    );
    let e = error(".bar(\"month\", \"meetings\");\n.title(\"t\")");
    assert!(
        e.starts_with("line 3, column 1: expected `.method(...)`, a `;` at the end"),
        "{e}"
    );
}

#[test]
fn the_first_line_can_start_past_column_one() {
    let df = frame();
    let options = ChainOptions::new().at(7, 11);
    let e = chain_with(&df, ".bar(1, 2)\n.bar(1)", &options)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        e.starts_with("line 7, column 16: argument 1 of `bar`"),
        "{e}"
    );
    let e = Plot::new(&df)
        .chain_with("\n.bar(1)", &options)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("line 8, column 2: `bar` takes 2"), "{e}");
}

#[test]
fn long_lines_are_shown_around_the_culprit() {
    let text = format!(".title(\"{}\").colr(\"x\")", "a".repeat(300));
    let e = error(&text);
    let last = e.lines().last().unwrap_or_default();
    assert!(
        e.contains("    …") && last.trim() == "^^^^" && last.len() < 70,
        "{e}"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = [
        format!(".title({})", "&".repeat(100_000)),
        format!(".title({})", "(".repeat(100_000)),
        format!(".title({})", "[".repeat(100_000)),
        format!(".theme(Theme::new(){})", ".family(&[])".repeat(100_000)),
    ];
    for text in deep {
        let e = error(&text);
        assert!(
            e.contains("expected no deeper nesting") || e.contains("expected fewer calls"),
            "{}",
            &e[..200.min(e.len())]
        );
    }
}

/// The `pub fn name(self, ...) -> Plot` methods of `src/plot/`, with their
/// signatures as the source writes them (without `mut`, `theme::`).
fn builder_methods() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/plot");
    let mut out = Vec::new();
    // Every file under src/plot, subdirectories too (render/, vega/).
    let mut files = Vec::new();
    let mut dirs = vec![dir];
    while let Some(d) = dirs.pop() {
        for path in std::fs::read_dir(&d)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
        {
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
    {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for piece in text.split("pub fn ").skip(1) {
            let head: String = piece
                .split('{')
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let head = head
                .replace("mut self", "self")
                .replace(", )", ")")
                .replace("theme::Theme", "Theme");
            if head.ends_with("-> Plot")
                && head
                    .split('(')
                    .nth(1)
                    .is_some_and(|p| p.starts_with("self"))
            {
                let name = head.split('(').next().unwrap_or_default().to_string();
                out.push((name, head));
            }
        }
    }
    out
}

/// Builder methods a chain leaves out on purpose, with the reason. Empty:
/// every one has a literal form; a new method that has none goes here.
const LEFT_OUT: &[(&str, &str)] = &[];

#[test]
fn every_builder_method_is_in_the_table_as_declared() {
    let found = builder_methods();
    assert!(found.len() > 40, "the scan found {} methods", found.len());
    for (name, head) in &found {
        match methods::find(name) {
            Some(m) => assert_eq!(
                &m.signature(),
                head,
                "the chain declares `{name}` otherwise than src/plot"
            ),
            None => assert!(
                LEFT_OUT.iter().any(|(n, _)| n == name),
                "`{name}` is a builder method of Plot the chain cannot call: add it to methods::METHODS, or to LEFT_OUT with a reason"
            ),
        }
    }
    for m in methods::METHODS {
        assert!(
            found.iter().any(|(n, _)| n == m.name),
            "`{}` is in the chain's table but not a builder method of Plot",
            m.name
        );
    }
}

#[test]
fn the_palette_table_holds_every_palette_colour() {
    let text = include_str!("../theme.rs");
    let consts: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("pub const ")?
                .split(": RGBColor")
                .next()
                .filter(|n| !n.contains(' '))
        })
        .collect();
    assert!(consts.len() >= 10, "{consts:?}");
    for c in consts {
        assert!(
            args::PALETTE.iter().any(|(n, _)| *n == c),
            "palette::{c} is missing from args::PALETTE"
        );
    }
}

#[test]
fn closest_ranks_by_edit_distance() {
    assert_eq!(distance("kitten", "sitting"), 3);
    assert_eq!(distance("", "abc"), 3);
    let names = closest(
        "colr",
        ["title", "color_map", "color", "bar"].map(String::from),
    );
    assert_eq!(names, ["color", "color_map", "bar", "title"]);
}

/// Text made of the chain's own tokens, so the parser's deeper paths are
/// reached, not only the lexer's first error.
fn tokenish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        ".",
        "(",
        ")",
        "[",
        "]",
        "&",
        ",",
        ";",
        "-",
        "::",
        "\"month\"",
        "\"meetings\"",
        "\"x",
        "r#\"a\"#",
        "1",
        "-2.5",
        "1e400",
        "300",
        "bar",
        "color",
        "rule_x",
        "paint",
        "data",
        "RGBColor",
        "NaiveDate",
        "from_ymd_opt",
        "unwrap",
        "Theme",
        "new",
        "family",
        "palette",
        "GREEN",
        "Plot",
        "true",
        "//c\n",
        "/*",
        "*/",
        "\n",
        " ",
        "\\",
        "é",
        "\t",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_text_panics(text in "\\PC*", line in 0usize..5, column in 0usize..5) {
        let df = frame();
        let _ = chain_with(&df, &text, &ChainOptions::new().at(line, column));
    }

    #[test]
    fn no_token_soup_panics(text in tokenish()) {
        let df = frame();
        let _ = chain_with(&df, &text, &ChainOptions::new().frame("other", &df));
    }
}

#[test]
fn the_comparison_tells_charts_apart() {
    let df = frame();
    let a = chain(&df, ".bar(\"month\", \"meetings\").title(\"a\")")
        .and_then(|p| p.svg())
        .ok();
    let b = Plot::new(&df)
        .bar("month", "meetings")
        .title("b")
        .svg()
        .ok();
    assert!(a.is_some() && b.is_some() && a != b);
}
