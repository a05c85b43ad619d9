//! The durations rule: each phrase as the normalizer reads it.

#[allow(unused_imports)]
use super::*;
use crate::prose::phrase::Normalized;

/// A durations row's `iso`, `modifier`, `days_low`, `days_high` (and
/// `count`) are what the normalizer makes of its `phrase`; only deadlines
/// and pledges have a fate.
pub(super) fn durations(d: &TableData, problems: &mut Vec<Problem>) {
    let (low, high) = (numbers(d, "days_low"), numbers(d, "days_high"));
    let count: &[Option<i64>] = match d.values("count") {
        Some(Values::Integer(v)) => v,
        _ => &[],
    };
    let empty = Texts::default();
    let text = |n: &str| texts(d, n).unwrap_or(&empty);
    let (phrase, iso, modifier, kind, fate) = (
        text("phrase"),
        text("iso"),
        text("modifier"),
        text("kind"),
        text("fate"),
    );
    // A phrase is normalized once, however many rows state it.
    let mut normalized: HashMap<&str, Result<Normalized, String>> = HashMap::new();
    for row in 0..d.height() {
        let lo = low.get(row).copied().flatten();
        let hi = high.get(row).copied().flatten();
        if let (Some(lo), Some(hi)) = (lo, hi)
            && (lo < 0.0 || lo > hi)
        {
            problems.push(d.problem(
                row,
                "days_high",
                format!("days_low ({lo}) must be ≥ 0 and ≤ days_high"),
                Some(&hi.to_string()),
            ));
        }
        let kind_of = kind.get(row).and_then(DurationKind::parse);
        let deadline = kind_of.is_some_and(DurationKind::is_commitment);
        if !deadline && fate.get(row).is_some_and(|f| f != "not_applicable") {
            problems.push(d.problem(
                row,
                "fate",
                "only deadlines and pledges have a fate; use not_applicable",
                fate.get(row),
            ));
        }
        let Some(p) = phrase.get(row) else {
            if t_empty(d, "phrase", row) {
                no_phrase(d, row, kind_of, problems);
            }
            continue;
        };
        for c in ["iso", "modifier", "days_low", "days_high"] {
            if t_empty(d, c, row) {
                problems.push(d.problem(
                    row,
                    c,
                    format!("`phrase` is set, so `{c}` is required"),
                    Some(""),
                ));
            }
        }
        let n = match normalized.entry(p).or_insert_with(|| {
            crate::prose::phrase::normalize(p).map_err(|e| match e {
                Error::Phrase { reason, .. } => reason,
                other => other.to_string(),
            })
        }) {
            Ok(n) => n,
            Err(reason) => {
                problems.push(d.problem(
                    row,
                    "phrase",
                    format!("cannot normalize the phrase: {reason}"),
                    Some(p),
                ));
                continue;
            }
        };
        let stated = Stated {
            iso: iso.get(row),
            modifier: modifier.get(row),
            lo,
            hi,
            count: count.get(row).copied().flatten(),
        };
        as_normalized(d, row, p, n, &stated, problems);
    }
}

/// A row with an empty phrase: only a pledge may have none, and then no
/// ISO value, modifier or days either.
fn no_phrase(d: &TableData, row: usize, kind: Option<DurationKind>, problems: &mut Vec<Problem>) {
    if kind.is_some_and(|k| k != DurationKind::Pledge) {
        problems.push(d.problem(
            row,
            "phrase",
            "only a pledge may have no time span; give the phrase",
            Some(""),
        ));
    }
    for c in ["iso", "modifier", "days_low", "days_high"] {
        if !t_empty(d, c, row) {
            problems.push(d.problem(
                row,
                c,
                format!("`{c}` is set but `phrase` is empty"),
                Some(&d.columns[d.spec.index(c).unwrap_or(0)].render(row)),
            ));
        }
    }
}

/// What a durations row states beside its phrase.
struct Stated<'a> {
    iso: Option<&'a str>,
    modifier: Option<&'a str>,
    lo: Option<f64>,
    hi: Option<f64>,
    count: Option<i64>,
}

/// Each value the row states is the one its phrase `p` normalizes to
/// (`n`).
fn as_normalized(
    d: &TableData,
    row: usize,
    p: &str,
    n: &Normalized,
    stated: &Stated,
    problems: &mut Vec<Problem>,
) {
    let mut expect = |col: &str, want: &dyn std::fmt::Display, have: Option<String>| {
        let want = want.to_string();
        if have.as_deref().is_some_and(|h| h != want) {
            problems.push(d.problem(
                row,
                col,
                format!("does not match the phrase {p:?}, which gives {want}"),
                have.as_deref(),
            ));
        }
    };
    let Stated {
        iso,
        modifier,
        lo,
        hi,
        count,
    } = *stated;
    if iso.is_some_and(|h| h != n.iso) {
        expect("iso", &n.iso, iso.map(str::to_string));
    }
    if modifier.is_some_and(|h| h != n.modifier.as_str()) {
        expect(
            "modifier",
            &n.modifier.as_str(),
            modifier.map(str::to_string),
        );
    }
    if lo.is_some_and(|h| h != n.days_low) {
        expect("days_low", &n.days_low, lo.map(|x| x.to_string()));
    }
    if hi.is_some_and(|h| h != n.days_high) {
        expect("days_high", &n.days_high, hi.map(|x| x.to_string()));
    }
    if let Some((c, _)) = &n.count
        && count.is_some_and(|h| h as f64 != *c as f64)
    {
        expect("count", c, count.map(|x| (x as f64).to_string()));
    }
}
