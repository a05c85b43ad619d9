//! The codebooks and `datapackage.json`, written from the schema and the
//! shipped data so they cannot drift from either.
//!
//! `cargo test` regenerates them and fails when the committed copies differ;
//! `NEGOTIATIONS_BLESS=1 cargo test` rewrites the committed copies after an
//! intended change.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::error::Result;
use crate::tables::dataset::{Dataset, TABLES};
use crate::tables::schema::{Kind, Table};

/// The version of the shipped data; `data/CHANGES.md` says what each
/// version changed.
pub const DATA_VERSION: &str = "0.2.0";

/// The Frictionless Data Package describing every table, as pretty JSON.
///
/// ```
/// let json = negotiations::codebook::datapackage_json();
/// assert!(json.contains("\"primaryKey\""));
/// ```
pub fn datapackage_json() -> String {
    let resources: Vec<Value> = TABLES.iter().map(|t| resource(t)).collect();
    let package = json!({
        "profile": "tabular-data-package",
        "name": "negotiations",
        "version": DATA_VERSION,
        "title": "Negotiations: Kissinger's shuttle diplomacy and Trump's envoy-and-summit diplomacy",
        "description": "Meetings, processes, stated durations, outcomes and coded approaches drawn from five articles (2025) comparing Henry Kissinger's 1973–75 shuttle diplomacy with Donald Trump's 2025 diplomacy, with historic cases. Every row cites a verbatim quote from its article (sources/<source_id>.txt).",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    });
    let mut s = serde_json::to_string_pretty(&package).unwrap_or_default();
    s.push('\n');
    s
}

/// The Frictionless Data Package of the context tables (`data/context/`):
/// the UCDP tables and the links, with UCDP's licence and attribution.
///
/// ```
/// let json = negotiations::codebook::context_datapackage_json();
/// assert!(json.contains("ucdp_peace_agreements") && json.contains("CC-BY-4.0"));
/// ```
pub fn context_datapackage_json() -> String {
    let resources: Vec<Value> = crate::tables::context::TABLES
        .iter()
        .map(|t| resource(t))
        .collect();
    let package = json!({
        "profile": "tabular-data-package",
        "name": "negotiations-context",
        "version": DATA_VERSION,
        "title": "Context: UCDP peace agreements, armed conflicts and conflict termination, with links to the article cases",
        "description": "Column subsets of Uppsala Conflict Data Program (UCDP) datasets, for base rates (how long agreements hold, how conflicts end), and the links from the article processes and outcomes to UCDP's ids. README.md is the codebook: sources, citations, limitations, checksums and the durability rule.",
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": "Uppsala Conflict Data Program (UCDP)", "path": "https://ucdp.uu.se/downloads/"}],
        "attribution": crate::tables::context::ATTRIBUTION,
        "resources": resources,
    });
    let mut s = serde_json::to_string_pretty(&package).unwrap_or_default();
    s.push('\n');
    s
}

fn resource(t: &Table) -> Value {
    let fields: Vec<Value> = t
        .columns
        .iter()
        .map(|c| {
            let mut f = json!({
                "name": c.name,
                "type": c.kind.frictionless_type(),
                "description": c.description,
            });
            if c.kind == Kind::Date {
                f["format"] = json!("%Y-%m-%d");
            }
            let mut constraints = serde_json::Map::new();
            if c.required {
                constraints.insert("required".into(), json!(true));
            }
            if let Kind::Enum(values) = c.kind {
                constraints.insert("enum".into(), json!(values));
            }
            if c.kind == Kind::IntegerList {
                constraints.insert("pattern".into(), json!("-?[0-9]+(;-?[0-9]+)*"));
            }
            if c.file_name {
                constraints.insert(
                    "pattern".into(),
                    json!(crate::base::paths::FILE_NAME_PATTERN),
                );
            }
            if c.max_len > 0 && matches!(c.kind, Kind::Text | Kind::List | Kind::IntegerList) {
                constraints.insert("maxLength".into(), json!(c.max_len));
            }
            if !constraints.is_empty() {
                f["constraints"] = Value::Object(constraints);
            }
            f
        })
        .collect();
    // A Table Schema foreign key compares whole cells, so a list column
    // (`conflict_ids` of `ucdp_peace_agreements`: "309;310") cannot declare
    // one; `check` holds each of its items to the referenced table, and
    // `ucdp_peace_agreement_conflicts` gives the same ties in long form.
    let foreign_keys: Vec<Value> = t
        .columns
        .iter()
        .filter(|c| !matches!(c.kind, Kind::List | Kind::IntegerList))
        .filter_map(|c| {
            let (table, column) = c.references?;
            Some(json!({"fields": c.name, "reference": {"resource": table, "fields": column}}))
        })
        .collect();
    let mut schema = json!({
        "fields": fields,
        "missingValues": [""],
        "primaryKey": t.primary_key,
    });
    if !foreign_keys.is_empty() {
        schema["foreignKeys"] = json!(foreign_keys);
    }
    json!({
        "name": t.name,
        "path": t.file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": t.row,
        "schema": schema,
    })
}

