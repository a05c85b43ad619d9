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

impl Default for Options {
    fn default() -> Options {
        Options {
            level: Level::Conflict,
            clock: Clock::Signing,
            resamples: DEFAULT_RESAMPLES,
            seed: DEFAULT_SEED,
            at_years: HORIZONS.to_vec(),
        }
    }
}

/// The name of a level on the command line and in JSON: `conflict`,
/// `dyad`.
///
/// ```
/// use negotiations::{base_rates::level_code, survival::Level};
/// assert_eq!(level_code(Level::Dyad), "dyad");
/// ```
pub fn level_code(level: Level) -> &'static str {
    match level {
        Level::Conflict => "conflict",
        Level::Dyad => "dyad",
    }
}

/// The name of a clock on the command line and in JSON: `signing`,
/// `quiet`.
///
/// ```
/// use negotiations::{base_rates::clock_code, survival::Clock};
/// assert_eq!(clock_code(Clock::FirstQuietYear), "quiet");
/// ```
pub fn clock_code(clock: Clock) -> &'static str {
    match clock {
        Clock::Signing => "signing",
        Clock::FirstQuietYear => "quiet",
    }
}

/// Reads a level name ([`level_code`]).
///
/// ```
/// use negotiations::{base_rates::parse_level, survival::Level};
/// assert_eq!(parse_level("dyad")?, Level::Dyad);
/// assert!(parse_level("war").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_level(name: &str) -> Result<Level> {
    [Level::Conflict, Level::Dyad]
        .into_iter()
        .find(|l| level_code(*l) == name)
        .ok_or_else(|| Error::unknown("level", name, ["conflict", "dyad"]))
}

/// Reads a clock name ([`clock_code`]).
///
/// ```
/// use negotiations::{base_rates::parse_clock, survival::Clock};
/// assert_eq!(parse_clock("quiet")?, Clock::FirstQuietYear);
/// assert!(parse_clock("later").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_clock(name: &str) -> Result<Clock> {
    [Clock::Signing, Clock::FirstQuietYear]
        .into_iter()
        .find(|c| clock_code(*c) == name)
        .ok_or_else(|| Error::unknown("clock", name, ["signing", "quiet"]))
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

/// A problem about a whole column, as a data error.
fn column_problem(t: &TableData, name: &str, what: &str) -> Error {
    vec![Problem::file(
        &t.file,
        format!("column '{name}' is missing or does not hold {what}"),
    )]
    .into()
}

fn int_column<'a>(t: &'a TableData, name: &str) -> Result<&'a [Option<i64>]> {
    match t.values(name) {
        Some(Values::Integer(v)) => Ok(v),
        _ => Err(column_problem(t, name, "integers")),
    }
}

fn text_column<'a>(t: &'a TableData, name: &str) -> Result<&'a Texts> {
    match t.values(name) {
        Some(Values::Text(v)) => Ok(v),
        _ => Err(column_problem(t, name, "text")),
    }
}

fn list_column<'a>(t: &'a TableData, name: &str) -> Result<&'a Texts> {
    match t.values(name) {
        Some(Values::List(v)) => Ok(v),
        _ => Err(column_problem(t, name, "a list")),
    }
}

/// A positioned problem at `row`, `column` of `t`.
fn cell_error(
    t: &TableData,
    row: usize,
    column: &str,
    message: &str,
    value: Option<&str>,
) -> Error {
    vec![t.problem(row, column, message, value)].into()
}

/// Typed access to the cells of one table, each failure reported at its
/// file, line and column.
struct Cells<'a> {
    t: &'a TableData,
}

impl<'a> Cells<'a> {
    fn id(&self, column: &str, values: &[Option<i64>], row: usize) -> Result<u64> {
        self.opt_id(column, values, row)?
            .ok_or_else(|| cell_error(self.t, row, column, "empty; a UCDP id is required", None))
    }

