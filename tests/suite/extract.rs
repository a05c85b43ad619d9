//! From a new text to checked rows: `add_source`, `extract` and the row
//! builders, in the library and on the command line. Measured on the five
//! shipped articles: every phrase of `durations.csv` and every stated date
//! behind `meetings.csv` and `outcomes.csv` is found (recall), and how many
//! candidates correspond to rows (precision, printed).

use std::collections::BTreeMap;
use std::path::Path;

use negotiations::Dataset;
use negotiations::chrono::NaiveDate;
use negotiations::codes::{DateBasis, DurationKind, Format, OutcomeKind, Precision};
use negotiations::extract::{self, Extraction, Highlight, Mark};
use negotiations::rows::{self, DurationRow, MeetingRow, OutcomeRow, ProcessRow, Row, SourceMeta};
use negotiations::text::fold_whitespace;

use crate::common::{run, shipped_copy, stderr, stdout};

const ARTICLES: [&str; 5] = [
    "kissinger_echo",
    "kremlin_collision",
    "protracted_op_ed",
    "strategic_muddle",
    "unconventional_envoys",
];

/// Every file under `dir`, by relative path: to prove a failure changed
/// nothing.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                // Directories too: an empty one left behind is a change.
                out.insert(
                    format!("{}/", p.strip_prefix(root).unwrap().display()),
                    Vec::new(),
                );
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Where `passage` is in the article (both white-space folded).
fn at(article: &str, passage: &str) -> Option<(usize, usize)> {
    let (a, p) = (fold_whitespace(article), fold_whitespace(passage));
    a.find(&p).map(|i| (i, i + p.len()))
}

fn overlaps(a: Option<(usize, usize)>, b: Option<(usize, usize)>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a.0 < b.1 && b.0 < a.1)
}

/// Each row of a shipped table as a map of its cells.
fn rows_of(data: &Dataset, table: &str) -> Vec<BTreeMap<String, String>> {
    let t = data.table(table).unwrap();
    (0..t.height())
        .map(|r| {
            t.spec
                .columns
                .iter()
                .zip(&t.columns)
                .map(|(c, v)| (c.name.to_string(), v.render(r)))
                .collect()
        })
        .collect()
}

fn extractions(data: &Dataset) -> BTreeMap<&'static str, Extraction> {
    ARTICLES
        .iter()
        .map(|&id| (id, extract::article(data, id).unwrap()))
        .collect()
}

fn cell(row: &Row, column: &str) -> Option<String> {
    row.cells()
        .into_iter()
        .find(|(c, _)| *c == column)
        .and_then(|(_, v)| v)
}

/// Recall: every phrase of `durations.csv` is a candidate in its article,
/// in the sentence of the row's quote, whose draft normalizes as the row
/// does. A pledge with no time span has no phrase (data 0.2.0, CODING.md,
/// "Deadlines and pledges"): there is nothing to find, and only its quote
/// is checked.
#[test]
fn finds_every_phrase_of_the_durations_table() {
    let data = Dataset::embedded().unwrap();
    let found = extractions(&data);
    let rows = rows_of(&data, "durations");
    // Every row of durations.csv (data 0.2.0).
    assert_eq!(rows.len(), 31);
    let mut phrases = 0;
    for r in &rows {
        let x = &found[r["source_id"].as_str()];
        let quote = at(&x.text, &r["quote"]);
        assert!(
            quote.is_some(),
            "{}: quote not in the article",
            r["duration_id"]
        );
        if r["phrase"].is_empty() {
            assert_eq!(r["kind"], "pledge", "{}: no phrase", r["duration_id"]);
            continue;
        }
        phrases += 1;
        let phrase = r["phrase"].to_lowercase();
        let hit = x.candidates.iter().find(|c| {
            let draft = x.draft(c.number);
            c.text.to_lowercase().contains(&phrase)
                && overlaps(at(&x.text, &c.quote), quote)
                && draft.is_some_and(|d| {
                    d.table().name == "durations"
                        && cell(d, "iso").as_deref() == Some(r["iso"].as_str())
                        && cell(d, "modifier").as_deref() == Some(r["modifier"].as_str())
                })
        });
        assert!(
            hit.is_some(),
            "{} {:?} ({} {}): not found in {}",
            r["duration_id"],
            r["phrase"],
            r["iso"],
            r["modifier"],
            r["source_id"]
        );
    }
    // The rows with a phrase: 31 less the 6 pledges with no span.
    assert_eq!(phrases, 25);
}

