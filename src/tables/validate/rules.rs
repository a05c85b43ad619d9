//! The checks of every table: keys, dates, quotes, and the rules of `data/CODING.md`.

#[allow(unused_imports)]
use super::*;

/// Every problem the rules find in `tables`, whose article texts are
/// `texts` (by source id).
pub(crate) fn validate(tables: &[TableData], texts: &BTreeMap<String, String>) -> Vec<Problem> {
    let folded: Vec<(&str, String)> = texts
        .iter()
        .map(|(k, v)| (k.as_str(), fold_whitespace(v)))
        .collect();
    let articles: HashMap<&str, Article> =
        folded.iter().map(|(k, v)| (*k, Article::new(v))).collect();
    let folded = &articles;
    type Task<'a> = Box<dyn Fn() -> Vec<Problem> + Send + Sync + 'a>;
    let mut tasks: Vec<Task> = Vec::new();
    for t in tables {
        tasks.push(Box::new(move || primary_key(t)));
        tasks.push(Box::new(move || foreign_keys(t, tables)));
        tasks.push(Box::new(move || dates(t)));
        tasks.push(Box::new(move || quotes(t, folded)));
        tasks.push(Box::new(move || rules(t, tables)));
    }
    let rows: usize = tables.iter().map(TableData::height).sum();
    let threads = crate::tables::records::threads();
    if rows < PARALLEL_ROWS || threads == 1 {
        return tasks.iter().flat_map(|task| task()).collect();
    }
    // The largest tasks first, spread over the threads by a shared counter.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (tasks, next) = (&tasks, &next);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(move || {
                    let mut found = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(task) = tasks.get(i) else { break };
                        found.extend(task());
                    }
                    found
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join().unwrap_or_else(|_| {
                    vec![Problem::file("(checks)", "a check failed unexpectedly")]
                })
            })
            .collect()
    })
}

/// The text cells of column `name`, if the table has such a text column.
pub(super) fn texts<'a>(t: &'a TableData, name: &str) -> Option<&'a Texts> {
    t.texts(name)
}

/// The dates of column `name`, if the table has such a date column.
pub(super) fn date_values<'a>(t: &'a TableData, name: &str) -> Option<&'a [Option<NaiveDate>]> {
    match t.values(name)? {
        Values::Date(v) => Some(v),
        _ => None,
    }
}

pub(super) fn primary_key(t: &TableData) -> Vec<Problem> {
    let mut problems = Vec::new();
    let cols: Vec<usize> = t
        .spec
        .primary_key
        .iter()
        .filter_map(|n| t.spec.index(n))
        .collect();
    let duplicate = |row: usize, first: u64, key: &str| {
        t.problem(
            row,
            t.spec.primary_key[0],
            format!(
                "duplicate {} (first at line {first})",
                t.spec.primary_key.join(" + ")
            ),
            Some(key),
        )
    };
    // A one-column text key (every table but approaches) is hashed as it
    // stands; a composite key is rendered and joined.
    if let [only] = cols[..]
        && let Values::Text(keys) = &t.columns[only]
    {
        let mut seen: HashMap<&str, u64> = HashMap::with_capacity(keys.len());
        for (row, key) in keys.iter().enumerate() {
            let Some(key) = key else { continue };
            match seen.get(key) {
                Some(&first) => problems.push(duplicate(row, first, key)),
                None => {
                    seen.insert(key, t.lines[row]);
                }
            }
        }
        return problems;
    }
    let mut seen: HashMap<String, u64> = HashMap::with_capacity(t.height());
    for row in 0..t.height() {
        let parts: Vec<String> = cols.iter().map(|&c| t.columns[c].render(row)).collect();
        if parts.iter().any(String::is_empty) {
            continue;
        }
        let key = parts.join("|");
        match seen.get(&key) {
            Some(&first) => problems.push(duplicate(row, first, &key)),
            None => {
                seen.insert(key, t.lines[row]);
            }
        }
    }
    problems
}

