//! The context package and the base rates drawn from it: the shipped UCDP
//! files are the ones the README's checksums name; `datapackage.json` is
//! what the schema produces; the figures of the durability rule equal an
//! independent implementation's (`scripts/check-base-rates.py`); the held
//! check reports what `data/context/FINDINGS.md` found; `base-rates` runs.

use std::path::{Path, PathBuf};

use negotiations::base_rates::{self, HORIZONS, Options, Ucdp, Verdict};
use negotiations::codebook;
use negotiations::context::Context;
use negotiations::polars::prelude::*;
use negotiations::survival::{Clock, Level};
use negotiations::{Dataset, metrics};
use sha2::{Digest, Sha256};

use crate::common::{data_dir, edit, run, shipped_copy, stderr, stdout};
use crate::package::hold;

fn context_dir() -> PathBuf {
    data_dir().join("context")
}

fn ctx() -> Context {
    Context::embedded().unwrap()
}

/// The `(sha256, file)` pairs of the README's "Checksums (sha256)" block.
fn readme_checksums() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(context_dir().join("README.md")).unwrap();
    let (_, after) = readme
        .split_once("## Checksums (sha256)")
        .expect("README.md has a checksum section");
    let block = after
        .split("```")
        .nth(1)
        .expect("the checksum section holds a code block");
    block
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (hash, file) = l.split_once("  ").expect("`<sha256>  <file>` lines");
            (hash.trim().to_string(), file.trim().to_string())
        })
        .collect()
}

