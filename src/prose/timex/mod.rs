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
//! | `last week`, `this week`, `next week`, `later this week`, `earlier this week` | week (its Monday) | inferred |
//! | `last month`, `this month`, `next month`, `later this month` | month | inferred |
//! | `in 1994`, `In 1973,`, `the 1973 Arab-Israeli war`, `his 2024 campaign`, `early 2025` | year | stated |
//! | `last year`, `this year`, `next year` | year | inferred |
//!
//! An inferred date is resolved against the `anchor` (the article's date).
//! Without an anchor it is still returned, with no `date` and no `basis`.
//!
//! **Tense.** A bare weekday, a month and day, or a month without a year
//! is placed by the tense of its clause, as HeidelTime and SUTime do for
//! news: the nearest cue before it in its sentence (at most 12 words back)
//! decides, and [`Timex::tense`] says which it read.
//!
//! | cue before the date | tense | the date is |
//! |---|---|---|
//! | `will`, `would`, `shall`, `could`, `may`, `might`, `should`, `must`, `can`, `'ll` | future | the first on or after the anchor |
//! | `plans`, `expected`, `hopes`, `aims`, `intends`, `going`, `wants`, `poised`, `likely` ... followed by `to` | future | the first on or after |
//! | `due`, `scheduled`, `slated`, `set`, `planned` followed by `to`, `for`, `in`, `on` or `at` | future | the first on or after |
//! | a past form: `said`, `met`, `had`, `was`, `grew`, `held` ... or any word in `-ed`; `ago`, `earlier`, `previously`, `already` | past | the latest on or before |
//! | none (present tense, or no verb) | unmarked | the nearest to the anchor (the earlier on a tie): check it |
//!
//! `plan` as a noun ("the plan grew") is no cue; `planned` is past unless a
//! preposition follows. With a weekday or a month, `last` is the latest
//! before the anchor's day or month, `next` the first after it, `this` the
//! one in the anchor's week (Monday to Sunday) or year, whatever the tense.
//!
//! **References are dates, not spans.** `this week`, `last week`, `next
//! week`, `later this week`, `earlier this month`, `next month`, `last
//! year` are dates with the precision of their period (a week is dated by
//! its Monday); `for four days`, `a five-hour meeting` stay durations.
//!
//! Month names must be capitalized; a month with no day or year (and `May` or `March` always) needs a word
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

mod dates;
mod scan;
mod sentences;
#[cfg(test)]
mod tests;
#[allow(unused_imports)]
pub use dates::*;
#[allow(unused_imports)]
pub use scan::*;
#[allow(unused_imports)]
pub use sentences::*;

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
    /// For a date whose year (or week) the text leaves open (`in March`,
    /// `December 2`, `on Tuesday`), the tense of its clause, which placed
    /// it before the anchor (`past`), after it (`future`) or nearest to it
    /// (`unmarked`: a guess the reader should check).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tense: Option<Tense>,
    /// For a duration, an age, an interval or a span deadline, what the
    /// phrase normalizer makes of the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Normalized>,
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
    tense: Option<Tense>,
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
    /// Weeks from the anchor's week (Monday to Sunday): `last week` is -1.
    RelWeek(i32),
    /// Months from the anchor's month.
    RelMonth(i32),
    /// Years from the anchor's year.
    RelYear(i32),
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