pub(super) fn foreign_keys(t: &TableData, all: &[TableData]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (k, c) in t.spec.columns.iter().enumerate() {
        let Some((table, column)) = c.references else {
            continue;
        };
        let Some(target) = all.iter().find(|x| x.spec.name == table) else {
            continue;
        };
        let Some(target_values) = target.values(column) else {
            continue;
        };
        let mut dangling = |row: usize, v: &str| {
            problems.push(t.problem(
                row,
                c.name,
                format!("no {table} row has this {column}"),
                Some(v),
            ))
        };
        match (&t.columns[k], target_values) {
            (Values::Text(values), Values::Text(keys)) => {
                let keys: HashSet<&str> = keys.iter().flatten().collect();
                for (row, v) in values.iter().enumerate() {
                    if let Some(v) = v.filter(|v| !keys.contains(v)) {
                        dangling(row, v);
                    }
                }
            }
            (Values::Integer(values), Values::Integer(keys)) => {
                let keys: HashSet<i64> = keys.iter().flatten().copied().collect();
                for (row, v) in values.iter().enumerate() {
                    if let Some(v) = v.filter(|v| !keys.contains(v)) {
                        dangling(row, &v.to_string());
                    }
                }
            }
            (Values::List(values), Values::Integer(keys)) => {
                let keys: HashSet<i64> = keys.iter().flatten().copied().collect();
                for (row, cell) in values.iter().enumerate() {
                    for item in cell.into_iter().flat_map(|c| c.split(';')) {
                        if item.parse::<i64>().is_ok_and(|v| !keys.contains(&v)) {
                            dangling(row, item);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    problems
}

/// Each date column `X` goes with a precision column (`X_precision`, or
/// `date_precision`/`start_precision`...): both or neither, and a month- or
/// year-precision date is the first day of its period. A row with any date
/// says where its dates come from (`date_basis`).
pub(super) fn dates(t: &TableData) -> Vec<Problem> {
    let mut problems = Vec::new();
    let names: Vec<&str> = t
        .spec
        .columns
        .iter()
        .filter(|c| c.kind == Kind::Date)
        .map(|c| c.name)
        .collect();
    let columns: Vec<&[Option<NaiveDate>]> =
        names.iter().filter_map(|d| date_values(t, d)).collect();
    for &d in &names {
        let (Some(pcol), Some(values)) = (t.spec.precision_of(d), date_values(t, d)) else {
            continue;
        };
        let Some(precision) = texts(t, pcol) else {
            continue;
        };
        for (row, date) in values.iter().enumerate() {
            match (date, precision.get(row)) {
                (Some(_), None) => problems.push(t.problem(
                    row,
                    pcol,
                    format!("`{d}` is set, so `{pcol}` is required"),
                    Some(""),
                )),
                (None, Some(p)) if t.is_empty_cell(d, row) => problems.push(t.problem(
                    row,
                    pcol,
                    format!("`{pcol}` is set but `{d}` is empty"),
                    Some(p),
                )),
                (Some(date), Some(p)) => {
                    let ok = crate::base::codes::Precision::parse(p)
                        .is_none_or(|p| crate::base::dates::starts_period(*date, p));
                    if !ok {
                        let first = if p == "week" { "Monday" } else { "first day" };
                        problems.push(t.problem(
                            row,
                            d,
                            format!("a {p}-precision date must be the {first} of its {p}"),
                            Some(&date.to_string()),
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(basis) = texts(t, "date_basis") {
        for row in 0..t.height() {
            let any_date = columns.iter().any(|c| c[row].is_some());
            match (any_date, basis.get(row)) {
                (true, None) => problems.push(t.problem(
                    row,
                    "date_basis",
                    "the row has a date, so `date_basis` is required",
                    Some(""),
                )),
                (false, Some(b)) if names.iter().all(|d| t.is_empty_cell(d, row)) => {
                    problems.push(t.problem(
                        row,
                        "date_basis",
                        "`date_basis` is set but the row has no date",
                        Some(b),
                    ))
                }
                _ => {}
            }
        }
    }
    problems
}

/// Whether `s` is already as [`fold_whitespace`] would make it: no white
/// space at either end, and each run of it a single ASCII space.
pub(super) fn is_folded(s: &str) -> bool {
    let b = s.as_bytes();
    if !b.is_ascii() {
        // Unicode white space (no-break spaces and the like) folds too.
        return fold_whitespace(s) == s;
    }
    !b.first().is_some_and(u8::is_ascii_whitespace)
        && !b.last().is_some_and(u8::is_ascii_whitespace)
        && !b.iter().any(|&c| c != b' ' && c.is_ascii_whitespace())
        && !b.windows(2).any(|w| w == b"  ")
}

impl<'a> Article<'a> {
    pub(super) fn new(text: &'a str) -> Article<'a> {
        let text = text.as_bytes();
        let mut at: Vec<([u8; 8], u32)> = text
            .windows(8)
            .enumerate()
            .filter_map(|(i, w)| Some((<[u8; 8]>::try_from(w).ok()?, i as u32)))
            .collect();
        at.sort_unstable();
        Article { text, at }
    }

    pub(super) fn contains(&self, needle: &[u8]) -> bool {
        let Some(key) = needle.get(..8).and_then(|k| <[u8; 8]>::try_from(k).ok()) else {
            return memchr::memmem::find(self.text, needle).is_some();
        };
        let first = self.at.partition_point(|(k, _)| *k < key);
        self.at[first..]
            .iter()
            .take_while(|(k, _)| *k == key)
            .any(|&(_, i)| {
                self.text
                    .get(i as usize..)
                    .is_some_and(|rest| rest.starts_with(needle))
            })
    }
}

pub(super) fn quotes(t: &TableData, folded: &HashMap<&str, Article>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let (Some(sources), Some(quotes)) = (texts(t, "source_id"), texts(t, "quote")) else {
        return problems;
    };
    let mut seen: HashMap<(&str, &str), bool> = HashMap::new();
    for row in 0..t.height() {
        let (Some(src), Some(quote)) = (sources.get(row), quotes.get(row)) else {
            continue;
        };
        let Some(text) = folded.get(src) else {
            continue; // reported as a missing text or a dangling key
        };
        // Passages recur (one supports several rows): each pair is searched
        // for once.
        let found = *seen.entry((src, quote)).or_insert_with(|| {
            if is_folded(quote) {
                text.contains(quote.as_bytes())
            } else {
                text.contains(fold_whitespace(quote).as_bytes())
            }
        });
        if !found {
            problems.push(t.problem(
                row,
                "quote",
                format!("quote not found in sources/{src}.txt"),
                Some(quote),
            ));
        }
    }
    problems
}

/// `to` is not before `from`.
pub(super) fn order(t: &TableData, from: &str, to: &str, problems: &mut Vec<Problem>) {
    let (Some(a), Some(b)) = (date_values(t, from), date_values(t, to)) else {
        return;
    };
    for (row, (a, b)) in a.iter().zip(b).enumerate() {
        if let (Some(a), Some(b)) = (a, b)
            && b < a
        {
            problems.push(t.problem(
                row,
                to,
                format!("`{to}` is before `{from}` ({a})"),
                Some(&b.to_string()),
            ));
        }
    }
}

/// A code column's values, parsed (unknown codes were reported while
/// parsing and read as `None` here).
pub(super) fn codes<'a, C: Code>(
    t: &'a TableData,
    name: &str,
) -> impl Fn(usize) -> Option<C> + 'a + use<'a, C> {
    let cells = texts(t, name);
    move |row| cells.and_then(|c| c.get(row)).and_then(C::parse)
}

/// The period a date cell stands for, by row.
pub(super) fn periods<'a>(
    t: &'a TableData,
    name: &str,
) -> impl Fn(usize) -> Option<(NaiveDate, NaiveDate)> + 'a + use<'a> {
    let dates = date_values(t, name);
    let precision = t.spec.precision_of(name).map(|p| codes::<Precision>(t, p));
    move |row| {
        let d = dates.and_then(|v| v.get(row).copied().flatten())?;
        let p = precision
            .as_ref()
            .and_then(|p| p(row))
            .unwrap_or(Precision::Day);
        Some((d, last_day(d, p)))
    }
}

/// The rules particular to one table. Those that span tables (a meeting
/// within its process's dates) look the other table up in `all`. Each rule
/// is one of `data/CODING.md`'s, which names the rule a problem breaks.
pub(super) fn rules(t: &TableData, all: &[TableData]) -> Vec<Problem> {
    let mut problems = Vec::new();
    match t.spec.name {
        "processes" => {
            order(t, "start", "end", &mut problems);
            ongoing_has_no_end(t, &mut problems);
            mediators(t, &mut problems);
        }
        "meetings" => {
            crate::tables::sessions::meetings(t, all, &mut problems);
            meetings_within_processes(t, &ProcessSpans::new(all), &mut problems);
        }
        "outcomes" => {
            order(t, "date", "ended", &mut problems);
            outcomes(t, &ProcessSpans::new(all), &mut problems);
        }
        "missions" => crate::tables::sessions::missions(t, all, &mut problems),
        "durations" => {
            order(t, "set_date", "due_date", &mut problems);
            durations(t, &mut problems);
        }
        "links" => links(t, all, &mut problems),
        _ => {}
    }
    problems
}

/// The processes' spans, for the rules that keep a row within its
/// process. Process ids go to their (first) rows once: a scan of the
/// processes per id was quadratic (3 s of a 1 M-meeting load).
struct ProcessSpans<'a> {
    processes: Option<&'a TableData>,
    rows: HashMap<&'a str, usize>,
}

impl<'a> ProcessSpans<'a> {
    fn new(all: &'a [TableData]) -> ProcessSpans<'a> {
        let processes = all.iter().find(|x| x.spec.name == "processes");
        let mut rows: HashMap<&str, usize> = HashMap::new();
        if let Some(ids) = processes.and_then(|p| texts(p, "process_id")) {
            for (row, id) in ids.iter().enumerate() {
                if let Some(id) = id {
                    rows.entry(id).or_insert(row);
                }
            }
        }
        ProcessSpans { processes, rows }
    }

    /// A process's (first day of its start, last day of its end).
    fn span(&self, pid: &str) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
        let p = self.processes?;
        let row = *self.rows.get(pid)?;
        Some((
            periods(p, "start")(row).map(|s| s.0),
            periods(p, "end")(row).map(|e| e.1),
        ))
    }
}

/// An ongoing process has no end date.
fn ongoing_has_no_end(t: &TableData, problems: &mut Vec<Problem>) {
    if let (Some(status), Some(end)) = (texts(t, "status"), date_values(t, "end")) {
        for (row, end) in end.iter().enumerate() {
            if let (Some("ongoing"), Some(end)) = (status.get(row), end) {
                problems.push(t.problem(
                    row,
                    "end",
                    "an ongoing process has no end date",
                    Some(&end.to_string()),
                ));
            }
        }
    }
}

/// A meeting falls within its process's dates.
fn meetings_within_processes(t: &TableData, spans: &ProcessSpans, problems: &mut Vec<Problem>) {
    let date = periods(t, "date");
    let pids = texts(t, "process_id");
    // Per process: the first and last meeting day, if any is dated.
    type Span = Option<(Option<NaiveDate>, Option<NaiveDate>)>;
    let mut cached: HashMap<&str, Span> = HashMap::new();
    for row in 0..t.height() {
        let (Some((first, last)), Some(pid)) = (date(row), pids.and_then(|p| p.get(row))) else {
            continue;
        };
        let Some((start, end)) = *cached.entry(pid).or_insert_with(|| spans.span(pid)) else {
            continue;
        };
        if let Some(start) = start.filter(|&s| last < s) {
            problems.push(t.problem(
                row,
                "date",
                format!("the meeting is before its process `{pid}` starts ({start}); see CODING.md, \"Process start and end\""),
                Some(&first.to_string()),
            ));
        }
        if let Some(end) = end.filter(|&e| first > e) {
            problems.push(t.problem(
                row,
                "date",
                format!("the meeting is after its process `{pid}` ends ({end})"),
                Some(&first.to_string()),
            ));
        }
    }
}

/// An outcome's `held` agrees with its `ended` and its kind (only
/// agreements hold), and an agreement is not dated after its process
/// ended.
fn outcomes(t: &TableData, spans: &ProcessSpans, problems: &mut Vec<Problem>) {
    let held = codes::<Held>(t, "held");
    let kind = codes::<OutcomeKind>(t, "kind");
    let ended = date_values(t, "ended");
    let date = periods(t, "date");
    let pids = texts(t, "process_id");
    for row in 0..t.height() {
        let has_ended = ended.is_some_and(|e| e.get(row).copied().flatten().is_some());
        match held(row) {
            Some(h) if h.has_end() && !has_ended && t.is_empty_cell("ended", row) => {
                problems.push(t.problem(
                    row,
                    "ended",
                    format!("an agreement that is `{h}` needs the date it stopped holding; see CODING.md, \"Held\""),
                    Some(""),
                ))
            }
            Some(h) if !h.has_end() && has_ended => problems.push(t.problem(
                row,
                "ended",
                "`ended` is set, so `held` must be `suspended`, `superseded` or `unraveled`",
                Some(h.as_str()),
            )),
            _ => {}
        }
        let Some(k) = kind(row) else { continue };
        if k.is_agreement() == (held(row) == Some(Held::NotApplicable)) {
            problems.push(t.problem(
                row,
                "held",
                if k.is_agreement() {
                    format!("a {k} is an agreement: code whether it held")
                } else {
                    format!("a {k} is not an agreement: `held` is `not_applicable`")
                },
                held(row).map(Held::as_str),
            ));
        }
        // Agreements come out of their process: none after it ended.
        if let (true, Some((first, _)), Some(pid)) =
            (k.is_agreement(), date(row), pids.and_then(|p| p.get(row)))
            && let Some((_, Some(end))) = spans.span(pid)
            && first > end
        {
            problems.push(t.problem(
                row,
                "date",
                format!("the agreement is dated after its process `{pid}` ended ({end})"),
                Some(&first.to_string()),
            ));
        }
    }
}

/// A link's `ucdp_id` exists in the table its `ucdp_kind` names.
pub(super) fn links(t: &TableData, all: &[TableData], problems: &mut Vec<Problem>) {
    let ids = |table: &str, column: &str| -> HashSet<i64> {
        match all
            .iter()
            .find(|x| x.spec.name == table)
            .and_then(|x| x.values(column))
        {
            Some(Values::Integer(v)) => v.iter().flatten().copied().collect(),
            _ => HashSet::default(),
        }
    };
    let conflicts = ids("ucdp_conflicts", "conflict_id");
    let dyads = ids("ucdp_dyads", "dyad_id");
    let agreements = ids("ucdp_peace_agreements", "paid");
    let kinds = texts(t, "ucdp_kind");
    let Some(Values::Integer(values)) = t.values("ucdp_id") else {
        return;
    };
    for (row, id) in values.iter().enumerate() {
        let (Some(id), Some(kind)) = (id, kinds.and_then(|k| k.get(row))) else {
            continue;
        };
        let (known, table) = match kind {
            "conflict" => (&conflicts, "ucdp_conflicts"),
            "dyad" => (&dyads, "ucdp_dyads"),
            _ => (&agreements, "ucdp_peace_agreements"),
        };
        if !known.contains(id) {
            problems.push(t.problem(
                row,
                "ucdp_id",
                format!("no {kind} has this id in {table}"),
                Some(&id.to_string()),
            ));
        }
    }
}

/// A mediator is a third party: never among the parties; and the United
/// States is not a party to a process it mediates.
pub(super) fn mediators(t: &TableData, problems: &mut Vec<Problem>) {
    let role = codes::<UsRole>(t, "us_role");
    for row in 0..t.height() {
        let parties: Vec<&str> = t
            .items("parties", row)
            .map(Iterator::collect)
            .unwrap_or_default();
        if let Some(m) = t.text("mediator", row).filter(|m| parties.contains(m)) {
            problems.push(t.problem(
                row,
                "mediator",
                "the mediator is also listed among the parties; see CODING.md, \"Mediator or party\"",
                Some(m),
            ));
        }
        let us_party = parties.contains(&"United States");
        let lead = t.text("us_lead", row);
        match role(row) {
            Some(UsRole::Mediator) if us_party => problems.push(t.problem(
                row,
                "parties",
                "`us_role` is `mediator`, so the United States is not among the parties",
                t.text("parties", row),
            )),
            Some(UsRole::Party)
                if t.text("mediator", row)
                    .is_some_and(|m| lead.is_some_and(|l| l.split(';').any(|x| x == m))) =>
            {
                problems.push(t.problem(
                    row,
                    "mediator",
                    "`us_role` is `party`, so the U.S. lead is not the mediator",
                    t.text("mediator", row),
                ))
            }
            Some(UsRole::None) if lead.is_some() => problems.push(t.problem(
                row,
                "us_lead",
                "`us_role` is `none`, so no one led for the United States",
                lead,
            )),
            Some(UsRole::Mediator | UsRole::Party)
                if lead.is_none() && t.is_empty_cell("us_lead", row) =>
            {
                problems.push(t.problem(
                    row,
                    "us_lead",
                    "the United States took part, so name who led for it",
                    Some(""),
                ))
            }
            _ => {}
        }
    }
}

/// Whether the cell is empty in the file (not merely invalid).
pub(super) fn t_empty(t: &TableData, name: &str, row: usize) -> bool {
    t.is_empty_cell(name, row)
}

pub(super) fn numbers<'a>(t: &'a TableData, name: &str) -> &'a [Option<f64>] {
    match t.values(name) {
        Some(Values::Number(v)) => v,
        _ => &[],
    }
}
