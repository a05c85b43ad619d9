use super::*;

/// 6-MP group of Freireich et al. (1963), as in Gehan (1965).
fn six_mp() -> (Vec<f64>, Vec<bool>) {
    let data: [(f64, bool); 21] = [
        (6., true),
        (6., true),
        (6., true),
        (6., false),
        (7., true),
        (9., false),
        (10., true),
        (10., false),
        (11., false),
        (13., true),
        (16., true),
        (17., false),
        (19., false),
        (20., false),
        (22., true),
        (23., true),
        (25., false),
        (32., false),
        (32., false),
        (34., false),
        (35., false),
    ];
    data.iter().copied().unzip()
}

/// R's `survival::aml`: (time, status, maintained).
const AML: [(f64, bool, bool); 23] = [
    (9., true, true),
    (13., true, true),
    (13., false, true),
    (18., true, true),
    (23., true, true),
    (28., false, true),
    (31., true, true),
    (34., true, true),
    (45., false, true),
    (48., true, true),
    (161., false, true),
    (5., true, false),
    (5., true, false),
    (8., true, false),
    (8., true, false),
    (12., true, false),
    (16., false, false),
    (23., true, false),
    (27., true, false),
    (30., true, false),
    (33., true, false),
    (43., true, false),
    (45., true, false),
];

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[test]
fn six_mp_matches_klein_moeschberger_table_4_1a() {
    let (t, e) = six_mp();
    let km = kaplan_meier(&t, &e).unwrap();
    // (time, at risk, S, Greenwood SE), Klein & Moeschberger Table 4.1A.
    // S(16) = (18/21)(16/17)(14/15)(11/12)(10/11) = 0.627451: 0.627 to
    // three decimals (0.628 in some copies is 0.6275 rounded twice).
    let published = [
        (6., 21, 0.857, 0.076),
        (7., 17, 0.807, 0.087),
        (10., 15, 0.753, 0.096),
        (13., 12, 0.690, 0.107),
        (16., 11, 0.627, 0.114),
        (22., 7, 0.538, 0.128),
        (23., 6, 0.448, 0.135),
    ];
    assert_eq!(km.steps().len(), published.len());
    for (step, &(time, n, s, se)) in km.steps().iter().zip(&published) {
        assert_eq!(step.time, time);
        assert_eq!(step.at_risk, n, "at risk at {time}");
        assert_eq!(round3(step.survival), s, "S({time})");
        assert_eq!(round3(step.std_err.unwrap()), se, "SE({time})");
        assert_eq!(round3(km.survival_at(time)), s);
        assert_eq!(round3(km.std_err_at(time).unwrap()), se);
    }
    assert_eq!(km.median(), Some(23.0)); // published median remission, 6-MP: 23 weeks
    assert_eq!(km.len(), 21);
    assert_eq!(km.events_by(40.0), 9);
    assert_eq!(km.censored_after_last(), 5); // 25, 32, 32, 34, 35
    // Censored in (previous event, this]: 6+ at 6, 9+ before 10, 10+ at 10, 11+ before 13.
    let censored: Vec<usize> = km.steps().iter().map(|s| s.censored).collect();
    assert_eq!(censored, [1, 0, 2, 1, 0, 3, 0]);
    // Between steps the curve is flat; before the first event it is 1.
    assert_eq!(km.survival_at(5.99), 1.0);
    assert_eq!(km.survival_at(21.0), km.survival_at(16.0));
    assert_eq!(km.at_risk_at(6.0), 21);
    assert_eq!(km.at_risk_at(6.5), 17);
}

