//! The prose holds to the data: the comparison page and the README's
//! summary are generated from `metrics::summary` (a change to the data that
//! moves a figure fails here until `NEGOTIATIONS_BLESS=1 cargo test`
//! rewrites them), and every row id `data/CODING.md` cites as an example
//! exists.

use std::collections::BTreeSet;
use std::path::PathBuf;

use negotiations::Dataset;
use negotiations::metrics::{self, Scope};
use negotiations::polars::prelude::*;

use crate::package::hold;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `docs/comparison.md`: the whole summary, mediation and pooled, with
/// every caveat.
fn comparison_page(data: &Dataset) -> String {
    let as_of = metrics::as_of(data).unwrap();
    let table = |scope| {
        metrics::summary_markdown(&metrics::summary_of(data, as_of, scope).unwrap()).unwrap()
    };
    format!(
        "# Kissinger and Trump compared\n\n\
         Written by `cargo test` from the shipped data (`NEGOTIATIONS_BLESS=1 cargo test` rewrites it after a change to the data): \
         `negotiations summary` and `negotiations summary --pooled` print the same tables, and `metrics::summary_of` gives them as DataFrames. \
         As of {as_of}, the latest dated session or outcome. In brackets after each figure: how many of `of` it rests on. \
         The unit is the session (`data/CODING.md`, \"Sessions and missions\"), counted by one rule for both sides. Back to the [README](../README.md).\n\n\
         ## Mediation with mediation (the default)\n\n{}\n\
         ## Every process (`--pooled`)\n\n\
         The United States' own negotiations (Paris, the Korean armistice, Budapest, Trump–Kim) beside its mediations: not a comparison of mediators.\n\n{}",
        table(Scope::Mediation),
        table(Scope::Pooled)
    )
}

#[test]
fn the_comparison_page_is_the_summary_of_the_shipped_data() {
    let data = Dataset::embedded().unwrap();
    let path = root().join("docs/comparison.md");
    if let Some(e) = hold(&path, &comparison_page(&data)) {
        panic!("{e}");
    }
}

/// The README's block between its `summary` markers: the headline rows of
/// the mediation summary.
fn readme_block(data: &Dataset) -> String {
    let as_of = metrics::as_of(data).unwrap();
    let s = metrics::summary(data, as_of).unwrap();
    let keep = [
        "processes",
        "median length",
        "sessions listed",
        "sessions from the record alone",
        "median sessions per 30 days of a process",
        "leader-level share of sessions",
        "missions",
        "median mission length",
        "agreements reached",
    ];
    let mask: BooleanChunked = s
        .column("metric")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|m| Some(m.is_some_and(|m| keep.contains(&m))))
        .collect();
    let mut s = s.filter(&mask).unwrap();
    // The caveats live on the comparison page.
    let blank = Series::new("caveat".into(), vec![""; s.height()]);
    s.with_column(blank.into()).unwrap();
    format!(
        "<!-- summary: written by cargo test from the data; do not edit -->\n{}<!-- /summary -->",
        metrics::summary_markdown(&s).unwrap()
    )
}

#[test]
fn the_readme_summary_is_the_summary_of_the_shipped_data() {
    let data = Dataset::embedded().unwrap();
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find("<!-- summary:")
        .expect("README has a summary block");
    let end = readme
        .find("<!-- /summary -->")
        .expect("README's summary block ends")
        + "<!-- /summary -->".len();
    let expected = format!(
        "{}{}{}",
        &readme[..start],
        readme_block(&data),
        &readme[end..]
    );
    if let Some(e) = hold(&path, &expected) {
        panic!("{e}");
    }
}

/// Every backticked name in `data/CODING.md` that looks like an id (lower
/// case, with an underscore) is an id, a column, a code or a file of the
/// data, or an earlier version's id that `data/CHANGES.md` records: an
/// example row that was renamed or removed without a word fails here.
#[test]
fn coding_rules_cite_rows_that_exist() {
    let data = Dataset::embedded().unwrap();
    let mut known: BTreeSet<String> = BTreeSet::new();
    for t in negotiations::TABLES {
        known.insert(t.name.to_string());
        known.insert(t.file.to_string());
        let table = data.table(t.name).unwrap();
        for c in t.columns {
            known.insert(c.name.to_string());
            if let negotiations::schema::Kind::Enum(codes) = c.kind {
                known.extend(codes.iter().map(|c| c.to_string()));
            }
        }
        for key in t.primary_key {
            for r in 0..table.height() {
                known.extend(table.text(key, r).map(str::to_string));
            }
        }
        if t.name == "approaches" {
            for r in 0..table.height() {
                known.extend(table.text("value", r).map(str::to_string));
            }
        }
    }
    // Ids of earlier data versions, which the changelog records, may be
    // named as history.
    let changes = std::fs::read_to_string(root().join("data/CHANGES.md")).unwrap();
    known.extend(changes.split('`').skip(1).step_by(2).map(str::to_string));
    let rules = std::fs::read_to_string(root().join("data/CODING.md")).unwrap();
    let mut unknown = Vec::new();
    for (i, part) in rules.split('`').enumerate() {
        let looks_like_id = i % 2 == 1
            && part.contains('_')
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if looks_like_id && !known.contains(part) {
            unknown.push(part.to_string());
        }
    }
    assert!(
        unknown.is_empty(),
        "data/CODING.md names what the data does not hold: {unknown:?}"
    );
}

