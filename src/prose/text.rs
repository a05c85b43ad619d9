//! Article texts: repairing them as received, and matching quotes in them.
//!
//! The five articles arrived as scraped text. One of them is UTF-8 that was
//! decoded as GBK somewhere on its way, so `’s` reads `鈥檚` and `“r` reads
//! `鈥渞`. [`repair`] undoes that with the real GBK codec from `encoding_rs`
//! (re-encode the garbled run to GBK bytes, which are the original UTF-8
//! bytes, and decode those as UTF-8), and tidies line ends and blank lines
//! without touching the words. [`build_sources`](crate::package::build_sources) runs it over `data/raw/`
//! to produce `data/sources/`; a test holds the committed files to it.

use std::borrow::Cow;

use crate::error::{Error, Problem, Result};

/// Repairs one article's raw bytes into clean UTF-8 text.
///
/// - A UTF-8 byte-order mark is dropped; CRLF and CR line ends become LF.
/// - Runs of characters that are UTF-8 misread as GBK are restored (see
///   [`repair_mojibake`]).
/// - Trailing white space on each line is removed, leading blank lines are
///   dropped, and the text ends with exactly one newline. Paragraphs (line
///   breaks, blank lines inside the text) are kept.
///
/// Bytes that are not valid UTF-8 are an error naming the line and column.
///
/// ```
/// let fixed = negotiations::text::repair("raw.txt", "Trump鈥檚 envoys\r\n".as_bytes())?;
/// assert_eq!(fixed, "Trump’s envoys\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn repair(file: &str, raw: &[u8]) -> Result<String> {
    repair_reported(file, raw).map(|(text, _)| text)
}

/// What [`repair`] changed in one text: the report `add-source` prints
/// (see [`repair_reported`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Repairs {
    /// A UTF-8 byte-order mark was dropped.
    pub bom: bool,
    /// CRLF line ends converted to LF.
    pub crlf: usize,
    /// Lone CR line ends converted to LF.
    pub cr: usize,
    /// Runs of UTF-8 misread as GBK that were restored.
    pub mojibake: usize,
    /// Lines whose trailing white space was removed.
    pub trimmed: usize,
}

impl Repairs {
    /// Whether the text needed no repair.
    ///
    /// ```
    /// let (_, r) = negotiations::text::repair_reported("a.txt", b"clean\n")?;
    /// assert!(r.is_empty());
    /// assert_eq!(r.to_string(), "nothing to repair");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        *self == Repairs::default()
    }
}

impl std::fmt::Display for Repairs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut parts = Vec::new();
        if self.mojibake > 0 {
            parts.push(plural(
                self.mojibake,
                "mojibake run restored",
                "mojibake runs restored",
            ));
        }
        if self.bom {
            parts.push("a byte-order mark dropped".to_string());
        }
        if self.crlf > 0 {
            parts.push(plural(
                self.crlf,
                "CRLF line end converted",
                "CRLF line ends converted",
            ));
        }
        if self.cr > 0 {
            parts.push(plural(
                self.cr,
                "CR line end converted",
                "CR line ends converted",
            ));
        }
        if self.trimmed > 0 {
            parts.push(plural(
                self.trimmed,
                "line trimmed of trailing spaces",
                "lines trimmed of trailing spaces",
            ));
        }
        if parts.is_empty() {
            f.write_str("nothing to repair")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// [`repair`], with a report of what it changed.
///
/// ```
/// // A byte-order mark, `’s` misread as GBK (`鈥檚`) and CRLF line ends.
/// let raw = "\u{feff}Trump鈥檚 envoys\r\nmet.\r\n";
/// let (text, r) = negotiations::text::repair_reported("raw.txt", raw.as_bytes())?;
/// assert_eq!(text, "Trump’s envoys\nmet.\n");
/// assert_eq!((r.bom, r.crlf, r.mojibake), (true, 2, 1));
/// assert_eq!(r.to_string(), "1 mojibake run restored, a byte-order mark dropped, 2 CRLF line ends converted");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn repair_reported(file: &str, raw: &[u8]) -> Result<(String, Repairs)> {
    let mut report = Repairs::default();
    let raw = match raw.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            report.bom = true;
            rest
        }
        None => raw,
    };
    let text = std::str::from_utf8(raw).map_err(|e| {
        let (line, column) = line_col(raw, e.valid_up_to());
        let bad = &raw[e.valid_up_to()..raw.len().min(e.valid_up_to() + 4)];
        Error::from(vec![Problem::at(
            file,
            line,
            Some(column),
            "text is not valid UTF-8",
            Some(&format!("{bad:02X?}")),
        )])
    })?;
    report.crlf = text.matches("\r\n").count();
    report.cr = text.matches('\r').count() - report.crlf;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let (text, runs) = repair_mojibake_counted(&text);
    report.mojibake = runs;
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let trimmed = line.trim_end();
        report.trimmed += usize::from(trimmed.len() != line.len());
        if out.is_empty() && trimmed.is_empty() {
            continue;
        }
        out.push_str(trimmed);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    Ok((out, report))
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_col(bytes: &[u8], offset: usize) -> (u64, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// Restores text that was UTF-8, decoded as GBK.
///
/// Each maximal run of non-ASCII characters is encoded back to GBK. If those
/// bytes form valid UTF-8, the run was mojibake and the decoded UTF-8
/// replaces it; otherwise the run is genuine text and is kept as is. Genuine
/// CJK text practically never re-encodes to valid UTF-8, so clean articles
/// pass through untouched.
///
/// One loss needs context: a three-byte UTF-8 character whose last byte
/// could not pair with the next byte under GBK lost that byte, leaving a
/// lone `鈥` (`E2 80`). In this corpus those are em dashes and closing
/// double quotes; a lone `鈥` after white space (or at the start) becomes
/// `—`, and one right after a word or punctuation becomes `”`.
///
/// ```
/// use negotiations::text::repair_mojibake;
/// assert_eq!(repair_mojibake("America鈥檚 role"), "America’s role");
/// assert_eq!(repair_mojibake("a U.S. 鈥渞eassessment鈥 of aid"), "a U.S. “reassessment” of aid");
/// assert_eq!(repair_mojibake("issues 鈥 above all"), "issues — above all");
/// assert_eq!(repair_mojibake("Kyiv — and café"), "Kyiv — and café");
/// ```
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    repair_mojibake_counted(text).0
}