    fn opt_id(&self, column: &str, values: &[Option<i64>], row: usize) -> Result<Option<u64>> {
        match values.get(row).copied().flatten() {
            None => Ok(None),
            Some(v) => u64::try_from(v).map(Some).map_err(|_| {
                cell_error(
                    self.t,
                    row,
                    column,
                    "a UCDP id cannot be negative",
                    Some(&v.to_string()),
                )
            }),
        }
    }

    fn year(&self, column: &str, values: &[Option<i64>], row: usize) -> Result<i32> {
        self.opt_year(column, values, row)?
            .ok_or_else(|| cell_error(self.t, row, column, "empty; a year is required", None))
    }

    fn opt_year(&self, column: &str, values: &[Option<i64>], row: usize) -> Result<Option<i32>> {
        match values.get(row).copied().flatten() {
            None => Ok(None),
            Some(v) => i32::try_from(v).map(Some).map_err(|_| {
                cell_error(
                    self.t,
                    row,
                    column,
                    "not a calendar year",
                    Some(&v.to_string()),
                )
            }),
        }
    }

    fn text(&self, column: &str, values: &'a Texts, row: usize) -> Result<&'a str> {
        values
            .get(row)
            .ok_or_else(|| cell_error(self.t, row, column, "empty; a value is required", None))
    }

    fn ids(&self, column: &str, values: &Texts, row: usize) -> Result<Vec<u64>> {
        let Some(cell) = values.get(row) else {
            return Ok(Vec::new());
        };
        cell.split(';')
            .map(|item| {
                item.trim().parse::<u64>().map_err(|_| {
                    cell_error(self.t, row, column, "not a list of UCDP ids", Some(cell))
                })
            })
            .collect()
    }
}

impl Ucdp {
    /// Reads the context's tables into typed values. Errors, each at its
    /// file, line and column, on a cell the schema allows but this module
    /// cannot use (a negative id, a `pa_type` its label contradicts, a
    /// code it does not know).
    ///
    /// ```
    /// use negotiations::base_rates::Ucdp;
    /// use negotiations::context::Context;
    /// use negotiations::survival::Level;
    ///
    /// let u = Ucdp::from_context(&Context::embedded()?)?;
    /// assert_eq!((u.agreements.len(), u.last_year), (374, 2025));
    /// assert!(u.activity.is_active(Level::Conflict, 315, 1998)); // the Troubles, RIRA
    /// assert_eq!(u.conflicts[&302].name, "Israel - Syria");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_context(ctx: &Context) -> Result<Ucdp> {
        // Conflicts.
        let t = ctx.table("ucdp_conflicts")?;
        let c = Cells { t };
        let (ids, names) = (int_column(t, "conflict_id")?, text_column(t, "name")?);
        let (first, last) = (int_column(t, "first_year")?, int_column(t, "last_year")?);
        let mut conflicts = BTreeMap::new();
        for row in 0..t.height() {
            let id = c.id("conflict_id", ids, row)?;
            conflicts.insert(
                id,
                Conflict {
                    id,
                    name: c.text("name", names, row)?.to_string(),
                    first_year: c.year("first_year", first, row)?,
                    last_year: c.year("last_year", last, row)?,
                },
            );
        }

        // Dyads.
        let t = ctx.table("ucdp_dyads")?;
        let c = Cells { t };
        let (ids, cids) = (int_column(t, "dyad_id")?, int_column(t, "conflict_id")?);
        let (a, b) = (text_column(t, "side_a")?, text_column(t, "side_b")?);
        let mut dyads = BTreeMap::new();
        for row in 0..t.height() {
            let id = c.id("dyad_id", ids, row)?;
            dyads.insert(
                id,
                Dyad {
                    id,
                    conflict_id: c.id("conflict_id", cids, row)?,
                    side_a: c.text("side_a", a, row)?.to_string(),
                    side_b: c.text("side_b", b, row)?.to_string(),
                },
            );
        }

