//! Labels placed without overlapping, a grid of drawn marks, shapes and thinning.

#[allow(unused_imports)]
use super::*;

impl<'a> Scene<'a> {
    pub(super) fn draw_legend_entry(&self, c: &mut dyn Canvas, e: &Entry, at: (f64, f64)) {
        let s = self.font;
        let look = self.look(sizes::LEGEND, false, palette::BLACK);
        match e {
            Entry::Title(t) => c.text(
                t,
                at,
                self.look(sizes::LEGEND, true, palette::BLACK),
                Anchor::Left,
                false,
            ),
            Entry::Color(l, color, mark) => {
                let p = if *mark == Mark::Heat {
                    Paint::solid(theme::tint(*color, 0.55))
                } else {
                    Paint::solid(*color)
                };
                match mark {
                    Mark::Line | Mark::Step => {
                        c.polyline(&[(at.0, at.1), (at.0 + 16.0 * s, at.1)], p, 3.0 * s, false)
                    }
                    Mark::Point => c.circle((at.0 + 8.0 * s, at.1), 6.0 * s, Some(p), None),
                    _ => c.rect(
                        at.0,
                        at.1 - 7.0 * s,
                        at.0 + 14.0 * s,
                        at.1 + 7.0 * s,
                        Some(p),
                        None,
                    ),
                }
                let l = text::fit(l, sizes::LEGEND * s, false, 520.0 * s);
                c.text(&l, (at.0 + 22.0 * s, at.1), look, Anchor::Left, false);
            }
            Entry::Shape(l, shape) => {
                draw_shape(
                    c,
                    shape,
                    (at.0 + 8.0 * s, at.1),
                    6.0 * s,
                    Paint::solid(palette::GREY),
                );
                let l = text::fit(l, sizes::LEGEND * s, false, 520.0 * s);
                c.text(&l, (at.0 + 22.0 * s, at.1), look, Anchor::Left, false);
            }
            Entry::Ramp(lo, hi) => {
                let steps = 10;
                for k in 0..steps {
                    let t = k as f64 / (steps - 1) as f64;
                    let color = self
                        .colors
                        .of_number(lo + t * (hi - lo))
                        .unwrap_or(palette::GREY);
                    c.rect(
                        at.0 + k as f64 * 10.0 * s,
                        at.1 - 7.0 * s,
                        at.0 + (k as f64 + 1.0) * 10.0 * s,
                        at.1 + 7.0 * s,
                        Some(Paint::solid(color)),
                        None,
                    );
                }
                let label = format!(
                    "{} – {}",
                    super::super::scale::plain((lo * 100.0).round() / 100.0),
                    super::super::scale::plain((hi * 100.0).round() / 100.0)
                );
                c.text(&label, (at.0 + 108.0 * s, at.1), look, Anchor::Left, false);
            }
        }
    }
}

impl Labels {
    pub(super) fn new(f: &Frame, font: f64, panel: usize) -> Labels {
        Labels {
            frame: *f,
            font,
            panel,
            items: Vec::new(),
            obstacles: Vec::new(),
        }
    }

