//! Dates and their precision.
//!
//! A date in the tables stands for a period: a day, or, at `month` or
//! `year` precision, the whole month or year it is the first day of. A
//! [`Period`] keeps both ends, so a length measured between two periods is
//! an interval, not a point: a process that began in "March 1975" and ended
//! on 1975-09-04 lasted between 157 days (from 31 March) and 187 days (from
//! 1 March).

use chrono::{Datelike, NaiveDate};

use crate::base::codes::Precision;

/// Parses a `YYYY-MM-DD` date, telling a malformed date from an impossible
/// one (1975-02-30).
///
/// ```
/// use negotiations::dates::parse_date;
/// assert!(parse_date("1975-03-01").is_ok());
/// assert_eq!(parse_date("1975-02-30").unwrap_err(), "impossible date (no such day in the calendar)");
/// assert_eq!(parse_date("March 1975").unwrap_err(), "not a date; expected YYYY-MM-DD");
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err("not a date; expected YYYY-MM-DD".into());
    }
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0'));
    // The shape check makes these digits; no format string to interpret.
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
        .ok_or_else(|| "impossible date (no such day in the calendar)".into())
}

/// Parses a date at the precision it is written with: `YYYY-MM-DD` (a
/// day), `YYYY-MM` (a month) or `YYYY` (a year), giving the first day of
/// the period.
///
/// ```
/// use negotiations::codes::Precision;
/// use negotiations::dates::parse_period;
/// assert_eq!(parse_period("2025-12")?.1, Precision::Month);
/// assert_eq!(parse_period("1973")?.0.to_string(), "1973-01-01");
/// assert!(parse_period("2025-13").is_err());
/// # Ok::<(), String>(())
/// ```
pub fn parse_period(text: &str) -> Result<(NaiveDate, Precision), String> {
    let text = text.trim();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match text.len() {
        4 if digits(text, 4) => {
            NaiveDate::from_ymd_opt(text.parse().map_err(|_| "not a year")?, 1, 1)
                .map(|d| (d, Precision::Year))
                .ok_or_else(|| "not a year".into())
        }
        7 if text.is_ascii()
            && digits(&text[..4], 4)
            && &text[4..5] == "-"
            && digits(&text[5..], 2) =>
        {
            let (y, m) = (
                text[..4].parse().unwrap_or(0),
                text[5..].parse().unwrap_or(0),
            );
            NaiveDate::from_ymd_opt(y, m, 1)
                .map(|d| (d, Precision::Month))
                .ok_or_else(|| "impossible month".into())
        }
        _ => parse_date(text)
            .map(|d| (d, Precision::Day))
            .map_err(|e| format!("{e} (or YYYY-MM, YYYY)")),
    }
}

/// The last day of the period a date stands for at `precision`.
///
/// ```
/// use negotiations::chrono::NaiveDate;
/// use negotiations::codes::Precision;
/// use negotiations::dates::last_day;
/// let march = NaiveDate::from_ymd_opt(1975, 3, 1).unwrap();
/// assert_eq!(last_day(march, Precision::Month), NaiveDate::from_ymd_opt(1975, 3, 31).unwrap());
/// assert_eq!(last_day(march, Precision::Year), NaiveDate::from_ymd_opt(1975, 12, 31).unwrap());
/// assert_eq!(last_day(march, Precision::Day), march);
/// ```
pub fn last_day(date: NaiveDate, precision: Precision) -> NaiveDate {
    let next = match precision {
        Precision::Day => return date,
        Precision::Week => return date + chrono::Duration::days(6),
        Precision::Month if date.month() == 12 => NaiveDate::from_ymd_opt(date.year() + 1, 1, 1),
        Precision::Month => NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1),
        Precision::Year => NaiveDate::from_ymd_opt(date.year() + 1, 1, 1),
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(date)
}

/// Whether `date` is a valid start of a period of `precision` (a Monday for
/// a week, the first day of its month or year).
pub fn starts_period(date: NaiveDate, precision: Precision) -> bool {
    match precision {
        Precision::Day => true,
        Precision::Week => date.weekday() == chrono::Weekday::Mon,
        Precision::Month => date.day() == 1,
        Precision::Year => date.day() == 1 && date.month() == 1,
    }
}

/// The period a date cell stands for: its first and last day.
///
/// ```
/// use negotiations::chrono::NaiveDate;
/// use negotiations::codes::Precision;
/// use negotiations::dates::Period;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let march = Period::new(d(1975, 3, 1), Precision::Month);
/// let signed = Period::new(d(1975, 9, 4), Precision::Day);
/// assert_eq!(march.days_until(signed), (157, 187));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// The first day.
    pub first: NaiveDate,
    /// The last day.
    pub last: NaiveDate,
    /// How precisely it is known.
    pub precision: Precision,
}

impl Period {
    /// The period of `precision` starting at `first`.
    pub fn new(first: NaiveDate, precision: Precision) -> Period {
        Period {
            first,
            last: last_day(first, precision),
            precision,
        }
    }

    /// A single day.
    pub fn day(date: NaiveDate) -> Period {
        Period::new(date, Precision::Day)
    }

    /// Days from this period to `later`: the shortest (from this period's
    /// last day to `later`'s first, at least 0) and the longest (first day to
    /// last day).
    pub fn days_until(self, later: Period) -> (i64, i64) {
        (
            days_between(self.last, later.first).max(0),
            days_between(self.first, later.last),
        )
    }

    /// The middle of the period, as a date (for placing a mark).
    pub fn middle(self) -> NaiveDate {
        let half = days_between(self.first, self.last) / 2;
        self.first + chrono::Duration::days(half)
    }
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    b.signed_duration_since(a).num_days()
}

/// Days since 1970-01-01, polars' physical representation of a `Date`.
///
/// ```
/// use negotiations::chrono::NaiveDate;
/// assert_eq!(negotiations::dates::epoch_days(NaiveDate::from_ymd_opt(1970, 1, 2).unwrap()), 1);
/// ```
pub fn epoch_days(d: NaiveDate) -> i32 {
    days_between(NaiveDate::default(), d) as i32
}

/// The date `days` days after 1970-01-01 (the inverse of [`epoch_days`]).
pub fn from_epoch_days(days: i64) -> Option<NaiveDate> {
    NaiveDate::default().checked_add_signed(chrono::Duration::try_days(days)?)
}

/// A date as a fractional year, for calendar axes: 1975-07-02 is about
/// 1975.5.
pub fn year_fraction(d: NaiveDate) -> f64 {
    d.year() as f64 + (d.ordinal0() as f64) / 365.25
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_are_checked_for_shape_and_calendar() {
        assert_eq!(parse_date("1975-03-01").unwrap(), d(1975, 3, 1));
        assert!(parse_date("1975-02-30").unwrap_err().contains("impossible"));
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("1975-3-1").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("１９７５-03-01").is_err());
    }

    #[test]
    fn periods_end_where_their_precision_says() {
        assert_eq!(last_day(d(2024, 2, 1), Precision::Month), d(2024, 2, 29));
        assert_eq!(last_day(d(1975, 12, 1), Precision::Month), d(1975, 12, 31));
        assert!(starts_period(d(1975, 1, 1), Precision::Year));
        assert!(!starts_period(d(1975, 2, 1), Precision::Year));
        let y = Period::new(d(1994, 1, 1), Precision::Year);
        assert_eq!(y.days_until(Period::day(d(1994, 12, 5))), (0, 338));
        assert_eq!(
            from_epoch_days(epoch_days(d(1905, 9, 5)) as i64),
            Some(d(1905, 9, 5))
        );
    }
}
