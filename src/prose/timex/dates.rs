//! Reading a date's words into what they say, and resolving that against
//! the article's date.

#[allow(unused_imports)]
use super::*;

/// A month name at `i` (capitalized): `(month, tokens used)`; an
/// abbreviation takes its period with it.
pub(super) fn month_at(toks: &[Token], i: usize) -> Option<(u32, usize, bool)> {
    let t = toks.get(i).filter(|t| t.kind == Tok::Word && t.cap)?;
    if let Some(m) = MONTHS.iter().position(|m| *m == t.text) {
        return Some((m as u32 + 1, 1, false));
    }
    let &(_, m) = MONTH_ABBREVS.iter().find(|(a, _)| *a == t.text)?;
    let dot = toks
        .get(i + 1)
        .is_some_and(|d| d.kind == Tok::Punct('.') && d.start == t.end);
    Some((m, 1 + usize::from(dot), true))
}

/// A day of the month at `i`: `2`, `2nd`.
pub(super) fn day_at(toks: &[Token], i: usize) -> Option<u32> {
    let t = toks.get(i)?;
    match t.kind {
        Tok::Num(v) if (1.0..=31.0).contains(&v) && v.fract() == 0.0 && t.text.len() <= 2 => {
            Some(v as u32)
        }
        Tok::Ordinal(v) if (1..=31).contains(&v) => Some(v),
        _ => None,
    }
}

/// A year in digits at `i`: four digits, 1000 to 2199.
pub(super) fn year_at(toks: &[Token], i: usize) -> Option<i32> {
    let t = toks.get(i)?;
    match t.kind {
        Tok::Num(v)
            if t.text.len() == 4
                && t.text.bytes().all(|b| b.is_ascii_digit())
                && (1000.0..2200.0).contains(&v) =>
        {
            Some(v as i32)
        }
        _ => None,
    }
}

/// A date starting at token `i` (including a `by` or `early`/`mid`/`late`
/// before it).
pub(super) fn date_at(toks: &[Token], i: usize, anchor: Option<NaiveDate>) -> Option<Candidate> {
    let t = toks.get(i)?;
    if t.is("by") {
        let mut c = date_at(toks, i + 1, anchor)?;
        c.first = i;
        c.kind = Kind::Deadline;
        return Some(c);
    }
    let (spec, last) = spec_at(toks, i)?;
    let tense = tense_before(toks, i);
    let (value, precision, basis) = resolve(&spec, anchor, tense);
    // Only a date whose year (or week) the text leaves open is placed by
    // its clause's tense.
    let open = matches!(
        spec,
        Spec::MonthDay(..) | Spec::Month(_, None) | Spec::Weekday(_, None)
    );
    Some(Candidate {
        first: i,
        last,
        kind: Kind::Date,
        date: Some(DateValue {
            value,
            precision,
            basis,
            tense: open.then_some(tense),
        }),
        parsed: None,
    })
}

/// Reads what a date at `i` says: `(spec, first token after it)`.
pub(super) fn spec_at(toks: &[Token], i: usize) -> Option<(Spec, usize)> {
    let t = toks.get(i)?;
    if matches!(t.kind, Tok::IsoDate | Tok::SlashDate) {
        return numeric_date(t).map(|date| (Spec::Stated(date, Precision::Day), i + 1));
    }
    match word_at(toks, i) {
        // "later this week", "earlier this month": a part of a period
        // relative to the article's, which the date stands for whole.
        "later" | "earlier" => {
            let (spec, end) = spec_at(toks, i + 1)?;
            return matches!(
                spec,
                Spec::RelWeek(_) | Spec::RelMonth(_) | Spec::RelYear(_)
            )
            .then_some((spec, end));
        }
        // "early 2025", "mid-May", "late March 1975": the qualifier is part of it.
        "early" | "mid" | "late" => {
            let (spec, end) = spec_at(toks, i + 1)?;
            return matches!(
                spec,
                Spec::Stated(_, Precision::Month | Precision::Year) | Spec::Month(..)
            )
            .then_some((spec, end));
        }
        "yesterday" | "today" | "tonight" | "tomorrow" | "last" | "next" | "this" => {
            return relative_at(toks, i);
        }
        _ => {}
    }
    if t.cap
        && let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == t.text)
    {
        return bare_weekday(toks, i, wd);
    }
    if let Some((m, used, abbrev)) = month_at(toks, i) {
        return month_first(toks, i, (m, used, abbrev));
    }
    if let Some(d) = day_at(toks, i) {
        return day_first(toks, i, d);
    }
    let y = year_at(toks, i)?;
    year_alone(toks, i, y)
}

/// The word at `k`, or `""` for anything else.
fn word_at(toks: &[Token], k: usize) -> &str {
    toks.get(k)
        .filter(|t| t.kind == Tok::Word)
        .map_or("", |t| t.text.as_str())
}

/// Whether a word before token `k` makes it a date ("in March").
fn cued(toks: &[Token], k: usize) -> bool {
    k > 0 && DATE_CUES.contains(&word_at(toks, k - 1))
}

