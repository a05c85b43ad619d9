//! Survival analysis for base rates: the Kaplan–Meier estimator, a cluster
//! bootstrap, and the durability rule for UCDP peace agreements.
//!
//! Everything here is a pure function of plain values: no files, no
//! DataFrames. Invalid input (empty data, lengths that differ, NaN,
//! infinite or negative times, …) gives [`crate::error::Error::Invalid`], never a
//! panic.
//!
//! # Kaplan–Meier
//!
//! [`kaplan_meier`] is the right-censored product-limit estimate
//! (Kaplan & Meier 1958). With `n_j` subjects at risk and `d_j` events at
//! the `j`-th distinct event time `t_j`,
//!
//! ```text
//! S(t) = ∏_{t_j ≤ t} (1 − d_j / n_j)
//! ```
//!
//! Conventions, the usual ones (R's `survival`, Stata's `sts`, SAS `LIFETEST`):
//!
//! - `S(t) = P(T > t)`, a right-continuous step function: it drops *at* an
//!   event time, so `survival_at(t_j)` already includes the events at `t_j`.
//!   Before the first event it is 1.
//! - **Ties**: events at a time come before censorings at the same time, so
//!   a subject censored at `t_j` is still at risk at `t_j`.
//! - "At risk at `t`" is the number of subjects whose observed time is
//!   `≥ t` (at risk just before `t`).
//! - Beyond the largest observed time the curve stays at its last value (as
//!   R prints it); [`Curve::max_time`] says where the data end.
//! - **Variance**: Greenwood's formula. The sum
//!   `G(t) = Σ_{t_j ≤ t} d_j / (n_j (n_j − d_j))` is the variance of
//!   `log S(t)`; the standard error of `S(t)` is `S(t) √G(t)`. When every
//!   subject still at risk fails (`d_j = n_j`), `S` drops to 0, `G` is
//!   infinite and the standard error and interval are undefined (`None`
//!   here; R and Stata leave them missing too).
//! - **Confidence interval**: 95 % pointwise, by default on the log-log
//!   (complementary log-log) scale, as Kalbfleisch & Prentice (1980) propose
//!   and Stata's `sts list` and SAS's `LIFETEST` report:
//!   `S^exp(±z σ)` with `σ = √G / |log S|` and `z = Φ⁻¹(0.975)`. It always
//!   lies in [0, 1]. [`ConfType::Plain`] gives the untransformed Greenwood
//!   interval `S ± z S √G` (cut to [0, 1]), [`ConfType::Log`] R's default,
//!   `S exp(±z √G)` (cut at 1); [`kaplan_meier_with`] chooses, and
//!   [`Step::interval`] computes any of them for a step.
//! - **Median**: the smallest time with `S(t) ≤ 0.5` (Klein & Moeschberger
//!   §4.5); `None` when the curve never gets there. (R's `survfit` takes the
//!   midpoint of a flat stretch at exactly 0.5 instead.)
//!
//! Checked in the tests against published values: the 6-MP group of
//! Freireich et al. (1963) (Klein & Moeschberger, *Survival Analysis*,
//! Table 4.1A: `S` and Greenwood standard errors) and R's `survival::aml`
//! data (`survfit`'s estimates, log and log-log intervals).
//!
//! ```
//! use negotiations::survival::kaplan_meier;
//!
//! // 6-MP group of Freireich et al. (1963); `false` = censored.
//! let times = [6., 6., 6., 6., 7., 9., 10., 10., 11., 13., 16., 17., 19., 20., 22., 23., 25., 32., 32., 34., 35.];
//! let events = [true, true, true, false, true, false, true, false, false, true, true, false,
//!               false, false, true, true, false, false, false, false, false];
//! let km = kaplan_meier(&times, &events)?;
//! assert_eq!(format!("{:.3}", km.survival_at(6.0)), "0.857");
//! assert_eq!(km.median(), Some(23.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Cluster bootstrap
//!
//! Greenwood's formula assumes independent subjects. Peace agreements are
//! not: 34 of the 374 UCDP agreements belong to Sudan (conflict 309), 22 to
//! Colombia (289). [`cluster_bootstrap`] resamples *clusters* (conflicts)
//! with replacement, recomputes the Kaplan–Meier estimate on the pooled
//! agreements of the drawn clusters, and reports the percentile 95 %
//! interval (2.5 % and 97.5 % quantiles, linear interpolation between order
//! statistics, R's type 7). A resample is a multiset of clusters, so the
//! data are sorted once and each resample only reweights the counts: no
//! re-sorting, `O(n)` per resample. The random numbers come from PCG-64
//! (`rand_pcg::Pcg64`, seeded with `seed_from_u64`) and a fixed
//! bounded-integer method (Lemire's), so a seed gives the same intervals
//! whatever the version of `rand`.
//!
//! # The durability of peace agreements
//!
//! The rule of the UCDP context data (`data/context/README.md`,
//! "Durability rule"): an agreement signed in year `y` **fails** at the
//! first year `f > y` in which any of its conflicts is active (≥ 25
//! battle-related deaths, `ucdp_conflict_years.csv`); its time is `f − y`
//! years. With no active year after `y` up to the last data year (2025,
//! [`UCDP_LAST_YEAR`]) it is **right-censored** at `last_year − y`.
//! [`durability`] implements it and two variants:
//!
//! - [`Level::Dyad`]: only the agreement's signatory dyads count
//!   (`ucdp_dyad_years.csv`); the conflict may go on through other dyads.
//! - [`Clock::FirstQuietYear`]: the clock starts at the first year `q > y`
//!   in which none of the agreement's conflicts (dyads) is active; time is
//!   `f − q` for the first active year `f > q`, else censored at
//!   `last_year − q`.
//!
//! Edge cases, as decided here:
//!
//! - **The signing year never counts.** Activity is yearly; fighting in `y`
//!   cannot be placed before or after the signing date (71.1 % of the
//!   agreements were signed in an active year, usually the fighting that led
//!   to them). So no agreement fails at time 0: a failure has `t ≥ 1`, and an
//!   agreement whose conflict is active again the next year fails at `t = 1`.
//!   Consequently `S(t)` is the share whose conflict stayed below the
//!   threshold in each of the `t` years after the clock started.
//! - **The quiet year is strictly after signing** (`q > y`, "the first
//!   inactive year after signing"), for the same reason: an inactive signing
//!   year says nothing about the time after the signature. The quiet year
//!   itself is quiet by definition, so again failures have `t ≥ 1`; with
//!   `q = y + 1` the quiet-clock time is the signing-clock time minus one.
//! - **Never quiet** by `last_year`: the agreement has no start under the
//!   quiet clock; it is left out and listed in [`Durability::excluded`]
//!   (ACD 26.1 codes Colombia, conflict 289, active every year from 1964
//!   to 2025, so all 22 Colombian agreements are excluded at conflict level).
//! - **Time 0** occurs only for a censored spell whose clock starts in
//!   `last_year` (signed, or first quiet, in 2025). It is kept: it counts as
//!   censored at 0 and does not change any estimate.
//! - **Several conflicts or dyads**: the agreement fails when *any* of them is
//!   active (the README's rule).
//! - **Cluster** for the bootstrap: the agreement's **smallest conflict id**,
//!   at both levels (dyads of one conflict are no more independent than its
//!   agreements). Only 6 of the 374 agreements span two or three conflicts.
//! - An id with no active year in [`Activity`] is simply never active; the
//!   existence of ids in the UCDP tables is the loader's business.
//! - The agreement's year must not be after `last_year` (an error otherwise).
//!
//! [`base_rates`] then gives, for all agreements or one `pa_type`, the
//! Kaplan–Meier survival at chosen horizons (1, 2, 5, 10 years) with
//! Greenwood log-log intervals, the number at risk, the events so far and
//! the cluster-bootstrap interval.
//!
//! ```
//! use negotiations::survival::{base_rates, durability, Activity, Agreement, Clock, Level, PaType};
//!
//! let agreements = vec![
//!     Agreement { paid: 1, year: 2000, pa_type: PaType::Full, conflict_ids: vec![10], dyad_ids: vec![100] },
//!     Agreement { paid: 2, year: 2000, pa_type: PaType::Partial, conflict_ids: vec![20], dyad_ids: vec![200] },
//! ];
//! // Conflict 10 is active again in 2003; conflict 20 never after 2000.
//! let activity = Activity::new([(10, 2000), (10, 2003), (20, 2000)], [(100, 2000), (200, 2000)]);
//! let d = durability(&agreements, &activity, Level::Conflict, Clock::Signing, 2025)?;
//! assert_eq!((d.spells[0].time, d.spells[0].event), (3.0, true));
//! assert_eq!((d.spells[1].time, d.spells[1].event), (25.0, false));
//!
//! let rows = base_rates(&d.spells, &[1.0, 5.0], None, 200, 7)?;
//! assert_eq!(rows[1].survival, 0.5); // one of two failed by year 5
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! References: Kaplan, E. L. & Meier, P. (1958) *JASA* 53: 457–481;
//! Greenwood, M. (1926) *The Natural Duration of Cancer*; Kalbfleisch, J. D.
//! & Prentice, R. L. (1980) *The Statistical Analysis of Failure Time
//! Data*; Klein, J. P. & Moeschberger, M. L. (2003) *Survival Analysis*,
//! 2nd ed.; Davison, A. C. & Hinkley, D. V. (1997) *Bootstrap Methods and
//! their Application*, ch. 3 (resampling hierarchical, clustered data).

