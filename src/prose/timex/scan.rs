//! Scanning prose for temporal expressions and resolving them.

#[allow(unused_imports)]
use super::*;

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

pub(super) fn code<S: Serializer, C: Code>(c: &Option<C>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_str(c.as_str()),
        None => s.serialize_none(),
    }
}

pub(super) fn iso_date<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
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
        let (date, precision, basis, tense) = match c.date {
            Some(d) => (d.value, Some(d.precision), d.basis, d.tense),
            None => (None, None, None, None),
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
            tense,
            duration: c.parsed.map(|p| p.into_normalized(matched.to_string())),
        });
    }
    out
}

/// The kind of a span read by the phrase grammar.
pub(super) fn span_kind(toks: &[Token], i: usize, p: &phrase::Parsed) -> Kind {
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

/// The tense of a clause, as its cue words say ([`tense_of`]).
///
/// ```
/// use negotiations::timex::{tense_of, Tense};
/// assert_eq!(tense_of("Witkoff will meet Zelensky next week.", "meet"), Some(Tense::Future));
/// assert_eq!(tense_of("A summit could follow in March.", "summit"), Some(Tense::Future));
/// assert_eq!(tense_of("Officials said the talks ended.", "talks"), Some(Tense::Past));
/// assert_eq!(tense_of("Talks resume on Friday.", "Talks"), Some(Tense::Unmarked));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    /// Past: `said`, `met`, `grew`, any `-ed`, `had`, `ago`, `earlier`.
    Past,
    /// Future or modal: `will`, `would`, `could`, `may`, `'ll`, `expected
    /// to`, `plans to`, `is due`, `scheduled for`.
    Future,
    /// No cue: present tense, or none at all.
    Unmarked,
}

/// Always future or modal.
pub(super) const FUTURE: &[&str] = &[
    "will", "would", "shall", "could", "may", "might", "should", "must", "gonna", "can",
];
/// Future when `to` follows ("plans to meet"), not as nouns or past verbs
/// ("the plan grew").
pub(super) const FUTURE_WITH_TO: &[&str] = &[
    "plans",
    "plan",
    "planning",
    "expected",
    "expects",
    "expect",
    "expecting",
    "aims",
    "aim",
    "hopes",
    "hope",
    "hoping",
    "intends",
    "intend",
    "going",
    "wants",
    "want",
    "poised",
    "likely",
];
/// Future when `to`, `for`, `in`, `on` or `at` follows ("due in March",
/// "scheduled for January", "set to meet").
pub(super) const FUTURE_WITH_PREPOSITION: &[&str] =
    &["due", "scheduled", "slated", "set", "planned"];
/// Past: the past forms of common irregular verbs (the `-ed` ones are
/// told by their ending), and words that place a clause before the
/// article.
pub(super) const PAST: &[&str] = &[
    "said",
    "told",
    "wrote",
    "met",
    "was",
    "were",
    "had",
    "did",
    "went",
    "came",
    "gave",
    "took",
    "made",
    "sent",
    "spoke",
    "held",
    "began",
    "left",
    "won",
    "lost",
    "saw",
    "knew",
    "grew",
    "brought",
    "flew",
    "ran",
    "stood",
    "sat",
    "fell",
    "rose",
    "broke",
    "chose",
    "drove",
    "fought",
    "found",
    "got",
    "kept",
    "led",
    "meant",
    "paid",
    "thought",
    "withdrew",
    "struck",
    "sought",
    "felt",
    "heard",
    "became",
    "drew",
    "ate",
    "shook",
    "spent",
    "threw",
    "wore",
    "ago",
    "earlier",
    "previously",
    "already",
];

/// The tense of the clause of token `i`: the nearest cue before it in its
/// sentence (at most 12 tokens back).
pub(super) fn tense_before(toks: &[Token], i: usize) -> Tense {
    let lo = i.saturating_sub(12);
    for k in (lo..i).rev() {
        if ends_clause(&toks[k], &['.', '!', '?', ';']) {
            break;
        }
        if let Some(t) = cue_at(toks, k) {
            return t;
        }
    }
    Tense::Unmarked
}

