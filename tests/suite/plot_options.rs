//! Every public option of the chart layer does what its documentation
//! says, read back from the SVG it draws: positions, colours, counts and
//! texts, not only that a call returns `Ok`. (Two options once passed
//! every test and did something else: `no_legend` greyed the marks, and
//! `x_domain` let lines run to the edge of the picture.)

use negotiations::plot::Plot;
use negotiations::plot::theme::{Theme, palette};
use negotiations::polars::prelude::*;

/// The `aria-label`s (texts and tick labels) of an SVG, in order.
fn labels(svg: &str) -> Vec<&str> {
    svg.split("aria-label=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .collect()
}

/// The numbers of attribute `name` of every element `tag`.
fn attr(svg: &str, tag: &str, name: &str) -> Vec<f64> {
    svg.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|e| {
            let e = format!(" {}", e.split('>').next()?);
            let v = e.split(&format!(" {name}=\"")).nth(1)?.split('"').next()?;
            v.parse().ok()
        })
        .collect()
}

/// The points of every polyline, as (x, y).
fn polylines(svg: &str) -> Vec<Vec<(f64, f64)>> {
    svg.split("<polyline points=\"")
        .skip(1)
        .filter_map(|e| e.split('"').next())
        .map(|pts| {
            pts.split(' ')
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect()
        })
        .collect()
}

/// The y position (from `translate(x y)`) of the text labelled `label`.
fn text_at(svg: &str, label: &str) -> (f64, f64) {
    let at = svg
        .find(&format!("aria-label=\"{label}\""))
        .unwrap_or_else(|| panic!("no text {label:?} in {:?}", labels(svg)));
    let head = &svg[..at];
    let t = head.rsplit("translate(").next().unwrap();
    let t = head[..head.len() - t.len()].rsplit("<g ").next().unwrap();
    let mut nums = t
        .split("translate(")
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap()
        .split(' ');
    (
        nums.next().unwrap().parse().unwrap(),
        nums.next().unwrap().parse().unwrap(),
    )
}

