//! Candidate rows found in an article: its dates, spans, deadlines,
//! pledges and meetings, each with the sentence it stands in and a draft
//! row in its table's own columns.
//!
//! [`article`] reads one article of a [`Dataset`] (its repaired text, and
//! its `published` date when the text states the day, to resolve "on
//! Tuesday"); [`extract`] gives the same as a DataFrame, one row per
//! candidate. Nothing is written: [`Extraction::accept`] appends chosen
//! drafts to a data directory (checked as always, see
//! [`crate::authoring::rows::append`]), and [`Extraction::drafts`] gives them to edit.
//!
//! # What is found
//!
//! | kind | what | table | draft |
//! |---|---|---|---|
//! | `date` | a day, month or year ([`crate::prose::timex`]): "Dec. 2, 2025", "in March 1975", "on Tuesday" | `meetings` when a meeting candidate of its sentence (or the next one) takes it, `outcomes` when its sentence names an accord, a treaty, a ceasefire or a prize, else none | the meeting's, or an outcome dated by it |
//! | `duration` | a span: "almost two years", "for hours" | `durations` | kind `meeting` when the sentence speaks of talks or meetings, else `negotiation` |
//! | `age`, `interval` | "seven years ago", "nine days after" | `durations` | kind `interval` |
//! | `deadline` | "within 50 days", "in two weeks" after `will`, "by March 2026" | `durations` | kind `deadline`, fate `pending` |
//! | `pledge` | a deadline in a sentence that speaks of a pledge, promise or vow | `durations` | kind `pledge`, fate `pending` |
//! | `meeting` | a sentence where people meet, talk, call, visit or shuttle, naming at least one person or place (known or new) | `meetings` | participants, place, date, format |
//! | `planned` | the same in a future or modal clause: "Witkoff will meet Zelensky next week", "a summit could follow in March" ([`crate::prose::timex::tense_of`]) | none | none: the tables hold meetings that took place |
//!
//! **A meeting's date** is a dated date of its sentence, or else of the
//! sentence before it in the same paragraph (when that one has no meeting
//! or outcome of its own). A date right after a reporting verb ("said
//! Wednesday", "told reporters on Thursday") is when it was said and is
//! passed over; of the others, the one nearest the meeting word is taken.
//! The draft's notes say which date was taken when the sentence had more
//! than one, and why.
//!
//! **Names.** The names already in the tables are the gazetteer: the
//! participants and places of `meetings`, and the mediators, U.S. leads and
//! parties of `processes`. A person is also found by the last word of
//! their name when no one else shares it ("Putin", "Witkoff"); a place by
//! each part of its name ("Kremlin" in "Kremlin, Moscow"); a country by
//! its adjective ("Russian"). In a meeting or outcome sentence, a run of
//! capitalized words that is not in the gazetteer is proposed as a new
//! name: a place after `in`, `at`, `to`, `from`; a person when it has two
//! words or more, or follows a title (`President`, `Secretary`...).
//!
//! **Processes.** A draft's process is the one whose parties, mediator,
//! U.S. leads and meeting participants the sentence names most, when that
//! is at least two of them and no other process names as many; otherwise
//! it is left empty for the analyst (the notes list the closest).
//!
//! **Drafts.** Ids are `<source>_<kind>_<char offset of the span>`: the
//! same however the tables change (a candidate's number may not, as an
//! accepted row adds names to the gazetteer), so accepting a draft twice
//! is refused as a duplicate id. The quote is
//! the candidate's whole sentence, verbatim (white space folded, as the
//! check compares quotes). A date's `date_basis` is `stated` when the
//! text gives it in full and `inferred` when it was resolved against the
//! article's date; a deadline's due date computed from its span is
//! `inferred`. What the text cannot say (a meeting's result, a deadline's
//! fate, a span's subject) is a default the notes ask the analyst to
//! review.
//!
//! ```
//! use negotiations::{extract, Dataset};
//!
//! let data = Dataset::embedded()?;
//! let found = extract::article(&data, "kissinger_echo")?;
//! let caption = found.candidates.iter().find(|c| c.text == "Dec. 2, 2025").unwrap();
//! assert_eq!((caption.kind.as_str(), caption.table), ("date", Some("meetings")));
//! let meeting = found.draft(caption.number).unwrap();
//! assert!(meeting.id().starts_with("kissinger_echo_meeting_"));
//! let df = extract::extract(&data, "kissinger_echo")?;
//! assert_eq!(df.height(), found.candidates.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{Days, NaiveDate};
use memchr::memmem::Finder;
use polars::prelude::*;

