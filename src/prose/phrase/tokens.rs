//! Tokens and numbers of a duration phrase.

#[allow(unused_imports)]
use super::*;

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
/// // Compounds, ranges and vague quantities.
/// assert_eq!(normalize("an hour and 45 minutes")?.iso, "PT1H45M");
/// let n = normalize("two to three weeks")?;
/// assert_eq!((n.iso.as_str(), n.iso_high.as_deref(), n.days_high), ("P2W", Some("P3W"), 21.0));
/// let n = normalize("recent years")?;
/// assert_eq!((n.iso.as_str(), n.modifier, n.days_low), ("PXY", Modifier::Approx, 730.485));
///
/// assert!(normalize("mid-May").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn normalize(phrase: &str) -> Result<Normalized> {
    let fail = |reason: String| Error::Phrase {
        phrase: phrase.to_string(),
        reason,
    };
    // Punctuation does not change a phrase's meaning ("2 years, 3 months",
    // "hrs."); quotes are already gone.
    let toks: Vec<Token> = tokenize(phrase)
        .into_iter()
        .filter(|t| {
            !matches!(
                t.kind,
                Kind::Punct(',' | ';' | ':' | '.' | '!' | '?' | '(' | ')' | '[' | ']')
            )
        })
        .collect();
    if toks.is_empty() {
        return Err(fail("the phrase is empty".into()));
    }
    match parse(&toks, 0, false) {
        Ok(p) if p.end >= toks.len() => Ok(p.into_normalized(phrase.to_string())),
        Ok(p) => Err(fail(format!("unexpected word '{}'", word(&toks, p.end)))),
        Err(stop) => Err(fail(stop.reason(&toks))),
    }
}

impl Token {
    /// Whether this is the word `w` (lower case).
    pub(crate) fn is(&self, w: &str) -> bool {
        self.kind == Kind::Word && self.text == w
    }
}

impl Unit {
    pub(super) fn parse(t: &Token) -> Option<(Unit, Form)> {
        use Form::*;
        match t.kind {
            Kind::Prime => return Some((Unit::Minute, Symbol)),
            Kind::DoublePrime => return Some((Unit::Second, Symbol)),
            Kind::Word => {}
            _ => return None,
        }
        Some(match t.text.as_str() {
            "second" => (Unit::Second, Singular),
            "seconds" => (Unit::Second, Plural),
            "sec" | "secs" => (Unit::Second, Abbrev),
            "minute" => (Unit::Minute, Singular),
            "minutes" => (Unit::Minute, Plural),
            "min" | "mins" => (Unit::Minute, Abbrev),
            "m" => (Unit::Minute, Symbol),
            "hour" => (Unit::Hour, Singular),
            "hours" => (Unit::Hour, Plural),
            "hr" | "hrs" => (Unit::Hour, Abbrev),
            "h" => (Unit::Hour, Symbol),
            "day" => (Unit::Day, Singular),
            "days" => (Unit::Day, Plural),
            "weekend" => (Unit::Weekend, Singular),
            "weekends" => (Unit::Weekend, Plural),
            "week" => (Unit::Week, Singular),
            "weeks" => (Unit::Week, Plural),
            "wk" | "wks" => (Unit::Week, Abbrev),
            "fortnight" => (Unit::Fortnight, Singular),
            "fortnights" => (Unit::Fortnight, Plural),
            "month" => (Unit::Month, Singular),
            "months" => (Unit::Month, Plural),
            "mo" | "mos" => (Unit::Month, Abbrev),
            "quarter" => (Unit::Quarter, Singular),
            "quarters" => (Unit::Quarter, Plural),
            "year" => (Unit::Year, Singular),
            "years" => (Unit::Year, Plural),
            "yr" | "yrs" => (Unit::Year, Abbrev),
            "decade" => (Unit::Decade, Singular),
            "decades" => (Unit::Decade, Plural),
            "century" => (Unit::Century, Singular),
            "centuries" => (Unit::Century, Plural),
            _ => return None,
        })
    }

