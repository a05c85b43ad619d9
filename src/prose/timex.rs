//! A temporal-expression scanner: finds the dates, durations, ages,
//! deadlines and intervals in running English news prose, to propose table
//! rows from a new article.
//!
//! [`scan`] cuts the text into the same tokens as [`crate::prose::phrase`], tries
//! every reading below at every token, and keeps the longest readings that
//! do not overlap (a date wins a tie). Offsets are in bytes of the text
//! (and in chars), always on character boundaries; the scanner never
//! panics and reads a 10,000-word article in a few milliseconds.
//!
//! # Rules
//!
//! **Dates**, with the precision the text gives and the first day of the
//! period as the value:
//!
//! | text | precision | basis |
//! |---|---|---|
//! | `Dec. 2, 2025`, `December 2 2025`, `2 December 2025`, `the 2nd of December 2025`, `2025-12-02`, `12/2/2025` (month first) | day | stated |
//! | `December 2`, `2 December` (no year) | day | inferred |
//! | `on Tuesday`, `Tuesday's`, `last Thursday`, `next Monday`, `this Friday` | day | inferred |
//! | `yesterday`, `today`, `tonight`, `tomorrow` | day | inferred |
//! | `March 1975`, `in February 2022`, `mid-May 2025` | month | stated |
//! | `in March`, `mid-May`, `last March` (no year) | month | inferred |
//! | `last month`, `this month`, `next month` | month | inferred |
//! | `in 1994`, `In 1973,`, `the 1973 Arab-Israeli war`, `his 2024 campaign`, `early 2025` | year | stated |
//! | `last year`, `this year`, `next year` | year | inferred |
//!
//! An inferred date is resolved against the `anchor` (the article's date).
//! Without an anchor it is still returned, with no `date` and no `basis`. A
//! bare weekday, a month and day, or a month is the latest such day or
//! month on or before the anchor; or the first on or after it when the
//! nearest verb before it in the sentence that marks tense is a future or
//! modal one (`will`, `would`, `'ll`, `plans` ...) rather than a past one
//! (`said`, `told`, any `-ed`). With a weekday or a month, `last` is the
//! latest before the anchor's day or month, `next` the first after it,
//! `this` the one in the anchor's week (Monday to Sunday) or year. Month names must be capitalized; a
//! month with no day or year (and `May` or `March` always) needs a word
//! before it that makes it a date (`in`, `since`, `by`, `early`, `mid`,
//! `last` ...). A four-digit number from 1000 to 2199 is a year unless a
//! plural noun follows it with no such word before it ("2000 troops"), or
//! a currency sign precedes it or `%` follows it. `by` before a date makes
//! it a `deadline` ("by March 2026").
//!
//! **Durations** are whatever [`crate::prose::phrase::normalize`] reads, found as
//! the longest run of tokens from each token, stopping at the first word
//! that does not belong and at punctuation ("almost two years", "within 50
//! days", "575 meetings over two years"; "years of groundwork" stops
//! before "of"). Running prose refuses readings that a lone phrase allows:
//! unit symbols and letters (`2m` is more often millions), abbreviations
//! without a number in digits, `a second` (an ordinal), `a quarter` and `...
//! quarters of ...` (fractions), and a bare `the day` or `this year` (left
//! to the dates). An adjectival span keeps its head noun, and with it its
//! article ("a 50-day deadline", but "the 30-year bond" gives "30-year"),
//! only if the noun is one of `deadline`, `ultimatum`, `truce`,
//! `ceasefire`, `pause`, `moratorium`, `extension`, `window`, `period`,
//! `timeline`, `timetable`. Each is
//! classified:
//!
//! | kind | when | examples |
//! |---|---|---|
//! | `age` | ends in `ago` or `old` | "seven years ago", "an 8-month-old truce" |
//! | `deadline` | `within ...`, `... from now`, `the weeks ahead`, a `deadline` or `ultimatum` head noun, or `in ...` when the nearest tense-marking verb before it is future or modal (as for weekdays) | "within 50 days", "will know in two weeks", "a 50-day deadline" |
//! | `interval` | ends in `after`, `later`, `before`, `earlier`, `prior`, `apart` | "nine days after", "50 years apart" |
//! | `duration` | anything else | "almost two years", "for hours", "in three years" (no future verb) |
//!
//! **Sentences.** [`sentence_at`] cuts at `.`, `!`, `?` (with any closing
//! quotes or brackets) followed by a space and a capital, digit or opening
//! quote, and at line ends. A period after an abbreviation (`Mr.`, `Dec.`,
//! `Gen.`, `St.` ...), an initial (`David E. Sanger`) or a dotted acronym
//! (`U.S.`, `a.m.`) does not end a sentence.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Serialize, Serializer};

use crate::base::codes::{Code, DateBasis, Precision};
use crate::prose::phrase::{self, Kind as Tok, Lead, Normalized, Rel, Token};

/// What a temporal expression is.
///
/// ```
/// use negotiations::timex::{scan, Kind};
/// let kinds: Vec<Kind> = scan("Within 50 days, nine days after the summit, in 1994", None)
///     .iter()
///     .map(|t| t.kind)
///     .collect();
/// assert_eq!(kinds, [Kind::Deadline, Kind::Interval, Kind::Date]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A point or period in time: a day, a month or a year.
    Date,
    /// A span of time ("almost two years", "for hours").
    Duration,
    /// How long ago something was ("seven years ago", "an 8-month-old truce").
    Age,
    /// A limit in time ("within 50 days", "in two weeks" after `will`, "by
    /// March 2026").
    Deadline,
    /// The span between two events ("nine days after", "50 years apart").
    Interval,
}