use std::collections::BTreeSet;
use std::fmt;

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

use crate::error::{Error, Result};

/// `Φ⁻¹(0.975)`: the normal quantile of a two-sided 95 % interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// The last year of the UCDP conflict and dyad years in
/// `data/context` (ACD and Dyadic 26.1).
pub const UCDP_LAST_YEAR: i32 = 2025;

/// Tolerance for "`S(t) ≤ 0.5`" in [`Curve::median`], so a product that
/// should be exactly one half is not missed by rounding.
const MEDIAN_TOLERANCE: f64 = 1e-12;

/// Most values (resamples × time points) one [`cluster_bootstrap`] may hold.
const MAX_BOOTSTRAP_VALUES: usize = 100_000_000;

fn invalid(message: impl Into<String>) -> Error {
    Error::Invalid(message.into())
}

// ---------------------------------------------------------------------------
// Intervals
// ---------------------------------------------------------------------------

/// A closed interval `[lower, upper]` of survival probabilities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
}

impl Interval {
    /// Whether `x` lies in the interval (bounds included), up to a rounding
    /// tolerance of `1e-12`.
    ///
    /// ```
    /// use negotiations::survival::Interval;
    ///
    /// let ci = Interval { lower: 0.62, upper: 0.95 };
    /// assert!(ci.contains(0.857));
    /// assert!(!ci.contains(0.5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, x: f64) -> bool {
        x >= self.lower - 1e-12 && x <= self.upper + 1e-12
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match f.precision() {
            Some(p) => write!(f, "[{:.p$}, {:.p$}]", self.lower, self.upper),
            None => write!(f, "[{}, {}]", self.lower, self.upper),
        }
    }
}

/// How the pointwise confidence interval of `S(t)` is built from
/// Greenwood's variance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ConfType {
    /// On the log-log scale, `S^exp(±z √G / |log S|)` (Kalbfleisch &
    /// Prentice; Stata's and SAS's default). Stays within [0, 1].
    #[default]
    LogLog,
    /// Untransformed, `S ± z S √G`, cut to [0, 1] (R's `"plain"`).
    Plain,
    /// On the log scale, `S exp(±z √G)`, cut at 1 (R's default `"log"`).
    Log,
}

impl ConfType {
    /// The 95 % interval for a survival estimate `survival` whose Greenwood
    /// sum (variance of `log S`) is `greenwood`.
    ///
    /// `S = 1` with `G = 0` (before any event) gives `[1, 1]`. `None` when
    /// the interval is undefined: `S = 0` or an infinite `G` (everyone at
    /// risk failed), or input outside `S ∈ [0, 1]`, `G ≥ 0`.
    ///
    /// ```
    /// use negotiations::survival::ConfType;
    ///
    /// // 6-MP at t = 6: S = 18/21, G = 3 / (21 × 18).
    /// let ci = ConfType::LogLog.interval(18.0 / 21.0, 3.0 / (21.0 * 18.0)).unwrap();
    /// assert_eq!(format!("{ci:.4}"), "[0.6197, 0.9516]");
    /// let plain = ConfType::Plain.interval(18.0 / 21.0, 3.0 / (21.0 * 18.0)).unwrap();
    /// assert_eq!(format!("{plain:.4}"), "[0.7075, 1.0000]");
    /// assert_eq!(ConfType::LogLog.interval(0.0, f64::INFINITY), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interval(self, survival: f64, greenwood: f64) -> Option<Interval> {
        let s = survival;
        let g = greenwood;
        let valid = s > 0.0 && s <= 1.0 && g >= 0.0 && g.is_finite();
        if !valid {
            return None;
        }
        if g == 0.0 {
            return Some(Interval { lower: s, upper: s });
        }
        let se_log = g.sqrt();
        let (lower, upper) = match self {
            ConfType::Plain => {
                let half = Z_95 * s * se_log;
                (s - half, s + half)
            }
            ConfType::Log => (s * (-Z_95 * se_log).exp(), s * (Z_95 * se_log).exp()),
            ConfType::LogLog => {
                if s >= 1.0 {
                    // log S = 0 with G > 0: cannot happen for a KM curve
                    // (G grows only at events, which make S < 1).
                    return Some(Interval {
                        lower: 1.0,
                        upper: 1.0,
                    });
                }
                let sigma = se_log / s.ln().abs();
                let a = s.powf((Z_95 * sigma).exp());
                let b = s.powf((-Z_95 * sigma).exp());
                (a.min(b), a.max(b))
            }
        };
        Some(Interval {
            lower: lower.clamp(0.0, 1.0),
            upper: upper.clamp(0.0, 1.0),
        })
    }
}

