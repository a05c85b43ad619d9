//! Dates in new articles mean what their sentences mean: the development
//! set `tests/data/dates_newswire_dev.tsv` (sentences of our own, each with
//! the article's date and the judgement of a reader) against `timex::scan`
//! and `extract`. Every case must resolve as judged; the counts are in the
//! extract documentation (`docs/adding-an-article.md`).

use negotiations::Dataset;
use negotiations::chrono::NaiveDate;
use negotiations::extract::{CandidateKind, Extractor};
use negotiations::timex::{Kind, scan};

struct Case {
    anchor: NaiveDate,
    sentence: String,
    expression: String,
    kind: String,
    expected: String,
    judgement: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/dates_newswire_dev.tsv"
    ))
    .unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Case {
                anchor: f[0].parse().unwrap(),
                sentence: f[1].to_string(),
                expression: f[2].to_string(),
                kind: f[3].to_string(),
                expected: f[4].to_string(),
                judgement: f[5].to_string(),
            }
        })
        .collect()
}

/// What the crate makes of one case, in the form of `expected`.
fn reading(x: &Extractor, c: &Case) -> String {
    match c.kind.as_str() {
        "date" | "span" | "age" => {
            let found = scan(&c.sentence, Some(c.anchor));
            let Some(t) = found.iter().find(|t| t.text == c.expression) else {
                let seen: Vec<&str> = found.iter().map(|t| t.text.as_str()).collect();
                return format!("not found (found {seen:?})");
            };
            match (c.kind.as_str(), t.kind) {
                ("date", Kind::Date) => format!(
                    "{} {}",
                    t.date.map_or("-".into(), |d| d.to_string()),
                    t.precision.map_or("-", |p| p.as_str())
                ),
                ("span", Kind::Duration) | ("age", Kind::Age) => {
                    t.duration.as_ref().map_or("-".into(), |n| n.iso.clone())
                }
                (_, k) => format!(
                    "a {} ({})",
                    k.as_str(),
                    t.duration.as_ref().map_or("", |n| n.iso.as_str())
                ),
            }
        }
        "meeting" | "plan" => {
            let e = x.text("dev", &c.sentence, Some(c.anchor));
            let meeting = e
                .candidates
                .iter()
                .find(|k| matches!(k.kind, CandidateKind::Meeting | CandidateKind::Planned));
            match (c.kind.as_str(), meeting) {
                ("plan", Some(m)) if m.kind == CandidateKind::Planned && m.draft.is_none() => {
                    "-".into()
                }
                ("plan", Some(m)) => format!("drafted as a meeting ({:?})", m.date),
                ("meeting", Some(m)) if m.kind == CandidateKind::Meeting && m.draft.is_some() => {
                    m.date.map_or("undated".into(), |d| d.to_string())
                }
                (_, m) => format!("no meeting drafted ({:?})", m.map(|m| m.kind)),
            }
        }
        "outcome" => {
            let e = x.text("dev", &c.sentence, Some(c.anchor));
            let dates: Vec<String> = e
                .candidates
                .iter()
                .filter(|k| k.table == Some("outcomes"))
                .map(|k| k.date.map_or("undated".into(), |d| d.to_string()))
                .collect();
            dates.join(", ")
        }
        k => panic!("unknown kind {k}"),
    }
}

#[test]
fn the_development_set_resolves_as_judged() {
    let data = Dataset::embedded().unwrap();
    let x = Extractor::new(&data).unwrap();
    let all = cases();
    let wrong: Vec<String> = all
        .iter()
        .filter_map(|c| {
            let got = reading(&x, c);
            (got != c.expected).then(|| {
                format!(
                    "{} | {:?} in {:?}: got {got}, want {} ({})",
                    c.anchor, c.expression, c.sentence, c.expected, c.judgement
                )
            })
        })
        .collect();
    println!(
        "dates development set: {} of {} as judged",
        all.len() - wrong.len(),
        all.len()
    );
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
