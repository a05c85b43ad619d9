//! The duration-phrase normalizer: from "almost two years" or "within 50
//! days" to an ISO-8601 duration, a modifier and an interval of days.
//!
//! # Rules
//!
//! **Units.** minute, hour, day, week, fortnight (14 days), month, year,
//! decade, century, singular or plural. A year is 365.2425 days (the
//! Gregorian mean) and a month a twelfth of that, 30.436875 days. Days are
//! rounded to four decimals.
//!
//! **Numbers.** Digits (`50`, `2.5`, `1,000`), words (`fifty`, `twenty-five`,
//! `one hundred and twenty`), `a`/`an` (one), `a dozen`, and halves and
//! quarters (`two and a half years`, `a year and a half`, `half an hour`).
//!
//! **Vague quantities** give a range of counts, and the modifier `approx`:
//!
//! | words | count |
//! |---|---|
//! | a couple (of) | 2–3 |
//! | a few | 2–4 |
//! | several | 3–7 |
//! | dozens (of) | 24–99 |
//! | hundreds (of) | 200–999 |
//! | a bare plural unit (`months`, `for hours`) | 2 up to one of the next larger unit: hours 2–24, days 2–7, weeks 2–4.35 (a month), months 2–12, years 2–10, decades 2–10 |
//!
//! **Hedges** turn the count `n` (or the range `lo–hi`) into days:
//!
//! | words | modifier | interval |
//! |---|---|---|
//! | none, `in`, `for` | `exact` | n |
//! | about, around, roughly, approximately, some, perhaps, maybe; `... or so` | `approx` | 0.9 n – 1.1 n (a vague range is kept as it is) |
//! | almost, nearly, just under, not quite | `less_than` | 0.9 n – n |
//! | less than, under, fewer than | `less_than` | 0 – n |
//! | more than, over, upwards of, in excess of, longer than | `more_than` | n – 1.5 n |
//! | at least, no less than; `... or more` | `at_least` | n – 1.5 n |
//! | within, up to, at most, no more than; `... or less` | `at_most` | 0 – n |
//!
//! The upper bound of `more than` and `at least` is a convention: a writer
//! who meant twice the number would have said so, so half as much again is
//! taken as the most the phrase allows.
//!
//! **`over` is ambiguous.** It means *more than* when it modifies the number
//! ("over two years", "lasted over a week" is not accepted: give the span),
//! but *during* when it follows a count of events ("575 meetings over two
//! years") or precedes `the` ("over the past week"). As a span it is read as
//! `approx`: the count is taken as a round figure.
//!
//! **Relative phrasing** measures the same span: `nine days after`, `two
//! years later`, `seven years ago`, `50 years apart`, `the past 10 days`,
//! `the next two weeks`, `a few months earlier`. A trailing `of ...`
//! ("years of groundwork") is ignored.
//!
//! **ISO-8601.** The number and unit (`P2Y`, `P50D`, `PT24H`, `P2W`,
//! `P2.5Y`); for a vague range, its low end (`months` is `P2M`); decades and
//! centuries in years (`P10Y`); fortnights in weeks.

use serde::Serialize;

use crate::error::{Error, Result};

/// Days in a Gregorian year on average.
pub const DAYS_PER_YEAR: f64 = 365.2425;
/// Days in an average month.
pub const DAYS_PER_MONTH: f64 = DAYS_PER_YEAR / 12.0;

/// How a phrase bounds its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Modifier {
    /// Exactly the number.
    Exact,
    /// Roughly the number, or a vague quantity.
    Approx,
    /// Less than the number (almost, nearly, less than).
    LessThan,
    /// More than the number.
    MoreThan,
    /// No more than the number (within, up to).
    AtMost,
    /// No less than the number.
    AtLeast,
}

impl Modifier {
    /// The code used in the `durations` table.
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::Exact => "exact",
            Modifier::Approx => "approx",
            Modifier::LessThan => "less_than",
            Modifier::MoreThan => "more_than",
            Modifier::AtMost => "at_most",
            Modifier::AtLeast => "at_least",
        }
    }
}

