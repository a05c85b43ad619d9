//! The durability rule applied to agreements and conflict years, and the base-rate tables over it.

#[allow(unused_imports)]
use super::*;

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

    pub(super) fn set(&self, level: Level) -> &BTreeSet<(u64, i32)> {
        match level {
            Level::Conflict => &self.conflict_years,
            Level::Dyad => &self.dyad_years,
        }
    }

    /// The first year in `from..=to` in which any of `ids` is active.
    pub(super) fn first_active(
        &self,
        level: Level,
        ids: &[u64],
        from: i64,
        to: i64,
    ) -> Option<i64> {
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
    pub(super) fn first_quiet(&self, level: Level, ids: &[u64], from: i64, to: i64) -> Option<i64> {
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

pub(super) fn clamp_year(y: i64) -> i32 {
    y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
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
/// the [module docs](super#the-durability-of-peace-agreements).
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