/// [`repair_mojibake`], and how many runs it restored.
fn repair_mojibake_counted(text: &str) -> (Cow<'_, str>, usize) {
    let mut out = String::new();
    let mut last = 0; // end of the text already copied to `out`
    let mut changed = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c2)) = chars.peek() {
            if c2.is_ascii() {
                break;
            }
            end = i + c2.len_utf8();
            chars.next();
        }
        // A GBK pair's second byte may be ASCII (`檚` is 0x99 0x73, the tail
        // of `’` plus `s`), so one garbled character can hide an ASCII letter:
        // re-encoding the run gives it back.
        let run = &text[start..end];
        let before = text[..start].chars().next_back();
        if let Some(fixed) = unmangle(run, before) {
            out.push_str(&text[last..start]);
            out.push_str(&fixed);
            last = end;
            changed += 1;
        }
    }
    if changed == 0 {
        return (Cow::Borrowed(text), 0);
    }
    out.push_str(&text[last..]);
    (Cow::Owned(out), changed)
}

/// Re-encodes one run of non-ASCII characters to GBK and decodes the bytes
/// as UTF-8; `None` when the run is not mojibake.
fn unmangle(run: &str, before: Option<char>) -> Option<String> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(run);
    if unmappable {
        return None;
    }
    let mut fixed: Vec<u8> = Vec::with_capacity(bytes.len() + 4);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let need = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 1,
        };
        let have = bytes[i + 1..]
            .iter()
            .take(need - 1)
            .take_while(|&&x| (0x80..=0xBF).contains(&x))
            .count()
            + 1;
        fixed.extend_from_slice(&bytes[i..i + have]);
        if have < need {
            // Only the E2 80 prefix of General Punctuation is known to lose
            // its last byte; anything else is not ours to guess.
            if need == 3 && have == 2 && bytes[i] == 0xE2 && bytes[i + 1] == 0x80 {
                let prev_is_space = if i == 0 {
                    before.is_none_or(char::is_whitespace)
                } else {
                    false
                };
                fixed.push(if prev_is_space { 0x94 } else { 0x9D });
            } else {
                return None;
            }
        }
        i += have;
    }
    let s = String::from_utf8(fixed).ok()?;
    // Valid UTF-8 that is shorter than the GBK reading: a real repair.
    (s.chars().count() < run.chars().count() || s != run).then_some(s)
}

/// Folds every run of white space (including no-break spaces and line
/// breaks) to one space and trims the ends: the form in which quotes are
/// compared with article text.
///
/// ```
/// assert_eq!(negotiations::text::fold_whitespace(" a\u{a0} b\n\nc "), "a b c");
/// ```
pub fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_the_patterns_named_in_the_issue() {
        assert_eq!(repair_mojibake("Trump鈥檚"), "Trump’s");
        assert_eq!(repair_mojibake("鈥渞eassessment"), "“reassessment");
        assert_eq!(repair_mojibake("wasn鈥檛"), "wasn’t");
        assert_eq!(repair_mojibake("鈥淭he peace"), "“The peace");
        assert_eq!(repair_mojibake("by force.鈥"), "by force.”");
        assert_eq!(repair_mojibake("鈥渆nded鈥 a whole"), "“ended” a whole");
        assert_eq!(repair_mojibake("marathon 鈥 witness"), "marathon — witness");
        assert_eq!(repair_mojibake("鈥 start"), "— start");
    }

    #[test]
    fn leaves_clean_text_alone() {
        for s in ["Kyiv’s “deal” — done", "中文文本", "naïve café", "plain"] {
            assert!(matches!(repair_mojibake(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn repair_normalizes_lines_and_rejects_bad_utf8() {
        assert_eq!(
            repair("a", b"\xEF\xBB\xBF\n\nx  \r\ny\r\n\n\n").unwrap(),
            "x\ny\n"
        );
        let err = repair("raw.txt", b"ok\nab\xFFcd").unwrap_err().to_string();
        assert!(
            err.contains("raw.txt:2:3: text is not valid UTF-8"),
            "{err}"
        );
    }

    #[cfg(embedded_texts)]
    #[test]
    fn the_garbled_article_comes_back_clean() {
        let raw = include_bytes!("../../data/raw/000_d8ae396c68ac7cc6.txt");
        let fixed = repair("000", raw).unwrap();
        assert!(!fixed.contains('鈥'));
        assert!(fixed.contains("Donald Trump’s Ukraine peace envoys"));
        assert!(fixed.contains("on key issues — above all, territory — there"));
        assert!(fixed.contains("a U.S. “reassessment” of economic"));
        assert!(fixed.ends_with(
            "“The peace we sought through negotiation,” he wrote, “has been overturned by force.”\n"
        ));
        // No CJK character survives: the article is English.
        assert!(
            !fixed
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        );
    }
}