#[test]
fn aml_maintained_matches_r() {
    let (t, e): (Vec<f64>, Vec<bool>) = AML.iter().filter(|r| r.2).map(|r| (r.0, r.1)).unzip();
    // R: summary(survfit(Surv(time, status) ~ x, data = aml)), x = Maintained
    // (default conf.type = "log"): time, n.risk, survival, std.err, lower, upper.
    let published = [
        (9., 11, 0.909, 0.0867, 0.7541, 1.000),
        (13., 10, 0.818, 0.1163, 0.6192, 1.000),
        (18., 8, 0.716, 0.1397, 0.4884, 1.000),
        (23., 7, 0.614, 0.1526, 0.3769, 0.999),
        (31., 5, 0.491, 0.1642, 0.2549, 0.946),
        (34., 4, 0.368, 0.1627, 0.1549, 0.875),
        (48., 2, 0.184, 0.1535, 0.0359, 0.944),
    ];
    let km = kaplan_meier_with(&t, &e, ConfType::Log).unwrap();
    assert_eq!(km.steps().len(), published.len());
    for (step, &(time, n, s, se, lo, hi)) in km.steps().iter().zip(&published) {
        assert_eq!((step.time, step.at_risk), (time, n));
        assert_eq!(round3(step.survival), s);
        let ci = step.ci.unwrap();
        assert!((step.std_err.unwrap() - se).abs() < 5e-5, "SE at {time}");
        assert!(
            (ci.lower - lo).abs() < 5e-5,
            "lower at {time}: {}",
            ci.lower
        );
        assert!(
            (ci.upper - hi).abs() < 5e-4,
            "upper at {time}: {}",
            ci.upper
        );
    }
    assert_eq!(km.median(), Some(31.0)); // R: median 31
}

/// R survival: `survfit(Surv(time, status) ~ 1, data = aml, conf.type =
/// "log-log")`, as stored in JuliaStats/Survival.jl
/// test/data/refs/leukemia_km.csv: time, n.risk, n.event, surv, std.err
/// (of the cumulative hazard, = √G), lower, upper.
const AML_POOLED_LOG_LOG: [(f64, usize, usize, f64, f64, f64, f64); 15] = [
    (
        5.,
        23,
        2,
        0.91304347826087,
        0.0643489452087787,
        0.694947537532059,
        0.977515669900713,
    ),
    (
        8.,
        21,
        2,
        0.826086956521739,
        0.095672974646988,
        0.600610411237199,
        0.930903558387115,
    ),
    (
        9.,
        19,
        1,
        0.782608695652174,
        0.109896745565965,
        0.554211506668729,
        0.903207489881887,
    ),
    (
        12.,
        18,
        1,
        0.739130434782609,
        0.1238760208523,
        0.509209438754219,
        0.873375781697676,
    ),
    (
        13.,
        17,
        1,
        0.695652173913043,
        0.137919321091843,
        0.465641749762004,
        0.841721291391763,
    ),
    (
        18.,
        14,
        1,
        0.645962732919255,
        0.156576641377123,
        0.413952950717117,
        0.805307764482079,
    ),
    (
        23.,
        13,
        2,
        0.546583850931677,
        0.196219924092724,
        0.319250413971187,
        0.726449173820633,
    ),
    (
        27.,
        11,
        1,
        0.496894409937888,
        0.218158583837225,
        0.275565628012137,
        0.684213788447816,
    ),
    (
        30.,
        9,
        1,
        0.44168391994479,
        0.247955755308789,
        0.227381168462543,
        0.637092687459888,
    ),
    (
        31.,
        8,
        1,
        0.386473429951691,
        0.281672148867962,
        0.182836618648628,
        0.58747691441794,
    ),
    (
        33.,
        7,
        1,
        0.331262939958592,
        0.321167749404293,
        0.141825693481738,
        0.535273789989068,
    ),
    (
        34.,
        6,
        1,
        0.276052449965493,
        0.369434779887807,
        0.104441343233593,
        0.480284660416562,
    ),
    (
        43.,
        5,
        1,
        0.220841959972395,
        0.431835682396386,
        0.0709966489828616,
        0.422167443380925,
    ),
    (
        45.,
        4,
        1,
        0.165631469979296,
        0.519437570766772,
        0.0421142812615769,
        0.360361360273183,
    ),
    (
        48.,
        2,
        1,
        0.082815734989648,
        0.877391241080104,
        0.00695596679853646,
        0.286760367980918,
    ),
];

