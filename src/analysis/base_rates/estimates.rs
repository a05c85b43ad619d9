//! The estimates as frames, and the article agreements beside them.

#[allow(unused_imports)]
use super::*;

impl CurveRows {
    pub(super) fn push(&mut self, group: &'static str, s: &survival::Step) {
        self.group.push(group);
        self.time.push(s.time);
        self.survival.push(s.survival);
        self.lower.push(s.ci.map(|c| c.lower));
        self.upper.push(s.ci.map(|c| c.upper));
        self.at_risk.push(s.at_risk as i64);
        self.events.push(s.events as i64);
        self.censored.push(s.censored as i64);
    }

    pub(super) fn push_curve(&mut self, group: &'static str, curve: &Curve) {
        let start = survival::Step {
            time: 0.0,
            at_risk: curve.len(),
            events: 0,
            censored: 0,
            survival: 1.0,
            greenwood: 0.0,
            std_err: Some(0.0),
            ci: Some(survival::Interval {
                lower: 1.0,
                upper: 1.0,
            }),
        };
        self.push(group, &start);
        let mut last = start;
        for s in curve.steps() {
            self.push(group, s);
            last = s.clone();
        }
        // Carry the curve to where the data end.
        if let Some(end) = curve.max_time().filter(|&m| m > last.time) {
            let tail = survival::Step {
                time: end,
                at_risk: curve.at_risk_at(end),
                events: 0,
                censored: curve.censored_after_last(),
                ..last
            };
            self.push(group, &tail);
        }
    }

    pub(super) fn frame(self) -> Result<DataFrame> {
        let n = self.group.len();
        let columns = vec![
            strings("group", self.group),
            floats("time", self.time.into_iter().map(Some)),
            floats("survival", self.survival.into_iter().map(Some)),
            floats("lower", self.lower),
            floats("upper", self.upper),
            ints("at_risk", self.at_risk.into_iter().map(Some)),
            ints("events", self.events.into_iter().map(Some)),
            ints("censored", self.censored.into_iter().map(Some)),
        ];
        Ok(DataFrame::new(n, columns)?)
    }
}

/// Base rates: Kaplan–Meier survival of UCDP peace agreements at each of
/// `opts.at_years`, for all agreements, and per `pa_type` when `by_type`.
///
/// | column | meaning |
/// |---|---|
/// | `group` | `all`, `full`, `partial` or `process` |
/// | `n` | agreements in the group (kept by the clock) |
/// | `clusters` | distinct conflicts among them (the bootstrap's clusters) |
/// | `excluded` | agreements of the group left out: never quiet by the last year, under [`Clock::FirstQuietYear`] |
/// | `horizon` | years after the clock starts |
/// | `survival` | `S(horizon)`, the share still holding |
/// | `lower`, `upper` | Greenwood 95 % interval, log-log scale (null once `S = 0`) |
/// | `boot_lower`, `boot_upper` | cluster-bootstrap percentile 95 % interval (`opts.resamples`, `opts.seed`) |
/// | `at_risk` | agreements still observed at the horizon |
/// | `events` | failures up to the horizon |
///
/// ```
/// use negotiations::base_rates::{table, Options};
/// use negotiations::context::Context;
/// use negotiations::survival::Clock;
///
/// let ctx = Context::embedded()?;
/// let quiet = Options { clock: Clock::FirstQuietYear, resamples: 100, ..Options::default() };
/// let t = table(&ctx, &quiet, false)?;
/// let excluded = t.column("excluded")?.i64()?.get(0);
/// assert_eq!(excluded, Some(44)); // never quiet after signing (Colombia's 22 among them)
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn table(ctx: &Context, opts: &Options, by_type: bool) -> Result<DataFrame> {
    Ucdp::from_context(ctx)?.table(opts, by_type)
}

/// The Kaplan–Meier curves, tidy for charts: one row per group per step,
/// with a first row at time 0 and, where the last observation is censored
/// after the last failure, a row at the largest observed time so the curve
/// can be drawn to where the data end.
///
/// Columns: `group` (`all`, and `full`, `partial`, `process` when
/// `by_type`), `time` (years), `survival`, `lower`, `upper` (Greenwood
/// log-log 95 %), `at_risk`, `events` (failures at that time), `censored`
/// (censored since the previous row).
///
/// ```
/// use negotiations::base_rates::survival_curve;
/// use negotiations::context::Context;
/// use negotiations::polars::prelude::*;
/// use negotiations::survival::{Clock, Level};
///
/// let ctx = Context::embedded()?;
/// let c = survival_curve(&ctx, Level::Conflict, Clock::Signing, true)?;
/// let full = c.lazy().filter(col("group").eq(lit("full"))).collect()?;
/// assert_eq!(full.column("at_risk")?.i64()?.get(0), Some(77));
/// assert_eq!(full.column("survival")?.f64()?.get(0), Some(1.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn survival_curve(
    ctx: &Context,
    level: Level,
    clock: Clock,
    by_type: bool,
) -> Result<DataFrame> {
    Ucdp::from_context(ctx)?.survival_curve(level, clock, by_type)
}

