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

mod bootstrap;
mod durability;
mod estimate;
#[cfg(test)]
mod tests;
#[allow(unused_imports)]
pub use bootstrap::*;
#[allow(unused_imports)]
pub use durability::*;
#[allow(unused_imports)]
pub use estimate::*;

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

/// A Kaplan–Meier curve: one [`Step`] per distinct event time.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    steps: Vec<Step>,
    /// Every observed time, ascending (for the number at risk at any `t`).
    sorted_times: Vec<f64>,
    censored_after_last: usize,
    conf_type: ConfType,
}

// ---------------------------------------------------------------------------
// Cluster bootstrap
// ---------------------------------------------------------------------------

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