/// Recall: every stated date behind `meetings.csv` and `outcomes.csv` is a
/// candidate with its precision, `stated`, in the sentence of the row's
/// quote; or, for a row whose notes say another passage of its own article
/// states it and quote that passage's words (`ukraine_no_agreement`: "Date
/// stated in this article’s photo caption (Dec. 2, 2025)"), the candidate
/// of those very words. Never in another article: a date the row's article
/// does not state is not `stated` (CODING.md, "Dates and precision"; 0.1.0
/// dated `ukraine_no_agreement` by another article's caption).
#[test]
fn finds_every_stated_date_of_meetings_and_outcomes() {
    let data = Dataset::embedded().unwrap();
    let found = extractions(&data);
    let mut checked = 0;
    for table in ["meetings", "outcomes"] {
        for r in rows_of(&data, table)
            .iter()
            .filter(|r| r["date_basis"] == "stated")
        {
            let date: NaiveDate = r["date"].parse().unwrap();
            let precision = Precision::parse(&r["date_precision"]);
            let same = |c: &extract::Candidate| {
                c.date == Some(date)
                    && c.precision == precision
                    && c.basis == Some(DateBasis::Stated)
            };
            let own = &found[r["source_id"].as_str()];
            let quote = at(&own.text, &r["quote"]);
            let in_own = own
                .candidates
                .iter()
                .any(|c| same(c) && overlaps(at(&own.text, &c.quote), quote));
            let where_notes_say = r["notes"].contains("this article")
                && own
                    .candidates
                    .iter()
                    .any(|c| same(c) && r["notes"].contains(&format!("({})", c.text)));
            assert!(
                in_own || where_notes_say,
                "{table} {}: {date} ({:?}) not found",
                // The row's id (the map is ordered by column name).
                r.get("meeting_id").or(r.get("outcome_id")).unwrap(),
                precision
            );
            checked += 1;
        }
    }
    // The rows dated `stated` (data 0.3.0): meeting kremlin_2025_12_02;
    // outcomes sinai2_march_1975_no_agreement, kissinger_nobel and
    // ukraine_no_agreement (the March 1975 sessions, stated by month in
    // 0.2.0, are dated to the day from the record).
    assert_eq!(checked, 4);
}