// ---------------------------------------------------------------------------
// Kaplan–Meier
// ---------------------------------------------------------------------------

/// One step of a Kaplan–Meier curve, at a distinct event time.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The event time `t_j`.
    pub time: f64,
    /// Subjects at risk at `t_j` (observed time `≥ t_j`, censored ones at
    /// `t_j` included).
    pub at_risk: usize,
    /// Events at `t_j`.
    pub events: usize,
    /// Subjects censored in `(previous event time, t_j]` (those censored at
    /// `t_j` itself included); censorings after the last event time are in
    /// [`Curve::censored_after_last`].
    pub censored: usize,
    /// `S(t_j)`, the estimate just after the events at `t_j`.
    pub survival: f64,
    /// Greenwood's sum up to `t_j`, `Σ d / (n (n − d))`: the variance of
    /// `log S(t_j)` (R's `std.err` is its square root). Infinite once every
    /// subject at risk has failed.
    pub greenwood: f64,
    /// Greenwood standard error of `S(t_j)`, `S √G`; `None` when `S = 0`.
    pub std_err: Option<f64>,
    /// The 95 % pointwise interval of the curve's [`ConfType`]; `None` when
    /// undefined (`S = 0`).
    pub ci: Option<Interval>,
}

impl Step {
    /// The 95 % interval of this step on any scale.
    ///
    /// ```
    /// use negotiations::survival::{kaplan_meier, ConfType};
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0], &[true, true, false, true])?;
    /// let first = &km.steps()[0];
    /// assert_eq!(first.interval(ConfType::LogLog), first.ci);
    /// assert!(first.interval(ConfType::Plain).unwrap().contains(0.75));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interval(&self, conf_type: ConfType) -> Option<Interval> {
        conf_type.interval(self.survival, self.greenwood)
    }
}

/// A Kaplan–Meier curve: one [`Step`] per distinct event time.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    steps: Vec<Step>,
    /// Every observed time, ascending (for the number at risk at any `t`).
    sorted_times: Vec<f64>,
    censored_after_last: usize,
    conf_type: ConfType,
}

/// Checks times and event flags: same length, not empty, finite, `≥ 0`.
fn check_times(times: &[f64], events: &[bool]) -> Result<()> {
    if times.len() != events.len() {
        return Err(invalid(format!(
            "survival: {} times but {} event flags",
            times.len(),
            events.len()
        )));
    }
    if times.is_empty() {
        return Err(invalid("survival: no observations"));
    }
    if let Some((i, t)) = times
        .iter()
        .enumerate()
        .find(|(_, t)| !t.is_finite() || **t < 0.0)
    {
        return Err(invalid(format!(
            "survival: time {i} is {t}; times must be finite and not negative"
        )));
    }
    Ok(())
}

/// Observations sorted by time, events before censorings at equal times.
fn sorted_observations(times: &[f64], events: &[bool]) -> Vec<(f64, bool)> {
    let mut obs: Vec<(f64, bool)> = times.iter().copied().zip(events.iter().copied()).collect();
    obs.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    obs
}

/// The Kaplan–Meier estimate of right-censored data, with log-log 95 %
/// intervals.
///
/// `times[i]` is the observed time of subject `i`; `events[i]` is `true`
/// for an event (failure), `false` for a censored time. Errors when the
/// slices differ in length, are empty, or a time is NaN, infinite or
/// negative. See the [module docs](self) for the conventions.
///
/// ```
/// use negotiations::survival::kaplan_meier;
///
/// // R's survival::aml, "Maintained" group.
/// let times = [9., 13., 13., 18., 23., 28., 31., 34., 45., 48., 161.];
/// let events = [true, true, false, true, true, false, true, true, false, true, false];
/// let km = kaplan_meier(&times, &events)?;
/// assert_eq!(km.steps().len(), 7);
/// assert_eq!(format!("{:.3}", km.survival_at(23.0)), "0.614");
/// assert_eq!(km.median(), Some(31.0));
/// assert!(km.ci_at(23.0).unwrap().contains(0.614));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn kaplan_meier(times: &[f64], events: &[bool]) -> Result<Curve> {
    kaplan_meier_with(times, events, ConfType::LogLog)
}

/// [`kaplan_meier`] with a chosen interval scale for [`Step::ci`] and
/// [`Curve::ci_at`].
///
/// ```
/// use negotiations::survival::{kaplan_meier_with, ConfType};
///
/// let km = kaplan_meier_with(&[1.0, 2.0, 2.0, 5.0], &[true, false, true, false], ConfType::Plain)?;
/// assert_eq!(km.conf_type(), ConfType::Plain);
/// let ci = km.ci_at(1.0).unwrap();
/// assert!(ci.lower < 0.75 && ci.upper == 1.0); // S ± 1.96 SE, cut at 1
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn kaplan_meier_with(times: &[f64], events: &[bool], conf_type: ConfType) -> Result<Curve> {
    check_times(times, events)?;
    let obs = sorted_observations(times, events);
    let sorted_times: Vec<f64> = obs.iter().map(|o| o.0).collect();

    let mut steps = Vec::new();
    let mut at_risk = obs.len();
    let mut survival = 1.0_f64;
    let mut greenwood = 0.0_f64;
    let mut censored_pending = 0usize;
    let mut rest = obs.as_slice();
    while let Some(&(t, _)) = rest.first() {
        let tied = rest.iter().take_while(|o| o.0 == t).count();
        let (group, tail) = rest.split_at(tied);
        rest = tail;
        let d = group.iter().filter(|o| o.1).count();
        let c = tied - d;
        censored_pending += c;
        if d > 0 {
            let n = at_risk as f64;
            let df = d as f64;
            survival *= (n - df) / n;
            greenwood += if d < at_risk {
                df / (n * (n - df))
            } else {
                f64::INFINITY
            };
            let defined = survival > 0.0 && greenwood.is_finite();
            steps.push(Step {
                time: t,
                at_risk,
                events: d,
                censored: censored_pending,
                survival,
                greenwood,
                std_err: defined.then(|| survival * greenwood.sqrt()),
                ci: conf_type.interval(survival, greenwood),
            });
            censored_pending = 0;
        }
        at_risk = at_risk.saturating_sub(tied);
    }
    Ok(Curve {
        steps,
        sorted_times,
        censored_after_last: censored_pending,
        conf_type,
    })
}

