use super::*;

fn shipped() -> Dataset {
    Dataset::embedded().unwrap_or_else(|e| panic!("{e}"))
}

fn found(id: &str) -> Extraction {
    article(&shipped(), id).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_quote_is_in_its_article() {
    for id in [
        "kissinger_echo",
        "kremlin_collision",
        "protracted_op_ed",
        "strategic_muddle",
        "unconventional_envoys",
    ] {
        let x = found(id);
        let folded = fold_whitespace(&x.text);
        for c in &x.candidates {
            assert!(
                folded.contains(&c.quote),
                "{id} #{}: {:?}",
                c.number,
                c.quote
            );
            assert!(c.quote.chars().count() <= crate::tables::schema::max_len::LONG);
            assert_eq!(x.text.get(c.byte_start..c.byte_end), Some(c.text.as_str()));
            assert_eq!(x.text[..c.byte_start].chars().count(), c.start);
        }
    }
}

#[test]
fn the_caption_is_a_stated_meeting_in_the_kremlin() {
    let x = found("kissinger_echo");
    let Some(Row::Meeting(m)) = x.drafts.iter().find(
        |r| matches!(r, Row::Meeting(m) if m.date.is_some_and(|d| d.to_string() == "2025-12-02")),
    ) else {
        panic!("{:#?}", x.drafts);
    };
    assert_eq!(m.process_id, "trump_ukraine");
    assert_eq!(m.place.as_deref(), Some("Kremlin, Moscow"));
    assert_eq!(m.country.as_deref(), Some("Russia"));
    assert_eq!(m.date_basis, Some(DateBasis::Stated));
    for p in [
        "Vladimir Putin",
        "Steve Witkoff",
        "Jared Kushner",
        "Donald Trump",
    ] {
        assert!(
            m.participants.iter().any(|x| x == p),
            "{p}: {:?}",
            m.participants
        );
    }
}

#[test]
fn new_names_are_proposed() {
    let data = shipped();
    let x = Extractor::new(&data).unwrap_or_else(|e| panic!("{e}"));
    let e = x.text(
        "t",
        "Envoy Steve Witkoff met Foreign Minister Hakan Fidan in Ankara on Dec. 9, 2025.",
        None,
    );
    let m = e
        .candidates
        .iter()
        .find(|c| c.kind == CandidateKind::Meeting)
        .unwrap_or_else(|| panic!("{:?}", e.candidates));
    assert_eq!(m.people, ["Steve Witkoff"]);
    assert_eq!(m.new_names, ["Hakan Fidan", "Ankara"]);
    let Some(Row::Meeting(row)) = e.draft(m.number) else {
        panic!()
    };
    assert_eq!(row.participants, ["Steve Witkoff", "Hakan Fidan"]);
    assert_eq!(row.place.as_deref(), Some("Ankara"));
}

#[test]
fn quotes_of_long_sentences_are_cut_around_the_span() {
    let long = format!("{} for hours {}.", "word ".repeat(400), "more ".repeat(400));
    let at = long.find("for hours").unwrap_or(0);
    let q = quote(&long, (0, long.len()), (at, at + 9));
    assert!(
        q.contains("for hours") && q.chars().count() <= 1200,
        "{}",
        q.len()
    );
    assert!(fold_whitespace(&long).contains(&q));
}

#[test]
fn highlight_escapes_and_never_panics() {
    let text = "é<b>\"x\"</b> & y";
    let marks = vec![
        Mark::new(0, 1, "inside é"),
        Mark::new(2, 5, "<i>"),
        Mark::new(3, 100, "out"),
        Mark::new(4, 2, "reversed"),
    ];
    let h = Highlight::new(text, marks);
    assert!(!h.html().contains("<b>") && !h.html().contains("<i>"));
    assert!(h.html().contains("&lt;b&gt;"));
}

/// The notes of the only meeting draft of `sentence`, written on `anchor`.
fn meeting_notes(sentence: &str, anchor: (i32, u32, u32)) -> String {
    let data = shipped();
    let x = Extractor::new(&data).unwrap_or_else(|e| panic!("{e}"));
    let e = x.text(
        "t",
        sentence,
        NaiveDate::from_ymd_opt(anchor.0, anchor.1, anchor.2),
    );
    let drafts: Vec<&MeetingRow> = e
        .drafts
        .iter()
        .filter_map(|r| match r {
            Row::Meeting(m) => Some(m),
            _ => None,
        })
        .collect();
    assert_eq!(drafts.len(), 1, "{sentence}: {:?}", e.drafts);
    drafts[0].notes.clone().unwrap_or_default()
}

#[test]
fn a_meeting_draft_says_which_date_it_took_and_why() {
    let n = meeting_notes(
        "Trump said Wednesday that his envoys held a five-hour meeting Tuesday with Putin.",
        (2025, 12, 3),
    );
    assert!(
        n.contains("\"Wednesday\" is when it was said, not when they met"),
        "{n}"
    );
    let n = meeting_notes(
        "Putin told reporters on Thursday that he met Witkoff in Moscow.",
        (2025, 12, 5),
    );
    assert!(n.contains("\"Thursday\" is when it was said"), "{n}");
    let n = meeting_notes("Witkoff met Putin in Moscow in March.", (2026, 1, 15));
    assert!(!n.contains("no tense"), "{n}");
    let n = meeting_notes(
        "Witkoff and Putin talk in Moscow on Tuesday.",
        (2026, 1, 15),
    );
    assert!(
        n.contains("\"Tuesday\": no tense in its clause to place it before or after the article, so the nearest was taken: check it."),
        "{n}"
    );
}

#[test]
fn a_planned_meeting_is_found_but_not_drafted() {
    let data = shipped();
    let x = Extractor::new(&data).unwrap_or_else(|e| panic!("{e}"));
    let e = x.text(
        "t",
        "Witkoff will meet Zelensky in Kyiv next week.",
        NaiveDate::from_ymd_opt(2025, 12, 3),
    );
    let planned = e
        .candidates
        .iter()
        .find(|c| c.kind == CandidateKind::Planned)
        .unwrap_or_else(|| panic!("{:?}", e.candidates));
    assert_eq!((planned.draft, planned.table), (None, None));
    assert_eq!(planned.date, NaiveDate::from_ymd_opt(2025, 12, 8));
    assert!(e.drafts.is_empty(), "{:?}", e.drafts);
}
