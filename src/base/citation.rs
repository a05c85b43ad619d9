//! Citations of the documentary record: the forms a `citation` cell may
//! take, parsed, so the checker can tell a citation from a note.
//!
//! A session or mission that rests on the record (not on an article's
//! words) cites the document that dates it. Four forms are known:
//!
//! | form | example | for |
//! |---|---|---|
//! | a FRUS document id | `frus1969-76v26/d77` | *Foreign Relations of the United States* |
//! | `readout: ISSUER, DATE` | `readout: White House, 2025-03-18` | a government's readout or statement |
//! | `outlet: OUTLET, DATE[, "HEADLINE"]` | `outlet: Reuters, 2025-08-06, "Putin meets Witkoff"` | a named outlet's dated report |
//! | `document: ISSUER, DATE, "TITLE"` | `document: United Nations, 1953-07-27, "Korean Armistice Agreement"` | another official document (DATE may be `YYYY` or `YYYY-MM`) |
//!
//! ```
//! use negotiations::citation::Citation;
//!
//! let c = Citation::parse("frus1969-76v26/d77")?;
//! assert_eq!(c.kind(), "frus");
//! assert_eq!(
//!     c.canonical_url().as_deref(),
//!     Some("https://history.state.gov/historicaldocuments/frus1969-76v26/d77")
//! );
//! let r = Citation::parse("readout: White House, 2025-03-18")?;
//! assert_eq!(r.published().map(|d| d.to_string()).as_deref(), Some("2025-03-18"));
//! assert!(Citation::parse("public record").is_err());
//! # Ok::<(), negotiations::Error>(())
//! ```

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// Where FRUS documents are published.
pub const FRUS_BASE: &str = "https://history.state.gov/historicaldocuments/";

/// A parsed citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Citation {
    /// A document of *Foreign Relations of the United States*, by its id
    /// at the Office of the Historian (`frus1969-76v26/d77`).
    Frus {
        /// The id, as written.
        id: String,
    },
    /// A government's readout or statement.
    Readout {
        /// Who issued it (`White House`, `Kremlin`).
        issuer: String,
        /// When.
        date: NaiveDate,
    },
    /// A named outlet's report.
    Outlet {
        /// The outlet.
        outlet: String,
        /// When it was published.
        date: NaiveDate,
        /// Its headline (empty when not given).
        headline: String,
    },
    /// Another official document (a treaty's text, a UN record).
    Document {
        /// Who issued it.
        issuer: String,
        /// Its date as written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        date: String,
        /// Its title.
        title: String,
    },
}

/// What a citation must look like, for error messages.
pub const FORMS: &str = "a FRUS document id (frus1969-76v26/d77), `readout: ISSUER, YYYY-MM-DD`, `outlet: OUTLET, YYYY-MM-DD[, \"HEADLINE\"]` or `document: ISSUER, YYYY[-MM[-DD]], \"TITLE\"`";

impl Citation {
    /// Parses a `citation` cell.
    ///
    /// ```
    /// use negotiations::citation::Citation;
    /// let e = Citation::parse("outlet: Reuters, August 2025").unwrap_err().to_string();
    /// assert!(e.contains("YYYY-MM-DD"), "{e}");
    /// ```
    pub fn parse(cell: &str) -> Result<Citation> {
        let cell = cell.trim();
        let bad = |why: &str| Error::Invalid(format!("citation {cell:?}: {why}; expected {FORMS}"));
        if let Some(rest) = cell.strip_prefix("readout:") {
            let (issuer, date) = rest.rsplit_once(',').ok_or_else(|| bad("no date"))?;
            return Ok(Citation::Readout {
                issuer: named(issuer).ok_or_else(|| bad("no issuer"))?,
                date: day(date).ok_or_else(|| bad("the date is not YYYY-MM-DD"))?,
            });
        }
        if let Some(rest) = cell.strip_prefix("outlet:") {
            // The headline is optional: the address identifies the report.
            let (head, title) = titled(rest).unwrap_or((rest, String::new()));
            let (outlet, date) = head.rsplit_once(',').ok_or_else(|| bad("no date"))?;
            return Ok(Citation::Outlet {
                outlet: named(outlet).ok_or_else(|| bad("no outlet"))?,
                date: day(date).ok_or_else(|| bad("the date is not YYYY-MM-DD"))?,
                headline: title,
            });
        }
        if let Some(rest) = cell.strip_prefix("document:") {
            let (head, title) = titled(rest).ok_or_else(|| bad("no quoted title"))?;
            let (issuer, date) = head.rsplit_once(',').ok_or_else(|| bad("no date"))?;
            let date = date.trim();
            if !is_partial_date(date) {
                return Err(bad("the date is not YYYY, YYYY-MM or YYYY-MM-DD"));
            }
            return Ok(Citation::Document {
                issuer: named(issuer).ok_or_else(|| bad("no issuer"))?,
                date: date.to_string(),
                title,
            });
        }
        if is_frus_id(cell) {
            return Ok(Citation::Frus {
                id: cell.to_string(),
            });
        }
        Err(bad("not a known form"))
    }

