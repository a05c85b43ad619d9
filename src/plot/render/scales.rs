//! Scales: bands and continuous ranges with their formats, bar and cumulative extents, the sources caption, colours and natural order.

#[allow(unused_imports)]
use super::*;

/// The band scale of an axis: the categories of every layer's channel on
/// it, in the given order, else as `x_sort`/`y_sort` says, else `Enum`
/// order, else sorted; at most
/// [`MAX_BANDS`], keeping those with the most rows.
pub(super) fn band_scale(
    layers: &[Resolved],
    axis: &Axis,
    is_x: bool,
    notes: &mut Vec<String>,
) -> Scale {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut levels: Vec<String> = Vec::new();
    let mut ordered = false;
    let mut name = String::new();
    for r in layers {
        let ch = if is_x { &r.x } else { &r.y };
        let Some(ch) = ch.as_ref().filter(|c| c.kind == Kind::Category) else {
            continue;
        };
        name = ch.name.clone();
        ordered |= ch.ordered;
        let mut used = vec![0usize; ch.levels.len()];
        for &i in &r.rows {
            if let Some(c) = ch.codes.get(i).copied().flatten() {
                used[c as usize] += 1;
            }
        }
        for (k, l) in ch.levels.iter().enumerate() {
            if used[k] == 0 {
                continue;
            }
            // A new level: its first count. (A lookup, not a scan of
            // `levels`: a million distinct values made that quadratic.)
            match counts.get_mut(l) {
                Some(n) => *n += used[k],
                None => {
                    counts.insert(l.clone(), used[k]);
                    levels.push(l.clone());
                }
            }
        }
    }
    match axis.sort.as_deref() {
        // The frame's own order: first appearance.
        Some("data") => {}
        Some(by) => {
            // By the column: the sum of a band's numbers, or its earliest
            // date; bands with no value last.
            let mut keys: HashMap<&str, f64> = HashMap::new();
            for r in layers {
                let (ch, key) = if is_x {
                    (&r.x, &r.sort_x)
                } else {
                    (&r.y, &r.sort_y)
                };
                let (Some(ch), Some(key)) = (ch.as_ref(), key.as_ref()) else {
                    continue;
                };
                for &i in &r.rows {
                    let (Some(c), Some(v)) = (
                        ch.codes.get(i).copied().flatten(),
                        key.values.get(i).copied().flatten(),
                    ) else {
                        continue;
                    };
                    let Some(level) = ch.levels.get(c as usize) else {
                        continue;
                    };
                    let e = keys.entry(level.as_str()).or_insert(match key.kind {
                        Kind::Date => f64::INFINITY,
                        _ => 0.0,
                    });
                    *e = match key.kind {
                        Kind::Date => e.min(v),
                        _ => *e + v,
                    };
                }
            }
            let descending = by.starts_with('-');
            let key = |l: &String| keys.get(l.as_str()).copied();
            levels.sort_by(|a, b| match (key(a), key(b)) {
                (Some(x), Some(y)) if descending => y.total_cmp(&x),
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
        }
        None if !ordered => levels.sort_by(|a, b| natural(a, b)),
        None => {}
    }
    if let Some(order) = &axis.order {
        let given: HashSet<&String> = order.iter().collect();
        let mut first: Vec<String> = order
            .iter()
            .filter(|o| counts.contains_key(*o))
            .cloned()
            .collect();
        first.extend(levels.iter().filter(|l| !given.contains(l)).cloned());
        levels = first;
    }
    if levels.len() > MAX_BANDS {
        let total = levels.len();
        let mut ranked: Vec<(usize, usize)> = levels
            .iter()
            .enumerate()
            .map(|(i, l)| (counts.get(l).copied().unwrap_or(0), i))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut keep: Vec<usize> = ranked[..MAX_BANDS].iter().map(|r| r.1).collect();
        keep.sort_unstable();
        levels = keep.into_iter().map(|i| levels[i].clone()).collect();
        notes.push(format!(
            "Showing {MAX_BANDS} of {} values of '{name}' (those with the most rows).",
            thousands(total)
        ));
    }
    Scale::Band { levels }
}

/// A continuous scale over `values`.
pub(super) fn continuous(
    kind: Kind,
    values: &[f64],
    axis: &Axis,
    zero: bool,
    target: f64,
) -> Result<Scale> {
    let finite = values
        .iter()
        .copied()
        .filter(|v| v.is_finite() && (!axis.log || *v > 0.0));
    let (mut lo, mut hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    // An axis whose every value is whole (counts, integer columns) is
    // ticked at whole numbers.
    let format = match format_of(axis) {
        NumberFormat::Plain if values.iter().all(|v| !v.is_finite() || v.fract() == 0.0) => {
            NumberFormat::Whole
        }
        f => f,
    };
    let zero = axis.zero.unwrap_or(zero) && !axis.log;
    if zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if let Some((a, b)) = axis.domain {
        if !(a.is_finite() && b.is_finite() && b > a) {
            return Err(Error::Invalid(format!(
                "an axis domain runs from a lower number to a higher one, not {a} to {b}"
            )));
        }
        (lo, hi) = (a, b);
        return Ok(match (kind, axis.log) {
            (Kind::Date, _) => Scale::Time { lo, hi },
            (_, true) => Scale::Log {
                lo: lo.max(f64::MIN_POSITIVE),
                hi,
                format,
            },
            _ => Scale::Linear { lo, hi, format },
        });
    }
    Ok(match (kind, axis.log) {
        (Kind::Date, _) => {
            let pad = ((hi - lo) * 0.03).max(1.0);
            Scale::Time {
                lo: lo - pad,
                hi: hi + pad,
            }
        }
        (_, true) => {
            let lo = if lo > 0.0 { lo } else { hi.max(1.0) * 1e-3 };
            let hi = hi.max(lo * 10.0);
            Scale::Log {
                lo: lo / 1.5,
                hi: hi * 1.5,
                format,
            }
        }
        _ => {
            let (a, b) = if axis.days {
                (lo, hi + (hi - lo) * 0.04)
            } else {
                nice_domain(lo, hi, target.clamp(3.0, 12.0))
            };
            Scale::Linear {
                lo: a,
                hi: b,
                format,
            }
        }
    })
}

pub(super) fn format_of(axis: &Axis) -> NumberFormat {
    if axis.days {
        NumberFormat::Days
    } else {
        NumberFormat::Plain
    }
}

/// The largest stack of each bar position (and the smallest, below zero).
pub(super) fn bar_extent(r: &Resolved) -> Vec<f64> {
    let (Some(x), Some(y)) = (&r.x, &r.y) else {
        return Vec::new();
    };
    let (pos, val) = if r.horizontal { (y, x) } else { (x, y) };
    let mut up: HashMap<u64, f64> = HashMap::new();
    let mut down: HashMap<u64, f64> = HashMap::new();
    let mut single: Vec<f64> = Vec::new();
    for &i in &r.rows {
        let key = match pos.kind {
            Kind::Category => u64::from(pos.codes.get(i).copied().flatten().unwrap_or(0)),
            _ => pos
                .values
                .get(i)
                .copied()
                .flatten()
                .unwrap_or(0.0)
                .to_bits(),
        };
        let v = val.values.get(i).copied().flatten().unwrap_or(0.0);
        if r.layer.dodge {
            single.push(v);
        } else if v >= 0.0 {
            *up.entry(key).or_insert(0.0) += v;
        } else {
            *down.entry(key).or_insert(0.0) += v;
        }
    }
    // Dodged bars sharing a position and colour are summed too.
    if r.layer.dodge {
        let mut sums: HashMap<(u64, Option<u32>), f64> = HashMap::new();
        for &i in &r.rows {
            let key = match pos.kind {
                Kind::Category => u64::from(pos.codes.get(i).copied().flatten().unwrap_or(0)),
                _ => pos
                    .values
                    .get(i)
                    .copied()
                    .flatten()
                    .unwrap_or(0.0)
                    .to_bits(),
            };
            let ck = r
                .color
                .as_ref()
                .and_then(|c| c.codes.get(i).copied().flatten());
            *sums.entry((key, ck)).or_insert(0.0) +=
                val.values.get(i).copied().flatten().unwrap_or(0.0);
        }
        single = sums.into_values().collect();
    }
    let mut out: Vec<f64> = up
        .into_values()
        .chain(down.into_values())
        .chain(single)
        .collect();
    out.push(0.0);
    out
}

pub(super) fn cumulative_extent(r: &Resolved) -> Vec<f64> {
    let Some(y) = &r.y else { return Vec::new() };
    let mut out = vec![0.0];
    for (_, group) in groups(r, &r.rows) {
        let mut sum = 0.0;
        for i in group {
            sum += y.values.get(i).copied().flatten().unwrap_or(0.0);
            out.push(sum);
        }
    }
    out
}

pub(super) fn bin_edge(kind: Kind, v: f64) -> String {
    match kind {
        Kind::Date => super::super::base::day_of_epoch(v.floor() as i64)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        _ => super::super::base::format_number(v),
    }
}

/// The sources caption: every `source_id` the drawn rows cite.
pub(super) fn sources_caption(layers: &[Resolved]) -> String {
    let mut ids: Vec<String> = Vec::new();
    for r in layers {
        let Ok(ch) = data::read(&r.layer.data, "source_id", "as sources") else {
            continue;
        };
        let mut seen: HashSet<String> = ids.iter().cloned().collect();
        for &i in &r.rows {
            // Text made once per distinct id, not once per row.
            let id = match ch.kind {
                Kind::Category => match ch.level(i) {
                    Some(l) if !seen.contains(l) => l.to_string(),
                    _ => continue,
                },
                _ => ch.text(i),
            };
            if !id.is_empty() && seen.insert(id.clone()) {
                ids.push(id);
            }
        }
    }
    if ids.is_empty() {
        return String::new();
    }
    ids.sort();
    format!(
        "Sources: {} — article texts in data/sources/; dates marked inferred or external in the tables.",
        ids.join(", ")
    )
}

pub(super) fn parse_hex(s: &str) -> Option<RGBColor> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = |k: usize| u8::from_str_radix(&h[k..k + 2], 16).ok();
    Some(RGBColor(v(0)?, v(2)?, v(4)?))
}

/// Orders text with runs of digits by their number ("p2" before "p10").
pub(super) fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let mut n = String::new();
                while let Some(c) = x.peek().copied().filter(char::is_ascii_digit) {
                    n.push(c);
                    x.next();
                }
                let mut m = String::new();
                while let Some(d) = y.peek().copied().filter(char::is_ascii_digit) {
                    m.push(d);
                    y.next();
                }
                let o = n
                    .trim_start_matches('0')
                    .len()
                    .cmp(&m.trim_start_matches('0').len())
                    .then(n.trim_start_matches('0').cmp(m.trim_start_matches('0')));
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}

pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