fn size_of(svg: &str) -> (f64, f64) {
    let head = svg.split('>').next().unwrap();
    let get = |k: &str| -> f64 {
        head.split(&format!(" {k}=\""))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (get("width"), get("height"))
}

fn three() -> DataFrame {
    df!(
        "x" => [1.0, 5.0, 20.0],
        "y" => [1.0, 4.0, 9.0],
        "c" => ["a", "b", "a"],
        "n" => [3.0, 60.0, 575.0],
    )
    .unwrap()
}

#[test]
fn titles_notes_and_captions_wrap_and_are_never_cut() {
    let caption = "Sources: UCDP Peace Agreement Dataset v26.1 (Pettersson, Davies and others), \
        Uppsala Conflict Data Program, https://ucdp.uu.se/downloads/index.html#peaceagreement, \
        licensed CC BY 4.0; the cases of this project from data/processes.csv and data/outcomes.csv.";
    let title = "A title long enough that it cannot possibly fit on one line of a chart that is only six hundred pixels wide";
    let note = "A note that is also long: every word of it must reach the picture, however narrow the chart is drawn.";
    let short = Plot::new(&three()).point("x", "y").size(600, 400);
    let long = short
        .clone()
        .title(title)
        .subtitle(note)
        .note(note)
        .caption(caption);
    let svg = long.svg().unwrap();
    let all = labels(&svg).join(" ");
    for text in [caption, title, note] {
        for word in text.split_whitespace() {
            assert!(all.contains(word), "{word:?} lost from {all:?}");
        }
    }
    assert!(!all.contains('…'), "a text was cut: {all:?}");
    // The chart grows to hold the lines; the panel keeps its height.
    let (w, h) = size_of(&svg);
    assert_eq!(w, 600.0);
    assert!(h > 500.0, "{h}: the figure did not grow");
    let png = long.png().unwrap();
    let png_h = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
    assert_eq!(f64::from(png_h), h, "the PNG and the SVG differ in height");
}

#[test]
fn axis_and_legend_titles_are_drawn() {
    let svg = Plot::new(&three())
        .point("x", "y")
        .color("c")
        .x_title("days since the start")
        .y_title("sessions")
        .color_title("side")
        .svg()
        .unwrap();
    let l = labels(&svg);
    for t in ["days since the start", "sessions", "side:"] {
        assert!(l.contains(&t), "{t:?} missing from {l:?}");
    }
}

#[test]
fn log_axes_tick_at_powers_of_ten_and_say_what_they_left_out() {
    let df = df!("x" => [0.0, 1.0, 10.0, 1000.0], "y" => [0.0, 3.0, 30.0, 600.0]).unwrap();
    let svg = Plot::new(&df)
        .point("x", "y")
        .x_log()
        .y_log()
        .svg()
        .unwrap();
    let l = labels(&svg);
    for t in ["1", "10", "100", "1000"] {
        assert!(l.contains(&t), "no tick {t} in {l:?}");
    }
    assert!(
        l.iter()
            .any(|t| t.contains("left out") || t.contains("at or below zero")),
        "no note on the row at zero: {l:?}"
    );
}

#[test]
fn day_axes_tick_in_words() {
    let df = df!("c" => ["a", "b"], "d" => [30.0, 400.0]).unwrap();
    let svg = Plot::new(&df).bar("c", "d").y_days().svg().unwrap();
    let l = labels(&svg);
    assert!(
        l.iter()
            .any(|t| t.ends_with("year") || t.ends_with("months") || t.ends_with("days")),
        "no tick in words: {l:?}"
    );
}

#[test]
fn orders_put_the_named_bands_first_and_the_rest_sorted() {
    let df = df!("who" => ["c", "trump", "b", "kissinger"], "n" => [1, 17, 2, 9]).unwrap();
    let svg = Plot::new(&df)
        .bar("who", "n")
        .x_order(&["trump", "kissinger"])
        .svg()
        .unwrap();
    let xs: Vec<f64> = ["trump", "kissinger", "b", "c"]
        .iter()
        .map(|t| text_at(&svg, t).0)
        .collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
    // Along y, top first.
    let svg = Plot::new(&df)
        .bar("n", "who")
        .y_order(&["trump", "kissinger"])
        .svg()
        .unwrap();
    let ys: Vec<f64> = ["trump", "kissinger", "b", "c"]
        .iter()
        .map(|t| text_at(&svg, t).1)
        .collect();
    assert!(ys.windows(2).all(|w| w[0] < w[1]), "{ys:?}");
}

#[test]
fn sorts_follow_the_frame_or_a_column_summed_per_band() {
    // Two rows for "Golan": 100 + 100 = 200 puts it first by -days.
    let df = df!(
        "process" => ["Sinai I", "Golan", "Ukraine", "Golan"],
        "days" => [72, 100, 150, 100],
    )
    .unwrap();
    let order = |svg: &str, names: &[&str]| -> Vec<f64> {
        names.iter().map(|t| text_at(svg, t).1).collect()
    };
    let increasing = |v: Vec<f64>| v.windows(2).all(|w| w[0] < w[1]);
    let by_days = Plot::new(&df)
        .bar("days", "process")
        .y_sort("-days")
        .svg()
        .unwrap();
    assert!(increasing(order(
        &by_days,
        &["Golan", "Ukraine", "Sinai I"]
    )));
    let up = Plot::new(&df)
        .bar("days", "process")
        .y_sort("days")
        .svg()
        .unwrap();
    assert!(increasing(order(&up, &["Sinai I", "Ukraine", "Golan"])));
    let data = Plot::new(&df)
        .bar("days", "process")
        .y_sort("data")
        .svg()
        .unwrap();
    assert!(increasing(order(&data, &["Sinai I", "Golan", "Ukraine"])));
    let err = Plot::new(&df)
        .bar("days", "process")
        .y_sort("-dayz")
        .svg()
        .unwrap_err();
    assert!(err.to_string().contains("dayz"), "{err}");
}

#[test]
fn domains_cut_every_mark_at_their_ends() {
    let df = df!(
        "t" => [0.0, 5.0, 20.0, 30.0],
        "s" => [1.0, 0.8, 0.6, 0.5],
        "lo" => [0.9, 0.7, 0.5, 0.3],
        "hi" => [1.0, 0.9, 0.7, 0.6],
    )
    .unwrap();
    let svg = Plot::new(&df)
        .ribbon("t", "lo", "hi")
        .step("t", "s")
        .point("t", "s")
        .x_domain(0.0, 10.0)
        .svg()
        .unwrap();
    // The panel's right edge: the x of the "10" tick.
    let right = text_at(&svg, "10").0;
    let max_x = polylines(&svg)
        .iter()
        .flatten()
        .map(|p| p.0)
        .fold(0.0, f64::max);
    assert!(max_x <= right + 1.0, "a line runs to {max_x}, past {right}");
    let polygon_x = svg
        .split("<polygon points=\"")
        .skip(1)
        .flat_map(|e| e.split('"').next().unwrap().split(' '))
        .filter_map(|p| p.split(',').next()?.parse::<f64>().ok())
        .fold(0.0, f64::max);
    assert!(
        polygon_x <= right + 1.0,
        "a band runs to {polygon_x}, past {right}"
    );
    // Points outside are not drawn (two of the four are inside).
    assert_eq!(attr(&svg, "circle", "cx").len(), 2);
    // Along y too.
    let svg = Plot::new(&three())
        .line("x", "y")
        .y_domain(0.0, 5.0)
        .svg()
        .unwrap();
    let top = text_at(&svg, "5").1;
    let min_y = polylines(&svg)
        .iter()
        .flatten()
        .map(|p| p.1)
        .fold(f64::INFINITY, f64::min);
    assert!(min_y >= top - 5.0, "a line runs up to {min_y}, above {top}");
}

#[test]
fn a_hidden_y_axis_has_no_tick_labels() {
    let df = df!("x" => [1.0, 2.0], "y" => [10.0, 20.0]).unwrap();
    let shown = Plot::new(&df).point("x", "y").svg().unwrap();
    let hidden = Plot::new(&df).point("x", "y").y_hidden().svg().unwrap();
    assert!(labels(&shown).contains(&"20"));
    assert!(!labels(&hidden).contains(&"20"), "{:?}", labels(&hidden));
}

#[test]
fn size_sets_the_picture_and_the_svg() {
    let svg = Plot::new(&three())
        .point("x", "y")
        .size(640, 400)
        .svg()
        .unwrap();
    assert_eq!(size_of(&svg), (640.0, 400.0));
}

#[test]
fn colours_come_from_the_column_the_paint_the_map_and_the_theme() {
    let p = Plot::new(&three()).point("x", "y");
    let coloured = p.clone().color("c").svg().unwrap();
    let fills: std::collections::BTreeSet<String> = coloured
        .split(" fill=\"#")
        .skip(1)
        .map(|f| f[..6].to_string())
        .collect();
    let marks: Vec<&String> = fills
        .iter()
        .filter(|f| !["000000", "ffffff"].contains(&f.as_str()))
        .collect();
    assert_eq!(marks.len(), 2, "two levels, two colours: {fills:?}");
    let painted = p.clone().paint(palette::GREEN).svg().unwrap();
    assert_eq!(painted.matches("fill=\"#009e73\"").count(), 3);
    let mapped = p
        .clone()
        .color("c")
        .color_map(&[("b", palette::VERMILLION)])
        .svg()
        .unwrap();
    assert!(mapped.contains("fill=\"#d55e00\""));
    let themed = p
        .clone()
        .color("c")
        .theme(Theme::new().family(&[("a", palette::GREEN), ("b", palette::BLUE)]))
        .svg()
        .unwrap();
    assert!(
        themed.contains("fill=\"#009e73\""),
        "the theme's colour is not used"
    );
    // No legend: the same colours, no legend entries.
    let quiet = p.clone().color("c").no_legend().svg().unwrap();
    for f in marks {
        assert!(
            quiet.contains(&format!("fill=\"#{f}\"")),
            "no_legend greyed the marks"
        );
    }
    assert!(!labels(&quiet).contains(&"c:"), "{:?}", labels(&quiet));
}

#[test]
fn shapes_and_sizes_follow_their_columns() {
    let p = Plot::new(&three()).point("x", "y");
    let shaped = p.clone().shape("c").svg().unwrap();
    assert_eq!(
        attr(&shaped, "circle", "cx").len(),
        2 + 1,
        "a: circles (+ legend)"
    );
    assert!(shaped.contains("<polygon"), "b: another shape");
    // a (two points) square; b takes the first shape in turn, a circle.
    let mapped = p
        .clone()
        .shape("c")
        .shape_map(&[("a", "square")])
        .svg()
        .unwrap();
    assert_eq!(
        attr(&mapped, "circle", "cx").len(),
        1 + 1,
        "b: a circle (+ legend)"
    );
    // Area in proportion to the value: radii go as square roots.
    let sized = p.clone().size_by("n").svg().unwrap();
    let r = attr(&sized, "circle", "r");
    let (small, big) = (
        r.iter().copied().fold(f64::INFINITY, f64::min),
        r.iter().copied().fold(0.0, f64::max),
    );
    assert!(big / small > 3.0, "{r:?}");
}

#[test]
fn labels_sit_beside_their_marks_or_are_led_to_them() {
    let df = df!("x" => [1.0, 9.0], "y" => [1.0, 9.0], "name" => ["Korea", "Gaza"]).unwrap();
    let svg = Plot::new(&df).point("x", "y").label("name").svg().unwrap();
    let cx = attr(&svg, "circle", "cx");
    let (lx, _) = text_at(&svg, "Korea");
    assert!(
        cx.iter().any(|c| (lx - c).abs() < 40.0),
        "Korea at {lx}, points at {cx:?}"
    );
}

#[test]
fn crowded_labels_get_leader_lines_or_are_reported() {
    // Forty points on one spot: no room for forty labels beside it.
    let n = 40;
    let names: Vec<String> = (0..n).map(|i| format!("agreement number {i}")).collect();
    let df = df!(
        "x" => vec![1.0; n],
        "y" => vec![1.0; n],
        "name" => names.clone(),
    )
    .unwrap();
    let svg = Plot::new(&df)
        .point("x", "y")
        .label("name")
        .size(800, 500)
        .svg()
        .unwrap();
    let drawn = names
        .iter()
        .filter(|t| labels(&svg).contains(&t.as_str()))
        .count();
    let note = labels(&svg)
        .into_iter()
        .find(|l| l.contains("left out"))
        .unwrap_or_else(|| panic!("no note of labels left out"));
    let left: usize = note.split_whitespace().next().unwrap().parse().unwrap();
    assert_eq!(drawn + left, n, "{note}");
    assert!(drawn > 5, "only {drawn} placed");
    // The labels moved away from the point are joined to it.
    assert!(polylines(&svg).len() >= drawn - 5, "no leader lines");
    // And no two labels overlap: their baselines differ or they are apart.
    let mut boxes: Vec<(f64, f64)> = names
        .iter()
        .filter(|t| labels(&svg).contains(&t.as_str()))
        .map(|t| text_at(&svg, t))
        .collect();
    boxes.sort_by(|a, b| a.partial_cmp(b).unwrap());
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(
                (a.1 - b.1).abs() > 10.0 || (a.0 - b.0).abs() > 100.0,
                "labels at {a:?} and {b:?} overlap"
            );
        }
    }
}

