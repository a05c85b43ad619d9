//! Property tests: the loader and the phrase normalizer never panic, and
//! what they accept behaves.

use negotiations::load;
use negotiations::phrase::normalize;
use negotiations::table::Values;
use negotiations::{Dataset, Error};

use crate::common;

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalizer_accepts_a_sound_interval_or_names_the_phrase(s in "\\PC{0,40}") {
        match normalize(&s) {
            Ok(d) => {
                prop_assert!(d.days_low >= 0.0, "{s:?}: {d:?}");
                prop_assert!(d.days_low <= d.days_high, "{s:?}: {d:?}");
                prop_assert!(d.days_low.is_finite(), "{s:?}: {d:?}");
                prop_assert!(d.iso.starts_with('P'), "{s:?}: {d:?}");
                prop_assert_eq!(&d.phrase, &s);
            }
            Err(Error::Phrase { phrase, reason }) => {
                prop_assert_eq!(&phrase, &s);
                prop_assert!(!reason.is_empty());
            }
            Err(e) => prop_assert!(false, "{s:?}: not a phrase error: {e}"),
        }
    }

    /// Hedged phrases built from the grammar, and the same with noise
    /// words around them: always accepted, always ordered.
    #[test]
    fn normalizer_accepts_every_phrase_of_the_grammar(
        hedge in prop::sample::select(vec!["", "about ", "almost ", "nearly ", "roughly ", "more than ", "some "]),
        n in prop::sample::select(vec!["two", "three", "a dozen", "18", "a few", "several", "half a", "one and a half"]),
        unit in prop::sample::select(vec!["days", "weeks", "months", "years"]),
    ) {
        let phrase = format!("{hedge}{n} {unit}");
        match normalize(&phrase) {
            Ok(d) => {
                prop_assert!(d.days_low > 0.0 && d.days_low <= d.days_high, "{phrase}: {d:?}");
                prop_assert!(d.days_high < 20.0 * 365.25 * 2.0, "{phrase}: {d:?}");
            }
            Err(e) => prop_assert!(false, "{phrase}: {e}"),
        }
    }

    #[test]
    fn normalized_intervals_are_ordered(
        hedge in prop::sample::select(vec!["", "about ", "almost ", "nearly ", "over ", "more than ", "at least ", "within ", "up to ", "less than ", "for "]),
        n in 1u32..500,
        unit in prop::sample::select(vec!["hours", "days", "weeks", "months", "years", "decades"]),
        suffix in prop::sample::select(vec!["", " ago", " later", " or so", " after"]),
    ) {
        let phrase = format!("{hedge}{n} {unit}{suffix}");
        let d = normalize(&phrase).unwrap();
        prop_assert!(d.days_low >= 0.0, "{phrase}: {d:?}");
        prop_assert!(d.days_low <= d.days_high, "{phrase}: {d:?}");
        prop_assert!(d.iso.starts_with('P'), "{phrase}: {d:?}");
        // The stated number always lies within the interval (or is its edge).
        let per = match unit { "hours" => 1.0 / 24.0, "days" => 1.0, "weeks" => 7.0, "months" => 30.436875, "years" => 365.2425, _ => 3652.425 };
        let x = n as f64 * per;
        prop_assert!(d.days_low <= x + 1e-3 && x <= d.days_high * 1.1 + 1e-3, "{phrase}: {d:?}");
    }

    /// The shipped tables with a few bytes, cells or lines changed: the
    /// loader keeps its columns square, and every problem it reports names
    /// the file, a line the file has and a column its header has.
    #[test]
    fn loader_reports_mutated_tables_by_position(
        table in 0usize..negotiations::TABLES.len(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let spec = negotiations::TABLES[table];
        let shipped = std::fs::read(common::data_dir().join(spec.file)).unwrap();
        let bytes = edits.iter().fold(shipped.clone(), |b, e| e.apply(b));
        let mut problems = Vec::new();
        let t = load::parse(spec, spec.file, &bytes, &mut problems);
        for c in &t.columns {
            prop_assert_eq!(c.len(), t.height());
        }
        let lines = bytes.split(|&b| b == b'\n').count() as u64;
        for p in &problems {
            prop_assert_eq!(&p.file, spec.file);
            prop_assert!(!p.message.is_empty());
            if let Some(line) = p.line {
                prop_assert!(line >= 1 && line <= lines, "{p} (file has {lines} lines)");
            }
            if let Some(column) = p.column {
                prop_assert!((1..=64).contains(&column), "{p}");
            }
        }
        // Rows are only dropped with a problem said about them.
        let shipped_rows = shipped.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count() - 1;
        if bytes == shipped {
            prop_assert!(problems.is_empty(), "{problems:?}");
            prop_assert_eq!(t.height(), shipped_rows);
        }
    }

    #[test]
    fn any_text_survives_a_csv_round_trip(
        rows in prop::collection::vec(("[a-z]{1,8}", "[a-z]{1,8}", "\\PC{1,30}", "[^\\x00]{1,60}"), 1..20),
    ) {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        w.write_record(["dimension", "actor", "value", "description", "source_id", "quote"]).unwrap();
        for (i, (d, a, v, q)) in rows.iter().enumerate() {
            w.write_record([d.as_str(), &format!("{a}{i}"), v, "desc, with \"quotes\"", "src", q]).unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let mut problems = Vec::new();
        let t = load::parse(&negotiations::approaches::TABLE, "a.csv", &bytes, &mut problems);
        prop_assert!(problems.is_empty(), "{problems:?}");
        prop_assert_eq!(t.height(), rows.len());
        let Values::Text(values) = &t.columns[2] else { unreachable!() };
        let Values::Text(quotes) = &t.columns[5] else { unreachable!() };
        for (r, (_, _, v, q)) in rows.iter().enumerate() {
            prop_assert_eq!(values.get(r), Some(v.as_str()));
            prop_assert_eq!(quotes.get(r), Some(q.as_str()));
        }
        // And the writer gives the same bytes back.
        prop_assert_eq!(negotiations::export::csv(&t).unwrap(), bytes);
    }
}

proptest! {
    // Each case loads and checks a whole package (about 40 ms).
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A whole package with one table mutated either loads (and makes every
    /// frame) or fails as a data error whose problems all name a file of
    /// the package.
    #[test]
    fn a_mutated_package_loads_or_says_where(
        table in 0usize..6,
        edits in prop::collection::vec(edit(), 1..3),
    ) {
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for t in negotiations::TABLES {
            files.push((t.file.to_string(), std::fs::read(common::data_dir().join(t.file)).unwrap()));
        }
        for e in std::fs::read_dir(common::data_dir().join("sources")).unwrap() {
            let e = e.unwrap();
            let name = format!("sources/{}", e.file_name().to_string_lossy());
            files.push((name, std::fs::read(e.path()).unwrap()));
        }
        let bytes = &mut files[table].1;
        let mutated = edits.iter().fold(std::mem::take(bytes), |b, e| e.apply(b));
        *bytes = mutated;
        match Dataset::from_memory(files.iter().map(|(n, b)| (n.as_str(), b.as_slice()))) {
            Ok(data) => {
                for t in negotiations::TABLES {
                    prop_assert!(data.frame(t.name).is_ok(), "{}", t.name);
                }
            }
            Err(Error::Data(problems)) => {
                prop_assert!(!problems.is_empty());
                for p in problems.iter() {
                    prop_assert!(files.iter().any(|(n, _)| *n == p.file), "{p} names no file of the package");
                    prop_assert!(p.to_string().starts_with(&p.file), "{p}");
                }
            }
            Err(e) => prop_assert!(false, "not a data error: {e}"),
        }
    }
}

/// One change to a CSV file's bytes.
#[derive(Debug, Clone)]
enum Edit {
    /// Overwrite the byte at (position mod length).
    Byte(usize, u8),
    /// Delete the byte at (position mod length).
    Delete(usize),
    /// Replace field `field` of line `line` (both mod their counts) with text.
    Cell(usize, usize, String),
    /// Repeat a line.
    Duplicate(usize),
    /// Cut the file at (position mod length).
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (
            any::<usize>(),
            prop::sample::select(vec![b',', b'"', b'\n', b'\r', b'x', b'9', b'-', 0xff, 0])
        )
            .prop_map(|(i, b)| Edit::Byte(i, b)),
        any::<usize>().prop_map(Edit::Delete),
        (
            any::<usize>(),
            any::<usize>(),
            prop_oneof![
                Just(String::new()),
                Just("NA".to_string()),
                Just("2025-02-30".to_string()),
                Just("-1".to_string()),
                Just("\"unclosed".to_string()),
                // Paths where a file name belongs (sources.csv's `file`, a
                // source id): refused by position, never followed.
                Just("../../../../etc/hostname".to_string()),
                Just("/etc/hostname".to_string()),
                "\\PC{0,20}",
            ]
        )
            .prop_map(|(l, f, t)| Edit::Cell(l, f, t)),
        any::<usize>().prop_map(Edit::Duplicate),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

impl Edit {
    fn apply(&self, mut b: Vec<u8>) -> Vec<u8> {
        if b.is_empty() {
            return b;
        }
        match self {
            Edit::Byte(i, x) => {
                let n = b.len();
                b[i % n] = *x;
                b
            }
            Edit::Delete(i) => {
                let n = b.len();
                b.remove(i % n);
                b
            }
            Edit::Truncate(i) => {
                b.truncate(i % b.len());
                b
            }
            Edit::Duplicate(i) => {
                let mut lines: Vec<&[u8]> = b.split(|&c| c == b'\n').collect();
                let k = i % lines.len();
                lines.insert(k, lines[k]);
                lines.join(&b'\n')
            }
            Edit::Cell(l, f, text) => {
                // Fields split naively on commas: quoted commas make this
                // land mid-field sometimes, which is a mutation too.
                let s = String::from_utf8_lossy(&b).into_owned();
                let mut lines: Vec<String> = s.split('\n').map(str::to_string).collect();
                let k = l % lines.len();
                let mut fields: Vec<String> = lines[k].split(',').map(str::to_string).collect();
                let j = f % fields.len();
                fields[j] = text.clone();
                lines[k] = fields.join(",");
                lines.join("\n").into_bytes()
            }
        }
    }
}
