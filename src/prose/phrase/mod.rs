//! The duration-phrase normalizer: from "almost two years" or "within 50
//! days" to an ISO-8601 duration, a modifier and an interval of days.
//!
//! A phrase is cut into tokens (words, numbers, fractions, punctuation) and
//! read by a small grammar:
//!
//! ```text
//! phrase   = [events "over"] prefix* amount suffix*
//! prefix   = hedge | "for" | "in" | "during" | "within" | "over the" | "between"
//!          | "just" | "only" | "a matter of" | "the" | "this" | "past" | "next" | ...
//! amount   = quantity [filler] unit [fraction] ("," | "and")? (quantity unit)*
//! quantity = vague | number [fraction] [("to" | "or" | "-") number] | fraction
//! suffix   = "or so" | "or more" | "ago" | "later" | "apart" | "old" | "of ..." | ...
//! ```
//!
//! # Rules
//!
//! **Units.** second, minute, hour, day, week, weekend (2 days), fortnight
//! (14 days), month, quarter (3 months), year, decade, century, singular or
//! plural, and the abbreviations `sec`, `min`, `hr`, `wk`, `mo`, `yr` (with
//! or without `s`), `h`, `m` (minute), `'` (minute) and `"` (second) after a
//! number (`2m`, `1/2h`, `2'`, `1"`). A year is 365.2425 days (the Gregorian
//! mean) and a month a twelfth of that, 30.436875 days. Days are rounded to
//! four decimals (so a few seconds round to 0).
//!
//! **Numbers.** Digits (`50`, `2.5`, `1,000`), words (`fifty`,
//! `twenty-five`, `one hundred and twenty`), `a`/`an` (one), `a dozen`.
//! Fractions: `1/2`, `½`, `2 1/2`, `half (a|an)`, `a half`, `a quarter of
//! an`, `three quarters of an` before a unit; `and a half`, `and half`, `and
//! a quarter`, `and two quarters`, `and three quarters` (with an optional
//! `of`) after a number or a unit (`one and a half hours`, `a year and a
//! half`, `one and three quarters of hour`).
//!
//! **Compounds** add up, each unit smaller than the one before: `an hour
//! and 45 minutes`, `2 years, 3 months`, `1 year 2 days 3 hours and 4
//! seconds` (in running prose only with `and`). A bare number ending a
//! phrase after hours or minutes counts the next smaller unit (`1 hour
//! thirty`, `2 hours and 10`).
//!
//! **Ranges** `two to three weeks`, `2-3 years`, `two or three days`,
//! `between two and three weeks`, `a day or two` give the counts from the
//! first number to the second, and the modifier `approx`; `iso` is the low
//! end and `iso_high` the high end.
//!
//! **Fillers** that do not change the count: `more`, `additional`, `extra`,
//! `further`, `less`, `fewer` after a number (Duckling's "2 more minutes" is
//! two minutes), and `fiscal`, `financial`, `calendar`, `full`, `whole`,
//! `entire`, `straight`, `consecutive`, `working`, `business`, `trading`,
//! `school`, `academic` before the unit (`the fiscal year`, `10 working
//! days`).
//!
//! **Determiners.** After `the`, `this`, `past`, `last`, `next`, `coming`,
//! `previous`, `following`, `upcoming`, `preceding` or `remaining`, a
//! singular unit is one of it (`the past week`, `this month`, `the
//! weekend`, `the fiscal year`). `the first`, `final`, `second`, `third` or
//! `fourth` need a count (`the first nine months`), except before `quarter`
//! (`the third quarter`: three months) and `half` (`the first half`: six
//! months). `recent` goes with a bare plural (`recent years`).
//!
//! **Adjectives.** A singular unit joined by a hyphen to its number is an
//! adjective (`two-year`, `8-month-old`, `a 50-day deadline`, and
//! `third-quarter`, `first-half` with no `the`): a leading `a`/`an`/`the`
//! is an article, not a count, and one head noun may follow.
//!
//! **Vague quantities** give a range of counts, the modifier `approx`, and
//! an ISO-8601 value with `X` for the number, as TimeML writes them (`PXY`,
//! `PXM`, `PXW`, `PXD`, `PTXH`, `PTXM`, `PTXS`; decades `PXDE`, centuries
//! `PXCE`, weekends `PXWE`, quarters `PXQ`):
//!
//! | words | count |
//! |---|---|
//! | a couple (of) | 2–3 |
//! | a few | 2–4 |
//! | several | 3–7 |
//! | dozens (of) | 24–99 |
//! | hundreds (of) | 200–999 |
//! | a bare plural unit (`months`, `for hours`, `recent years`, `the coming weeks`), or `many` | 2 up to one of the next larger unit: seconds and minutes 2–60, hours 2–24, days 2–7, weeks and weekends 2–4.35 (a month), months 2–12, quarters 2–4, years 2–10, decades 2–10, centuries 2–10 |
//!
//! **Hedges** turn the count `n` (or the range `lo–hi`) into days:
//!
//! | words | modifier | interval |
//! |---|---|---|
//! | none, `in`, `for`, `during`, `just`, `only` | `exact` | n |
//! | about, around, roughly, approximately, some, perhaps, maybe, circa, an estimated; `... or so` | `approx` | 0.9 n – 1.1 n (a vague range or a range is kept as it is) |
//! | almost, nearly, just under, not quite, close to | `less_than` | 0.9 n – n |
//! | less than, under, fewer than, shy of | `less_than` | 0 – n |
//! | more than, over, upwards of, in excess of, longer than, well over | `more_than` | n – 1.5 n |
//! | at least, no less than, a minimum of; `... or more`, `... or longer` | `at_least` | n – 1.5 n |
//! | within, up to, at most, no more than, no longer than, a maximum of; `... or less` | `at_most` | 0 – n |
//!
//! The upper bound of `more than` and `at least` is a convention: a writer
//! who meant twice the number would have said so, so half as much again is
//! taken as the most the phrase allows.
//!
//! **`over` is ambiguous.** It means *more than* when it modifies the number
//! ("over two years", "lasted over a week" is not accepted: give the span),
//! but *during* when it follows a count of events ("575 meetings over two
//! years") or precedes `the` ("over the past week", "over the weekend"). As
//! a span it is read as `approx`: the count is taken as a round figure.
//!
//! **Relative phrasing** measures the same span: `nine days after`, `two
//! years later`, `seven years ago`, `50 years apart`, `the past 10 days`,
//! `the next two weeks`, `a few months earlier`, `two years prior`, `a year
//! from now`, `the weeks ahead`, `two years old`, `8-month-old`, `two days
//! in a row`, `in two weeks' time`. A trailing `of ...` ("years of
//! groundwork", "the first half of the year") is ignored.
//!
//! **ISO-8601.** The numbers and units (`P2Y`, `P50D`, `PT24H`, `P2W`,
//! `P2.5Y`, `PT1H45M`, `P1Y2DT3H4S`); decades and centuries in years
//! (`P10Y`), fortnights in weeks, quarters and halves of a year in months
//! (`P3M`), weekends as `WE` (`P1WE`); for a vague quantity an `X`
//! (`months` is `PXM`); for a range its low end (and `iso_high`).
//!
//! **Errors.** A phrase that cannot be read is an [`Error::Phrase`] whose
//! reason names the word that stopped the reading.

