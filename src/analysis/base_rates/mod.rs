//! Base rates from UCDP conflict data: how often peace agreements hold,
//! set beside the article cases.
//!
//! The context package ([`Context`]) holds the UCDP tables. This module
//! reads them once into typed values ([`Ucdp`]: the agreements and active
//! years that [`crate::analysis::survival`] works on, the conflicts, dyads,
//! termination episodes and the links to the article cases) and builds the
//! tidy DataFrames the command line, the notebooks and the charts show:
//!
//! | function | a row is |
//! |---|---|
//! | [`table`] | a group (all agreements, or a `pa_type`) at a horizon: Kaplan–Meier survival with its Greenwood log-log and cluster-bootstrap intervals, the number at risk and the failures so far |
//! | [`survival_curve`] | a step of the Kaplan–Meier curve of a group, from time 0 |
//! | [`article_agreements`] | an article agreement, placed on the curve at its age, with the base-rate chance of lasting one more year |
//! | [`endings`] | a way conflict episodes ended, with their lengths |
//! | [`held_check`] | an article agreement and a linked UCDP conflict or dyad: the article's `held` coding against UCDP's later activity, with a verdict |
//! | [`article_survival`] | a side (Kissinger, Trump, others) at 30, 90, 365 and 1,825 days: Kaplan–Meier over the article agreements themselves |
//! | [`held_at_least`] | an article agreement still holding (or superseded): the days it held at least |
//!
//! # The durability rule
//!
//! As the context README states it (`data/context/README.md`, "Durability
//! rule"), implemented by [`survival::durability`]: an agreement signed in
//! year `y` fails at the first year after `y` in which one of its conflicts
//! is active (at least 25 battle-related deaths); with none up to the last
//! year of the data (2025) it is right-censored at `2025 − y`. Two
//! variants: [`Level::Dyad`] counts only the agreement's signatory dyads,
//! and [`Clock::FirstQuietYear`] starts the clock at the first inactive
//! year after signing. [`Options`] chooses; the figures are in the
//! README ("Base rates"), checked against an independent implementation
//! (`scripts/check-base-rates.py`, run by `scripts/check-base-rates.sh`).
//!
//! ```
//! use negotiations::base_rates::{self, Options};
//! use negotiations::context::Context;
//!
//! let ctx = Context::embedded()?;
//! let opts = Options { resamples: 200, ..Options::default() };
//! let t = base_rates::table(&ctx, &opts, false)?;
//! // All 374 agreements, at 1, 2, 5 and 10 years.
//! assert_eq!(t.height(), 4);
//! let s1 = t.column("survival")?.f64()?.get(0).unwrap();
//! assert_eq!(format!("{:.2}", 100.0 * s1), "44.65");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What the data cannot say
//!
//! - **Activity is annual.** A year is active or not as a whole: fighting
//!   before and after a signing in the same year cannot be told apart, so
//!   the signing year never counts as a failure, and a December agreement
//!   and a January clash are one year apart. Times are whole years.
//! - **The 25-death threshold.** UCDP codes a conflict (dyad) year only
//!   with at least 25 battle-related deaths. Violations, clashes and broken
//!   terms below that, one-sided violence against civilians and political
//!   collapse without battle deaths do not show: "held" here means "no
//!   year of 25 or more battle deaths", weaker than the articles' sense.
//! - **Agreements only to 2021.** The UCDP Peace Agreement Dataset (v22.2)
//!   ends on 2021-05-02; conflict years run to 2025, termination outcomes
//!   to 2023. None of the article agreements is in it except the Good
//!   Friday Agreement (`paid` 1063); the 2025 agreements have no later year
//!   to test, and anything before 1946 is outside UCDP.
//! - **Dependence within conflicts.** Agreements cluster: 34 are Sudan's
//!   (conflict 309), 22 Colombia's (289). Greenwood's interval treats them
//!   as independent and is too narrow; the cluster bootstrap
//!   ([`survival::cluster_bootstrap`], resampling conflicts) is the honest
//!   one, and [`table`] gives both.
//! - **Primary parties only.** Dyads name the primary warring sides; third
//!   parties and mediators (the United States in Vietnam and Korea) are not
//!   in them, so signatory-level checks are approximate.
//!
//! # Attribution
//!
//! Any figure from these tables must carry [`ATTRIBUTION`]
//! (`context::ATTRIBUTION`); the command line prints it under every
//! output.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;
use serde_json::{Map, Value, json};