impl Kind {
    /// The code: `date`, `duration`, `age`, `deadline` or `interval`.
    ///
    /// ```
    /// let t = negotiations::timex::scan("He left seven years ago.", None);
    /// assert_eq!(t[0].kind.as_str(), "age");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Date => "date",
            Kind::Duration => "duration",
            Kind::Age => "age",
            Kind::Deadline => "deadline",
            Kind::Interval => "interval",
        }
    }
}

/// One temporal expression found in a text.
///
/// ```
/// use negotiations::timex::scan;
/// let text = "Kissinger’s shuttle failed in March 1975.";
/// let t = &scan(text, None)[0];
/// assert_eq!((t.text.as_str(), &text[t.start..t.end]), ("March 1975", "March 1975"));
/// assert_eq!((t.char_start, t.char_end), (30, 40)); // the ’ is 3 bytes, 1 char
/// assert_eq!((t.start, t.end), (32, 42));
/// assert_eq!(t.date, negotiations::chrono::NaiveDate::from_ymd_opt(1975, 3, 1));
/// assert_eq!((t.precision.unwrap().as_str(), t.basis.unwrap().as_str()), ("month", "stated"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// What it is.
    pub kind: Kind,
    /// Byte offset of its first character in the text.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// Char offset of its first character.
    pub char_start: usize,
    /// Char offset just past its last character.
    pub char_end: usize,
    /// The matched text, `text[start..end]`.
    pub text: String,
    /// For a date (or a `by ...` deadline), its value: the first day of the
    /// period at month or year precision; `None` for a relative date with
    /// no anchor to resolve it against.
    #[serde(serialize_with = "iso_date", skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// For a date, how precisely it is given (`day`, `month`, `year`).
    #[serde(serialize_with = "code", skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    /// For a resolved date, where its value comes from: `stated` when the
    /// text gives it in full, `inferred` when resolved against the anchor
    /// (never `external`).
    #[serde(serialize_with = "code", skip_serializing_if = "Option::is_none")]
    pub basis: Option<DateBasis>,
    /// For a duration, an age, an interval or a span deadline, what the
    /// phrase normalizer makes of the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Normalized>,
}

fn code<S: Serializer, C: Code>(c: &Option<C>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_str(c.as_str()),
        None => s.serialize_none(),
    }
}

fn iso_date<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