use serde::Serialize;

use crate::error::{Error, Result};

mod grammar;
mod lexer;
mod tokens;
#[allow(unused_imports)]
pub use grammar::*;
#[allow(unused_imports)]
pub use lexer::*;
#[allow(unused_imports)]
pub use tokens::*;

/// Days in a Gregorian year on average.
pub const DAYS_PER_YEAR: f64 = 365.2425;
/// Days in an average month.
pub const DAYS_PER_MONTH: f64 = DAYS_PER_YEAR / 12.0;

/// Counts above this many days are refused: no phrase means them, and
/// arithmetic on them loses its meaning.
const MAX_DAYS: f64 = 1e12;

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

/// A phrase, normalized.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Normalized {
    /// The phrase as given.
    pub phrase: String,
    /// ISO-8601 duration of the number and unit (for a range, its low end;
    /// for a vague quantity, `X` in place of the number).
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
    /// For a range ("two to three weeks"), the ISO-8601 duration of its high
    /// end (`P3W`); `iso` is the low end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso_high: Option<String>,
}

// ---------------------------------------------------------------------------
// Tokens

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Kind {
    /// Letters (lower-cased in `text`), possibly with digits after them.
    Word,
    /// A number written in digits: `50`, `2.5`, `1,000`.
    Num(f64),
    /// A fraction: `1/2`, `½`.
    Frac(f64),
    /// An ordinal in digits: `2nd`, `21st`.
    Ordinal(u32),
    /// `'` (or `′`) right after a number: minutes.
    Prime,
    /// `"` (or `″`) right after a number: seconds.
    DoublePrime,
    /// `2025-12-02`.
    IsoDate,
    /// `12/2/2025`.
    SlashDate,
    /// Anything else made of digits (`10:30`, `1990s`).
    Other,
    /// One punctuation character; a dash standing alone is `-`.
    Punct(char),
}