impl Curve {
    /// The steps, one per distinct event time, in time order (empty when
    /// there is no event).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[2.0, 2.0, 3.0, 4.0], &[true, false, true, true])?;
    /// let s: Vec<(f64, usize, usize)> = km.steps().iter().map(|s| (s.time, s.at_risk, s.events)).collect();
    /// assert_eq!(s, [(2.0, 4, 1), (3.0, 2, 1), (4.0, 1, 1)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The step in force at `t`: the last one with `time ≤ t`.
    fn step_at(&self, t: f64) -> Option<&Step> {
        let i = self.steps.partition_point(|s| s.time <= t);
        i.checked_sub(1).and_then(|i| self.steps.get(i))
    }

    /// `S(t) = P(T > t)`: 1 before the first event, the last value beyond
    /// the last step; NaN for a NaN `t`.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0], &[true, true, true, true])?;
    /// assert_eq!(km.survival_at(0.5), 1.0);
    /// assert_eq!(km.survival_at(1.0), 0.75); // right-continuous: the drop is at t = 1
    /// assert_eq!(km.survival_at(1.9), 0.75);
    /// assert_eq!(km.survival_at(10.0), 0.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn survival_at(&self, t: f64) -> f64 {
        if t.is_nan() {
            return f64::NAN;
        }
        self.step_at(t).map_or(1.0, |s| s.survival)
    }

    /// The Greenwood standard error of `S(t)`: `Some(0.0)` before the first
    /// event, `None` once `S = 0` or for a NaN `t`.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0], &[true, false, true, false])?;
    /// assert_eq!(km.std_err_at(0.0), Some(0.0));
    /// let se = km.std_err_at(1.0).unwrap(); // S √(1 / (4 · 3))
    /// assert!((se - 0.75 * (1.0_f64 / 12.0).sqrt()).abs() < 1e-15);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn std_err_at(&self, t: f64) -> Option<f64> {
        if t.is_nan() {
            return None;
        }
        match self.step_at(t) {
            None => Some(0.0),
            Some(s) => s.std_err,
        }
    }

    /// The 95 % pointwise interval of `S(t)` on the curve's scale:
    /// `[1, 1]` before the first event, `None` once `S = 0` or for a NaN
    /// `t`.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0, 5.0], &[true, false, true, false, false])?;
    /// let ci = km.ci_at(3.5).unwrap();
    /// assert!(ci.lower < km.survival_at(3.5) && km.survival_at(3.5) < ci.upper);
    /// assert_eq!(km.ci_at(0.0).map(|c| (c.lower, c.upper)), Some((1.0, 1.0)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ci_at(&self, t: f64) -> Option<Interval> {
        if t.is_nan() {
            return None;
        }
        match self.step_at(t) {
            None => Some(Interval {
                lower: 1.0,
                upper: 1.0,
            }),
            Some(s) => s.ci,
        }
    }

    /// The number at risk at `t`: subjects whose observed time is `≥ t`
    /// (0 for a NaN `t`).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 2.0, 5.0], &[true, false, true, false])?;
    /// assert_eq!(km.at_risk_at(0.0), 4);
    /// assert_eq!(km.at_risk_at(2.0), 3);
    /// assert_eq!(km.at_risk_at(2.5), 1);
    /// assert_eq!(km.at_risk_at(6.0), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn at_risk_at(&self, t: f64) -> usize {
        if t.is_nan() {
            return 0;
        }
        let before = self.sorted_times.partition_point(|&x| x < t);
        self.sorted_times.len() - before
    }

    /// Events at times `≤ t` (0 for a NaN `t`).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 2.0, 5.0], &[true, false, true, true])?;
    /// assert_eq!((km.events_by(0.0), km.events_by(2.0), km.events_by(9.0)), (0, 2, 3));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn events_by(&self, t: f64) -> usize {
        if t.is_nan() {
            return 0;
        }
        self.steps
            .iter()
            .take_while(|s| s.time <= t)
            .map(|s| s.events)
            .sum()
    }

    /// The median survival time: the smallest event time with
    /// `S(t) ≤ 0.5`, `None` if the curve stays above one half.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0, 4.0], &[true, true, true, true])?;
    /// assert_eq!(km.median(), Some(2.0)); // S(2) = 0.5
    /// let km = kaplan_meier(&[1.0, 2.0, 3.0], &[true, false, false])?;
    /// assert_eq!(km.median(), None); // S never below 2/3
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn median(&self) -> Option<f64> {
        self.steps
            .iter()
            .find(|s| s.survival <= 0.5 + MEDIAN_TOLERANCE)
            .map(|s| s.time)
    }

    /// The number of observations.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 2.0], &[true, false, true])?;
    /// assert_eq!((km.len(), km.is_empty()), (3, false));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.sorted_times.len()
    }

    /// Whether there are no observations (never, for a curve that
    /// [`kaplan_meier`] built).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// assert!(!kaplan_meier(&[1.0], &[false])?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.sorted_times.is_empty()
    }

    /// The largest observed time (event or censored): the curve says
    /// nothing beyond it.
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 7.0, 3.0], &[true, false, true])?;
    /// assert_eq!(km.max_time(), Some(7.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn max_time(&self) -> Option<f64> {
        self.sorted_times.last().copied()
    }

    /// Subjects censored after the last event time (the tail that no step
    /// counts).
    ///
    /// ```
    /// use negotiations::survival::kaplan_meier;
    ///
    /// let km = kaplan_meier(&[1.0, 2.0, 5.0, 6.0], &[false, true, false, false])?;
    /// assert_eq!(km.steps()[0].censored, 1); // censored at 1, before the event at 2
    /// assert_eq!(km.censored_after_last(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn censored_after_last(&self) -> usize {
        self.censored_after_last
    }

    /// The scale of [`Step::ci`] and [`Curve::ci_at`].
    ///
    /// ```
    /// use negotiations::survival::{kaplan_meier, ConfType};
    ///
    /// assert_eq!(kaplan_meier(&[1.0], &[true])?.conf_type(), ConfType::LogLog);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn conf_type(&self) -> ConfType {
        self.conf_type
    }
}

