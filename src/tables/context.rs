//! The context package: UCDP tables on peace agreements, armed conflicts
//! and how they ended, for base rates set beside the article cases; and the
//! links from the article processes and outcomes to UCDP's ids.
//!
//! The seven UCDP tables are column subsets of datasets of the Uppsala
//! Conflict Data Program, redistributed under CC BY 4.0; `data/context/`
//! holds them with their codebook (`README.md`: sources, citations,
//! limitations, checksums, the durability rule), which a test holds the
//! shipped files to. They are loaded by the same loader and checked by the
//! same rules as the article tables, and `check` reports their problems the
//! same way: `FILE:LINE:COLUMN: message (value)`.
//!
//! Attribution, required wherever these tables or figures from them are
//! published:
//!
//! > Data: Uppsala Conflict Data Program (UCDP), <https://ucdp.uu.se/downloads/>,
//! > CC BY 4.0; UCDP Peace Agreement Dataset v22.2, UCDP/PRIO Armed Conflict
//! > Dataset and UCDP Dyadic Dataset v26.1, UCDP Conflict Termination Dataset
//! > (dyad level). Processed by TOCSIN (K. Zajac) and nobel-2026-lab
//! > (F. Vázquez); reshaped for this project.
//!
//! | table | rows | a row is |
//! |---|---|---|
//! | `ucdp_peace_agreements` | 374 | a peace agreement, 1975–2021 |
//! | `ucdp_peace_agreement_conflicts` | 382 | an (agreement, conflict) pair |
//! | `ucdp_conflicts` | 303 | an armed conflict, 1946–2025 |
//! | `ucdp_conflict_years` | 2,816 | a year a conflict was active (≥ 25 battle deaths) |
//! | `ucdp_dyads` | 697 | a pair of warring sides |
//! | `ucdp_dyad_years` | 3,518 | a year a dyad was active |
//! | `ucdp_termination_episodes` | 985 | a dyad's run of active years, and how it ended |
//! | `links` | | an article process or outcome tied to a UCDP conflict, dyad or agreement |

use std::path::Path;
use std::sync::Arc;

use crate::error::{Problem, Result};
use crate::tables::dataset::{Dataset, Origin};
use crate::tables::package::Bytes;
use crate::tables::schema::{Kind, Table, col, max_len};
use crate::tables::table::TableData;

/// The attribution to print with any figure drawn from the UCDP tables.
pub const ATTRIBUTION: &str = "Data: Uppsala Conflict Data Program (UCDP), https://ucdp.uu.se/downloads/, CC BY 4.0; UCDP Peace Agreement Dataset v22.2, UCDP/PRIO Armed Conflict Dataset and UCDP Dyadic Dataset v26.1, UCDP Conflict Termination Dataset (dyad level). Processed by TOCSIN (K. Zajac) and nobel-2026-lab (F. Vázquez); reshaped for this project.";

/// The last year the conflict and dyad years cover.
pub const LAST_YEAR: i32 = 2025;

/// UCDP's types of conflict.
pub const CONFLICT_TYPE: &[&str] = &[
    "extrasystemic",
    "interstate",
    "intrastate",
    "internationalized_intrastate",
];
/// UCDP's incompatibilities.
pub const INCOMPATIBILITY: &[&str] = &["territory", "government", "both"];
/// UCDP's peace-agreement types (`pa_type` 1, 2, 3).
pub const PA_TYPE: &[&str] = &["full", "partial", "process"];
/// How a conflict episode ended (Kreutz's coding).
pub const TERMINATION: &[&str] = &[
    "peace_agreement",
    "ceasefire",
    "government_victory",
    "rebel_victory",
    "low_activity",
    "actor_ceases",
];
/// What a link points at.
pub const UCDP_KIND: &[&str] = &["conflict", "dyad", "agreement"];
/// How closely a link matches.
pub const MATCH: &[&str] = &["exact", "part_of", "related"];

const fn year(name: &'static str, description: &'static str) -> crate::tables::schema::Column {
    col(name, Kind::Integer, description).unit("year")
}