/// Candidates that match no shipped row automatically, judged by hand
/// under the coding rules of data 0.2.0 (`data/CODING.md`; "Duplicates":
/// "a fact told by two articles gets one row"): `(article, kind, text,
/// words of its sentence, would it be a row, why)`.
const JUDGED: &[(&str, &str, &str, &str, bool, &str)] = &[
    (
        "kissinger_echo",
        "date",
        "earlier this week",
        "earlier this week",
        false,
        "a time of reference (the week of the Kremlin talks), not a span; undated here as the article is",
    ),
    (
        "kissinger_echo",
        "meeting",
        "sat",
        "sat down with",
        false,
        "the Kremlin talks again: the caption's row",
    ),
    (
        "kissinger_echo",
        "date",
        "Thursday",
        "On Thursday, the pair met",
        true,
        "the Florida meeting's date (inferred in the tables; unresolved here: the article is undated)",
    ),
    (
        "kissinger_echo",
        "date",
        "1973",
        "in the wake of the 1973",
        false,
        "the year of the war, not of an accord",
    ),
    (
        "kissinger_echo",
        "date",
        "Tuesday’s",
        "Tuesday’s Kremlin meeting",
        false,
        "the Kremlin talks again",
    ),
    (
        "kissinger_echo",
        "meeting",
        "meeting",
        "Tuesday’s Kremlin meeting",
        false,
        "the Kremlin talks again",
    ),
    (
        "kremlin_collision",
        "date",
        "2024",
        "his 2024 campaign",
        false,
        "the campaign's year: pledge_24_hours was first made in 2023 (set_date, public record)",
    ),
    (
        "kremlin_collision",
        "meeting",
        "traveled",
        "traveled to Moscow",
        false,
        "the Kremlin talks, told in kissinger_echo's caption",
    ),
    (
        "kremlin_collision",
        "planned",
        "talks",
        "would not treat the talks",
        false,
        "the Kremlin talks again",
    ),
    (
        "protracted_op_ed",
        "date",
        "last week",
        "announced last week",
        false,
        "a time of reference (no draft)",
    ),
    (
        "protracted_op_ed",
        "date",
        "1973",
        "war of 1973",
        false,
        "the year of the war",
    ),
    (
        "protracted_op_ed",
        "planned",
        "talks",
        "could lead talks",
        false,
        "a recommendation, not a meeting",
    ),
    (
        "strategic_muddle",
        "date",
        "Aug 27, 2025",
        "Aug 27, 2025",
        true,
        "the article's date (sources.published)",
    ),
    (
        "strategic_muddle",
        "date",
        "mid-May",
        "in mid-May",
        false,
        "when Trump spoke, not a meeting",
    ),
    (
        "strategic_muddle",
        "meeting",
        "meeting",
        "a meeting of the minds",
        false,
        "an argument, not a meeting",
    ),
    (
        "strategic_muddle",
        "planned",
        "meet",
        "would meet one on one",
        false,
        "a meeting that did not happen: the promise of it is the pledge putin_zelensky_meeting (no span)",
    ),
    (
        "strategic_muddle",
        "date",
        "Sunday",
        "said on NBC on Sunday",
        false,
        "when Lavrov spoke",
    ),
    (
        "strategic_muddle",
        "date",
        "February 2022",
        "invaded in February 2022",
        false,
        "the invasion: context, not a row",
    ),
    (
        "strategic_muddle",
        "date",
        "Last week",
        "Last week, he wrote",
        false,
        "a time of reference (no draft)",
    ),
    (
        "strategic_muddle",
        "date",
        "Friday",
        "told reporters Friday",
        false,
        "when Trump spoke",
    ),
    (
        "strategic_muddle",
        "meeting",
        "meeting",
        "went into this meeting",
        false,
        "the Anchorage summit again",
    ),
    (
        "strategic_muddle",
        "date",
        "last week",
        "end of last week",
        false,
        "a time of reference (no draft)",
    ),
    (
        "strategic_muddle",
        "date",
        "Sunday",
        "Meet the Press",
        false,
        "when Vance spoke",
    ),
    (
        "unconventional_envoys",
        "planned",
        "meet",
        "set to meet with Russian President",
        false,
        "the Kremlin talks, told in kissinger_echo's caption",
    ),
    (
        "unconventional_envoys",
        "date",
        "this Tuesday",
        "this Tuesday",
        false,
        "the Kremlin talks' day again",
    ),
    (
        "unconventional_envoys",
        "meeting",
        "talks",
        "As the talks move to Moscow",
        false,
        "the Kremlin talks again",
    ),
    (
        "unconventional_envoys",
        "planned",
        "talks",
        "With peace talks set to continue",
        false,
        "talks to come, no meeting",
    ),
];