use crate::authoring::rows::{DurationRow, MeetingRow, OutcomeRow, Row};
use crate::base::codes::{DateBasis, DurationKind, Format, MeetingResult, OutcomeKind, Precision};
use crate::error::{Error, Result};
use crate::prose::phrase::{self, Kind as Tok, Modifier, Normalized, Token};
use crate::prose::text::fold_whitespace;
use crate::prose::timex::{self, Kind as TimexKind, Timex};
use crate::tables::dataset::Dataset;
use crate::tables::export::escape_html;

mod candidates;
mod drafts;
mod gazetteer;
mod meeting;
#[cfg(test)]
mod tests;
mod view;
#[allow(unused_imports)]
pub use candidates::*;
#[allow(unused_imports)]
pub use drafts::*;
#[allow(unused_imports)]
pub use gazetteer::*;
#[allow(unused_imports)]
pub use meeting::*;
#[allow(unused_imports)]
pub use view::*;

/// What a candidate is.
///
/// ```
/// use negotiations::extract::CandidateKind;
/// assert_eq!(CandidateKind::Pledge.as_str(), "pledge");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CandidateKind {
    /// A day, a month or a year.
    Date,
    /// A span of time.
    Duration,
    /// How long ago something was.
    Age,
    /// The time between two events.
    Interval,
    /// A limit in time.
    Deadline,
    /// A deadline in a sentence about a pledge, promise or vow.
    Pledge,
    /// A sentence where people meet, talk, call, visit or shuttle.
    Meeting,
    /// A meeting announced, expected or planned ("Witkoff will meet
    /// Zelensky next week", "a summit could follow in March"): not drafted,
    /// as the tables hold meetings that took place.
    Planned,
}

/// One candidate found in an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Its number, from 1, in the order of the text: what `--accept` takes.
    pub number: usize,
    /// What it is.
    pub kind: CandidateKind,
    /// Char offset of its first character in the article.
    pub start: usize,
    /// Char offset just past its last character.
    pub end: usize,
    /// Byte offsets of the span, `text[byte_start..byte_end]`.
    pub byte_start: usize,
    /// Byte offset just past the span.
    pub byte_end: usize,
    /// The span's text (for a meeting, the word that makes it one).
    pub text: String,
    /// The whole sentence, white space folded: the draft's quote.
    pub quote: String,
    /// Byte offsets of the sentence in the article.
    pub sentence: (usize, usize),
    /// The date: a date's own, a meeting's (from its sentence, or the one
    /// before), a deadline's date ("by March 2026").
    pub date: Option<NaiveDate>,
    /// How precisely the date is given.
    pub precision: Option<Precision>,
    /// Where the date comes from: `stated` or `inferred`.
    pub basis: Option<DateBasis>,
    /// A span, normalized ([`crate::prose::phrase`]).
    pub duration: Option<Normalized>,
    /// People of the gazetteer the sentence names.
    pub people: Vec<String>,
    /// Places (and countries) of the gazetteer the sentence names.
    pub places: Vec<String>,
    /// Capitalized names not in the gazetteer (in meeting and outcome
    /// sentences), proposed as new.
    pub new_names: Vec<String>,
    /// The table it would add a row to.
    pub table: Option<&'static str>,
    /// Its draft: an index into [`Extraction::drafts`].
    pub draft: Option<usize>,
}

/// Everything found in one article.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The article's id.
    pub source_id: String,
    /// The article's text.
    pub text: String,
    /// The date relative dates were resolved against (the article's
    /// `published` day), if any.
    pub anchor: Option<NaiveDate>,
    /// The candidates, in the order of the text.
    pub candidates: Vec<Candidate>,
    /// The draft rows, in the order of the candidates they come from.
    pub drafts: Vec<Row>,
    /// Names found in meeting and outcome sentences, for [`Highlight`]:
    /// `(byte start, byte end, what, known)`.
    names: Vec<(usize, usize, &'static str, bool)>,
}