/// How conflict episodes ended (terminated dyad episodes only), most common
/// first: `outcome` (Kreutz's coding; `not_coded` for an episode UCDP ended
/// without an outcome), `episodes`, `share` of the terminated episodes, and
/// their lengths in years: `min_years`, `q1_years`, `median_years`,
/// `q3_years`, `max_years` (quartiles linear between order statistics, R's
/// type 7).
///
/// ```
/// use negotiations::base_rates::endings;
/// use negotiations::context::Context;
///
/// let e = endings(&Context::embedded()?)?;
/// let n: i64 = e.column("episodes")?.i64()?.iter().flatten().sum();
/// assert_eq!(n, 916); // terminated episodes
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn endings(ctx: &Context) -> Result<DataFrame> {
    Ucdp::from_context(ctx)?.endings()
}

/// [`Ucdp::survival_pct`] from a context: the figures of the durability
/// rule in the shape `scripts/check-base-rates.py --compare` reads.
///
/// ```
/// use negotiations::base_rates::{survival_pct, HORIZONS};
/// use negotiations::context::Context;
/// use negotiations::survival::{Clock, Level};
///
/// let j = survival_pct(&Context::embedded()?, Level::Conflict, Clock::Signing, &HORIZONS)?;
/// assert_eq!(format!("{:.2}", j["survival_pct"]["all"]["10"].as_f64().unwrap()), "26.35");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn survival_pct(ctx: &Context, level: Level, clock: Clock, at_years: &[f64]) -> Result<Value> {
    Ucdp::from_context(ctx)?.survival_pct(level, clock, at_years)
}

/// The time an article agreement's spell counts, in days: a failure at
/// the middle of the interval its dates allow, a censored spell at the
/// shortest (it held at least that long).
pub(super) fn spell_days(s: &ArticleSpell) -> f64 {
    s.survival_days()
}

