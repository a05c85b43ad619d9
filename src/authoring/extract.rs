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
}

impl CandidateKind {
    /// The kind as a word: `date`, `duration`, `age`, `interval`,
    /// `deadline`, `pledge`, `meeting`.
    ///
    /// ```
    /// assert_eq!(negotiations::extract::CandidateKind::Meeting.as_str(), "meeting");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            CandidateKind::Date => "date",
            CandidateKind::Duration => "duration",
            CandidateKind::Age => "age",
            CandidateKind::Interval => "interval",
            CandidateKind::Deadline => "deadline",
            CandidateKind::Pledge => "pledge",
            CandidateKind::Meeting => "meeting",
        }
    }

    /// The background colour of its mark in [`Highlight`].
    fn colour(self) -> &'static str {
        match self {
            CandidateKind::Date => "#ffe08a",
            CandidateKind::Duration => "#b9e3ff",
            CandidateKind::Age | CandidateKind::Interval => "#dccfff",
            CandidateKind::Deadline | CandidateKind::Pledge => "#ffc7b8",
            CandidateKind::Meeting => "#c8efc4",
        }
    }
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

/// What [`article`] and [`Extractor::text`] find, as a DataFrame, one row
/// per candidate.
///
/// | column | what |
/// |---|---|
/// | `n` | the candidate's number |
/// | `kind` | `date`, `duration`, `age`, `interval`, `deadline`, `pledge`, `meeting` |
/// | `text` | the span |
/// | `start`, `end` | its char offsets in the article |
/// | `date`, `precision`, `basis` | the date, normalized |
/// | `iso`, `modifier`, `days_low`, `days_high` | the span, normalized |
/// | `people`, `places`, `new_names` | names in the sentence (`; `-separated) |
/// | `table`, `draft_id`, `process_id` | the draft row: its table, id and process |
/// | `quote` | the sentence |
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let df = negotiations::extract::extract(&data, "protracted_op_ed")?;
/// assert!(df.column("quote")?.str()?.iter().flatten().any(|q| q.contains("within 50 days")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn extract(data: &Dataset, source_id: &str) -> Result<DataFrame> {
    article(data, source_id)?.frame()
}

/// Finds the candidates in the article `source_id` of `data`, resolving
/// relative dates against its `published` date when that is a day.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let found = negotiations::extract::article(&data, "strategic_muddle")?;
/// assert_eq!(found.anchor.map(|d| d.to_string()).as_deref(), Some("2025-08-27"));
/// // "told reporters Friday": resolved against the article's date, so inferred.
/// let friday = found.candidates.iter().find(|c| c.text == "Friday").unwrap();
/// assert_eq!(friday.basis.map(|b| b.as_str()), Some("inferred"));
/// assert!(negotiations::extract::article(&data, "no_such_article").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn article(data: &Dataset, source_id: &str) -> Result<Extraction> {
    let model = data.model();
    let Some(source) = model.source(source_id).and_then(|i| model.sources.get(i)) else {
        return Err(Error::unknown(
            "source",
            source_id,
            model.sources.iter().map(|s| s.id.as_str()),
        ));
    };
    let anchor = source
        .published
        .filter(|p| p.precision == Precision::Day)
        .map(|p| p.first);
    let text = data.source_text(source_id).unwrap_or_default();
    Ok(Extractor::new(data)?.text(source_id, text, anchor))
}

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