#[test]
fn aml_pooled_log_log_matches_r() {
    let (t, e): (Vec<f64>, Vec<bool>) = AML.iter().map(|r| (r.0, r.1)).unzip();
    let km = kaplan_meier(&t, &e).unwrap();
    assert_eq!(km.steps().len(), AML_POOLED_LOG_LOG.len());
    for (step, &(time, n, d, s, se, lo, hi)) in km.steps().iter().zip(&AML_POOLED_LOG_LOG) {
        assert_eq!((step.time, step.at_risk, step.events), (time, n, d));
        assert!((step.survival - s).abs() < 1e-12);
        assert!((step.greenwood.sqrt() - se).abs() < 1e-12);
        let ci = step.ci.unwrap();
        assert!((ci.lower - lo).abs() < 1e-12, "lower at {time}");
        assert!((ci.upper - hi).abs() < 1e-12, "upper at {time}");
    }
    assert_eq!(km.censored_after_last(), 1); // 161+
    assert_eq!(km.median(), Some(27.0)); // R: median 27
}

/// A small deterministic generator for property tests.
fn random_data(rng: &mut Pcg64, n: usize, censor_p: u64) -> (Vec<f64>, Vec<bool>) {
    (0..n)
        .map(|_| {
            let t = uniform_below(rng, 12) as f64 / 2.0;
            let e = uniform_below(rng, 100) >= censor_p;
            (t, e)
        })
        .unzip()
}

#[test]
fn without_censoring_km_is_the_empirical_survival_function() {
    let mut rng = Pcg64::seed_from_u64(1);
    for n in 1..60 {
        let (t, _) = random_data(&mut rng, n, 0);
        let e = vec![true; n];
        let km = kaplan_meier(&t, &e).unwrap();
        for k in 0..30 {
            let x = k as f64 / 4.0 - 0.5;
            let empirical = t.iter().filter(|&&ti| ti > x).count() as f64 / n as f64;
            assert!((km.survival_at(x) - empirical).abs() < 1e-12, "n={n} x={x}");
        }
    }
}

#[test]
fn all_censored_gives_one() {
    let t = [3.0, 1.0, 4.0, 1.0, 5.0];
    let km = kaplan_meier(&t, &[false; 5]).unwrap();
    assert!(km.steps().is_empty());
    assert_eq!(km.censored_after_last(), 5);
    for x in [-1.0, 0.0, 1.0, 4.5, 100.0] {
        assert_eq!(km.survival_at(x), 1.0);
        assert_eq!(km.std_err_at(x), Some(0.0));
    }
    assert_eq!(km.median(), None);
}

#[test]
fn random_curves_are_monotone_and_intervals_contain_s() {
    let mut rng = Pcg64::seed_from_u64(2);
    for round in 0..400 {
        let n = 1 + uniform_below(&mut rng, 80) as usize;
        let p = uniform_below(&mut rng, 100);
        let (t, e) = random_data(&mut rng, n, p);
        for conf in [ConfType::LogLog, ConfType::Plain, ConfType::Log] {
            let km = kaplan_meier_with(&t, &e, conf).unwrap();
            let mut prev = 1.0;
            let mut at_risk_prev = usize::MAX;
            for s in km.steps() {
                assert!(s.survival <= prev, "round {round}");
                assert!((0.0..=1.0).contains(&s.survival));
                assert!(s.at_risk < at_risk_prev && s.events >= 1 && s.events <= s.at_risk);
                prev = s.survival;
                at_risk_prev = s.at_risk;
                match s.ci {
                    Some(ci) => {
                        assert!(ci.contains(s.survival), "{conf:?} {ci:?} {}", s.survival);
                        assert!(0.0 <= ci.lower && ci.upper <= 1.0);
                    }
                    None => assert_eq!(s.survival, 0.0),
                }
            }
            // Counts add up.
            let total: usize = km.steps().iter().map(|s| s.events + s.censored).sum();
            assert_eq!(total + km.censored_after_last(), n);
            assert_eq!(
                km.events_by(f64::INFINITY),
                e.iter().filter(|&&x| x).count()
            );
        }
    }
}