fn sha256_hex(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn shipped_ucdp_files_match_the_readme_checksums() {
    let sums = readme_checksums();
    let listed: Vec<&str> = sums.iter().map(|(_, f)| f.as_str()).collect();
    // Every UCDP table is listed (links.csv is the project's own file).
    for t in negotiations::context::TABLES {
        if t.name != "links" {
            assert!(
                listed.contains(&t.file),
                "{} has no checksum in README.md",
                t.file
            );
        }
    }
    let mut wrong = Vec::new();
    for (hash, file) in &sums {
        let actual = sha256_hex(&context_dir().join(file));
        if &actual != hash {
            wrong.push(format!("{file}: README says {hash}, the file is {actual}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn context_datapackage_is_what_the_schema_produces() {
    let path = context_dir().join("datapackage.json");
    let errors = hold(&path, &codebook::context_datapackage_json());
    assert!(errors.is_none(), "{}", errors.unwrap_or_default());
    // Read as a reader would: one resource per table, fields in the CSV
    // header's order.
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), negotiations::context::TABLES.len());
    for t in negotiations::context::TABLES {
        let csv = std::fs::read_to_string(context_dir().join(t.file)).unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let res = resources.iter().find(|r| r["name"] == t.name).unwrap();
        let fields: Vec<&str> = res["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(header, fields, "{}", t.file);
    }
    assert_eq!(package["attribution"], base_rates::ATTRIBUTION);
}

/// Survival in percent for all agreements and per type at 1, 2, 5 and 10
/// years, as printed by the independent implementation:
/// `python3 scripts/check-base-rates.py data/context --level L --clock C`
/// (rerun it and paste its rows here when the data change).
/// Survival in percent by group at 1, 2, 5 and 10 years.
type Groups = [(&'static str, [f64; 4]); 4];

const INDEPENDENT: [(&str, &str, Groups); 4] = [
    (
        "conflict",
        "signing",
        [
            ("all", [44.65, 40.64, 31.55, 26.35]),
            ("full", [54.55, 46.75, 40.26, 35.06]),
            ("partial", [44.60, 43.19, 30.52, 25.75]),
            ("process", [35.71, 28.57, 26.19, 19.84]),
        ],
    ),
    (
        "conflict",
        "quiet",
        [
            ("all", [73.94, 66.67, 50.49, 44.29]),
            ("full", [70.83, 66.67, 52.56, 48.01]),
            ("partial", [75.52, 66.67, 47.27, 41.89]),
            ("process", [72.73, 66.67, 57.45, 47.02]),
        ],
    ),
    (
        "dyad",
        "signing",
        [
            ("all", [68.98, 64.97, 56.95, 53.35]),
            ("full", [76.62, 74.03, 71.43, 68.81]),
            ("partial", [70.89, 66.67, 55.40, 51.48]),
            ("process", [57.14, 52.38, 47.62, 43.91]),
        ],
    ),
    (
        "dyad",
        "quiet",
        [
            ("all", [92.23, 88.74, 80.05, 75.56]),
            ("full", [97.40, 96.10, 92.19, 89.52]),
            ("partial", [91.51, 86.79, 76.77, 71.88]),
            ("process", [89.29, 86.90, 77.28, 72.06]),
        ],
    ),
];

#[test]
fn figures_equal_the_independent_implementation() {
    let u = Ucdp::from_context(&ctx()).unwrap();
    for (level, clock, groups) in INDEPENDENT {
        let (l, c) = (
            base_rates::parse_level(level).unwrap(),
            base_rates::parse_clock(clock).unwrap(),
        );
        let mine = u.survival_pct(l, c, &HORIZONS).unwrap();
        // The table (with its bootstrap) gives the same survival.
        let opts = Options {
            level: l,
            clock: c,
            resamples: 50,
            ..Options::default()
        };
        let table = u.table(&opts, true).unwrap();
        let s = table.column("survival").unwrap().f64().unwrap().clone();
        for (g, (group, expected)) in groups.iter().enumerate() {
            for (h, (&years, &want)) in HORIZONS.iter().zip(expected).enumerate() {
                let key = format!("{years}");
                let got = mine["survival_pct"][*group][&key].as_f64().unwrap();
                // The Python figures are printed to 2 decimals.
                assert!(
                    (got - want).abs() <= 0.005 + 1e-9,
                    "{level}/{clock} {group} {years}y: {got} here, {want} in Python"
                );
                let row = s.get(g * HORIZONS.len() + h).unwrap();
                assert!((100.0 * row - got).abs() < 1e-9);
            }
        }
    }
}

fn python3() -> Option<&'static str> {
    std::process::Command::new("python3")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| "python3")
}

/// When python3 is installed: the script itself compares the Rust figures
/// (the JSON `base-rates --format json` prints) and agrees.
#[test]
fn the_python_check_agrees_with_the_command_line() {
    let Some(python) = python3() else {
        eprintln!("skipped: python3 is not installed (the embedded figures above still hold)");
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/check-base-rates.py");
    let tmp = tempfile::tempdir().unwrap();
    for (level, clock) in [
        ("conflict", "signing"),
        ("conflict", "quiet"),
        ("dyad", "signing"),
        ("dyad", "quiet"),
    ] {
        let o = run(&[
            "base-rates",
            "--level",
            level,
            "--clock",
            clock,
            "--format",
            "json",
            "--resamples",
            "20",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let json = tmp.path().join(format!("{level}-{clock}.json"));
        std::fs::write(&json, &o.stdout).unwrap();
        let out = std::process::Command::new(python)
            .arg(&script)
            .arg(context_dir())
            .args(["--level", level, "--clock", clock, "--compare"])
            .arg(&json)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{level}/{clock}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("agrees with"));
    }
}

#[test]
fn table_has_intervals_counts_and_exclusions() {
    let ctx = ctx();
    let t = base_rates::table(&ctx, &Options::default(), true).unwrap();
    assert_eq!(t.height(), 16);
    let col = |c: &str| t.column(c).unwrap().clone();
    let s = col("survival");
    let s = s.f64().unwrap();
    let (lo, hi) = (col("lower"), col("upper"));
    let (blo, bhi) = (col("boot_lower"), col("boot_upper"));
    for i in 0..t.height() {
        let x = s.get(i).unwrap();
        let (l, h) = (
            lo.f64().unwrap().get(i).unwrap(),
            hi.f64().unwrap().get(i).unwrap(),
        );
        let (bl, bh) = (
            blo.f64().unwrap().get(i).unwrap(),
            bhi.f64().unwrap().get(i).unwrap(),
        );
        assert!(l <= x && x <= h, "row {i}: Greenwood");
        assert!(bl <= x + 1e-9 && x <= bh + 1e-9, "row {i}: bootstrap");
        // Clustering widens the interval of all agreements.
        if i < 4 {
            assert!(bh - bl > h - l, "row {i}: the cluster bootstrap is wider");
        }
    }
    let all = t.head(Some(4));
    assert_eq!(all.column("n").unwrap().i64().unwrap().get(0), Some(374));
    // 76 conflicts, but an agreement's cluster is its smallest conflict id.
    assert_eq!(
        all.column("clusters").unwrap().i64().unwrap().get(0),
        Some(73)
    );
    assert_eq!(
        all.column("events").unwrap().i64().unwrap().get(0),
        Some(207)
    ); // 374 × (1 − 0.4465)
    assert_eq!(
        all.column("at_risk").unwrap().i64().unwrap().get(0),
        Some(374)
    );
    // Same seed, same intervals.
    assert!(t.equals_missing(&base_rates::table(&ctx, &Options::default(), true).unwrap()));

    let quiet = Options {
        clock: Clock::FirstQuietYear,
        resamples: 50,
        ..Options::default()
    };
    let q = base_rates::table(&ctx, &quiet, true).unwrap();
    let excluded: Vec<(String, i64)> = (0..q.height())
        .step_by(4)
        .map(|i| {
            (
                q.column("group")
                    .unwrap()
                    .str()
                    .unwrap()
                    .get(i)
                    .unwrap()
                    .to_string(),
                q.column("excluded").unwrap().i64().unwrap().get(i).unwrap(),
            )
        })
        .collect();
    let n: i64 = excluded[1..].iter().map(|x| x.1).sum();
    assert_eq!(excluded[0], ("all".to_string(), 44));
    assert_eq!(n, 44);
}

#[test]
fn survival_curve_starts_at_one_and_steps_where_the_table_says() {
    let ctx = ctx();
    let c = base_rates::survival_curve(&ctx, Level::Conflict, Clock::Signing, true).unwrap();
    let groups: Vec<String> = c
        .column("group")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|g| g.unwrap().to_string())
        .collect();
    for g in ["all", "full", "partial", "process"] {
        let first = groups.iter().position(|x| x == g).unwrap();
        assert_eq!(
            c.column("time").unwrap().f64().unwrap().get(first),
            Some(0.0)
        );
        assert_eq!(
            c.column("survival").unwrap().f64().unwrap().get(first),
            Some(1.0)
        );
    }
    // S at each horizon is the last step at or before it.
    let all = c
        .clone()
        .lazy()
        .filter(col("group").eq(lit("all")))
        .collect()
        .unwrap();
    let times = all.column("time").unwrap().f64().unwrap().clone();
    let surv = all.column("survival").unwrap().f64().unwrap().clone();
    let at = |t: f64| {
        times
            .iter()
            .zip(surv.iter())
            .rfind(|(x, _)| x.unwrap() <= t)
            .unwrap()
            .1
            .unwrap()
    };
    assert!((100.0 * at(1.0) - 44.65).abs() < 0.005);
    assert!((100.0 * at(10.0) - 26.35).abs() < 0.005);
    // Drawn to where the data end: the longest spell (an agreement of 1979
    // still holding in 2025).
    assert_eq!(times.iter().last().flatten(), Some(46.0));
    let events: i64 = all
        .column("events")
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .flatten()
        .sum();
    let censored: i64 = all
        .column("censored")
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .flatten()
        .sum();
    assert_eq!((events, events + censored), (282, 374));
}

#[test]
fn endings_count_the_terminated_episodes_by_outcome() {
    let e = base_rates::endings(&ctx()).unwrap();
    let rows: Vec<(String, i64)> = (0..e.height())
        .map(|i| {
            (
                e.column("outcome")
                    .unwrap()
                    .str()
                    .unwrap()
                    .get(i)
                    .unwrap()
                    .to_string(),
                e.column("episodes").unwrap().i64().unwrap().get(i).unwrap(),
            )
        })
        .collect();
    // The counts the context README gives.
    let expected = [
        ("low_activity", 395),
        ("government_victory", 149),
        ("peace_agreement", 109),
        ("ceasefire", 101),
        ("actor_ceases", 88),
        ("rebel_victory", 73),
        ("not_coded", 1),
    ];
    let rows: Vec<(&str, i64)> = rows.iter().map(|(a, b)| (a.as_str(), *b)).collect();
    assert_eq!(rows, expected);
    let q1 = e.column("q1_years").unwrap().f64().unwrap().clone();
    let med = e.column("median_years").unwrap().f64().unwrap().clone();
    let q3 = e.column("q3_years").unwrap().f64().unwrap().clone();
    for i in 0..e.height() {
        assert!(
            q1.get(i).unwrap() <= med.get(i).unwrap() && med.get(i).unwrap() <= q3.get(i).unwrap()
        );
    }
}

fn check_row(check: &DataFrame, outcome: &str, ucdp_id: i64) -> DataFrame {
    let r = check
        .clone()
        .lazy()
        .filter(
            col("outcome_id")
                .eq(lit(outcome))
                .and(col("ucdp_id").eq(lit(ucdp_id))),
        )
        .collect()
        .unwrap();
    assert_eq!(r.height(), 1, "{outcome} × {ucdp_id}");
    r
}

fn text(df: &DataFrame, c: &str) -> String {
    df.column(c)
        .unwrap()
        .str()
        .unwrap()
        .get(0)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn held_check_reports_the_known_facts() {
    let data = Dataset::embedded().unwrap();
    let check = base_rates::held_check(&data, &ctx()).unwrap();
    let verdicts: Vec<&str> = check
        .column("verdict")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.unwrap())
        .collect();
    assert!(!verdicts.contains(&Verdict::Disagree.as_str()), "{check}");

    // Golan, Paris, Korea: no disagreement, and UCDP agrees.
    for (outcome, id) in [
        ("golan_accord", 302),
        ("golan_accord", 649),
        ("paris_ceasefire", 293),
        ("paris_ceasefire", 633),
        ("korean_armistice_agreement", 235),
        ("korean_armistice_agreement", 482),
        ("sinai_1_accord", 11343),
        ("sinai_2_accord", 11974),
        ("good_friday_agreement", 692),
        ("good_friday_agreement", 693),
        ("budapest_assurances", 13306),
    ] {
        let r = check_row(&check, outcome, id);
        assert_eq!(
            text(&r, "verdict"),
            "agree",
            "{outcome} × {id}: {}",
            text(&r, "reason")
        );
    }
    // Golan: first active year after 1974 is 2025, the year after it ended.
    let golan = check_row(&check, "golan_accord", 302);
    let after = golan
        .column("active_after")
        .unwrap()
        .list()
        .unwrap()
        .get_as_series(0)
        .unwrap();
    assert_eq!(
        after.i64().unwrap().into_no_null_iter().collect::<Vec<_>>(),
        [2025]
    );

    // Good Friday: conflict 315 is active in 1998, the signing year, not after.
    let gfa = check_row(&check, "good_friday_agreement", 315);
    assert_eq!(
        gfa.column("active_in_signing_year")
            .unwrap()
            .bool()
            .unwrap()
            .get(0),
        Some(true)
    );
    assert_eq!(
        gfa.column("active_after")
            .unwrap()
            .list()
            .unwrap()
            .get_as_series(0)
            .unwrap()
            .len(),
        0
    );
    assert_eq!(text(&gfa, "verdict"), "agree");
    assert!(
        text(&gfa, "reason").contains("signing year 1998"),
        "{}",
        text(&gfa, "reason")
    );

    // Budapest at dyad level: Russia–Ukraine fights only from 2022.
    let b = check_row(&check, "budapest_assurances", 14117);
    assert_eq!(text(&b, "verdict"), "cannot tell");

    // The 2025 agreements cannot be tested; Portsmouth is before UCDP.
    for outcome in [
        "gaza_ceasefire",
        "armenia_azerbaijan_declaration",
        "drc_rwanda_agreement",
        "thailand_cambodia_accord",
        "portsmouth_treaty",
    ] {
        let rows = check
            .clone()
            .lazy()
            .filter(col("outcome_id").eq(lit(outcome)))
            .collect()
            .unwrap();
        assert!(rows.height() > 0, "{outcome}");
        let v = rows.column("verdict").unwrap().str().unwrap();
        assert!(
            v.iter().all(|v| v == Some("cannot tell")),
            "{outcome}: {rows}"
        );
    }
    let portsmouth = check
        .clone()
        .lazy()
        .filter(col("outcome_id").eq(lit("portsmouth_treaty")))
        .collect()
        .unwrap();
    assert!(text(&portsmouth, "reason").contains("1946"));
    // Prizes and non-agreements are not checked.
    assert_eq!(
        check
            .clone()
            .lazy()
            .filter(col("outcome_id").eq(lit("kissinger_nobel")))
            .collect()
            .unwrap()
            .height(),
        0
    );
}

#[test]
fn held_check_reports_a_disagreement_it_is_given() {
    // Recode the Golan accord as still holding: conflict 302 and dyad 649
    // are active in 2025, after its signing year.
    let (_tmp, dir) = shipped_copy();
    edit(
        &dir.join("outcomes.csv"),
        "Israel–Syria disengagement agreement,unraveled,2024-12-08,day,",
        "Israel–Syria disengagement agreement,held,,,",
    );
    let data = Dataset::from_dir(&dir).unwrap();
    let check = base_rates::held_check(&data, &ctx()).unwrap();
    for id in [302, 649] {
        let r = check_row(&check, "golan_accord", id);
        assert_eq!(text(&r, "verdict"), "disagree");
        assert!(
            text(&r, "reason").contains("2025"),
            "{}",
            text(&r, "reason")
        );
    }
    let o = crate::common::bin()
        .args(["base-rates", "--resamples", "10", "--data"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("2 disagree"), "{s}");
    assert!(
        s.contains("- golan_accord: coded held but conflict 302"),
        "{s}"
    );
}

#[test]
fn article_agreements_sit_on_the_curve_of_all_agreements() {
    let data = Dataset::embedded().unwrap();
    let as_of = metrics::as_of(&data).unwrap();
    let a = base_rates::article_agreements(&data, &ctx(), as_of, Level::Conflict, Clock::Signing)
        .unwrap();
    assert_eq!(a.height(), 12); // 16 outcomes less 2 prizes and 2 non-agreements
    let used = a.column("pa_type_used").unwrap().str().unwrap();
    assert!(used.iter().all(|u| u == Some(base_rates::PA_TYPE_USED)));
    let gfa = crate::common::row(&a, "outcome_id", "good_friday_agreement");
    assert_eq!(
        gfa.column("ucdp_paid").unwrap().i64().unwrap().get(0),
        Some(1063)
    );
    let age = crate::common::float(&gfa, "age_years").unwrap();
    assert!((27.6..27.7).contains(&age), "{age}");
    // S(27.65) and S(28.65) / S(27.65) from the curve of all agreements.
    let u = Ucdp::from_context(&ctx()).unwrap();
    let d = u.durability(Level::Conflict, Clock::Signing).unwrap();
    let times: Vec<f64> = d.spells.iter().map(|s| s.time).collect();
    let events: Vec<bool> = d.spells.iter().map(|s| s.event).collect();
    let km = negotiations::survival::kaplan_meier(&times, &events).unwrap();
    assert_eq!(
        crate::common::float(&gfa, "base_survival"),
        Some(km.survival_at(age))
    );
    let next = crate::common::float(&gfa, "next_year").unwrap();
    assert!((next - km.survival_at(age + 1.0) / km.survival_at(age)).abs() < 1e-12);
    // Korea, 72 years on: past the longest UCDP spell (50 years).
    let korea = crate::common::row(&a, "outcome_id", "korean_armistice_agreement");
    assert_eq!(
        korea.column("beyond_data").unwrap().bool().unwrap().get(0),
        Some(true)
    );
    assert_eq!(crate::common::float(&korea, "next_year"), None);
}

#[test]
fn article_survival_censors_what_still_holds() {
    let data = Dataset::embedded().unwrap();
    let as_of = metrics::as_of(&data).unwrap();
    let s = base_rates::article_survival(&data, as_of).unwrap();
    assert_eq!(s.height(), 12);
    let at = |side: &str, days: f64| {
        s.clone()
            .lazy()
            .filter(
                col("side")
                    .cast(DataType::String)
                    .eq(lit(side))
                    .and(col("days").eq(lit(days))),
            )
            .collect()
            .unwrap()
    };
    // Trump: four agreements; Thailand–Cambodia suspended after 15 days,
    // the others censored (56 to 159 days by 2025-12-04).
    let t30 = at("trump", 30.0);
    assert_eq!(crate::common::int(&t30, "agreements"), Some(4));
    assert_eq!(crate::common::int(&t30, "failed"), Some(1));
    assert_eq!(crate::common::float(&t30, "survival"), Some(0.75));
    assert_eq!(crate::common::int(&t30, "at_risk"), Some(3));
    let t365 = at("trump", 365.0);
    assert_eq!(crate::common::int(&t365, "at_risk"), Some(0));
    // Kissinger: Paris unraveled the day its cease-fire was to take effect
    // (the fighting never stopped), Golan after 50 years; the Sinai accords
    // are censored when superseded.
    let k = at("kissinger", 1825.0);
    assert_eq!(crate::common::int(&k, "events"), Some(1));
    let s_k = crate::common::float(&k, "survival").unwrap();
    // At 1 day all 4 are at risk.
    assert!((s_k - 3.0 / 4.0).abs() < 1e-12, "{s_k}");

    let h = base_rates::held_at_least(&data, as_of).unwrap();
    let ids: Vec<&str> = h
        .column("outcome_id")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|x| x.unwrap())
        .collect();
    assert!(ids.contains(&"sinai_1_accord") && ids.contains(&"gaza_ceasefire"));
    assert!(!ids.contains(&"golan_accord") && !ids.contains(&"thailand_cambodia_accord"));
    let gaza = crate::common::row(&h, "outcome_id", "gaza_ceasefire");
    assert_eq!(crate::common::int(&gaza, "days_at_least"), Some(56));
}

#[test]
fn base_rates_command_prints_every_part_and_exits_0() {
    let o = run(&["base-rates", "--by", "pa_type", "--resamples", "100"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    for needle in [
        "Durability of UCDP peace agreements: conflict level, clock from signing, last data year 2025",
        "374 agreements kept, 0 excluded",
        "44.65",
        "partial",
        "How conflict episodes ended",
        "low_activity",
        "good_friday_agreement",
        "0 disagree",
        "Disagreements: none.",
        base_rates::ATTRIBUTION,
    ] {
        assert!(s.contains(needle), "{needle:?} missing from:\n{s}");
    }

    let o = run(&[
        "base-rates",
        "--level",
        "dyad",
        "--clock",
        "quiet",
        "--format",
        "csv",
        "--resamples",
        "10",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.starts_with("group,n,clusters,excluded,horizon,survival,lower,upper,boot_lower,boot_upper,at_risk,events\n"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 4);

    let o = run(&[
        "base-rates",
        "--clock",
        "quiet",
        "--format",
        "json",
        "--resamples",
        "10",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["level"], "conflict");
    assert_eq!(j["clock"], "quiet");
    assert_eq!(j["excluded"], 44);
    let all10 = j["survival_pct"]["all"]["10"].as_f64().unwrap();
    assert!((all10 - 44.29).abs() < 0.005);
    for key in ["rows", "endings", "article_agreements", "held_check"] {
        assert!(j[key].as_array().is_some_and(|a| !a.is_empty()), "{key}");
    }
    assert_eq!(j["attribution"], base_rates::ATTRIBUTION);

    let o = run(&["base-rates", "--level", "army"]);
    assert!(!o.status.success());
}