/// A token with its place in the text.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    pub(crate) kind: Kind,
    /// Lower-cased word, the number as written, or the punctuation.
    pub(crate) text: String,
    /// Byte offsets of the token in the text (a stripped `'s` included).
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Joined to the token before by a hyphen ("two-year", "2-3").
    pub(crate) hyphen: bool,
    /// Starts with an upper-case letter.
    pub(crate) cap: bool,
    /// Was followed by a possessive `'s` or `s'` ("a year's", "two weeks'").
    pub(crate) possessive: bool,
}

// ---------------------------------------------------------------------------
// Units

#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Fortnight,
    Month,
    Quarter,
    HalfYear,
    Year,
    Decade,
    Century,
}

/// How a unit was written.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Form {
    /// The word, singular.
    Singular,
    /// The word, plural.
    Plural,
    /// An abbreviation (`hrs`, `min`): only after a number in prose.
    Abbrev,
    /// A symbol or one letter (`'`, `"`, `h`, `m`): never in prose.
    Symbol,
}

// ---------------------------------------------------------------------------
// Words

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

/// Hedges before the number; a longer one is listed before any it starts with.
const HEDGES: &[(&[&str], Hedge)] = &[
    (&["just", "under"], Hedge::Almost),
    (&["not", "quite"], Hedge::Almost),
    (&["close", "to"], Hedge::Almost),
    (&["almost"], Hedge::Almost),
    (&["nearly"], Hedge::Almost),
    (&["less", "than"], Hedge::LessThan),
    (&["fewer", "than"], Hedge::LessThan),
    (&["shy", "of"], Hedge::LessThan),
    (&["under"], Hedge::LessThan),
    (&["more", "than"], Hedge::MoreThan),
    (&["longer", "than"], Hedge::MoreThan),
    (&["upwards", "of"], Hedge::MoreThan),
    (&["in", "excess", "of"], Hedge::MoreThan),
    (&["well", "over"], Hedge::MoreThan),
    (&["over"], Hedge::MoreThan),
    (&["at", "least"], Hedge::AtLeast),
    (&["no", "less", "than"], Hedge::AtLeast),
    (&["a", "minimum", "of"], Hedge::AtLeast),
    (&["at", "most"], Hedge::AtMost),
    (&["no", "more", "than"], Hedge::AtMost),
    (&["no", "longer", "than"], Hedge::AtMost),
    (&["not", "more", "than"], Hedge::AtMost),
    (&["a", "maximum", "of"], Hedge::AtMost),
    (&["up", "to"], Hedge::AtMost),
    (&["about"], Hedge::Approx),
    (&["around"], Hedge::Approx),
    (&["roughly"], Hedge::Approx),
    (&["approximately"], Hedge::Approx),
    (&["an", "estimated"], Hedge::Approx),
    (&["some"], Hedge::Approx),
    (&["perhaps"], Hedge::Approx),
    (&["maybe"], Hedge::Approx),
    (&["circa"], Hedge::Approx),
];

/// How a phrase leads in: a preposition before the span.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Lead {
    None,
    /// `in two weeks`
    In,
    /// `within 50 days`
    Within,
    /// `for hours`, `during`, `throughout`
    For,
}

const LEADS: &[(&str, Lead)] = &[
    ("in", Lead::In),
    ("within", Lead::Within),
    ("for", Lead::For),
    ("during", Lead::For),
    ("throughout", Lead::For),
];

/// Words after the number that place the span in time without changing its
/// length.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Rel {
    None,
    /// `seven years ago`
    Ago,
    /// `8-month-old`, `two years old`
    Old,
    /// `nine days after`, `two years later`, `two years on`
    After,
    /// `two days before`, `a few months earlier`, `two years prior`
    Before,
    /// `50 years apart`
    Apart,
    /// `a year from now`, `the weeks ahead`
    Ahead,
}

const SUFFIXES: &[(&[&str], Rel)] = &[
    (&["from", "now"], Rel::Ahead),
    (&["ahead"], Rel::Ahead),
    (&["ago"], Rel::Ago),
    (&["old"], Rel::Old),
    (&["after"], Rel::After),
    (&["afterwards"], Rel::After),
    (&["afterward"], Rel::After),
    (&["later"], Rel::After),
    (&["apart"], Rel::Apart),
    (&["before"], Rel::Before),
    (&["earlier"], Rel::Before),
    (&["prior"], Rel::Before),
    (&["long"], Rel::None),
    (&["in", "all"], Rel::None),
    (&["in", "a", "row"], Rel::None),
    (&["straight"], Rel::None),
];