/// Precision: how many candidates correspond to a row of the shipped
/// tables. A candidate matches a row when the row cites the same article
/// in the sentence of the candidate's draft (for a span, also its phrase);
/// the others are judged by hand in [`JUDGED`]. Prints the table the
/// README gives (`cargo test --test suite extract::precision --
/// --nocapture`); a candidate neither matched nor judged fails the test.
#[test]
fn precision_on_the_shipped_articles() {
    let data = Dataset::embedded().unwrap();
    let found = extractions(&data);
    let tables: BTreeMap<&str, Vec<BTreeMap<String, String>>> =
        ["meetings", "durations", "outcomes"]
            .into_iter()
            .map(|t| (t, rows_of(&data, t)))
            .collect();
    let mut unjudged = Vec::new();
    let mut used = vec![false; JUDGED.len()];
    let mut total = [0usize; 5];
    println!(
        "| article | candidates | rows (matched + judged) | precision | drafts | drafts that are rows |"
    );
    println!("|---|---|---|---|---|---|");
    for (id, x) in &found {
        let mut n = [0usize; 5]; // candidates, rows, matched, drafts, drafts that are rows
        for c in &x.candidates {
            let draft = x.draft(c.number);
            let quote = draft
                .and_then(|d| cell(d, "quote"))
                .unwrap_or(c.quote.clone());
            let sentence = at(&x.text, &quote);
            let matched = c.table.is_some_and(|table| {
                tables[table].iter().any(|r| {
                    r["source_id"] == *id
                        && overlaps(at(&x.text, &r["quote"]), sentence)
                        && (table != "durations"
                            || c.text.to_lowercase().contains(&r["phrase"].to_lowercase()))
                })
            });
            let judged = JUDGED.iter().position(|j| {
                j.0 == *id && j.1 == c.kind.as_str() && j.2 == c.text && c.quote.contains(j.3)
            });
            if let (false, Some(j)) = (matched, judged) {
                used[j] = true;
            }
            let judged = judged.map(|j| JUDGED[j]);
            let row = match (matched, judged) {
                (true, _) => true,
                (false, Some(j)) => j.4,
                (false, None) => {
                    unjudged.push(format!(
                        "{id} #{} {} {:?}: {}",
                        c.number,
                        c.kind.as_str(),
                        c.text,
                        c.quote
                    ));
                    false
                }
            };
            n[0] += 1;
            n[1] += usize::from(row);
            n[2] += usize::from(matched);
            n[3] += usize::from(draft.is_some());
            n[4] += usize::from(row && draft.is_some());
        }
        println!(
            "| `{id}` | {} | {} ({} + {}) | {:.0}% | {} | {} ({:.0}%) |",
            n[0],
            n[1],
            n[2],
            n[1] - n[2],
            100.0 * n[1] as f64 / n[0] as f64,
            n[3],
            n[4],
            100.0 * n[4] as f64 / n[3].max(1) as f64
        );
        for (t, v) in total.iter_mut().zip(n) {
            *t += v;
        }
    }
    println!(
        "| all five | {} | {} ({} + {}) | {:.0}% | {} | {} ({:.0}%) |",
        total[0],
        total[1],
        total[2],
        total[1] - total[2],
        100.0 * total[1] as f64 / total[0] as f64,
        total[3],
        total[4],
        100.0 * total[4] as f64 / total[3] as f64
    );
    assert!(
        unjudged.is_empty(),
        "candidates to judge:\n{}",
        unjudged.join("\n")
    );
    let stale: Vec<_> = JUDGED
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(j, _)| j)
        .collect();
    assert!(
        stale.is_empty(),
        "judgments of no unmatched candidate: {stale:?}"
    );
}

#[test]
fn quotes_are_whole_sentences_the_check_finds() {
    let data = Dataset::embedded().unwrap();
    for (id, x) in extractions(&data) {
        let folded = fold_whitespace(&x.text);
        for c in &x.candidates {
            assert!(folded.contains(&c.quote), "{id} #{}", c.number);
            assert!(
                c.quote.contains(&fold_whitespace(&c.text)),
                "{id} #{}",
                c.number
            );
            assert!(c.start < c.end && c.end <= x.text.chars().count());
        }
    }
}