/// Verbs that report speech: a date or a tense they carry is the
/// saying's, not the event's ("Trump said Wednesday that his envoys met").
pub(crate) const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "announced",
    "announces",
    "reported",
    "reports",
    "stated",
    "confirmed",
    "confirms",
    "added",
    "wrote",
    "writes",
    "posted",
    "tweeted",
    "claimed",
    "claims",
    "insisted",
    "noted",
    "recalled",
    "disclosed",
    "revealed",
    "acknowledged",
];

fn ends_clause(t: &Token, marks: &[char]) -> bool {
    matches!(t.kind, Tok::Punct(c) if marks.contains(&c))
}

/// The tense cue at token `k`, if it is one.
fn cue_at(toks: &[Token], k: usize) -> Option<Tense> {
    let t = toks.get(k).filter(|t| t.kind == Tok::Word)?;
    let w = t.text.as_str();
    let next = |ws: &[&str]| toks.get(k + 1).is_some_and(|n| ws.iter().any(|x| n.is(x)));
    if FUTURE.contains(&w) || w.ends_with("'ll") || w.ends_with("\u{2019}ll") {
        return Some(Tense::Future);
    }
    if FUTURE_WITH_TO.contains(&w) && next(&["to"]) {
        return Some(Tense::Future);
    }
    if FUTURE_WITH_PREPOSITION.contains(&w) && next(&["to", "for", "in", "on", "at"]) {
        return Some(Tense::Future);
    }
    if PAST.contains(&w) || (w.len() > 4 && w.ends_with("ed") && !FUTURE_WITH_TO.contains(&w)) {
        return Some(Tense::Past);
    }
    None
}

/// The tense of the clause of an event word at token `i` ("met",
/// "summit"): the word's own when it is a past form; else the nearest cue
/// before it in its sentence, reporting verbs passed over (in "Putin said
/// the talks would resume" the talks are future); else the first cue
/// after it in its clause ("A summit could follow").
pub(crate) fn event_tense(toks: &[Token], i: usize) -> Tense {
    if let Some(Tense::Past) = cue_at(toks, i) {
        return Tense::Past;
    }
    let lo = i.saturating_sub(12);
    for k in (lo..i).rev() {
        if ends_clause(&toks[k], &['.', '!', '?', ';']) {
            break;
        }
        if toks[k].kind == Tok::Word && REPORTING.contains(&toks[k].text.as_str()) {
            continue;
        }
        if let Some(t) = cue_at(toks, k) {
            return t;
        }
    }
    for k in i + 1..toks.len().min(i + 10) {
        if ends_clause(&toks[k], &['.', '!', '?', ';', ',']) {
            break;
        }
        if let Some(t) = cue_at(toks, k) {
            return t;
        }
    }
    Tense::Unmarked
}

/// The tense of the clause of the first `word` in `sentence`, as
/// [`crate::extract`] reads it to tell a meeting held from one planned:
/// `None` when the word is not in the sentence.
pub fn tense_of(sentence: &str, word: &str) -> Option<Tense> {
    let toks = phrase::tokenize(sentence);
    let i = toks
        .iter()
        .position(|t| t.text.eq_ignore_ascii_case(word))?;
    Some(event_tense(&toks, i))
}

/// Whether the clause of token `i` is future or modal.
pub(super) fn future_before(toks: &[Token], i: usize) -> bool {
    tense_before(toks, i) == Tense::Future
}

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
pub(super) fn trim(text: &str, s: usize, e: usize) -> (usize, usize) {
    let Some(part) = text.get(s..e) else {
        return (s, s);
    };
    let lead = part.len() - part.trim_start().len();
    let kept = part.trim().len();
    (s + lead, s + lead + kept)
}

/// Byte offsets just past each sentence end within one line.
pub(super) fn sentence_ends(line: &str) -> Vec<usize> {
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