/// Words before the unit that do not change the count: after a number
/// (Duckling's "2 more minutes") ...
const COUNT_FILLERS: &[&str] = &["more", "additional", "extra", "further", "less", "fewer"];
/// ... and anywhere before the unit.
const UNIT_ADJECTIVES: &[&str] = &[
    "fiscal",
    "financial",
    "calendar",
    "full",
    "whole",
    "entire",
    "straight",
    "consecutive",
    "working",
    "business",
    "trading",
    "school",
    "academic",
];

/// Words that, with `the`, make a singular unit one of it.
const DETERMINERS: &[&str] = &[
    "past",
    "last",
    "next",
    "coming",
    "previous",
    "following",
    "upcoming",
    "preceding",
    "remaining",
];

/// Ordinals that need a count, or `quarter`/`half`.
const ORDINALS: &[&str] = &["first", "final", "second", "third", "fourth"];

/// Head nouns an adjectival span keeps in running prose ("a 50-day
/// deadline"); in a phrase any one word may follow.
pub(crate) const PROSE_HEADS: &[&str] = &[
    "deadline",
    "ultimatum",
    "truce",
    "ceasefire",
    "pause",
    "moratorium",
    "extension",
    "window",
    "period",
    "timeline",
    "timetable",
];

// ---------------------------------------------------------------------------
// The grammar

/// What stopped a reading.
#[derive(Debug)]
pub(crate) enum Stop {
    /// No unit after the quantity; the index of the token there (if any).
    NoUnit(usize),
    /// A singular unit with no number ("day").
    NeedsNumber(usize),
    /// A word that does not belong.
    Unexpected(usize),
    /// A number too large to mean anything.
    TooLarge,
    /// A reading that prose does not allow ("a second" is an ordinal there).
    NotInProse,
    /// `between` with no range after it.
    NoRange(usize),
    /// `the second`, `the third` ... before anything but a quarter or a half.
    Ordinal(usize),
}

/// The quantity read.
#[derive(Clone, Copy, Debug)]
enum Amount {
    /// No quantity: a bare unit.
    Bare,
    /// A number (with any fraction).
    Exact(f64),
    /// A range of counts ("two to three").
    Range(f64, f64),
    /// A vague count ("several"); `None` for `many`, which reads as a bare plural.
    Vague(Option<(f64, f64)>),
}

/// A reading: what [`normalize`] returns, plus what the scanner needs.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    /// The first token not read.
    pub(crate) end: usize,
    pub(crate) iso: String,
    pub(crate) iso_high: Option<String>,
    pub(crate) modifier: Modifier,
    pub(crate) days_low: f64,
    pub(crate) days_high: f64,
    pub(crate) count: Option<(u64, String)>,
    pub(crate) lead: Lead,
    pub(crate) rel: Rel,
    /// The head noun of an adjectival span ("deadline").
    pub(crate) head: Option<String>,
    /// Whether the span is an adjective ("two-year", "8-month-old").
    pub(crate) adjectival: bool,
}

/// An ordinal after `the`.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Ordinal {
    None,
    /// `first`, `final`: a count must follow ("the first nine months"),
    /// unless the unit is a quarter or a half.
    Counted,
    /// `second`, `third`, `fourth`: only before `quarter` or `half`.
    Named,
}

/// What the words before the quantity said.
struct Prefix {
    hedge: Hedge,
    /// `over the ...` or a count of events: a span, read `approx`.
    span: bool,
    count: Option<(u64, String)>,
    lead: Lead,
    /// `the`, `this`, `past`, `next` ...: a singular unit is one of it.
    det: bool,
    /// Only a plain `the` or `this`.
    the_only: bool,
    recent: bool,
    between: bool,
    ordinal: Ordinal,
    /// Where the last prefix word was (`between`, `third`), for errors.
    at: usize,
}

/// A quantity and unit read, before the suffixes.
struct Reading {
    /// The units and counts, for the ISO value.
    parts: Vec<(Unit, f64)>,
    /// The first unit, whose days the counts are in.
    unit: Unit,
    lo: f64,
    hi: f64,
    vague: bool,
    range: bool,
    /// A singular unit hyphened to its number ("two-year").
    adjectival: bool,
}

#[cfg(test)]
pub(crate) mod tests;
