//! The chart layer: one golden SVG per mark, text from the data escaped,
//! errors that name columns and dtypes, and random frames that give a
//! figure or an error, never a panic.
//!
//! After an intended change, `NEGOTIATIONS_BLESS=1 cargo test --test suite
//! plot` rewrites `tests/golden/plot/`; look at the PNGs it writes beside
//! them before committing.

use std::path::PathBuf;

use negotiations::chrono::NaiveDate;
use negotiations::plot::Plot;
use negotiations::polars::prelude::*;
use proptest::prelude::*;

use crate::common::blessing;

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/plot/{name}"))
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A small frame with every kind of column.
fn frame() -> DataFrame {
    df!(
        "process" => ["Sinai I", "Golan", "Sinai II", "Ukraine", "Gaza", "Korea"],
        "approach" => ["kissinger", "kissinger", "kissinger", "trump", "trump", "other"],
        "start" => [d(1973, 11, 7), d(1973, 12, 15), d(1974, 10, 9), d(2025, 2, 11), d(2025, 1, 29), d(1951, 7, 10)],
        "end" => [d(1974, 1, 18), d(1974, 5, 31), d(1975, 9, 4), d(2025, 12, 4), d(2025, 10, 9), d(1953, 7, 27)],
        "days" => [72.0, 167.0, 330.0, 296.0, 253.0, 748.0],
        "meetings" => [2i64, 2, 4, 16, 1, 575],
        "low" => [60.8, 657.4, 0.0, 9.0, 1314.9, 0.04],
        "high" => [121.7, 730.5, 50.0, 9.0, 1461.0, 1.0],
        "quote" => ["marathon", "“A marathon”", "<b>bold</b> & more", "sprint", "fragile", "575 meetings"],
    )
    .unwrap()
}

fn charts() -> Vec<(&'static str, Plot)> {
    let df = frame();
    vec![
        (
            "bar",
            Plot::new(&df)
                .bar("process", "meetings")
                .color("approach")
                .title("bar"),
        ),
        (
            "bar_horizontal",
            Plot::new(&df)
                .bar("days", "process")
                .title("bar, horizontal"),
        ),
        (
            "point",
            Plot::new(&df)
                .point("days", "meetings")
                .color("approach")
                .label("process")
                .y_log()
                .title("point"),
        ),
        ("line", Plot::new(&df).line("start", "days").title("line")),
        (
            "step",
            Plot::new(&df)
                .step("days", "meetings")
                .cumulative()
                .title("step, cumulative"),
        ),
        (
            "interval",
            Plot::new(&df)
                .interval("process", "start", "end")
                .color("approach")
                .title("interval"),
        ),
        (
            "interval_log",
            Plot::new(&df)
                .interval("process", "low", "high")
                .x_log()
                .x_days()
                .title("interval on a log day axis"),
        ),
        (
            "range",
            Plot::new(&df)
                .range("process", "low", "high")
                .title("range"),
        ),
        (
            "ribbon",
            Plot::new(&df).ribbon("days", "low", "high").title("ribbon"),
        ),
        (
            "rule",
            Plot::new(&df)
                .point("start", "days")
                .rule_x(d(2025, 12, 4), "as of")
                .rule_y(365.0, "a year")
                .title("rules"),
        ),
        (
            "text",
            Plot::new(&df)
                .text("days", "meetings", "quote")
                .title("text"),
        ),
        (
            "histogram",
            Plot::new(&df).histogram("days").bins(5).title("histogram"),
        ),
        (
            "heat",
            Plot::new(&df)
                .heat("approach", "process", "approach")
                .label("quote")
                .title("heat"),
        ),
        (
            "facet",
            Plot::new(&df)
                .point("days", "meetings")
                .facet("approach")
                .title("facets"),
        ),
    ]
}

#[test]
fn each_mark_matches_its_golden_svg() {
    let mut stale = Vec::new();
    for (name, chart) in charts() {
        let svg = chart.svg().unwrap();
        let path = golden(&format!("{name}.svg"));
        if blessing() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &svg).unwrap();
            chart.save_png(golden(&format!("{name}.png"))).unwrap();
            continue;
        }
        if std::fs::read_to_string(&path).unwrap_or_default() != svg {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "charts differ from their goldens; if intended, run NEGOTIATIONS_BLESS=1 cargo test --test suite plot and look at the PNGs:\n{}",
        stale.join("\n")
    );
}

#[test]
fn text_from_the_data_is_escaped() {
    let df = df!(
        "name" => ["<script>alert('x')</script>", "a & \"b\""],
        "v" => [1.0, 2.0],
    )
    .unwrap();
    let svg = Plot::new(&df)
        .bar("name", "v")
        .label("name")
        .tooltip("name")
        .title("<i>title</i>")
        .svg()
        .unwrap();
    assert!(
        !svg.contains("<script") && !svg.contains("<i>"),
        "raw markup in the SVG"
    );
    assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(svg.contains("a &amp; &quot;b&quot;"));
}