/// The columns of [`extract`]'s DataFrame shown in a terminal table and
/// beside the highlighted article ([`Extraction::view`]): all but the
/// offsets, the days and the quote.
pub const BRIEF: [&str; 14] = [
    "n",
    "kind",
    "text",
    "date",
    "precision",
    "basis",
    "iso",
    "modifier",
    "table",
    "draft_id",
    "process_id",
    "people",
    "places",
    "new_names",
];

/// The gazetteer of a dataset, built once, to extract from any number of
/// texts (an article not yet added, say).
///
/// ```
/// use negotiations::extract::Extractor;
/// let data = negotiations::Dataset::embedded()?;
/// let x = Extractor::new(&data)?;
/// let found = x.text("draft", "Witkoff met Putin in Moscow on Dec. 2, 2025. They spoke for hours.", None);
/// let m = found.candidates.iter().find(|c| c.kind.as_str() == "meeting").unwrap();
/// assert_eq!(m.people, ["Steve Witkoff", "Vladimir Putin"]);
/// assert_eq!(m.places, ["Moscow"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Extractor {
    entities: Vec<Entity>,
    forms: Vec<Form>,
    demonyms: Vec<(Finder<'static>, usize, usize)>,
    /// Each process's id, and for each entity name the processes it names.
    processes: Vec<String>,
    named_in: HashMap<String, Vec<usize>>,
    /// Each process's parties, and the parties each person was met as (the
    /// `counterpart` of the sessions they took part in): a drafted
    /// session's counterpart.
    parties_of: HashMap<String, Vec<String>>,
    sides_of: HashMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ent {
    Person,
    Place,
    Country,
}

#[derive(Debug)]
struct Entity {
    name: String,
    kind: Ent,
    country: Option<String>,
}

#[derive(Debug)]
struct Form {
    finder: Finder<'static>,
    len: usize,
    entity: usize,
}

/// A name found in the text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    entity: usize,
}

/// Other names for countries, and the adjectives of the common ones.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("Britain", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("America", "United States"),
    ("U.S.", "United States"),
    ("Washington", "United States"),
    (
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
    ),
    ("Congo", "Democratic Republic of the Congo"),
];
const DEMONYMS: &[(&str, &str)] = &[
    ("Russian", "Russia"),
    ("Russians", "Russia"),
    ("Ukrainian", "Ukraine"),
    ("Ukrainians", "Ukraine"),
    ("Israeli", "Israel"),
    ("Israelis", "Israel"),
    ("Egyptian", "Egypt"),
    ("Egyptians", "Egypt"),
    ("Syrian", "Syria"),
    ("Syrians", "Syria"),
    ("American", "United States"),
    ("Americans", "United States"),
    ("British", "United Kingdom"),
    ("Irish", "Ireland"),
    ("Japanese", "Japan"),
    ("Chinese", "China"),
    ("North Korean", "North Korea"),
    ("Armenian", "Armenia"),
    ("Azerbaijani", "Azerbaijan"),
    ("Rwandan", "Rwanda"),
    ("Congolese", "Democratic Republic of the Congo"),
    ("Thai", "Thailand"),
    ("Cambodian", "Cambodia"),
    ("Palestinian", "Palestine"),
];

// ---------------------------------------------------------------------------
// Sentences, triggers and drafts

/// Words that make a span a pledge rather than a deadline.
const PLEDGE_WORDS: &[&str] = &[
    "pledge", "pledged", "pledges", "promise", "promised", "promises", "vow", "vowed", "vows",
];

/// Words that name an outcome, with its kind, in order of precedence.
const OUTCOME_WORDS: &[(&str, OutcomeKind)] = &[
    ("prize", OutcomeKind::Prize),
    ("armistice", OutcomeKind::Armistice),
    ("treaty", OutcomeKind::Treaty),
    ("memorandum", OutcomeKind::Memorandum),
    ("disengagement", OutcomeKind::Disengagement),
    ("ceasefire", OutcomeKind::Ceasefire),
    ("truce", OutcomeKind::Ceasefire),
    ("declaration", OutcomeKind::DeEscalation),
    ("accord", OutcomeKind::PeaceAgreement),
    ("accords", OutcomeKind::PeaceAgreement),
    ("agreement", OutcomeKind::PeaceAgreement),
];