/// `ucdp_peace_agreements.csv`.
pub const PEACE_AGREEMENTS: Table = Table {
    name: "ucdp_peace_agreements",
    file: "ucdp_peace_agreements.csv",
    row: "One peace agreement (UCDP Peace Agreement Dataset v22.2), signed 1975-03-06 to 2021-05-02.",
    primary_key: &["paid"],
    columns: &[
        col("paid", Kind::Integer, "UCDP peace-agreement id.").required(),
        col("name", Kind::Text, "The agreement's name as UCDP gives it (spelling kept).").required().max_len(max_len::MEDIUM),
        col("date", Kind::Date, "Signing date.").required(),
        year("year", "Signing year (the year of `date`).").required(),
        col("pa_type", Kind::Integer, "UCDP `pa_type`: 1 full, 2 partial, 3 process.").required(),
        col("pa_type_label", Kind::Enum(PA_TYPE), "`full` (settles the whole incompatibility), `partial` (part of it) or `process` (sets out a process to settle it).").required(),
        col("conflict_ids", Kind::IntegerList, "The UCDP conflict(s) it concerns.").required().references("ucdp_conflicts", "conflict_id"),
        col("dyad_ids", Kind::IntegerList, "The UCDP dyads of the warring parties that signed it.").required().references("ucdp_dyads", "dyad_id"),
        col("incompatibility", Kind::Text, "The incompatibility of its conflict(s): `territory`, `government`, `both`, or `territory;government` when it spans conflicts.").required().max_len(max_len::ID),
    ],
};

/// `ucdp_peace_agreement_conflicts.csv`.
pub const PEACE_AGREEMENT_CONFLICTS: Table = Table {
    name: "ucdp_peace_agreement_conflicts",
    file: "ucdp_peace_agreement_conflicts.csv",
    row: "One (agreement, conflict) pair: `conflict_ids` in long form, for joins.",
    primary_key: &["paid", "conflict_id"],
    columns: &[
        col("paid", Kind::Integer, "UCDP peace-agreement id.")
            .required()
            .references("ucdp_peace_agreements", "paid"),
        col("conflict_id", Kind::Integer, "UCDP conflict id.")
            .required()
            .references("ucdp_conflicts", "conflict_id"),
    ],
};

/// `ucdp_conflicts.csv`.
pub const CONFLICTS: Table = Table {
    name: "ucdp_conflicts",
    file: "ucdp_conflicts.csv",
    row: "One armed conflict (UCDP/PRIO Armed Conflict Dataset 26.1), 1946–2025.",
    primary_key: &["conflict_id"],
    columns: &[
        col("conflict_id", Kind::Integer, "UCDP conflict id.").required(),
        col(
            "name",
            Kind::Text,
            "UCDP's name, \"Location: incompatibility\".",
        )
        .required(),
        col(
            "type",
            Kind::Enum(CONFLICT_TYPE),
            "Type of conflict, as coded in its latest year.",
        )
        .required(),
        col(
            "incompatibility",
            Kind::Enum(INCOMPATIBILITY),
            "What is contested.",
        )
        .required(),
        col(
            "regions",
            Kind::List,
            "UCDP region(s): Africa, Americas, Asia, Europe, Middle East.",
        )
        .required(),
        col(
            "location_gwno",
            Kind::IntegerList,
            "Gleditsch–Ward code(s) of the location.",
        )
        .required(),
        year("first_year", "First active year.").required(),
        year("last_year", "Last active year.").required(),
        col("n_active_years", Kind::Integer, "Number of active years.")
            .required()
            .unit("years"),
    ],
};

/// `ucdp_conflict_years.csv`.
pub const CONFLICT_YEARS: Table = Table {
    name: "ucdp_conflict_years",
    file: "ucdp_conflict_years.csv",
    row: "One year in which a conflict had at least 25 battle-related deaths; a missing year means below the threshold.",
    primary_key: &["conflict_id", "year"],
    columns: &[
        col("conflict_id", Kind::Integer, "UCDP conflict id.")
            .required()
            .references("ucdp_conflicts", "conflict_id"),
        year("year", "The active year.").required(),
    ],
};

/// `ucdp_dyads.csv`.
pub const DYADS: Table = Table {
    name: "ucdp_dyads",
    file: "ucdp_dyads.csv",
    row: "One dyad (UCDP Dyadic Dataset 26.1): a government and an opponent at war.",
    primary_key: &["dyad_id"],
    columns: &[
        col("dyad_id", Kind::Integer, "UCDP dyad id.").required(),
        col("conflict_id", Kind::Integer, "Its conflict.")
            .required()
            .references("ucdp_conflicts", "conflict_id"),
        col(
            "side_a",
            Kind::Text,
            "UCDP actor name of side A (a government).",
        )
        .required(),
        col("side_b", Kind::Text, "UCDP actor name of side B.").required(),
        col(
            "type",
            Kind::Enum(CONFLICT_TYPE),
            "Type, as coded in the dyad's first source row.",
        )
        .required(),
        year("first_year", "First active year.").required(),
        year("last_year", "Last active year.").required(),
        col("n_active_years", Kind::Integer, "Number of active years.")
            .required()
            .unit("years"),
    ],
};