    pub(super) fn days(self) -> f64 {
        match self {
            Unit::Second => 1.0 / 86400.0,
            Unit::Minute => 1.0 / 1440.0,
            Unit::Hour => 1.0 / 24.0,
            Unit::Day => 1.0,
            Unit::Weekend => 2.0,
            Unit::Week => 7.0,
            Unit::Fortnight => 14.0,
            Unit::Month => DAYS_PER_MONTH,
            Unit::Quarter => DAYS_PER_YEAR / 4.0,
            Unit::HalfYear => DAYS_PER_YEAR / 2.0,
            Unit::Year => DAYS_PER_YEAR,
            Unit::Decade => 10.0 * DAYS_PER_YEAR,
            Unit::Century => 100.0 * DAYS_PER_YEAR,
        }
    }

    /// How many of this unit make the next larger one: the top of a bare
    /// plural ("hours" is 2 to 24 hours).
    pub(super) fn per_next(self) -> f64 {
        match self {
            Unit::Second | Unit::Minute => 60.0,
            Unit::Hour => 24.0,
            Unit::Day => 7.0,
            Unit::Week | Unit::Fortnight => DAYS_PER_MONTH / self.days(),
            Unit::Weekend => DAYS_PER_MONTH / 7.0,
            Unit::Month => 12.0,
            Unit::Quarter => 4.0,
            Unit::HalfYear => 2.0,
            Unit::Year | Unit::Decade | Unit::Century => 10.0,
        }
    }

    /// The ISO-8601 designator and the count in it: `(designator, factor,
    /// in the time part)`.
    pub(super) fn designator(self) -> (&'static str, f64, bool) {
        match self {
            Unit::Second => ("S", 1.0, true),
            Unit::Minute => ("M", 1.0, true),
            Unit::Hour => ("H", 1.0, true),
            Unit::Day => ("D", 1.0, false),
            Unit::Weekend => ("WE", 1.0, false),
            Unit::Week => ("W", 1.0, false),
            Unit::Fortnight => ("W", 2.0, false),
            Unit::Month => ("M", 1.0, false),
            Unit::Quarter => ("M", 3.0, false),
            Unit::HalfYear => ("M", 6.0, false),
            Unit::Year => ("Y", 1.0, false),
            Unit::Decade => ("Y", 10.0, false),
            Unit::Century => ("Y", 100.0, false),
        }
    }

    /// The vague ISO value: `PXY`, `PTXH`, `PXDE` ...
    pub(super) fn iso_x(self) -> &'static str {
        match self {
            Unit::Second => "PTXS",
            Unit::Minute => "PTXM",
            Unit::Hour => "PTXH",
            Unit::Day => "PXD",
            Unit::Weekend => "PXWE",
            Unit::Week | Unit::Fortnight => "PXW",
            Unit::Month | Unit::HalfYear => "PXM",
            Unit::Quarter => "PXQ",
            Unit::Year => "PXY",
            Unit::Decade => "PXDE",
            Unit::Century => "PXCE",
        }
    }
}

