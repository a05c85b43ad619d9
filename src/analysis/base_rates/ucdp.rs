//! The UCDP tables read into agreements and active years, and the estimates over them.

#[allow(unused_imports)]
use super::*;

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

/// A problem about a whole column, as a data error.
pub(super) fn column_problem(t: &TableData, name: &str, what: &str) -> Error {
    vec![Problem::file(
        &t.file,
        format!("column '{name}' is missing or does not hold {what}"),
    )]
    .into()
}

pub(super) fn int_column<'a>(t: &'a TableData, name: &str) -> Result<&'a [Option<i64>]> {
    match t.values(name) {
        Some(Values::Integer(v)) => Ok(v),
        _ => Err(column_problem(t, name, "integers")),
    }
}

pub(super) fn text_column<'a>(t: &'a TableData, name: &str) -> Result<&'a Texts> {
    match t.values(name) {
        Some(Values::Text(v)) => Ok(v),
        _ => Err(column_problem(t, name, "text")),
    }
}

pub(super) fn list_column<'a>(t: &'a TableData, name: &str) -> Result<&'a Texts> {
    match t.values(name) {
        Some(Values::List(v)) => Ok(v),
        _ => Err(column_problem(t, name, "a list")),
    }
}

/// A positioned problem at `row`, `column` of `t`.
pub(super) fn cell_error(
    t: &TableData,
    row: usize,
    column: &str,
    message: &str,
    value: Option<&str>,
) -> Error {
    vec![t.problem(row, column, message, value)].into()
}

impl<'a> Cells<'a> {
    pub(super) fn id(&self, column: &str, values: &[Option<i64>], row: usize) -> Result<u64> {
        self.opt_id(column, values, row)?
            .ok_or_else(|| cell_error(self.t, row, column, "empty; a UCDP id is required", None))
    }

    pub(super) fn opt_id(
        &self,
        column: &str,
        values: &[Option<i64>],
        row: usize,
    ) -> Result<Option<u64>> {
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

    pub(super) fn year(&self, column: &str, values: &[Option<i64>], row: usize) -> Result<i32> {
        self.opt_year(column, values, row)?
            .ok_or_else(|| cell_error(self.t, row, column, "empty; a year is required", None))
    }

    pub(super) fn opt_year(
        &self,
        column: &str,
        values: &[Option<i64>],
        row: usize,
    ) -> Result<Option<i32>> {
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

    pub(super) fn text(&self, column: &str, values: &'a Texts, row: usize) -> Result<&'a str> {
        values
            .get(row)
            .ok_or_else(|| cell_error(self.t, row, column, "empty; a value is required", None))
    }

    pub(super) fn ids(&self, column: &str, values: &Texts, row: usize) -> Result<Vec<u64>> {
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
        // In this order, so a broken context reports the same first error.
        let conflicts = read_conflicts(ctx)?;
        let dyads = read_dyads(ctx)?;
        let conflict_years = read_years(ctx, "ucdp_conflict_years", "conflict_id")?;
        let dyad_years = read_years(ctx, "ucdp_dyad_years", "dyad_id")?;
        let last_year = conflict_years
            .iter()
            .map(|&(_, y)| y)
            .max()
            .unwrap_or(crate::tables::context::LAST_YEAR);
        let activity = Activity::new(conflict_years, dyad_years);
        Ok(Ucdp {
            agreements: read_agreements(ctx)?,
            activity,
            conflicts,
            dyads,
            episodes: read_episodes(ctx)?,
            links: read_links(ctx)?,
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
    pub(super) fn groups(
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

fn read_conflicts(ctx: &Context) -> Result<BTreeMap<u64, Conflict>> {
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
    Ok(conflicts)
}

fn read_dyads(ctx: &Context) -> Result<BTreeMap<u64, Dyad>> {
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
    Ok(dyads)
}

/// The active years of a table of them (conflict or dyad years): `(id,
/// year)`, the id in column `id_column`.
fn read_years(ctx: &Context, table: &str, id_column: &str) -> Result<Vec<(u64, i32)>> {
    let t = ctx.table(table)?;
    let c = Cells { t };
    let (ids, years) = (int_column(t, id_column)?, int_column(t, "year")?);
    let mut out = Vec::with_capacity(t.height());
    for row in 0..t.height() {
        out.push((c.id(id_column, ids, row)?, c.year("year", years, row)?));
    }
    Ok(out)
}

/// The peace agreements; a `pa_type` outside 1-3, or a label that
/// contradicts it, is an error at its cell.
fn read_agreements(ctx: &Context) -> Result<Vec<Agreement>> {
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
    Ok(agreements)
}

fn read_episodes(ctx: &Context) -> Result<Vec<Episode>> {
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
    Ok(episodes)
}

/// The links from the article cases to UCDP.
fn read_links(ctx: &Context) -> Result<Vec<Link>> {
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
    Ok(links)
}

/// `"1"` for 1.0 (as the Python check writes its keys), `"2.5"` for 2.5.
pub(super) fn horizon_key(t: f64) -> String {
    if t.fract() == 0.0 && t.abs() < 1e15 {
        format!("{}", t as i64)
    } else {
        format!("{t}")
    }
}

pub(super) fn group_label(group: Option<PaType>) -> &'static str {
    group.map_or("all", PaType::label)
}

pub(super) fn spell_curve(spells: &[survival::Spell]) -> Result<Curve> {
    let times: Vec<f64> = spells.iter().map(|s| s.time).collect();
    let events: Vec<bool> = spells.iter().map(|s| s.event).collect();
    kaplan_meier(&times, &events)
}

/// The `p`-quantile of sorted values, linear between order statistics
/// (R's type 7); `None` for no values.
pub(super) fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let first = *sorted.first()?;
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let x_lo = sorted.get(lo).copied().unwrap_or(first);
    let x_hi = sorted.get(lo + 1).copied().unwrap_or(x_lo);
    Some(x_lo + (h - lo as f64) * (x_hi - x_lo))
}

pub(super) fn ints(name: &str, v: impl IntoIterator<Item = Option<i64>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

pub(super) fn floats(name: &str, v: impl IntoIterator<Item = Option<f64>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

pub(super) fn bools(name: &str, v: impl IntoIterator<Item = Option<bool>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

pub(super) fn strings<'a>(name: &str, v: impl IntoIterator<Item = &'a str>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

pub(super) fn opt_strings<'a>(name: &str, v: impl IntoIterator<Item = Option<&'a str>>) -> Column {
    Series::new(name.into(), v.into_iter().collect::<Vec<_>>()).into()
}

pub(super) fn year_lists(name: &str, v: &[Vec<i32>]) -> Result<Column> {
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