#[test]
fn errors_name_the_column_and_what_would_work() {
    let df = frame();
    let e = Plot::new(&df)
        .bar("proces", "meetings")
        .svg()
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("no column named \"proces\"") && e.contains("process, approach, start"),
        "{e}"
    );
    let e = Plot::new(&df)
        .line("days", "process")
        .svg()
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("\"process\" (str)") && e.contains("needs numbers"),
        "{e}"
    );
    let lists = df!("x" => [1], "y" => [Series::new("".into(), ["a", "b"])]).unwrap();
    let e = Plot::new(&lists)
        .point("x", "y")
        .svg()
        .unwrap_err()
        .to_string();
    assert!(e.contains(".explode([\"y\"])"), "{e}");
    let e = Plot::new(&df)
        .bar("process", "approach")
        .svg()
        .unwrap_err()
        .to_string();
    assert!(e.contains("group_by"), "{e}");
}

#[test]
fn nulls_are_left_out_and_counted_and_no_rows_says_so() {
    let df = df!("x" => [Some(1.0), None, Some(3.0)], "y" => [Some(1.0), Some(2.0), None]).unwrap();
    let svg = Plot::new(&df).point("x", "y").svg().unwrap();
    // Text is in each line's aria-label, escaped.
    assert!(
        svg.contains("2 rows with an empty &#39;x&#39; or &#39;y&#39; left out."),
        "{svg}"
    );
    let empty = df.clear();
    assert!(
        Plot::new(&empty)
            .point("x", "y")
            .svg()
            .unwrap()
            .contains("No rows to draw")
    );
}

#[test]
fn past_forty_bands_the_chart_says_which_it_shows() {
    let names: Vec<String> = (0..100).map(|i| format!("p{i}")).collect();
    let n: Vec<i64> = (0..100).collect();
    let df = df!("p" => names, "n" => n).unwrap();
    let svg = Plot::new(&df).bar("n", "p").svg().unwrap();
    assert!(
        svg.contains("Showing 40 of 100 values of &#39;p&#39; (those with the most rows)."),
        "note missing"
    );
}

/// A histogram's y axis runs from zero to its tallest stack of counts:
/// it once stayed at −1..1 whatever the counts, and bars ran over the
/// title (a golden blessed it).
#[test]
fn a_histogram_axis_reaches_its_tallest_bin() {
    let df = df!(
        "v" => [1.0, 1.0, 1.0, 1.0, 1.0, 9.0],
        "c" => ["a", "a", "b", "b", "b", "a"],
    )
    .unwrap();
    let svg = Plot::new(&df)
        .histogram("v")
        .bins(4)
        .color("c")
        .svg()
        .unwrap();
    let ticks = tick_labels(&svg);
    assert!(ticks.contains(&"5"), "no tick at the stack of 5: {ticks:?}");
    assert!(
        !ticks.iter().any(|t| t.starts_with('-')),
        "a negative count tick: {ticks:?}"
    );
}

