use super::*;

#[test]
fn articles_find_exactly_their_substrings() {
    let text = "With shuttle diplomacy, Trump echoes Kissinger. Sort of.";
    let a = Article::new(text);
    for (i, j) in [(0, 4), (5, 30), (0, text.len()), (10, 13), (50, 56), (3, 3)] {
        assert!(a.contains(&text.as_bytes()[i..j]), "{:?}", &text[i..j]);
    }
    for absent in [
        "shuttle  diplomacy",
        "Kissinger. Sort of!",
        "xyz",
        "Sort of..",
    ] {
        assert!(!a.contains(absent.as_bytes()), "{absent:?}");
    }
}

#[test]
fn is_folded_agrees_with_fold_whitespace() {
    for s in [
        "", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u{a0}b", "é è", "x y z",
    ] {
        assert_eq!(is_folded(s), fold_whitespace(s) == s, "{s:?}");
    }
}