/// A phrase, normalized.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Normalized {
    /// The phrase as given.
    pub phrase: String,
    /// ISO-8601 duration of the number and unit.
    pub iso: String,
    /// How the phrase bounds it.
    pub modifier: Modifier,
    /// The shortest span the phrase allows, in days.
    pub days_low: f64,
    /// The longest span the phrase allows, in days.
    pub days_high: f64,
    /// A count of events stated with the span ("575 meetings over two years").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<(u64, String)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Fortnight,
    Month,
    Year,
    Decade,
    Century,
}

impl Unit {
    fn parse(word: &str) -> Option<Unit> {
        Some(match word {
            "minute" | "minutes" | "min" | "mins" => Unit::Minute,
            "hour" | "hours" | "hr" | "hrs" => Unit::Hour,
            "day" | "days" => Unit::Day,
            "week" | "weeks" => Unit::Week,
            "fortnight" | "fortnights" => Unit::Fortnight,
            "month" | "months" => Unit::Month,
            "year" | "years" => Unit::Year,
            "decade" | "decades" => Unit::Decade,
            "century" | "centuries" => Unit::Century,
            _ => return None,
        })
    }

    fn days(self) -> f64 {
        match self {
            Unit::Minute => 1.0 / 1440.0,
            Unit::Hour => 1.0 / 24.0,
            Unit::Day => 1.0,
            Unit::Week => 7.0,
            Unit::Fortnight => 14.0,
            Unit::Month => DAYS_PER_MONTH,
            Unit::Year => DAYS_PER_YEAR,
            Unit::Decade => 10.0 * DAYS_PER_YEAR,
            Unit::Century => 100.0 * DAYS_PER_YEAR,
        }
    }

    /// How many of this unit make the next larger one: the top of a bare
    /// plural ("hours" is 2 to 24 hours).
    fn per_next(self) -> f64 {
        match self {
            Unit::Minute => 60.0,
            Unit::Hour => 24.0,
            Unit::Day => 7.0,
            Unit::Week | Unit::Fortnight => DAYS_PER_MONTH / self.days(),
            Unit::Month => 12.0,
            Unit::Year | Unit::Decade | Unit::Century => 10.0,
        }
    }

    fn iso(self, n: f64) -> String {
        let num = |x: f64| {
            let s = format!("{:.4}", x);
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        match self {
            Unit::Minute => format!("PT{}M", num(n)),
            Unit::Hour => format!("PT{}H", num(n)),
            Unit::Day => format!("P{}D", num(n)),
            Unit::Week => format!("P{}W", num(n)),
            Unit::Fortnight => format!("P{}W", num(2.0 * n)),
            Unit::Month => format!("P{}M", num(n)),
            Unit::Year => format!("P{}Y", num(n)),
            Unit::Decade => format!("P{}Y", num(10.0 * n)),
            Unit::Century => format!("P{}Y", num(100.0 * n)),
        }
    }
}

/// What a hedge does to the count.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Hedge {
    None,
    Approx,
    Almost,
    LessThan,
    MoreThan,
    AtLeast,
    AtMost,
}

/// Multi-word hedges before the number, longest first within each word.
const PREFIX_HEDGES: &[(&[&str], Hedge)] = &[
    (&["just", "under"], Hedge::Almost),
    (&["not", "quite"], Hedge::Almost),
    (&["almost"], Hedge::Almost),
    (&["nearly"], Hedge::Almost),
    (&["less", "than"], Hedge::LessThan),
    (&["fewer", "than"], Hedge::LessThan),
    (&["under"], Hedge::LessThan),
    (&["more", "than"], Hedge::MoreThan),
    (&["longer", "than"], Hedge::MoreThan),
    (&["upwards", "of"], Hedge::MoreThan),
    (&["in", "excess", "of"], Hedge::MoreThan),
    (&["over"], Hedge::MoreThan),
    (&["at", "least"], Hedge::AtLeast),
    (&["no", "less", "than"], Hedge::AtLeast),
    (&["at", "most"], Hedge::AtMost),
    (&["no", "more", "than"], Hedge::AtMost),
    (&["up", "to"], Hedge::AtMost),
    (&["within"], Hedge::AtMost),
    (&["about"], Hedge::Approx),
    (&["around"], Hedge::Approx),
    (&["roughly"], Hedge::Approx),
    (&["approximately"], Hedge::Approx),
    (&["some"], Hedge::Approx),
    (&["perhaps"], Hedge::Approx),
    (&["maybe"], Hedge::Approx),
    (&["circa"], Hedge::Approx),
    (&["in"], Hedge::None),
    (&["for"], Hedge::None),
];