impl Extractor {
    /// Builds the gazetteer from the names in `data`'s tables.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let x = negotiations::extract::Extractor::new(&data)?;
    /// assert!(x.text("t", "Kissinger flew to Cairo.", None).candidates.len() == 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(data: &Dataset) -> Result<Extractor> {
        let mut x = Extractor {
            entities: Vec::new(),
            forms: Vec::new(),
            demonyms: Vec::new(),
            processes: Vec::new(),
            named_in: HashMap::new(),
            parties_of: HashMap::new(),
            sides_of: HashMap::new(),
        };
        let mut ids: HashMap<(String, bool), usize> = HashMap::new();
        let mut add = |x: &mut Extractor, name: &str, kind: Ent, country: Option<&str>| {
            let name = name.trim();
            if name.is_empty() {
                return;
            }
            let key = (name.to_string(), kind == Ent::Person);
            if let Some(&i) = ids.get(&key) {
                if let Some(e) = x.entities.get_mut(i).filter(|e| e.country.is_none()) {
                    e.country = country.map(str::to_string);
                }
                return;
            }
            ids.insert(key, x.entities.len());
            x.entities.push(Entity {
                name: name.to_string(),
                kind,
                country: country.map(str::to_string),
            });
        };
        let meetings = data.table("meetings")?;
        let processes = data.table("processes")?;
        // Places first: a full place ("Kremlin, Moscow") before its parts.
        for row in 0..meetings.height() {
            let country = meetings.text("country", row);
            if let Some(place) = meetings.text("place", row) {
                add(&mut x, place, Ent::Place, country);
            }
        }
        for row in 0..meetings.height() {
            let country = meetings.text("country", row);
            if let Some(place) = meetings.text("place", row) {
                for part in place.split(',').skip(1) {
                    add(&mut x, part, Ent::Place, country);
                }
            }
            if let Some(c) = country {
                add(&mut x, c, Ent::Country, None);
            }
            for p in meetings.items("participants", row).into_iter().flatten() {
                add(&mut x, p, Ent::Person, None);
            }
        }
        for row in 0..processes.height() {
            for p in processes.items("parties", row).into_iter().flatten() {
                add(&mut x, p, Ent::Country, None);
            }
            for p in processes.items("us_lead", row).into_iter().flatten() {
                add(&mut x, p, Ent::Person, None);
            }
            if let Some(m) = processes.text("mediator", row) {
                add(&mut x, m, Ent::Person, None);
            }
        }
        let by_name: HashMap<String, usize> = x
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.clone(), i))
            .collect();

        // Surface forms: every full name; the site of a place ("Kremlin"
        // for "Kremlin, Moscow"); a person's last word when unshared.
        let mut forms: Vec<(String, usize)> = Vec::new();
        let mut last_words: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in x.entities.iter().enumerate() {
            forms.push((e.name.clone(), i));
            match e.kind {
                Ent::Place => {
                    if let Some((site, _)) = e.name.split_once(',')
                        && !by_name.contains_key(site.trim())
                    {
                        forms.push((site.trim().to_string(), i));
                    }
                }
                Ent::Person => {
                    let last =
                        e.name.split_whitespace().rev().find(|w| {
                            !w.ends_with('.') && !matches!(*w, "Jr" | "Sr" | "II" | "III")
                        });
                    if let Some(w) = last.filter(|w| {
                        w.chars().count() >= 4
                            && w.chars().next().is_some_and(char::is_uppercase)
                            && *w != e.name
                    }) {
                        last_words.entry(w.to_string()).or_default().push(i);
                    }
                }
                Ent::Country => {}
            }
        }
        for (w, who) in last_words {
            if who.len() == 1 && !by_name.contains_key(&w) {
                forms.push((w, who[0]));
            }
        }
        for (alias, country) in COUNTRY_ALIASES {
            if let Some(&i) = by_name.get(*country)
                && !by_name.contains_key(*alias)
            {
                forms.push((alias.to_string(), i));
            }
        }
        // Longest first, so a full name wins over its last word.
        forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        forms.dedup_by(|a, b| a.0 == b.0);
        x.forms = forms
            .into_iter()
            .map(|(f, entity)| Form {
                len: f.len(),
                finder: Finder::new(f.as_bytes()).into_owned(),
                entity,
            })
            .collect();
        for (d, country) in DEMONYMS {
            if let Some(&i) = by_name.get(*country) {
                x.demonyms
                    .push((Finder::new(d.as_bytes()).into_owned(), d.len(), i));
            }
        }

        // Which processes each name belongs to.
        let by_process = meetings.groups("process_id");
        for row in 0..processes.height() {
            let Some(pid) = processes.text("process_id", row) else {
                continue;
            };
            let k = x.processes.len();
            x.processes.push(pid.to_string());
            let mut names: HashSet<String> = HashSet::new();
            for c in ["parties", "us_lead"] {
                names.extend(
                    processes
                        .items(c, row)
                        .into_iter()
                        .flatten()
                        .map(str::to_string),
                );
            }
            names.extend(processes.text("mediator", row).map(str::to_string));
            for &m in by_process.get(pid).map(Vec::as_slice).unwrap_or(&[]) {
                names.extend(
                    meetings
                        .items("participants", m)
                        .into_iter()
                        .flatten()
                        .map(str::to_string),
                );
            }
            for n in names {
                x.named_in.entry(n).or_default().push(k);
            }
            x.parties_of.insert(
                pid.to_string(),
                processes
                    .items("parties", row)
                    .into_iter()
                    .flatten()
                    .map(str::to_string)
                    .collect(),
            );
        }
        for row in 0..meetings.height() {
            let sides: Vec<&str> = meetings
                .items("counterpart", row)
                .into_iter()
                .flatten()
                .collect();
            for p in meetings.items("participants", row).into_iter().flatten() {
                let known = x.sides_of.entry(p.to_string()).or_default();
                for side in &sides {
                    if !known.iter().any(|k| k == side) {
                        known.push(side.to_string());
                    }
                }
            }
        }
        Ok(x)
    }

    /// The parties a drafted session of `pid` met: those its participants
    /// were met as before, else every party of the process (said in the
    /// notes, for the coder to narrow).
    fn counterpart(&self, pid: &str, people: &[String], notes: &mut Vec<String>) -> Vec<String> {
        let parties = self.parties_of.get(pid).cloned().unwrap_or_default();
        let met: Vec<String> = parties
            .iter()
            .filter(|party| {
                people.iter().any(|p| {
                    self.sides_of
                        .get(p)
                        .is_some_and(|s| s.iter().any(|x| x == *party))
                })
            })
            .cloned()
            .collect();
        if met.is_empty() && !parties.is_empty() {
            notes.push(format!(
                "Counterpart: every party of the process ({}); keep those met.",
                parties.join(", ")
            ));
            return parties;
        }
        met
    }

    /// Every gazetteer name in `text`, not overlapping (the longest wins),
    /// and the countries named by their adjectives (which may overlap).
    fn names(&self, text: &str) -> (Vec<Hit>, Vec<Hit>) {
        let bytes = text.as_bytes();
        let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
        let bounded = |s: usize, e: usize| {
            // A letter (ASCII or not) on either side makes it part of a longer word;
            // a right single quote (’s) or a dash does not.
            let before = s.checked_sub(1).and_then(|k| bytes.get(k));
            let after = bytes.get(e);
            let before_ok = !word(before)
                || text
                    .get(..s)
                    .and_then(|t| t.chars().next_back())
                    .is_some_and(|c| !c.is_alphanumeric());
            let after_ok = !word(after)
                || text
                    .get(e..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(|c| !c.is_alphanumeric());
            before_ok && after_ok
        };
        let mut all: Vec<Hit> = Vec::new();
        for f in &self.forms {
            for s in f.finder.find_iter(bytes) {
                let e = s + f.len;
                if bounded(s, e) {
                    all.push(Hit {
                        start: s,
                        end: e,
                        entity: f.entity,
                    });
                }
            }
        }
        all.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut kept: Vec<Hit> = Vec::with_capacity(all.len());
        for h in all {
            if kept.last().is_none_or(|k| h.start >= k.end) {
                kept.push(h);
            }
        }
        let mut demonyms = Vec::new();
        for (finder, len, entity) in &self.demonyms {
            for s in finder.find_iter(bytes) {
                if bounded(s, s + len) {
                    demonyms.push(Hit {
                        start: s,
                        end: s + len,
                        entity: *entity,
                    });
                }
            }
        }
        demonyms.sort_by_key(|h| h.start);
        (kept, demonyms)
    }

    /// The process a sentence names, if one stands out: the process most
    /// of whose names (parties, mediator, U.S. leads, participants) the
    /// sentence names, at least two, with no other naming as many. Else
    /// `Err` with the closest (at most four).
    fn process(&self, names: &HashSet<&str>) -> std::result::Result<String, Vec<String>> {
        let mut score: HashMap<usize, usize> = HashMap::new();
        for n in names {
            for &p in self.named_in.get(*n).map(Vec::as_slice).unwrap_or(&[]) {
                *score.entry(p).or_default() += 1;
            }
        }
        let best = score.values().copied().max().unwrap_or(0);
        let mut top: Vec<usize> = score
            .iter()
            .filter(|(_, s)| **s == best)
            .map(|(&p, _)| p)
            .collect();
        top.sort_unstable();
        let ids: Vec<String> = top
            .iter()
            .filter_map(|&p| self.processes.get(p).cloned())
            .collect();
        match ids.as_slice() {
            [one] if best >= 2 => Ok(one.clone()),
            _ => Err(ids.into_iter().take(4).collect()),
        }
    }

    /// Finds the candidates in `text`, the article `source_id`, resolving
    /// relative dates against `anchor` (the article's date) when given.
    ///
    /// ```
    /// use negotiations::chrono::NaiveDate;
    /// let data = negotiations::Dataset::embedded()?;
    /// let x = negotiations::extract::Extractor::new(&data)?;
    /// let friday = NaiveDate::from_ymd_opt(2025, 12, 5);
    /// let found = x.text("note", "On Tuesday, Witkoff and Kushner met Putin in the Kremlin.", friday);
    /// let m = &found.candidates[1];
    /// assert_eq!((m.kind.as_str(), m.date.map(|d| d.to_string())), ("meeting", Some("2025-12-02".into())));
    /// assert_eq!(m.basis.map(|b| b.as_str()), Some("inferred"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self, source_id: &str, text: &str, anchor: Option<NaiveDate>) -> Extraction {
        Builder::new(self, source_id, text, anchor).run()
    }
}

// ---------------------------------------------------------------------------
// Sentences, triggers and drafts

/// Words that make a sentence a meeting, with the format they suggest.
fn meeting_word(toks: &[Token], i: usize) -> Option<Option<Format>> {
    let t = toks.get(i).filter(|t| t.kind == Tok::Word)?;
    let next = |w: &str| toks.get(i + 1).is_some_and(|n| n.is(w));
    Some(match t.text.as_str() {
        "phone" | "call" | "calls" | "telephoned" => Some(Format::PhoneCall),
        "summit" | "summits" => Some(Format::Summit),
        // "shuttle diplomacy" is a way of negotiating, not a trip.
        "shuttle"
            if ["diplomacy", "diplomat", "diplomats", "model"]
                .iter()
                .any(|w| next(w)) =>
        {
            return None;
        }
        "shuttle" | "shuttles" | "shuttled" | "shuttling" | "flew" | "flying" => {
            Some(Format::ShuttleRound)
        }
        "meet" | "meets" | "met" | "meeting" | "meetings" | "talks" | "talk" | "talked"
        | "visit" | "visits" | "visited" | "visiting" | "hosted" | "conversation"
        | "conversations" | "session" | "sessions" | "traveled" | "travelled" => None,
        "sat" if next("down") => None,
        "negotiated" if next("with") => None,
        _ => return None,
    })
}

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

