//! Reading a phrase's tokens into a measured span.

#[allow(unused_imports)]
use super::*;

impl Parsed {
    pub(crate) fn into_normalized(self, phrase: String) -> Normalized {
        Normalized {
            phrase,
            iso: self.iso,
            modifier: self.modifier,
            days_low: self.days_low,
            days_high: self.days_high,
            count: self.count,
            iso_high: self.iso_high,
        }
    }
}

/// Reads a duration from token `start`. With `prose`, reading stops at the
/// first word that does not belong (and some readings that only make sense
/// in a lone phrase are refused); without it, a phrase must be read to its
/// end (a trailing `of ...` aside).
pub(crate) fn parse(
    toks: &[Token],
    start: usize,
    prose: bool,
) -> std::result::Result<Parsed, Stop> {
    let mut i = start;
    let mut p = Prefix {
        hedge: Hedge::None,
        span: false,
        count: None,
        lead: Lead::None,
        det: false,
        the_only: false,
        recent: false,
        between: false,
        ordinal: Ordinal::None,
        at: start,
    };

    // "575 meetings over two years": a count of events, then `over` as a span.
    if let Some((n, used, _)) = number(toks, i) {
        let noun = toks.get(i + used);
        if noun.is_some_and(|t| t.kind == Kind::Word && Unit::parse(t).is_none() && !t.hyphen)
            && toks.get(i + used + 1).is_some_and(|t| t.is("over"))
            && toks.get(i + used + 2).is_some()
            && n.fract() == 0.0
            && n < 1e15
        {
            p.count = Some((n as u64, word(toks, i + used).to_string()));
            p.span = true;
            i += used + 2;
        }
    }

    // The prefixes, each kind at most once, in any order that reads.
    let (mut hedged, mut led, mut filled, mut temporal) = (false, false, false, false);
    loop {
        let at = |w: &str| toks.get(i).is_some_and(|t| t.is(w));
        if !p.span && starts(toks, i, &["over", "the"]) {
            p.span = true;
            i += 1;
        } else if let Some((w, h)) = HEDGES
            .iter()
            .find(|(w, _)| !hedged && !p.span && !p.between && starts(toks, i, w))
        {
            p.hedge = *h;
            hedged = true;
            i += w.len();
        } else if let Some((_, l)) = LEADS
            .iter()
            .find(|(w, _)| !led && !hedged && !p.det && at(w))
        {
            p.lead = *l;
            if *l == Lead::Within {
                p.hedge = Hedge::AtMost;
                hedged = true;
            }
            led = true;
            i += 1;
        } else if !p.between && !p.det && !hedged && at("between") {
            p.between = true;
            p.at = i;
            i += 1;
        } else if let Some(w) = [
            &["a", "matter", "of"][..],
            &["a", "mere"],
            &["mere"],
            &["just"],
            &["only"],
        ]
        .iter()
        .find(|w| !filled && starts(toks, i, w))
        {
            filled = true;
            i += w.len();
        } else if !p.det && (at("the") || at("this")) {
            p.det = true;
            p.the_only = true;
            i += 1;
        } else if !temporal && DETERMINERS.iter().any(|w| at(w)) {
            p.det = true;
            p.the_only = false;
            temporal = true;
            i += 1;
        } else if p.ordinal == Ordinal::None
            && ORDINALS.iter().any(|w| at(w))
            && (p.det
                || toks
                    .get(i + 1)
                    .is_some_and(|t| t.hyphen && (t.is("quarter") || t.is("half"))))
        {
            p.ordinal = if at("first") || at("final") {
                Ordinal::Counted
            } else {
                Ordinal::Named
            };
            p.at = i;
            p.the_only = false;
            i += 1;
        } else if !p.recent && at("recent") {
            p.recent = true;
            i += 1;
        } else {
            break;
        }
    }
    measure(toks, i, prose, p)
}

/// The quantity and the unit read, which decide what running prose
/// refuses and how many units there are.
struct Quantity {
    amount: Amount,
    /// Whether the count is written in digits.
    digits: bool,
    /// Whether a word like "fiscal" stands between the count and the unit.
    adjective: bool,
    unit: Unit,
    form: Form,
    /// The unit's token.
    unit_tok: usize,
}