/// Finds every date, duration, age, deadline and interval in `text`, sorted
/// by offset and not overlapping. Relative dates ("yesterday", "on
/// Tuesday", "last month") are resolved against `anchor`, the article's
/// date, when it is given.
///
/// ```
/// use negotiations::chrono::NaiveDate;
/// use negotiations::timex::{scan, Kind};
///
/// let text = "Talks in the Kremlin on Dec. 2, 2025 lasted for hours. \
///             Kissinger failed in March 1975; he had won the prize in 1973.";
/// let found: Vec<_> = scan(text, None).into_iter().map(|t| (t.kind, t.text)).collect();
/// assert_eq!(found, [
///     (Kind::Date, "Dec. 2, 2025".to_string()),
///     (Kind::Duration, "for hours".to_string()),
///     (Kind::Date, "March 1975".to_string()),
///     (Kind::Date, "1973".to_string()),
/// ]);
///
/// // Relative dates need an anchor; spans come normalized.
/// let anchor = NaiveDate::from_ymd_opt(2025, 8, 27);
/// let t = scan("He said on Sunday he will know in two weeks.", anchor);
/// assert_eq!(t[0].date, NaiveDate::from_ymd_opt(2025, 8, 24));
/// assert_eq!((t[1].kind, t[1].duration.as_ref().map(|n| n.iso.as_str())), (Kind::Deadline, Some("P2W")));
/// ```
pub fn scan(text: &str, anchor: Option<NaiveDate>) -> Vec<Timex> {
    let toks = phrase::tokenize(text);
    let mut found: Vec<Candidate> = Vec::new();
    for i in 0..toks.len() {
        if let Some(c) = date_at(&toks, i, anchor) {
            found.push(c);
        }
        if matches!(toks[i].kind, Tok::Word | Tok::Num(_) | Tok::Frac(_))
            && let Ok(p) = phrase::parse(&toks, i, true)
        {
            // "the 30-year bond": the article goes with the noun left out.
            let article = p.adjectival
                && p.head.is_none()
                && ["the", "a", "an", "this"].iter().any(|w| toks[i].is(w));
            if p.end > i && !article {
                found.push(Candidate {
                    first: i,
                    last: p.end,
                    kind: span_kind(&toks, i, &p),
                    date: None,
                    parsed: Some(p),
                });
            }
        }
    }
    // Longest first (a date before a duration of the same length), then
    // leftmost; keep what does not overlap what is kept.
    let bytes = |c: &Candidate| {
        let s = toks.get(c.first).map_or(0, |t| t.start);
        let e = toks.get(c.last.wrapping_sub(1)).map_or(s, |t| t.end);
        (s, e)
    };
    found.sort_by_key(|c| {
        let (s, e) = bytes(c);
        (std::cmp::Reverse(e - s), s, c.parsed.is_some())
    });
    let mut taken = vec![false; toks.len()];
    let mut kept: Vec<Candidate> = Vec::new();
    for c in found {
        let range = c.first..c.last.min(toks.len());
        if taken
            .get(range.clone())
            .is_some_and(|r| r.iter().all(|&x| !x))
        {
            for x in taken.get_mut(range).into_iter().flatten() {
                *x = true;
            }
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.first);

    // Byte and char offsets.
    let mut out = Vec::with_capacity(kept.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut count_to = |to: usize| {
        let n = text.get(byte..to).map_or(0, |s| s.chars().count());
        byte = to;
        chars += n;
        chars
    };
    for c in kept {
        let (start, end) = bytes(&c);
        let Some(matched) = text.get(start..end) else {
            continue;
        };
        let char_start = count_to(start);
        let char_end = count_to(end);
        let (date, precision, basis) = match c.date {
            Some(d) => (d.value, Some(d.precision), d.basis),
            None => (None, None, None),
        };
        out.push(Timex {
            kind: c.kind,
            start,
            end,
            char_start,
            char_end,
            text: matched.to_string(),
            date,
            precision,
            basis,
            duration: c.parsed.map(|p| p.into_normalized(matched.to_string())),
        });
    }
    out
}

/// A reading at some tokens, before overlaps are settled.
struct Candidate {
    first: usize,
    last: usize,
    kind: Kind,
    date: Option<DateValue>,
    parsed: Option<phrase::Parsed>,
}

struct DateValue {
    value: Option<NaiveDate>,
    precision: Precision,
    basis: Option<DateBasis>,
}

/// The kind of a span read by the phrase grammar.
fn span_kind(toks: &[Token], i: usize, p: &phrase::Parsed) -> Kind {
    let head = p.head.as_deref();
    match p.rel {
        Rel::Ago | Rel::Old => Kind::Age,
        _ if matches!(head, Some("deadline" | "ultimatum")) => Kind::Deadline,
        _ if p.lead == Lead::Within => Kind::Deadline,
        Rel::Ahead => Kind::Deadline,
        _ if p.lead == Lead::In && future_before(toks, i) => Kind::Deadline,
        Rel::After | Rel::Before | Rel::Apart => Kind::Interval,
        _ => Kind::Duration,
    }
}

/// Whether the nearest verb that marks tense before token `i` in its
/// sentence (at most 12 tokens back) is a future or modal one (`will`,
/// `would`, `'ll`, `plans` ...) rather than a past one (`said`, `told`,
/// `met`, any `-ed`).
fn future_before(toks: &[Token], i: usize) -> bool {
    const FUTURE: &[&str] = &[
        "will",
        "would",
        "shall",
        "going",
        "gonna",
        "plans",
        "plan",
        "planned",
        "promised",
        "pledged",
        "vowed",
        "threatened",
        "expects",
        "expected",
        "hopes",
        "aims",
        "wants",
        "must",
        "should",
        "could",
        "can",
        "may",
        "might",
        "due",
        "scheduled",
    ];
    const PAST: &[&str] = &[
        "said", "told", "wrote", "met", "was", "were", "had", "did", "went", "came", "gave",
        "took", "made", "sent", "spoke", "held", "began", "left", "won", "lost", "saw", "knew",
    ];
    for t in toks
        .get(i.saturating_sub(12)..i)
        .into_iter()
        .flatten()
        .rev()
    {
        if matches!(t.kind, Tok::Punct('.' | '!' | '?' | ';')) {
            break;
        }
        if t.kind != Tok::Word {
            continue;
        }
        let w = t.text.as_str();
        if FUTURE.contains(&w) || w.ends_with("'ll") || w.ends_with("\u{2019}ll") {
            return true;
        }
        if PAST.contains(&w) || (w.len() > 4 && w.ends_with("ed")) {
            return false;
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Dates

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBREVS: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];
/// Words before a month or a year that make it a date.
const DATE_CUES: &[&str] = &[
    "in", "since", "until", "till", "by", "from", "to", "through", "of", "during", "before",
    "after", "early", "mid", "late", "last", "next", "this", "between", "and", "or", "the",
    "until", "around", "about", "circa", "spring", "summer", "autumn", "fall", "winter",
];

/// A month name at `i` (capitalized): `(month, tokens used)`; an
/// abbreviation takes its period with it.
fn month_at(toks: &[Token], i: usize) -> Option<(u32, usize, bool)> {
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
fn day_at(toks: &[Token], i: usize) -> Option<u32> {
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
fn year_at(toks: &[Token], i: usize) -> Option<i32> {
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

/// What a date says before it is resolved.
enum Spec {
    /// A full date or month or year.
    Stated(NaiveDate, Precision),
    /// A month and day with no year.
    MonthDay(u32, u32),
    /// A month with no year: -1 `last March`, 1 `next March`, 0 `this
    /// March`, `None` bare.
    Month(u32, Option<i32>),
    /// A weekday: -1 `last`, 1 `next`, 0 `this`, `None` bare.
    Weekday(Weekday, Option<i32>),
    /// Days from the anchor: `yesterday` is -1.
    Days(i64),
    /// Months from the anchor's month.
    RelMonth(i32),
    /// Years from the anchor's year.
    RelYear(i32),
}

/// A date starting at token `i` (including a `by` or `early`/`mid`/`late`
/// before it).
fn date_at(toks: &[Token], i: usize, anchor: Option<NaiveDate>) -> Option<Candidate> {
    let t = toks.get(i)?;
    if t.is("by") {
        let mut c = date_at(toks, i + 1, anchor)?;
        c.first = i;
        c.kind = Kind::Deadline;
        return Some(c);
    }
    let (spec, last) = spec_at(toks, i)?;
    let (value, precision, basis) = resolve(&spec, anchor, future_before(toks, i));
    Some(Candidate {
        first: i,
        last,
        kind: Kind::Date,
        date: Some(DateValue {
            value,
            precision,
            basis,
        }),
        parsed: None,
    })
}

/// Reads what a date at `i` says: `(spec, first token after it)`.
fn spec_at(toks: &[Token], i: usize) -> Option<(Spec, usize)> {
    let t = toks.get(i)?;
    let word = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == Tok::Word)
            .map_or("", |t| t.text.as_str())
    };
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let cued = |k: usize| k > 0 && DATE_CUES.contains(&word(k - 1));
    match t.kind {
        Tok::IsoDate => {
            let mut parts = t.text.split('-').map(|p| p.parse::<u32>().ok());
            let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
            let date = ymd(y as i32, m, d)?;
            return Some((Spec::Stated(date, Precision::Day), i + 1));
        }
        Tok::SlashDate => {
            let mut parts = t.text.split('/').map(|p| p.parse::<u32>().ok());
            let (m, d, y) = (parts.next()??, parts.next()??, parts.next()??);
            let y = match y {
                0..=49 => 2000 + y,
                50..=99 => 1900 + y,
                _ => y,
            };
            let date = ymd(y as i32, m, d)?;
            return Some((Spec::Stated(date, Precision::Day), i + 1));
        }
        _ => {}
    }

    // "early 2025", "mid-May", "late March 1975": the qualifier is part of it.
    if matches!(word(i), "early" | "mid" | "late") {
        let (spec, end) = spec_at(toks, i + 1)?;
        return match spec {
            Spec::Stated(_, Precision::Month | Precision::Year) | Spec::Month(..) => {
                Some((spec, end))
            }
            _ => None,
        };
    }

    // Relative: yesterday, last month, next year, this Tuesday, last March.
    match word(i) {
        "yesterday" => return Some((Spec::Days(-1), i + 1)),
        "today" | "tonight" => return Some((Spec::Days(0), i + 1)),
        "tomorrow" => return Some((Spec::Days(1), i + 1)),
        w @ ("last" | "next" | "this") => {
            let dir = match w {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            match word(i + 1) {
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
            return None;
        }
        _ => {}
    }
    if t.cap
        && let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == t.text)
    {
        // "Good Friday", "Super Tuesday": a name, not a date.
        let named = i.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|p| {
            p.kind == Tok::Word && p.cap && p.text != "on" && !DATE_CUES.contains(&p.text.as_str())
        });
        return (!named).then_some((Spec::Weekday(wd, None), i + 1));
    }

    // Month first: "Dec. 2, 2025", "December 2", "March 1975", "in March".
    if let Some((m, used, abbrev)) = month_at(toks, i) {
        let k = i + used;
        if let Some(d) = day_at(toks, k) {
            let mut y_at = k + 1;
            if toks.get(y_at).is_some_and(|t| t.kind == Tok::Punct(',')) {
                y_at += 1;
            }
            if let Some(y) = year_at(toks, y_at)
                && let Some(date) = ymd(y, m, d)
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
            let date = ymd(y, m, 1)?;
            return Some((Spec::Stated(date, Precision::Month), y_at + 1));
        }
        let ambiguous = abbrev || m == 3 || m == 5;
        if cued(i) || !ambiguous {
            return Some((Spec::Month(m, None), k));
        }
        return None;
    }

    // Day first: "2 December 2025", "the 2nd of December".
    if let Some(d) = day_at(toks, i) {
        let mut k = i + 1;
        if toks.get(k).is_some_and(|t| t.is("of")) && matches!(t.kind, Tok::Ordinal(_)) {
            k += 1;
        }
        let (m, used, _) = month_at(toks, k)?;
        let k = k + used;
        if let Some(y) = year_at(toks, k) {
            let date = ymd(y, m, d)?;
            return Some((Spec::Stated(date, Precision::Day), k + 1));
        }
        return (d <= days_in(m)).then_some((Spec::MonthDay(m, d), k));
    }

    // A year: "in 1994", "the 1973 war", but not "2000 troops", "$1500".
    if let Some(y) = year_at(toks, i) {
        let prev = i.checked_sub(1).and_then(|k| toks.get(k));
        let next = toks.get(i + 1);
        if prev.is_some_and(|p| {
            matches!(p.kind, Tok::Punct('$' | '£' | '€' | '#')) && p.end == t.start
        }) || next.is_some_and(|n| {
            matches!(n.kind, Tok::Punct('%')) || (n.hyphen && matches!(n.kind, Tok::Num(_)))
        }) {
            return None;
        }
        let counted = next.is_some_and(|n| {
            n.kind == Tok::Word && !n.cap && n.text.ends_with('s') && !n.possessive
        });
        if counted && !cued(i) {
            return None;
        }
        let date = ymd(y, 1, 1)?;
        return Some((Spec::Stated(date, Precision::Year), i + 1));
    }
    None
}

fn days_in(m: u32) -> u32 {
    match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Resolves a date against the anchor: `(value, precision, basis)`.
fn resolve(
    spec: &Spec,
    anchor: Option<NaiveDate>,
    future: bool,
) -> (Option<NaiveDate>, Precision, Option<DateBasis>) {
    let precision = match spec {
        Spec::Stated(_, p) => *p,
        Spec::MonthDay(..) | Spec::Weekday(..) | Spec::Days(_) => Precision::Day,
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
            let mut dates = years
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d));
            if future {
                dates.find(|x| *x >= a)
            } else {
                dates.rfind(|x| *x <= a)
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
                None if future => month_start(ahead),
                None => month_start(-back),
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
                None if future => ahead,
                None => -back,
            };
            add_days(a, offset)
        }
        Spec::Days(n) => add_days(a, n),
        Spec::RelMonth(k) => month_start(i64::from(k)),
        Spec::RelYear(k) => NaiveDate::from_ymd_opt(a.year() + k, 1, 1),
    };
    (value, precision, value.map(|_| DateBasis::Inferred))
}

fn add_days(a: NaiveDate, n: i64) -> Option<NaiveDate> {
    let d = Days::new(n.unsigned_abs());
    if n >= 0 {
        a.checked_add_days(d)
    } else {
        a.checked_sub_days(d)
    }
}

// ---------------------------------------------------------------------------
// Sentences

/// Words whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "sgt",
    "capt", "cmdr", "adm", "maj", "prof", "rev", "hon", "pres", "amb", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "v", "etc", "inc",
    "corp", "co", "ltd", "dept", "approx", "est", "fig", "mt", "ft", "messrs", "mmes",
];

/// The sentence containing byte `offset` of `text`: `(start, end)` byte
/// offsets, without the white space around it. An offset past the end is
/// taken as the end; one inside a character, as that character.
///
/// ```
/// use negotiations::timex::sentence_at;
///
/// let text = "Mr. Putin met U.S. envoys on Dec. 2, 2025. Talks lasted for hours.";
/// let at = text.find("envoys").unwrap();
/// let (s, e) = sentence_at(text, at);
/// assert_eq!(&text[s..e], "Mr. Putin met U.S. envoys on Dec. 2, 2025.");
/// let (s, e) = sentence_at(text, text.find("hours").unwrap());
/// assert_eq!(&text[s..e], "Talks lasted for hours.");
/// ```
pub fn sentence_at(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    // The paragraph (line) holding the offset.
    let para_start = text
        .get(..offset)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |p| p + 1);
    let para_end = text
        .get(offset..)
        .and_then(|s| s.find('\n'))
        .map_or(text.len(), |p| offset + p);
    let para = text.get(para_start..para_end).unwrap_or("");
    let mut start = 0;
    for end in sentence_ends(para) {
        if para_start + end > offset {
            return trim(text, para_start + start, para_start + end);
        }
        start = end;
    }
    trim(text, para_start + start, para_end)
}

/// Every sentence of `text`, in order: `(start, end)` byte offsets, cut as
/// [`sentence_at`] cuts them (a line break always ends one), without the
/// white space around them and without empty ones. One pass over the text.
///
/// ```
/// use negotiations::timex::sentences;
/// let text = "Mr. Putin met U.S. envoys. Talks lasted for hours.\nLondon";
/// let found: Vec<&str> = sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect();
/// assert_eq!(found, ["Mr. Putin met U.S. envoys.", "Talks lasted for hours.", "London"]);
/// ```
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut start = 0;
        for end in sentence_ends(line).into_iter().chain([line.len()]) {
            let (s, e) = trim(text, line_start + start, line_start + end);
            if s < e {
                out.push((s, e));
            }
            start = end;
        }
        line_start += line.len() + 1;
    }
    out
}

