//! Cutting text into tokens: words (lower-cased, with their capital,
//! hyphen and possessive marks), numbers, fractions, primes and
//! punctuation.

#[allow(unused_imports)]
use super::*;

pub(super) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}'
    )
}

pub(super) fn is_quote(c: char) -> bool {
    matches!(
        c,
        '\'' | '"'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{2032}'
            | '\u{2033}'
            | '\u{ab}'
            | '\u{bb}'
            | '`'
    )
}

pub(super) fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        _ => return None,
    })
}

/// Cuts text into tokens. Never fails: what it cannot classify becomes
/// punctuation or `Other`.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut lx = Lexer {
        text,
        cs: text.char_indices().collect(),
        out: Vec::new(),
        space: true,
        hyphen: false,
    };
    let mut j = 0;
    while let Some(c) = lx.at(j) {
        if c.is_whitespace() {
            lx.space = true;
            lx.hyphen = false;
            j += 1;
            continue;
        }
        if is_dash(c) {
            j = lx.dash(j, c);
            continue;
        }
        if is_quote(c) {
            j = lx.quote(j, c);
            continue;
        }
        j = if c.is_ascii_digit() {
            lx.number(j)
        } else if let Some(f) = vulgar_fraction(c) {
            lx.push(Kind::Frac(f), c.to_string(), j, j + 1);
            j + 1
        } else if c.is_alphabetic() {
            lx.word(j)
        } else {
            lx.push(Kind::Punct(c), c.to_string(), j, j + 1);
            j + 1
        };
        lx.space = false;
        lx.hyphen = false;
    }
    lx.out
}

/// [`tokenize`]'s state: the text's chars, the tokens so far, and what
/// came just before the next one.
struct Lexer<'t> {
    text: &'t str,
    cs: Vec<(usize, char)>,
    out: Vec<Token>,
    /// Whether a space (or the start, or a quote) came before.
    space: bool,
    /// Whether a hyphen joins the next token to the last.
    hyphen: bool,
}

impl<'t> Lexer<'t> {
    /// The char at index `j`.
    fn at(&self, j: usize) -> Option<char> {
        self.cs.get(j).map(|&(_, c)| c)
    }

    /// The byte offset of char `j` (the text's end past the last).
    fn pos(&self, j: usize) -> usize {
        self.cs.get(j).map_or(self.text.len(), |&(b, _)| b)
    }

    /// The text from char `a` to char `b`.
    fn slice(&self, a: usize, b: usize) -> &'t str {
        self.text.get(self.pos(a)..self.pos(b)).unwrap_or("")
    }

    /// Adds a token spanning chars `a..b`: a word is lower-cased, and
    /// capitalized when its first char is upper case.
    fn push(&mut self, kind: Kind, text: String, a: usize, b: usize) {
        let cap = kind == Kind::Word && self.at(a).is_some_and(char::is_uppercase);
        let text = if kind == Kind::Word {
            text.to_lowercase()
        } else {
            text
        };
        let token = Token {
            cap,
            text,
            kind,
            start: self.pos(a),
            end: self.pos(b),
            hyphen: self.hyphen,
            possessive: false,
        };
        self.out.push(token);
    }

    /// A dash at char `j`: a hyphen or an en dash between letters or
    /// digits joins them ("two-year", "2-3", "2–3"); an em dash never
    /// does. Gives the next char's index.
    fn dash(&mut self, j: usize, c: char) -> usize {
        let tight = !self.space
            && !matches!(c, '\u{2014}' | '\u{2212}')
            && j > 0
            && self.at(j - 1).is_some_and(char::is_alphanumeric)
            && self.at(j + 1).is_some_and(char::is_alphanumeric);
        if tight {
            self.hyphen = true;
        } else {
            self.push(Kind::Punct('-'), "-".into(), j, j + 1);
            self.space = true;
            self.hyphen = false;
        }
        j + 1
    }

    /// A quote at char `j`: a prime or double prime right after a number
    /// (`5'`, `3"`); else it separates like a space. Gives the next char's
    /// index.
    fn quote(&mut self, j: usize, c: char) -> usize {
        let after_number = !self.space
            && matches!(
                self.out.last().map(|t| t.kind),
                Some(Kind::Num(_) | Kind::Frac(_))
            )
            && !self.at(j + 1).is_some_and(char::is_alphanumeric);
        let prime = if after_number && matches!(c, '\'' | '\u{2032}' | '\u{2019}') {
            Some(Kind::Prime)
        } else if after_number && matches!(c, '"' | '\u{2033}' | '\u{201d}') {
            Some(Kind::DoublePrime)
        } else {
            None
        };
        match prime {
            Some(kind) => {
                self.push(kind, c.to_string(), j, j + 1);
                self.space = false;
            }
            None => self.space = true, // a quote separates like a space
        }
        self.hyphen = false;
        j + 1
    }

    /// A number at char `j` (a digit), with any letters glued on: an
    /// ordinal ("2nd"), a decade ("1990s"), or a unit read as a word of
    /// its own ("2m"). Gives the next char's index.
    fn number(&mut self, j: usize) -> usize {
        let (kind, next) = number_at(&self.cs, j);
        let mut k = next;
        while self.at(k).is_some_and(char::is_alphabetic) {
            k += 1;
        }
        let suffix = self.slice(next, k).to_lowercase();
        let ordinal = matches!(suffix.as_str(), "st" | "nd" | "rd" | "th");
        if ordinal || suffix == "s" {
            let kind = match (ordinal, kind, self.slice(j, next).parse::<u32>()) {
                (true, Kind::Num(_), Ok(v)) => Kind::Ordinal(v),
                _ => Kind::Other,
            };
            self.push(kind, self.slice(j, k).to_string(), j, k);
            k
        } else {
            self.push(kind, self.slice(j, next).to_string(), j, next);
            next
        }
    }

    /// A word at char `j` (a letter), with inner apostrophes ("don't"); a
    /// possessive `'s` (or a plural's `s'`, "two weeks' time") is marked
    /// and left out. Gives the next char's index.
    fn word(&mut self, j: usize) -> usize {
        let mut k = j;
        while let Some(d) = self.at(k) {
            let inner_quote = matches!(d, '\'' | '\u{2019}')
                && k > j
                && self.at(k + 1).is_some_and(char::is_alphabetic);
            if d.is_alphanumeric() || inner_quote {
                k += 1;
            } else {
                break;
            }
        }
        let mut word = self.slice(j, k).to_string();
        let mut possessive = false;
        for s in ["'s", "'S", "\u{2019}s", "\u{2019}S"] {
            if word.len() > s.len() && word.ends_with(s) {
                word.truncate(word.len() - s.len());
                possessive = true;
                break;
            }
        }
        if !possessive
            && word.ends_with(['s', 'S'])
            && matches!(self.at(k), Some('\'' | '\u{2019}'))
            && !self.at(k + 1).is_some_and(char::is_alphanumeric)
        {
            k += 1; // "two weeks' time"
            possessive = true;
        }
        self.push(Kind::Word, word, j, k);
        if let Some(t) = self.out.last_mut() {
            t.possessive = possessive;
        }
        k
    }
}