impl<'a> Builder<'a> {
    fn new(x: &'a Extractor, source: &'a str, text: &'a str, anchor: Option<NaiveDate>) -> Self {
        let (hits, demonyms) = x.names(text);
        let mut chars = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, c) in text.char_indices() {
            for slot in chars.iter_mut().skip(b).take(c.len_utf8()) {
                *slot = n;
            }
            n += 1;
        }
        if let Some(last) = chars.last_mut() {
            *last = n;
        }
        Builder {
            x,
            source,
            text,
            anchor,
            sentences: timex::sentences(text),
            toks: phrase::tokenize(text),
            hits,
            demonyms,
            chars,
        }
    }

    fn char_at(&self, byte: usize) -> usize {
        self.chars.get(byte).copied().unwrap_or(0) as usize
    }

    /// The sentence holding byte `at` (the last one starting at or before it).
    fn sentence_of(&self, at: usize) -> usize {
        self.sentences
            .partition_point(|&(s, _)| s <= at)
            .saturating_sub(1)
    }

    /// Tokens of sentence `k`: a range into `toks`.
    fn tokens_of(&self, k: usize) -> std::ops::Range<usize> {
        let Some(&(s, e)) = self.sentences.get(k) else {
            return 0..0;
        };
        let a = self.toks.partition_point(|t| t.start < s);
        let b = self.toks.partition_point(|t| t.start < e);
        a..b
    }

    fn hits_in(hits: &[Hit], (s, e): (usize, usize)) -> &[Hit] {
        let a = hits.partition_point(|h| h.start < s);
        let b = hits.partition_point(|h| h.start < e);
        hits.get(a..b).unwrap_or(&[])
    }

    fn words_in(&self, k: usize, words: &[&str]) -> bool {
        self.toks
            .get(self.tokens_of(k))
            .unwrap_or(&[])
            .iter()
            .any(|t| t.kind == Tok::Word && words.contains(&t.text.as_str()))
    }

    /// People and places (and countries) of the gazetteer in sentence `k`.
    fn known(&self, k: usize) -> (Vec<String>, Vec<String>) {
        let range = self.sentences.get(k).copied().unwrap_or((0, 0));
        let (mut people, mut places) = (Vec::new(), Vec::new());
        for h in Self::hits_in(&self.hits, range) {
            let Some(e) = self.x.entities.get(h.entity) else {
                continue;
            };
            let list = if e.kind == Ent::Person {
                &mut people
            } else {
                &mut places
            };
            if !list.contains(&e.name) {
                list.push(e.name.clone());
            }
        }
        (people, places)
    }

    /// The names sentence `k` gives for choosing a process: people,
    /// places, countries, countries by adjective.
    fn process_of(&self, k: usize) -> std::result::Result<String, Vec<String>> {
        let range = self.sentences.get(k).copied().unwrap_or((0, 0));
        let mut names: HashSet<&str> = HashSet::new();
        for h in Self::hits_in(&self.hits, range)
            .iter()
            .chain(Self::hits_in(&self.demonyms, range))
        {
            // A place's country is weak evidence ("Washington" is in
            // every American case): places count by their own name only.
            if let Some(e) = self.x.entities.get(h.entity) {
                names.insert(&e.name);
            }
        }
        self.x.process(&names)
    }

    /// Capitalized names in sentence `k` that the gazetteer lacks:
    /// `(byte start, byte end, is a place)`.
    fn new_names(&self, k: usize) -> Vec<(usize, usize, bool)> {
        let range = self.tokens_of(k);
        let first = range.start;
        let tok = |i: usize| self.toks.get(i);
        let known = Self::hits_in(&self.hits, self.sentences.get(k).copied().unwrap_or((0, 0)));
        let is_word = |i: usize, words: &[&str]| {
            tok(i).is_some_and(|t| t.kind == Tok::Word && words.contains(&t.text.as_str()))
        };
        let mut out = Vec::new();
        let mut i = range.start;
        while i < range.end {
            let starts = tok(i).is_some_and(|t| t.kind == Tok::Word && t.cap && !t.hyphen);
            if !starts {
                i += 1;
                continue;
            }
            // The run: capitalized words, initials with their period,
            // hyphenated parts ("Jong-un"); a possessive ends it.
            let mut j = i;
            while let Some(t) = tok(j).filter(|_| j < range.end) {
                // Only white space between the words of a name.
                let gap = j > i
                    && tok(j - 1).is_some_and(|p| {
                        !self
                            .text
                            .get(p.end..t.start)
                            .is_some_and(|g| g.chars().all(char::is_whitespace))
                    });
                if gap {
                    break;
                }
                let word = t.kind == Tok::Word && (t.cap || (t.hyphen && j > i));
                let initial_dot = t.kind == Tok::Punct('.')
                    && j > i
                    && tok(j - 1).is_some_and(|p| {
                        p.kind == Tok::Word && p.text.chars().count() == 1 && p.end == t.start
                    });
                if !(word || initial_dot) {
                    break;
                }
                j += 1;
                if t.possessive {
                    break;
                }
            }
            let (run_start, run_end) = (i, j);
            i = j.max(i + 1);
            // Titles before the name are left out of it.
            let mut a = run_start;
            let mut titled = false;
            let mut led_by_place_word = false;
            while a < run_end
                && (is_word(a, TITLES) || is_word(a, NOT_NAMES) || is_word(a, PLACE_WORDS))
            {
                titled |= is_word(a, TITLES);
                led_by_place_word |= is_word(a, PLACE_WORDS);
                a += 1;
            }
            let last_word = run_end
                .checked_sub(1)
                .and_then(tok)
                .map_or("", |t| t.text.as_str());
            if ORGANISATIONS.contains(&last_word) {
                continue;
            }
            let name_words = (a..run_end)
                .filter(|&x| tok(x).is_some_and(|t| t.kind == Tok::Word && !t.hyphen))
                .count();
            let (Some(s), Some(e)) = (
                tok(a).map(|t| t.start),
                run_end.checked_sub(1).and_then(tok).map(|t| t.end),
            ) else {
                continue;
            };
            if a >= run_end || known.iter().any(|h| h.start < e && s < h.end) {
                continue;
            }
            let words = || (a..run_end).filter_map(tok).filter(|t| t.kind == Tok::Word);
            let all_stop = words()
                .all(|t| NOT_NAMES.contains(&t.text.as_str()) || t.text.chars().count() == 1);
            let surface = self.text.get(s..e).unwrap_or("");
            let acronym = name_words == 1
                && surface
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            let demonym = name_words == 1 && DEMONYMS.iter().any(|(d, _)| surface == *d);
            if all_stop || acronym || demonym {
                continue;
            }
            // A place follows "in", "at", "to"... (or "in the").
            let place = led_by_place_word
                || (run_start > first && is_word(run_start - 1, PLACE_WORDS))
                || (run_start > first + 1
                    && tok(run_start - 1).is_some_and(|t| t.is("the"))
                    && is_word(run_start - 2, PLACE_WORDS));
            // A person has two names or more, or a title.
            if !place && !titled && name_words < 2 {
                continue;
            }
            // A single word opening the sentence is a name only if the
            // article never writes it in lower case.
            if run_start == first && name_words < 2 && !titled {
                let lower = surface.to_lowercase();
                if Finder::new(lower.as_bytes())
                    .find(self.text.as_bytes())
                    .is_some()
                {
                    continue;
                }
            }
            out.push((s, e, place));
        }
        out
    }

    fn run(self) -> Extraction {
        // The time expressions, and a meeting per sentence that has a
        // meeting word and names someone or somewhere.
        let timexes = timex::scan(self.text, self.anchor);
        let mut raws: Vec<Raw> = Vec::new();
        for t in timexes {
            let k = self.sentence_of(t.start);
            let kind = match t.kind {
                TimexKind::Date => CandidateKind::Date,
                TimexKind::Duration => CandidateKind::Duration,
                TimexKind::Age => CandidateKind::Age,
                TimexKind::Interval => CandidateKind::Interval,
                TimexKind::Deadline if self.words_in(k, PLEDGE_WORDS) => CandidateKind::Pledge,
                TimexKind::Deadline => CandidateKind::Deadline,
            };
            raws.push(Raw {
                kind,
                start: t.start,
                end: t.end,
                sentence: k,
                timex: Some(t),
                format: None,
            });
        }
        let spans: Vec<(usize, usize)> = raws.iter().map(|r| (r.start, r.end)).collect();
        for k in 0..self.sentences.len() {
            let range = self.tokens_of(k);
            let mut trigger: Option<(usize, usize)> = None;
            let mut format: Option<Format> = None;
            for i in range {
                let Some(f) = meeting_word(&self.toks, i) else {
                    continue;
                };
                let Some(t) = self.toks.get(i) else { continue };
                if spans.iter().any(|&(s, e)| s <= t.start && t.end <= e) {
                    continue; // "575 meetings over two years" is a span
                }
                // "Meet the Press" mid-sentence is a name; "has been met
                // with skepticism" is not a meeting.
                let first_word = i == self.tokens_of(k).start;
                let passive = i
                    .checked_sub(1)
                    .and_then(|p| self.toks.get(p))
                    .is_some_and(|p| {
                        ["be", "been", "being", "is", "are", "was", "were"]
                            .iter()
                            .any(|w| p.is(w))
                    });
                if (t.cap && !first_word) || passive {
                    continue;
                }
                trigger.get_or_insert((t.start, t.end));
                format = format.or(f);
            }
            let Some((s, e)) = trigger else { continue };
            let (people, places) = self.known(k);
            if people.is_empty() && places.is_empty() && self.new_names(k).is_empty() {
                continue;
            }
            raws.push(Raw {
                kind: CandidateKind::Meeting,
                start: s,
                end: e,
                sentence: k,
                timex: None,
                format,
            });
        }
        raws.sort_by_key(|r| (r.start, r.kind == CandidateKind::Meeting));

        let mut candidates: Vec<Candidate> = raws
            .iter()
            .enumerate()
            .map(|(i, r)| self.candidate(i + 1, r))
            .collect();

        // A meeting takes the first dated date of its sentence, or else of
        // the sentence before it in the same paragraph.
        let dated = |k: usize| {
            raws.iter().position(|r| {
                r.sentence == k && r.kind == CandidateKind::Date && self.dates_a_row(r)
            })
        };
        let mut meeting_date: HashMap<usize, (usize, bool)> = HashMap::new();
        for (i, r) in raws.iter().enumerate() {
            if r.kind != CandidateKind::Meeting {
                continue;
            }
            if let Some(d) = dated(r.sentence) {
                meeting_date.insert(i, (d, false));
            } else if let Some(prev) = r.sentence.checked_sub(1) {
                let same_line = self
                    .text
                    .get(
                        self.sentences.get(prev).map_or(0, |p| p.1)
                            ..self.sentences.get(r.sentence).map_or(0, |p| p.0),
                    )
                    .is_some_and(|gap| !gap.contains('\n'));
                // Not from a sentence with a meeting or an outcome of its own.
                let prev_has_row = raws
                    .iter()
                    .any(|o| o.sentence == prev && o.kind == CandidateKind::Meeting)
                    || self.outcome_word(prev).is_some();
                if same_line
                    && !prev_has_row
                    && let Some(d) = dated(prev)
                {
                    meeting_date.insert(i, (d, true));
                }
            }
        }
        let meeting_sentences: HashSet<usize> = raws
            .iter()
            .filter(|r| r.kind == CandidateKind::Meeting)
            .map(|r| r.sentence)
            .collect();

        let mut drafts: Vec<Row> = Vec::new();
        let mut names: Vec<(usize, usize, &'static str, bool)> = Vec::new();
        let mut named_sentences: HashSet<usize> = HashSet::new();
        for i in 0..raws.len() {
            let r = &raws[i];
            let n = i + 1;
            let outcome_word = self.outcome_word(r.sentence);
            let wants_names = r.kind == CandidateKind::Meeting
                || (r.kind == CandidateKind::Date
                    && outcome_word.is_some()
                    && !meeting_sentences.contains(&r.sentence));
            let new_names = if wants_names {
                self.new_names(r.sentence)
            } else {
                Vec::new()
            };
            if wants_names && named_sentences.insert(r.sentence) {
                let range = self.sentences.get(r.sentence).copied().unwrap_or((0, 0));
                for h in Self::hits_in(&self.hits, range) {
                    let what = match self.x.entities.get(h.entity).map(|e| e.kind) {
                        Some(Ent::Person) => "person",
                        _ => "place",
                    };
                    names.push((h.start, h.end, what, true));
                }
                for &(s, e, place) in &new_names {
                    names.push((s, e, if place { "place" } else { "person" }, false));
                }
            }
            let new_list: Vec<String> = new_names
                .iter()
                .filter_map(|&(s, e, _)| self.text.get(s..e).map(str::to_string))
                .collect();
            if let Some(c) = candidates.get_mut(i) {
                c.new_names = new_list;
            }
            let draft = match r.kind {
                CandidateKind::Meeting => {
                    let date = meeting_date.get(&i).copied();
                    let row = self.meeting(
                        n,
                        r,
                        &raws,
                        candidates.get(i),
                        date.and_then(|(d, prev)| Some((candidates.get(d)?, prev))),
                        &new_names,
                    );
                    if let (Some((d, _)), Some(c)) = (date, candidates.get_mut(i))
                        && let Some(dc) = raws.get(d).and_then(|x| x.timex.as_ref())
                    {
                        c.date = dc.date;
                        c.precision = dc.precision;
                        c.basis = dc.basis;
                    }
                    Some(("meetings", row))
                }
                CandidateKind::Date => {
                    if meeting_sentences.contains(&r.sentence) {
                        None
                    } else {
                        outcome_word
                            .filter(|_| self.dates_a_row(r))
                            .and_then(|w| self.outcome(n, r, w).map(|row| ("outcomes", row)))
                    }
                }
                _ => self.duration(n, r, &raws).map(|row| ("durations", row)),
            };
            if let Some((table, row)) = draft {
                if let Some(c) = candidates.get_mut(i) {
                    c.table = Some(table);
                    c.draft = Some(drafts.len());
                }
                drafts.push(row);
            }
        }
        // A date a meeting took points to the meeting's draft.
        for (m, (d, _)) in meeting_date {
            let draft = candidates.get(m).and_then(|c| c.draft);
            if let Some(c) = candidates.get_mut(d) {
                c.table = Some("meetings");
                c.draft = draft;
            }
        }
        names.sort_by_key(|n| (n.0, n.1));
        Extraction {
            source_id: self.source.to_string(),
            text: self.text.to_string(),
            anchor: self.anchor,
            candidates,
            drafts,
            names,
        }
    }

    /// Whether a date can date a meeting or an outcome: it has a value,
    /// and a bare year follows a word that makes it a time ("in 1994",
    /// not "the 1973 war" or "his 2024 campaign").
    fn dates_a_row(&self, r: &Raw) -> bool {
        let Some(t) = r.timex.as_ref().filter(|t| t.date.is_some()) else {
            return false;
        };
        if t.precision != Some(Precision::Year) || t.text.chars().any(char::is_alphabetic) {
            return true;
        }
        let k = self.toks.partition_point(|x| x.start < r.start);
        k.checked_sub(1)
            .and_then(|p| self.toks.get(p))
            .is_some_and(|p| {
                ["in", "during", "since", "until", "from", "around", "circa"]
                    .iter()
                    .any(|w| p.is(w))
            })
    }

    fn candidate(&self, number: usize, r: &Raw) -> Candidate {
        let (ss, se) = self
            .sentences
            .get(r.sentence)
            .copied()
            .unwrap_or((r.start, r.end));
        let (people, places) = self.known(r.sentence);
        let t = r.timex.as_ref();
        Candidate {
            number,
            kind: r.kind,
            start: self.char_at(r.start),
            end: self.char_at(r.end),
            byte_start: r.start,
            byte_end: r.end,
            text: self.text.get(r.start..r.end).unwrap_or("").to_string(),
            quote: quote(self.text, (ss, se), (r.start, r.end)),
            sentence: (ss, se),
            date: t.and_then(|t| t.date),
            precision: t.and_then(|t| t.precision),
            basis: t.and_then(|t| t.basis),
            duration: t.and_then(|t| t.duration.clone()),
            people,
            places,
            new_names: Vec::new(),
            table: None,
            draft: None,
        }
    }

    /// The first word of sentence `k` that names an outcome, with its kind.
    fn outcome_word(&self, k: usize) -> Option<(usize, OutcomeKind)> {
        let range = self.tokens_of(k);
        let toks = self.toks.get(range.clone())?;
        let mut best: Option<(usize, usize, OutcomeKind)> = None; // (precedence, token, kind)
        for (j, t) in toks.iter().enumerate() {
            let w = if t.is("cease") && toks.get(j + 1).is_some_and(|n| n.is("fire") && n.hyphen) {
                "ceasefire"
            } else if t.kind == Tok::Word {
                t.text.as_str()
            } else {
                continue;
            };
            if let Some(p) = OUTCOME_WORDS.iter().position(|(o, _)| *o == w)
                && best.is_none_or(|b| p < b.0)
            {
                best = Some((p, range.start + j, OUTCOME_WORDS[p].1));
            }
        }
        best.map(|(_, tok, kind)| (tok, kind))
    }

    fn notes(&self, n: usize, mut parts: Vec<String>) -> String {
        parts.insert(
            0,
            format!("Drafted by extract from candidate {n} of {}.", self.source),
        );
        let s = parts.join(" ");
        truncate(&s, crate::tables::schema::max_len::LONG)
    }

    fn meeting(
        &self,
        n: usize,
        r: &Raw,
        raws: &[Raw],
        c: Option<&Candidate>,
        date: Option<(&Candidate, bool)>,
        new_names: &[(usize, usize, bool)],
    ) -> Row {
        let (mut people, _) = self.known(r.sentence);
        let mut notes = Vec::new();
        let new_people: Vec<String> = new_names
            .iter()
            .filter(|n| !n.2)
            .filter_map(|&(s, e, _)| self.text.get(s..e).map(str::to_string))
            .collect();
        if !new_people.is_empty() {
            notes.push(format!("New names proposed: {}.", new_people.join(", ")));
            people.extend(new_people);
        }
        if people.is_empty() {
            notes.push("No participant named in the sentence: add them.".to_string());
        }
        let quote = c.map(|c| c.quote.clone()).unwrap_or_default();
        let process = self.process_of(r.sentence);
        let pid = match &process {
            Ok(p) => p.clone(),
            Err(closest) => {
                notes.push(if closest.is_empty() {
                    "Process: choose one.".to_string()
                } else {
                    format!("Process: choose one (closest: {}).", closest.join(", "))
                });
                String::new()
            }
        };
        let words: Vec<&str> = self
            .toks
            .get(self.tokens_of(r.sentence))
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.kind == Tok::Word)
            .map(|t| t.text.as_str())
            .collect();
        let format = r
            .format
            .unwrap_or(if words.contains(&"envoy") || words.contains(&"envoys") {
                Format::EnvoyTalks
            } else if words
                .iter()
                .any(|w| matches!(*w, "delegation" | "delegations" | "negotiators"))
            {
                Format::DelegationTalks
            } else {
                Format::Other
            });
        let mut row = MeetingRow::new(
            format!("{}_meeting_{}", self.source, self.char_at(r.start)),
            pid,
            people,
            format,
            self.source,
            quote,
        );
        row.counterpart = self
            .x
            .counterpart(&row.process_id, &row.participants, &mut notes);
        let failed = words.windows(2).any(|w| w == ["no", "breakthrough"])
            || words.iter().any(|w| matches!(*w, "failed" | "collapsed"));
        if failed {
            row.result = MeetingResult::NoBreakthrough;
        }
        // A site or city of the gazetteer, with its country (the first
        // after "in" or "at", else the first); else a new place.
        let range = self.sentences.get(r.sentence).copied().unwrap_or((0, 0));
        let sites: Vec<(&Entity, bool)> = Self::hits_in(&self.hits, range)
            .iter()
            .filter_map(|h| {
                let e = self
                    .x
                    .entities
                    .get(h.entity)
                    .filter(|e| e.kind == Ent::Place)?;
                let k = self.toks.partition_point(|t| t.start < h.start);
                let after_in = k
                    .checked_sub(1)
                    .and_then(|p| self.toks.get(p))
                    .is_some_and(|p| p.is("in") || p.is("at"));
                Some((e, after_in))
            })
            .collect();
        let place = sites.iter().find(|s| s.1).or(sites.first()).map(|s| s.0);
        if let Some(p) = place {
            row.place = Some(p.name.clone());
            row.country = p.country.clone();
        } else if let Some(&(s, e, _)) = new_names.iter().find(|n| n.2) {
            row.place = self.text.get(s..e).map(str::to_string);
            notes.push("Place proposed as new: give its country.".to_string());
        }
        let mut site_names: Vec<&str> = sites.iter().map(|s| s.0.name.as_str()).collect();
        site_names.dedup();
        if site_names.len() > 1 {
            notes.push(format!(
                "The sentence names {}: one row per meeting.",
                site_names.join("; ")
            ));
        }
        match date {
            Some((d, prev)) => {
                if let (Some(v), Some(p), Some(b)) = (d.date, d.precision, d.basis) {
                    row = row.on(v, p, b);
                    if prev {
                        notes.push(format!("Date from the sentence before ({:?}).", d.text));
                    }
                    if b == DateBasis::Inferred {
                        notes.push(format!(
                            "{:?} resolved against the article's date{}.",
                            d.text,
                            self.anchor.map(|a| format!(" ({a})")).unwrap_or_default()
                        ));
                    }
                }
            }
            None => {
                if let Some(undated) = timex_in(raws, r.sentence, |t| {
                    t.kind == TimexKind::Date && t.date.is_none()
                }) {
                    notes.push(format!(
                        "The text says {:?}: no article date to resolve it against.",
                        undated.text
                    ));
                }
            }
        }
        // A stated length of the meeting ("for hours").
        if let Some(t) = timex_in(raws, r.sentence, |t| {
            t.kind == TimexKind::Duration
                && t.duration.as_ref().is_some_and(|n| n.iso.contains('T'))
        }) {
            row.duration_phrase = Some(t.text.clone());
        }
        notes.push("Review participants, format, result, the party met (counterpart) and how high the U.S. side was (us_level).".to_string());
        Row::from(row.notes(self.notes(n, notes)))
    }

    fn outcome(&self, n: usize, r: &Raw, (tok, kind): (usize, OutcomeKind)) -> Option<Row> {
        let t = r.timex.as_ref()?;
        let (date, precision, basis) = (t.date?, t.precision?, t.basis?);
        let quote = quote(
            self.text,
            self.sentences.get(r.sentence).copied()?,
            (r.start, r.end),
        );
        let mut notes = Vec::new();
        let pid = match self.process_of(r.sentence) {
            Ok(p) => p,
            Err(closest) => {
                notes.push(if closest.is_empty() {
                    "Process: choose one.".to_string()
                } else {
                    format!("Process: choose one (closest: {}).", closest.join(", "))
                });
                String::new()
            }
        };
        let name = self.outcome_name(tok);
        notes.push("Review kind, name and whether it held.".to_string());
        let row = OutcomeRow::new(
            format!("{}_outcome_{}", self.source, self.char_at(r.start)),
            pid,
            kind,
            name,
            self.source,
            quote,
        )
        .on(date, precision, basis);
        Some(Row::from(row.notes(self.notes(n, notes))))
    }

    /// The name of an outcome: the capitalized words around its word
    /// ("Nobel Peace Prize", "Treaty of Portsmouth"), or the word itself.
    fn outcome_name(&self, tok: usize) -> String {
        let cap = |i: usize| {
            self.toks
                .get(i)
                .is_some_and(|t| t.kind == Tok::Word && t.cap)
        };
        let of = |i: usize| self.toks.get(i).is_some_and(|t| t.is("of")) && cap(i + 1);
        if cap(tok) {
            let mut a = tok;
            while a > 0 && (cap(a - 1) || (of(a - 1) && a >= 2 && cap(a - 2))) {
                a -= 1;
            }
            let mut b = tok;
            while cap(b + 1) || (of(b + 1) && cap(b + 2)) {
                b += if of(b + 1) { 2 } else { 1 };
            }
            // Titles and sentence-initial words are not part of a name.
            while a < tok
                && self
                    .toks
                    .get(a)
                    .is_some_and(|t| NOT_NAMES.contains(&t.text.as_str()))
            {
                a += 1;
            }
            if let (Some(s), Some(e)) = (self.toks.get(a), self.toks.get(b))
                && let Some(name) = self.text.get(s.start..e.end)
            {
                return name.to_string();
            }
        }
        let word = self.toks.get(tok).map_or("", |t| t.text.as_str());
        let word = if word == "cease" { "ceasefire" } else { word };
        let mut cs = word.chars();
        cs.next()
            .map(|c| c.to_uppercase().chain(cs).collect())
            .unwrap_or_default()
    }

    fn duration(&self, n: usize, r: &Raw, raws: &[Raw]) -> Option<Row> {
        let t = r.timex.as_ref()?;
        // "last week", "this year": a time of reference, not a span.
        let words: Vec<&str> = t.text.split_whitespace().collect();
        if let [a, b] = words.as_slice() {
            let reference = ["last", "this", "next"]
                .iter()
                .any(|w| a.eq_ignore_ascii_case(w))
                && ["week", "weekend", "month", "year", "decade"].contains(b);
            if reference {
                return None;
            }
        }
        let (ss, se) = self.sentences.get(r.sentence).copied()?;
        let quote = quote(self.text, (ss, se), (r.start, r.end));
        let mut notes = Vec::new();
        let talk = self.words_in(
            r.sentence,
            &[
                "talks",
                "meeting",
                "meetings",
                "session",
                "call",
                "calls",
                "summit",
                "conversation",
            ],
        );
        let kind = match r.kind {
            CandidateKind::Duration if talk => DurationKind::Meeting,
            CandidateKind::Duration => DurationKind::Negotiation,
            CandidateKind::Age | CandidateKind::Interval => DurationKind::Interval,
            CandidateKind::Deadline if t.duration.is_none() => DurationKind::Pledge,
            CandidateKind::Deadline => DurationKind::Deadline,
            CandidateKind::Pledge => DurationKind::Pledge,
            CandidateKind::Date | CandidateKind::Meeting => return None,
        };
        let id = format!(
            "{}_{}_{}",
            self.source,
            r.kind.as_str(),
            self.char_at(r.start)
        );
        let subject = subject(self.text, (ss, se), (r.start, r.end));
        let phrase = t.duration.as_ref().map(|_| t.text.as_str());
        let mut row = match DurationRow::new(&id, &subject, kind, phrase, self.source, &quote) {
            Ok(row) => row,
            Err(e) => {
                // The words alone read otherwise than in their sentence:
                // keep the sentence's reading and say so.
                notes.push(format!(
                    "Check the phrase: on its own it does not read ({e})."
                ));
                let mut row =
                    DurationRow::new(&id, &subject, kind, None, self.source, &quote).ok()?;
                if let Some(d) = &t.duration {
                    row.phrase = Some(t.text.clone());
                    row.iso = Some(d.iso.clone());
                    row.modifier = Some(d.modifier);
                    row.days_low = Some(d.days_low);
                    row.days_high = Some(d.days_high);
                }
                row
            }
        };
        if let Some(p) = row.phrase.as_deref()
            && fold_whitespace(p) != p
        {
            row.phrase = Some(fold_whitespace(p));
        }
        match self.process_of(r.sentence) {
            Ok(p) => row.process_id = Some(p),
            Err(closest) if !closest.is_empty() => {
                notes.push(format!(
                    "Process: none chosen (closest: {}).",
                    closest.join(", ")
                ));
            }
            Err(_) => {}
        }
        if kind.is_commitment() {
            self.commitment_dates(&mut row, r, t, raws, &mut notes);
            notes.push("Review subject, fate and process.".to_string());
        } else {
            notes.push("Review subject, kind and process.".to_string());
        }
        Some(Row::from(row.notes(self.notes(n, notes))))
    }

    /// When a deadline or pledge was set (a date in its sentence, else the
    /// article's date) and fell due (the set day plus the span, or the
    /// date of a "by ..." deadline).
    fn commitment_dates(
        &self,
        row: &mut DurationRow,
        r: &Raw,
        t: &Timex,
        raws: &[Raw],
        notes: &mut Vec<String>,
    ) {
        if let (Some(d), Some(p)) = (t.date, t.precision) {
            // "by March 2026": the date is when it falls due.
            (row.due_date, row.due_precision) = (Some(d), Some(p));
            row.date_basis = t.basis;
            notes.push(
                "A date deadline ('by ...') has no span phrase, so it is drafted as a pledge."
                    .to_string(),
            );
            return;
        }
        let in_sentence = raws.iter().find_map(|o| {
            let d = o
                .timex
                .as_ref()
                .filter(|_| o.sentence == r.sentence && o.kind == CandidateKind::Date)?;
            Some((d.date?, d.precision?, d.basis?, d.text.clone()))
        });
        let set = match in_sentence {
            Some((d, p, b, text)) => {
                notes.push(format!("Set date from {text:?} in the sentence."));
                Some((d, p, b))
            }
            None => self.anchor.map(|a| {
                notes.push(format!("Set date taken as the article's date ({a})."));
                (a, Precision::Day, DateBasis::Inferred)
            }),
        };
        let Some((d, p, b)) = set else { return };
        (row.set_date, row.set_precision, row.date_basis) = (Some(d), Some(p), Some(b));
        let exact = matches!(row.modifier, Some(Modifier::Exact | Modifier::AtMost));
        if let (true, Precision::Day, Some(days)) = (exact, p, row.days_high)
            && (0.0..1e5).contains(&days)
            && let Some(due) = d.checked_add_days(Days::new(days.ceil() as u64))
        {
            (row.due_date, row.due_precision) = (Some(due), Some(Precision::Day));
            row.date_basis = Some(DateBasis::Inferred);
            notes.push(format!("Due date: the set date plus {days} days."));
        }
    }
}

