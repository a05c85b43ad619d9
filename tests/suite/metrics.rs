//! Metric values checked against numbers worked out by hand.

use negotiations::Dataset;
use negotiations::chrono::NaiveDate;
use negotiations::codes::UsLevel;
use negotiations::metrics;
use negotiations::polars::prelude::*;

use crate::common::{float, int};

fn row(df: DataFrame, key: &str, value: &str) -> DataFrame {
    crate::common::row(&df, key, value)
}

fn setup() -> (Dataset, NaiveDate) {
    let data = Dataset::embedded().unwrap();
    let as_of = metrics::as_of(&data).unwrap();
    (data, as_of)
}

#[test]
fn korean_armistice() {
    let (data, as_of) = setup();
    let k = row(
        metrics::processes(&data, as_of).unwrap(),
        "process_id",
        "korean_armistice",
    );
    // 1951-07-10 to 1953-07-27: 731 days (1952 is a leap year) + 17.
    assert_eq!(
        (int(&k, "days_low"), int(&k, "days_high")),
        (Some(748), Some(748))
    );
    // The stated count wins over the two listed sessions (the first and the
    // last), which the article tells of only together ("575 meetings").
    assert_eq!(int(&k, "meetings_count"), Some(575));
    assert_eq!(int(&k, "meetings"), Some(575));
    assert_eq!(int(&k, "meetings_listed"), Some(2));
    assert_eq!(int(&k, "meetings_in_articles"), Some(2));
    assert_eq!(int(&k, "meetings_from_record"), Some(0));
    // 575 meetings × 30 / 748 days.
    let pace = float(&k, "per_30_days_low").unwrap();
    assert!((pace - 23.0615).abs() < 1e-4, "{pace}");
    // Plenaries of delegations: none leader-level.
    assert_eq!(float(&k, "leader_share"), Some(0.0));
    let o = row(
        metrics::outcomes(&data, as_of).unwrap(),
        "outcome_id",
        "korean_armistice_agreement",
    );
    // Held from 1953-07-27 to the as-of date 2025-12-04.
    let expected = (as_of - NaiveDate::from_ymd_opt(1953, 7, 27).unwrap()).num_days();
    assert_eq!(int(&o, "held_days_low"), Some(expected));
    assert_eq!(expected, 26428);
}

#[test]
fn good_friday_talks() {
    let (data, as_of) = setup();
    let g = row(
        metrics::processes(&data, as_of).unwrap(),
        "process_id",
        "good_friday",
    );
    // 1996-06-10 to 1998-04-10: 365 + 304 days.
    assert_eq!(int(&g, "days_high"), Some(669));
    assert_eq!(int(&g, "days_low"), Some(669));
}

#[test]
fn month_precision_makes_an_interval() {
    let (data, as_of) = setup();
    let s = row(
        metrics::processes(&data, as_of).unwrap(),
        "process_id",
        "budapest_memorandum",
    );
    // Began in 1993 (year precision), signed 1994-12-05: from 31 December
    // 1993, 339 days; from 1 January 1993, 703.
    assert_eq!(
        (int(&s, "days_low"), int(&s, "days_high")),
        (Some(339), Some(703))
    );
}