/// Reads a number starting at char `j` (a digit): `(kind, next char index)`.
pub(super) fn number_at(cs: &[(usize, char)], j: usize) -> (Kind, usize) {
    let digit = |k: usize| cs.get(k).is_some_and(|&(_, c)| c.is_ascii_digit());
    let ch = |k: usize| cs.get(k).map(|&(_, c)| c);
    let run = |mut k: usize| {
        while digit(k) {
            k += 1;
        }
        k
    };
    let collect = |a: usize, b: usize| -> String {
        cs.get(a..b)
            .map(|s| s.iter().map(|&(_, c)| c).collect())
            .unwrap_or_default()
    };
    let first_end = run(j);
    let first = collect(j, first_end);
    // 2025-12-02
    if first.len() == 4 && ch(first_end).is_some_and(|c| c == '-') && digit(first_end + 1) {
        let m_end = run(first_end + 1);
        if m_end - first_end == 3 && ch(m_end) == Some('-') && digit(m_end + 1) {
            let d_end = run(m_end + 1);
            if d_end - m_end == 3 && !ch(d_end).is_some_and(char::is_alphanumeric) {
                return (Kind::IsoDate, d_end);
            }
        }
    }
    // 10:30
    if ch(first_end) == Some(':') && digit(first_end + 1) {
        return (Kind::Other, run(first_end + 1));
    }
    // 1/2, 12/2/2025
    if ch(first_end) == Some('/') && digit(first_end + 1) {
        let den_end = run(first_end + 1);
        if ch(den_end) == Some('/') && digit(den_end + 1) {
            return (Kind::SlashDate, run(den_end + 1));
        }
        let num = first.parse::<f64>().ok();
        let den = collect(first_end + 1, den_end).parse::<f64>().ok();
        return match (num, den) {
            (Some(a), Some(b)) if b > 0.0 && a.is_finite() && b.is_finite() => {
                (Kind::Frac(a / b), den_end)
            }
            _ => (Kind::Other, den_end),
        };
    }
    // 1,000 and 2.5
    let mut k = first_end;
    let mut digits = first;
    while ch(k) == Some(',') && run(k + 1) == k + 4 {
        digits.push_str(&collect(k + 1, k + 4));
        k += 4;
    }
    if ch(k) == Some('.') && digit(k + 1) {
        let e = run(k + 1);
        digits.push('.');
        digits.push_str(&collect(k + 1, e));
        k = e;
    }
    match digits.parse::<f64>() {
        Ok(v) if v.is_finite() => (Kind::Num(v), k),
        _ => (Kind::Other, k),
    }
}
