//! Scales: from data to a position along an axis (0 at the start, 1 at the
//! end), and the ticks that label it. Numbers are linear or logarithmic,
//! dates a time axis with calendar ticks from days to decades, categories
//! bands.

use chrono::{Datelike, NaiveDate};

use super::base::{DAYS_PER_MONTH, DAYS_PER_YEAR, day_of_epoch as from_epoch_days, epoch_day};

/// How the numbers of an axis read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum NumberFormat {
    /// Plain numbers.
    #[default]
    Plain,
    /// Whole numbers (counts, integer columns): plain, ticked at whole
    /// steps only, so that an axis of counts up to 3 does not read 0.25.
    Whole,
    /// Lengths in days, shown in the unit that reads best ("3 weeks",
    /// "2 years").
    Days,
}

/// A scale.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scale {
    /// Numbers on a straight line.
    Linear {
        lo: f64,
        hi: f64,
        format: NumberFormat,
    },
    /// Positive numbers by their logarithm.
    Log {
        lo: f64,
        hi: f64,
        format: NumberFormat,
    },
    /// Days since 1970-01-01, with calendar ticks.
    Time { lo: f64, hi: f64 },
    /// Categories, each a band of equal width, in order.
    Band { levels: Vec<String> },
}

/// One tick: its position (0..1), its label, and whether it gets a
/// gridline of the stronger kind.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tick {
    pub at: f64,
    pub label: String,
}

impl Scale {
    /// The position of `v` (0..1; outside when outside the domain).
    pub(crate) fn unit(&self, v: f64) -> f64 {
        match self {
            Scale::Linear { lo, hi, .. } | Scale::Time { lo, hi } => {
                if hi > lo {
                    (v - lo) / (hi - lo)
                } else {
                    0.5
                }
            }
            Scale::Log { lo, hi, .. } => {
                if v <= 0.0 || hi <= lo {
                    return 0.0;
                }
                (v.ln() - lo.ln()) / (hi.ln() - lo.ln())
            }
            Scale::Band { .. } => 0.0,
        }
    }

    /// The band of category `index`: its start and width (0..1).
    pub(crate) fn band(&self, index: usize) -> (f64, f64) {
        match self {
            Scale::Band { levels } => {
                let n = levels.len().max(1) as f64;
                (index as f64 / n, 1.0 / n)
            }
            _ => (0.0, 0.0),
        }
    }

    /// The index of category `level` on a band scale.
    pub(crate) fn index_of(&self, level: &str) -> Option<usize> {
        match self {
            Scale::Band { levels } => levels.iter().position(|l| l == level),
            _ => None,
        }
    }

    pub(crate) fn is_band(&self) -> bool {
        matches!(self, Scale::Band { .. })
    }

    /// Ticks for an axis `px` pixels long, about one per `spacing` pixels.
    pub(crate) fn ticks(&self, px: f64, spacing: f64) -> Vec<Tick> {
        let target = (px / spacing).clamp(2.0, 14.0);
        match self {
            Scale::Linear { lo, hi, format } => match format {
                NumberFormat::Days => day_ticks(*lo, *hi, false, target),
                NumberFormat::Plain | NumberFormat::Whole => linear_ticks(
                    *lo,
                    *hi,
                    target,
                    if *format == NumberFormat::Whole {
                        1.0
                    } else {
                        0.0
                    },
                )
                .into_iter()
                .map(|(v, label)| Tick {
                    at: self.unit(v),
                    label,
                })
                .collect(),
            },
            Scale::Log { lo, hi, format } => match format {
                NumberFormat::Days => day_ticks(*lo, *hi, true, target),
                NumberFormat::Plain | NumberFormat::Whole => log_ticks(*lo, *hi)
                    .into_iter()
                    .map(|v| Tick {
                        at: self.unit(v),
                        label: plain(v),
                    })
                    .collect(),
            },
            Scale::Time { lo, hi } => time_ticks(*lo, *hi, target)
                .into_iter()
                .map(|(v, label)| Tick {
                    at: self.unit(v),
                    label,
                })
                .collect(),
            Scale::Band { levels } => levels
                .iter()
                .enumerate()
                .map(|(i, l)| Tick {
                    at: (i as f64 + 0.5) / levels.len().max(1) as f64,
                    label: l.clone(),
                })
                .collect(),
        }
    }
}

