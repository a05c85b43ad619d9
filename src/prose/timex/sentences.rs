//! Where sentences end.

#[allow(unused_imports)]
use super::*;

/// Whether the period before char index `after` (past any closing quotes)
/// ends a sentence: not after an abbreviation, an initial or a dotted acronym.
pub(super) fn ends_sentence_with_period(cs: &[(usize, char)], after: usize) -> bool {
    // Find the period, then the word before it.
    let mut p = after;
    while p > 0 && cs.get(p - 1).is_some_and(|&(_, c)| c != '.') {
        p -= 1;
    }
    let dot = p.saturating_sub(1);
    let mut w = dot;
    while w > 0
        && cs
            .get(w - 1)
            .is_some_and(|&(_, c)| c.is_alphanumeric() || c == '.')
    {
        w -= 1;
    }
    let word: String = cs
        .get(w..dot)
        .map(|s| s.iter().map(|&(_, c)| c).collect())
        .unwrap_or_default();
    if word.is_empty() {
        return true;
    }
    // "U.S.", "a.m.": a dotted acronym; "E.": an initial.
    if word.contains('.') || (word.chars().count() == 1 && word.chars().all(char::is_uppercase)) {
        return false;
    }
    !ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}