    pub(super) fn obstacle(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        if self.obstacles.len() < 20_000 {
            self.obstacles
                .push((x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)));
        }
    }

    pub(super) fn obstacle_segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        self.obstacle(a.0, a.1 - 1.5, b.0, b.1 + 1.5);
    }

    /// Whether no more labels are taken (the first MAX_LABELS are drawn).
    pub(super) fn full(&self) -> bool {
        self.items.len() >= MAX_LABELS
    }

    fn push(
        &mut self,
        text: String,
        mark: (f64, f64),
        at: (f64, f64),
        color: RGBColor,
        fixed: bool,
        centred: bool,
    ) {
        if !text.is_empty() && self.items.len() < MAX_LABELS {
            self.items.push(LabelItem {
                text,
                mark,
                at,
                color,
                fixed,
                centred,
            });
        }
    }

    /// A label for the point `mark`, best with its left end at `at`; it
    /// moves to stay clear.
    pub(super) fn add(&mut self, text: String, mark: (f64, f64), at: (f64, f64), color: RGBColor) {
        self.push(text, mark, at, color, false, false);
    }

    /// A label centred on its point if that is clear, else moved clear.
    pub(super) fn add_centred(&mut self, text: String, at: (f64, f64), color: RGBColor) {
        self.push(text, at, at, color, false, true);
    }

    /// A label that stays where it is put (rule labels), and that the
    /// others keep clear of.
    pub(super) fn add_fixed(&mut self, text: String, at: (f64, f64), color: RGBColor) {
        self.push(text, at, at, color, true, false);
    }

    /// Where a label of `w` × `h` px may go, best first: the places beside
    /// its point (`near` of them), then rings further out.
    fn candidates(item: &LabelItem, w: f64, h: f64, gap: f64) -> (Vec<(f64, f64)>, usize) {
        let (m, at) = (item.mark, item.at);
        let left = m.0 - w - gap;
        let mid = m.0 - w / 2.0;
        let mut out = Vec::with_capacity(64);
        if item.centred {
            out.push((mid, m.1));
        }
        out.extend([at, (left, m.1), (mid, m.1 - h), (mid, m.1 + h)]);
        let near = out.len();
        for k in 1..=8 {
            let d = h * k as f64;
            out.extend([
                (at.0, at.1 - d),
                (at.0, at.1 + d),
                (left, m.1 - d),
                (left, m.1 + d),
                (mid, m.1 - h - d),
                (mid, m.1 + h + d),
                (at.0 + d, at.1 - d),
                (left - d, m.1 - d),
                (at.0 + d, at.1 + d),
                (left - d, m.1 + d),
            ]);
        }
        (out, near)
    }

    pub(super) fn draw(self, c: &mut dyn Canvas, scene: &Scene) {
        let size = sizes::LABEL * self.font;
        let f = self.frame;
        let h = size * 1.2;
        let gap = 6.0 * self.font;
        let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut obstacles = Grid::new(&f, &self.obstacles);
        // Fixed ones first: the movable ones keep clear of them.
        let mut order: Vec<usize> = (0..self.items.len()).collect();
        order.sort_by_key(|&i| !self.items[i].fixed);
        let inside_frame = |p: (f64, f64)| {
            p.0 >= f.x0 - 1.0 && p.0 <= f.x1 + 1.0 && p.1 >= f.y0 - 1.0 && p.1 <= f.y1 + 1.0
        };
        for i in order {
            let item = &self.items[i];
            // The point was cut away with its mark (a domain narrower than
            // the data), or a first drawing found no place for it.
            if !inside_frame(item.mark) || scene.skip.contains(&(self.panel, i)) {
                continue;
            }
            let t = text::fit(&item.text, size, false, (f.x1 - f.x0).max(40.0));
            let w = text::width(&t, size, false);
            let mut chosen = item.at;
            let mut leader = false;
            if !item.fixed {
                let (candidates, near) = Self::candidates(item, w, h, gap);
                let mut cost = |p: (f64, f64)| -> (bool, usize, usize) {
                    let r = (p.0, p.1 - h / 2.0, p.0 + w, p.1 + h / 2.0);
                    let inside = r.0 >= f.x0 - 2.0
                        && r.2 <= f.x1 + 2.0
                        && r.1 >= f.y0 - h
                        && r.3 <= f.y1 + 2.0;
                    let over = placed
                        .iter()
                        .filter(|o| r.0 < o.2 && o.0 < r.2 && r.1 < o.3 && o.1 < r.3)
                        .count();
                    (!inside, over, obstacles.hits(r))
                };
                // The first place clear of everything; else the one on the
                // chart and clear of labels that covers fewest marks.
                let mut best: Option<((bool, usize, usize), usize)> = None;
                for (k, &p) in candidates.iter().enumerate() {
                    let c = cost(p);
                    if best.is_none_or(|(b, _)| c < b) {
                        best = Some((c, k));
                    }
                    if c == (false, 0, 0) {
                        break;
                    }
                }
                let Some(((outside, over, _), k)) = best else {
                    continue;
                };
                if (outside || over > 0) && !scene.settled {
                    scene
                        .left_out
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((self.panel, i, item.text.clone()));
                    continue;
                }
                chosen = candidates[k];
                leader = k >= near;
            }
            let rect = (
                chosen.0,
                chosen.1 - h / 2.0,
                chosen.0 + w,
                chosen.1 + h / 2.0,
            );
            placed.push(rect);
            if leader {
                // From just off the point to the nearest point of the box.
                let to = (
                    item.mark.0.clamp(rect.0, rect.2),
                    item.mark.1.clamp(rect.1, rect.3),
                );
                let (dx, dy) = (to.0 - item.mark.0, to.1 - item.mark.1);
                let len = dx.hypot(dy);
                if len > 4.0 * self.font {
                    let off = 3.0 * self.font / len;
                    let from = (item.mark.0 + dx * off, item.mark.1 + dy * off);
                    c.polyline(
                        &[from, to],
                        Paint::solid(palette::GREY),
                        self.font.max(1.0),
                        false,
                    );
                }
            }
            c.text(
                &t,
                chosen,
                Look {
                    size,
                    bold: false,
                    paint: Paint::solid(item.color),
                },
                Anchor::Left,
                false,
            );
        }
    }
}