#[test]
fn kremlin_and_anchorage_meetings() {
    let (data, as_of) = setup();
    assert_eq!(as_of, NaiveDate::from_ymd_opt(2025, 12, 4).unwrap());
    let m = metrics::meetings(&data).unwrap();
    let a = row(m.clone(), "meeting_id", "anchorage_summit_2025");
    // 2025-02-11 (Witkoff's first Moscow visit, the start) to 2025-08-15.
    assert_eq!(int(&a, "days_since_start"), Some(185));
    // The previous session is Trump's video call with Zelensky on 08-13.
    assert_eq!(int(&a, "days_since_previous"), Some(2));
    let k = row(m, "meeting_id", "kremlin_2025_12_02");
    assert_eq!(int(&k, "days_since_start"), Some(294));
    // After Witkoff's second meeting with Umerov in Florida on 2025-12-01.
    assert_eq!(int(&k, "days_since_previous"), Some(1));

    let u = row(
        metrics::processes(&data, as_of).unwrap(),
        "process_id",
        "trump_ukraine",
    );
    // Open: 2025-02-11 to the as-of date 2025-12-04.
    assert_eq!(int(&u, "days_high"), Some(296));
    // 61 sessions from the record: 24 with Trump himself (calls and
    // meetings); the articles tell of 19 (9 of them only as "several
    // calls" and "visits"), the other 42 rest on the record alone.
    assert_eq!(int(&u, "meetings_listed"), Some(61));
    assert_eq!(int(&u, "leader_level"), Some(24));
    assert_eq!(int(&u, "meetings_from_record"), Some(42));
    assert_eq!(int(&u, "meetings_in_articles"), Some(19));
    // 17 trips abroad, six of them Witkoff's to Russia.
    assert_eq!(int(&u, "missions"), Some(17));
    // Three deadlines and six pledges: 50 days and the spring two weeks
    // ignored, 24 hours missed, "severe consequences" ignored; the August
    // two weeks extended; weapons through Europe met; three pending.
    assert_eq!(int(&u, "deadlines"), Some(9));
    assert_eq!(int(&u, "deadlines_broken"), Some(4));
    assert_eq!(int(&u, "deadlines_met"), Some(1));
    assert_eq!(int(&u, "deadlines_extended"), Some(1));
    assert_eq!(int(&u, "deadlines_pending"), Some(3));
}

#[test]
fn summary_compares_mediation_with_mediation() {
    let (data, as_of) = setup();
    let s = metrics::summary(&data, as_of).unwrap();
    let get = |metric: &str, who: &str| float(&row(s.clone(), "metric", metric), who);
    let n = |metric: &str, who: &str| int(&row(s.clone(), "metric", metric), &format!("{who}_n"));
    // Paris and Trump–Kim, where the United States was a party, are left out.
    assert_eq!(get("processes", "kissinger"), Some(3.0));
    assert_eq!(get("processes", "trump"), Some(5.0));
    // Kissinger's lengths: 72 (Sinai I), 167 (Golan), 358 (Sinai II, from
    // Rabin's talks of 1974-09-11); Trump's: 92, 136, 151, 253, 296.
    assert_eq!(get("median length", "kissinger"), Some(167.0));
    assert_eq!(get("median length", "trump"), Some(151.0));
    assert_eq!(n("median length", "trump"), Some(5));
    // Sessions per 30 days, every process counted: Kissinger 18 in 72 days
    // (7.5), 47 in 167 (8.4), 50 in 358 (4.2); Trump 61 in 296 (6.2), 19 in
    // 253 (2.3), 4 in 136 (0.9), 8 in 151 (1.6), 6 in 92 (2.0).
    assert_eq!(
        get("median sessions per 30 days of a process", "kissinger"),
        Some(7.5)
    );
    let t = get("median sessions per 30 days of a process", "trump").unwrap();
    assert!((t - 6.0 * 30.0 / 92.0).abs() < 1e-9, "{t}");
    // The shuttles' lengths, in the caveat.
    let caveat = row(s.clone(), "metric", "median mission length")
        .column("caveat")
        .unwrap()
        .str()
        .unwrap()
        .get(0)
        .unwrap()
        .to_string();
    assert!(
        caveat.contains(
            "sinai1_shuttle 10, golan_shuttle 28, march_1975_shuttle 15, sinai2_shuttle 11"
        ),
        "{caveat}"
    );
    // Leader-level: Ford's four sessions with Sadat and Rabin (Salzburg and
    // Washington) of Kissinger's 114.
    assert_eq!(n("leader-level share of sessions", "kissinger"), Some(114));
    // Trump's nine on Ukraine (the health-care pledge has no process);
    // Kissinger's threat to reassess aid to Israel.
    assert_eq!(get("deadlines and pledges set", "trump"), Some(9.0));
    assert_eq!(get("deadlines and pledges set", "kissinger"), Some(1.0));
    // Kissinger: Sinai I, Golan, Sinai II; Trump: Gaza and three de-escalations.
    assert_eq!(get("agreements reached", "kissinger"), Some(3.0));
    assert_eq!(get("agreements reached", "trump"), Some(4.0));
    // Thailand–Cambodia was suspended on 2025-11-10.
    assert_eq!(get("agreements fragile", "trump"), Some(3.0));
    assert_eq!(get("agreements suspended", "trump"), Some(1.0));
    assert_eq!(get("agreements unraveled", "kissinger"), Some(1.0));
    assert_eq!(get("agreements superseded", "kissinger"), Some(2.0));
    // Durability as survival: Sinai I replaced after 594 days and Sinai II
    // after 1,299 (censored), Golan broken at 18,454. None fails within
    // five years; one (Golan) is still at risk then.
    let one = "share holding after 1 year (Kaplan–Meier)";
    let five = "share holding after 5 years (Kaplan–Meier)";
    assert_eq!(get(one, "kissinger"), Some(1.0));
    assert_eq!(get(five, "kissinger"), Some(1.0));
    // No Trump agreement has been observed for a year: no estimate, not 0.
    assert_eq!(get(one, "trump"), None);
    assert_eq!(
        get(
            "agreements still holding or replaced (censored: held at least so long)",
            "trump"
        ),
        Some(3.0)
    );
}