/// `ucdp_dyad_years.csv`.
pub const DYAD_YEARS: Table = Table {
    name: "ucdp_dyad_years",
    file: "ucdp_dyad_years.csv",
    row: "One year in which a dyad was active.",
    primary_key: &["dyad_id", "year"],
    columns: &[
        col("dyad_id", Kind::Integer, "UCDP dyad id.")
            .required()
            .references("ucdp_dyads", "dyad_id"),
        col("conflict_id", Kind::Integer, "Its conflict.")
            .required()
            .references("ucdp_conflicts", "conflict_id"),
        year("year", "The active year.").required(),
        col(
            "intensity",
            Kind::Integer,
            "1: 25–999 battle-related deaths in the year; 2: at least 1,000.",
        )
        .required(),
    ],
};

/// `ucdp_termination_episodes.csv`.
pub const TERMINATION_EPISODES: Table = Table {
    name: "ucdp_termination_episodes",
    file: "ucdp_termination_episodes.csv",
    row: "One dyad episode (consecutive active years) and how it ended (UCDP Conflict Termination Dataset, dyad level).",
    primary_key: &["episode_id"],
    columns: &[
        // Not a key into `ucdp_dyads`: dyad 18169 is absent from Dyadic 26.1.
        col("dyad_id", Kind::Integer, "UCDP dyad id.").required(),
        col(
            "conflict_id",
            Kind::Integer,
            "The dyad's conflict; empty for dyad 18169 (absent from Dyadic 26.1).",
        )
        .references("ucdp_conflicts", "conflict_id"),
        col(
            "episode_id",
            Kind::Integer,
            "UCDP dyad-episode id (dyad_id × 100 + episode number).",
        )
        .required(),
        year("start_year", "First active year of the episode.").required(),
        year("end_year", "Last active year; empty while ongoing."),
        col(
            "terminated",
            Kind::Integer,
            "1 if the episode ended by the data's end, else 0.",
        )
        .required(),
        col(
            "outcome",
            Kind::Enum(TERMINATION),
            "How it ended (first inactive year); empty while ongoing and for episode 53801.",
        ),
        col(
            "length_years",
            Kind::Integer,
            "`end_year − start_year + 1`; empty while ongoing.",
        )
        .unit("years"),
    ],
};

/// `links.csv`: the article cases tied to UCDP's ids.
pub const LINKS: Table = Table {
    name: "links",
    file: "links.csv",
    row: "One tie between an article process (or one of its outcomes) and a UCDP conflict, dyad or agreement.",
    primary_key: &["link_id"],
    columns: &[
        col("link_id", Kind::Text, "Short, stable identifier.").required().max_len(max_len::ID),
        col("process_id", Kind::Text, "The article process (`processes.process_id`).").required().max_len(max_len::ID),
        col("outcome_id", Kind::Text, "The outcome, when the link is about one (`outcomes.outcome_id`).").max_len(max_len::ID),
        col("ucdp_kind", Kind::Enum(UCDP_KIND), "What `ucdp_id` names: a `conflict`, a `dyad` or an `agreement` (paid).").required(),
        col("ucdp_id", Kind::Integer, "The UCDP id; `check` finds it in the table `ucdp_kind` names.").required(),
        col("match", Kind::Enum(MATCH), "`exact` (the same conflict, dyad or agreement), `part_of` (one front or episode of a wider UCDP conflict), `related` (a predecessor or successor the case bears on).").required(),
        col("note", Kind::Text, "How sure the link is, and why.").required().max_len(max_len::LONG),
    ],
};

/// The context tables, in load order (a table comes after those it refers
/// to).
pub const TABLES: [&Table; 8] = [
    &CONFLICTS,
    &CONFLICT_YEARS,
    &DYADS,
    &DYAD_YEARS,
    &PEACE_AGREEMENTS,
    &PEACE_AGREEMENT_CONFLICTS,
    &TERMINATION_EPISODES,
    &LINKS,
];

/// The shipped context files, compiled into the crate.
mod embedded {
    macro_rules! files {
        ($($name:literal),* $(,)?) => {
            &[$(($name, include_bytes!(concat!("../../data/context/", $name)).as_slice())),*]
        };
    }
    /// `(path relative to data/context/, contents)`.
    pub(super) const FILES: &[(&str, &[u8])] = files![
        "ucdp_conflicts.csv",
        "ucdp_conflict_years.csv",
        "ucdp_dyads.csv",
        "ucdp_dyad_years.csv",
        "ucdp_peace_agreements.csv",
        "ucdp_peace_agreement_conflicts.csv",
        "ucdp_termination_episodes.csv",
        "links.csv",
        "README.md",
    ];
}

/// The context package, loaded and checked: the seven UCDP tables and the
/// links to the article cases.
///
/// ```
/// use negotiations::context::Context;
/// let ctx = Context::embedded()?;
/// assert_eq!(ctx.table("ucdp_peace_agreements")?.height(), 374);
/// let gfa = ctx.frame("ucdp_peace_agreements")?;
/// assert_eq!(gfa.height(), 374);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Context {
    origin: Origin,
    tables: Arc<Vec<TableData>>,
}