/// Each article agreement placed on the base-rate curve: its age at
/// `as_of` (or when it ended), the share of UCDP agreements that lasted
/// that long, and the base-rate chance of lasting one more year.
///
/// | column | meaning |
/// |---|---|
/// | `outcome_id`, `name`, `approach`, `side` | the article agreement |
/// | `status` | its `held` coding (`held`, `fragile`, `suspended`, `superseded`, `unraveled`) |
/// | `signed`, `until` | its date, and the end of its spell (the end date, or `as_of`) |
/// | `failed` | whether the spell ended in failure (suspended, unraveled) |
/// | `age_years` | the spell in years (days / 365.2425; a failure at the middle of the interval its dates allow, a holding agreement at the least) |
/// | `base_survival` | `S(age)` of the UCDP curve (level and clock as given): the share of agreements that lasted this long |
/// | `next_year` | `S(age + 1) / S(age)`: the base-rate chance of lasting one more year, given it lasted this long; null where the data end before `age + 1` or `S(age) = 0` |
/// | `beyond_data` | the age is past the longest UCDP spell (50 years from signing in 1975), where the curve is only carried flat |
/// | `pa_type_used` | always [`PA_TYPE_USED`]: the curve of all UCDP agreements |
/// | `ucdp_paid` | the UCDP agreement it is linked to `exact`ly, if any (only the Good Friday Agreement, 1063) |
///
/// Article agreements are not UCDP agreements (only the Good Friday
/// Agreement is in the UCDP data) and their ages are in days, not in
/// calendar years after a signing year: the placing is a comparison, not
/// a prediction.
///
/// ```
/// use negotiations::base_rates::article_agreements;
/// use negotiations::context::Context;
/// use negotiations::polars::prelude::*;
/// use negotiations::survival::{Clock, Level};
/// use negotiations::{metrics, Dataset};
///
/// let data = Dataset::embedded()?;
/// let ctx = Context::embedded()?;
/// let a = article_agreements(&data, &ctx, metrics::as_of(&data)?, Level::Conflict, Clock::Signing)?;
/// let gaza = a.lazy().filter(col("outcome_id").eq(lit("gaza_ceasefire"))).collect()?;
/// let s = gaza.column("base_survival")?.f64()?.get(0).unwrap();
/// assert_eq!(s, 1.0); // 56 days: no UCDP agreement fails before its first year
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn article_agreements(
    data: &Dataset,
    ctx: &Context,
    as_of: NaiveDate,
    level: Level,
    clock: Clock,
) -> Result<DataFrame> {
    let u = Ucdp::from_context(ctx)?;
    let d = u.durability(level, clock)?;
    let curve = spell_curve(&d.spells)?;
    let max_time = curve.max_time().unwrap_or(0.0);
    let m = data.model();
    let mut rows = Vec::new();
    for o in m.outcomes.iter().filter(|o| o.kind.is_agreement()) {
        let Some(spell) = o.spell(as_of) else {
            continue;
        };
        let Some(process) = m.processes.get(o.process) else {
            continue;
        };
        let age = spell_days(&spell) / DAYS_PER_YEAR;
        let s = curve.survival_at(age);
        let next = (age + 1.0 <= max_time && s > 0.0).then(|| curve.survival_at(age + 1.0) / s);
        let paid = u
            .links
            .iter()
            .find(|l| {
                l.kind == UcdpKind::Agreement
                    && l.matches == Match::Exact
                    && l.outcome_id.as_deref() == Some(o.id.as_str())
            })
            .map(|l| l.ucdp_id as i64);
        rows.push((o, process, spell, age, s, next, age > max_time, paid));
    }
    let n = rows.len();
    let columns = vec![
        strings("outcome_id", rows.iter().map(|r| r.0.id.as_str())),
        strings("name", rows.iter().map(|r| r.0.name.as_str())),
        enum_series("approach", rows.iter().map(|r| Some(r.1.approach)))?,
        enum_series("side", rows.iter().map(|r| Some(r.1.approach.side())))?,
        enum_series("status", rows.iter().map(|r| Some(r.0.held)))?,
        date_series("signed", rows.iter().map(|r| r.0.date.map(|p| p.first)))?.into(),
        date_series("until", rows.iter().map(|r| Some(r.2.until)))?.into(),
        bools("failed", rows.iter().map(|r| Some(r.2.failed))),
        floats("age_years", rows.iter().map(|r| Some(r.3))),
        floats("base_survival", rows.iter().map(|r| Some(r.4))),
        floats("next_year", rows.iter().map(|r| r.5)),
        bools("beyond_data", rows.iter().map(|r| Some(r.6))),
        strings("pa_type_used", rows.iter().map(|_| PA_TYPE_USED)),
        ints("ucdp_paid", rows.iter().map(|r| r.7)),
    ];
    Ok(DataFrame::new(n, columns)?)
}