/// Words that place the span in time without changing its length.
const RELATIVE: &[&[&str]] = &[
    &["from", "now"],
    &["ago"],
    &["after"],
    &["later"],
    &["apart"],
    &["before"],
    &["earlier"],
    &["long"],
    &["in", "all"],
];

/// Normalizes one duration phrase.
///
/// ```
/// use negotiations::phrase::{normalize, Modifier};
///
/// let n = normalize("almost two years")?;
/// assert_eq!((n.iso.as_str(), n.modifier), ("P2Y", Modifier::LessThan));
/// assert_eq!((n.days_low, n.days_high), (657.4365, 730.485));
///
/// let n = normalize("within 50 days")?;
/// assert_eq!((n.iso.as_str(), n.modifier, n.days_low, n.days_high), ("P50D", Modifier::AtMost, 0.0, 50.0));
///
/// assert!(normalize("mid-May").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn normalize(phrase: &str) -> Result<Normalized> {
    let fail = |reason: String| Error::Phrase {
        phrase: phrase.to_string(),
        reason,
    };
    let lowered = phrase
        .to_lowercase()
        .replace(['-', '\u{2013}', '\u{2014}'], " ");
    let tokens: Vec<String> = lowered
        .split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| {
                matches!(c, ',' | ';' | ':' | '!' | '?' | '"' | '“' | '”' | '(' | ')')
            })
        })
        .map(|t| t.trim_end_matches('.').to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let toks: Vec<&str> = tokens.iter().map(String::as_str).collect();
    if toks.is_empty() {
        return Err(fail("the phrase is empty".into()));
    }
    let mut i = 0;
    let mut hedge = Hedge::None;
    let mut span = false;
    let mut count = None;

    // "575 meetings over two years": a count of events, then `over` as a span.
    if toks.len() > 3 && toks[2] == "over" && Unit::parse(toks[1]).is_none() {
        if let Some(n) = toks[0]
            .replace(',', "")
            .parse::<u64>()
            .ok()
            .or_else(|| word_number(&toks[..1]).map(|(v, _)| v as u64))
        {
            count = Some((n, toks[1].to_string()));
            span = true;
            i = 3;
        }
    }
    // `the past`, `over the last` ...: a span, not a hedge.
    if toks.get(i) == Some(&"over") && toks.get(i + 1) == Some(&"the") {
        span = true;
        i += 1;
    }
    // "the past week": a singular unit after `the` is one of it.
    let mut the = false;
    if matches!(toks.get(i), Some(&"the")) {
        i += 1;
        the = true;
    }
    if matches!(
        toks.get(i),
        Some(&("past" | "last" | "next" | "coming" | "previous"))
    ) {
        i += 1;
        the = true;
    }
    if !span {
        for (words, h) in PREFIX_HEDGES {
            if toks[i..].starts_with(words) {
                hedge = *h;
                i += words.len();
                // "for about", "in nearly": one more hedge may follow.
                if *h == Hedge::None {
                    for (words2, h2) in PREFIX_HEDGES {
                        if *h2 != Hedge::None && toks[i..].starts_with(words2) {
                            hedge = *h2;
                            i += words2.len();
                            break;
                        }
                    }
                }
                break;
            }
        }
    }
    if matches!(toks.get(i), Some(&"the")) {
        i += 1;
        the = true;
        if matches!(
            toks.get(i),
            Some(&("past" | "last" | "next" | "coming" | "previous"))
        ) {
            i += 1;
        }
    }

    // The quantity: a range of counts, and whether it was vague.
    let (mut lo, mut hi, vague, used) = quantity(&toks[i..]);
    i += used;
    let Some(unit_word) = toks.get(i) else {
        return Err(fail(
            "no unit of time (hours, days, weeks, months, years, decades)".into(),
        ));
    };
    let Some(unit) = Unit::parse(unit_word) else {
        return Err(fail(format!("'{unit_word}' is not a unit of time")));
    };
    i += 1;
    let bare_plural = used == 0 && (!the || unit_word.ends_with('s'));
    if bare_plural {
        if !unit_word.ends_with('s') {
            return Err(fail(format!("'{unit_word}' needs a number")));
        }
        lo = 2.0;
        hi = unit.per_next();
    }
    let vague = vague || bare_plural;
    // "a year and a half"
    if let Some(frac) = fraction_after(&toks[i..]) {
        lo += frac.0;
        hi += frac.0;
        i += frac.1;
    }
    // Suffixes: "or so", "or more", "ago", "of groundwork" ...
    while i < toks.len() {
        let rest = &toks[i..];
        if rest.starts_with(&["or", "so"]) {
            hedge = if hedge == Hedge::None {
                Hedge::Approx
            } else {
                hedge
            };
            i += 2;
        } else if rest.starts_with(&["or", "more"]) || rest.starts_with(&["or", "longer"]) {
            hedge = Hedge::AtLeast;
            i += 2;
        } else if rest.starts_with(&["or", "less"])
            || rest.starts_with(&["or", "fewer"])
            || rest.starts_with(&["or", "shorter"])
        {
            hedge = Hedge::AtMost;
            i += 2;
        } else if let Some(words) = RELATIVE.iter().find(|w| rest.starts_with(w)) {
            i += words.len();
        } else if rest[0] == "of" {
            break; // "years of groundwork": what follows names the activity
        } else {
            return Err(fail(format!("unexpected word '{}'", rest[0])));
        }
    }
    if span {
        hedge = Hedge::Approx;
    }

    let d = unit.days();
    let (low, high, modifier) = match hedge {
        Hedge::None if vague => (lo, hi, Modifier::Approx),
        Hedge::None => (lo, hi, Modifier::Exact),
        Hedge::Approx if vague => (lo, hi, Modifier::Approx),
        Hedge::Approx => (0.9 * lo, 1.1 * hi, Modifier::Approx),
        Hedge::Almost => (0.9 * lo, hi, Modifier::LessThan),
        Hedge::LessThan => (0.0, hi, Modifier::LessThan),
        Hedge::MoreThan => (lo, 1.5 * hi, Modifier::MoreThan),
        Hedge::AtLeast => (lo, 1.5 * hi, Modifier::AtLeast),
        Hedge::AtMost => (0.0, hi, Modifier::AtMost),
    };
    Ok(Normalized {
        phrase: phrase.to_string(),
        iso: unit.iso(lo),
        modifier,
        days_low: round4(low * d),
        days_high: round4(high * d),
        count,
    })
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Reads a quantity at the start of `toks`: `(low, high, vague, tokens used)`.
/// Uses no tokens (and returns 1) when there is no quantity.
fn quantity(toks: &[&str]) -> (f64, f64, bool, usize) {
    let vague: &[(&[&str], f64, f64)] = &[
        (&["a", "couple", "of"], 2.0, 3.0),
        (&["a", "couple"], 2.0, 3.0),
        (&["couple", "of"], 2.0, 3.0),
        (&["a", "few"], 2.0, 4.0),
        (&["few"], 2.0, 4.0),
        (&["several"], 3.0, 7.0),
        (&["dozens", "of"], 24.0, 99.0),
        (&["dozens"], 24.0, 99.0),
        (&["hundreds", "of"], 200.0, 999.0),
        (&["hundreds"], 200.0, 999.0),
    ];
    for (words, lo, hi) in vague {
        if toks.starts_with(words) {
            return (*lo, *hi, true, words.len());
        }
    }
    if toks.starts_with(&["half", "a"]) || toks.starts_with(&["half", "an"]) {
        return (0.5, 0.5, false, 2);
    }
    if toks.starts_with(&["a", "half"]) {
        return (0.5, 0.5, false, 2);
    }
    if let Some(first) = toks.first() {
        let digits = first.replace(',', "");
        if let Ok(n) = digits.parse::<f64>() {
            if n.is_finite() && n >= 0.0 {
                let (frac, used) = fraction_after(&toks[1..]).unwrap_or((0.0, 0));
                return (n + frac, n + frac, false, 1 + used);
            }
        }
    }
    if let Some((n, used)) = word_number(toks) {
        let (frac, more) = fraction_after(&toks[used..]).unwrap_or((0.0, 0));
        return (n + frac, n + frac, false, used + more);
    }
    (1.0, 1.0, false, 0)
}

/// "and a half", "and a quarter", "and three quarters".
fn fraction_after(toks: &[&str]) -> Option<(f64, usize)> {
    let table: &[(&[&str], f64)] = &[
        (&["and", "a", "half"], 0.5),
        (&["and", "one", "half"], 0.5),
        (&["and", "a", "quarter"], 0.25),
        (&["and", "three", "quarters"], 0.75),
    ];
    table
        .iter()
        .find(|(w, _)| toks.starts_with(w))
        .map(|(w, f)| (*f, w.len()))
}

/// Reads a number in words: "fifty", "twenty five", "one hundred and
/// twenty", "a dozen", "a hundred", "a"/"an" (one).
fn word_number(toks: &[&str]) -> Option<(f64, usize)> {
    fn small(w: &str) -> Option<f64> {
        const ONES: [&str; 20] = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        const TENS: [&str; 8] = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        if let Some(i) = ONES.iter().position(|x| *x == w) {
            return Some(i as f64);
        }
        TENS.iter()
            .position(|x| *x == w)
            .map(|i| (i as f64 + 2.0) * 10.0)
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut used = 0;
    let mut any = false;
    while used < toks.len() {
        let w = toks[used];
        if let Some(v) = small(w) {
            // "twenty five" and "hundred twenty" add; "five twenty" is not a number.
            let fits = if v >= 10.0 {
                current % 100.0 == 0.0
            } else {
                current % 10.0 == 0.0
            };
            if !fits {
                break;
            }
            current += v;
        } else if (w == "a" || w == "an") && !any {
            current = 1.0;
        } else if w == "dozen" && current > 0.0 {
            current *= 12.0;
        } else if w == "hundred" && (current > 0.0 || !any) {
            current = current.max(1.0) * 100.0;
        } else if w == "thousand" && (current > 0.0 || total > 0.0) {
            total += current.max(1.0) * 1000.0;
            current = 0.0;
        } else if w == "and"
            && any
            && toks.get(used + 1).is_some_and(|n| small(n).is_some())
            && current >= 100.0
        {
            // "one hundred and twenty"
        } else {
            break;
        }
        any = true;
        used += 1;
    }
    any.then_some((total + current, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (phrase, iso, modifier, days_low, days_high)
    const CASES: &[(&str, &str, &str, f64, f64)] = &[
        // Every phrase in the articles.
        ("for hours", "PT2H", "approx", 0.0833, 1.0),
        ("50 years apart", "P50Y", "exact", 18262.125, 18262.125),
        ("a few months later", "P2M", "approx", 60.8738, 121.7475),
        ("dozens of hours", "PT24H", "approx", 1.0, 4.125),
        (
            "nearly four years ago",
            "P4Y",
            "less_than",
            1314.873,
            1460.97,
        ),
        ("two years later", "P2Y", "exact", 730.485, 730.485),
        ("within 50 days", "P50D", "at_most", 0.0, 50.0),
        ("almost two years", "P2Y", "less_than", 657.4365, 730.485),
        ("years", "P2Y", "approx", 730.485, 3652.425),
        ("months", "P2M", "approx", 60.8738, 365.2425),
        ("less than six years", "P6Y", "less_than", 0.0, 2191.455),
        (
            "575 meetings over two years",
            "P2Y",
            "approx",
            657.4365,
            803.5335,
        ),
        ("perhaps months", "P2M", "approx", 60.8738, 365.2425),
        ("nine days after", "P9D", "exact", 9.0, 9.0),
        ("the past 10 days or so", "P10D", "approx", 9.0, 11.0),
        ("120 years ago", "P120Y", "exact", 43829.1, 43829.1),
        ("seven years ago", "P7Y", "exact", 2556.6975, 2556.6975),
        ("in two weeks", "P2W", "exact", 14.0, 14.0),
        ("two weeks", "P2W", "exact", 14.0, 14.0),
        ("a few months ago", "P2M", "approx", 60.8738, 121.7475),
        ("over the past week", "P1W", "approx", 6.3, 7.7),
        ("three years", "P3Y", "exact", 1095.7275, 1095.7275),
        ("within 24 hours", "PT24H", "at_most", 0.0, 1.0),
        ("years of groundwork", "P2Y", "approx", 730.485, 3652.425),
        // More words, hedges, units and fractions.
        ("two and a half years", "P2.5Y", "exact", 913.1063, 913.1063),
        ("a year and a half", "P1.5Y", "exact", 547.8638, 547.8638),
        ("half an hour", "PT0.5H", "exact", 0.0208, 0.0208),
        ("twenty-five days", "P25D", "exact", 25.0, 25.0),
        (
            "one hundred and twenty days",
            "P120D",
            "exact",
            120.0,
            120.0,
        ),
        ("a decade", "P10Y", "exact", 3652.425, 3652.425),
        ("two decades", "P20Y", "exact", 7304.85, 7304.85),
        ("a fortnight", "P2W", "exact", 14.0, 14.0),
        ("about three weeks", "P3W", "approx", 18.9, 23.1),
        ("roughly 18 months", "P18M", "approx", 493.0774, 602.6501),
        ("over two years", "P2Y", "more_than", 730.485, 1095.7275),
        ("more than a year", "P1Y", "more_than", 365.2425, 547.8638),
        ("at least 10 days", "P10D", "at_least", 10.0, 15.0),
        ("up to six months", "P6M", "at_most", 0.0, 182.6213),
        ("at most 48 hours", "PT48H", "at_most", 0.0, 2.0),
        ("several weeks", "P3W", "approx", 21.0, 49.0),
        ("a couple of days", "P2D", "approx", 2.0, 3.0),
        ("a few hours", "PT2H", "approx", 0.0833, 0.1667),
        ("days", "P2D", "approx", 2.0, 7.0),
        ("decades", "P20Y", "approx", 7304.85, 36524.25),
        ("the next 90 days", "P90D", "exact", 90.0, 90.0),
        ("a dozen years", "P12Y", "exact", 4382.91, 4382.91),
        ("10 days or more", "P10D", "at_least", 10.0, 15.0),
        ("for about a month", "P1M", "approx", 27.3932, 33.4806),
        ("a week or so", "P1W", "approx", 6.3, 7.7),
        ("1,000 days", "P1000D", "exact", 1000.0, 1000.0),
        ("Almost Two Years", "P2Y", "less_than", 657.4365, 730.485),
        ("30 minutes", "PT30M", "exact", 0.0208, 0.0208),
    ];

    #[test]
    fn normalizes_the_phrase_table() {
        assert!(CASES.len() >= 40);
        for &(phrase, iso, modifier, lo, hi) in CASES {
            let n = normalize(phrase).unwrap_or_else(|e| panic!("{phrase}: {e}"));
            assert_eq!(
                (n.iso.as_str(), n.modifier.as_str(), n.days_low, n.days_high),
                (iso, modifier, lo, hi),
                "{phrase}"
            );
        }
    }

    #[test]
    fn over_is_a_span_after_a_count_and_more_than_before_a_number() {
        let span = normalize("575 meetings over two years").unwrap();
        assert_eq!(span.count, Some((575, "meetings".into())));
        assert_eq!(span.modifier, Modifier::Approx);
        assert_eq!(
            normalize("over two years").unwrap().modifier,
            Modifier::MoreThan
        );
        assert_eq!(
            normalize("over the past week").unwrap().modifier,
            Modifier::Approx
        );
    }

    #[test]
    fn rejects_what_it_cannot_read_with_a_reason() {
        for (phrase, reason) in [
            ("", "empty"),
            ("mid-May", "not a unit of time"),
            ("two", "no unit"),
            ("two parsecs", "not a unit"),
            ("two years hence", "unexpected word 'hence'"),
            ("soon", "not a unit"),
        ] {
            let err = normalize(phrase).unwrap_err().to_string();
            assert!(err.contains(reason), "{phrase}: {err}");
            assert!(err.contains(&format!("{phrase:?}")), "{err}");
        }
    }
}