/// The codebook of one table: what a row is, the row count, every column
/// (type, unit, allowed values, meaning), the keys and the sources cited.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let md = negotiations::codebook::codebook(&data, "meetings")?;
/// assert!(md.contains("**Rows:** 222"));
/// assert!(md.contains("| `format` | enum |"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn codebook(data: &Dataset, table: &str) -> Result<String> {
    let t = data.table(table)?;
    let spec = t.spec;
    let mut s = String::new();
    let _ = writeln!(s, "# Codebook: `{}`\n", spec.name);
    let _ = writeln!(s, "**A row is** {}\n", lower_first(spec.row));
    let _ = writeln!(
        s,
        "**File:** `data/{}` · **Rows:** {} · **Primary key:** {}\n",
        spec.file,
        t.height(),
        spec.primary_key
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(" + ")
    );
    let _ = writeln!(
        s,
        "| column | type | unit | required | allowed values | meaning |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|");
    for c in spec.columns {
        let allowed = match c.kind {
            Kind::Enum(v) => v
                .iter()
                .map(|x| format!("`{x}`"))
                .collect::<Vec<_>>()
                .join(", "),
            Kind::Boolean => "`true`, `false`".into(),
            Kind::Date => "`YYYY-MM-DD`".into(),
            _ if c.file_name => format!(
                "a plain file name (`{}`): no path, no `..`",
                crate::base::paths::FILE_NAME_PATTERN
            ),
            _ => match c.references {
                Some((table, col)) => format!("a `{table}.{col}`"),
                None => String::new(),
            },
        };
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} | {} | {} |",
            c.name,
            c.kind.label(),
            c.unit.unwrap_or(""),
            if c.required { "yes" } else { "no" },
            allowed,
            c.description.replace('|', "\\|"),
        );
    }
    if let Some(extra) = table_rules(spec.name) {
        let _ = writeln!(s, "\n{extra}");
    }
    // Which articles this table cites, so a reader can go to them.
    let cited: BTreeSet<&str> = (0..t.height())
        .filter_map(|r| t.text("source_id", r))
        .collect();
    let sources = data.table("sources")?;
    let _ = writeln!(s, "\n**Sources cited:**\n");
    for r in 0..sources.height() {
        let Some(id) = sources.text("source_id", r) else {
            continue;
        };
        if spec.name != "sources" && !cited.contains(id) {
            continue;
        }
        let _ = writeln!(s, "- {}", citation(sources, r));
    }
    Ok(s)
}