/// A number as a tick shows it: no trailing zeros, thousands not grouped
/// (years read as years).
pub(crate) fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let s = format!("{v:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A step of 1, 2, 2.5 or 5 × 10^k giving about `target` intervals.
fn nice_step(span: f64, target: f64) -> f64 {
    let raw = span / target.max(1.0);
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let r = raw / mag;
    let nice = if r <= 1.0 {
        1.0
    } else if r <= 2.0 {
        2.0
    } else if r <= 2.5 {
        2.5
    } else if r <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// The domain widened to whole steps, as a linear axis shows it.
pub(crate) fn nice_domain(lo: f64, hi: f64, target: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    if hi <= lo {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        return (lo - pad, hi + pad);
    }
    let step = nice_step(hi - lo, target);
    ((lo / step).floor() * step, (hi / step).ceil() * step)
}

/// Ticks about `target` apart in round steps of at least `min_step`.
fn linear_ticks(lo: f64, hi: f64, target: f64, min_step: f64) -> Vec<(f64, String)> {
    let step = nice_step(hi - lo, target).max(min_step);
    let first = (lo / step).ceil();
    let mut out = Vec::new();
    let mut k = first;
    while k * step <= hi + step * 1e-9 && out.len() < 40 {
        let v = k * step;
        // Round away float noise (0.30000000000000004).
        let v = (v / step).round() * step;
        out.push((v, plain((v * 1e9).round() / 1e9)));
        k += 1.0;
    }
    out
}

fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let decades = (b - a).max(1);
    let mults: &[f64] = if decades <= 2 {
        &[1.0, 2.0, 5.0]
    } else {
        &[1.0]
    };
    let mut out = Vec::new();
    for e in a..=b {
        for m in mults {
            let v = m * 10f64.powi(e);
            if v >= lo * 0.999 && v <= hi * 1.001 {
                out.push(v);
            }
        }
    }
    out
}

/// Lengths in days that read well, with their labels: the first of each
/// pair is a major mark, always shown when in range; the others fill in
/// where there is room.
const DAY_MARKS: &[(f64, &str, bool)] = &[
    (1.0 / 24.0, "1 hour", true),
    (6.0 / 24.0, "6 hours", false),
    (1.0, "1 day", true),
    (7.0, "1 week", true),
    (14.0, "2 weeks", false),
    (DAYS_PER_MONTH, "1 month", true),
    (3.0 * DAYS_PER_MONTH, "3 months", false),
    (6.0 * DAYS_PER_MONTH, "6 months", false),
    (DAYS_PER_YEAR, "1 year", true),
    (2.0 * DAYS_PER_YEAR, "2 years", false),
    (5.0 * DAYS_PER_YEAR, "5 years", false),
    (10.0 * DAYS_PER_YEAR, "10 years", true),
    (25.0 * DAYS_PER_YEAR, "25 years", false),
    (50.0 * DAYS_PER_YEAR, "50 years", false),
    (100.0 * DAYS_PER_YEAR, "100 years", true),
    (200.0 * DAYS_PER_YEAR, "200 years", false),
];

fn day_ticks(lo: f64, hi: f64, log: bool, target: f64) -> Vec<Tick> {
    let scale = if log {
        Scale::Log {
            lo,
            hi,
            format: NumberFormat::Plain,
        }
    } else {
        Scale::Linear {
            lo,
            hi,
            format: NumberFormat::Plain,
        }
    };
    let inside = || {
        DAY_MARKS
            .iter()
            .filter(|(v, _, _)| *v >= lo && *v <= hi * 1.0001)
    };
    let spacing = 0.9 / target;
    let mut chosen: Vec<(f64, &str)> = Vec::new();
    // Major marks first, then minor ones where they keep their distance.
    for major in [true, false] {
        for (v, label, m) in inside().filter(|(_, _, m)| *m == major) {
            let at = scale.unit(*v);
            let _ = m;
            if major || chosen.iter().all(|(a, _)| (a - at).abs() >= spacing) {
                chosen.push((at, label));
            }
        }
    }
    chosen.sort_by(|a, b| a.0.total_cmp(&b.0));
    let out: Vec<Tick> = chosen
        .into_iter()
        .map(|(at, label)| Tick {
            at,
            label: label.to_string(),
        })
        .collect();
    if out.len() < 2 && !log {
        return linear_ticks(lo, hi, target, 0.0)
            .into_iter()
            .map(|(v, _)| Tick {
                at: scale.unit(v),
                label: human_days(v),
            })
            .collect();
    }
    out
}

/// A length in days in words: "3 days", "5 months", "72 years".
///
/// ```
/// assert_eq!(negotiations::plot::human_days(0.5), "12 hours");
/// assert_eq!(negotiations::plot::human_days(45.0), "45 days");
/// assert_eq!(negotiations::plot::human_days(400.0), "13 months");
/// assert_eq!(negotiations::plot::human_days(26_000.0), "71 years");
/// ```
pub fn human_days(d: f64) -> String {
    let plural = |n: f64, unit: &str| {
        let n = n.round() as i64;
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{n} {unit}s")
        }
    };
    if d < 1.0 {
        plural(d * 24.0, "hour")
    } else if d < 60.0 {
        plural(d, "day")
    } else if d < 730.0 {
        plural(d / DAYS_PER_MONTH, "month")
    } else {
        plural(d / DAYS_PER_YEAR, "year")
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Calendar ticks between two dates (days since 1970): days, weeks,
/// months, quarters, years or decades, whichever gives about `target`.
fn time_ticks(lo: f64, hi: f64, target: f64) -> Vec<(f64, String)> {
    let (Some(a), Some(b)) = (
        from_epoch_days(lo.floor() as i64),
        from_epoch_days(hi.ceil() as i64),
    ) else {
        return Vec::new();
    };
    let span = hi - lo;
    let at = |d: NaiveDate| epoch_day(d) as f64;
    let mut out = Vec::new();
    if span / target <= 4.0 {
        // Days (every 1, 2 or 3), labelled "2 Dec".
        let step = ((span / target).ceil() as i64).max(1);
        let mut d = a;
        while d <= b && out.len() < 40 {
            out.push((
                at(d),
                format!("{} {}", d.day(), MONTHS[d.month0() as usize]),
            ));
            d += chrono::Duration::days(step);
        }
    } else if span / target <= 20.0 {
        // Weeks, on Mondays.
        let mut d =
            a + chrono::Duration::days((7 - i64::from(a.weekday().num_days_from_monday())) % 7);
        let step = if span / target <= 10.0 { 7 } else { 14 };
        while d <= b && out.len() < 40 {
            out.push((
                at(d),
                format!("{} {}", d.day(), MONTHS[d.month0() as usize]),
            ));
            d += chrono::Duration::days(step);
        }
    } else if span / target <= 200.0 {
        // Months (every 1, 2, 3 or 6), the year on January and the first.
        let months = span / DAYS_PER_MONTH / target;
        let step = [1, 2, 3, 6]
            .into_iter()
            .find(|&s| f64::from(s) >= months)
            .unwrap_or(6);
        let mut y = a.year();
        let mut m = a.month0();
        // First whole month at or after `a`, on a multiple of the step.
        if a.day() != 1 {
            m += 1;
        }
        loop {
            if m >= 12 {
                m -= 12;
                y += 1;
            }
            if m % step == 0 {
                break;
            }
            m += 1;
        }
        let mut first = true;
        while out.len() < 40 {
            let Some(d) = NaiveDate::from_ymd_opt(y, m + 1, 1) else {
                break;
            };
            if d > b {
                break;
            }
            let label = if m == 0 || first {
                format!("{} {y}", MONTHS[m as usize])
            } else {
                MONTHS[m as usize].to_string()
            };
            out.push((at(d), label));
            first = false;
            m += step;
            if m >= 12 {
                m -= 12;
                y += 1;
            }
        }
    } else {
        // Years: every 1, 2, 5, 10, 20, 25, 50 or 100.
        let years = span / DAYS_PER_YEAR / target;
        let step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500]
            .into_iter()
            .find(|&s| f64::from(s) >= years)
            .unwrap_or(500);
        let mut y = a.year() + if a.ordinal() == 1 { 0 } else { 1 };
        y += (step - y.rem_euclid(step)) % step;
        while out.len() < 40 {
            let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) else {
                break;
            };
            if d > b {
                break;
            }
            out.push((at(d), y.to_string()));
            y += step;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> f64 {
        epoch_day(NaiveDate::from_ymd_opt(y, m, d).unwrap()) as f64
    }

    #[test]
    fn linear_ticks_are_round() {
        let t: Vec<String> = linear_ticks(0.0, 748.0, 8.0, 0.0)
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(t, ["0", "100", "200", "300", "400", "500", "600", "700"]);
        let t: Vec<String> = linear_ticks(0.0, 1.0, 5.0, 0.0)
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(t, ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
        // Counts: whole steps, even when more ticks would fit.
        let t: Vec<String> = linear_ticks(0.0, 3.0, 12.0, 1.0)
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(t, ["0", "1", "2", "3"]);
        assert_eq!(nice_domain(3.0, 97.0, 5.0), (0.0, 100.0));
    }

    #[test]
    fn time_ticks_fit_the_span() {
        // Days for a fortnight, months for a year, years for decades.
        let days = time_ticks(day(2025, 12, 1), day(2025, 12, 14), 8.0);
        assert_eq!(days[0].1, "1 Dec");
        let months = time_ticks(day(2025, 1, 1), day(2025, 12, 31), 8.0);
        assert_eq!(months[0].1, "Jan 2025");
        assert!(months.iter().any(|t| t.1 == "Jul"));
        let years = time_ticks(day(1905, 1, 1), day(2025, 12, 31), 8.0);
        assert!(
            years
                .iter()
                .all(|t| t.1.parse::<i32>().is_ok_and(|y| y % 20 == 0)),
            "{years:?}"
        );
    }

    #[test]
    fn log_day_ticks_read_as_lengths() {
        let s = Scale::Log {
            lo: 1.0 / 24.0,
            hi: 50_000.0,
            format: NumberFormat::Days,
        };
        let labels: Vec<String> = s
            .ticks(1200.0, 100.0)
            .into_iter()
            .map(|t| t.label)
            .collect();
        assert!(
            labels.contains(&"1 day".to_string()) && labels.contains(&"1 year".to_string()),
            "{labels:?}"
        );
    }
}