#[test]
fn groups_tooltips_and_nudges() {
    let df = df!(
        "t" => [0, 1, 0, 1],
        "n" => [1, 2, 1, 3],
        "p" => ["a", "a", "b", "b"],
        "quote" => ["“A marathon”", "x", "y", "z"],
    )
    .unwrap();
    let grouped = Plot::new(&df).line("t", "n").group("p").svg().unwrap();
    let plain = Plot::new(&df).line("t", "n").svg().unwrap();
    assert_eq!(
        polylines(&grouped).len(),
        polylines(&plain).len() + 1,
        "one line per group, not one line through all"
    );
    let tipped = Plot::new(&df)
        .point("t", "n")
        .tooltip("quote")
        .svg()
        .unwrap();
    assert!(tipped.contains("quote: “A marathon”"));
    // Pixels of a chart 1,600 wide; scaled as the type is at 1,200.
    for (width, moved) in [(1600, 16.0), (1200, 12.0)] {
        let plain = Plot::new(&df)
            .point("t", "n")
            .size(width, 800)
            .svg()
            .unwrap();
        let nudged = Plot::new(&df)
            .point("t", "n")
            .nudge(0.0, -16.0)
            .size(width, 800)
            .svg()
            .unwrap();
        let (a, b) = (attr(&plain, "circle", "cy"), attr(&nudged, "circle", "cy"));
        assert!(
            a.iter().zip(&b).all(|(a, b)| (a - b - moved).abs() < 0.01),
            "{a:?} {b:?}"
        );
    }
}