/// The category code of `row` in channel `c` (0 when there is none): part
/// of the key under which marks are thinned.
pub(super) fn code(c: &Option<Channel>, row: usize) -> u32 {
    c.as_ref()
        .and_then(|c| c.codes.get(row).copied().flatten())
        .unwrap_or(0)
}

/// Of the marks sharing a key (a cell, a colour...), the last, in the
/// order given: drawn in that order they show what drawing every mark
/// would show, since each covers the ones before it.
pub(super) fn keep_last<T: Copy, K: std::hash::Hash + Eq>(
    marks: Vec<T>,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let mut last: foldhash::HashMap<K, usize> = Default::default();
    for (k, m) in marks.iter().enumerate() {
        last.insert(key(m), k);
    }
    let mut keep: Vec<usize> = last.into_values().collect();
    keep.sort_unstable();
    keep.into_iter().map(|k| marks[k]).collect()
}

impl<'a> Grid<'a> {
    pub(super) fn new(f: &Frame, rects: &'a [(f64, f64, f64, f64)]) -> Grid<'a> {
        let cell = 32.0;
        // Labels may sit a little outside the plot area: a margin of cells.
        let origin = (f.x0 - 4.0 * cell, f.y0 - 4.0 * cell);
        let nx = (((f.x1 - f.x0) / cell).ceil().max(0.0) as usize) + 9;
        let ny = (((f.y1 - f.y0) / cell).ceil().max(0.0) as usize) + 9;
        let mut g = Grid {
            rects,
            cell,
            origin,
            nx,
            ny,
            cells: vec![Vec::new(); nx * ny],
            seen: vec![0; rects.len()],
            query: 0,
        };
        for (k, r) in rects.iter().enumerate() {
            let (cx0, cy0, cx1, cy1) = g.span(*r);
            for cy in cy0..=cy1 {
                for cx in cx0..=cx1 {
                    g.cells[cy * nx + cx].push(k as u32);
                }
            }
        }
        g
    }

    /// The cells a rectangle touches (clamped to the grid).
    pub(super) fn span(&self, r: (f64, f64, f64, f64)) -> (usize, usize, usize, usize) {
        let ix =
            |v: f64| (((v - self.origin.0) / self.cell).floor().max(0.0) as usize).min(self.nx - 1);
        let iy =
            |v: f64| (((v - self.origin.1) / self.cell).floor().max(0.0) as usize).min(self.ny - 1);
        (ix(r.0), iy(r.1), ix(r.2), iy(r.3))
    }

    /// How many rectangles overlap `r`.
    pub(super) fn hits(&mut self, r: (f64, f64, f64, f64)) -> usize {
        self.query += 1;
        let (cx0, cy0, cx1, cy1) = self.span(r);
        let mut n = 0;
        for cy in cy0..=cy1 {
            for cx in cx0..=cx1 {
                for &k in &self.cells[cy * self.nx + cx] {
                    let k = k as usize;
                    if self.seen[k] == self.query {
                        continue;
                    }
                    self.seen[k] = self.query;
                    let o = self.rects[k];
                    if r.0 < o.2 && o.0 < r.2 && r.1 < o.3 && o.1 < r.3 {
                        n += 1;
                    }
                }
            }
        }
        n
    }
}

pub(super) fn color_for_text(c: RGBColor) -> RGBColor {
    // Darken light colours so labels stay legible on white.
    let lum = 0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2);
    if lum > 170.0 {
        RGBColor(
            (f64::from(c.0) * 0.6) as u8,
            (f64::from(c.1) * 0.6) as u8,
            (f64::from(c.2) * 0.6) as u8,
        )
    } else {
        c
    }
}