// ---------------------------------------------------------------------------
// Cluster bootstrap
// ---------------------------------------------------------------------------

/// A uniform integer in `0..n` (`n ≥ 1`) by Lemire's multiply-shift method
/// with rejection: unbiased, and fixed by this code rather than by `rand`.
fn uniform_below(rng: &mut Pcg64, n: u64) -> u64 {
    let n = n.max(1);
    let mut m = u128::from(rng.next_u64()) * u128::from(n);
    let mut low = m as u64;
    if low < n {
        let threshold = n.wrapping_neg() % n;
        while low < threshold {
            m = u128::from(rng.next_u64()) * u128::from(n);
            low = m as u64;
        }
    }
    (m >> 64) as u64
}

/// The `p`-quantile of sorted values, R's type 7 (linear interpolation
/// between order statistics). `sorted` must not be empty.
fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let Some(&first) = sorted.first() else {
        return f64::NAN;
    };
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let x_lo = sorted.get(lo).copied().unwrap_or(first);
    let x_hi = sorted.get(lo + 1).copied().unwrap_or(x_lo);
    x_lo + (h - lo as f64) * (x_hi - x_lo)
}

/// Percentile 95 % intervals of `S(t)` at each time of `at`, from a
/// bootstrap that resamples **clusters** with replacement.
///
/// Each resample draws as many clusters as there are distinct ids in
/// `clusters`, with replacement, and recomputes the Kaplan–Meier estimate on
/// all observations of the drawn clusters (a cluster drawn twice counts
/// twice). The interval at `at[k]` is the 2.5 % and 97.5 % quantiles of the
/// `resamples` estimates (type 7). The same `seed` gives the same intervals.
/// Times in `at` may be in any order; they must be finite.
///
/// Errors on the inputs [`kaplan_meier`] rejects, on a `clusters` slice of
/// another length, on `resamples == 0`, on a NaN or infinite time in `at`,
/// and when `resamples × at.len()` exceeds 10⁸.
///
/// ```
/// use negotiations::survival::{cluster_bootstrap, kaplan_meier};
///
/// // Three conflicts; conflict 7's agreements fail together.
/// let times = [1.0, 1.0, 1.0, 4.0, 6.0, 6.0, 2.0, 9.0];
/// let events = [true, true, true, true, false, false, true, false];
/// let clusters = [7, 7, 7, 8, 8, 8, 9, 9];
/// let ci = cluster_bootstrap(&times, &events, &clusters, &[1.0, 5.0], 1_000, 42)?;
/// let km = kaplan_meier(&times, &events)?;
/// assert!(ci[0].lower <= km.survival_at(1.0) && km.survival_at(1.0) <= ci[0].upper);
/// // Deterministic for a seed:
/// assert_eq!(ci, cluster_bootstrap(&times, &events, &clusters, &[1.0, 5.0], 1_000, 42)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn cluster_bootstrap(
    times: &[f64],
    events: &[bool],
    clusters: &[u64],
    at: &[f64],
    resamples: usize,
    seed: u64,
) -> Result<Vec<Interval>> {
    check_times(times, events)?;
    if clusters.len() != times.len() {
        return Err(invalid(format!(
            "survival: {} times but {} cluster ids",
            times.len(),
            clusters.len()
        )));
    }
    if resamples == 0 {
        return Err(invalid(
            "survival: the bootstrap needs at least one resample",
        ));
    }
    if let Some(t) = at.iter().find(|t| !t.is_finite()) {
        return Err(invalid(format!(
            "survival: bootstrap time {t} is not a finite number"
        )));
    }
    if resamples.saturating_mul(at.len()) > MAX_BOOTSTRAP_VALUES {
        return Err(invalid(format!(
            "survival: {resamples} resamples × {} times is more than {MAX_BOOTSTRAP_VALUES} values",
            at.len()
        )));
    }
    if at.is_empty() {
        return Ok(Vec::new());
    }

    // Clusters as dense indices 0..k.
    let mut ids: Vec<u64> = clusters.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let k = ids.len();

    // Sort once: observations by time (events first), as distinct time slots.
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| {
        let (ta, tb) = (times.get(a).copied(), times.get(b).copied());
        let (ea, eb) = (events.get(a).copied(), events.get(b).copied());
        ta.unwrap_or(0.0)
            .total_cmp(&tb.unwrap_or(0.0))
            .then(eb.cmp(&ea))
    });
    let mut slot_times: Vec<f64> = Vec::new();
    // Per observation: (slot, cluster index, event).
    let mut obs: Vec<(usize, usize, bool)> = Vec::with_capacity(order.len());
    for &i in &order {
        let (Some(&t), Some(&e), Some(c)) = (times.get(i), events.get(i), clusters.get(i)) else {
            continue;
        };
        if slot_times.last() != Some(&t) {
            slot_times.push(t);
        }
        let cluster = ids.binary_search(c).unwrap_or(0);
        obs.push((slot_times.len() - 1, cluster, e));
    }

    // Requested times in ascending order, remembering where each goes.
    let mut at_order: Vec<usize> = (0..at.len()).collect();
    at_order.sort_by(|&a, &b| {
        at.get(a)
            .copied()
            .unwrap_or(0.0)
            .total_cmp(&at.get(b).copied().unwrap_or(0.0))
    });
    let max_at = at.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // Only slots up to the largest requested time change S there.
    let used_slots = slot_times.partition_point(|&t| t <= max_at);

    let mut rng = Pcg64::seed_from_u64(seed);
    let mut weight = vec![0u64; k];
    let mut deaths = vec![0u64; used_slots];
    let mut leaving = vec![0u64; used_slots];
    // values[a * resamples + r]: S(at[a]) in resample r.
    let mut values = vec![0.0_f64; at.len() * resamples];

    for r in 0..resamples {
        weight.iter_mut().for_each(|w| *w = 0);
        for _ in 0..k {
            let drawn = uniform_below(&mut rng, k as u64) as usize;
            if let Some(w) = weight.get_mut(drawn) {
                *w += 1;
            }
        }
        deaths.iter_mut().for_each(|d| *d = 0);
        leaving.iter_mut().for_each(|d| *d = 0);
        let mut total = 0u64;
        for &(slot, cluster, event) in &obs {
            let w = weight.get(cluster).copied().unwrap_or(0);
            total += w;
            if let Some(l) = leaving.get_mut(slot) {
                *l += w;
                if event && let Some(d) = deaths.get_mut(slot) {
                    *d += w;
                }
            }
        }
        // Walk the slots and the requested times together.
        let mut at_risk = total;
        let mut survival = 1.0_f64;
        let mut slot = 0usize;
        for &a in &at_order {
            let t = at.get(a).copied().unwrap_or(0.0);
            while slot < used_slots && slot_times.get(slot).is_some_and(|&st| st <= t) {
                let d = deaths.get(slot).copied().unwrap_or(0);
                if d > 0 && at_risk > 0 {
                    survival *= (at_risk - d.min(at_risk)) as f64 / at_risk as f64;
                }
                at_risk = at_risk.saturating_sub(leaving.get(slot).copied().unwrap_or(0));
                slot += 1;
            }
            if let Some(v) = values.get_mut(a * resamples + r) {
                *v = survival;
            }
        }
    }

    Ok(values
        .chunks_mut(resamples)
        .map(|column| {
            column.sort_unstable_by(f64::total_cmp);
            Interval {
                lower: quantile_sorted(column, 0.025),
                upper: quantile_sorted(column, 0.975),
            }
        })
        .collect())
}