/// Titles before a name, left out of it.
const TITLES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "dr",
    "secretary",
    "state",
    "prime",
    "minister",
    "special",
    "envoy",
    "army",
    "vice",
    "gen",
    "general",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "chancellor",
    "king",
    "queen",
    "prince",
    "foreign",
    "ambassador",
    "former",
    "chief",
    "deputy",
    "adviser",
    "advisor",
    "premier",
    "pope",
    "sir",
    "lord",
    "leader",
];

/// Capitalized words that are not names.
const NOT_NAMES: &[&str] = &[
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
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "i",
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "in",
    "on",
    "at",
    "of",
    "european",
    "western",
    "eastern",
    "northern",
    "southern",
    "soviet",
    "west",
    "east",
    "north",
    "south",
    "cold",
    "war",
    "peace",
    "he",
    "she",
    "they",
    "we",
    "it",
    "his",
    "her",
    "their",
];

/// Last words of the names of organisations, events and documents, which
/// are not people or places.
const ORGANISATIONS: &[&str] = &[
    "war",
    "wars",
    "center",
    "centre",
    "affairs",
    "times",
    "news",
    "press",
    "post",
    "journal",
    "agreement",
    "accord",
    "accords",
    "treaty",
    "prize",
    "memorandum",
    "declaration",
    "union",
    "council",
    "committee",
    "department",
    "departments",
    "house",
    "ministry",
    "party",
    "forces",
    "force",
    "army",
    "command",
    "university",
    "institute",
    "foundation",
    "administration",
    "office",
    "agency",
    "network",
    "bank",
    "fund",
    "nations",
    "league",
    "organization",
    "organisation",
    "court",
    "senate",
    "congress",
    "parliament",
    "government",
    "assembly",
    "guard",
    "service",
    "services",
    "school",
    "college",
    "group",
    "corps",
    "company",
    "one",
];

/// Words before a place.
const PLACE_WORDS: &[&str] = &[
    "in", "at", "to", "from", "near", "toward", "towards", "outside", "inside", "into",
];

struct Raw {
    kind: CandidateKind,
    start: usize,
    end: usize,
    sentence: usize,
    timex: Option<Timex>,
    format: Option<Format>,
}

struct Builder<'a> {
    x: &'a Extractor,
    source: &'a str,
    text: &'a str,
    anchor: Option<NaiveDate>,
    sentences: Vec<(usize, usize)>,
    toks: Vec<Token>,
    hits: Vec<Hit>,
    demonyms: Vec<Hit>,
    /// Char offset of each byte offset that starts a char (and the end).
    chars: Vec<u32>,
}

/// One marked span of a [`Highlight`].
///
/// ```
/// use negotiations::extract::{Highlight, Mark};
/// let h = Highlight::new("in March 1975", vec![Mark::new(3, 13, "a date")]);
/// assert_eq!(h.html().matches("<mark").count(), 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Byte offset of the span's start in the text.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
    /// Shown on hover.
    pub title: String,
    /// A short label after the span (a candidate's number).
    pub label: Option<String>,
    /// Background colour (a CSS colour).
    pub colour: &'static str,
    /// Underlined rather than filled (names).
    pub underline: bool,
}

/// A text as HTML with spans marked (`<mark title="...">`), a paragraph per
/// line; every piece of text, title and label is escaped, so an article
/// holding `<script>` or quotes stays inert. Overlapping marks after the
/// first are left out, as are marks outside the text or inside a
/// character.
///
/// ```
/// use negotiations::extract::{Highlight, Mark};
/// let text = "<script>alert('x')</script> & \"talks\" in March 1975";
/// let at = text.find("March").unwrap();
/// let h = Highlight::new(text, vec![Mark::new(at, text.len(), "\"><script>")]);
/// assert!(!h.html().contains("<script>"));
/// assert!(h.html().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;talks&quot;"));
/// assert!(h.html().contains("title=\"&quot;&gt;&lt;script&gt;\""));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    html: String,
}