/// The tick labels of an SVG, in order.
fn tick_labels(svg: &str) -> Vec<&str> {
    svg.split("aria-label=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .collect()
}

/// Counts are ticked at whole numbers: an axis of counts up to 3 once read
/// 0.25, 0.5, 0.75 (the histogram golden blessed it).
#[test]
fn count_axes_are_ticked_at_whole_numbers() {
    // x in hundreds, so that no x tick reads like a count.
    let df = df!("v" => [100.0, 100.0, 100.0, 500.0]).unwrap();
    let svg = Plot::new(&df).histogram("v").bins(2).svg().unwrap();
    let ticks = tick_labels(&svg);
    assert!(ticks.contains(&"3"), "no tick at the count of 3: {ticks:?}");
    assert!(
        !ticks
            .iter()
            .any(|t| t.contains('.') && t.parse::<f64>().is_ok()),
        "a fractional tick on an axis of counts or whole x values: {ticks:?}"
    );
    // An axis of fractions keeps its fractional ticks.
    let df = df!("x" => [0.0, 0.5, 1.0], "y" => [0.1, 0.45, 0.9]).unwrap();
    let svg = Plot::new(&df).point("x", "y").svg().unwrap();
    assert!(
        tick_labels(&svg).contains(&"0.5"),
        "{:?}",
        tick_labels(&svg)
    );
}

/// Faceted histograms share a y axis that reaches the tallest bin of any
/// one panel, not the stack of all panels together (which left each
/// panel's bars at a fraction of the axis).
#[test]
fn a_faceted_histogram_axis_reaches_the_tallest_panel() {
    let df = df!(
        "v" => [100.0, 100.0, 100.0, 100.0, 900.0, 900.0],
        "f" => ["a", "a", "b", "b", "a", "b"],
    )
    .unwrap();
    let svg = Plot::new(&df)
        .histogram("v")
        .bins(2)
        .facet("f")
        .svg()
        .unwrap();
    let ticks = tick_labels(&svg);
    assert!(
        ticks.contains(&"2"),
        "no tick at a panel's tallest bin: {ticks:?}"
    );
    assert!(
        !ticks.contains(&"4"),
        "the axis reaches the four rows of both panels together: {ticks:?}"
    );
}

/// Marks drawn inside the plot area (the legend draws its own).
fn circles(svg: &str) -> usize {
    svg.matches("<circle").count()
}

#[test]
fn dense_points_keep_the_last_mark_of_each_cell_and_say_so() {
    // 5,000 rows on one spot in one colour, then one in another.
    let n = 5_001;
    let x = vec![1.0; n];
    let mut c = vec!["a"; n];
    c[n - 1] = "b";
    let df = df!("x" => x.clone(), "y" => x, "c" => c).unwrap();
    let opaque = Plot::new(&df).point("x", "y").color("c").svg().unwrap();
    let legend = circles(
        &Plot::new(&df.slice(n as i64 - 2, 2))
            .point("x", "y")
            .color("c")
            .svg()
            .unwrap(),
    ) - 2;
    // Opaque: the last mark covers all the others, so it alone is drawn.
    assert_eq!(circles(&opaque) - legend, 1, "one mark on the spot");
    let last = Plot::new(&df.slice(n as i64 - 1, 1))
        .point("x", "y")
        .color("c")
        .svg()
        .unwrap();
    let fill = |svg: &str| -> Vec<String> {
        svg.split("<circle")
            .skip(1)
            .map(|c| {
                c.split("fill=\"")
                    .nth(1)
                    .unwrap_or("")
                    .chars()
                    .take(7)
                    .collect()
            })
            .collect()
    };
    assert!(
        fill(&opaque).contains(&fill(&last)[0]),
        "the mark drawn is the last row's colour"
    );
    assert!(
        opaque.contains("5,001 points: where marks would cover one another"),
        "note missing"
    );
    // Translucent: one mark per colour on the spot (they would add up).
    let clear = Plot::new(&df)
        .point("x", "y")
        .color("c")
        .opacity(0.5)
        .svg()
        .unwrap();
    assert_eq!(circles(&clear) - legend, 2);
    // Below the threshold every row is drawn, without a note.
    let few = df.slice(0, 1_000);
    let svg = Plot::new(&few).point("x", "y").svg().unwrap();
    assert_eq!(circles(&svg), 1_000);
    assert!(!svg.contains("would cover"));
}

#[test]
fn dense_lines_and_ribbons_are_thinned_per_pixel_column_and_say_so() {
    let n = 20_000;
    let x: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let y: Vec<f64> = (0..n).map(|i| ((i * 7_919) % 1_000) as f64).collect();
    let lo: Vec<f64> = y.iter().map(|v| v - 10.0).collect();
    let df = df!("x" => x, "y" => y, "lo" => lo).unwrap();
    let line = Plot::new(&df).line("x", "y").size(600, 400);
    let svg = line.svg().unwrap();
    assert!(svg.contains("20,000 rows: a line keeps, in each pixel column, its first, lowest, highest and last point."));
    // At most four points per pixel column of a 600-px-wide chart.
    let points = svg
        .split("<polyline points=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        points.split(' ').count() <= 4 * 600,
        "{} points",
        points.split(' ').count()
    );
    // The PNG draws it (as upright strokes per column) without error.
    assert!(line.png().unwrap().starts_with(b"\x89PNG"));
    let ribbon = Plot::new(&df).ribbon("x", "lo", "y").svg().unwrap();
    assert!(
        ribbon.contains("the band spans, in each pixel column, the least low to the greatest high")
    );
}

#[test]
fn labels_past_the_limit_are_said_to_be_left_out() {
    let n = 1_000;
    let x: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let names: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
    let df = df!("x" => x.clone(), "y" => x, "name" => names).unwrap();
    let svg = Plot::new(&df).point("x", "y").label("name").svg().unwrap();
    assert!(
        svg.contains("Labels on at most 400 of the 1,000 points."),
        "note missing"
    );
    let svg = Plot::new(&df).text("x", "y", "name").svg().unwrap();
    assert!(
        svg.contains("Text of the first 400 of 1,000 rows only."),
        "note missing"
    );
}

/// A frame of random columns (numbers, dates, text, booleans, lists) with
/// nulls.
fn random_frame() -> impl Strategy<Value = (DataFrame, Vec<String>)> {
    let rows = 0usize..40;
    (rows, proptest::collection::vec(0u8..5, 1..5), any::<u64>()).prop_map(|(n, kinds, seed)| {
        let mut state = seed | 1;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut columns = Vec::new();
        let mut names = Vec::new();
        for (k, kind) in kinds.iter().enumerate() {
            let name = format!("c{k}");
            let null = |v: u64| v.is_multiple_of(5);
            let s: Series = match kind {
                0 => Series::new(
                    name.as_str().into(),
                    (0..n)
                        .map(|_| {
                            let v = next();
                            (!null(v)).then_some((v % 1000) as f64 - 200.0)
                        })
                        .collect::<Vec<_>>(),
                ),
                1 => Series::new(
                    name.as_str().into(),
                    (0..n)
                        .map(|_| {
                            let v = next();
                            (!null(v)).then_some((v % 5) as i64)
                        })
                        .collect::<Vec<_>>(),
                ),
                2 => Series::new(
                    name.as_str().into(),
                    (0..n)
                        .map(|_| {
                            let v = next();
                            (!null(v)).then(|| ["a", "<b>", "c & d", ""][(v % 4) as usize])
                        })
                        .collect::<Vec<_>>(),
                ),
                3 => Series::new(
                    name.as_str().into(),
                    (0..n)
                        .map(|_| {
                            let v = next();
                            (!null(v)).then(|| (v % 40_000) as i32 - 5_000)
                        })
                        .collect::<Vec<_>>(),
                )
                .cast(&DataType::Date)
                .unwrap(),
                _ => Series::new(
                    name.as_str().into(),
                    (0..n)
                        .map(|_| {
                            let v = next();
                            (!null(v)).then_some(v % 2 == 0)
                        })
                        .collect::<Vec<_>>(),
                ),
            };
            columns.push(s.into());
            names.push(name);
        }
        (DataFrame::new(n, columns).unwrap(), names)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the frame and whichever columns go where, drawing gives an
    /// SVG and a PNG, or an error that says something; never a panic.
    #[test]
    fn random_frames_draw_or_say_why_not(
        (df, names) in random_frame(),
        mark in 0usize..10,
        picks in proptest::collection::vec(0usize..6, 4),
        log in any::<bool>(),
    ) {
        let pick = |i: usize| names.get(picks[i] % (names.len() + 1)).cloned().unwrap_or_else(|| "missing".into());
        let (a, b, c, e) = (pick(0), pick(1), pick(2), pick(3));
        let p = Plot::new(&df).size(400, 300);
        let p = match mark {
            0 => p.bar(&a, &b).color(&c),
            1 => p.point(&a, &b).color(&c).label(&e),
            2 => p.line(&a, &b).color(&c),
            3 => p.step(&a, &b).cumulative(),
            4 => p.interval(&a, &b, &c),
            5 => p.range(&a, &b, &c),
            6 => p.histogram(&a).color(&c),
            7 => p.heat(&a, &b, &c).label(&e),
            8 => p.text(&a, &b, &c).facet(&e),
            _ => p.ribbon(&a, &b, &c),
        };
        let p = if log { p.x_log().y_log() } else { p };
        match p.svg() {
            Ok(svg) => {
                prop_assert!(svg.starts_with("<svg"));
                prop_assert!(!svg.contains("<b>"));
                prop_assert!(p.png().is_ok());
            }
            Err(err) => prop_assert!(!err.to_string().is_empty()),
        }
    }
}

/// The chart layer knows no negotiation: a column of the user's called
/// `approach` takes the palette in order (or the colours the user gives);
/// the report charts' house colours come only with their theme.
#[test]
fn house_colours_come_with_the_theme_only() {
    let df = frame();
    let plain = Plot::new(&df)
        .bar("process", "meetings")
        .color("approach")
        .svg()
        .unwrap();
    let house = Plot::new(&df)
        .bar("process", "meetings")
        .color("approach")
        .theme(negotiations::charts::house::theme())
        .svg()
        .unwrap();
    // `other` is the third level: green (#009e73) in the palette's order,
    // grey (#787878) in the house colours.
    assert!(plain.contains("#009e73") && !plain.contains("#787878"));
    assert!(house.contains("#787878") && !house.contains("#009e73"));
    let mine = Plot::new(&df)
        .bar("process", "meetings")
        .color("approach")
        .color_map(&[("other", negotiations::plot::theme::palette::PURPLE)])
        .svg()
        .unwrap();
    assert!(mine.contains("#cc79a7"));
}