        // Active years.
        let t = ctx.table("ucdp_conflict_years")?;
        let c = Cells { t };
        let (ids, years) = (int_column(t, "conflict_id")?, int_column(t, "year")?);
        let mut conflict_years = Vec::with_capacity(t.height());
        for row in 0..t.height() {
            conflict_years.push((c.id("conflict_id", ids, row)?, c.year("year", years, row)?));
        }
        let t = ctx.table("ucdp_dyad_years")?;
        let c = Cells { t };
        let (ids, years) = (int_column(t, "dyad_id")?, int_column(t, "year")?);
        let mut dyad_years = Vec::with_capacity(t.height());
        for row in 0..t.height() {
            dyad_years.push((c.id("dyad_id", ids, row)?, c.year("year", years, row)?));
        }
        let last_year = conflict_years
            .iter()
            .map(|&(_, y)| y)
            .max()
            .unwrap_or(crate::tables::context::LAST_YEAR);
        let activity = Activity::new(conflict_years, dyad_years);

        // Agreements.
        let t = ctx.table("ucdp_peace_agreements")?;
        let c = Cells { t };
        let paid = int_column(t, "paid")?;
        let year = int_column(t, "year")?;
        let code = int_column(t, "pa_type")?;
        let label = text_column(t, "pa_type_label")?;
        let conflict_ids = list_column(t, "conflict_ids")?;
        let dyad_ids = list_column(t, "dyad_ids")?;
        let mut agreements = Vec::with_capacity(t.height());
        for row in 0..t.height() {
            let pa_code = code.get(row).copied().flatten().unwrap_or(0);
            let pa_type = PaType::from_code(pa_code).map_err(|_| {
                cell_error(
                    t,
                    row,
                    "pa_type",
                    "not a UCDP pa_type (1, 2 or 3)",
                    Some(&pa_code.to_string()),
                )
            })?;
            let written = c.text("pa_type_label", label, row)?;
            if written != pa_type.label() {
                return Err(cell_error(
                    t,
                    row,
                    "pa_type_label",
                    &format!("pa_type {pa_code} is `{}`", pa_type.label()),
                    Some(written),
                ));
            }
            agreements.push(Agreement {
                paid: c.id("paid", paid, row)?,
                year: c.year("year", year, row)?,
                pa_type,
                conflict_ids: c.ids("conflict_ids", conflict_ids, row)?,
                dyad_ids: c.ids("dyad_ids", dyad_ids, row)?,
            });
        }

        // Termination episodes.
        let t = ctx.table("ucdp_termination_episodes")?;
        let c = Cells { t };
        let ids = int_column(t, "episode_id")?;
        let dyad = int_column(t, "dyad_id")?;
        let conflict = int_column(t, "conflict_id")?;
        let start = int_column(t, "start_year")?;
        let end = int_column(t, "end_year")?;
        let terminated = int_column(t, "terminated")?;
        let outcome = text_column(t, "outcome")?;
        let length = int_column(t, "length_years")?;
        let mut episodes = Vec::with_capacity(t.height());
        for row in 0..t.height() {
            let ending = match outcome.get(row) {
                None => None,
                Some(o) => Some(Ending::parse(o).ok_or_else(|| {
                    cell_error(t, row, "outcome", "not a termination outcome", Some(o))
                })?),
            };
            episodes.push(Episode {
                id: c.id("episode_id", ids, row)?,
                dyad_id: c.id("dyad_id", dyad, row)?,
                conflict_id: c.opt_id("conflict_id", conflict, row)?,
                start_year: c.year("start_year", start, row)?,
                end_year: c.opt_year("end_year", end, row)?,
                terminated: terminated.get(row).copied().flatten() == Some(1),
                ending,
                length_years: c.opt_year("length_years", length, row)?,
            });
        }