/// Trims white space off `text[s..e]`.
fn trim(text: &str, s: usize, e: usize) -> (usize, usize) {
    let Some(part) = text.get(s..e) else {
        return (s, s);
    };
    let lead = part.len() - part.trim_start().len();
    let kept = part.trim().len();
    (s + lead, s + lead + kept)
}

/// Byte offsets just past each sentence end within one line.
fn sentence_ends(line: &str) -> Vec<usize> {
    let cs: Vec<(usize, char)> = line.char_indices().collect();
    let mut ends = Vec::new();
    let closing = |c: char| {
        matches!(
            c,
            '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}' | '\u{bb}'
        )
    };
    let mut j = 0;
    while let Some(&(_, c)) = cs.get(j) {
        j += 1;
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            continue;
        }
        // Runs of "?!" and "..." end together, with any closing quotes.
        while cs
            .get(j)
            .is_some_and(|&(_, d)| matches!(d, '.' | '!' | '?') || closing(d))
        {
            j += 1;
        }
        let end = cs.get(j).map_or(line.len(), |&(b, _)| b);
        // A space, then a capital, a digit or an opening quote (or the end).
        let mut k = j;
        if !cs.get(k).is_some_and(|&(_, d)| d.is_whitespace()) && k < cs.len() {
            continue;
        }
        while cs.get(k).is_some_and(|&(_, d)| d.is_whitespace()) {
            k += 1;
        }
        let next_ok = cs.get(k).is_none_or(|&(_, d)| {
            d.is_uppercase()
                || d.is_ascii_digit()
                || matches!(d, '"' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\'')
        });
        if !next_ok {
            continue;
        }
        if c == '.' && !ends_sentence_with_period(&cs, j) {
            continue;
        }
        ends.push(end);
    }
    ends
}