/// The quantity, units and suffixes.
pub(super) fn measure(
    toks: &[Token],
    mut i: usize,
    prose: bool,
    p: Prefix,
) -> std::result::Result<Parsed, Stop> {
    i = past_article(toks, i);

    // The quantity, then words that do not change it: "2 more minutes",
    // "the fiscal year", "five straight years".
    let (amount, digits) = quantity(toks, &mut i, p.between);
    if p.between && !matches!(amount, Amount::Range(..)) {
        return Err(Stop::NoRange(p.at));
    }
    let bare = matches!(amount, Amount::Bare);
    let adjective;
    (i, adjective) = past_fillers(toks, i, bare);

    let (unit, form) = unit_after(toks, i, &p, bare)?;
    let unit_tok = i;
    i += 1;
    let named = matches!(unit, Unit::Quarter | Unit::HalfYear);
    match p.ordinal {
        Ordinal::Counted if bare && !named => return Err(Stop::NeedsNumber(unit_tok)),
        Ordinal::Named if !(bare && named) => return Err(Stop::Ordinal(p.at)),
        _ => {}
    }
    let q = Quantity {
        amount,
        digits,
        adjective,
        unit,
        form,
        unit_tok,
    };
    if prose && refused_in_prose(toks, i, &p, &q) {
        return Err(Stop::NotInProse);
    }

    let mut r = reading(toks, &p, &q)?;
    if r.vague || r.range {
        return finish(toks, i, prose, r, p);
    }
    // "a year and a half".
    if let Some((f, used)) = fraction_after(toks, i) {
        r.lo += f;
        r.hi += f;
        r.parts = vec![(unit, r.lo)];
        i += used;
    }
    // "a day or two", "a year or two": a range after the unit.
    if matches!(amount, Amount::Exact(n) if n == 1.0)
        && r.lo == 1.0
        && starts(toks, i, &["or"])
        && let Some((m, used, _)) = number(toks, i + 1)
        && m > 1.0
        && m <= 10.0
    {
        r.hi = m;
        r.range = true;
        return finish(toks, i + 1 + used, prose, r, p);
    }
    i = compounds(toks, i, prose, &mut r);
    finish(toks, i, prose, r, p)
}

/// Past an article before a count: "a three-year deal", "a 50-day
/// deadline".
fn past_article(toks: &[Token], i: usize) -> usize {
    let article = toks.get(i).is_some_and(|t| t.is("a") || t.is("an"))
        && toks.get(i + 1).is_some_and(|t| {
            matches!(t.kind, Kind::Num(_) | Kind::Frac(_))
                || (t.kind == Kind::Word && small_number(&t.text).is_some())
        });
    if article { i + 1 } else { i }
}

/// Past the words between a quantity and its unit that do not change it
/// ("2 more minutes", "the fiscal year"): the unit's index, and whether an
/// adjective was among them.
fn past_fillers(toks: &[Token], mut i: usize, bare: bool) -> (usize, bool) {
    let unit_at = |k: usize| toks.get(k).and_then(Unit::parse);
    let mut adjective = false;
    loop {
        if !bare
            && toks
                .get(i)
                .is_some_and(|t| COUNT_FILLERS.iter().any(|w| t.is(w)))
            && unit_at(i + 1).is_some()
        {
            i += 1;
        } else if toks
            .get(i)
            .is_some_and(|t| UNIT_ADJECTIVES.iter().any(|w| t.is(w)))
            && (unit_at(i + 1).is_some() || toks.get(i + 1).is_some_and(|t| t.is("half")))
        {
            adjective = true;
            i += 1;
        } else {
            break;
        }
    }
    (i, adjective)
}

/// The unit at `i`; after `the first` or `the second`, `half` is half a
/// year.
fn unit_after(
    toks: &[Token],
    i: usize,
    p: &Prefix,
    bare: bool,
) -> std::result::Result<(Unit, Form), Stop> {
    let unit_at = |k: usize| toks.get(k).and_then(Unit::parse);
    if p.ordinal != Ordinal::None && bare && word(toks, i) == "half" && unit_at(i + 1).is_none() {
        Ok((Unit::HalfYear, Form::Singular))
    } else {
        unit_at(i).ok_or(Stop::NoUnit(i))
    }
}

