//! The articles' `held` codings checked against UCDP's activity.

#[allow(unused_imports)]
use super::*;

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
        if links.is_empty() {
            checks.push(unlinked(o, process));
        }
        for link in links {
            checks.push(check_link(&u, o, process, link));
        }
    }
    frame(&checks)
}

/// The row of an agreement with no UCDP conflict or dyad linked.
fn unlinked<'a>(
    o: &'a crate::tables::model::Outcome,
    process: &'a crate::tables::model::Process,
) -> Check<'a> {
    let reason = match o.date.map(|p| p.first.year()) {
        Some(y) if y < UCDP_FIRST_YEAR => format!(
            "no UCDP conflict or dyad is linked: signed in {y}, before UCDP's coverage starts ({UCDP_FIRST_YEAR})"
        ),
        _ => "no UCDP conflict or dyad is linked".to_string(),
    };
    Check {
        outcome: o,
        process,
        link: None,
        name: None,
        in_signing_year: None,
        after: Vec::new(),
        verdict: Verdict::CannotTell,
        reason,
    }
}

/// The row of an agreement and one linked conflict or dyad: its activity
/// in and after the signing year, and the verdict on the coding.
fn check_link<'a>(
    u: &Ucdp,
    o: &'a crate::tables::model::Outcome,
    process: &'a crate::tables::model::Process,
    link: &'a Link,
) -> Check<'a> {
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
    let Some(signed) = o.date.map(|p| p.first.year()) else {
        return Check {
            outcome: o,
            process,
            link: Some(link),
            name,
            in_signing_year: None,
            after: Vec::new(),
            verdict: Verdict::CannotTell,
            reason: "the agreement has no date".to_string(),
        };
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
    Check {
        outcome: o,
        process,
        link: Some(link),
        name,
        in_signing_year: Some(in_signing_year),
        after,
        verdict,
        reason,
    }
}

/// The checks as [`held_check`]'s DataFrame.
fn frame(checks: &[Check]) -> Result<DataFrame> {
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
