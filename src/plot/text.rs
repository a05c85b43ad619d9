//! Text set in the embedded font: measured, laid out glyph by glyph, and
//! cut to fit. The SVG and PNG outputs take the same glyph positions from
//! here, so a label sits where it sits in both, on every machine.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId};

use super::theme::{FONT_BOLD_BYTES, FONT_BYTES};

/// The two faces, parsed once.
pub(crate) struct Faces {
    pub regular: FontRef<'static>,
    pub bold: FontRef<'static>,
}

/// The embedded faces, or `None` if they do not parse (they do: a test
/// holds them to it).
pub(crate) fn faces() -> Option<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some(Faces {
                regular: FontRef::try_from_slice(FONT_BYTES).ok()?,
                bold: FontRef::try_from_slice(FONT_BOLD_BYTES).ok()?,
            })
        })
        .as_ref()
}

impl Faces {
    pub(crate) fn face(&self, bold: bool) -> &FontRef<'static> {
        if bold { &self.bold } else { &self.regular }
    }
}

/// One glyph of a laid-out line: its id and its left edge, in pixels from
/// the start of the line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placed {
    pub id: GlyphId,
    pub x: f64,
}

/// Pixels per font unit at `size` (the em size, as in CSS and SVG).
pub(crate) fn scale(face: &FontRef, size: f64) -> f64 {
    size / face.units_per_em().map_or(2048.0, f64::from)
}

/// A line laid out: its glyphs and its width.
pub(crate) type Line = (Rc<[Placed]>, f64);

thread_local! {
    /// Lines already laid out on this thread. A chart measures the same
    /// text many times (wrapping a subtitle word by word, fitting labels,
    /// then drawing on each canvas); laying it out again each time was 7%
    /// of the samples in a profile of `figures` (`perf record`).
    static LINES: RefCell<Lines> = RefCell::default();
}

/// Each text's lines by size and weight, found by the text as a `&str`
/// (no key to allocate on every look-up) and a fast hash.
type Lines = HashMap<String, Vec<((u64, bool), Line)>, foldhash::fast::RandomState>;

/// Enough for many charts' text; past it the memo starts again rather
/// than grow without bound in a long notebook session.
const MAX_LINES: usize = 20_000;

/// Lays `text` out on one line at `size` pixels: each glyph's position,
/// with kerning, and the line's width. Line breaks and tabs count as
/// spaces. The same text, size and weight always give the same line, from
/// the memo or laid out anew.
pub(crate) fn layout(text: &str, size: f64, bold: bool) -> Line {
    LINES.with_borrow_mut(|lines| {
        let how = (size.to_bits(), bold);
        if let Some((_, line)) = lines
            .get(text)
            .and_then(|v| v.iter().find(|(h, _)| *h == how))
        {
            return line.clone();
        }
        if lines.len() >= MAX_LINES {
            lines.clear();
        }
        let line = lay_out(text, size, bold);
        lines
            .entry(text.to_string())
            .or_default()
            .push((how, line.clone()));
        line
    })
}

fn lay_out(text: &str, size: f64, bold: bool) -> Line {
    let Some(faces) = faces() else {
        return (Rc::from([]), text.chars().count() as f64 * size * 0.55);
    };
    let face = faces.face(bold);
    let k = scale(face, size);
    let mut out = Vec::with_capacity(text.len());
    let mut x = 0.0;
    let mut previous: Option<GlyphId> = None;
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        let id = face.glyph_id(c);
        if let Some(p) = previous {
            x += f64::from(face.kern_unscaled(p, id)) * k;
        }
        out.push(Placed { id, x });
        x += f64::from(face.h_advance_unscaled(id)) * k;
        previous = Some(id);
    }
    (out.into(), x)
}

/// The width of `text` at `size` pixels.
pub(crate) fn width(text: &str, size: f64, bold: bool) -> f64 {
    layout(text, size, bold).1
}

/// The distance from the baseline to the top of capitals and to the
/// bottom of descenders, in pixels at `size`: for centring text
/// vertically.
pub(crate) fn ascent_descent(size: f64, bold: bool) -> (f64, f64) {
    match faces() {
        Some(f) => {
            let face = f.face(bold);
            let k = scale(face, size);
            (
                f64::from(face.ascent_unscaled()) * k,
                -f64::from(face.descent_unscaled()) * k,
            )
        }
        None => (size * 0.93, size * 0.24),
    }
}