/// What running prose does not allow: symbols, abbreviations without a
/// number in digits, "a second" (an ordinal there), "a quarter of ...",
/// a bare "the day" or "this year" (a date, not a span; "this week" and
/// "the weekend" are kept). `i` is the token after the unit.
fn refused_in_prose(toks: &[Token], i: usize, p: &Prefix, q: &Quantity) -> bool {
    let Quantity {
        amount,
        digits,
        adjective,
        unit,
        form,
        unit_tok,
    } = *q;
    let bare = matches!(amount, Amount::Bare);
    let next_of = toks.get(i).is_some_and(|t| t.is("of"));
    (match form {
        Form::Symbol => true,
        Form::Abbrev => !digits || toks.get(unit_tok).is_some_and(|t| t.cap),
        Form::Singular if unit == Unit::Second => !digits,
        _ => false,
    }) || (unit == Unit::Quarter
        && p.ordinal == Ordinal::None
        && !adjective
        && (next_of
            || !matches!(amount, Amount::Exact(n) if n >= 2.0)
                && !matches!(amount, Amount::Vague(_))))
        || (bare && p.the_only && !adjective && !matches!(unit, Unit::Week | Unit::Weekend))
}

/// The counts of the quantity in its unit, as a first reading.
fn reading(toks: &[Token], p: &Prefix, q: &Quantity) -> std::result::Result<Reading, Stop> {
    let Quantity {
        amount,
        unit,
        form,
        unit_tok,
        ..
    } = *q;
    let bare = matches!(amount, Amount::Bare);
    let plural =
        form == Form::Plural || (form == Form::Abbrev && word(toks, unit_tok).ends_with('s'));
    let (lo, hi, vague, range) = match amount {
        Amount::Exact(n) => (n, n, false, false),
        Amount::Range(a, b) => (a, b, false, true),
        Amount::Vague(Some((a, b))) => (a, b, true, false),
        Amount::Vague(None) => (2.0, unit.per_next(), true, false),
        Amount::Bare if (p.det || p.ordinal != Ordinal::None) && !plural => {
            (1.0, 1.0, false, false)
        }
        Amount::Bare if plural && unit != Unit::Quarter => (2.0, unit.per_next(), true, false),
        Amount::Bare => return Err(Stop::NeedsNumber(unit_tok)),
    };
    if p.recent && !vague {
        return Err(Stop::Unexpected(unit_tok));
    }
    // "two-year", "third-quarter": a singular unit hyphened to its count.
    let adjectival = toks.get(unit_tok).is_some_and(|t| t.hyphen)
        && form == Form::Singular
        && (!bare || p.ordinal != Ordinal::None);
    Ok(Reading {
        parts: vec![(unit, lo)],
        unit,
        lo,
        hi,
        vague,
        range,
        adjectival,
    })
}

/// Compounds: "an hour and 45 minutes", "2 years, 3 months", each unit
/// smaller than the one before; in prose only with `and` ("within 50
/// days, nine days after" is two spans). Adds the parts to `r` and gives
/// the token after them.
fn compounds(toks: &[Token], mut i: usize, prose: bool, r: &mut Reading) -> usize {
    let unit_at = |k: usize| toks.get(k).and_then(Unit::parse);
    loop {
        let mut k = i;
        let joined = toks
            .get(k)
            .is_some_and(|t| t.is("and") || (!prose && t.kind == Kind::Punct(',')));
        if joined {
            k += 1;
        } else if prose {
            break;
        }
        // "a year and a day", but not "24 hours a day".
        if !joined && toks.get(k).is_some_and(|t| t.is("a") || t.is("an")) {
            break;
        }
        let Some((n, used, _)) = number(toks, k) else {
            break;
        };
        let mut m = k + used;
        while toks
            .get(m)
            .is_some_and(|t| COUNT_FILLERS.iter().any(|w| t.is(w)))
        {
            m += 1;
        }
        match unit_at(m) {
            Some((u, f))
                if !(prose && matches!(f, Form::Symbol | Form::Abbrev))
                    && r.parts.last().is_some_and(|p| u.days() < p.0.days()) =>
            {
                let mut n = n;
                m += 1;
                if let Some((fr, more)) = fraction_after(toks, m) {
                    n += fr;
                    m += more;
                }
                r.parts.push((u, n));
                i = m;
            }
            None if !prose && m == toks.len() => {
                // "1 hour thirty": minutes after hours, seconds after minutes.
                let smaller = match r.parts.last().map(|p| p.0) {
                    Some(Unit::Hour) => Unit::Minute,
                    Some(Unit::Minute) => Unit::Second,
                    _ => break,
                };
                r.parts.push((smaller, n));
                i = m;
            }
            _ => break,
        }
    }
    i
}

