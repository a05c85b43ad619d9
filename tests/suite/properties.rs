//! Property tests: the loader and the phrase normalizer never panic, and
//! what they accept behaves.

use negotiations::load;
use negotiations::phrase::normalize;
use negotiations::table::Values;

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn normalizer_never_panics(s in "\\PC{0,40}") {
        let _ = normalize(&s);
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

    #[test]
    fn loader_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400), table in 0usize..6) {
        let spec = negotiations::TABLES[table];
        let mut problems = Vec::new();
        let t = load::parse(spec, "x.csv", &bytes, &mut problems);
        // Every row it keeps has a value (or null) in every column.
        for c in &t.columns {
            prop_assert_eq!(c.len(), t.height());
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