/// Whether the period before char index `after` (past any closing quotes)
/// ends a sentence: not after an abbreviation, an initial or a dotted acronym.
fn ends_sentence_with_period(cs: &[(usize, char)], after: usize) -> bool {
    // Find the period, then the word before it.
    let mut p = after;
    while p > 0 && cs.get(p - 1).is_some_and(|&(_, c)| c != '.') {
        p -= 1;
    }
    let dot = p.saturating_sub(1);
    let mut w = dot;
    while w > 0
        && cs
            .get(w - 1)
            .is_some_and(|&(_, c)| c.is_alphanumeric() || c == '.')
    {
        w -= 1;
    }
    let word: String = cs
        .get(w..dot)
        .map(|s| s.iter().map(|&(_, c)| c).collect())
        .unwrap_or_default();
    if word.is_empty() {
        return true;
    }
    // "U.S.", "a.m.": a dotted acronym; "E.": an initial.
    if word.contains('.') || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)) {
        return false;
    }
    !ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::phrase::tests::{PIECES, Rng, csv_file};

    const ARTICLES: [&str; 5] = [
        "kissinger_echo",
        "kremlin_collision",
        "protracted_op_ed",
        "strategic_muddle",
        "unconventional_envoys",
    ];

    fn article(id: &str) -> String {
        let path = format!("{}/data/sources/{id}.txt", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// Byte spans of `phrase` (ASCII) in `text`, ignoring case, as whole words.
    fn occurrences(text: &str, phrase: &str) -> Vec<(usize, usize)> {
        let (t, p) = (text.as_bytes(), phrase.as_bytes());
        let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
        (0..t.len().saturating_sub(p.len() - 1))
            .filter(|&i| t[i..i + p.len()].eq_ignore_ascii_case(p))
            .filter(|&i| {
                !word(i.checked_sub(1).and_then(|k| t.get(k))) && !word(t.get(i + p.len()))
            })
            .map(|i| (i, i + p.len()))
            .collect()
    }

    /// Every phrase of `data/durations.csv` is found wherever it occurs in
    /// its article (within a longer span, say "years" in "almost two
    /// years"), at least once as a span that normalizes as the phrase does,
    /// and in the sentence of the row's quote.
    #[test]
    fn finds_every_durations_table_phrase() {
        // Data 0.2.0: 25 phrases (six pledges state no span).
        let rows: Vec<_> = csv_file(concat!(env!("CARGO_MANIFEST_DIR"), "/data/durations.csv"))
            .into_iter()
            .filter(|r| !r["phrase"].is_empty())
            .collect();
        assert_eq!(rows.len(), 25);
        for r in &rows {
            let (phrase, text) = (r["phrase"].as_str(), article(&r["source_id"]));
            let found = scan(&text, None);
            let want = phrase::normalize(phrase).unwrap();
            let spans = occurrences(&text, phrase);
            assert!(!spans.is_empty(), "{phrase:?} is not in {}", r["source_id"]);
            let mut same = 0;
            for (s, e) in spans {
                let t = found
                    .iter()
                    .find(|t| t.start <= s && e <= t.end)
                    .unwrap_or_else(|| panic!("{phrase:?} at {s} not found in {}", r["source_id"]));
                let n = t.duration.as_ref().unwrap_or_else(|| panic!("{t:?}"));
                if (n.iso.as_str(), n.modifier) == (want.iso.as_str(), want.modifier) {
                    same += 1;
                }
            }
            assert!(same > 0, "{phrase:?}: no span reads as the phrase does");
            // The sentence of the quote holds the phrase (where the quote does).
            if let Some(q) = text.find(r["quote"].as_str())
                && let Some(&(s, _)) = occurrences(&r["quote"], phrase).first()
            {
                let (a, b) = sentence_at(&text, q + s);
                assert!(
                    a <= q + s && q + s < b && a < q + r["quote"].len() && q < b,
                    "{phrase:?}: {:?}",
                    &text[a..b]
                );
            }
        }
    }

    /// The dates behind the `stated` rows of `meetings.csv` and
    /// `outcomes.csv` are found, with their precision, in the row's article
    /// (or in the article its notes say states it).
    #[test]
    fn finds_the_stated_dates_of_the_tables() {
        let mut checked = 0;
        for file in ["meetings.csv", "outcomes.csv"] {
            let path = format!("{}/data/{file}", env!("CARGO_MANIFEST_DIR"));
            for r in csv_file(&path)
                .iter()
                .filter(|r| r["date_basis"] == "stated")
            {
                let date: NaiveDate = r["date"].parse().unwrap();
                let precision = r["date_precision"].as_str();
                let sources: Vec<&str> = ARTICLES
                    .iter()
                    .copied()
                    .filter(|a| *a == r["source_id"] || r["notes"].contains(a))
                    .collect();
                let hit = sources.iter().find_map(|s| {
                    scan(&article(s), None).into_iter().find(|t| {
                        t.date == Some(date)
                            && t.precision.map(Precision::as_str) == Some(precision)
                            && t.basis == Some(DateBasis::Stated)
                    })
                });
                assert!(
                    hit.is_some(),
                    "{file}: {date} ({precision}) not found in {sources:?}"
                );
                checked += 1;
            }
        }
        // The stated dates of data 0.3.0's meetings and outcomes (the
        // March 1975 sessions, stated by month in 0.2.0, are now dated to
        // the day from the record).
        assert_eq!(checked, 4);
    }

    /// All that one article holds, and nothing else.
    #[test]
    fn reads_one_article_exactly() {
        let text = article("kissinger_echo");
        let found: Vec<(&str, &str)> = scan(&text, None)
            .iter()
            .map(|t| (t.kind.as_str(), &text[t.start..t.end]))
            .collect();
        assert_eq!(
            found,
            [
                ("date", "Dec. 2, 2025"),
                ("duration", "for hours"),
                ("interval", "50 years apart"),
                ("duration", "this week"),
                ("date", "Thursday"),
                ("date", "March 1975"),
                ("interval", "a few months later"),
                ("date", "1973"),
                ("duration", "dozens of hours"),
                ("age", "nearly four years ago"),
                ("date", "Tuesday\u{2019}s"),
                ("date", "1973"),
                ("interval", "two years later"),
            ]
        );
    }

    #[test]
    fn reads_stated_dates_in_every_form() {
        for text in [
            "on Dec. 2, 2025.",
            "on December 2 2025",
            "on 2 December 2025",
            "on the 2nd of December 2025",
            "on 2025-12-02",
            "on 12/2/2025",
            "on December 2nd, 2025",
        ] {
            let t = scan(text, None);
            assert_eq!(t.len(), 1, "{text}: {t:?}");
            assert_eq!(
                (t[0].date, t[0].precision, t[0].basis),
                (
                    day(2025, 12, 2),
                    Some(Precision::Day),
                    Some(DateBasis::Stated)
                ),
                "{text}"
            );
        }
        for (text, date, precision, matched) in [
            (
                "failed in March 1975.",
                day(1975, 3, 1),
                Precision::Month,
                "March 1975",
            ),
            (
                "invaded in February 2022",
                day(2022, 2, 1),
                Precision::Month,
                "February 2022",
            ),
            ("In 1973, he won", day(1973, 1, 1), Precision::Year, "1973"),
            (
                "the 1973 Arab-Israeli war",
                day(1973, 1, 1),
                Precision::Year,
                "1973",
            ),
            (
                "his 2024 campaign",
                day(2024, 1, 1),
                Precision::Year,
                "2024",
            ),
            (
                "by early 2025",
                day(2025, 1, 1),
                Precision::Year,
                "by early 2025",
            ),
        ] {
            let t = scan(text, None);
            assert_eq!(t.len(), 1, "{text}: {t:?}");
            assert_eq!(
                (t[0].date, t[0].precision, t[0].text.as_str()),
                (date, Some(precision), matched),
                "{text}"
            );
        }
        // Not dates: counts, money, names, the modal verb, a lone abbreviation.
        for text in [
            "sent 2000 troops",
            "paid $1500",
            "the Good Friday Agreement",
            "Mr. Trump may be right. May I?",
            "Jan said no",
            "the 21st century",
        ] {
            assert!(
                scan(text, None).iter().all(|t| t.kind != Kind::Date),
                "{text}: {:?}",
                scan(text, None)
            );
        }
        let t = scan("by March 2026", None);
        assert_eq!((t[0].kind, t[0].date), (Kind::Deadline, day(2026, 3, 1)));
    }

    #[test]
    fn resolves_relative_dates_against_the_anchor() {
        let anchor = day(2025, 12, 5); // a Friday
        for (text, date, precision) in [
            ("They met yesterday.", day(2025, 12, 4), Precision::Day),
            (
                "On Tuesday, the envoys met Putin.",
                day(2025, 12, 2),
                Precision::Day,
            ),
            (
                "He said last Thursday that",
                day(2025, 12, 4),
                Precision::Day,
            ),
            ("They meet this Friday.", day(2025, 12, 5), Precision::Day),
            ("They meet next Monday.", day(2025, 12, 8), Precision::Day),
            (
                "They will meet on Tuesday.",
                day(2025, 12, 9),
                Precision::Day,
            ),
            (
                "“We’ll see,” he told reporters Friday.",
                day(2025, 12, 5),
                Precision::Day,
            ),
            ("It rose last month.", day(2025, 11, 1), Precision::Month),
            ("It rose this year.", day(2025, 1, 1), Precision::Year),
            ("It will rise next year.", day(2026, 1, 1), Precision::Year),
            ("They met on December 2.", day(2025, 12, 2), Precision::Day),
            (
                "They will meet on January 3.",
                day(2026, 1, 3),
                Precision::Day,
            ),
            ("He said in mid-May that", day(2025, 5, 1), Precision::Month),
            ("They met last March.", day(2025, 3, 1), Precision::Month),
            (
                "They will meet in March.",
                day(2026, 3, 1),
                Precision::Month,
            ),
        ] {
            let t = scan(text, anchor);
            let d = t
                .iter()
                .find(|t| t.kind == Kind::Date)
                .unwrap_or_else(|| panic!("{text}: {t:?}"));
            assert_eq!(
                (d.date, d.precision, d.basis),
                (date, Some(precision), Some(DateBasis::Inferred)),
                "{text}"
            );
            // Without an anchor it is still found, unresolved.
            let u = scan(text, None);
            let d = u
                .iter()
                .find(|t| t.kind == Kind::Date)
                .unwrap_or_else(|| panic!("{text}: {u:?}"));
            assert_eq!(
                (d.date, d.precision, d.basis),
                (None, Some(precision), None),
                "{text}"
            );
        }
    }

    #[test]
    fn classifies_spans() {
        for (text, kind, matched) in [
            ("who invaded seven years ago", Kind::Age, "seven years ago"),
            ("an 8-month-old truce", Kind::Age, "an 8-month-old truce"),
            (
                "agree to a cease-fire within 50 days",
                Kind::Deadline,
                "within 50 days",
            ),
            (
                "he will know in two weeks whether",
                Kind::Deadline,
                "in two weeks",
            ),
            (
                "than Biden did in three years",
                Kind::Duration,
                "in three years",
            ),
            ("a 50-day deadline", Kind::Deadline, "a 50-day deadline"),
            (
                "nine days after that meeting",
                Kind::Interval,
                "nine days after",
            ),
            (
                "two attempts, 50 years apart.",
                Kind::Interval,
                "50 years apart",
            ),
            (
                "took almost two years of talks",
                Kind::Duration,
                "almost two years",
            ),
            (
                "took 575 meetings over two years to finalize",
                Kind::Duration,
                "575 meetings over two years",
            ),
            ("the talks lasted for hours.", Kind::Duration, "for hours"),
            ("in the weeks ahead", Kind::Deadline, "in the weeks ahead"),
        ] {
            let t = scan(text, None);
            assert_eq!(t.len(), 1, "{text}: {t:?}");
            assert_eq!((t[0].kind, t[0].text.as_str()), (kind, matched), "{text}");
        }
        // Prose refuses what only a lone phrase means.
        for text in [
            "a second round",
            "a quarter of the vote",
            "raised $2m",
            "at the end of the day",
            "Min Aung Hlaing",
        ] {
            assert!(
                scan(text, None).is_empty(),
                "{text}: {:?}",
                scan(text, None)
            );
        }
    }

    #[test]
    fn cuts_sentences_at_their_ends_only() {
        let text = "Mr. Putin met U.S. envoys on Dec. 2, 2025, said David E. Sanger. \
                    “Why?” he asked. It was 5 p.m. Talks went on!\nA new line";
        let sentences: Vec<&str> = ["Putin", "Why", "asked", "5 p.m", "Talks", "new"]
            .iter()
            .map(|w| {
                let (s, e) = sentence_at(text, text.find(w).unwrap());
                &text[s..e]
            })
            .collect();
        assert_eq!(
            sentences,
            [
                "Mr. Putin met U.S. envoys on Dec. 2, 2025, said David E. Sanger.",
                "“Why?” he asked.",
                "“Why?” he asked.",
                "It was 5 p.m. Talks went on!",
                "It was 5 p.m. Talks went on!",
                "A new line",
            ]
        );
        assert_eq!(sentence_at("", 5), (0, 0));
        assert_eq!(sentence_at("é", 1), (0, 2));
    }

    /// `sentences` cuts where `sentence_at` does, in every article.
    #[test]
    fn sentences_agree_with_sentence_at() {
        for id in ARTICLES {
            let text = article(id);
            let all = sentences(&text);
            assert!(all.len() > 10, "{id}");
            for &(s, e) in &all {
                assert_eq!(sentence_at(&text, s), (s, e), "{id}: {:?}", &text[s..e]);
            }
        }
        assert!(sentences("").is_empty() && sentences(" \n\n ").is_empty());
    }

    /// Offsets on character boundaries, in order, not overlapping, with
    /// char offsets that agree, on any text and any anchor.
    #[test]
    fn never_panics_and_keeps_offsets_sound() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let anchors = [
            None,
            day(2025, 12, 5),
            Some(NaiveDate::MIN),
            Some(NaiveDate::MAX),
        ];
        for round in 0..5_000 {
            let mut s = String::new();
            for _ in 0..(rng.next() % 24) {
                if rng.next().is_multiple_of(5) {
                    s.push(char::from_u32((rng.next() % 0x11_0000) as u32).unwrap_or('?'));
                } else {
                    s.push_str(rng.pick(PIECES));
                    if !rng.next().is_multiple_of(3) {
                        s.push(' ');
                    }
                }
            }
            let found = scan(&s, anchors[round % anchors.len()]);
            let mut last_end = 0;
            for t in &found {
                assert!(
                    last_end <= t.start && t.start < t.end && t.end <= s.len(),
                    "{s:?}: {found:?}"
                );
                assert_eq!(s.get(t.start..t.end), Some(t.text.as_str()), "{s:?}");
                assert_eq!(s[..t.start].chars().count(), t.char_start, "{s:?}");
                assert_eq!(s[..t.end].chars().count(), t.char_end, "{s:?}");
                last_end = t.end;
            }
            let offset = (rng.next() % (s.len() as u64 + 3)) as usize;
            let (a, b) = sentence_at(&s, offset);
            assert!(
                a <= b && b <= s.len() && s.is_char_boundary(a) && s.is_char_boundary(b),
                "{s:?} {offset}"
            );
        }
    }

    /// The five articles, twice over (10,000 words), in well under a second
    /// even unoptimized (a release build takes a few milliseconds).
    #[test]
    fn scans_ten_thousand_words_quickly() {
        let text: String = ARTICLES
            .iter()
            .map(|a| article(a) + "\n")
            .collect::<String>()
            .repeat(2);
        assert!(text.split_whitespace().count() >= 10_000);
        let start = std::time::Instant::now();
        let found = scan(&text, day(2025, 12, 5));
        assert!(found.len() >= 80, "{}", found.len());
        assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
    }
}
