//! Each mark's mapping checked against what its docs say; every spec made
//! here is also written to `$NEGOTIATIONS_VEGA_SPECS/<name>.json` when that
//! is set, for `scripts/check-vega-schema.py` to validate against the
//! Vega-Lite v5 JSON schema (tests/data/vega-lite/).

use super::*;
use crate::plot::theme::{Theme, palette};
use chrono::NaiveDate;
use polars::prelude::*;
use serde_json::json;

/// The twin of `p`, which must map; written out for the schema check.
fn spec(name: &str, p: &Plot) -> Value {
    let v = match p.vega_lite().expect("the chart reads") {
        VegaLite::Spec(v) => v,
        VegaLite::Unmapped(r) => panic!("{name}: no twin: {r}"),
    };
    if let Some(dir) = std::env::var_os("NEGOTIATIONS_VEGA_SPECS") {
        std::fs::create_dir_all(&dir).unwrap();
        let path = std::path::Path::new(&dir).join(format!("{name}.json"));
        std::fs::write(path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    }
    v
}

fn unmapped(p: &Plot) -> String {
    match p.vega_lite().expect("the chart reads") {
        VegaLite::Unmapped(r) => r,
        VegaLite::Spec(_) => panic!("expected no twin"),
    }
}

/// The rows of layer `k`.
fn rows(v: &Value, k: usize) -> Vec<&Value> {
    v["data"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[LAYER] == k)
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn bars_stand_on_bands_in_the_given_order_in_house_colours() {
    let df = df!(
        "who" => ["trump", "kissinger", "trump"],
        "n" => [17, 9, 3],
        "approach" => ["trump", "kissinger", "trump"],
    )
    .unwrap();
    let house =
        Theme::new().family(&[("kissinger", palette::BLUE), ("trump", palette::VERMILLION)]);
    let v = spec(
        "bar",
        &Plot::new(&df)
            .bar("who", "n")
            .color("approach")
            .x_order(&["trump", "kissinger"])
            .theme(house),
    );
    let l = &v["layer"][0];
    assert_eq!(l["mark"]["type"], "bar");
    assert_eq!(l["encoding"]["x"]["type"], "nominal");
    assert_eq!(l["encoding"]["x"]["sort"], json!(["trump", "kissinger"]));
    assert_eq!(l["encoding"]["y"]["type"], "quantitative");
    // Rows sharing a bar are stacked into their sum, from zero.
    assert_eq!(l["encoding"]["y"]["stack"], "zero");
    assert_eq!(l["encoding"]["y"]["scale"]["zero"], true);
    let c = &l["encoding"]["color"];
    assert_eq!(c["scale"]["domain"], json!(["trump", "kissinger"]));
    assert_eq!(c["scale"]["range"], json!(["#d55e00", "#0072b2"]));
    assert_eq!(
        l["transform"][0],
        json!({"filter": {"field": LAYER, "equal": 0}})
    );
    let r = rows(&v, 0);
    assert_eq!(r.len(), 3);
    assert_eq!((&r[0]["who"], &r[0]["n"]), (&json!("trump"), &json!(17)));
    // Without a colour, rows are stacked by a row id.
    let v = spec("bar_plain", &Plot::new(&df).bar("who", "n"));
    assert_eq!(v["layer"][0]["encoding"]["detail"]["field"], ROW);
    assert_eq!(rows(&v, 0)[1][ROW], 1);
}

#[test]
fn horizontal_bars_lie_along_x_and_dodged_bars_stand_side_by_side() {
    let df = df!("who" => ["a", "b", "a"], "n" => [1.5, 2.0, 3.0], "c" => ["x", "x", "y"]).unwrap();
    let v = spec(
        "bar_horizontal",
        &Plot::new(&df).bar("n", "who").y_order(&["b", "a"]),
    );
    let e = &v["layer"][0]["encoding"];
    assert_eq!(
        (&e["x"]["type"], &e["y"]["type"]),
        (&json!("quantitative"), &json!("nominal"))
    );
    assert_eq!(e["x"]["stack"], "zero");
    assert_eq!(e["y"]["sort"], json!(["b", "a"]));
    let v = spec(
        "bar_dodge",
        &Plot::new(&df).bar("who", "n").color("c").dodge(),
    );
    let e = &v["layer"][0]["encoding"];
    assert_eq!(e["xOffset"]["field"], "c");
    assert_eq!(e["xOffset"]["sort"], json!(["x", "y"]));
    assert!(e["y"]["stack"].is_null());
    // Side by side along a continuous axis has no Vega-Lite form.
    let df = df!("d" => [1, 2], "n" => [1, 2], "c" => ["x", "y"]).unwrap();
    assert!(unmapped(&Plot::new(&df).bar("d", "n").color("c").dodge()).contains("side-by-side"));
}

#[test]
fn points_carry_shapes_sizes_labels_and_tooltips() {
    let df = df!(
        "days" => [748.0, 669.0, 10.0],
        "meetings" => [575, 2, 3],
        "case" => ["Korea", "Good Friday", "Sinai"],
        "kind" => ["summit", "visit", "summit"],
        "quote" => ["a", "b", "c"],
    )
    .unwrap();
    let p = Plot::new(&df)
        .point("days", "meetings")
        .shape("kind")
        .shape_map(&[("visit", "circle-open")])
        .size_by("meetings")
        .label("case")
        .tooltip("quote")
        .tooltip("case")
        .opacity(0.5);
    let v = spec("point", &p);
    let l = &v["layer"][0];
    assert_eq!(l["mark"]["type"], "point");
    assert_eq!(l["mark"]["filled"], true);
    assert_eq!(l["mark"]["opacity"], 0.5);
    let shape = &l["encoding"]["shape"];
    assert_eq!(shape["scale"]["domain"], json!(["summit", "visit"]));
    assert_eq!(shape["scale"]["range"][0], "circle");
    assert!(
        shape["scale"]["range"][1]
            .as_str()
            .unwrap()
            .starts_with("M1,0A1,1")
    );
    assert_eq!(l["encoding"]["size"]["field"], "meetings");
    // The tooltip columns, in the order given.
    let tips: Vec<&str> = l["encoding"]["tooltip"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["field"].as_str().unwrap())
        .collect();
    assert_eq!(tips, ["quote", "case"]);
    // The label: text beside each point, at the same place.
    let t = &v["layer"][1];
    assert_eq!(t["mark"]["type"], "text");
    assert_eq!(t["encoding"]["text"]["field"], "case");
    assert_eq!(t["encoding"]["x"], l["encoding"]["x"]);
    assert_eq!(t["transform"], l["transform"]);
    // Without tooltip columns, the encoded values: label, colour, y, x.
    let v = spec(
        "point_default_tips",
        &Plot::new(&df).point("days", "meetings").label("case"),
    );
    let tips: Vec<&str> = v["layer"][0]["encoding"]["tooltip"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["field"].as_str().unwrap())
        .collect();
    assert_eq!(tips, ["case", "meetings", "days"]);
    // Non-bar axes do not start at zero unless the data do.
    assert_eq!(v["layer"][0]["encoding"]["x"]["scale"]["zero"], false);
}

#[test]
fn lines_and_steps_group_dash_and_add_up() {
    let df = df!(
        "t" => [0, 1, 2, 0, 1],
        "n" => [1, 1, 1, 2, 2],
        "p" => ["a", "a", "a", "b", "b"],
        "style" => ["k", "k", "k", "t", "t"],
    )
    .unwrap();
    let v = spec(
        "line",
        &Plot::new(&df)
            .line("t", "n")
            .group("p")
            .color("style")
            .stroke(1.0, true),
    );
    let l = &v["layer"][0];
    assert_eq!(l["mark"]["type"], "line");
    assert_eq!(l["mark"]["strokeDash"], json!([6, 4]));
    assert_eq!(l["mark"]["strokeWidth"], 1.0);
    assert_eq!(l["encoding"]["detail"]["field"], "p");
    assert_eq!(l["encoding"]["color"]["field"], "style");
    assert!(l["mark"].get("interpolate").is_none());
    let v = spec(
        "step_cumulative",
        &Plot::new(&df).step("t", "n").group("p").cumulative(),
    );
    let l = &v["layer"][0];
    assert_eq!(l["mark"]["interpolate"], "step-after");
    // A running sum along x within each line.
    let w = &l["transform"][1];
    assert_eq!(
        w["window"][0],
        json!({"op": "sum", "field": "n", "as": CUMULATIVE})
    );
    assert_eq!(w["groupby"], json!(["p"]));
    assert_eq!(w["sort"], json!([{"field": "t"}]));
    assert_eq!(l["encoding"]["y"]["field"], CUMULATIVE);
    assert_eq!(l["encoding"]["y"]["title"], "n");
}

#[test]
fn intervals_and_ranges_are_bars_from_one_column_to_another() {
    let df = df!(
        "process" => ["sinai", "gaza"],
        "start" => [date(1974, 1, 11), date(2025, 10, 9)],
        "end" => [date(1974, 1, 18), date(2025, 10, 13)],
    )
    .unwrap();
    let v = spec(
        "interval_dates",
        &Plot::new(&df).interval("process", "start", "end"),
    );
    let l = &v["layer"][0];
    assert_eq!(l["mark"]["type"], "bar");
    assert_eq!(l["mark"]["height"], json!({"band": 0.56}));
    let e = &l["encoding"];
    assert_eq!(
        (&e["x"]["field"], &e["x"]["type"]),
        (&json!("start"), &json!("temporal"))
    );
    assert_eq!(e["x"]["scale"]["type"], "utc");
    assert_eq!(e["x2"]["field"], "end");
    assert_eq!(e["y"]["sort"], json!(["gaza", "sinai"]));
    // Dates as ISO strings; a tooltip reads them back as written, in UTC.
    assert_eq!(rows(&v, 0)[0]["start"], "1974-01-11");
    let tip = e["tooltip"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["field"] == "start")
        .unwrap();
    assert_eq!(
        (&tip["timeUnit"], &tip["format"]),
        (&json!("utcyearmonthdate"), &json!("%Y-%m-%d"))
    );
    // Lengths in days on a log axis, labelled in words.
    let df = df!("p" => ["hours", "years"], "lo" => [0.04, 657.4], "hi" => [1.0, 730.5]).unwrap();
    let v = spec(
        "interval_days",
        &Plot::new(&df).interval("p", "lo", "hi").x_log().x_days(),
    );
    let x = &v["layer"][0]["encoding"]["x"];
    assert_eq!(x["scale"]["type"], "log");
    assert!(
        x["axis"]["labelExpr"]
            .as_str()
            .unwrap()
            .contains("' years'")
    );
    let df = df!("year" => [1, 2], "lo" => [0.4, 0.35], "hi" => [0.5, 0.45]).unwrap();
    let v = spec(
        "range",
        &Plot::new(&df).range("year", "lo", "hi").y_domain(0.0, 1.0),
    );
    let e = &v["layer"][0]["encoding"];
    assert_eq!(
        (&e["y"]["field"], &e["y2"]["field"], &e["x"]["field"]),
        (&json!("lo"), &json!("hi"), &json!("year"))
    );
    assert_eq!(e["y"]["scale"]["domain"], json!([0, 1]));
    assert_eq!(v["layer"][0]["mark"]["width"], 10);
}

#[test]
fn ribbons_are_areas_and_rules_are_rules_at_a_datum() {
    let df =
        df!("t" => [0.0, 1.0, 2.0], "lo" => [1.0, 0.4, 0.3], "hi" => [1.0, 0.5, 0.42]).unwrap();
    let p = Plot::new(&df)
        .ribbon("t", "lo", "hi")
        .rule_y(0.5, "half")
        .rule_x(1.5, "");
    let v = spec("ribbon_rules", &p);
    let l = &v["layer"];
    assert_eq!(l[0]["mark"]["type"], "area");
    assert_eq!(l[0]["mark"]["interpolate"], "step-after");
    assert_eq!(l[0]["mark"]["opacity"], 0.22);
    assert_eq!(
        (
            &l[0]["encoding"]["y"]["field"],
            &l[0]["encoding"]["y2"]["field"]
        ),
        (&json!("lo"), &json!("hi"))
    );
    assert_eq!(l[1]["mark"]["type"], "rule");
    assert_eq!(l[1]["encoding"]["y"]["datum"], 0.5);
    assert_eq!(l[1]["encoding"]["tooltip"], json!({"value": "half"}));
    // The rule's label: text at the same datum.
    assert_eq!(l[2]["mark"]["type"], "text");
    assert_eq!(l[2]["encoding"]["text"], json!({"value": "half"}));
    assert_eq!(l[3]["encoding"]["x"]["datum"], 1.5);
    assert_eq!(l.as_array().unwrap().len(), 4);
    // One row for each rule, which draws it.
    assert_eq!(rows(&v, 1).len(), 1);
    let df = df!("d" => [date(2025, 7, 14)], "n" => [1]).unwrap();
    let v = spec(
        "rule_date",
        &Plot::new(&df)
            .point("d", "n")
            .rule_x(date(2025, 12, 4), "as of"),
    );
    assert_eq!(
        v["layer"][1]["encoding"]["x"]["datum"],
        json!({"year": 2025, "month": 12, "date": 4, "utc": true})
    );
}

#[test]
fn text_histograms_and_heat_grids() {
    let df = df!("x" => [1, 2], "y" => [1, 2], "name" => ["Korea", "Gaza"]).unwrap();
    let v = spec(
        "text",
        &Plot::new(&df).text("x", "y", "name").nudge(8.0, 0.0),
    );
    let l = &v["layer"][0];
    assert_eq!(l["mark"]["type"], "text");
    assert_eq!(
        (&l["mark"]["dx"], &l["mark"]["align"]),
        (&json!(8), &json!("left"))
    );
    assert_eq!(l["encoding"]["text"]["field"], "name");
    let df = df!("days" => [1.0, 2.0, 2.5, 9.0, 30.0], "c" => ["a", "b", "a", "a", "b"]).unwrap();
    let v = spec(
        "histogram",
        &Plot::new(&df).histogram("days").bins(5).color("c"),
    );
    let l = &v["layer"][0];
    assert_eq!(l["mark"]["type"], "bar");
    assert_eq!(l["encoding"]["x"]["bin"], json!({"maxbins": 5}));
    assert_eq!(l["encoding"]["y"]["aggregate"], "count");
    assert_eq!(l["encoding"]["y"]["title"], "count");
    assert_eq!(l["encoding"]["color"]["field"], "c");
    assert!(unmapped(&Plot::new(&df).histogram("days").x_log()).contains("log"));
    // Dates: bins of time, their edges labelled as dates.
    let df = df!("d" => [date(1974, 1, 18), date(1975, 9, 1), date(2025, 10, 9)]).unwrap();
    let v = spec("histogram_dates", &Plot::new(&df).histogram("d"));
    let x = &v["layer"][0]["encoding"]["x"];
    assert_eq!(
        (&x["type"], &x["bin"]),
        (&json!("temporal"), &json!({"maxbins": 20}))
    );
    assert_eq!(x["axis"]["labelExpr"], "utcFormat(datum.value, '%Y')");
    let df = df!(
        "dimension" => ["tempo", "tempo"],
        "actor" => ["kissinger", "trump"],
        "value" => ["marathon", "sprint"],
    )
    .unwrap();
    let v = spec(
        "heat",
        &Plot::new(&df)
            .heat("actor", "dimension", "actor")
            .label("value")
            .x_order(&["trump", "kissinger"]),
    );
    let l = &v["layer"];
    assert_eq!(l[0]["mark"]["type"], "rect");
    // The SVG's tint, halfway to white: the colour at 45% on white.
    assert_eq!(l[0]["mark"]["opacity"], 0.45);
    assert_eq!(l[0]["encoding"]["color"]["field"], "actor");
    assert_eq!(l[0]["encoding"]["x"]["sort"], json!(["trump", "kissinger"]));
    assert_eq!(l[1]["encoding"]["text"]["field"], "value");
    // Nothing to zoom on two band axes.
    assert!(l[0].get("params").is_none());
}

#[test]
fn facets_titles_notes_and_zoom() {
    let df = df!(
        "x" => [1, 2, 1, 2, 3],
        "y" => [Some(1), Some(2), Some(2), Some(1), None],
        "side" => ["k", "k", "t", "t", "t"],
        "source_id" => ["a", "a", "b", "b", "b"],
    )
    .unwrap();
    let guide = df!("x" => [1.5], "y" => [1.5], "name" => ["mid"]).unwrap();
    let p = Plot::new(&df)
        .line("x", "y")
        .data(&guide)
        .text("x", "y", "name")
        .facet("side")
        .facet_columns(1)
        .title("Two sides")
        .subtitle("per side");
    let v = spec("facet", &p);
    assert_eq!(v["facet"]["field"], PANEL);
    assert_eq!(v["facet"]["sort"], json!(["k", "t"]));
    assert_eq!(v["columns"], 1);
    let layers = &v["spec"]["layer"];
    assert_eq!(layers[0]["mark"]["type"], "line");
    // The row with an empty y is left out, and the note says so.
    assert_eq!(rows(&v, 0).len(), 4);
    assert_eq!(rows(&v, 0)[2][PANEL], "t");
    // A frame without the facet column is drawn in every panel.
    let guide_rows = rows(&v, 1);
    assert_eq!(guide_rows.len(), 2);
    assert_eq!(
        (&guide_rows[0][PANEL], &guide_rows[1][PANEL]),
        (&json!("k"), &json!("t"))
    );
    assert_eq!(v["title"]["text"], "Two sides");
    let sub: Vec<&str> = v["title"]["subtitle"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(sub[0], "per side");
    assert!(
        sub[1].contains("1 row with an empty 'y' left out"),
        "{sub:?}"
    );
    assert!(sub[2].starts_with("Sources: a, b"), "{sub:?}");
    // Zoom and pan on both continuous axes, from the first layer.
    assert_eq!(
        layers[0]["params"],
        json!([{"name": "grid", "select": {"type": "interval", "encodings": ["x", "y"]}, "bind": "scales"}])
    );
}

#[test]
fn the_same_chart_gives_the_same_text_with_fields_escaped() {
    let df = df!("a.b" => [1, 2], "y[0]" => [2.5, 3.0], "c" => ["p", "q"]).unwrap();
    let p = Plot::new(&df).point("a.b", "y[0]").color("c").y_hidden();
    let a = serde_json::to_string(&spec("escaped", &p)).unwrap();
    let b = serde_json::to_string(&p.vega_lite().unwrap().spec().unwrap()).unwrap();
    assert_eq!(a, b);
    // Keys in sorted order: the schema first.
    assert!(
        a.starts_with(r#"{"$schema":"https://vega.github.io/schema/vega-lite/v5.json","#),
        "{a}"
    );
    let v: Value = serde_json::from_str(&a).unwrap();
    let e = &v["layer"][0]["encoding"];
    assert_eq!(
        (&e["x"]["field"], &e["x"]["title"]),
        (&json!("a\\.b"), &json!("a.b"))
    );
    assert_eq!(e["y"]["field"], "y\\[0\\]");
    assert_eq!(e["y"]["axis"]["labels"], false);
    // The row keeps the column's own name.
    assert_eq!(rows(&v, 0)[0]["a.b"], 1);
}

#[test]
fn past_the_row_limit_the_chart_is_its_svg_with_a_note() {
    let n = MAX_VEGA_ROWS as i64 + 1;
    let df = df!("x" => (0..n).collect::<Vec<_>>()).unwrap();
    let p = Plot::new(&df).point("x", "x");
    assert!(unmapped(&p).contains("20,001 rows"));
    match shown(&p) {
        Shown::Svg(Ok(svg)) => assert!(svg.contains("No interactive version: 20,001 rows")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_notebook_shows_the_very_svg_and_its_twin() {
    let df = df!("x" => [1, 2], "y" => [3, 4]).unwrap();
    let p = Plot::new(&df).point("x", "y").title("T");
    match shown(&p) {
        Shown::Twin { svg, json } => {
            assert_eq!(svg, p.inline_svg().unwrap());
            assert!(!json.contains('\n'));
            let v: Value = serde_json::from_str(&json).unwrap();
            assert_eq!(&v, p.vega_lite().unwrap().spec().unwrap());
        }
        other => panic!("{other:?}"),
    }
    // A chart that cannot be drawn: the error, no twin.
    assert!(matches!(
        shown(&Plot::new(&df).point("x", "nope")),
        Shown::Svg(Err(_))
    ));
}

#[test]
fn every_report_chart_has_a_twin() {
    let data = crate::Dataset::embedded().unwrap();
    for chart in crate::charts::Chart::ALL {
        let fig = crate::charts::Figure::new(chart, &data).unwrap();
        let v = spec(&format!("report_{}", chart.name()), &fig.plot());
        assert!(!rows(&v, 0).is_empty(), "{}", chart.name());
    }
}

#[test]
fn notes_about_thinning_the_svg_are_not_the_twins() {
    let n = 2_500;
    let df = df!("x" => (0..n).map(|i| (i % 7) as f64).collect::<Vec<_>>(), "y" => vec![1.0; n])
        .unwrap();
    let p = Plot::new(&df).point("x", "y").note("Mine.");
    assert!(p.svg().unwrap().contains("only the last is drawn"));
    let v = spec("dense", &p);
    assert_eq!(v["title"]["subtitle"], json!(["Mine."]));
    assert_eq!(rows(&v, 0).len(), n);
}

#[test]
fn a_date_colour_ramp_is_in_milliseconds() {
    let df = df!("x" => [1, 2], "d" => [date(1970, 1, 2), date(1970, 1, 3)]).unwrap();
    let v = spec("date_ramp", &Plot::new(&df).point("x", "x").color("d"));
    let c = &v["layer"][0]["encoding"]["color"];
    assert_eq!(c["type"], "temporal");
    assert_eq!(c["scale"]["domain"], json!([86_400_000, 172_800_000]));
}
