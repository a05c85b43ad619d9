//! Drafting rows from candidates, and accepting them into a data directory.

#[allow(unused_imports)]
use super::*;

impl<'a> Builder<'a> {
    /// The name of an outcome: the capitalized words around its word
    /// ("Nobel Peace Prize", "Treaty of Portsmouth"), or the word itself.
    pub(super) fn outcome_name(&self, tok: usize) -> String {
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
}

impl<'a> Builder<'a> {
    pub(super) fn duration(&self, n: usize, r: &Raw, raws: &[Raw]) -> Option<Row> {
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
            CandidateKind::Date | CandidateKind::Meeting | CandidateKind::Planned => return None,
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
}

impl<'a> Builder<'a> {
    /// When a deadline or pledge was set (a date in its sentence, else the
    /// article's date) and fell due (the set day plus the span, or the
    /// date of a "by ..." deadline).
    pub(super) fn commitment_dates(
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
pub(super) fn timex_in(raws: &[Raw], k: usize, keep: impl Fn(&Timex) -> bool) -> Option<&Timex> {
    raws.iter()
        .filter(|r| r.sentence == k)
        .find_map(|r| r.timex.as_ref().filter(|t| keep(t)))
}

/// The quote for a candidate: its sentence, white space folded; a sentence
/// longer than a quote may be is cut to the words around the span.
pub(super) fn quote(text: &str, (s, e): (usize, usize), (a, b): (usize, usize)) -> String {
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
pub(super) fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => s.get(..i).unwrap_or(s).to_string(),
        None => s.to_string(),
    }
}

/// A draft subject for a span: the words of its clause before it (at most
/// ten), then the span ("agree to a cease-fire within 50 days").
pub(super) fn subject(text: &str, (s, _): (usize, usize), (a, b): (usize, usize)) -> String {
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
    pub(super) fn describe(&self, c: &Candidate) -> String {
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

pub(super) fn process_of_row(r: &Row) -> Option<String> {
    r.cells()
        .into_iter()
        .find(|(c, _)| *c == "process_id")
        .and_then(|(_, v)| v)
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