/// `text` cut with an ellipsis so that it fits in `max_px` at `size`
/// (whole when it fits).
pub(crate) fn fit(text: &str, size: f64, bold: bool, max_px: f64) -> String {
    if width(text, size, bold) <= max_px {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if width(&candidate, size, bold) <= max_px {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let head: String = chars[..lo].iter().collect();
    format!("{}…", head.trim_end())
}

/// `text` broken into at most `lines` lines of at most `max_px` each, at
/// spaces; the last line is cut with an ellipsis if the text is longer.
pub(crate) fn wrap(text: &str, size: f64, bold: bool, max_px: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, size, bold) <= max_px || current.is_empty() {
            current = candidate;
            continue;
        }
        out.push(std::mem::take(&mut current));
        current = word.to_string();
        if out.len() + 1 == lines {
            let rest: Vec<&str> = std::iter::once(word).chain(words.by_ref()).collect();
            current = rest.join(" ");
            break;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    if let Some(last) = out.last_mut() {
        *last = fit(last, size, bold, max_px);
    }
    out.truncate(lines.max(1));
    out
}

/// `text` broken into as many lines of at most `max_px` as it needs, at
/// spaces and at its own line breaks; a word wider than a line (a long
/// address) is broken after a `/`, `-`, `.`, `,` or `_` where it can, else
/// anywhere. Nothing is cut.
pub(crate) fn wrap_all(text: &str, size: f64, bold: bool, max_px: f64) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for paragraph in text.lines() {
        let mut current = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if width(&candidate, size, bold) <= max_px {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            // The word alone: broken into pieces that fit.
            let mut rest = word;
            while width(rest, size, bold) > max_px {
                let cut = break_point(rest, size, bold, max_px);
                let (head, tail) = rest.split_at(cut);
                out.push(head.to_string());
                rest = tail;
            }
            current = rest.to_string();
        }
        if !current.is_empty() || out.is_empty() {
            out.push(current);
        }
    }
    out.retain(|l| !l.is_empty());
    out
}

/// Where to break a word too wide for `max_px`: the byte index after the
/// last break character that fits, else after the last character that
/// fits (at least one).
fn break_point(word: &str, size: f64, bold: bool, max_px: f64) -> usize {
    let mut fits = 0;
    let mut after_mark = 0;
    for (i, ch) in word.char_indices() {
        let end = i + ch.len_utf8();
        if width(&word[..end], size, bold) > max_px {
            break;
        }
        fits = end;
        if matches!(ch, '/' | '-' | '.' | ',' | '_') {
            after_mark = end;
        }
    }
    let cut = if after_mark > 0 { after_mark } else { fits };
    cut.max(word.chars().next().map_or(1, char::len_utf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_all_cuts_nothing() {
        let text = "Source: UCDP Peace Agreement Dataset v26.1, Uppsala Conflict Data Program, https://ucdp.uu.se/downloads/index.html#peaceagreement (CC BY 4.0)";
        let lines = wrap_all(text, 15.0, false, 300.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(
            lines.iter().all(|l| width(l, 15.0, false) <= 300.0),
            "{lines:?}"
        );
        let joined: String = lines.concat();
        let squeezed: String = text.split_whitespace().collect();
        assert_eq!(joined.replace(' ', ""), squeezed);
        assert!(!joined.contains('…'));
        assert_eq!(wrap_all("one\ntwo", 15.0, false, 300.0), ["one", "two"]);
    }

    #[test]
    fn the_embedded_faces_parse_and_measure() {
        assert!(faces().is_some());
        let w = width("Kissinger", 16.0, false);
        assert!(w > 60.0 && w < 90.0, "{w}");
        assert!(width("Kissinger", 16.0, true) > w);
        assert!(width("AV", 16.0, false) < width("A", 16.0, false) + width("V", 16.0, false));
    }

    #[test]
    fn fitting_cuts_with_an_ellipsis_and_wrapping_keeps_words() {
        let long = "Paris talks on ending the Vietnam War (Kissinger–Le Duc Tho)";
        let cut = fit(long, 16.0, false, 200.0);
        assert!(
            cut.ends_with('…') && width(&cut, 16.0, false) <= 200.0,
            "{cut}"
        );
        assert_eq!(fit("short", 16.0, false, 200.0), "short");
        let lines = wrap(long, 16.0, false, 200.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("Paris talks"));
        assert!(
            lines.iter().all(|l| width(l, 16.0, false) <= 200.0),
            "{lines:?}"
        );
    }
}