impl Context {
    /// The context data shipped with the crate (`data/context/`), checked
    /// like any other.
    pub fn embedded() -> Result<Context> {
        Context::read(Origin::Embedded, "context/", |name| {
            Ok(embedded::FILES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| Bytes::Borrowed(b)))
        })
    }

    /// The context tables in `dir`, laid out as the shipped `data/context/`.
    ///
    /// ```
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/context");
    /// let ctx = negotiations::context::Context::from_dir(dir)?;
    /// assert_eq!(ctx.table("ucdp_conflicts")?.height(), 303);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Context> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(crate::error::Error::NotADirectory(dir.to_path_buf()));
        }
        let prefix = crate::tables::package::prefix_of(dir);
        Context::read(Origin::Dir(dir.to_path_buf()), &prefix, |name| {
            Bytes::read(&crate::base::paths::inside(dir, name)?)
        })
    }

    /// The context for `data`: its directory's `context/` when it has one,
    /// else the shipped context.
    pub fn for_dataset(data: &Dataset) -> Result<Context> {
        match data.origin() {
            Origin::Dir(dir) if dir.join("context").is_dir() => {
                Context::from_dir(dir.join("context"))
            }
            _ => Context::embedded(),
        }
    }

    fn read<'a>(
        origin: Origin,
        prefix: &str,
        get: impl FnMut(&str) -> Result<Option<Bytes<'a>>>,
    ) -> Result<Context> {
        let (tables, mut problems) = crate::tables::package::read_tables(&TABLES, prefix, get)?;
        problems.extend(crate::tables::validate::validate(
            &tables,
            &Default::default(),
        ));
        if !problems.is_empty() {
            return Err(problems.into());
        }
        Ok(Context {
            origin,
            tables: Arc::new(tables),
        })
    }

    /// Where the context was read from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The parsed table named `name`.
    pub fn table(&self, name: &str) -> Result<&TableData> {
        self.tables
            .iter()
            .find(|t| t.spec.name == name)
            .ok_or_else(|| {
                crate::error::Error::unknown("context table", name, TABLES.iter().map(|t| t.name))
            })
    }

    /// The table named `name` as a polars DataFrame with real dtypes.
    pub fn frame(&self, name: &str) -> Result<polars::prelude::DataFrame> {
        crate::tables::frame::to_frame(self.table(name)?)
    }

    /// The links whose process or outcome is not in `data`, each as a
    /// problem at its row of `links.csv`. The shipped links name the
    /// shipped processes; a data directory of one's own that drops a
    /// process leaves its links dangling, which `check` reports.
    ///
    /// ```
    /// use negotiations::{context::Context, Dataset};
    /// let ctx = Context::embedded()?;
    /// assert!(ctx.check_links(&Dataset::embedded()?).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_links(&self, data: &Dataset) -> Vec<Problem> {
        let Ok(links) = self.table("links") else {
            return Vec::new();
        };
        let m = data.model();
        let outcomes: std::collections::HashSet<&str> =
            m.outcomes.iter().map(|o| o.id.as_str()).collect();
        let mut problems = Vec::new();
        for row in 0..links.height() {
            let process = links.text("process_id", row);
            if let Some(p) = process.filter(|p| m.process(p).is_none()) {
                problems.push(links.problem(
                    row,
                    "process_id",
                    "no processes row has this process_id",
                    Some(p),
                ));
            }
            let outcome = links.text("outcome_id", row);
            if let Some(o) = outcome.filter(|o| !outcomes.contains(o)) {
                problems.push(links.problem(
                    row,
                    "outcome_id",
                    "no outcomes row has this outcome_id",
                    Some(o),
                ));
            }
            // An outcome's link names the outcome's own process.
            if let (Some(p), Some(o)) = (process, outcome) {
                let owner = m
                    .outcomes
                    .iter()
                    .find(|x| x.id == o)
                    .map(|x| m.processes[x.process].id.as_str());
                if owner.is_some_and(|owner| owner != p) {
                    problems.push(links.problem(
                        row,
                        "process_id",
                        format!(
                            "outcome `{o}` belongs to process `{}`",
                            owner.unwrap_or_default()
                        ),
                        Some(p),
                    ));
                }
            }
        }
        problems
    }

    /// The codebook of the context tables (`data/context/README.md`), with
    /// the sources, citations, limitations, checksums and the durability
    /// rule.
    pub fn readme() -> &'static str {
        embedded::FILES
            .iter()
            .find(|(n, _)| *n == "README.md")
            .and_then(|(_, b)| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}