/// The ISO-8601 duration of a sum of parts, designators in ISO order.
pub(super) fn iso_of(parts: &[(Unit, f64)]) -> String {
    const ORDER: [(&str, bool); 8] = [
        ("Y", false),
        ("M", false),
        ("W", false),
        ("WE", false),
        ("D", false),
        ("H", true),
        ("M", true),
        ("S", true),
    ];
    let num = |x: f64| {
        let s = format!("{:.4}", x);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let mut date = String::new();
    let mut time = String::new();
    for (des, in_time) in ORDER {
        let total: f64 = parts
            .iter()
            .map(|&(u, n)| (u.designator(), n))
            .filter(|((d, _, t), _)| *d == des && *t == in_time)
            .map(|((_, f, _), n)| f * n)
            .sum();
        let used = parts.iter().any(|&(u, _)| {
            let (d, _, t) = u.designator();
            d == des && t == in_time
        });
        if used {
            let s = if in_time { &mut time } else { &mut date };
            s.push_str(&num(total));
            s.push_str(des);
        }
    }
    if time.is_empty() {
        format!("P{date}")
    } else {
        format!("P{date}T{time}")
    }
}

pub(super) fn word(toks: &[Token], i: usize) -> &str {
    toks.get(i).map_or("", |t| t.text.as_str())
}

pub(super) fn starts(toks: &[Token], i: usize, pat: &[&str]) -> bool {
    pat.iter()
        .enumerate()
        .all(|(k, p)| toks.get(i + k).is_some_and(|t| t.is(p)))
}

pub(super) fn small_number(w: &str) -> Option<f64> {
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

/// Reads a number in words at `i`: "fifty", "twenty five", "one hundred
/// and twenty", "a dozen", "a hundred", "a"/"an" (one). `(value, tokens)`.
pub(super) fn word_number(toks: &[Token], i: usize) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut used = 0;
    let mut any = false;
    while let Some(t) = toks.get(i + used) {
        if t.kind != Kind::Word {
            break;
        }
        let w = t.text.as_str();
        if let Some(v) = small_number(w) {
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
            && current >= 100.0
            && toks
                .get(i + used + 1)
                .is_some_and(|n| small_number(&n.text).is_some())
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

/// A number at `i`, in digits or words: `(value, tokens, in digits)`.
pub(super) fn number(toks: &[Token], i: usize) -> Option<(f64, usize, bool)> {
    match toks.get(i).map(|t| t.kind) {
        Some(Kind::Num(v)) => Some((v, 1, true)),
        Some(Kind::Word) => word_number(toks, i).map(|(v, n)| (v, n, false)),
        _ => None,
    }
}

/// A fraction after a number or a unit: "and a half", "and three quarters
/// of", a glued or spaced "1/2". `(value, tokens)`.
pub(super) fn fraction_after(toks: &[Token], i: usize) -> Option<(f64, usize)> {
    if let Some(Token {
        kind: Kind::Frac(f),
        ..
    }) = toks.get(i)
    {
        return (*f < 1.0).then_some((*f, 1));
    }
    if !toks.get(i).is_some_and(|t| t.is("and")) {
        return None;
    }
    let mut k = i + 1;
    // "and a half", "and an half", "and one quarter", "and two quarters"
    let mut n = 1.0;
    let mut counted = false;
    if let Some(t) = toks.get(k) {
        if t.is("a") || t.is("an") || t.is("one") {
            k += 1;
        } else if let Some(v @ (2.0 | 3.0)) = small_number(&t.text).filter(|_| t.kind == Kind::Word)
        {
            n = v;
            counted = true;
            k += 1;
        }
    }
    let part = match word(toks, k) {
        "half" if !counted => 0.5,
        "quarter" | "quarters" => 0.25 * n,
        _ => return None,
    };
    k += 1;
    if toks.get(k).is_some_and(|t| t.is("of")) && toks.get(k + 1).and_then(Unit::parse).is_some() {
        k += 1;
    }
    Some((part, k - i))
}

/// A vague count at `i`: `(low, high, tokens)`; `many` reads as a bare plural.
pub(super) fn vague(toks: &[Token], i: usize) -> Option<(Option<(f64, f64)>, usize)> {
    type Row = (&'static [&'static str], Option<(f64, f64)>);
    let table: &[Row] = &[
        (&["a", "couple", "of"], Some((2.0, 3.0))),
        (&["a", "couple"], Some((2.0, 3.0))),
        (&["couple", "of"], Some((2.0, 3.0))),
        (&["a", "few"], Some((2.0, 4.0))),
        (&["few"], Some((2.0, 4.0))),
        (&["several"], Some((3.0, 7.0))),
        (&["dozens", "of"], Some((24.0, 99.0))),
        (&["dozens"], Some((24.0, 99.0))),
        (&["hundreds", "of"], Some((200.0, 999.0))),
        (&["hundreds"], Some((200.0, 999.0))),
        (&["many"], None),
        (&["numerous"], None),
    ];
    table
        .iter()
        .find(|(w, _)| starts(toks, i, w))
        .map(|(w, r)| (*r, w.len()))
}

impl Stop {
    pub(super) fn reason(&self, toks: &[Token]) -> String {
        match *self {
            Stop::NoUnit(i) if i >= toks.len() => {
                "no unit of time (hours, days, weeks, months, years, decades)".into()
            }
            Stop::NoUnit(i) => format!("'{}' is not a unit of time", word(toks, i)),
            Stop::NeedsNumber(i) => format!("'{}' needs a number", word(toks, i)),
            Stop::Unexpected(i) => format!("unexpected word '{}'", word(toks, i)),
            Stop::TooLarge => "the number is too large".into(),
            Stop::NotInProse => "not a duration in running text".into(),
            Stop::NoRange(i) => format!(
                "'{}' needs a range (between two and three weeks)",
                word(toks, i)
            ),
            Stop::Ordinal(i) => format!("'{}' names only a quarter or a half", word(toks, i)),
        }
    }
}