/// The first time expression of sentence `k` that `keep` accepts.
fn timex_in(raws: &[Raw], k: usize, keep: impl Fn(&Timex) -> bool) -> Option<&Timex> {
    raws.iter()
        .filter(|r| r.sentence == k)
        .find_map(|r| r.timex.as_ref().filter(|t| keep(t)))
}

/// The quote for a candidate: its sentence, white space folded; a sentence
/// longer than a quote may be is cut to the words around the span.
fn quote(text: &str, (s, e): (usize, usize), (a, b): (usize, usize)) -> String {
    let max = crate::tables::schema::max_len::LONG;
    let sentence = text.get(s..e).unwrap_or("");
    let folded = fold_whitespace(sentence);
    if folded.chars().count() <= max {
        return folded;
    }
    // Words of the sentence around the span, up to the limit.
    let mut from = a;
    let mut to = b;
    let words: Vec<(usize, usize)> = sentence
        .split_whitespace()
        .map(|w| {
            let off = w.as_ptr() as usize - sentence.as_ptr() as usize;
            (s + off, s + off + w.len())
        })
        .collect();
    let len = |x: usize, y: usize| text.get(x..y).map_or(0, |t| t.chars().count());
    let first = words.iter().position(|w| w.1 > a).unwrap_or(0);
    let last = words.iter().rposition(|w| w.0 < b).unwrap_or(first);
    let (mut i, mut j) = (first, last);
    if let (Some(x), Some(y)) = (words.get(i), words.get(j)) {
        from = x.0;
        to = y.1;
    }
    loop {
        let mut grew = false;
        if let Some(w) = i.checked_sub(1).and_then(|k| words.get(k))
            && len(w.0, to) <= max
        {
            i -= 1;
            from = w.0;
            grew = true;
        }
        if let Some(w) = words.get(j + 1)
            && len(from, w.1) <= max
        {
            j += 1;
            to = w.1;
            grew = true;
        }
        if !grew {
            break;
        }
    }
    truncate(&fold_whitespace(text.get(from..to).unwrap_or("")), max)
}

