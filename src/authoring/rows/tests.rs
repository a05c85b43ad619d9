use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// Every row struct has a field for every column of its table, so a
/// column added to the schema cannot be forgotten here.
#[test]
fn every_column_has_a_field() {
    let rows: Vec<Row> = vec![
        SourceRow::new("a", "b", "c").into(),
        ProcessRow::new("p", "n", "c", Approach::Other, ["A"], "s", "q").into(),
        MeetingRow::new("m", "p", ["A"], Format::Other, "s", "q").into(),
        DurationRow::new("d", "s", DurationKind::Meeting, Some("for hours"), "s", "q")
            .unwrap()
            .into(),
        OutcomeRow::new("o", "p", OutcomeKind::Prize, "n", "s", "q").into(),
    ];
    for row in &rows {
        for c in row.table().columns {
            assert!(
                row.cell(c.name).is_some(),
                "{}.{}",
                row.table().name,
                c.name
            );
        }
    }
    let tables: Vec<&str> = rows.iter().map(|r| r.table().name).collect();
    assert_eq!(
        tables,
        ["sources", "processes", "meetings", "durations", "outcomes"]
    );
}

#[test]
fn rows_append_in_the_files_column_order_and_line_ends() {
    let m = Row::from(
        MeetingRow::new(
            "m",
            "p",
            ["A", "B"],
            Format::Summit,
            "s",
            "a, \"quoted\" passage",
        )
        .on(d(2025, 12, 2), Precision::Day, DateBasis::Stated),
    );
    let r = m.record().unwrap();
    // A file with its columns in another order and CRLF line ends.
    let original = b"quote,meeting_id,date,participants\r\nx,y,,A\r\n";
    let out = appended(original, &crate::tables::meetings::TABLE, &[r]).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "quote,meeting_id,date,participants\r\nx,y,,A\r\n\"a, \"\"quoted\"\" passage\",m,2025-12-02,A;B\r\n"
    );
    // An empty file gets the schema's header.
    let r = m.record().unwrap();
    let out =
        String::from_utf8(appended(b"", &crate::tables::meetings::TABLE, &[r]).unwrap()).unwrap();
    assert!(
        out.starts_with("meeting_id,process_id,date,date_precision,place,"),
        "{out}"
    );
    // A file without a final newline.
    let r = m.record().unwrap();
    let out = String::from_utf8(
        appended(b"meeting_id\nz", &crate::tables::meetings::TABLE, &[r]).unwrap(),
    )
    .unwrap();
    assert_eq!(out, "meeting_id\nz\nm\n");
}

#[test]
fn list_items_with_separators_are_refused() {
    let m = Row::from(MeetingRow::new("m", "p", ["A;B"], Format::Summit, "s", "q"));
    let e = m.record().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        e.contains("meetings row \"m\": column 'participants'"),
        "{e}"
    );
}

#[test]
fn numbers_are_written_as_the_loader_reads_them() {
    let r = DurationRow::new(
        "d",
        "s",
        DurationKind::Interval,
        Some("nearly four years ago"),
        "s",
        "q",
    )
    .unwrap();
    assert_eq!(r.cell("days_low"), Some(Some("1314.873".into())));
    assert_eq!(r.cell("days_high"), Some(Some("1460.97".into())));
    assert_eq!(r.cell("modifier"), Some(Some("less_than".into())));
}

#[test]
fn ids_and_texts_are_checked() {
    for bad in ["", "../x", "a b", "-a", "a/b", &"x".repeat(65)] {
        assert!(check_id(bad).is_err(), "{bad:?}");
    }
    assert!(check_id("geneva_note-2").is_ok());
    assert!(check_text("a", b"\x00abc").is_err());
    assert!(check_text("a", b"\xFF\xFEa\x00").is_err());
    assert!(check_text("a", &[7u8; 20]).is_err());
    assert!(check_text("a", "plain text, café\n".as_bytes()).is_ok());
}