/// A date in digits: `2025-12-02`, or `12/2/2025` (month first; a
/// two-digit year is 2000-2049 or 1950-1999).
fn numeric_date(t: &Token) -> Option<NaiveDate> {
    match t.kind {
        Tok::IsoDate => {
            let mut parts = t.text.split('-').map(|p| p.parse::<u32>().ok());
            let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
            NaiveDate::from_ymd_opt(y as i32, m, d)
        }
        Tok::SlashDate => {
            let mut parts = t.text.split('/').map(|p| p.parse::<u32>().ok());
            let (m, d, y) = (parts.next()??, parts.next()??, parts.next()??);
            let y = match y {
                0..=49 => 2000 + y,
                50..=99 => 1900 + y,
                _ => y,
            };
            NaiveDate::from_ymd_opt(y as i32, m, d)
        }
        _ => None,
    }
}

/// A date relative to the article's, at a relative word: yesterday, last
/// month, next year, this Tuesday, last March.
fn relative_at(toks: &[Token], i: usize) -> Option<(Spec, usize)> {
    let dir = match word_at(toks, i) {
        "yesterday" => return Some((Spec::Days(-1), i + 1)),
        "today" | "tonight" => return Some((Spec::Days(0), i + 1)),
        "tomorrow" => return Some((Spec::Days(1), i + 1)),
        "last" => -1,
        "next" => 1,
        "this" => 0,
        _ => return None,
    };
    match word_at(toks, i + 1) {
        "week" => return Some((Spec::RelWeek(dir), i + 2)),
        "month" => return Some((Spec::RelMonth(dir), i + 2)),
        "year" => return Some((Spec::RelYear(dir), i + 2)),
        _ => {}
    }
    if let Some(&(_, wd)) = toks
        .get(i + 1)
        .filter(|t| t.cap)
        .and_then(|t| WEEKDAYS.iter().find(|(n, _)| *n == t.text))
    {
        return Some((Spec::Weekday(wd, Some(dir)), i + 2));
    }
    if let Some((m, used, false)) = month_at(toks, i + 1)
        && year_at(toks, i + 1 + used).is_none()
        && day_at(toks, i + 1 + used).is_none()
    {
        return Some((Spec::Month(m, Some(dir)), i + 1 + used));
    }
    None
}

/// A capitalized weekday at `i` standing alone ("on Tuesday"), unless a
/// capitalized word before makes it a name ("Good Friday", "Super
/// Tuesday").
fn bare_weekday(toks: &[Token], i: usize, wd: Weekday) -> Option<(Spec, usize)> {
    let named = i.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|p| {
        p.kind == Tok::Word && p.cap && p.text != "on" && !DATE_CUES.contains(&p.text.as_str())
    });
    (!named).then_some((Spec::Weekday(wd, None), i + 1))
}

/// Month first, from the month `(m, tokens used, abbreviated)` at `i`:
/// "Dec. 2, 2025", "December 2", "March 1975", "in March".
fn month_first(
    toks: &[Token],
    i: usize,
    (m, used, abbrev): (u32, usize, bool),
) -> Option<(Spec, usize)> {
    let k = i + used;
    if let Some(d) = day_at(toks, k) {
        let mut y_at = k + 1;
        if toks.get(y_at).is_some_and(|t| t.kind == Tok::Punct(',')) {
            y_at += 1;
        }
        if let Some(y) = year_at(toks, y_at)
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            return Some((Spec::Stated(date, Precision::Day), y_at + 1));
        }
        // The day must not run on into a longer number ("May 10,000").
        return (d <= days_in(m)).then_some((Spec::MonthDay(m, d), k + 1));
    }
    let mut y_at = k;
    if toks.get(y_at).is_some_and(|t| t.kind == Tok::Punct(',')) {
        y_at += 1;
    }
    if let Some(y) = year_at(toks, y_at) {
        let date = NaiveDate::from_ymd_opt(y, m, 1)?;
        return Some((Spec::Stated(date, Precision::Month), y_at + 1));
    }
    // An abbreviation, "March" or "May" alone may be a word: a cue must
    // come before it.
    let ambiguous = abbrev || m == 3 || m == 5;
    (cued(toks, i) || !ambiguous).then_some((Spec::Month(m, None), k))
}

/// Day first, from the day `d` at `i`: "2 December 2025", "the 2nd of
/// December".
fn day_first(toks: &[Token], i: usize, d: u32) -> Option<(Spec, usize)> {
    let mut k = i + 1;
    if toks.get(k).is_some_and(|t| t.is("of"))
        && toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, Tok::Ordinal(_)))
    {
        k += 1;
    }
    let (m, used, _) = month_at(toks, k)?;
    let k = k + used;
    if let Some(y) = year_at(toks, k) {
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        return Some((Spec::Stated(date, Precision::Day), k + 1));
    }
    (d <= days_in(m)).then_some((Spec::MonthDay(m, d), k))
}