/// At most `max` characters of `s`.
fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => s.get(..i).unwrap_or(s).to_string(),
        None => s.to_string(),
    }
}

/// A draft subject for a span: the words of its clause before it (at most
/// ten), then the span ("agree to a cease-fire within 50 days").
fn subject(text: &str, (s, _): (usize, usize), (a, b): (usize, usize)) -> String {
    let before = text.get(s..a).unwrap_or("");
    let cut = before
        .char_indices()
        .filter(|(_, c)| matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | '“' | '”' | '"'))
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .unwrap_or(0);
    let words: Vec<&str> = before.get(cut..).unwrap_or("").split_whitespace().collect();
    let tail = words
        .get(words.len().saturating_sub(10)..)
        .unwrap_or(&[])
        .join(" ");
    let span = fold_whitespace(text.get(a..b).unwrap_or(""));
    let s = fold_whitespace(&format!("{tail} {span}"));
    let mut cs = s.chars();
    let s: String = cs
        .next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or_default();
    truncate(&s, crate::tables::schema::max_len::SHORT)
}

impl Extraction {
    /// The candidates as a DataFrame (the columns of [`extract`]).
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let df = negotiations::extract::article(&data, "kissinger_echo")?.frame()?;
    /// assert_eq!(df.get_column_names()[..3], ["n", "kind", "text"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn frame(&self) -> Result<DataFrame> {
        let c = &self.candidates;
        let strs = |f: &dyn Fn(&Candidate) -> Option<String>| -> Vec<Option<String>> {
            c.iter().map(f).collect()
        };
        let join = |v: &[String]| (!v.is_empty()).then(|| v.join("; "));
        let draft = |x: &Candidate| x.draft.and_then(|d| self.drafts.get(d));
        let columns: Vec<Column> = vec![
            Series::new(
                "n".into(),
                c.iter().map(|x| x.number as u32).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "kind".into(),
                c.iter().map(|x| x.kind.as_str()).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "text".into(),
                c.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "start".into(),
                c.iter().map(|x| x.start as u64).collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "end".into(),
                c.iter().map(|x| x.end as u64).collect::<Vec<_>>(),
            )
            .into(),
            crate::tables::frame::date_series("date", c.iter().map(|x| x.date))?.into(),
            Series::new(
                "precision".into(),
                strs(&|x| x.precision.map(|p| p.as_str().to_string())),
            )
            .into(),
            Series::new(
                "basis".into(),
                strs(&|x| x.basis.map(|p| p.as_str().to_string())),
            )
            .into(),
            Series::new(
                "iso".into(),
                strs(&|x| x.duration.as_ref().map(|d| d.iso.clone())),
            )
            .into(),
            Series::new(
                "modifier".into(),
                strs(&|x| x.duration.as_ref().map(|d| d.modifier.as_str().to_string())),
            )
            .into(),
            Series::new(
                "days_low".into(),
                c.iter()
                    .map(|x| x.duration.as_ref().map(|d| d.days_low))
                    .collect::<Vec<_>>(),
            )
            .into(),
            Series::new(
                "days_high".into(),
                c.iter()
                    .map(|x| x.duration.as_ref().map(|d| d.days_high))
                    .collect::<Vec<_>>(),
            )
            .into(),
            Series::new("people".into(), strs(&|x| join(&x.people))).into(),
            Series::new("places".into(), strs(&|x| join(&x.places))).into(),
            Series::new("new_names".into(), strs(&|x| join(&x.new_names))).into(),
            Series::new("table".into(), strs(&|x| x.table.map(str::to_string))).into(),
            Series::new(
                "draft_id".into(),
                strs(&|x| draft(x).map(|r| r.id().to_string())),
            )
            .into(),
            Series::new(
                "process_id".into(),
                strs(&|x| draft(x).and_then(process_of_row)),
            )
            .into(),
            Series::new(
                "quote".into(),
                c.iter().map(|x| x.quote.as_str()).collect::<Vec<_>>(),
            )
            .into(),
        ];
        Ok(DataFrame::new(c.len(), columns)?)
    }

    /// The draft row of candidate `number`, if it has one (a date a
    /// meeting took gives the meeting's).
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let found = negotiations::extract::article(&data, "protracted_op_ed")?;
    /// let n = found.candidates.iter().find(|c| c.text == "within 50 days").unwrap().number;
    /// assert_eq!(found.draft(n).unwrap().table().name, "durations");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn draft(&self, number: usize) -> Option<&Row> {
        let c = self.candidates.get(number.checked_sub(1)?)?;
        self.drafts.get(c.draft?)
    }

    /// The draft rows of the candidates `numbers` (each once, in the order
    /// given), ready to append. A number that is not a candidate, or whose
    /// candidate has no draft, is an error naming it.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let found = negotiations::extract::article(&data, "kissinger_echo")?;
    /// let rows = found.accepted(&[1, 2])?; // the caption's date and meeting: one draft
    /// assert_eq!(rows.len(), 1);
    /// assert!(found.accepted(&[999]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accepted(&self, numbers: &[usize]) -> Result<Vec<Row>> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for &n in numbers {
            let Some(c) = n.checked_sub(1).and_then(|i| self.candidates.get(i)) else {
                return Err(Error::Invalid(format!(
                    "{}: there is no candidate {n} (there are {})",
                    self.source_id,
                    self.candidates.len()
                )));
            };
            let Some(d) = c.draft else {
                return Err(Error::Invalid(format!(
                    "{}: candidate {n} ({} {:?}) has no draft row: it would not become a row by itself",
                    self.source_id,
                    c.kind.as_str(),
                    c.text
                )));
            };
            if seen.insert(d) {
                out.extend(self.drafts.get(d).cloned());
            }
        }
        Ok(out)
    }

    /// Appends the drafts of candidates `numbers` to the data directory
    /// `dir` and checks it ([`crate::authoring::rows::append`]): on a problem nothing
    /// is changed and the error names file, line, column and value.
    /// `process` fills the process of drafts that have none.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let data = negotiations::Dataset::embedded()?;
    /// data.save(dir.path())?;
    /// let found = negotiations::extract::article(&data, "protracted_op_ed")?;
    /// let n = found.candidates.iter().find(|c| c.text == "within 50 days").unwrap().number;
    /// let after = found.accept(dir.path(), &[n], Some("trump_ukraine"))?;
    /// // One row more than the shipped table.
    /// let shipped = data.table("durations")?.height();
    /// assert_eq!(after.table("durations")?.height(), shipped + 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn accept(
        &self,
        dir: impl AsRef<Path>,
        numbers: &[usize],
        process: Option<&str>,
    ) -> Result<Dataset> {
        let mut rows = self.accepted(numbers)?;
        if let Some(p) = process {
            for r in &mut rows {
                r.fill_process(p);
            }
        }
        crate::authoring::rows::append(dir, rows)
    }

    /// The drafts of one table as a DataFrame with its dtypes.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let found = negotiations::extract::article(&data, "strategic_muddle")?;
    /// let durations = found.draft_frame("durations")?;
    /// assert!(durations.height() >= 8);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn draft_frame(&self, table: &str) -> Result<DataFrame> {
        crate::authoring::rows::frame(table, &self.drafts)
    }

    /// The article with every candidate marked (see [`Highlight`]).
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let h = negotiations::extract::article(&data, "kissinger_echo")?.highlight();
    /// assert!(h.html().contains(">Dec. 2, 2025<sup>2</sup></mark>")); // the meeting is #1
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn highlight(&self) -> Highlight {
        let mut marks: Vec<Mark> = self
            .candidates
            .iter()
            .map(|c| Mark {
                start: c.byte_start,
                end: c.byte_end,
                title: self.describe(c),
                label: Some(c.number.to_string()),
                colour: c.kind.colour(),
                underline: false,
            })
            .collect();
        for &(s, e, what, known) in &self.names {
            marks.push(Mark {
                start: s,
                end: e,
                title: format!(
                    "{what}{}",
                    if known { " (in the tables)" } else { " (new)" }
                ),
                label: None,
                colour: "transparent",
                underline: true,
            });
        }
        Highlight::new(&self.text, marks)
    }

    /// The highlighted article beside the candidates table: what a
    /// notebook cell ending in an extraction shows.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// let v = negotiations::extract::article(&data, "kissinger_echo")?.view()?;
    /// assert!(v.html().contains("<table") && v.html().contains("<mark"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn view(&self) -> Result<Highlight> {
        let df = self.frame()?.select(BRIEF)?;
        Ok(self
            .highlight()
            .beside(&crate::tables::export::html_table(&df, None)))
    }

    /// Shows [`Extraction::view`] in an evcxr notebook.
    pub fn evcxr_display(&self) {
        match self.view() {
            Ok(v) => v.evcxr_display(),
            Err(e) => println!("EVCXR_BEGIN_CONTENT text/plain\n{e}\nEVCXR_END_CONTENT"),
        }
    }

    /// A candidate in one line, for its mark's title.
    fn describe(&self, c: &Candidate) -> String {
        let mut s = format!("#{} {}", c.number, c.kind.as_str());
        if let Some(d) = c.date {
            s.push_str(&format!(
                " {d} ({}, {})",
                c.precision.map_or("", |p| p.as_str()),
                c.basis.map_or("unresolved", |b| b.as_str())
            ));
        } else if c.precision.is_some() {
            s.push_str(" (unresolved: no article date)");
        }
        if let Some(n) = &c.duration {
            s.push_str(&format!(
                " {} {} [{}, {}] days",
                n.iso,
                n.modifier.as_str(),
                n.days_low,
                n.days_high
            ));
        }
        if !c.people.is_empty() {
            s.push_str(&format!("; people: {}", c.people.join(", ")));
        }
        if let Some(t) = c.table {
            s.push_str(&format!(" → {t}"));
            if let Some(r) = c.draft.and_then(|d| self.drafts.get(d)) {
                s.push_str(&format!(" ({})", r.id()));
            }
        }
        s
    }
}