// ---------------------------------------------------------------------------
// Durability of peace agreements
// ---------------------------------------------------------------------------

/// UCDP `pa_type`: how much of the incompatibility an agreement settles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaType {
    /// 1, settles the whole incompatibility.
    Full,
    /// 2, settles part of it.
    Partial,
    /// 3, sets out a process to settle it.
    Process,
}

impl PaType {
    /// All three, in code order.
    pub const ALL: [PaType; 3] = [PaType::Full, PaType::Partial, PaType::Process];

    /// The label used in `ucdp_peace_agreements.csv` (`pa_type_label`).
    ///
    /// ```
    /// use negotiations::survival::PaType;
    ///
    /// assert_eq!(PaType::Process.label(), "process");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn label(self) -> &'static str {
        match self {
            PaType::Full => "full",
            PaType::Partial => "partial",
            PaType::Process => "process",
        }
    }

    /// Reads a label (`full`, `partial`, `process`; surrounding spaces and
    /// case ignored).
    ///
    /// ```
    /// use negotiations::survival::PaType;
    ///
    /// assert_eq!(PaType::from_label("Partial")?, PaType::Partial);
    /// assert!(PaType::from_label("armistice").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_label(label: &str) -> Result<PaType> {
        let l = label.trim();
        PaType::ALL
            .into_iter()
            .find(|p| p.label().eq_ignore_ascii_case(l))
            .ok_or_else(|| {
                invalid(format!(
                    "survival: unknown pa_type label {label:?} (expected full, partial or process)"
                ))
            })
    }

    /// Reads the UCDP code (1 full, 2 partial, 3 process).
    ///
    /// ```
    /// use negotiations::survival::PaType;
    ///
    /// assert_eq!(PaType::from_code(1)?, PaType::Full);
    /// assert!(PaType::from_code(4).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_code(code: i64) -> Result<PaType> {
        match code {
            1 => Ok(PaType::Full),
            2 => Ok(PaType::Partial),
            3 => Ok(PaType::Process),
            _ => Err(invalid(format!(
                "survival: unknown pa_type code {code} (expected 1, 2 or 3)"
            ))),
        }
    }
}

impl fmt::Display for PaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One peace agreement, as the durability rule needs it (a row of
/// `ucdp_peace_agreements.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// UCDP peace-agreement id.
    pub paid: u64,
    /// Year of signing.
    pub year: i32,
    /// UCDP `pa_type`.
    pub pa_type: PaType,
    /// The agreement's conflict id(s); at least one.
    pub conflict_ids: Vec<u64>,
    /// The signatory dyads; at least one for [`Level::Dyad`].
    pub dyad_ids: Vec<u64>,
}

/// Which activity makes an agreement fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Any year in which one of its conflicts is active.
    Conflict,
    /// Any year in which one of its signatory dyads is active.
    Dyad,
}

/// When an agreement's clock starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Clock {
    /// In the signing year.
    Signing,
    /// In the first year after signing in which it is not active; agreements
    /// that are never quiet by the last data year are excluded.
    FirstQuietYear,
}

/// Active years: the (conflict id, year) pairs of
/// `ucdp_conflict_years.csv` and the (dyad id, year) pairs of
/// `ucdp_dyad_years.csv`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    conflict_years: BTreeSet<(u64, i32)>,
    dyad_years: BTreeSet<(u64, i32)>,
}

impl Activity {
    /// Collects the active (id, year) pairs (duplicates are harmless).
    ///
    /// ```
    /// use negotiations::survival::{Activity, Level};
    ///
    /// let activity = Activity::new([(289, 2017)], [(11345, 2017)]);
    /// assert!(activity.is_active(Level::Conflict, 289, 2017));
    /// assert!(!activity.is_active(Level::Dyad, 289, 2017));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        conflict_years: impl IntoIterator<Item = (u64, i32)>,
        dyad_years: impl IntoIterator<Item = (u64, i32)>,
    ) -> Activity {
        Activity {
            conflict_years: conflict_years.into_iter().collect(),
            dyad_years: dyad_years.into_iter().collect(),
        }
    }

    /// Whether conflict (or dyad) `id` is active in `year`.
    ///
    /// ```
    /// use negotiations::survival::{Activity, Level};
    ///
    /// let activity = Activity::new([(315, 1998)], []);
    /// assert!(activity.is_active(Level::Conflict, 315, 1998));
    /// assert!(!activity.is_active(Level::Conflict, 315, 1999));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_active(&self, level: Level, id: u64, year: i32) -> bool {
        self.set(level).contains(&(id, year))
    }

    /// The number of active (id, year) pairs at a level.
    ///
    /// ```
    /// use negotiations::survival::{Activity, Level};
    ///
    /// let activity = Activity::new([(1, 2000), (1, 2000), (2, 2001)], []);
    /// assert_eq!((activity.len(Level::Conflict), activity.len(Level::Dyad)), (2, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self, level: Level) -> usize {
        self.set(level).len()
    }

    fn set(&self, level: Level) -> &BTreeSet<(u64, i32)> {
        match level {
            Level::Conflict => &self.conflict_years,
            Level::Dyad => &self.dyad_years,
        }
    }

    /// The first year in `from..=to` in which any of `ids` is active.
    fn first_active(&self, level: Level, ids: &[u64], from: i64, to: i64) -> Option<i64> {
        if from > to {
            return None;
        }
        let (lo, hi) = (clamp_year(from), clamp_year(to));
        let set = self.set(level);
        ids.iter()
            .filter_map(|&id| {
                set.range((id, lo)..=(id, hi))
                    .next()
                    .map(|&(_, y)| i64::from(y))
            })
            .min()
    }

    /// The first year in `from..=to` in which none of `ids` is active.
    fn first_quiet(&self, level: Level, ids: &[u64], from: i64, to: i64) -> Option<i64> {
        let mut year = from;
        // Each pass of the loop steps over an active (id, year) pair, so it
        // ends after at most as many passes as there are pairs.
        while year <= to {
            let y = clamp_year(year);
            if !ids.iter().any(|&id| self.set(level).contains(&(id, y))) {
                return Some(year);
            }
            year += 1;
        }
        None
    }
}