/// Reads the quantity at `*i`, moving past it.
pub(super) fn quantity(toks: &[Token], i: &mut usize, between: bool) -> (Amount, bool) {
    let unit_at = |k: usize| toks.get(k).and_then(Unit::parse).is_some();
    if let Some((r, used)) = vague(toks, *i) {
        *i += used;
        return (Amount::Vague(r), false);
    }
    // Fractions of one unit: "half an hour", "a half", "1/2 hour", "three quarters of an hour".
    for (pat, f) in [
        (&["half", "a"][..], 0.5),
        (&["half", "an"][..], 0.5),
        (&["a", "half"][..], 0.5),
        (&["half"][..], 0.5),
    ] {
        if starts(toks, *i, pat) && (pat.len() > 1 || unit_at(*i + 1)) {
            *i += pat.len();
            return (Amount::Exact(f), false);
        }
    }
    if let Some(Token {
        kind: Kind::Frac(f),
        ..
    }) = toks.get(*i)
        && unit_at(*i + 1)
    {
        *i += 1;
        return (Amount::Exact(*f), true);
    }
    {
        let (n, used) = match toks.get(*i) {
            Some(t) if t.is("a") || t.is("one") => (1.0, 1),
            Some(t) if t.is("quarter") => (1.0, 0),
            Some(Token {
                kind: Kind::Num(v), ..
            }) => (*v, 1),
            Some(t) => (
                small_number(&t.text)
                    .filter(|_| t.kind == Kind::Word)
                    .unwrap_or(0.0),
                1,
            ),
            None => (0.0, 0),
        };
        let k = *i + used;
        if n > 0.0 && matches!(word(toks, k), "quarter" | "quarters") {
            let mut m = k + 1;
            if toks.get(m).is_some_and(|t| t.is("of")) {
                m += 1;
            }
            if toks
                .get(m)
                .is_some_and(|t| t.is("a") || t.is("an") || t.is("the"))
            {
                m += 1;
            }
            if toks
                .get(m)
                .and_then(Unit::parse)
                .is_some_and(|(u, _)| u != Unit::Quarter)
            {
                *i = m;
                return (Amount::Exact(n / 4.0), false);
            }
        }
    }
    let Some((mut n, used, digits)) = number(toks, *i) else {
        return (Amount::Bare, false);
    };
    // "a" alone before a unit is one; before anything else it is not a quantity.
    let k = *i + used;
    *i = k;
    if let Some((f, more)) = fraction_after(toks, *i) {
        n += f;
        *i += more;
    }
    // A range: "two to three", "2-3", "two or three", "between two and three".
    let mut j = *i;
    let sep = match toks.get(j) {
        Some(t) if t.is("to") || t.is("or") || t.is("through") || (between && t.is("and")) => {
            j += 1;
            true
        }
        Some(t) if t.kind == Kind::Punct('-') => {
            j += 1;
            true
        }
        Some(t) if t.hyphen && matches!(t.kind, Kind::Num(_)) => true,
        Some(t) if t.hyphen && t.kind == Kind::Word && small_number(&t.text).is_some() => true,
        _ => false,
    };
    if sep && let Some((m, used2, d2)) = number(toks, j) {
        let mut m = m;
        let mut e = j + used2;
        if let Some((f, more)) = fraction_after(toks, e) {
            m += f;
            e += more;
        }
        if m > n {
            *i = e;
            return (Amount::Range(n, m), digits || d2);
        }
    }
    (Amount::Exact(n), digits)
}

/// What the words after the units said.
struct Suffixes {
    /// The first token not read.
    end: usize,
    hedge: Hedge,
    rel: Rel,
    head: Option<String>,
    adjectival: bool,
}