        // Links.
        let t = ctx.table("links")?;
        let c = Cells { t };
        let link_id = text_column(t, "link_id")?;
        let process = text_column(t, "process_id")?;
        let outcome = text_column(t, "outcome_id")?;
        let kind = text_column(t, "ucdp_kind")?;
        let ucdp_id = int_column(t, "ucdp_id")?;
        let matches = text_column(t, "match")?;
        let note = text_column(t, "note")?;
        let mut links = Vec::with_capacity(t.height());
        for row in 0..t.height() {
            let k = c.text("ucdp_kind", kind, row)?;
            let m = c.text("match", matches, row)?;
            links.push(Link {
                id: c.text("link_id", link_id, row)?.to_string(),
                process_id: c.text("process_id", process, row)?.to_string(),
                outcome_id: outcome.get(row).map(str::to_string),
                kind: UcdpKind::parse(k)
                    .ok_or_else(|| cell_error(t, row, "ucdp_kind", "not a UCDP kind", Some(k)))?,
                ucdp_id: c.id("ucdp_id", ucdp_id, row)?,
                matches: Match::parse(m)
                    .ok_or_else(|| cell_error(t, row, "match", "not a match code", Some(m)))?,
                note: c.text("note", note, row)?.to_string(),
            });
        }

        Ok(Ucdp {
            agreements,
            activity,
            conflicts,
            dyads,
            episodes,
            links,
            last_year,
        })
    }

    /// The durability rule applied to every agreement
    /// ([`survival::durability`] with [`Ucdp::last_year`]).
    ///
    /// ```
    /// use negotiations::base_rates::Ucdp;
    /// use negotiations::context::Context;
    /// use negotiations::survival::{Clock, Level};
    ///
    /// let u = Ucdp::from_context(&Context::embedded()?)?;
    /// let d = u.durability(Level::Conflict, Clock::Signing)?;
    /// let gfa = d.spells.iter().find(|s| s.paid == 1063).unwrap();
    /// assert_eq!((gfa.time, gfa.event), (27.0, false)); // censored in 2025
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn durability(&self, level: Level, clock: Clock) -> Result<survival::Durability> {
        survival::durability(
            &self.agreements,
            &self.activity,
            level,
            clock,
            self.last_year,
        )
    }