fn clamp_year(y: i64) -> i32 {
    y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// One agreement's time to failure or censoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Spell {
    /// UCDP peace-agreement id.
    pub paid: u64,
    /// UCDP `pa_type`.
    pub pa_type: PaType,
    /// The cluster for the bootstrap: the agreement's smallest conflict id.
    pub cluster: u64,
    /// The year the clock starts: the signing year, or the first quiet year.
    pub origin: i32,
    /// Years from `origin` to failure (`event`) or to censoring.
    pub time: f64,
    /// `true` if the agreement failed, `false` if censored.
    pub event: bool,
}

/// What [`durability`] found: a spell per agreement, and the agreements it
/// had to leave out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Durability {
    /// One spell per agreement kept, in input order.
    pub spells: Vec<Spell>,
    /// `paid`s left out: under [`Clock::FirstQuietYear`], the agreements
    /// with no quiet year after signing up to the last data year. Always
    /// empty under [`Clock::Signing`].
    pub excluded: Vec<u64>,
}

/// Applies the durability rule: one [`Spell`] per agreement.
///
/// An agreement signed in year `y` fails at the first year `f > y` in which
/// any of its conflicts ([`Level::Conflict`]) or signatory dyads
/// ([`Level::Dyad`]) is active, at time `f − y`; without one up to
/// `last_year` it is censored at `last_year − y`. Under
/// [`Clock::FirstQuietYear`] the clock starts at the first year `q > y` in
/// which none of them is active instead (time `f − q` for the first active
/// `f > q`, or censored at `last_year − q`), and agreements never quiet by
/// `last_year` are listed in [`Durability::excluded`]. The edge cases are in
/// the [module docs](self#the-durability-of-peace-agreements).
///
/// Errors when an agreement has no conflict id, has no dyad id at
/// [`Level::Dyad`], is signed after `last_year`, or when two agreements
/// share a `paid`.
///
/// ```
/// use negotiations::survival::{durability, Activity, Agreement, Clock, Level, PaType};
///
/// // Signed 1995 during fighting; quiet 1996–97; fighting again 1998.
/// let a = Agreement { paid: 9, year: 1995, pa_type: PaType::Process, conflict_ids: vec![5], dyad_ids: vec![50] };
/// let activity = Activity::new([(5, 1995), (5, 1998)], [(50, 1995)]);
///
/// let signing = durability(&[a.clone()], &activity, Level::Conflict, Clock::Signing, 2025)?;
/// assert_eq!((signing.spells[0].time, signing.spells[0].event), (3.0, true));
/// let quiet = durability(&[a.clone()], &activity, Level::Conflict, Clock::FirstQuietYear, 2025)?;
/// assert_eq!((quiet.spells[0].origin, quiet.spells[0].time), (1996, 2.0));
/// // The signatory dyad never fights again: censored at 2025 − 1995.
/// let dyad = durability(&[a], &activity, Level::Dyad, Clock::Signing, 2025)?;
/// assert_eq!((dyad.spells[0].time, dyad.spells[0].event), (30.0, false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn durability(
    agreements: &[Agreement],
    activity: &Activity,
    level: Level,
    clock: Clock,
    last_year: i32,
) -> Result<Durability> {
    let mut seen = BTreeSet::new();
    let mut out = Durability::default();
    let last = i64::from(last_year);
    for a in agreements {
        if !seen.insert(a.paid) {
            return Err(invalid(format!("survival: paid {} appears twice", a.paid)));
        }
        let Some(&cluster) = a.conflict_ids.iter().min() else {
            return Err(invalid(format!(
                "survival: agreement {} has no conflict id",
                a.paid
            )));
        };
        let ids: &[u64] = match level {
            Level::Conflict => &a.conflict_ids,
            Level::Dyad => &a.dyad_ids,
        };
        if ids.is_empty() {
            return Err(invalid(format!(
                "survival: agreement {} has no dyad id",
                a.paid
            )));
        }
        if a.year > last_year {
            return Err(invalid(format!(
                "survival: agreement {} is signed in {}, after the last data year {last_year}",
                a.paid, a.year
            )));
        }
        let signed = i64::from(a.year);
        let origin = match clock {
            Clock::Signing => signed,
            Clock::FirstQuietYear => match activity.first_quiet(level, ids, signed + 1, last) {
                Some(q) => q,
                None => {
                    out.excluded.push(a.paid);
                    continue;
                }
            },
        };
        let (time, event) = match activity.first_active(level, ids, origin + 1, last) {
            Some(f) => (f - origin, true),
            None => (last - origin, false),
        };
        out.spells.push(Spell {
            paid: a.paid,
            pa_type: a.pa_type,
            cluster,
            origin: clamp_year(origin),
            time: time as f64,
            event,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Base rates
// ---------------------------------------------------------------------------

/// Survival of a group of agreements at one horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseRate {
    /// The `pa_type`, or `None` for all agreements.
    pub group: Option<PaType>,
    /// The horizon, in years.
    pub at: f64,
    /// Agreements in the group.
    pub agreements: usize,
    /// Distinct clusters (conflicts) in the group.
    pub clusters: usize,
    /// Kaplan–Meier `S(at)`: the share still holding `at` years on.
    pub survival: f64,
    /// Greenwood standard error of `survival`.
    pub std_err: Option<f64>,
    /// Greenwood 95 % interval, log-log scale.
    pub ci: Option<Interval>,
    /// Agreements still observed at `at` (time `≥ at`).
    pub at_risk: usize,
    /// Failures by `at` (time `≤ at`).
    pub events: usize,
    /// Cluster-bootstrap percentile 95 % interval.
    pub bootstrap: Interval,
}

/// Base rates of a set of spells: Kaplan–Meier survival at each horizon in
/// `at_years`, for all spells (`by = None`) or those of one `pa_type`.
///
/// One row per horizon, in the order given, with the Greenwood log-log
/// interval, the number at risk, the events so far and the
/// [`cluster_bootstrap`] interval (`resamples`, `seed`). Errors when no
/// spell is in the group, and on what [`cluster_bootstrap`] rejects.
///
/// ```
/// use negotiations::survival::{base_rates, PaType, Spell};
///
/// let spell = |paid, pa_type, cluster, time, event| Spell { paid, pa_type, cluster, origin: 2000, time, event };
/// let spells = [
///     spell(1, PaType::Full, 10, 1.0, true),
///     spell(2, PaType::Full, 11, 25.0, false),
///     spell(3, PaType::Process, 12, 3.0, true),
/// ];
/// let full = base_rates(&spells, &[1.0, 2.0], Some(PaType::Full), 100, 1)?;
/// assert_eq!((full[0].agreements, full[0].survival, full[0].events), (2, 0.5, 1));
/// assert_eq!(full[1].at_risk, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn base_rates(
    spells: &[Spell],
    at_years: &[f64],
    by: Option<PaType>,
    resamples: usize,
    seed: u64,
) -> Result<Vec<BaseRate>> {
    let chosen: Vec<&Spell> = spells
        .iter()
        .filter(|s| by.is_none_or(|t| s.pa_type == t))
        .collect();
    if chosen.is_empty() {
        return Err(invalid(format!(
            "survival: no agreement of type {}",
            by.map_or("any", PaType::label)
        )));
    }
    let times: Vec<f64> = chosen.iter().map(|s| s.time).collect();
    let events: Vec<bool> = chosen.iter().map(|s| s.event).collect();
    let clusters: Vec<u64> = chosen.iter().map(|s| s.cluster).collect();
    let curve = kaplan_meier(&times, &events)?;
    let boot = cluster_bootstrap(&times, &events, &clusters, at_years, resamples, seed)?;
    let n_clusters = clusters.iter().collect::<BTreeSet<_>>().len();
    Ok(at_years
        .iter()
        .zip(boot)
        .map(|(&t, bootstrap)| BaseRate {
            group: by,
            at: t,
            agreements: chosen.len(),
            clusters: n_clusters,
            survival: curve.survival_at(t),
            std_err: curve.std_err_at(t),
            ci: curve.ci_at(t),
            at_risk: curve.at_risk_at(t),
            events: curve.events_by(t),
            bootstrap,
        })
        .collect())
}

/// [`base_rates`] for all agreements, then for each `pa_type` (full,
/// partial, process) that has any; rows grouped in that order.
///
/// ```
/// use negotiations::survival::{base_rate_table, PaType, Spell};
///
/// let spells = [
///     Spell { paid: 1, pa_type: PaType::Full, cluster: 1, origin: 1990, time: 2.0, event: true },
///     Spell { paid: 2, pa_type: PaType::Partial, cluster: 2, origin: 1990, time: 35.0, event: false },
/// ];
/// let rows = base_rate_table(&spells, &[1.0, 5.0], 100, 3)?;
/// let groups: Vec<Option<PaType>> = rows.iter().map(|r| r.group).collect();
/// // No process agreement: no process rows.
/// assert_eq!(groups, [None, None, Some(PaType::Full), Some(PaType::Full), Some(PaType::Partial), Some(PaType::Partial)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn base_rate_table(
    spells: &[Spell],
    at_years: &[f64],
    resamples: usize,
    seed: u64,
) -> Result<Vec<BaseRate>> {
    let mut rows = base_rates(spells, at_years, None, resamples, seed)?;
    for t in PaType::ALL {
        if spells.iter().any(|s| s.pa_type == t) {
            rows.extend(base_rates(spells, at_years, Some(t), resamples, seed)?);
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn aml_pooled_log_log_matches_r() {
        // R survival: survfit(Surv(time, status) ~ 1, data = aml, conf.type = "log-log"),
        // as stored in JuliaStats/Survival.jl test/data/refs/leukemia_km.csv:
        // time, n.risk, n.event, surv, std.err (of the cumulative hazard, = √G), lower, upper.
        let r = [
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
        let (t, e): (Vec<f64>, Vec<bool>) = AML.iter().map(|r| (r.0, r.1)).unzip();
        let km = kaplan_meier(&t, &e).unwrap();
        assert_eq!(km.steps().len(), r.len());
        for (step, &(time, n, d, s, se, lo, hi)) in km.steps().iter().zip(&r) {
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

    #[test]
    fn durability_rule_edge_cases() {
        let activity = Activity::new(
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
        );
        let agreements = [
            agreement(1, 2000, &[1], &[10]),
            agreement(2, 2000, &[2], &[20]),
            agreement(3, 2000, &[3], &[30]),
            agreement(4, 1990, &[4], &[40]),
            agreement(5, 1995, &[6, 5], &[60, 50]), // two conflicts: fails when 6 is active
            agreement(6, 1995, &[5], &[50]),        // signed in the last year
        ];
        let last = 1995 + 10; // 2005
        let cs = durability(
            &agreements,
            &activity,
            Level::Conflict,
            Clock::Signing,
            last,
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

        let cq = durability(
            &agreements,
            &activity,
            Level::Conflict,
            Clock::FirstQuietYear,
            last,
        )
        .unwrap();
        assert!(cq.excluded.is_empty());
        assert_eq!(spell_of(&cq, 1), Some((2002, 3.0, false))); // quiet 2002, censored 2005
        assert_eq!(spell_of(&cq, 2), Some((2003, 2.0, true))); // quiet 2003, fails 2005
        assert_eq!(spell_of(&cq, 3), Some((2001, 4.0, false)));
        assert_eq!(spell_of(&cq, 4), Some((1996, 9.0, false)));
        assert_eq!(spell_of(&cq, 5), Some((1996, 7.0, true)));

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

        // Dyad level: only the signatories count.
        let ds = durability(&agreements, &activity, Level::Dyad, Clock::Signing, last).unwrap();
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
            last,
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
}
