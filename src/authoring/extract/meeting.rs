//! Drafting a meeting's row: its people, process, format, result, place
//! and date, with a note for each choice the analyst should check.

#[allow(unused_imports)]
use super::*;

impl<'a> Builder<'a> {
    pub(super) fn meeting(
        &self,
        n: usize,
        r: &Raw,
        raws: &[Raw],
        c: Option<&Candidate>,
        date: Option<(&Candidate, bool)>,
        new_names: &[(usize, usize, bool)],
    ) -> Row {
        let mut notes = Vec::new();
        let people = self.participants(r.sentence, new_names, &mut notes);
        let quote = c.map(|c| c.quote.clone()).unwrap_or_default();
        let pid = self.process_or_note(r.sentence, &mut notes);
        let words = self.words_of(r.sentence);
        let format = r.format.unwrap_or_else(|| format_of(&words));
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
        if failed(&words) {
            row.result = MeetingResult::NoBreakthrough;
        }
        self.place(&mut row, r.sentence, new_names, &mut notes);
        notes.extend(self.said_note(raws, r.sentence));
        let mut row = match date {
            Some((d, prev)) => self.dated(row, r, raws, d, prev, &mut notes),
            None => {
                if let Some(undated) = timex_in(raws, r.sentence, |t| {
                    t.kind == TimexKind::Date && t.date.is_none()
                }) {
                    notes.push(format!(
                        "The text says {:?}: no article date to resolve it against.",
                        undated.text
                    ));
                }
                row
            }
        };
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

    /// The people of sentence `k`: the gazetteer's, then the new names
    /// proposed as people (said in the notes, as is naming no one).
    fn participants(
        &self,
        k: usize,
        new_names: &[(usize, usize, bool)],
        notes: &mut Vec<String>,
    ) -> Vec<String> {
        let (mut people, _) = self.known(k);
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
        people
    }

    /// The words of sentence `k` (lower case), to read its format and
    /// result from.
    fn words_of(&self, k: usize) -> Vec<&str> {
        self.toks
            .get(self.tokens_of(k))
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.kind == Tok::Word)
            .map(|t| t.text.as_str())
            .collect()
    }

    /// Sets the meeting's place: a site or city of the gazetteer, with its
    /// country (the first after "in" or "at", else the first); else a new
    /// place, noted. A sentence naming several sites is noted too.
    fn place(
        &self,
        row: &mut MeetingRow,
        k: usize,
        new_names: &[(usize, usize, bool)],
        notes: &mut Vec<String>,
    ) {
        let range = self.sentences.get(k).copied().unwrap_or((0, 0));
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
    }

    /// The note naming the dates of sentence `k` passed over as when it
    /// was said, not when they met; `None` when there are none.
    fn said_note(&self, raws: &[Raw], k: usize) -> Option<String> {
        let said: Vec<&str> = raws
            .iter()
            .filter(|o| o.sentence == k && o.kind == CandidateKind::Date)
            .filter(|o| self.reported(o))
            .filter_map(|o| o.timex.as_ref().map(|t| t.text.as_str()))
            .collect();
        (!said.is_empty()).then(|| {
            format!(
                "{} is when it was said, not when they met.",
                said.iter()
                    .map(|t| format!("{t:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    }

    /// `row` dated by the date candidate `d` (of the sentence before when
    /// `prev`), with notes on how the date was chosen and resolved.
    fn dated(
        &self,
        row: MeetingRow,
        r: &Raw,
        raws: &[Raw],
        d: &Candidate,
        prev: bool,
        notes: &mut Vec<String>,
    ) -> MeetingRow {
        let (Some(v), Some(p), Some(b)) = (d.date, d.precision, d.basis) else {
            return row;
        };
        let row = row.on(v, p, b);
        if prev {
            notes.push(format!("Date from the sentence before ({:?}).", d.text));
        }
        let others = raws
            .iter()
            .filter(|o| {
                o.sentence == r.sentence
                    && o.kind == CandidateKind::Date
                    && o.start != d.byte_start
                    && self.dates_a_row(o)
                    && !self.reported(o)
            })
            .count();
        if !prev && others > 0 {
            notes.push(format!(
                "Dated by {:?}, the date nearest the meeting word: check it against the sentence's other dates.",
                d.text
            ));
        }
        if b == DateBasis::Inferred {
            notes.push(format!(
                "{:?} resolved against the article's date{}.",
                d.text,
                self.anchor.map(|a| format!(" ({a})")).unwrap_or_default()
            ));
        }
        if let Some(n) = self.unmarked(raws, d) {
            notes.push(n);
        }
        row
    }

    /// The [`unmarked_note`] of the date candidate `d`, found in `raws`.
    fn unmarked(&self, raws: &[Raw], d: &Candidate) -> Option<String> {
        raws.iter()
            .filter_map(|r| r.timex.as_ref())
            .find(|t| t.start == d.byte_start)
            .and_then(unmarked_note)
    }
}

/// The format a sentence's words suggest, for a meeting word that gives
/// none ("met" says nothing; "envoys" or "delegations" do).
fn format_of(words: &[&str]) -> Format {
    if words.contains(&"envoy") || words.contains(&"envoys") {
        Format::EnvoyTalks
    } else if words
        .iter()
        .any(|w| matches!(*w, "delegation" | "delegations" | "negotiators"))
    {
        Format::DelegationTalks
    } else {
        Format::Other
    }
}

/// Whether a sentence's words say the meeting failed ("no breakthrough",
/// "failed", "collapsed").
fn failed(words: &[&str]) -> bool {
    words.windows(2).any(|w| w == ["no", "breakthrough"])
        || words.iter().any(|w| matches!(*w, "failed" | "collapsed"))
}