/// A citation of the article in row `r` of the sources table.
fn citation(sources: &crate::tables::table::TableData, r: usize) -> String {
    let id = sources.text("source_id", r).unwrap_or_default();
    let title = sources
        .text("title", r)
        .map(|t| format!("“{t}”"))
        .unwrap_or_else(|| {
            format!(
                "[untitled: {}]",
                sources.text("label", r).unwrap_or_default()
            )
        });
    let mut parts = vec![title];
    if let Some(a) = sources.text("author", r) {
        parts.push(a.to_string());
    }
    if let Some(o) = sources.text("outlet", r) {
        parts.push(format!("*{o}*"));
    }
    parts.push(
        sources
            .date("published", r)
            .map_or("undated".to_string(), |d| d.to_string()),
    );
    format!("`{id}`: {} (`data/sources/{id}.txt`)", parts.join(", "))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Rules a table follows beyond its columns' types.
fn table_rules(table: &str) -> Option<&'static str> {
    Some(match table {
        "processes" => {
            "**Rules** (the coding rules are in `data/CODING.md`; `check` enforces those marked there): `start_precision` is set exactly when `start` is (likewise `end`); a `month` or `year` date is the first day of that period and stands for the whole period. `end` ≥ `start`; an `ongoing` process has no `end`. `date_basis` is the weakest basis among the row's dates (`external` > `inferred` > `stated`). The mediator is never among the parties; a process the United States mediates does not list it as a party, and one it takes part in names who led for it (`us_lead`)."
        }
        "meetings" => {
            "**Rules:** `date_precision` is set exactly when `date` is; a `month` date (\"March 1975\") is the first of the month and stands for the whole month. A session falls within its process's dates, and within its mission's when it has one (a mission may serve several processes of its negotiator). Each `counterpart` is one of the process's `parties`. Phone calls have no `place`. A session whose date is not known has none, and no `date_basis`. A `stated` or `collective` row quotes its article; a `record` row quotes none. A `collective` or `record` row cites the document that dates it (`citation`, in a known form, and `citation_url`). Leader-level contact is `us_level` `president` (`UsLevel::is_leader_level`); a `summit` is leader-level."
        }
        "missions" => {
            "**Rules:** `end` ≥ `start`; a mission has at least one dated session, and its sessions fall between its `start` and `end`. `citation` (the document that dates the trip) is in a known form with its `citation_url`; `source_id` and `quote` (an article's mention of the mission) are set together or not at all."
        }
        "durations" => {
            "**Rules:** `iso`, `modifier`, `days_low` and `days_high` are what the phrase normalizer (`negotiations::phrase`, `negotiations duration PHRASE`) computes from `phrase`; `check` holds every row to it. A year is 365.2425 days, a month 30.436875; days are rounded to four decimals. `fate` is `not_applicable` except for deadlines and pledges. `due_date` ≥ `set_date`.\n\n**Vague quantities** (modifier `approx`): a couple = 2–3; a few = 2–4; several = 3–7; dozens = 24–99; hundreds = 200–999; a bare plural unit (`months`, `for hours`) = 2 up to one of the next larger unit (hours 2–24, days 2–7, weeks 2–4.35, months 2–12, years 2–10). `iso` gives the low end (`months` is `P2M`).\n\n**Hedges** on a count n: about/around/roughly/perhaps/`or so` → `approx`, 0.9n–1.1n (a vague range is kept as it is); almost/nearly → `less_than`, 0.9n–n; less than/under → `less_than`, 0–n; more than/over → `more_than`, n–1.5n; at least/`or more` → `at_least`, n–1.5n; within/up to/at most → `at_most`, 0–n; none, `in`, `for` → `exact`.\n\n**`over`** means *more than* before a number (\"over two years\") but *during* after a count of events (\"575 meetings over two years\") or before `the` (\"over the past week\"); as a span it is `approx`. Relative phrasing (`nine days after`, `seven years ago`, `50 years apart`, `the past 10 days`) measures the span itself; a trailing `of …` (\"years of groundwork\") is ignored."
        }
        "outcomes" => {
            "**Rules:** `ended` is set exactly when `held` is `suspended`, `superseded` or `unraveled`, and is not before `date`. Prizes and `no_agreement` rows are not agreements: their `held` is `not_applicable`, and every agreement's is not. An agreement is not dated after its process ended. `held` is judged as of the latest article (December 2025). In durability estimates a suspended or unraveled agreement failed on `ended`; a superseded one did not fail but is censored there; one still holding is censored at the as-of date."
        }
        "approaches" => {
            "**Rules:** one row per (`dimension`, `actor`); an actor the articles do not characterize on a dimension has no row."
        }
        _ => return None,
    })
}

/// `data/README.md`: the tables at a glance, then every codebook.
pub fn data_readme(data: &Dataset) -> Result<String> {
    let mut s = String::from(
        "# The data\n\nSeven tables drawn from five articles (2025) and the documentary record. Every row of `processes`, `durations`, `outcomes` and `approaches`, and every `stated` or `collective` row of `meetings`, cites a verbatim `quote` from its article, which `negotiations check` finds in `sources/<source_id>.txt`; sessions and missions from the record cite the document that dates them (`citation`: a FRUS document, a government readout, a dated report). Values an article does not state are marked `inferred` (reasoning in `notes`) or `external` (the public record) in `date_basis`.\n\n`datapackage.json` describes the tables as a Frictionless Data Package (`frictionless validate data/datapackage.json`). This file, the codebooks in the crate's documentation and `datapackage.json` are all written from the schema in `src/schema.rs` and the table modules; `NEGOTIATIONS_BLESS=1 cargo test` rewrites them after a change.\n\n`raw/` holds the articles as received; `sources/` the repaired texts (`negotiations build-sources`).\n\n## The article texts\n\n`raw/` and `sources/` hold the full texts of five news and opinion articles of 2025. They are not ours: their publishers and authors hold the rights (`sources.csv`, column `rights`; three of the texts name no outlet, and one is a republication of a New York Times article). They are kept here for one purpose: every row that quotes an article is checked against its text, so a reader can verify that each quote is verbatim and in context. You may read them to check the quotes; do not republish them, in whole or in part beyond short quotation. They are in the repository, not in the published crate (`cargo package` leaves `raw/` and `sources/` out): a crate built from crates.io holds the tables and says its quotes are unchecked, and `negotiations check --data DIR` with a clone's `data/` checks them. Everything else here is ours (MIT or Apache-2.0), but for the UCDP tables in `context/` (CC BY 4.0, attribution in `context/README.md`); `THIRD-PARTY.md` lists all third-party material.\n\n| table | rows | a row is |\n|---|---|---|\n",
    );
    for t in TABLES {
        let _ = writeln!(
            s,
            "| [`{}`](#codebook-{}) | {} | {} |",
            t.name,
            t.name,
            data.table(t.name)?.height(),
            t.row
        );
    }
    s.push('\n');
    for t in TABLES {
        s.push_str(&codebook(data, t.name)?.replace("# Codebook", "## Codebook"));
        s.push('\n');
    }
    Ok(s.trim_end().to_string() + "\n")
}