pub(super) fn draw_shape(c: &mut dyn Canvas, shape: &str, (x, y): (f64, f64), r: f64, p: Paint) {
    match shape {
        "circle-open" => c.circle((x, y), r - 1.0, None, Some((p, 2.0))),
        "square" => c.rect(
            x - r * 0.85,
            y - r * 0.85,
            x + r * 0.85,
            y + r * 0.85,
            Some(p),
            None,
        ),
        "triangle" => c.polygon(
            &[
                (x, y - r * 1.15),
                (x + r, y + r * 0.75),
                (x - r, y + r * 0.75),
            ],
            p,
        ),
        "diamond" => c.polygon(
            &[(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)],
            p,
        ),
        "cross" => {
            let k = r * 0.9;
            c.polyline(&[(x - k, y - k), (x + k, y + k)], p, 2.5, false);
            c.polyline(&[(x - k, y + k), (x + k, y - k)], p, 2.5, false);
        }
        "arrow" => c.polygon(&[(x - r * 0.8, y - r), (x + r, y), (x - r * 0.8, y + r)], p),
        "star" => {
            let pts: Vec<(f64, f64)> = (0..10)
                .map(|k| {
                    let a = std::f64::consts::PI / 5.0 * k as f64 - std::f64::consts::FRAC_PI_2;
                    let rr = if k % 2 == 0 { r * 1.35 } else { r * 0.55 };
                    (x + rr * a.cos(), y + rr * a.sin())
                })
                .collect();
            c.polygon(&pts, p);
        }
        _ => c.circle((x, y), r, Some(p), None),
    }
}

/// Turns points into a step line: level until the next point.
pub(super) fn steps(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(pts.len() * 2);
    for (k, &p) in pts.iter().enumerate() {
        if k > 0 {
            out.push((p.0, pts[k - 1].1));
        }
        out.push(p);
    }
    out
}

/// Keeps, of the points falling on each pixel column, the first, the
/// last, the lowest and the highest: a line through a million points
/// draws as the few thousand that can be told apart.
pub(super) fn thin(pts: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut k = 0;
    while k < pts.len() {
        let col = pts[k].0.floor();
        let mut end = k;
        while end + 1 < pts.len() && pts[end + 1].0.floor() == col {
            end += 1;
        }
        let run = &pts[k..=end];
        let lo = run
            .iter()
            .copied()
            .fold(run[0], |a, b| if b.1 < a.1 { b } else { a });
        let hi = run
            .iter()
            .copied()
            .fold(run[0], |a, b| if b.1 > a.1 { b } else { a });
        out.push(run[0]);
        if lo != run[0] {
            out.push(lo);
        }
        if hi != run[0] && hi != lo {
            out.push(hi);
        }
        if run.len() > 1 {
            out.push(run[run.len() - 1]);
        }
        k = end + 1;
    }
    out
}