#[test]
fn everyone_failing_ends_at_zero_with_undefined_interval() {
    let km = kaplan_meier(&[1.0, 2.0], &[true, true]).unwrap();
    let last = &km.steps()[1];
    assert_eq!(last.survival, 0.0);
    assert_eq!(last.greenwood, f64::INFINITY);
    assert_eq!((last.std_err, last.ci), (None, None));
    assert_eq!(km.ci_at(5.0), None);
    assert_eq!(km.median(), Some(1.0)); // S(1) = 0.5
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let bad: [(&[f64], &[bool]); 6] = [
        (&[], &[]),
        (&[1.0], &[true, false]),
        (&[f64::NAN], &[true]),
        (&[-1.0], &[true]),
        (&[f64::INFINITY], &[false]),
        (&[1.0, f64::NEG_INFINITY], &[true, true]),
    ];
    for (t, e) in bad {
        assert!(
            matches!(kaplan_meier(t, e), Err(crate::error::Error::Invalid(_))),
            "{t:?}"
        );
        let c = vec![1; t.len()];
        assert!(cluster_bootstrap(t, e, &c, &[1.0], 10, 0).is_err());
    }
    let t = [1.0, 2.0];
    let e = [true, false];
    assert!(cluster_bootstrap(&t, &e, &[1], &[1.0], 10, 0).is_err());
    assert!(cluster_bootstrap(&t, &e, &[1, 2], &[1.0], 0, 0).is_err());
    assert!(cluster_bootstrap(&t, &e, &[1, 2], &[f64::NAN], 10, 0).is_err());
    assert!(cluster_bootstrap(&t, &e, &[1, 2], &[1.0; 2], usize::MAX, 0).is_err());
    assert_eq!(cluster_bootstrap(&t, &e, &[1, 2], &[], 10, 0).unwrap(), []);
    // NaN queries never panic.
    let km = kaplan_meier(&t, &e).unwrap();
    assert!(km.survival_at(f64::NAN).is_nan());
    assert_eq!((km.at_risk_at(f64::NAN), km.events_by(f64::NAN)), (0, 0));
    assert_eq!((km.ci_at(f64::NAN), km.std_err_at(f64::NAN)), (None, None));
    assert_eq!(ConfType::LogLog.interval(f64::NAN, 0.1), None);
    assert_eq!(ConfType::Plain.interval(0.5, f64::NAN), None);
    assert_eq!(ConfType::Log.interval(1.5, 0.1), None);
    assert_eq!(ConfType::LogLog.interval(0.5, -1.0), None);
}

/// The bootstrap the slow way: materialise each resample and run
/// `kaplan_meier` on it, with the same random draws.
fn naive_bootstrap(
    t: &[f64],
    e: &[bool],
    c: &[u64],
    at: &[f64],
    resamples: usize,
    seed: u64,
) -> Vec<Interval> {
    let mut ids = c.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let k = ids.len();
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut values = vec![Vec::new(); at.len()];
    for _ in 0..resamples {
        let (mut rt, mut re) = (Vec::new(), Vec::new());
        for _ in 0..k {
            let id = ids[uniform_below(&mut rng, k as u64) as usize];
            for i in (0..t.len()).filter(|&i| c[i] == id) {
                rt.push(t[i]);
                re.push(e[i]);
            }
        }
        let km = kaplan_meier(&rt, &re).unwrap();
        for (a, &x) in at.iter().enumerate() {
            values[a].push(km.survival_at(x));
        }
    }
    values
        .into_iter()
        .map(|mut v| {
            v.sort_by(f64::total_cmp);
            Interval {
                lower: quantile_sorted(&v, 0.025),
                upper: quantile_sorted(&v, 0.975),
            }
        })
        .collect()
}

#[test]
fn fast_bootstrap_equals_the_naive_one() {
    let mut rng = Pcg64::seed_from_u64(3);
    for round in 0..30 {
        let n = 1 + uniform_below(&mut rng, 60) as usize;
        let (t, e) = random_data(&mut rng, n, 40);
        let c: Vec<u64> = (0..n).map(|_| 100 + uniform_below(&mut rng, 9)).collect();
        let at = [5.0, 0.0, 1.0, 2.5, -1.0, 100.0];
        let fast = cluster_bootstrap(&t, &e, &c, &at, 200, round).unwrap();
        let slow = naive_bootstrap(&t, &e, &c, &at, 200, round);
        for (f, s) in fast.iter().zip(&slow) {
            assert!(
                (f.lower - s.lower).abs() < 1e-12,
                "round {round}: {f:?} {s:?}"
            );
            assert!(
                (f.upper - s.upper).abs() < 1e-12,
                "round {round}: {f:?} {s:?}"
            );
        }
    }
}