/// `data/context/FINDINGS.md`'s table of the `held` codings against
/// UCDP's activity is `base_rates::held_check` of the shipped data.
#[test]
fn the_findings_table_is_the_held_check_of_the_shipped_data() {
    let data = Dataset::embedded().unwrap();
    let ctx = negotiations::context::Context::embedded().unwrap();
    let check = negotiations::base_rates::held_check(&data, &ctx).unwrap();
    let disagree = check
        .column("verdict")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .filter(|v| *v == Some("disagree"))
        .count();
    let block = format!(
        "<!-- held_check: written by cargo test from the data; do not edit -->\n{}\n{} of {} checks disagree.\n<!-- /held_check -->",
        negotiations::export::markdown(&check),
        disagree,
        check.height()
    );
    let path = root().join("data/context/FINDINGS.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find("<!-- held_check:")
        .expect("FINDINGS.md has a held_check block");
    let end = text.find("<!-- /held_check -->").unwrap() + "<!-- /held_check -->".len();
    let expected = format!("{}{}{}", &text[..start], block, &text[end..]);
    if let Some(e) = hold(&path, &expected) {
        panic!("{e}");
    }
}

/// `docs/base-rates.md`'s survival of the article agreements is
/// `base_rates::article_survival` of the shipped data.
#[test]
fn the_article_survival_table_is_that_of_the_shipped_data() {
    let data = Dataset::embedded().unwrap();
    let as_of = metrics::as_of(&data).unwrap();
    let s = negotiations::base_rates::article_survival(&data, as_of).unwrap();
    let block = format!(
        "<!-- article_survival: written by cargo test from the data; do not edit -->\nAs of {as_of}.\n\n{}<!-- /article_survival -->",
        negotiations::export::markdown(&s)
    );
    let path = root().join("docs/base-rates.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find("<!-- article_survival:")
        .expect("the page has an article_survival block");
    let end = text.find("<!-- /article_survival -->").unwrap() + "<!-- /article_survival -->".len();
    let expected = format!("{}{}{}", &text[..start], block, &text[end..]);
    if let Some(e) = hold(&path, &expected) {
        panic!("{e}");
    }
}

/// The approaches codebook names every dimension the data codes.
#[test]
fn the_approaches_codebook_lists_every_dimension() {
    let data = Dataset::embedded().unwrap();
    let t = data.table("approaches").unwrap();
    let documented = negotiations::approaches::TABLE
        .column("dimension")
        .unwrap()
        .description;
    let missing: BTreeSet<&str> = (0..t.height())
        .filter_map(|r| t.text("dimension", r))
        .filter(|d| !documented.contains(&format!("`{d}`")))
        .collect();
    assert!(missing.is_empty(), "not in the codebook: {missing:?}");
}

/// The data version is the same everywhere it is written, and the crate's
/// changelog names the crate version and that data version.
#[test]
fn versions_agree() {
    let v = negotiations::DATA_VERSION;
    let changes = std::fs::read_to_string(root().join("data/CHANGES.md")).unwrap();
    let first = changes.lines().find(|l| l.starts_with("## ")).unwrap();
    assert!(first.starts_with(&format!("## {v} ")), "{first}");
    let rules = std::fs::read_to_string(root().join("data/CODING.md")).unwrap();
    assert!(
        rules.contains(&format!("(data version {v})")),
        "CODING.md names another version"
    );
    let changelog = std::fs::read_to_string(root().join("CHANGELOG.md")).unwrap();
    let first = changelog.lines().find(|l| l.starts_with("## ")).unwrap();
    assert!(
        first.starts_with(&format!("## {} ", env!("CARGO_PKG_VERSION")))
            && first.ends_with(&format!("data {v}")),
        "{first}"
    );
}