/// Durability of the article agreements themselves, as survival rather
/// than a median: for each side (`kissinger`, `trump`, `others`), the
/// Kaplan–Meier estimate over its agreements' spells
/// ([`crate::tables::model::Outcome::spell`]) at 30, 90, 365 and 1,825 days
/// ([`ARTICLE_DAYS`]).
///
/// A suspended or unraveled agreement failed when it ended (at the middle
/// of the interval its dates allow); one that holds, is fragile or was
/// superseded is right-censored at `as_of` or at its replacement (at the
/// shortest span its dates allow: it held at least that long).
///
/// Columns: `side`, `agreements`, `failed`, `censored`, `days`,
/// `survival`, `lower`, `upper` (Greenwood log-log 95 %; null once `S = 0`
/// or for a side without agreements), `at_risk` (spells of at least
/// `days`), `events` (failures up to `days`). With four or so agreements a
/// side, the intervals are wide: read them.
///
/// ```
/// use negotiations::base_rates::article_survival;
/// use negotiations::polars::prelude::*;
/// use negotiations::{metrics, Dataset};
///
/// let data = Dataset::embedded()?;
/// let s = article_survival(&data, metrics::as_of(&data)?)?;
/// assert_eq!(s.height(), 12); // 3 sides × 4 days
/// let trump = s.lazy().filter(col("side").eq(lit("trump")).and(col("days").eq(lit(30.0)))).collect()?;
/// // Thailand–Cambodia, suspended after 15 days: 3 of 4 left at 30 days.
/// assert_eq!(trump.column("survival")?.f64()?.get(0), Some(0.75));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn article_survival(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    let m = data.model();
    let mut side_col = Vec::new();
    let mut n_col = Vec::new();
    let mut failed_col = Vec::new();
    let mut censored_col = Vec::new();
    let mut days_col = Vec::new();
    let mut s_col = Vec::new();
    let mut lower_col = Vec::new();
    let mut upper_col = Vec::new();
    let mut risk_col = Vec::new();
    let mut events_col = Vec::new();
    for side in Side::ALL.iter().copied() {
        let spells: Vec<ArticleSpell> = m
            .outcomes
            .iter()
            .filter(|o| {
                m.processes
                    .get(o.process)
                    .is_some_and(|p| p.approach.side() == side)
            })
            .filter_map(|o| o.spell(as_of))
            .collect();
        let times: Vec<f64> = spells.iter().map(spell_days).collect();
        let events: Vec<bool> = spells.iter().map(|s| s.failed).collect();
        let curve = if spells.is_empty() {
            None
        } else {
            Some(kaplan_meier(&times, &events)?)
        };
        let failed = events.iter().filter(|&&e| e).count() as i64;
        for &t in &ARTICLE_DAYS {
            side_col.push(Some(side));
            n_col.push(Some(spells.len() as i64));
            failed_col.push(Some(failed));
            censored_col.push(Some(spells.len() as i64 - failed));
            days_col.push(Some(t));
            s_col.push(curve.as_ref().map(|c| c.survival_at(t)));
            let ci = curve.as_ref().and_then(|c| c.ci_at(t));
            lower_col.push(ci.map(|c| c.lower));
            upper_col.push(ci.map(|c| c.upper));
            risk_col.push(Some(curve.as_ref().map_or(0, |c| c.at_risk_at(t)) as i64));
            events_col.push(Some(curve.as_ref().map_or(0, |c| c.events_by(t)) as i64));
        }
    }
    let n = side_col.len();
    let columns = vec![
        enum_series("side", side_col)?,
        ints("agreements", n_col),
        ints("failed", failed_col),
        ints("censored", censored_col),
        floats("days", days_col),
        floats("survival", s_col),
        floats("lower", lower_col),
        floats("upper", upper_col),
        ints("at_risk", risk_col),
        ints("events", events_col),
    ];
    Ok(DataFrame::new(n, columns)?)
}

/// The article agreements whose spell is censored, with the days each held
/// at least: those that hold or are fragile (counted to `as_of`) and those
/// superseded (counted to their replacement).
///
/// Columns: `outcome_id`, `name`, `side`, `status`, `signed`, `until`,
/// `days_at_least` (the shortest span the dates allow).
///
/// ```
/// use negotiations::base_rates::held_at_least;
/// use negotiations::polars::prelude::*;
/// use negotiations::{metrics, Dataset};
///
/// let data = Dataset::embedded()?;
/// let h = held_at_least(&data, metrics::as_of(&data)?)?;
/// let gfa = h.lazy().filter(col("outcome_id").eq(lit("good_friday_agreement"))).collect()?;
/// assert_eq!(gfa.column("days_at_least")?.i64()?.get(0), Some(10_100));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn held_at_least(data: &Dataset, as_of: NaiveDate) -> Result<DataFrame> {
    let m = data.model();
    let rows: Vec<_> = m
        .outcomes
        .iter()
        .filter_map(|o| {
            let s = o.spell(as_of)?;
            let p = m.processes.get(o.process)?;
            (!s.failed).then_some((o, p, s))
        })
        .collect();
    let columns = vec![
        strings("outcome_id", rows.iter().map(|r| r.0.id.as_str())),
        strings("name", rows.iter().map(|r| r.0.name.as_str())),
        enum_series("side", rows.iter().map(|r| Some(r.1.approach.side())))?,
        enum_series("status", rows.iter().map(|r| Some(r.0.held)))?,
        date_series("signed", rows.iter().map(|r| r.0.date.map(|p| p.first)))?.into(),
        date_series("until", rows.iter().map(|r| Some(r.2.until)))?.into(),
        ints(
            "days_at_least",
            rows.iter().map(|r| Some(r.2.days.0.max(0))),
        ),
    ];
    Ok(DataFrame::new(rows.len(), columns)?)
}