    /// `frus`, `readout`, `outlet` or `document`.
    pub fn kind(&self) -> &'static str {
        match self {
            Citation::Frus { .. } => "frus",
            Citation::Readout { .. } => "readout",
            Citation::Outlet { .. } => "outlet",
            Citation::Document { .. } => "document",
        }
    }

    /// The day a readout or report was published: nothing it tells of
    /// can be later.
    pub fn published(&self) -> Option<NaiveDate> {
        match self {
            Citation::Readout { date, .. } | Citation::Outlet { date, .. } => Some(*date),
            _ => None,
        }
    }

    /// The one address the document has, where it has one (FRUS).
    pub fn canonical_url(&self) -> Option<String> {
        match self {
            Citation::Frus { id } => Some(format!("{FRUS_BASE}{id}")),
            _ => None,
        }
    }

    /// Checks `url` as the address of this document: an `https://` (or
    /// `http://`) address without spaces, and FRUS's own page for a FRUS
    /// document.
    ///
    /// ```
    /// use negotiations::citation::Citation;
    /// let c = Citation::parse("frus1969-76v26/d77")?;
    /// assert!(c.check_url("https://history.state.gov/historicaldocuments/frus1969-76v26/d78").is_err());
    /// # Ok::<(), negotiations::Error>(())
    /// ```
    pub fn check_url(&self, url: &str) -> Result<()> {
        if let Some(want) = self.canonical_url() {
            if url != want {
                return Err(Error::Invalid(format!(
                    "the address of {} is {want}",
                    self.id_for_messages()
                )));
            }
            return Ok(());
        }
        let ok = (url.starts_with("https://") || url.starts_with("http://"))
            && url.len() > "https://".len()
            && !url.chars().any(char::is_whitespace);
        if ok {
            Ok(())
        } else {
            Err(Error::Invalid(
                "expected an address starting https:// (no spaces)".into(),
            ))
        }
    }

    fn id_for_messages(&self) -> String {
        match self {
            Citation::Frus { id } => id.clone(),
            other => other.kind().to_string(),
        }
    }
}

/// `frusYYYY[-YY]vNN[pN]/dNNN`, the Office of the Historian's document ids.
fn is_frus_id(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("frus") else {
        return false;
    };
    let Some((volume, doc)) = rest.split_once("/d") else {
        return false;
    };
    let Some((years, number)) = volume.split_once('v') else {
        return false;
    };
    let years_ok = match years.split_once('-') {
        Some((a, b)) => digits(a, 4) && (digits(b, 2) || digits(b, 4)),
        None => digits(years, 4),
    };
    let (vol, part) = number.split_once('p').unwrap_or((number, "1"));
    years_ok
        && !vol.is_empty()
        && vol.bytes().all(|b| b.is_ascii_digit())
        && !part.is_empty()
        && part.bytes().all(|b| b.is_ascii_digit())
        && !doc.is_empty()
        && doc.bytes().all(|b| b.is_ascii_digit())
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn named(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn is_partial_date(s: &str) -> bool {
    day(s).is_some()
        || (digits(s, 4))
        || s.split_once('-').is_some_and(|(y, m)| {
            digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
        })
}

/// Splits `HEAD, "TITLE"` at its last quoted part.
fn titled(s: &str) -> Option<(&str, String)> {
    let s = s.trim();
    let body = s.strip_suffix('"')?;
    let open = body.rfind(", \"")?;
    let title = &body[open + 3..];
    (!title.trim().is_empty()).then(|| (&body[..open], title.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_parses() {
        let f = Citation::parse("frus1969-76v25/d324").unwrap();
        assert_eq!(f.kind(), "frus");
        assert!(Citation::parse("frus1951v07p1/d500").is_ok());
        let o =
            Citation::parse("outlet: Reuters, 2025-08-06, \"Putin, Witkoff meet, Kremlin says\"")
                .unwrap();
        assert_eq!(
            o,
            Citation::Outlet {
                outlet: "Reuters".into(),
                date: NaiveDate::from_ymd_opt(2025, 8, 6).unwrap(),
                headline: "Putin, Witkoff meet, Kremlin says".into()
            }
        );
        let bare = Citation::parse("outlet: JTA, 1974-05-22").unwrap();
        assert_eq!(bare.published(), NaiveDate::from_ymd_opt(1974, 5, 22));
        let d = Citation::parse("document: United Nations, 1953-07, \"Armistice\"").unwrap();
        assert_eq!(d.kind(), "document");
        assert_eq!(d.published(), None);
    }

    #[test]
    fn malformed_citations_say_what_is_wrong() {
        for (cell, why) in [
            ("public record", "not a known form"),
            ("frus1969-76v26/dx", "not a known form"),
            ("frus1969-76/d12", "not a known form"),
            ("readout: White House", "no date"),
            ("readout: , 2025-03-18", "no issuer"),
            ("readout: Kremlin, 18 March 2025", "YYYY-MM-DD"),
            ("outlet: Reuters", "no date"),
            ("outlet: Reuters, 2025-02-30, \"x\"", "YYYY-MM-DD"),
            ("document: UN, 1953-13, \"x\"", "YYYY, YYYY-MM"),
        ] {
            let e = Citation::parse(cell).unwrap_err().to_string();
            assert!(e.contains(why) && e.contains("expected"), "{cell}: {e}");
        }
    }

    #[test]
    fn addresses_are_checked() {
        let f = Citation::parse("frus1969-76v26/d77").unwrap();
        assert!(
            f.check_url(&format!("{FRUS_BASE}frus1969-76v26/d77"))
                .is_ok()
        );
        assert!(f.check_url("https://example.org/").is_err());
        let r = Citation::parse("readout: Kremlin, 2025-03-18").unwrap();
        assert!(
            r.check_url("http://en.kremlin.ru/events/president/news/76477")
                .is_ok()
        );
        assert!(r.check_url("kremlin.ru").is_err());
        assert!(r.check_url("https://a b").is_err());
        assert!(r.check_url("https://").is_err());
    }
}