#[test]
fn dodged_bars_stand_side_by_side_and_bins_count() {
    let df = df!("m" => ["a", "a"], "who" => ["x", "y"], "n" => [1, 2]).unwrap();
    let stacked = Plot::new(&df).bar("m", "n").color("who").svg().unwrap();
    let dodged = Plot::new(&df)
        .bar("m", "n")
        .color("who")
        .dodge()
        .svg()
        .unwrap();
    // The bars: the rects of marks (after a hover text), not the legend's.
    let xs = |svg: &str| {
        attr(
            &svg.split("</title>").skip(1).collect::<Vec<_>>().join(""),
            "rect",
            "x",
        )
    };
    let (s, d) = (xs(&stacked), xs(&dodged));
    assert_eq!(s[0], s[1], "stacked bars share an x");
    assert_ne!(d[0], d[1], "dodged bars do not");
    // A histogram of evenly spread values: one bar per bin.
    let v: Vec<f64> = (0..100).map(f64::from).collect();
    let df = df!("v" => v).unwrap();
    let svg = Plot::new(&df).histogram("v").bins(5).svg().unwrap();
    assert_eq!(svg.split("</title><rect").count() - 1, 5);
}

#[test]
fn cumulative_adds_up_and_strokes_and_opacity_show() {
    let df = df!("day" => [0, 3, 7], "one" => [1, 1, 1]).unwrap();
    let svg = Plot::new(&df)
        .line("day", "one")
        .cumulative()
        .stroke(3.0, true)
        .opacity(0.5)
        .size(1600, 1000)
        .svg()
        .unwrap();
    let l = labels(&svg);
    assert!(l.contains(&"3"), "the axis reaches the total of 3: {l:?}");
    assert!(svg.contains("stroke-width=\"3\"") && svg.contains("stroke-dasharray"));
    let pts = Plot::new(&df)
        .point("day", "one")
        .opacity(0.5)
        .svg()
        .unwrap();
    assert!(pts.contains("fill-opacity=\"0.5\""));
}

#[test]
fn facets_are_laid_out_in_the_columns_asked_for() {
    let df = df!("x" => [1, 2, 1, 2], "y" => [1, 2, 2, 1], "f" => ["k", "k", "t", "t"]).unwrap();
    let one_row = Plot::new(&df).line("x", "y").facet("f").svg().unwrap();
    let (k, t) = (text_at(&one_row, "k"), text_at(&one_row, "t"));
    assert!(k.0 < t.0 && (k.1 - t.1).abs() < 1.0, "{k:?} {t:?}");
    let one_column = Plot::new(&df)
        .line("x", "y")
        .facet("f")
        .facet_columns(1)
        .svg()
        .unwrap();
    let (k, t) = (text_at(&one_column, "k"), text_at(&one_column, "t"));
    assert!(k.1 < t.1 && (k.0 - t.0).abs() < 1.0, "{k:?} {t:?}");
}