use crate::analysis::survival::{
    self, Activity, Agreement, Clock, Curve, Level, PaType, kaplan_meier,
};
use crate::base::codes::{Code, Held, Side, Status};
use crate::error::Problem;
use crate::error::{Error, Result};
pub use crate::tables::context::ATTRIBUTION;
use crate::tables::context::Context;
use crate::tables::dataset::Dataset;
use crate::tables::frame::{date_series, enum_series};
use crate::tables::model::Spell as ArticleSpell;
use crate::tables::table::{TableData, Texts, Values};

mod estimates;
mod held_check;
mod ucdp;
#[allow(unused_imports)]
pub use estimates::*;
#[allow(unused_imports)]
pub use held_check::*;
#[allow(unused_imports)]
pub use ucdp::*;

/// The seed of the bootstrap unless [`Options::seed`] says otherwise: the
/// same figures on every run and machine.
pub const DEFAULT_SEED: u64 = 1973;

/// Bootstrap resamples unless [`Options::resamples`] says otherwise.
pub const DEFAULT_RESAMPLES: usize = 1_000;

/// The horizons of the base-rate table, in years.
pub const HORIZONS: [f64; 4] = [1.0, 2.0, 5.0, 10.0];

/// The first year UCDP covers: an agreement signed before it cannot be
/// tested against UCDP activity.
pub const UCDP_FIRST_YEAR: i32 = 1946;

/// The days at which [`article_survival`] reports the article agreements'
/// survival: a month, a quarter, a year, five years.
pub const ARTICLE_DAYS: [f64; 4] = [30.0, 90.0, 365.0, 1825.0];

/// Days in a year (the Gregorian mean), for ages in years.
pub const DAYS_PER_YEAR: f64 = 365.2425;

/// What [`article_agreements`] says about the curve it uses: article
/// agreements have no UCDP `pa_type`.
pub const PA_TYPE_USED: &str = "all (article agreements have no UCDP pa_type)";

/// How the base rates are computed.
///
/// ```
/// use negotiations::base_rates::Options;
/// use negotiations::survival::{Clock, Level};
///
/// let o = Options::default();
/// assert_eq!((o.level, o.clock, o.resamples), (Level::Conflict, Clock::Signing, 1_000));
/// assert_eq!(o.at_years, [1.0, 2.0, 5.0, 10.0]);
/// let dyad = Options { level: Level::Dyad, ..Options::default() };
/// assert_eq!(dyad.seed, o.seed);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Whose activity makes an agreement fail: its conflicts, or its
    /// signatory dyads.
    pub level: Level,
    /// When the clock starts: at signing, or at the first quiet year.
    pub clock: Clock,
    /// Cluster-bootstrap resamples ([`DEFAULT_RESAMPLES`]).
    pub resamples: usize,
    /// The bootstrap's seed ([`DEFAULT_SEED`]).
    pub seed: u64,
    /// The horizons, in years ([`HORIZONS`]).
    pub at_years: Vec<f64>,
}

// ---------------------------------------------------------------------------
// Typed UCDP records
// ---------------------------------------------------------------------------

/// Defines a small code enum whose codes are one of the context schema's
/// lists, so the two cannot drift.
macro_rules! context_code {
    ($(#[$meta:meta])* $name:ident from $codes:path { $($(#[$vmeta:meta])* $variant:ident,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in the order of the schema's list.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code as written in the CSV file.
            pub fn as_str(self) -> &'static str {
                $codes.get(self as usize).copied().unwrap_or_default()
            }

            /// The value of a code, if it is one.
            pub fn parse(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

context_code! {
    /// What a link points at (`links.ucdp_kind`).
    UcdpKind from crate::tables::context::UCDP_KIND {
        /// A UCDP conflict.
        Conflict,
        /// A UCDP dyad.
        Dyad,
        /// A UCDP peace agreement.
        Agreement,
    }
}

context_code! {
    /// How closely a link matches (`links.match`).
    Match from crate::tables::context::MATCH {
        /// The same conflict, dyad or agreement.
        Exact,
        /// One front or episode of a wider UCDP conflict.
        PartOf,
        /// A predecessor, successor or neighbour the case bears on.
        Related,
    }
}

context_code! {
    /// How a conflict episode ended (Kreutz's coding,
    /// `ucdp_termination_episodes.outcome`).
    Ending from crate::tables::context::TERMINATION {
        /// A peace agreement.
        PeaceAgreement,
        /// A ceasefire.
        Ceasefire,
        /// Victory of side A (a government).
        GovernmentVictory,
        /// Victory of side B.
        RebelVictory,
        /// Fighting fell below 25 battle-related deaths a year.
        LowActivity,
        /// An actor ceased to exist.
        ActorCeases,
    }
}

/// A UCDP conflict (`ucdp_conflicts.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// UCDP conflict id.
    pub id: u64,
    /// UCDP's name, "Location: incompatibility".
    pub name: String,
    /// First active year.
    pub first_year: i32,
    /// Last active year.
    pub last_year: i32,
}

/// A UCDP dyad (`ucdp_dyads.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dyad {
    /// UCDP dyad id.
    pub id: u64,
    /// Its conflict.
    pub conflict_id: u64,
    /// Side A (a government).
    pub side_a: String,
    /// Side B.
    pub side_b: String,
}

/// A dyad's run of active years and how it ended
/// (`ucdp_termination_episodes.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Episode {
    /// UCDP dyad-episode id.
    pub id: u64,
    /// UCDP dyad id.
    pub dyad_id: u64,
    /// The dyad's conflict, when the dyad is in the dyad table.
    pub conflict_id: Option<u64>,
    /// First active year.
    pub start_year: i32,
    /// Last active year; `None` while ongoing.
    pub end_year: Option<i32>,
    /// Whether the episode ended by the data's end.
    pub terminated: bool,
    /// How it ended; `None` while ongoing, or when UCDP gives no outcome.
    pub ending: Option<Ending>,
    /// `end_year − start_year + 1`; `None` while ongoing.
    pub length_years: Option<i32>,
}