    /// [`table`] on these records.
    ///
    /// ```
    /// use negotiations::base_rates::{Options, Ucdp};
    /// use negotiations::context::Context;
    ///
    /// let u = Ucdp::from_context(&Context::embedded()?)?;
    /// let t = u.table(&Options { resamples: 100, ..Options::default() }, true)?;
    /// assert_eq!(t.height(), 16); // all, full, partial, process × 4 horizons
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self, opts: &Options, by_type: bool) -> Result<DataFrame> {
        let d = self.durability(opts.level, opts.clock)?;
        let rows = if by_type {
            survival::base_rate_table(&d.spells, &opts.at_years, opts.resamples, opts.seed)?
        } else {
            survival::base_rates(&d.spells, &opts.at_years, None, opts.resamples, opts.seed)?
        };
        let excluded: BTreeSet<u64> = d.excluded.iter().copied().collect();
        let excluded_of = |group: Option<PaType>| {
            self.agreements
                .iter()
                .filter(|a| excluded.contains(&a.paid))
                .filter(|a| group.is_none_or(|g| a.pa_type == g))
                .count() as i64
        };
        let columns = vec![
            strings("group", rows.iter().map(|r| group_label(r.group))),
            ints("n", rows.iter().map(|r| Some(r.agreements as i64))),
            ints("clusters", rows.iter().map(|r| Some(r.clusters as i64))),
            ints("excluded", rows.iter().map(|r| Some(excluded_of(r.group)))),
            floats("horizon", rows.iter().map(|r| Some(r.at))),
            floats("survival", rows.iter().map(|r| Some(r.survival))),
            floats("lower", rows.iter().map(|r| r.ci.map(|c| c.lower))),
            floats("upper", rows.iter().map(|r| r.ci.map(|c| c.upper))),
            floats("boot_lower", rows.iter().map(|r| Some(r.bootstrap.lower))),
            floats("boot_upper", rows.iter().map(|r| Some(r.bootstrap.upper))),
            ints("at_risk", rows.iter().map(|r| Some(r.at_risk as i64))),
            ints("events", rows.iter().map(|r| Some(r.events as i64))),
        ];
        Ok(DataFrame::new(rows.len(), columns)?)
    }

    /// The groups and their spells: all agreements, then each `pa_type`
    /// that has any when `by_type`.
    fn groups(
        &self,
        level: Level,
        clock: Clock,
        by_type: bool,
    ) -> Result<Vec<(Option<PaType>, Vec<survival::Spell>)>> {
        let d = self.durability(level, clock)?;
        let mut groups = vec![(None, d.spells.clone())];
        if by_type {
            for t in PaType::ALL {
                let spells: Vec<_> = d
                    .spells
                    .iter()
                    .filter(|s| s.pa_type == t)
                    .cloned()
                    .collect();
                if !spells.is_empty() {
                    groups.push((Some(t), spells));
                }
            }
        }
        Ok(groups)
    }

    /// [`survival_curve`] on these records.
    ///
    /// ```
    /// use negotiations::base_rates::Ucdp;
    /// use negotiations::context::Context;
    /// use negotiations::survival::{Clock, Level};
    ///
    /// let u = Ucdp::from_context(&Context::embedded()?)?;
    /// let c = u.survival_curve(Level::Conflict, Clock::Signing, false)?;
    /// assert_eq!(c.column("time")?.f64()?.get(0), Some(0.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn survival_curve(&self, level: Level, clock: Clock, by_type: bool) -> Result<DataFrame> {
        let mut rows = CurveRows::default();
        for (group, spells) in self.groups(level, clock, by_type)? {
            if spells.is_empty() {
                continue;
            }
            let curve = spell_curve(&spells)?;
            rows.push_curve(group_label(group), &curve);
        }
        rows.frame()
    }

    /// [`endings`] on these records.
    ///
    /// ```
    /// use negotiations::base_rates::Ucdp;
    /// use negotiations::context::Context;
    ///
    /// let u = Ucdp::from_context(&Context::embedded()?)?;
    /// let e = u.endings()?;
    /// assert_eq!(e.column("outcome")?.str()?.get(0), Some("low_activity"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn endings(&self) -> Result<DataFrame> {
        let mut by: BTreeMap<Option<Ending>, (i64, Vec<f64>)> = BTreeMap::new();
        for e in self.episodes.iter().filter(|e| e.terminated) {
            let entry = by.entry(e.ending).or_default();
            entry.0 += 1;
            let length = e
                .length_years
                .or_else(|| e.end_year.map(|end| end - e.start_year + 1));
            if let Some(l) = length {
                entry.1.push(f64::from(l));
            }
        }
        let total: i64 = by.values().map(|(n, _)| n).sum();
        let mut groups: Vec<(Option<Ending>, i64, Vec<f64>)> = by
            .into_iter()
            .map(|(k, (n, mut v))| {
                v.sort_by(f64::total_cmp);
                (k, n, v)
            })
            .collect();
        // Most common first; the uncoded last.
        groups.sort_by(|a, b| {
            a.0.is_none()
                .cmp(&b.0.is_none())
                .then(b.1.cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        let q = |v: &[f64], p: f64| quantile(v, p);
        let columns = vec![
            strings(
                "outcome",
                groups
                    .iter()
                    .map(|g| g.0.map_or("not_coded", Ending::as_str)),
            ),
            ints("episodes", groups.iter().map(|g| Some(g.1))),
            floats(
                "share",
                groups
                    .iter()
                    .map(|g| (total > 0).then(|| g.1 as f64 / total as f64)),
            ),
            floats("min_years", groups.iter().map(|g| g.2.first().copied())),
            floats("q1_years", groups.iter().map(|g| q(&g.2, 0.25))),
            floats("median_years", groups.iter().map(|g| q(&g.2, 0.5))),
            floats("q3_years", groups.iter().map(|g| q(&g.2, 0.75))),
            floats("max_years", groups.iter().map(|g| g.2.last().copied())),
        ];
        Ok(DataFrame::new(groups.len(), columns)?)
    }

    /// The Kaplan–Meier survival in percent, by group (`all`, `full`,
    /// `partial`, `process`) and horizon, shaped as
    /// `scripts/check-base-rates.py --compare` reads it:
    /// `{"level", "clock", "last_year", "agreements", "excluded",
    /// "survival_pct": {"all": {"1": 44.65, ...}, ...}}`. No bootstrap:
    /// it is quick.
    ///
    /// ```
    /// use negotiations::base_rates::Ucdp;
    /// use negotiations::context::Context;
    /// use negotiations::survival::{Clock, Level};
    ///
    /// let u = Ucdp::from_context(&Context::embedded()?)?;
    /// let j = u.survival_pct(Level::Dyad, Clock::Signing, &[1.0, 10.0])?;
    /// assert_eq!(j["level"], "dyad");
    /// assert_eq!(format!("{:.2}", j["survival_pct"]["full"]["10"].as_f64().unwrap()), "68.81");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn survival_pct(&self, level: Level, clock: Clock, at_years: &[f64]) -> Result<Value> {
        let mut pct = Map::new();
        let mut kept = 0;
        for (group, spells) in self.groups(level, clock, true)? {
            if spells.is_empty() {
                continue;
            }
            if group.is_none() {
                kept = spells.len();
            }
            let curve = spell_curve(&spells)?;
            let mut by_year = Map::new();
            for &t in at_years {
                by_year.insert(horizon_key(t), json!(100.0 * curve.survival_at(t)));
            }
            pct.insert(group_label(group).to_string(), Value::Object(by_year));
        }
        Ok(json!({
            "level": level_code(level),
            "clock": clock_code(clock),
            "last_year": self.last_year,
            "agreements": kept,
            "excluded": self.agreements.len() - kept,
            "survival_pct": pct,
        }))
    }
}