impl Verdict {
    /// `agree`, `disagree`, `cannot tell`.
    ///
    /// ```
    /// use negotiations::base_rates::Verdict;
    /// assert_eq!(Verdict::CannotTell.as_str(), "cannot tell");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Disagree => "disagree",
            Verdict::CannotTell => "cannot tell",
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

pub(super) fn years_text(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The verdict and its reason for one agreement and one linked conflict or
/// dyad. `after` is every active year after the signing year, up to the
/// last data year.
pub(super) fn judge(
    o: &crate::tables::model::Outcome,
    status: Status,
    link: &Link,
    seen: &Observed,
) -> (Verdict, String) {
    let Observed {
        what,
        signed,
        in_signing_year,
        last_year,
        ..
    } = *seen;
    let signing_note = if in_signing_year {
        format!(
            "; {what} is active in the signing year {signed} too, which is not counted (a year cannot be split around the signing date)"
        )
    } else {
        String::new()
    };
    if signed < UCDP_FIRST_YEAR {
        return (
            Verdict::CannotTell,
            format!("signed in {signed}, before UCDP's coverage starts ({UCDP_FIRST_YEAR})"),
        );
    }
    if signed >= last_year {
        return (
            Verdict::CannotTell,
            format!(
                "signed in {signed}: the UCDP years end in {last_year}, so no later year can be tested{signing_note}"
            ),
        );
    }
    match o.held {
        Held::Held | Held::Fragile | Held::Superseded => {
            judge_holding(o, status, link, seen, &signing_note)
        }
        Held::Suspended | Held::Unraveled => judge_broken(o, seen, &signing_note),
        Held::Unknown | Held::NotApplicable => (Verdict::CannotTell, format!("coded {}", o.held)),
    }
}

/// [`judge`] for an agreement coded as holding (`held`, `fragile`, or
/// `superseded`, before its replacement): any active year after signing
/// disagrees, unless the link is only `related` or the process is
/// ongoing.
fn judge_holding(
    o: &crate::tables::model::Outcome,
    status: Status,
    link: &Link,
    seen: &Observed,
    signing_note: &str,
) -> (Verdict, String) {
    let Observed {
        what,
        signed,
        after,
        last_year,
        ..
    } = *seen;
    let ended_year = o.ended.map(|e| e.first.year());
    // Superseded: only the years before its replacement test it.
    let before_end: Vec<i32> = after
        .iter()
        .copied()
        .filter(|&y| o.held != Held::Superseded || ended_year.is_none_or(|e| y < e))
        .collect();
    if before_end.is_empty() {
        let later = match (after.first(), ended_year) {
            (Some(first), Some(e)) if o.held == Held::Superseded => {
                format!("; active again only from {first}, after it was superseded in {e}")
            }
            _ => String::new(),
        };
        return (
            Verdict::Agree,
            format!(
                "coded {}: {what} has no active year (25+ battle deaths) after {signed}{}{later}{signing_note}",
                o.held,
                match (o.held, ended_year) {
                    (Held::Superseded, Some(e)) => format!(" before its replacement in {e}"),
                    _ => format!(" up to {last_year}"),
                }
            ),
        );
    }
    let years = years_text(&before_end);
    if link.matches == Match::Related {
        return (
            Verdict::CannotTell,
            format!(
                "coded {}, and {what} is active in {years}; but the link is only `related` (not the agreement's own war or parties)",
                o.held
            ),
        );
    }
    if status == Status::Ongoing {
        return (
            Verdict::CannotTell,
            format!(
                "coded {}, and {what} is active in {years}; but the process is ongoing, so the fighting may be what it is still settling",
                o.held
            ),
        );
    }
    (
        Verdict::Disagree,
        format!(
            "coded {} but {what} ({}) is active in {years}, after the signing year {signed}",
            o.held, link.matches
        ),
    )
}

/// [`judge`] for an agreement coded as broken (`suspended`, `unraveled`):
/// it agrees when the conflict or dyad is active again by the year after
/// it ended.
fn judge_broken(
    o: &crate::tables::model::Outcome,
    seen: &Observed,
    signing_note: &str,
) -> (Verdict, String) {
    let Observed {
        what,
        signed,
        after,
        ..
    } = *seen;
    let Some(end) = o.ended.map(|e| e.first.year()) else {
        return (
            Verdict::CannotTell,
            format!("coded {} without an end date", o.held),
        );
    };
    match after.first() {
        None => (
            Verdict::CannotTell,
            format!(
                "coded {} ({end}) but {what} has no active year after {signed}: UCDP sees only years of 25+ battle deaths, so a breach without them does not show{signing_note}",
                o.held
            ),
        ),
        Some(&first) if first <= end + 1 => (
            Verdict::Agree,
            format!(
                "coded {} ({end}); {what} is active in {first}{}{signing_note}",
                o.held,
                if first > end {
                    ", the year after it ended"
                } else {
                    ""
                }
            ),
        ),
        Some(&first) => (
            Verdict::CannotTell,
            format!(
                "coded {} ({end}); {what} is first active after signing in {first}, {} years after it ended: UCDP does not see the breach itself",
                o.held,
                first - end
            ),
        ),
    }
}