#[test]
fn bootstrap_is_seeded_and_sensible() {
    let (t, e) = six_mp();
    let c: Vec<u64> = (0..t.len() as u64).map(|i| i / 3).collect();
    let a = cluster_bootstrap(&t, &e, &c, &[10.0, 23.0], 500, 9).unwrap();
    assert_eq!(
        a,
        cluster_bootstrap(&t, &e, &c, &[10.0, 23.0], 500, 9).unwrap()
    );
    assert_ne!(
        a,
        cluster_bootstrap(&t, &e, &c, &[10.0, 23.0], 500, 10).unwrap()
    );
    let km = kaplan_meier(&t, &e).unwrap();
    for (ci, x) in a.iter().zip([10.0, 23.0]) {
        assert!(ci.lower < km.survival_at(x) && km.survival_at(x) < ci.upper);
    }
    // One cluster: every resample is the data itself.
    let one = cluster_bootstrap(&t, &e, &vec![7; t.len()], &[10.0], 50, 1).unwrap();
    assert_eq!(one[0].lower, km.survival_at(10.0));
    assert_eq!(one[0].upper, km.survival_at(10.0));
}

#[test]
fn bootstrap_of_374_agreements_is_fast() {
    // The timing that matters is the release build (see the scratch
    // example); in a debug build this only guards against blow-ups.
    let mut rng = Pcg64::seed_from_u64(4);
    let (t, e) = random_data(&mut rng, 374, 30);
    let c: Vec<u64> = (0..374).map(|_| uniform_below(&mut rng, 76)).collect();
    let start = std::time::Instant::now();
    let ci = cluster_bootstrap(&t, &e, &c, &[1.0, 2.0, 5.0, 10.0], 1_000, 1).unwrap();
    assert_eq!(ci.len(), 4);
    assert!(start.elapsed().as_secs_f64() < 5.0);
}

#[test]
fn quantile_is_type_7() {
    let v = [1.0, 2.0, 3.0, 4.0, 5.0];
    assert_eq!(quantile_sorted(&v, 0.0), 1.0);
    assert_eq!(quantile_sorted(&v, 1.0), 5.0);
    assert_eq!(quantile_sorted(&v, 0.5), 3.0);
    assert!((quantile_sorted(&v, 0.025) - 1.1).abs() < 1e-12);
    assert!(quantile_sorted(&[], 0.5).is_nan());
}

#[test]
fn uniform_below_stays_in_range_and_is_roughly_uniform() {
    let mut rng = Pcg64::seed_from_u64(5);
    let mut counts = [0u32; 7];
    for _ in 0..70_000 {
        counts[uniform_below(&mut rng, 7) as usize] += 1;
    }
    assert!(
        counts.iter().all(|&c| (9_000..11_000).contains(&c)),
        "{counts:?}"
    );
    assert_eq!(uniform_below(&mut rng, 1), 0);
}

fn agreement(paid: u64, year: i32, conflicts: &[u64], dyads: &[u64]) -> Agreement {
    Agreement {
        paid,
        year,
        pa_type: PaType::Partial,
        conflict_ids: conflicts.to_vec(),
        dyad_ids: dyads.to_vec(),
    }
}

fn spell_of(d: &Durability, paid: u64) -> Option<(i32, f64, bool)> {
    d.spells
        .iter()
        .find(|s| s.paid == paid)
        .map(|s| (s.origin, s.time, s.event))
}

/// Conflict activity for the durability rule's edge cases: each conflict
/// active in the years listed (dyads 20 and 60 likewise).
fn edge_activity() -> Activity {
    Activity::new(
        [
            (1, 2000),
            (1, 2001), // active the year after signing
            (2, 2000),
            (2, 2001),
            (2, 2002),
            (2, 2005),
            (3, 2010),
            (4, 1990),
            (4, 1991),
            (4, 1992),
            (4, 1993),
            (4, 1994),
            (4, 1995), // never quiet up to 1995
            (6, 2003),
        ],
        [(20, 2000), (20, 2001), (60, 2003)],
    )
}