/// The year `y` at `i` on its own: "in 1994", "the 1973 war", but not
/// "2000 troops", "$1500".
fn year_alone(toks: &[Token], i: usize, y: i32) -> Option<(Spec, usize)> {
    let t = toks.get(i)?;
    let prev = i.checked_sub(1).and_then(|k| toks.get(k));
    let next = toks.get(i + 1);
    if prev.is_some_and(|p| matches!(p.kind, Tok::Punct('$' | '£' | '€' | '#')) && p.end == t.start)
        || next.is_some_and(|n| {
            matches!(n.kind, Tok::Punct('%')) || (n.hyphen && matches!(n.kind, Tok::Num(_)))
        })
    {
        return None;
    }
    let counted = next
        .is_some_and(|n| n.kind == Tok::Word && !n.cap && n.text.ends_with('s') && !n.possessive);
    if counted && !cued(toks, i) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, 1, 1)?;
    Some((Spec::Stated(date, Precision::Year), i + 1))
}

pub(super) fn days_in(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Resolves a date against the anchor: `(value, precision, basis)`. A
/// date without a year (or a bare weekday) falls before the anchor in a
/// past clause, after it in a future one, and nearest to it otherwise.
pub(super) fn resolve(
    spec: &Spec,
    anchor: Option<NaiveDate>,
    tense: Tense,
) -> (Option<NaiveDate>, Precision, Option<DateBasis>) {
    let precision = match spec {
        Spec::Stated(_, p) => *p,
        Spec::MonthDay(..) | Spec::Weekday(..) | Spec::Days(_) => Precision::Day,
        Spec::RelWeek(_) => Precision::Week,
        Spec::Month(..) | Spec::RelMonth(_) => Precision::Month,
        Spec::RelYear(_) => Precision::Year,
    };
    if let Spec::Stated(d, _) = spec {
        return (Some(*d), precision, Some(DateBasis::Stated));
    }
    let Some(a) = anchor else {
        return (None, precision, None);
    };
    let month_start = |months: i64| {
        let n = i64::from(a.year()) * 12 + i64::from(a.month0()) + months;
        let y = i32::try_from(n.div_euclid(12)).ok()?;
        NaiveDate::from_ymd_opt(y, u32::try_from(n.rem_euclid(12)).ok()? + 1, 1)
    };
    let value = match *spec {
        Spec::Stated(..) => None,
        Spec::MonthDay(m, d) => {
            let years = [a.year() - 1, a.year(), a.year() + 1];
            let dates: Vec<NaiveDate> = years
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                .collect();
            let before = dates.iter().rev().find(|x| **x <= a).copied();
            let after = dates.iter().find(|x| **x >= a).copied();
            match tense {
                Tense::Future => after,
                Tense::Past => before,
                Tense::Unmarked => nearest(a, before, after),
            }
        }
        Spec::Month(m, dir) => {
            // Months from the anchor's month back to the last `m`, or on to the next.
            let back = (i64::from(a.month()) - i64::from(m)).rem_euclid(12);
            let ahead = (i64::from(m) - i64::from(a.month())).rem_euclid(12);
            match dir {
                Some(-1) => month_start(-(if back == 0 { 12 } else { back })),
                Some(1) => month_start(if ahead == 0 { 12 } else { ahead }),
                Some(_) => NaiveDate::from_ymd_opt(a.year(), m, 1),
                None => match tense {
                    Tense::Future => month_start(ahead),
                    Tense::Past => month_start(-back),
                    // The nearer of the two (in months), the past one on a tie.
                    Tense::Unmarked if ahead < back => month_start(ahead),
                    Tense::Unmarked => month_start(-back),
                },
            }
        }
        Spec::Weekday(wd, dir) => {
            let (aw, w) = (
                i64::from(a.weekday().num_days_from_monday()),
                i64::from(wd.num_days_from_monday()),
            );
            let (back, ahead) = ((aw - w).rem_euclid(7), (w - aw).rem_euclid(7));
            let offset = match dir {
                Some(-1) => -(if back == 0 { 7 } else { back }),
                Some(1) => {
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                Some(_) => w - aw,
                None => match tense {
                    Tense::Future => ahead,
                    Tense::Past => -back,
                    Tense::Unmarked if ahead < back => ahead,
                    Tense::Unmarked => -back,
                },
            };
            add_days(a, offset)
        }
        Spec::RelWeek(k) => add_days(
            a,
            7 * i64::from(k) - i64::from(a.weekday().num_days_from_monday()),
        ),
        Spec::Days(n) => add_days(a, n),
        Spec::RelMonth(k) => month_start(i64::from(k)),
        Spec::RelYear(k) => NaiveDate::from_ymd_opt(a.year() + k, 1, 1),
    };
    (value, precision, value.map(|_| DateBasis::Inferred))
}

/// The nearer of two dates to `a` (the earlier on a tie).
fn nearest(a: NaiveDate, before: Option<NaiveDate>, after: Option<NaiveDate>) -> Option<NaiveDate> {
    match (before, after) {
        (Some(b), Some(f)) if (f - a) < (a - b) => Some(f),
        (Some(b), _) => Some(b),
        (None, f) => f,
    }
}

pub(super) fn add_days(a: NaiveDate, n: i64) -> Option<NaiveDate> {
    let d = Days::new(n.unsigned_abs());
    if n >= 0 {
        a.checked_add_days(d)
    } else {
        a.checked_sub_days(d)
    }
}