#[test]
fn the_pooled_summary_counts_every_process() {
    let (data, as_of) = setup();
    let s = metrics::summary_of(&data, as_of, metrics::Scope::Pooled).unwrap();
    let get = |metric: &str, who: &str| float(&row(s.clone(), "metric", metric), who);
    assert_eq!(get("processes", "kissinger"), Some(4.0));
    assert_eq!(get("processes", "trump"), Some(6.0));
    // Paris's lengths join: 72, 167, 358, 1272 days.
    assert_eq!(
        get("median length", "kissinger"),
        Some((167.0 + 358.0) / 2.0)
    );
    // Paris unraveled the day its cease-fire was to take effect: of four at
    // risk one fails, 3/4 after a year and after five.
    let one = get("share holding after 1 year (Kaplan–Meier)", "kissinger").unwrap();
    assert!((one - 0.75).abs() < 1e-12, "{one}");
}

/// `metrics::meetings` on synthetic meetings in no particular order agrees
/// with a plain sort of the rows by process id, date and row: each output
/// row keeps its own meeting's id, process and format (the columns are
/// gathered by row number, so a misaligned gather would show here).
#[test]
fn meetings_match_a_plain_sort_on_shuffled_rows() {
    let tmp = tempfile::tempdir().unwrap();
    negotiations::synth::generate(tmp.path(), 3_000, 7).unwrap();
    let data = Dataset::from_dir(tmp.path()).unwrap();
    let t = data.table("meetings").unwrap();
    let mut rows: Vec<(String, NaiveDate, usize)> = (0..t.height())
        .filter_map(|r| Some((t.text("process_id", r)?.to_string(), t.date("date", r)?, r)))
        .collect();
    // The rows must not already be in order, or the test proves nothing.
    assert!(rows.windows(2).any(|w| w[0] > w[1]));
    rows.sort();

    let m = metrics::meetings(&data).unwrap();
    assert_eq!(m.height(), rows.len());
    let ids = m.column("meeting_id").unwrap().str().unwrap();
    let pids = m.column("process_id").unwrap().str().unwrap();
    let leader = m.column("leader_level").unwrap().bool().unwrap();
    let ordinal = m.column("ordinal").unwrap().i64().unwrap();
    let since = m.column("days_since_previous").unwrap().i64().unwrap();
    let mut n = 0;
    for (i, (pid, date, r)) in rows.iter().enumerate() {
        let same = i > 0 && rows[i - 1].0 == *pid;
        n = if same { n + 1 } else { 1 };
        assert_eq!(ids.get(i), t.text("meeting_id", *r), "row {i}");
        assert_eq!(pids.get(i), Some(pid.as_str()), "row {i}");
        let level = t.text("us_level", *r).unwrap();
        assert_eq!(
            leader.get(i),
            Some(UsLevel::parse(level).unwrap().is_leader_level()),
            "row {i}"
        );
        assert_eq!(ordinal.get(i), Some(n), "row {i}");
        let previous = same.then(|| (*date - rows[i - 1].1).num_days());
        assert_eq!(since.get(i), previous, "row {i}");
    }
}