/// The agreements of the edge cases, each signed into a different history
/// of [`edge_activity`].
fn edge_agreements() -> [Agreement; 6] {
    [
        agreement(1, 2000, &[1], &[10]),
        agreement(2, 2000, &[2], &[20]),
        agreement(3, 2000, &[3], &[30]),
        agreement(4, 1990, &[4], &[40]),
        agreement(5, 1995, &[6, 5], &[60, 50]), // two conflicts: fails when 6 is active
        agreement(6, 1995, &[5], &[50]),        // signed in the last year
    ]
}

/// The last data year of the edge cases.
const EDGE_LAST: i32 = 1995 + 10; // 2005

#[test]
fn durability_from_signing_at_conflict_level() {
    let cs = durability(
        &edge_agreements(),
        &edge_activity(),
        Level::Conflict,
        Clock::Signing,
        EDGE_LAST,
    )
    .unwrap();
    assert!(cs.excluded.is_empty());
    assert_eq!(spell_of(&cs, 1), Some((2000, 1.0, true))); // active again next year: t = 1
    assert_eq!(spell_of(&cs, 2), Some((2000, 1.0, true)));
    assert_eq!(spell_of(&cs, 3), Some((2000, 5.0, false))); // 2010 is after the data
    assert_eq!(spell_of(&cs, 4), Some((1990, 1.0, true)));
    assert_eq!(spell_of(&cs, 5), Some((1995, 8.0, true)));
    assert_eq!(
        cs.spells.iter().find(|s| s.paid == 5).map(|s| s.cluster),
        Some(5)
    ); // smallest id
    assert_eq!(spell_of(&cs, 6), Some((1995, 10.0, false)));
}

#[test]
fn durability_from_the_first_quiet_year_at_conflict_level() {
    let cq = durability(
        &edge_agreements(),
        &edge_activity(),
        Level::Conflict,
        Clock::FirstQuietYear,
        EDGE_LAST,
    )
    .unwrap();
    assert!(cq.excluded.is_empty());
    assert_eq!(spell_of(&cq, 1), Some((2002, 3.0, false))); // quiet 2002, censored 2005
    assert_eq!(spell_of(&cq, 2), Some((2003, 2.0, true))); // quiet 2003, fails 2005
    assert_eq!(spell_of(&cq, 3), Some((2001, 4.0, false)));
    assert_eq!(spell_of(&cq, 4), Some((1996, 9.0, false)));
    assert_eq!(spell_of(&cq, 5), Some((1996, 7.0, true)));
}

#[test]
fn durability_at_the_end_of_the_data() {
    let activity = edge_activity();
    // With data ending in 1995, agreement 4 is never quiet: excluded.
    let early = [
        agreement(4, 1990, &[4], &[40]),
        agreement(7, 1995, &[9], &[90]),
    ];
    let q = durability(
        &early,
        &activity,
        Level::Conflict,
        Clock::FirstQuietYear,
        1995,
    )
    .unwrap();
    // Signed in the last year (7): no quiet year after it either.
    assert_eq!(q.excluded, [4, 7]);
    assert_eq!(q.spells.len(), 0);
    assert_eq!(
        durability(&early, &activity, Level::Conflict, Clock::Signing, 1995)
            .unwrap()
            .spells[1],
        Spell {
            paid: 7,
            pa_type: PaType::Partial,
            cluster: 9,
            origin: 1995,
            time: 0.0,
            event: false
        }
    );
    // Quiet exactly in the last year: censored at 0.
    let q = durability(
        &[agreement(8, 1993, &[4], &[40])],
        &activity,
        Level::Conflict,
        Clock::FirstQuietYear,
        1996,
    )
    .unwrap();
    assert_eq!(spell_of(&q, 8), Some((1996, 0.0, false)));
}

