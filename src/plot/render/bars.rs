//! Bars: the rows of each bar summed per place and colour, then stacked
//! (or set side by side), each segment with its tooltip.

#[allow(unused_imports)]
use super::*;

/// The rows of one bar segment, summed: where it stands (a category's
/// code, or a value's bits), its colour key, the sum of its values, and
/// its first row (which gives its place, colour and tooltip).
struct Segment {
    at: u64,
    color: usize,
    total: f64,
    row: usize,
}

/// The ends of the stacks so far, per position: segments above zero stack
/// up from it, those below down.
#[derive(Default)]
struct Stacks {
    up: HashMap<u64, f64>,
    down: HashMap<u64, f64>,
}

impl Stacks {
    /// The span of the next segment at `at`, from the end of its stack.
    fn add(&mut self, at: u64, v: f64) -> (f64, f64) {
        let end = if v >= 0.0 {
            self.up.entry(at).or_insert(0.0)
        } else {
            self.down.entry(at).or_insert(0.0)
        };
        let from = *end;
        *end += v;
        (from, *end)
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_bars(&self, c: &mut dyn Canvas, f: &Frame, r: &Resolved, rows: &[usize]) {
        let (Some(xc), Some(yc)) = (&r.x, &r.y) else {
            return;
        };
        let (pos, val) = if r.horizontal { (yc, xc) } else { (xc, yc) };
        let segments = segments(r, pos, val, rows);
        let ranks = color_ranks(&segments);
        let n_colors = ranks.len().max(1);
        let continuous_w = self.continuous_thickness(f, r, pos, &segments);
        let mut stacks = Stacks::default();
        for s in &segments {
            let Some(across) = self.bar_across(f, r, pos, s.row, continuous_w) else {
                continue;
            };
            let across = if r.layer.dodge && n_colors > 1 {
                let rank = ranks.get(&s.color).copied().unwrap_or(0);
                side_by_side(across, rank, n_colors)
            } else {
                across
            };
            let span = if r.layer.dodge {
                (0.0, s.total)
            } else {
                stacks.add(s.at, s.total)
            };
            self.draw_bar(c, f, r, s, across, span);
        }
    }

    /// Bar thickness for positions on a continuous axis: most of the
    /// smallest gap between positions. (Bars on bands take their band's.)
    fn continuous_thickness(
        &self,
        f: &Frame,
        r: &Resolved,
        pos: &Channel,
        segments: &[Segment],
    ) -> f64 {
        let mut distinct: Vec<f64> = if pos.kind == Kind::Category {
            Vec::new()
        } else {
            segments
                .iter()
                .map(|s| self.bar_place(f, r, value_at(pos, s.row)))
                .collect()
        };
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        let min_gap = distinct
            .windows(2)
            .map(|w| (w[1] - w[0]).abs())
            .fold(f64::INFINITY, f64::min);
        if min_gap.is_finite() {
            (min_gap * 0.8).clamp(1.0, 80.0 * self.font)
        } else {
            30.0 * self.font
        }
    }

    /// The pixel a value of the bars' position stands at: on y for
    /// horizontal bars, on x for upright ones.
    fn bar_place(&self, f: &Frame, r: &Resolved, v: f64) -> f64 {
        if r.horizontal {
            self.py(f, v)
        } else {
            self.px(f, v)
        }
    }

    /// The middle of a bar across its position axis, and its thickness:
    /// most of its band, or `continuous_w` at its value. `None` for a
    /// category with no band.
    fn bar_across(
        &self,
        f: &Frame,
        r: &Resolved,
        pos: &Channel,
        row: usize,
        continuous_w: f64,
    ) -> Option<(f64, f64)> {
        match pos.kind {
            Kind::Category => {
                let level = pos.level(row)?;
                let band = if r.horizontal {
                    self.y_band(f, level)
                } else {
                    self.x_band(f, level)
                };
                let (a, w) = band?;
                Some((a + w / 2.0, w * 0.78))
            }
            _ => Some((self.bar_place(f, r, value_at(pos, row)), continuous_w)),
        }
    }

    /// One segment: `thick` across, around `center`, from `from` to `to`
    /// along the value axis, in its row's colour, with its tooltip.
    fn draw_bar(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        r: &Resolved,
        s: &Segment,
        (center, thick): (f64, f64),
        (from, to): (f64, f64),
    ) {
        let color = Paint::solid(self.color_of(r, s.row)).with_alpha(r.layer.opacity);
        let tip = self.bar_tooltip(r, s.row, s.total);
        c.begin(tip.as_deref());
        if r.horizontal {
            let (a, b) = (self.px(f, from), self.px(f, to));
            c.rect(
                a,
                center - thick / 2.0,
                b,
                center + thick / 2.0,
                Some(color),
                None,
            );
        } else {
            let (a, b) = (self.py(f, from), self.py(f, to));
            c.rect(
                center - thick / 2.0,
                a,
                center + thick / 2.0,
                b,
                Some(color),
                None,
            );
        }
        c.end();
    }

    /// A segment's hover text: its position, its colour, and the sum it
    /// stands for.
    fn bar_tooltip(&self, r: &Resolved, row: usize, total: f64) -> Option<String> {
        let (pos, val) = if r.horizontal {
            (&r.y, &r.x)
        } else {
            (&r.x, &r.y)
        };
        let mut lines = Vec::new();
        if let Some(p) = pos {
            lines.push(format!("{}: {}", p.name, p.text(row)));
        }
        if let Some(c) = &r.color {
            lines.push(format!("{}: {}", c.name, c.text(row)));
        }
        if let Some(v) = val {
            lines.push(format!(
                "{}: {}",
                v.name,
                super::super::base::format_number(total)
            ));
        }
        Some(lines.join("\n"))
    }
}

/// The rows summed per segment (position and colour), in the order they
/// are stacked: by position, then by colour.
fn segments(r: &Resolved, pos: &Channel, val: &Channel, rows: &[usize]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut index: HashMap<(u64, usize), usize> = HashMap::new();
    for &i in rows {
        let (at, color) = (position_key(pos, i), color_key(r, i));
        let v = value_at(val, i);
        match index.get(&(at, color)) {
            Some(&k) => out[k].total += v,
            None => {
                index.insert((at, color), out.len());
                out.push(Segment {
                    at,
                    color,
                    total: v,
                    row: i,
                });
            }
        }
    }
    out.sort_by_key(|s| (s.at, s.color));
    out
}

/// A row's value in a number or date channel, 0 if it has none.
fn value_at(ch: &Channel, row: usize) -> f64 {
    ch.values.get(row).copied().flatten().unwrap_or(0.0)
}

/// Where a row's bar stands, as a key: its category's code, or the bits
/// of its value.
fn position_key(pos: &Channel, row: usize) -> u64 {
    match pos.kind {
        Kind::Category => u64::from(pos.codes.get(row).copied().flatten().unwrap_or(0)),
        _ => value_at(pos, row).to_bits(),
    }
}

/// A row's colour key: its category's code plus one; 0 without a
/// colour, or with a number colour (which does not split a bar).
fn color_key(r: &Resolved, row: usize) -> usize {
    match &r.color {
        Some(ch) if ch.kind == Kind::Category => ch
            .codes
            .get(row)
            .copied()
            .flatten()
            .map_or(0, |c| c as usize + 1),
        _ => 0,
    }
}

/// Each colour key's place among those present: side-by-side bars stand
/// in this order within their place.
fn color_ranks(segments: &[Segment]) -> HashMap<usize, usize> {
    let mut keys: Vec<usize> = segments.iter().map(|s| s.color).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter().enumerate().map(|(a, b)| (b, a)).collect()
}

/// A side-by-side bar's share of its place: the `rank`th of `n` slots,
/// a little narrower than its slot so that neighbours do not touch.
fn side_by_side((center, thick): (f64, f64), rank: usize, n: usize) -> (f64, f64) {
    let k = rank as f64;
    let sub = thick / n as f64;
    (center - thick / 2.0 + sub * (k + 0.5), sub * 0.92)
}