/// The suffixes, then the days.
pub(super) fn finish(
    toks: &[Token],
    i: usize,
    prose: bool,
    r: Reading,
    p: Prefix,
) -> std::result::Result<Parsed, Stop> {
    let Reading {
        parts,
        unit,
        lo,
        hi,
        vague,
        range,
        adjectival,
    } = r;
    let Prefix {
        hedge,
        span,
        count,
        lead,
        ..
    } = p;
    let s = suffixes(toks, i, prose, hedge, adjectival)?;
    let hedge = if span { Hedge::Approx } else { s.hedge };

    let single = parts.len() == 1;
    let d = if single { unit.days() } else { 1.0 };
    let (lo, hi) = if single {
        (lo, hi)
    } else {
        let total: f64 = parts.iter().map(|&(u, n)| n * u.days()).sum();
        (total, total)
    };
    let (low, high, modifier) = hedged(hedge, lo, hi, vague || range);
    let (days_low, days_high) = (round4(low * d), round4(high * d));
    if !(days_high.is_finite() && days_high <= MAX_DAYS) {
        return Err(Stop::TooLarge);
    }
    let (iso, iso_high) = if vague {
        (unit.iso_x().to_string(), None)
    } else if range {
        (iso_of(&[(unit, lo)]), Some(iso_of(&[(unit, hi)])))
    } else {
        (iso_of(&parts), None)
    };
    Ok(Parsed {
        end: s.end,
        iso,
        iso_high,
        modifier,
        days_low,
        days_high,
        count,
        lead,
        rel: s.rel,
        head: s.head,
        adjectival: s.adjectival,
    })
}

/// Reads the suffixes from `i`: "or so", "or more", "ago", "long", "in two
/// weeks' time", a head noun after an adjectival span. `hedge` and
/// `adjectival` are what the words before said; a suffix may change them.
fn suffixes(
    toks: &[Token],
    mut i: usize,
    prose: bool,
    mut hedge: Hedge,
    mut adjectival: bool,
) -> std::result::Result<Suffixes, Stop> {
    let mut rel = Rel::None;
    let mut head = None;
    let possessive = toks.get(i.saturating_sub(1)).is_some_and(|t| t.possessive);
    while i < toks.len() {
        if starts(toks, i, &["or", "so"]) {
            if hedge == Hedge::None {
                hedge = Hedge::Approx;
            }
            i += 2;
        } else if starts(toks, i, &["or", "more"]) || starts(toks, i, &["or", "longer"]) {
            hedge = Hedge::AtLeast;
            i += 2;
        } else if starts(toks, i, &["or", "less"])
            || starts(toks, i, &["or", "fewer"])
            || starts(toks, i, &["or", "shorter"])
        {
            hedge = Hedge::AtMost;
            i += 2;
        } else if let Some((w, r)) = SUFFIXES.iter().find(|(w, _)| starts(toks, i, w)) {
            if *r != Rel::None {
                rel = *r;
            }
            // "a year-long war", "a two-year-old deal"
            if toks.get(i).is_some_and(|t| t.hyphen) && matches!(w, ["long"] | ["old"]) {
                adjectival = true;
            }
            i += w.len();
        } else if possessive && toks.get(i).is_some_and(|t| t.is("time")) {
            i += 1; // "in two weeks' time"
        } else if toks.get(i).is_some_and(|t| t.is("of")) {
            if !prose {
                i = toks.len(); // "years of groundwork": what follows names the activity
            }
            break;
        } else if adjectival
            && head.is_none()
            && toks
                .get(i)
                .is_some_and(|t| t.kind == Kind::Word && Unit::parse(t).is_none())
            && (!prose || PROSE_HEADS.contains(&word(toks, i)))
        {
            head = Some(word(toks, i).to_string());
            i += 1;
        } else if prose {
            break;
        } else {
            return Err(Stop::Unexpected(i));
        }
    }
    Ok(Suffixes {
        end: i,
        hedge,
        rel,
        head,
        adjectival,
    })
}

/// The bounds of a count `lo`..`hi` under a hedge, and the modifier it
/// makes; a `loose` count (vague or a range) is approximate already.
fn hedged(hedge: Hedge, lo: f64, hi: f64, loose: bool) -> (f64, f64, Modifier) {
    match hedge {
        Hedge::None if loose => (lo, hi, Modifier::Approx),
        Hedge::None => (lo, hi, Modifier::Exact),
        Hedge::Approx if loose => (lo, hi, Modifier::Approx),
        Hedge::Approx => (0.9 * lo, 1.1 * hi, Modifier::Approx),
        Hedge::Almost => (0.9 * lo, hi, Modifier::LessThan),
        Hedge::LessThan => (0.0, hi, Modifier::LessThan),
        Hedge::MoreThan => (lo, 1.5 * hi, Modifier::MoreThan),
        Hedge::AtLeast => (lo, 1.5 * hi, Modifier::AtLeast),
        Hedge::AtMost => (0.0, hi, Modifier::AtMost),
    }
}

pub(super) fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}