#[test]
fn add_source_repairs_and_reports() {
    let (_tmp, dir) = shipped_copy();
    let raw = "\u{feff}Envoys met Ukrainian officials in Geneva on Sunday.\r\nTrump鈥檚 envoy Steve Witkoff said talks lasted for hours.\r\n";
    let meta = SourceMeta {
        title: Some("Geneva note".into()),
        published: Some((
            NaiveDate::from_ymd_opt(2025, 11, 24).unwrap(),
            Precision::Day,
        )),
        url: Some("https://example.org/geneva".into()),
        file: Some("geneva raw.txt".into()),
        ..Default::default()
    };
    let added = rows::add_source(&dir, raw.as_bytes(), "geneva_note", &meta).unwrap();
    assert!(added.repairs.bom);
    assert_eq!((added.repairs.crlf, added.repairs.mojibake), (2, 1));
    let text = std::fs::read_to_string(dir.join("sources/geneva_note.txt")).unwrap();
    assert_eq!(
        text,
        "Envoys met Ukrainian officials in Geneva on Sunday.\nTrump’s envoy Steve Witkoff said talks lasted for hours.\n"
    );
    // "geneva raw.txt" is not a plain file name (a space): the raw copy is
    // named after the id, so the data never names a path.
    assert_eq!(
        std::fs::read(dir.join("raw/geneva_note.txt")).unwrap(),
        raw.as_bytes()
    );
    let data = Dataset::from_dir(&dir).unwrap();
    let s = data.table("sources").unwrap();
    let row = s.height() - 1;
    assert_eq!(s.text("source_id", row), Some("geneva_note"));
    assert_eq!(s.text("label", row), Some("Geneva note"));
    assert!(
        s.text("notes", row)
            .unwrap()
            .contains("URL: https://example.org/geneva")
    );
    assert_eq!(
        s.date("published", row),
        NaiveDate::from_ymd_opt(2025, 11, 24)
    );
    // The article's day resolves "on Sunday".
    let x = extract::article(&data, "geneva_note").unwrap();
    let sunday = x.candidates.iter().find(|c| c.text == "Sunday").unwrap();
    assert_eq!(sunday.date, NaiveDate::from_ymd_opt(2025, 11, 23));
    assert_eq!(sunday.basis, Some(DateBasis::Inferred));
}

#[test]
fn add_source_refuses_and_leaves_the_directory_unchanged() {
    let (_tmp, dir) = shipped_copy();
    let before = snapshot(&dir);
    let meta = SourceMeta::default();
    let cases: [(&str, &[u8], &str); 5] = [
        ("kissinger_echo", b"A new text.", "already in"),
        (
            "png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "not a text file",
        ),
        ("utf16", b"\xff\xfeA\x00", "UTF-16"),
        ("latin1", b"caf\xe9 au lait", "not valid UTF-8"),
        ("../escape", b"text", "source id"),
    ];
    for (id, bytes, why) in cases {
        let err = rows::add_source(&dir, bytes, id, &meta)
            .unwrap_err()
            .to_string();
        assert!(err.contains(why), "{id}: {err}");
        assert!(snapshot(&dir) == before, "{id} changed the directory");
    }
    // A failure after writing (the directory was broken already) undoes
    // what was written.
    // The first meeting (line 2) gets a day no calendar has: its date
    // cell (column 3, after two ids without commas) is replaced in that
    // line alone, whichever date the data gives it.
    let meetings = dir.join("meetings.csv");
    let csv = std::fs::read_to_string(&meetings).unwrap();
    let (header, rest) = csv.split_once('\n').unwrap();
    let (first, rest) = rest.split_once('\n').unwrap();
    let cells: Vec<&str> = first.splitn(4, ',').collect();
    assert!(cells[2].parse::<NaiveDate>().is_ok(), "{first}");
    let broken = format!(
        "{header}\n{},{},{}-02-30,{}\n{rest}",
        cells[0],
        cells[1],
        &cells[2][..4],
        cells[3]
    );
    std::fs::write(&meetings, broken).unwrap();
    let before = snapshot(&dir);
    let err = rows::add_source(&dir, b"Fine text.", "fine", &meta)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("meetings.csv:2:3: column 'date': impossible date"),
        "{err}"
    );
    assert!(snapshot(&dir) == before);
}

