//! Finding candidates: dates, spans, deadlines and pledges, meetings and outcomes.

#[allow(unused_imports)]
use super::*;

impl<'a> Builder<'a> {
    /// Capitalized names in sentence `k` that the gazetteer lacks:
    /// `(byte start, byte end, is a place)`.
    pub(super) fn new_names(&self, k: usize) -> Vec<(usize, usize, bool)> {
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
}

/// Names for [`Highlight`]: `(byte start, byte end, what, known)`.
type Names = Vec<(usize, usize, &'static str, bool)>;

/// What the drafts of an article are built from, found before any is
/// drafted: every candidate's raw span, the date each meeting takes, and
/// the sentences that have a meeting.
struct Found<'r> {
    raws: &'r [Raw],
    /// Meeting (or planned meeting) index → (its date's index, whether
    /// that date is from the sentence before).
    meeting_date: &'r HashMap<usize, (usize, bool)>,
    meeting_sentences: &'r HashSet<usize>,
}

impl<'a> Builder<'a> {
    pub(super) fn run(self) -> Extraction {
        // The time expressions, and a meeting per sentence that has a
        // meeting word and names someone or somewhere.
        let mut raws = self.timex_raws();
        let spans: Vec<(usize, usize)> = raws.iter().map(|r| (r.start, r.end)).collect();
        raws.extend(self.meeting_raws(&spans));
        raws.sort_by_key(|r| (r.start, r.kind == CandidateKind::Meeting));

        let mut candidates: Vec<Candidate> = raws
            .iter()
            .enumerate()
            .map(|(i, r)| self.candidate(i + 1, r))
            .collect();
        let meeting_date = self.meeting_dates(&raws);
        let meeting_sentences: HashSet<usize> = raws
            .iter()
            .filter(|r| matches!(r.kind, CandidateKind::Meeting | CandidateKind::Planned))
            .map(|r| r.sentence)
            .collect();
        let found = Found {
            raws: &raws,
            meeting_date: &meeting_date,
            meeting_sentences: &meeting_sentences,
        };
        let (drafts, mut names) = self.drafts(&found, &mut candidates);
        // A date a meeting took points to the meeting's draft.
        for (m, (d, _)) in meeting_date {
            let Some(draft) = candidates.get(m).and_then(|c| c.draft) else {
                continue;
            };
            if let Some(c) = candidates.get_mut(d) {
                c.table = Some("meetings");
                c.draft = Some(draft);
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

    /// The time expressions, each a candidate of the kind it is (a
    /// deadline in a sentence that speaks of a pledge is a pledge).
    fn timex_raws(&self) -> Vec<Raw> {
        timex::scan(self.text, self.anchor)
            .into_iter()
            .map(|t| {
                let k = self.sentence_of(t.start);
                let kind = match t.kind {
                    TimexKind::Date => CandidateKind::Date,
                    TimexKind::Duration => CandidateKind::Duration,
                    TimexKind::Age => CandidateKind::Age,
                    TimexKind::Interval => CandidateKind::Interval,
                    TimexKind::Deadline if self.words_in(k, PLEDGE_WORDS) => CandidateKind::Pledge,
                    TimexKind::Deadline => CandidateKind::Deadline,
                };
                Raw {
                    kind,
                    start: t.start,
                    end: t.end,
                    sentence: k,
                    timex: Some(t),
                    format: None,
                }
            })
            .collect()
    }

    /// A meeting (or a planned one) per sentence that has a meeting word
    /// outside the time spans `spans` and names someone or somewhere,
    /// known or new.
    fn meeting_raws(&self, spans: &[(usize, usize)]) -> Vec<Raw> {
        let mut out = Vec::new();
        for k in 0..self.sentences.len() {
            let Some((s, e, at, format)) = self.meeting_trigger(k, spans) else {
                continue;
            };
            let (people, places) = self.known(k);
            if people.is_empty() && places.is_empty() && self.new_names(k).is_empty() {
                continue;
            }
            // "will meet", "a summit could follow": not (yet) a meeting.
            let kind = match timex::event_tense(&self.toks, at) {
                timex::Tense::Future => CandidateKind::Planned,
                _ => CandidateKind::Meeting,
            };
            out.push(Raw {
                kind,
                start: s,
                end: e,
                sentence: k,
                timex: None,
                format,
            });
        }
        out
    }

    /// The first meeting word of sentence `k` that is neither inside a
    /// time span, nor a name, nor passive: `(byte start, byte end, token,
    /// format)`, the format being the first any meeting word of the
    /// sentence gives.
    fn meeting_trigger(
        &self,
        k: usize,
        spans: &[(usize, usize)],
    ) -> Option<(usize, usize, usize, Option<Format>)> {
        let mut trigger: Option<(usize, usize, usize)> = None;
        let mut format: Option<Format> = None;
        for i in self.tokens_of(k) {
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
            trigger.get_or_insert((t.start, t.end, i));
            format = format.or(f);
        }
        let (s, e, at) = trigger?;
        Some((s, e, at, format))
    }

    /// The date each meeting (or planned meeting) of `raws` takes: a date
    /// of its sentence, or else of the sentence before it in the same
    /// paragraph. Meeting index → (date index, whether from the sentence
    /// before).
    fn meeting_dates(&self, raws: &[Raw]) -> HashMap<usize, (usize, bool)> {
        let mut meeting_date: HashMap<usize, (usize, bool)> = HashMap::new();
        for (i, r) in raws.iter().enumerate() {
            if !matches!(r.kind, CandidateKind::Meeting | CandidateKind::Planned) {
                continue;
            }
            if let Some(d) = self.nearest_date(raws, r.sentence, r.start) {
                meeting_date.insert(i, (d, false));
            } else if let Some(prev) = r.sentence.checked_sub(1)
                && self.lends_its_date(raws, prev, r.sentence)
                && let Some(d) = self.nearest_date(raws, prev, r.start)
            {
                meeting_date.insert(i, (d, true));
            }
        }
        meeting_date
    }

    /// Of the dates in sentence `k` that can date a row and are not when
    /// something was said, the nearest to byte `at`: its index in `raws`.
    fn nearest_date(&self, raws: &[Raw], k: usize, at: usize) -> Option<usize> {
        raws.iter()
            .enumerate()
            .filter(|(_, r)| {
                r.sentence == k
                    && r.kind == CandidateKind::Date
                    && self.dates_a_row(r)
                    && !self.reported(r)
            })
            .min_by_key(|(_, r)| r.start.abs_diff(at))
            .map(|(d, _)| d)
    }

    /// Whether sentence `prev` may lend its date to the meeting of sentence
    /// `k` after it: they share a paragraph, and `prev` has no meeting or
    /// outcome of its own.
    fn lends_its_date(&self, raws: &[Raw], prev: usize, k: usize) -> bool {
        let same_line = self
            .text
            .get(
                self.sentences.get(prev).map_or(0, |p| p.1)
                    ..self.sentences.get(k).map_or(0, |p| p.0),
            )
            .is_some_and(|gap| !gap.contains('\n'));
        let prev_has_row = raws.iter().any(|o| {
            o.sentence == prev && matches!(o.kind, CandidateKind::Meeting | CandidateKind::Planned)
        }) || self.outcome_word(prev).is_some();
        same_line && !prev_has_row
    }

    /// The draft rows, and the names of meeting and outcome sentences;
    /// each candidate is given its new names, and its table and draft when
    /// it has one.
    fn drafts(&self, f: &Found, candidates: &mut [Candidate]) -> (Vec<Row>, Names) {
        let mut drafts: Vec<Row> = Vec::new();
        let mut names: Names = Vec::new();
        let mut named_sentences: HashSet<usize> = HashSet::new();
        for (i, r) in f.raws.iter().enumerate() {
            let outcome_word = self.outcome_word(r.sentence);
            let wants_names = r.kind == CandidateKind::Meeting
                || (r.kind == CandidateKind::Date
                    && outcome_word.is_some()
                    && !f.meeting_sentences.contains(&r.sentence));
            let new_names = if wants_names {
                self.new_names(r.sentence)
            } else {
                Vec::new()
            };
            if wants_names && named_sentences.insert(r.sentence) {
                self.sentence_names(r.sentence, &new_names, &mut names);
            }
            let new_list: Vec<String> = new_names
                .iter()
                .filter_map(|&(s, e, _)| self.text.get(s..e).map(str::to_string))
                .collect();
            if let Some(c) = candidates.get_mut(i) {
                c.new_names = new_list;
            }
            if let Some((table, row)) = self.draft(f, i, candidates, outcome_word, &new_names) {
                if let Some(c) = candidates.get_mut(i) {
                    c.table = Some(table);
                    c.draft = Some(drafts.len());
                }
                drafts.push(row);
            }
        }
        (drafts, names)
    }

    /// The names of sentence `k` to mark: the gazetteer's, then the new
    /// ones (`new_names`).
    fn sentence_names(&self, k: usize, new_names: &[(usize, usize, bool)], names: &mut Names) {
        let range = self.sentences.get(k).copied().unwrap_or((0, 0));
        for h in Self::hits_in(&self.hits, range) {
            let what = match self.x.entities.get(h.entity).map(|e| e.kind) {
                Some(Ent::Person) => "person",
                _ => "place",
            };
            names.push((h.start, h.end, what, true));
        }
        for &(s, e, place) in new_names {
            names.push((s, e, if place { "place" } else { "person" }, false));
        }
    }

    /// The draft of candidate `i`, with its table: a meeting's row, an
    /// outcome dated by a date of a sentence without a meeting, or a
    /// span's row. A planned meeting is not drafted, but shows the date it
    /// would take.
    fn draft(
        &self,
        f: &Found,
        i: usize,
        candidates: &mut [Candidate],
        outcome_word: Option<(usize, OutcomeKind)>,
        new_names: &[(usize, usize, bool)],
    ) -> Option<(&'static str, Row)> {
        let r = f.raws.get(i)?;
        let n = i + 1;
        match r.kind {
            CandidateKind::Meeting => {
                let date = f.meeting_date.get(&i).copied();
                let row = self.meeting(
                    n,
                    r,
                    f.raws,
                    candidates.get(i),
                    date.and_then(|(d, prev)| Some((candidates.get(d)?, prev))),
                    new_names,
                );
                if let Some((d, _)) = date {
                    show_date(candidates.get_mut(i), f.raws, d);
                }
                Some(("meetings", row))
            }
            CandidateKind::Planned => {
                // Dated for the reader, drafted when it has happened.
                if let Some(&(d, _)) = f.meeting_date.get(&i) {
                    show_date(candidates.get_mut(i), f.raws, d);
                }
                None
            }
            CandidateKind::Date => {
                if f.meeting_sentences.contains(&r.sentence) {
                    None
                } else {
                    // The day told is not the day of the accord.
                    outcome_word
                        .filter(|_| self.dates_a_row(r) && !self.reported(r))
                        .and_then(|w| self.outcome(n, r, w).map(|row| ("outcomes", row)))
                }
            }
            _ => self.duration(n, r, f.raws).map(|row| ("durations", row)),
        }
    }
}

/// A meeting's candidate shows the date it took, that of `raws[d]`.
fn show_date(c: Option<&mut Candidate>, raws: &[Raw], d: usize) {
    if let Some(c) = c
        && let Some(dc) = raws.get(d).and_then(|x| x.timex.as_ref())
    {
        c.date = dc.date;
        c.precision = dc.precision;
        c.basis = dc.basis;
    }
}

/// The note for a date placed with no tense to go by: a guess to check.
pub(super) fn unmarked_note(t: &Timex) -> Option<String> {
    (t.tense == Some(timex::Tense::Unmarked)).then(|| {
        format!(
            "{:?}: no tense in its clause to place it before or after the article, so the nearest was taken: check it.",
            t.text
        )
    })
}

impl<'a> Builder<'a> {
    /// Whether a date is when something was said: a reporting verb
    /// ([`timex::REPORTING`]) stands at most four words before it, with no
    /// punctuation or meeting word between ("said Wednesday", "told
    /// reporters on Thursday").
    pub(super) fn reported(&self, r: &Raw) -> bool {
        let k = self.toks.partition_point(|x| x.start < r.start);
        for j in (k.saturating_sub(4)..k).rev() {
            let Some(t) = self.toks.get(j) else { break };
            if matches!(t.kind, Tok::Punct(_)) || meeting_word(&self.toks, j).is_some() {
                return false;
            }
            if t.kind == Tok::Word && timex::REPORTING.contains(&t.text.as_str()) {
                return true;
            }
        }
        false
    }

    /// Whether a date can date a meeting or an outcome: it has a value,
    /// and a bare year follows a word that makes it a time ("in 1994",
    /// not "the 1973 war" or "his 2024 campaign").
    pub(super) fn dates_a_row(&self, r: &Raw) -> bool {
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
}

impl<'a> Builder<'a> {
    pub(super) fn candidate(&self, number: usize, r: &Raw) -> Candidate {
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
}

impl<'a> Builder<'a> {
    /// The first word of sentence `k` that names an outcome, with its kind.
    pub(super) fn outcome_word(&self, k: usize) -> Option<(usize, OutcomeKind)> {
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
}

impl<'a> Builder<'a> {
    pub(super) fn notes(&self, n: usize, mut parts: Vec<String>) -> String {
        parts.insert(
            0,
            format!("Drafted by extract from candidate {n} of {}.", self.source),
        );
        let s = parts.join(" ");
        truncate(&s, crate::tables::schema::max_len::LONG)
    }

    /// The process of sentence `k`; else none, and a note asking the
    /// analyst to choose one (naming the closest). Meetings and outcomes
    /// ask alike.
    pub(super) fn process_or_note(&self, k: usize, notes: &mut Vec<String>) -> String {
        match self.process_of(k) {
            Ok(p) => p,
            Err(closest) => {
                notes.push(if closest.is_empty() {
                    "Process: choose one.".to_string()
                } else {
                    format!("Process: choose one (closest: {}).", closest.join(", "))
                });
                String::new()
            }
        }
    }
}

impl<'a> Builder<'a> {
    pub(super) fn outcome(
        &self,
        n: usize,
        r: &Raw,
        (tok, kind): (usize, OutcomeKind),
    ) -> Option<Row> {
        let t = r.timex.as_ref()?;
        let (date, precision, basis) = (t.date?, t.precision?, t.basis?);
        let quote = quote(
            self.text,
            self.sentences.get(r.sentence).copied()?,
            (r.start, r.end),
        );
        let mut notes = Vec::new();
        let pid = self.process_or_note(r.sentence, &mut notes);
        let name = self.outcome_name(tok);
        if let Some(n) = unmarked_note(t) {
            notes.push(n);
        }
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
}