#[test]
fn durability_at_dyad_level_counts_only_the_signatories() {
    let (agreements, activity) = (edge_agreements(), edge_activity());
    let ds = durability(
        &agreements,
        &activity,
        Level::Dyad,
        Clock::Signing,
        EDGE_LAST,
    )
    .unwrap();
    assert_eq!(spell_of(&ds, 1), Some((2000, 5.0, false))); // dyad 10 never active
    assert_eq!(spell_of(&ds, 2), Some((2000, 1.0, true)));
    assert_eq!(spell_of(&ds, 5), Some((1995, 8.0, true)));
    assert_eq!(
        ds.spells.iter().find(|s| s.paid == 5).map(|s| s.cluster),
        Some(5)
    ); // still a conflict id
    let dq = durability(
        &agreements,
        &activity,
        Level::Dyad,
        Clock::FirstQuietYear,
        EDGE_LAST,
    )
    .unwrap();
    assert_eq!(spell_of(&dq, 2), Some((2002, 3.0, false)));
}

#[test]
fn durability_rejects_bad_agreements() {
    let activity = Activity::default();
    let run = |a: &[Agreement], level| durability(a, &activity, level, Clock::Signing, 2025);
    assert!(run(&[agreement(1, 2000, &[], &[1])], Level::Conflict).is_err());
    assert!(run(&[agreement(1, 2000, &[1], &[])], Level::Dyad).is_err());
    assert!(run(&[agreement(1, 2000, &[1], &[])], Level::Conflict).is_ok());
    assert!(run(&[agreement(1, 2026, &[1], &[1])], Level::Conflict).is_err());
    assert!(
        run(
            &[
                agreement(1, 2000, &[1], &[1]),
                agreement(1, 2001, &[1], &[1])
            ],
            Level::Conflict
        )
        .is_err()
    );
    // Extreme years do not overflow or loop forever.
    let far = [agreement(1, i32::MIN, &[1], &[1])];
    let d = durability(&far, &activity, Level::Conflict, Clock::Signing, i32::MAX).unwrap();
    assert_eq!(d.spells[0].time, u32::MAX as f64);
    let d = durability(
        &[agreement(2, i32::MAX, &[1], &[1])],
        &activity,
        Level::Conflict,
        Clock::FirstQuietYear,
        i32::MAX,
    )
    .unwrap();
    assert_eq!(d.excluded, [2]);
    assert!(
        durability(&[], &activity, Level::Dyad, Clock::FirstQuietYear, 2025)
            .unwrap()
            .spells
            .is_empty()
    );
}

#[test]
fn base_rates_rows() {
    let mk = |paid, pa_type, cluster, time, event| Spell {
        paid,
        pa_type,
        cluster,
        origin: 2000,
        time,
        event,
    };
    let spells = [
        mk(1, PaType::Full, 1, 1.0, true),
        mk(2, PaType::Full, 1, 3.0, true),
        mk(3, PaType::Partial, 2, 25.0, false),
        mk(4, PaType::Partial, 3, 2.0, false),
        mk(5, PaType::Process, 3, 10.0, true),
    ];
    let at = [1.0, 2.0, 5.0, 10.0];
    let all = base_rates(&spells, &at, None, 300, 11).unwrap();
    let km = kaplan_meier(&[1., 3., 25., 2., 10.], &[true, true, false, false, true]).unwrap();
    for (row, &t) in all.iter().zip(&at) {
        assert_eq!(row.group, None);
        assert_eq!((row.agreements, row.clusters), (5, 3));
        assert_eq!(row.survival, km.survival_at(t));
        assert_eq!(row.ci, km.ci_at(t));
        assert_eq!(row.at_risk, km.at_risk_at(t));
        assert_eq!(row.events, km.events_by(t));
    }
    assert_eq!((all[0].at_risk, all[0].events), (5, 1));
    assert_eq!((all[3].at_risk, all[3].events), (2, 3));
    let table = base_rate_table(&spells, &at, 300, 11).unwrap();
    assert_eq!(table.len(), 16);
    assert_eq!(&table[..4], &all[..]);
    assert!(base_rates(&spells[..2], &at, Some(PaType::Process), 10, 1).is_err());
    assert_eq!(PaType::from_label(" FULL ").unwrap(), PaType::Full);
    assert_eq!(PaType::Partial.to_string(), "partial");
}