fn process_of_row(r: &Row) -> Option<String> {
    r.cells()
        .into_iter()
        .find(|(c, _)| *c == "process_id")
        .and_then(|(_, v)| v)
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

impl Mark {
    /// A span with a title, filled in yellow.
    ///
    /// ```
    /// let m = negotiations::extract::Mark::new(0, 4, "why");
    /// assert_eq!((m.start, m.end, m.label), (0, 4, None));
    /// ```
    pub fn new(start: usize, end: usize, title: impl Into<String>) -> Mark {
        Mark {
            start,
            end,
            title: title.into(),
            label: None,
            colour: "#ffe08a",
            underline: false,
        }
    }
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

impl Highlight {
    /// Marks `marks` in `text`.
    ///
    /// ```
    /// let h = negotiations::extract::Highlight::new("a\nb", vec![]);
    /// assert_eq!(h.html().matches("<p>").count(), 2);
    /// ```
    pub fn new(text: &str, mut marks: Vec<Mark>) -> Highlight {
        marks.retain(|m| {
            m.start < m.end
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
                && m.end <= text.len()
                && !text.get(m.start..m.end).is_some_and(|s| s.contains('\n'))
        });
        marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
        for m in marks {
            if kept.last().is_none_or(|k| m.start >= k.end) {
                kept.push(m);
            }
        }
        let mut html = String::with_capacity(text.len() * 2);
        html.push_str("<div class=\"negotiations-article\" style=\"max-width:46em;line-height:1.55;font-family:Georgia,serif\">");
        let mut marks = kept.into_iter().peekable();
        let mut line_start = 0;
        for line in text.split('\n') {
            let line_end = line_start + line.len();
            html.push_str("<p>");
            let mut at = line_start;
            while let Some(m) = marks.next_if(|m| m.start < line_end) {
                html.push_str(&escape_html(text.get(at..m.start).unwrap_or("")));
                let style = if m.underline {
                    "background:transparent;border-bottom:2px solid #777".to_string()
                } else {
                    format!("background:{};padding:0 1px", m.colour)
                };
                html.push_str(&format!(
                    "<mark title=\"{}\" style=\"{}\">{}",
                    escape_html(&m.title),
                    escape_html(&style),
                    escape_html(text.get(m.start..m.end).unwrap_or(""))
                ));
                if let Some(l) = &m.label {
                    html.push_str(&format!("<sup>{}</sup>", escape_html(l)));
                }
                html.push_str("</mark>");
                at = m.end;
            }
            html.push_str(&escape_html(text.get(at..line_end).unwrap_or("")));
            html.push_str("</p>\n");
            line_start = line_end + 1;
        }
        html.push_str("</div>");
        Highlight { html }
    }

    /// The HTML fragment.
    ///
    /// ```
    /// let h = negotiations::extract::Highlight::new("x & y", vec![]);
    /// assert!(h.html().contains("x &amp; y"));
    /// ```
    pub fn html(&self) -> &str {
        &self.html
    }

    /// This view beside `other_html` (an HTML table, say), side by side.
    ///
    /// ```
    /// let h = negotiations::extract::Highlight::new("x", vec![]).beside("<table></table>");
    /// assert!(h.html().starts_with("<div style=\"display:flex"));
    /// ```
    pub fn beside(self, other_html: &str) -> Highlight {
        Highlight {
            html: format!(
                "<div style=\"display:flex;gap:1.5em;align-items:flex-start\"><div style=\"flex:1 1 45%\">{}</div><div style=\"flex:1 1 55%;overflow-x:auto\">{other_html}</div></div>",
                self.html
            ),
        }
    }

    /// A whole HTML page with this view, titled `title` (escaped).
    ///
    /// ```
    /// let page = negotiations::extract::Highlight::new("x", vec![]).page("<b>");
    /// assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<title>&lt;b&gt;</title>"));
    /// ```
    pub fn page(&self, title: &str) -> String {
        let title = escape_html(title);
        format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body style=\"font-family:sans-serif;margin:1.5em\"><h1>{title}</h1>\n{}\n</body></html>\n",
            self.html
        )
    }

    /// Shows the view in an evcxr notebook.
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT text/html\n{}\nEVCXR_END_CONTENT",
            self.html
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Dataset {
        Dataset::embedded().unwrap_or_else(|e| panic!("{e}"))
    }

    fn found(id: &str) -> Extraction {
        article(&shipped(), id).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_quote_is_in_its_article() {
        for id in [
            "kissinger_echo",
            "kremlin_collision",
            "protracted_op_ed",
            "strategic_muddle",
            "unconventional_envoys",
        ] {
            let x = found(id);
            let folded = fold_whitespace(&x.text);
            for c in &x.candidates {
                assert!(
                    folded.contains(&c.quote),
                    "{id} #{}: {:?}",
                    c.number,
                    c.quote
                );
                assert!(c.quote.chars().count() <= crate::tables::schema::max_len::LONG);
                assert_eq!(x.text.get(c.byte_start..c.byte_end), Some(c.text.as_str()));
                assert_eq!(x.text[..c.byte_start].chars().count(), c.start);
            }
        }
    }

    #[test]
    fn the_caption_is_a_stated_meeting_in_the_kremlin() {
        let x = found("kissinger_echo");
        let Some(Row::Meeting(m)) = x.drafts.iter().find(|r| matches!(r, Row::Meeting(m) if m.date.is_some_and(|d| d.to_string() == "2025-12-02"))) else {
            panic!("{:#?}", x.drafts);
        };
        assert_eq!(m.process_id, "trump_ukraine");
        assert_eq!(m.place.as_deref(), Some("Kremlin, Moscow"));
        assert_eq!(m.country.as_deref(), Some("Russia"));
        assert_eq!(m.date_basis, Some(DateBasis::Stated));
        for p in [
            "Vladimir Putin",
            "Steve Witkoff",
            "Jared Kushner",
            "Donald Trump",
        ] {
            assert!(
                m.participants.iter().any(|x| x == p),
                "{p}: {:?}",
                m.participants
            );
        }
    }

    #[test]
    fn new_names_are_proposed() {
        let data = shipped();
        let x = Extractor::new(&data).unwrap_or_else(|e| panic!("{e}"));
        let e = x.text(
            "t",
            "Envoy Steve Witkoff met Foreign Minister Hakan Fidan in Ankara on Dec. 9, 2025.",
            None,
        );
        let m = e
            .candidates
            .iter()
            .find(|c| c.kind == CandidateKind::Meeting)
            .unwrap_or_else(|| panic!("{:?}", e.candidates));
        assert_eq!(m.people, ["Steve Witkoff"]);
        assert_eq!(m.new_names, ["Hakan Fidan", "Ankara"]);
        let Some(Row::Meeting(row)) = e.draft(m.number) else {
            panic!()
        };
        assert_eq!(row.participants, ["Steve Witkoff", "Hakan Fidan"]);
        assert_eq!(row.place.as_deref(), Some("Ankara"));
    }

    #[test]
    fn quotes_of_long_sentences_are_cut_around_the_span() {
        let long = format!("{} for hours {}.", "word ".repeat(400), "more ".repeat(400));
        let at = long.find("for hours").unwrap_or(0);
        let q = quote(&long, (0, long.len()), (at, at + 9));
        assert!(
            q.contains("for hours") && q.chars().count() <= 1200,
            "{}",
            q.len()
        );
        assert!(fold_whitespace(&long).contains(&q));
    }

    #[test]
    fn highlight_escapes_and_never_panics() {
        let text = "é<b>\"x\"</b> & y";
        let marks = vec![
            Mark::new(0, 1, "inside é"),
            Mark::new(2, 5, "<i>"),
            Mark::new(3, 100, "out"),
            Mark::new(4, 2, "reversed"),
        ];
        let h = Highlight::new(text, marks);
        assert!(!h.html().contains("<b>") && !h.html().contains("<i>"));
        assert!(h.html().contains("&lt;b&gt;"));
    }
}