#[test]
fn extract_accept_check_passes() {
    let (_tmp, dir) = shipped_copy();
    let text = "Steve Witkoff and Jared Kushner met Vladimir Putin in the Kremlin on Tuesday. \
                The talks lasted for five hours. Trump said he would decide within two weeks.";
    let meta = SourceMeta {
        published: Some((
            NaiveDate::from_ymd_opt(2025, 12, 5).unwrap(),
            Precision::Day,
        )),
        ..Default::default()
    };
    let data = rows::add_source(&dir, text.as_bytes(), "kremlin_note", &meta)
        .unwrap()
        .data;
    let x = extract::article(&data, "kremlin_note").unwrap();
    let kinds: Vec<&str> = x.candidates.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["meeting", "date", "duration", "deadline"]);
    let Some(Row::Meeting(m)) = x.draft(1) else {
        panic!("{:?}", x.drafts)
    };
    assert_eq!(m.process_id, "trump_ukraine");
    assert_eq!(m.date, NaiveDate::from_ymd_opt(2025, 12, 2));
    assert_eq!(m.date_basis, Some(DateBasis::Inferred));
    assert_eq!(m.place.as_deref(), Some("Kremlin, Moscow"));
    assert_eq!(
        m.participants,
        ["Steve Witkoff", "Jared Kushner", "Vladimir Putin"]
    );
    // Nothing is written until accepted: the shipped meetings.
    let meetings = crate::common::shipped_rows("meetings");
    let durations = crate::common::shipped_rows("durations");
    assert_eq!(
        Dataset::from_dir(&dir)
            .unwrap()
            .table("meetings")
            .unwrap()
            .height(),
        meetings
    );
    let all: Vec<usize> = x.candidates.iter().map(|c| c.number).collect();
    let after = x.accept(&dir, &all, Some("trump_ukraine")).unwrap();
    // The shipped meetings and the Kremlin meeting; the shipped durations,
    // "for five hours" and "within two weeks" (the date is the meeting's).
    assert_eq!(after.table("meetings").unwrap().height(), meetings + 1);
    assert_eq!(after.table("durations").unwrap().height(), durations + 2);
    let o = run(&["check", "--data", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Accepting again is refused (the ids exist), and changes nothing.
    let before = snapshot(&dir);
    let err = x.accept(&dir, &[1], None).unwrap_err().to_string();
    assert!(err.contains("duplicate meeting_id"), "{err}");
    assert!(snapshot(&dir) == before);
}

#[test]
fn the_command_line_adds_extracts_accepts_and_drafts() {
    let (tmp, dir) = shipped_copy();
    let d = dir.to_str().unwrap();
    let file = tmp.path().join("note.txt");
    std::fs::write(
        &file,
        "Kushner met Putin in the Kremlin on Dec. 2, 2025.\r\nTrump pledged to end the war within 24 hours.\r\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let o = run(&[
        "add-source",
        f,
        "--id",
        "note",
        "--title",
        "A note",
        "--date",
        "2025-12-04",
        "--data",
        d,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("repaired: 2 CRLF line ends converted"),
        "{}",
        stdout(&o)
    );
    let o = run(&["add-source", f, "--id", "note", "--data", d]);
    assert!(
        !o.status.success() && stderr(&o).contains("already in"),
        "{}",
        stderr(&o)
    );
    let o = run(&["add-source", f, "--id", "other"]);
    assert!(!o.status.success() && stderr(&o).contains("give --data DIR"));

    let o = run(&[
        "extract", "--source", "note", "--data", d, "--format", "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let kinds: Vec<&str> = rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["meeting", "date", "pledge"]);
    assert_eq!(rows[1]["date"], "2025-12-02");
    assert_eq!(rows[2]["table"], "durations");
    let o = run(&[
        "extract", "--source", "note", "--data", d, "--format", "csv",
    ]);
    assert!(stdout(&o).starts_with("n,kind,text,start,end,date,"));
    let o = run(&[
        "extract", "--source", "note", "--data", d, "--format", "html",
    ]);
    assert!(stdout(&o).starts_with("<!DOCTYPE html>") && stdout(&o).contains("<mark title="));
    let o = run(&["extract", "--source", "note", "--data", d]);
    assert!(stdout(&o).contains("note_meeting_"), "{}", stdout(&o));

    // Drafts to edit, appended back.
    let drafts = tmp.path().join("drafts.csv");
    let o = run(&[
        "extract",
        "--source",
        "note",
        "--data",
        d,
        "--draft",
        drafts.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pledge = tmp.path().join("drafts-durations.csv");
    assert!(
        std::fs::read_to_string(&pledge)
            .unwrap()
            .contains("within 24 hours")
    );
    let o = run(&["append", pledge.to_str().unwrap(), "--data", d]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("appended 1 rows to durations"),
        "{}",
        stdout(&o)
    );

    // Accept the meeting; a number that is not a candidate is an error.
    let o = run(&["extract", "--source", "note", "--data", d, "--accept", "99"]);
    assert!(!o.status.success() && stderr(&o).contains("no candidate 99"));
    let o = run(&["extract", "--source", "note", "--data", d, "--accept", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The shipped meetings and the accepted one.
    let want = format!(" {} meetings", crate::common::shipped_rows("meetings") + 1);
    assert!(stdout(&o).contains(&want), "{}", stdout(&o));
    let o = run(&["check", "--data", d]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn row_builders_append_and_a_bad_row_changes_nothing() {
    let (_tmp, dir) = shipped_copy();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let quote = "Those talks made no breakthrough.";
    let process = ProcessRow::new(
        "kremlin_channel",
        "Kremlin back channel",
        "Russia's invasion of Ukraine",
        negotiations::codes::Approach::Trump,
        ["Russia", "Ukraine"],
        "kissinger_echo",
        quote,
    )
    .started(day(2025, 12, 1), Precision::Month, DateBasis::External);
    let meeting = MeetingRow::new(
        "kremlin_channel_1",
        "kremlin_channel",
        ["Steve Witkoff", "Vladimir Putin"],
        Format::EnvoyTalks,
        "kissinger_echo",
        quote,
    )
    .on(day(2025, 12, 2), Precision::Day, DateBasis::Stated)
    .at("Kremlin, Moscow", "Russia")
    .met(["Russia"]);
    let span = DurationRow::new(
        "kremlin_channel_hours",
        "Length of the talks",
        DurationKind::Meeting,
        Some("for hours"),
        "kissinger_echo",
        "The talks lasted for hours.",
    )
    .unwrap()
    .process("kremlin_channel");
    let outcome = OutcomeRow::new(
        "kremlin_channel_none",
        "kremlin_channel",
        OutcomeKind::NoAgreement,
        "No agreement",
        "kissinger_echo",
        quote,
    );
    let rows: Vec<Row> = vec![
        (&outcome).into(),
        (&meeting).into(),
        (&span).into(),
        (&process).into(),
    ];
    let data = rows::append(&dir, rows).unwrap();
    // The shipped processes and meetings, one more each.
    let meetings = crate::common::shipped_rows("meetings");
    assert_eq!(
        data.table("processes").unwrap().height(),
        crate::common::shipped_rows("processes") + 1
    );
    assert_eq!(data.table("meetings").unwrap().height(), meetings + 1);
    let m = data.frame("meetings").unwrap();
    let last = m.height() - 1;
    let place = m.column("place").unwrap().get(last).unwrap();
    assert_eq!(negotiations::export::cell_text(&place), "Kremlin, Moscow");

    // A meeting dated before its process: refused, every file as it was.
    // Lines: the header, the shipped meetings and the one appended, then
    // the two appended now.
    let before = snapshot(&dir);
    let mut early = meeting.clone();
    early.meeting_id = "kremlin_channel_0".into();
    early.date = Some(day(2025, 11, 2));
    let err = rows::append(&dir, [&early, &meeting])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!(
            "meetings.csv:{}:3: the meeting is before its process `kremlin_channel` starts",
            meetings + 3
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "meetings.csv:{}:1: duplicate meeting_id",
            meetings + 4
        )),
        "{err}"
    );
    assert!(snapshot(&dir) == before);
}

#[test]
fn the_highlight_keeps_hostile_text_inert() {
    let (_tmp, dir) = shipped_copy();
    let text =
        "<script>alert(\"x\")</script> & 'Putin' met <b>Witkoff</b> in Moscow on Dec. 2, 2025.";
    let data = rows::add_source(&dir, text.as_bytes(), "hostile", &SourceMeta::default())
        .unwrap()
        .data;
    let x = extract::article(&data, "hostile").unwrap();
    assert!(x.candidates.iter().any(|c| c.kind.as_str() == "meeting"));
    for html in [
        x.highlight().html().to_string(),
        x.view().unwrap().html().to_string(),
    ] {
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;"));
    }
    // Marks: titles escaped, offsets outside the text or a character ignored.
    let h = Highlight::new(
        "é <i>",
        vec![
            Mark::new(0, 1, "x"),
            Mark::new(3, 6, "\"<>"),
            Mark::new(9, 99, "y"),
        ],
    );
    assert_eq!(h.html().matches("<mark").count(), 1);
    assert!(h.html().contains("title=\"&quot;&lt;&gt;\""));
}

/// The steps of `notebooks/03-your-own-data.ipynb`, as its cells run them
/// (the notebooks run in CI, where the kernel is installed; this keeps
/// their code honest everywhere).
#[test]
fn notebook_03_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-data");
    Dataset::embedded().unwrap().save(&dir).unwrap();
    let raw = "Envoys met Ukrainian officials in Lausanne on Sunday for several hours of talks.\r\n\
        Steve Witkoff and Jared Kushner met Vladimir Putin in the Kremlin on Tuesday. \
        Trump鈥檚 envoys will report back within two weeks.\r\n";
    let published = NaiveDate::from_ymd_opt(2025, 11, 28).map(|d| (d, Precision::Day));
    let meta = SourceMeta {
        title: Some("A note on the Lausanne talks".into()),
        published,
        ..Default::default()
    };
    let added = rows::add_source(&dir, raw.as_bytes(), "lausanne_note", &meta).unwrap();
    assert_eq!(added.repairs.mojibake, 1);
    let found = extract::article(&added.data, "lausanne_note").unwrap();
    assert!(found.view().unwrap().html().contains("Lausanne"));
    let lausanne = found
        .candidates
        .iter()
        .find(|c| c.text == "met" && c.new_names.contains(&"Lausanne".to_string()));
    assert!(lausanne.is_some(), "{:?}", found.candidates);
    let kremlin = found
        .candidates
        .iter()
        .find(|c| c.text == "met" && c.places.iter().any(|p| p.contains("Kremlin")))
        .unwrap()
        .number;
    let deadline = found
        .candidates
        .iter()
        .find(|c| c.kind.as_str() == "deadline")
        .unwrap()
        .number;
    let Some(Row::Meeting(m)) = found.draft(kremlin) else {
        panic!("{:?}", found.drafts)
    };
    assert_eq!(
        (m.process_id.as_str(), m.date),
        ("trump_ukraine", NaiveDate::from_ymd_opt(2025, 11, 25))
    );
    let mine = found
        .accept(&dir, &[kremlin, deadline], Some("trump_ukraine"))
        .unwrap();
    assert!(
        mine.show("durations")
            .unwrap()
            .html()
            .contains("lausanne_note_deadline_")
    );

    let lausanne = MeetingRow::new(
        "lausanne_2025_11_23",
        "trump_ukraine",
        ["Steve Witkoff", "Ukrainian officials"],
        Format::EnvoyTalks,
        "lausanne_note",
        "Envoys met Ukrainian officials in Lausanne on Sunday",
    )
    .at("Lausanne", "Switzerland")
    .met(["Ukraine"]);
    let wrong = lausanne.clone().on(
        NaiveDate::from_ymd_opt(2024, 11, 23).unwrap(),
        Precision::Day,
        DateBasis::Inferred,
    );
    let err = rows::append(&dir, [&wrong]).unwrap_err().to_string();
    assert!(
        err.contains("the meeting is before its process `trump_ukraine` starts"),
        "{err}"
    );
    let fixed = lausanne.clone().on(
        NaiveDate::from_ymd_opt(2025, 11, 23).unwrap(),
        Precision::Day,
        DateBasis::Inferred,
    );
    let hours = DurationRow::new(
        "lausanne_hours",
        "Length of the Lausanne talks",
        DurationKind::Meeting,
        Some("several hours"),
        "lausanne_note",
        "for several hours of talks",
    )
    .unwrap()
    .process("trump_ukraine");
    let mine = rows::append(&dir, [Row::from(&fixed), Row::from(&hours)]).unwrap();
    // The shipped meetings, the accepted Kremlin draft and Lausanne.
    assert_eq!(
        mine.table("meetings").unwrap().height(),
        crate::common::shipped_rows("meetings") + 2
    );
    negotiations::charts::Figure::new(negotiations::charts::Chart::Timeline, &mine).unwrap();
}
