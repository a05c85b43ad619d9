//! Names known from the data, and the article's sentences and tokens.

#[allow(unused_imports)]
use super::*;
use crate::tables::table::TableData;

impl CandidateKind {
    /// The kind as a word: `date`, `duration`, `age`, `interval`,
    /// `deadline`, `pledge`, `meeting`, `planned`.
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
            CandidateKind::Planned => "planned",
        }
    }

    /// The background colour of its mark in [`Highlight`].
    pub(super) fn colour(self) -> &'static str {
        match self {
            CandidateKind::Date => "#ffe08a",
            CandidateKind::Duration => "#b9e3ff",
            CandidateKind::Age | CandidateKind::Interval => "#dccfff",
            CandidateKind::Deadline | CandidateKind::Pledge => "#ffc7b8",
            CandidateKind::Meeting => "#c8efc4",
            CandidateKind::Planned => "#e4f3e2",
        }
    }
}

/// What [`article`] and [`Extractor::text`] find, as a DataFrame, one row
/// per candidate.
///
/// | column | what |
/// |---|---|
/// | `n` | the candidate's number |
/// | `kind` | `date`, `duration`, `age`, `interval`, `deadline`, `pledge`, `meeting`, `planned` |
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
        let meetings = data.table("meetings")?;
        let processes = data.table("processes")?;
        let entities = entities(meetings, processes);
        let by_name: HashMap<String, usize> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.clone(), i))
            .collect();
        let mut x = Extractor {
            forms: surface_forms(&entities, &by_name),
            demonyms: DEMONYMS
                .iter()
                .filter_map(|(d, country)| {
                    let i = *by_name.get(*country)?;
                    Some((Finder::new(d.as_bytes()).into_owned(), d.len(), i))
                })
                .collect(),
            entities,
            processes: Vec::new(),
            named_in: HashMap::new(),
            parties_of: HashMap::new(),
            sides_of: sides_of(meetings),
        };
        x.index_processes(meetings, processes);
        Ok(x)
    }

    /// Which processes each name belongs to (its parties, mediator, U.S.
    /// leads and meeting participants), and each process's parties.
    fn index_processes(&mut self, meetings: &TableData, processes: &TableData) {
        let by_process = meetings.groups("process_id");
        for row in 0..processes.height() {
            let Some(pid) = processes.text("process_id", row) else {
                continue;
            };
            let k = self.processes.len();
            self.processes.push(pid.to_string());
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
                self.named_in.entry(n).or_default().push(k);
            }
            self.parties_of.insert(
                pid.to_string(),
                processes
                    .items("parties", row)
                    .into_iter()
                    .flatten()
                    .map(str::to_string)
                    .collect(),
            );
        }
    }

    /// The parties a drafted session of `pid` met: those its participants
    /// were met as before, else every party of the process (said in the
    /// notes, for the coder to narrow).
    pub(super) fn counterpart(
        &self,
        pid: &str,
        people: &[String],
        notes: &mut Vec<String>,
    ) -> Vec<String> {
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
    pub(super) fn names(&self, text: &str) -> (Vec<Hit>, Vec<Hit>) {
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
    pub(super) fn process(
        &self,
        names: &HashSet<&str>,
    ) -> std::result::Result<String, Vec<String>> {
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

/// The gazetteer's entities as they are added: each name once per kind of
/// being (a person, or a place or country).
#[derive(Default)]
struct Entities {
    list: Vec<Entity>,
    ids: HashMap<(String, bool), usize>,
}

impl Entities {
    /// Adds a name; a name already known gets the country it lacked.
    fn add(&mut self, name: &str, kind: Ent, country: Option<&str>) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let key = (name.to_string(), kind == Ent::Person);
        if let Some(&i) = self.ids.get(&key) {
            if let Some(e) = self.list.get_mut(i).filter(|e| e.country.is_none()) {
                e.country = country.map(str::to_string);
            }
            return;
        }
        self.ids.insert(key, self.list.len());
        self.list.push(Entity {
            name: name.to_string(),
            kind,
            country: country.map(str::to_string),
        });
    }
}

/// The names in the tables: the places, countries and participants of
/// `meetings`, and the parties, U.S. leads and mediators of `processes`.
fn entities(meetings: &TableData, processes: &TableData) -> Vec<Entity> {
    let mut x = Entities::default();
    // Places first: a full place ("Kremlin, Moscow") before its parts.
    for row in 0..meetings.height() {
        let country = meetings.text("country", row);
        if let Some(place) = meetings.text("place", row) {
            x.add(place, Ent::Place, country);
        }
    }
    for row in 0..meetings.height() {
        let country = meetings.text("country", row);
        if let Some(place) = meetings.text("place", row) {
            for part in place.split(',').skip(1) {
                x.add(part, Ent::Place, country);
            }
        }
        if let Some(c) = country {
            x.add(c, Ent::Country, None);
        }
        for p in meetings.items("participants", row).into_iter().flatten() {
            x.add(p, Ent::Person, None);
        }
    }
    for row in 0..processes.height() {
        for p in processes.items("parties", row).into_iter().flatten() {
            x.add(p, Ent::Country, None);
        }
        for p in processes.items("us_lead", row).into_iter().flatten() {
            x.add(p, Ent::Person, None);
        }
        if let Some(m) = processes.text("mediator", row) {
            x.add(m, Ent::Person, None);
        }
    }
    x.list
}

/// The surface forms the text is searched for, longest first: every full
/// name; the site of a place ("Kremlin" for "Kremlin, Moscow"); a person's
/// last word when no one else shares it; the other names of countries.
fn surface_forms(entities: &[Entity], by_name: &HashMap<String, usize>) -> Vec<Form> {
    let mut forms: Vec<(String, usize)> = Vec::new();
    let mut last_words: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
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
                if let Some(w) = last_word(&e.name) {
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
    forms
        .into_iter()
        .map(|(f, entity)| Form {
            len: f.len(),
            finder: Finder::new(f.as_bytes()).into_owned(),
            entity,
        })
        .collect()
}

/// The last word of a person's name that can stand for them ("Witkoff"):
/// not an initial or a suffix, capitalized, four letters or more, and not
/// the whole name.
fn last_word(name: &str) -> Option<&str> {
    name.split_whitespace()
        .rev()
        .find(|w| !w.ends_with('.') && !matches!(*w, "Jr" | "Sr" | "II" | "III"))
        .filter(|w| {
            w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_uppercase) && *w != name
        })
}

/// The parties each person was met as: the `counterpart` of the sessions
/// they took part in, each once, in the order first met.
fn sides_of(meetings: &TableData) -> HashMap<String, Vec<String>> {
    let mut sides_of: HashMap<String, Vec<String>> = HashMap::new();
    for row in 0..meetings.height() {
        let sides: Vec<&str> = meetings
            .items("counterpart", row)
            .into_iter()
            .flatten()
            .collect();
        for p in meetings.items("participants", row).into_iter().flatten() {
            let known = sides_of.entry(p.to_string()).or_default();
            for side in &sides {
                if !known.iter().any(|k| k == side) {
                    known.push(side.to_string());
                }
            }
        }
    }
    sides_of
}

/// Words that make a sentence a meeting, with the format they suggest.
pub(super) fn meeting_word(toks: &[Token], i: usize) -> Option<Option<Format>> {
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

impl<'a> Builder<'a> {
    pub(super) fn new(
        x: &'a Extractor,
        source: &'a str,
        text: &'a str,
        anchor: Option<NaiveDate>,
    ) -> Self {
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
}

impl<'a> Builder<'a> {
    pub(super) fn char_at(&self, byte: usize) -> usize {
        self.chars.get(byte).copied().unwrap_or(0) as usize
    }
}

impl<'a> Builder<'a> {
    /// The sentence holding byte `at` (the last one starting at or before it).
    pub(super) fn sentence_of(&self, at: usize) -> usize {
        self.sentences
            .partition_point(|&(s, _)| s <= at)
            .saturating_sub(1)
    }
}

impl<'a> Builder<'a> {
    /// Tokens of sentence `k`: a range into `toks`.
    pub(super) fn tokens_of(&self, k: usize) -> std::ops::Range<usize> {
        let Some(&(s, e)) = self.sentences.get(k) else {
            return 0..0;
        };
        let a = self.toks.partition_point(|t| t.start < s);
        let b = self.toks.partition_point(|t| t.start < e);
        a..b
    }
}

impl<'a> Builder<'a> {
    pub(super) fn hits_in(hits: &[Hit], (s, e): (usize, usize)) -> &[Hit] {
        let a = hits.partition_point(|h| h.start < s);
        let b = hits.partition_point(|h| h.start < e);
        hits.get(a..b).unwrap_or(&[])
    }
}

impl<'a> Builder<'a> {
    pub(super) fn words_in(&self, k: usize, words: &[&str]) -> bool {
        self.toks
            .get(self.tokens_of(k))
            .unwrap_or(&[])
            .iter()
            .any(|t| t.kind == Tok::Word && words.contains(&t.text.as_str()))
    }
}

impl<'a> Builder<'a> {
    /// People and places (and countries) of the gazetteer in sentence `k`.
    pub(super) fn known(&self, k: usize) -> (Vec<String>, Vec<String>) {
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
}

impl<'a> Builder<'a> {
    /// The names sentence `k` gives for choosing a process: people,
    /// places, countries, countries by adjective.
    pub(super) fn process_of(&self, k: usize) -> std::result::Result<String, Vec<String>> {
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
}