/// `"1"` for 1.0 (as the Python check writes its keys), `"2.5"` for 2.5.
fn horizon_key(t: f64) -> String {
    if t.fract() == 0.0 && t.abs() < 1e15 {
        format!("{}", t as i64)
    } else {
        format!("{t}")
    }
}

fn group_label(group: Option<PaType>) -> &'static str {
    group.map_or("all", PaType::label)
}

fn spell_curve(spells: &[survival::Spell]) -> Result<Curve> {
    let times: Vec<f64> = spells.iter().map(|s| s.time).collect();
    let events: Vec<bool> = spells.iter().map(|s| s.event).collect();
    kaplan_meier(&times, &events)
}

/// The `p`-quantile of sorted values, linear between order statistics
/// (R's type 7); `None` for no values.
fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let first = *sorted.first()?;
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let x_lo = sorted.get(lo).copied().unwrap_or(first);
    let x_hi = sorted.get(lo + 1).copied().unwrap_or(x_lo);
    Some(x_lo + (h - lo as f64) * (x_hi - x_lo))
}

fn ints(name: &str, v: impl IntoIterator<Item = Option<i64>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

fn floats(name: &str, v: impl IntoIterator<Item = Option<f64>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

fn bools(name: &str, v: impl IntoIterator<Item = Option<bool>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

fn strings<'a>(name: &str, v: impl IntoIterator<Item = &'a str>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

fn opt_strings<'a>(name: &str, v: impl IntoIterator<Item = Option<&'a str>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

fn year_lists(name: &str, v: &[Vec<i32>]) -> Result<Column> {
    let lists: Vec<Option<Series>> = v
        .iter()
        .map(|years| {
            let items: Vec<i64> = years.iter().map(|&y| i64::from(y)).collect();
            Some(Series::new(PlSmallStr::EMPTY, items))
        })
        .collect();
    let mut s: Series = lists.into_iter().collect::<ListChunked>().into_series();
    s.rename(name.into());
    Ok(s.cast(&DataType::List(Box::new(DataType::Int64)))?.into())
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

impl CurveRows {
    fn push(&mut self, group: &'static str, s: &survival::Step) {
        self.group.push(group);
        self.time.push(s.time);
        self.survival.push(s.survival);
        self.lower.push(s.ci.map(|c| c.lower));
        self.upper.push(s.ci.map(|c| c.upper));
        self.at_risk.push(s.at_risk as i64);
        self.events.push(s.events as i64);
        self.censored.push(s.censored as i64);
    }

    fn push_curve(&mut self, group: &'static str, curve: &Curve) {
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

    fn frame(self) -> Result<DataFrame> {
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

// ---------------------------------------------------------------------------
// The public functions, on a Context
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// The article agreements
// ---------------------------------------------------------------------------

/// The time an article agreement's spell counts, in days: a failure at
/// the middle of the interval its dates allow, a censored spell at the
/// shortest (it held at least that long).
fn spell_days(s: &ArticleSpell) -> f64 {
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

fn years_text(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
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

/// The verdict and its reason for one agreement and one linked conflict or
/// dyad. `after` is every active year after the signing year, up to the
/// last data year.
fn judge(
    o: &crate::tables::model::Outcome,
    status: Status,
    link: &Link,
    seen: &Observed,
) -> (Verdict, String) {
    let Observed {
        what,
        signed,
        in_signing_year,
        after,
        last_year,
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
    let ended_year = o.ended.map(|e| e.first.year());
    match o.held {
        Held::Held | Held::Fragile | Held::Superseded => {
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
                            (Held::Superseded, Some(e)) =>
                                format!(" before its replacement in {e}"),
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
        Held::Suspended | Held::Unraveled => {
            let Some(end) = ended_year else {
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
        Held::Unknown | Held::NotApplicable => (Verdict::CannotTell, format!("coded {}", o.held)),
    }
}

/// The article tables' `held` codings held against UCDP's later conflict
/// activity, through the links, disagreements reported rather than hidden.
///
/// One row per article agreement and linked UCDP conflict or dyad
/// (outcome-level links of `links.csv`; links to a UCDP agreement are left
/// out, its conflict and dyad being linked too), and one row with empty
/// UCDP columns for an agreement with no such link.
///
/// | column | meaning |
/// |---|---|
/// | `outcome_id`, `process_id`, `held`, `signed`, `ended` | the article agreement and its coding |
/// | `link_id`, `level`, `ucdp_id`, `ucdp_name`, `match` | the link: `conflict` or `dyad`, the id, UCDP's name, how close it is |
/// | `active_in_signing_year` | whether UCDP codes the signing year active (never counted: a year cannot be split) |
/// | `active_after` | the active years after the signing year, to the last data year |
/// | `verdict` | `agree`, `disagree` or `cannot tell` |
/// | `reason` | why, in a sentence |
///
/// The rules: an agreement coded `held` or `fragile` (or `superseded`,
/// before its replacement) whose `exact` or `part_of` conflict or dyad is
/// active in a year after its signing year is a **disagreement**, unless
/// its process is ongoing (then *cannot tell*); a `related` link active then
/// is *cannot tell*; no such year is *agree*. An agreement coded
/// `unraveled` or `suspended` *agrees* when the conflict or dyad is active
/// again by the year after it ended, and is *cannot tell* when it is not
/// active after signing at all (UCDP sees only years of 25 or more battle
/// deaths) or only much later. Agreements signed in or after the last data
/// year (2025) or before 1946 are *cannot tell*.
///
/// ```
/// use negotiations::base_rates::held_check;
/// use negotiations::context::Context;
/// use negotiations::polars::prelude::*;
/// use negotiations::Dataset;
///
/// let check = held_check(&Dataset::embedded()?, &Context::embedded()?)?;
/// let disagree = check.clone().lazy().filter(col("verdict").eq(lit("disagree"))).collect()?;
/// assert_eq!(disagree.height(), 0);
/// let gfa = check
///     .lazy()
///     .filter(col("outcome_id").eq(lit("good_friday_agreement")).and(col("ucdp_id").eq(lit(315i64))))
///     .collect()?;
/// assert_eq!(gfa.column("active_in_signing_year")?.bool()?.get(0), Some(true));
/// assert_eq!(gfa.column("verdict")?.str()?.get(0), Some("agree"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn held_check(data: &Dataset, ctx: &Context) -> Result<DataFrame> {
    let u = Ucdp::from_context(ctx)?;
    let m = data.model();
    let mut checks: Vec<Check> = Vec::new();
    for o in m.outcomes.iter().filter(|o| o.kind.is_agreement()) {
        let Some(process) = m.processes.get(o.process) else {
            continue;
        };
        let links: Vec<&Link> = u
            .links
            .iter()
            .filter(|l| l.outcome_id.as_deref() == Some(o.id.as_str()))
            .filter(|l| l.kind != UcdpKind::Agreement)
            .collect();
        let signed = o.date.map(|p| p.first.year());
        if links.is_empty() {
            let reason = match signed {
                Some(y) if y < UCDP_FIRST_YEAR => format!(
                    "no UCDP conflict or dyad is linked: signed in {y}, before UCDP's coverage starts ({UCDP_FIRST_YEAR})"
                ),
                _ => "no UCDP conflict or dyad is linked".to_string(),
            };
            checks.push(Check {
                outcome: o,
                process,
                link: None,
                name: None,
                in_signing_year: None,
                after: Vec::new(),
                verdict: Verdict::CannotTell,
                reason,
            });
            continue;
        }
        for link in links {
            let (level, name, what) = match link.kind {
                UcdpKind::Dyad => {
                    let name = u
                        .dyads
                        .get(&link.ucdp_id)
                        .map(|d| format!("{} – {}", d.side_a, d.side_b));
                    (Level::Dyad, name, format!("dyad {}", link.ucdp_id))
                }
                _ => {
                    let name = u.conflicts.get(&link.ucdp_id).map(|c| c.name.clone());
                    (Level::Conflict, name, format!("conflict {}", link.ucdp_id))
                }
            };
            let Some(signed) = signed else {
                checks.push(Check {
                    outcome: o,
                    process,
                    link: Some(link),
                    name,
                    in_signing_year: None,
                    after: Vec::new(),
                    verdict: Verdict::CannotTell,
                    reason: "the agreement has no date".to_string(),
                });
                continue;
            };
            let active = |y: i32| u.activity.is_active(level, link.ucdp_id, y);
            let after: Vec<i32> = (signed.saturating_add(1)..=u.last_year)
                .filter(|&y| active(y))
                .collect();
            let in_signing_year = active(signed);
            let seen = Observed {
                what: &what,
                signed,
                in_signing_year,
                after: &after,
                last_year: u.last_year,
            };
            let (verdict, reason) = judge(o, process.status, link, &seen);
            checks.push(Check {
                outcome: o,
                process,
                link: Some(link),
                name,
                in_signing_year: Some(in_signing_year),
                after,
                verdict,
                reason,
            });
        }
    }
    let after: Vec<Vec<i32>> = checks.iter().map(|c| c.after.clone()).collect();
    let columns = vec![
        strings("outcome_id", checks.iter().map(|c| c.outcome.id.as_str())),
        strings("process_id", checks.iter().map(|c| c.process.id.as_str())),
        enum_series("held", checks.iter().map(|c| Some(c.outcome.held)))?,
        date_series(
            "signed",
            checks.iter().map(|c| c.outcome.date.map(|p| p.first)),
        )?
        .into(),
        date_series(
            "ended",
            checks.iter().map(|c| c.outcome.ended.map(|p| p.first)),
        )?
        .into(),
        opt_strings(
            "link_id",
            checks.iter().map(|c| c.link.map(|l| l.id.as_str())),
        ),
        opt_strings(
            "level",
            checks.iter().map(|c| c.link.map(|l| l.kind.as_str())),
        ),
        ints(
            "ucdp_id",
            checks.iter().map(|c| c.link.map(|l| l.ucdp_id as i64)),
        ),
        opt_strings("ucdp_name", checks.iter().map(|c| c.name.as_deref())),
        opt_strings(
            "match",
            checks.iter().map(|c| c.link.map(|l| l.matches.as_str())),
        ),
        bools(
            "active_in_signing_year",
            checks.iter().map(|c| c.in_signing_year),
        ),
        year_lists("active_after", &after)?,
        strings("verdict", checks.iter().map(|c| c.verdict.as_str())),
        strings("reason", checks.iter().map(|c| c.reason.as_str())),
    ];
    Ok(DataFrame::new(checks.len(), columns)?)
}