/// A tie between an article case and a UCDP id (`links.csv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// `link_id`.
    pub id: String,
    /// The article process.
    pub process_id: String,
    /// The article outcome, when the link is about one.
    pub outcome_id: Option<String>,
    /// What `ucdp_id` names.
    pub kind: UcdpKind,
    /// The UCDP conflict, dyad or agreement id.
    pub ucdp_id: u64,
    /// How closely it matches.
    pub matches: Match,
    /// How sure the link is, and why.
    pub note: String,
}

/// The context tables as typed values: what every function of this module
/// reads, built once by [`Ucdp::from_context`].
#[derive(Debug, Clone, PartialEq)]
pub struct Ucdp {
    /// The peace agreements, in file order, as [`survival::durability`]
    /// takes them.
    pub agreements: Vec<Agreement>,
    /// The active conflict years and dyad years.
    pub activity: Activity,
    /// The conflicts, by id.
    pub conflicts: BTreeMap<u64, Conflict>,
    /// The dyads, by id.
    pub dyads: BTreeMap<u64, Dyad>,
    /// The termination episodes, in file order.
    pub episodes: Vec<Episode>,
    /// The links to the article cases, in file order.
    pub links: Vec<Link>,
    /// The last year of the conflict years (2025 in the shipped data):
    /// agreements still holding are censored there.
    pub last_year: i32,
}

/// Typed access to the cells of one table, each failure reported at its
/// file, line and column.
struct Cells<'a> {
    t: &'a TableData,
}

/// The rows of [`survival_curve`], group after group.
#[derive(Default)]
struct CurveRows {
    group: Vec<&'static str>,
    time: Vec<f64>,
    survival: Vec<f64>,
    lower: Vec<Option<f64>>,
    upper: Vec<Option<f64>>,
    at_risk: Vec<i64>,
    events: Vec<i64>,
    censored: Vec<i64>,
}

// ---------------------------------------------------------------------------
// The public functions, on a Context
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// The article agreements
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Held check
// ---------------------------------------------------------------------------

/// The verdict of [`held_check`] on one (agreement, UCDP conflict or dyad)
/// pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// UCDP's activity is what the coding leads one to expect.
    Agree,
    /// UCDP's activity contradicts the coding.
    Disagree,
    /// UCDP's yearly, 25-death data cannot test the coding.
    CannotTell,
}

/// One row of the held check, before it becomes a DataFrame row.
struct Check<'a> {
    outcome: &'a crate::tables::model::Outcome,
    process: &'a crate::tables::model::Process,
    link: Option<&'a Link>,
    name: Option<String>,
    in_signing_year: Option<bool>,
    after: Vec<i32>,
    verdict: Verdict,
    reason: String,
}

/// What UCDP shows of one linked conflict or dyad around an agreement.
struct Observed<'a> {
    /// `conflict 302`, `dyad 649`.
    what: &'a str,
    /// The signing year.
    signed: i32,
    /// Whether the signing year is active.
    in_signing_year: bool,
    /// The active years after the signing year.
    after: &'a [i32],
    /// The last data year.
    last_year: i32,
}
