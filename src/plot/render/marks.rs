//! Drawing the other marks (histograms, points, lines, ribbons, intervals, rules, texts, heat cells) and the legend's entries.

#[allow(unused_imports)]
use super::*;

impl<'a> Scene<'a> {
    /// A histogram's bins over the x scale, with each bin's count per
    /// colour. `None` when the x scale cannot be binned.
    pub(super) fn bins(&self, r: &Resolved, rows: &[usize]) -> Option<Bins> {
        let xc = r.x.as_ref()?;
        let (lo, hi) = match self.x {
            Scale::Linear { lo, hi, .. } | Scale::Time { lo, hi } => (lo, hi),
            Scale::Log { lo, hi, .. } => (lo.ln(), hi.ln()),
            _ => return None,
        };
        let log = matches!(self.x, Scale::Log { .. });
        let n = if r.layer.bins > 0 { r.layer.bins } else { 20 };
        let width = (hi - lo) / n as f64;
        if width <= 0.0 {
            return None;
        }
        let mut counts: Vec<HashMap<usize, (usize, usize)>> = vec![HashMap::new(); n];
        for &i in rows {
            let Some(v) = xc.values.get(i).copied().flatten() else {
                continue;
            };
            let v = if log { v.ln() } else { v };
            let b = (((v - lo) / width).floor() as i64).clamp(0, n as i64 - 1) as usize;
            let ck = match &r.color {
                Some(ch) => ch
                    .codes
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or(0, |c| c as usize + 1),
                None => 0,
            };
            let e = counts[b].entry(ck).or_insert((0, i));
            e.0 += 1;
        }
        Some(Bins {
            lo,
            width,
            log,
            counts,
        })
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_histogram(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        r: &Resolved,
        rows: &[usize],
    ) {
        let (
            Some(xc),
            Some(Bins {
                lo,
                width,
                log,
                counts,
            }),
        ) = (&r.x, self.bins(r, rows))
        else {
            return;
        };
        for (b, by_color) in counts.iter().enumerate() {
            let (a, z) = (lo + width * b as f64, lo + width * (b as f64 + 1.0));
            let (a, z) = if log { (a.exp(), z.exp()) } else { (a, z) };
            let (xa, xz) = (self.px(f, a), self.px(f, z));
            let mut keys: Vec<&usize> = by_color.keys().collect();
            keys.sort();
            let mut base = 0.0;
            for k in keys {
                let (count, row) = by_color[k];
                let color = Paint::solid(self.color_of(r, row)).with_alpha(r.layer.opacity);
                let tip = format!(
                    "{}: {} to {}\ncount: {count}",
                    xc.name,
                    bin_edge(xc.kind, a),
                    bin_edge(xc.kind, z)
                );
                c.begin(Some(&tip));
                c.rect(
                    xa + 0.5,
                    self.py(f, base),
                    xz - 0.5,
                    self.py(f, base + count as f64),
                    Some(color),
                    None,
                );
                c.end();
                base += count as f64;
            }
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn radius(&self, r: &Resolved, row: usize) -> f64 {
        let base = 6.0 * self.font;
        match &r.size {
            Some(ch) if ch.kind == Kind::Number => {
                let vals = r.size_range;
                let v = ch.values.get(row).copied().flatten().unwrap_or(vals.0);
                let t = if vals.1 > vals.0 {
                    (v - vals.0) / (vals.1 - vals.0)
                } else {
                    0.5
                };
                // Area in proportion: radius by the square root.
                (3.0 + 13.0 * t.clamp(0.0, 1.0).sqrt()) * self.font
            }
            _ => base,
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_points(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        r: &Resolved,
        rows: &[usize],
        labels: &mut Labels,
    ) {
        let (Some(xc), Some(yc)) = (&r.x, &r.y) else {
            return;
        };
        let (dx, dy) = r.layer.nudge;
        let at = |i: usize| -> Option<(f64, f64)> {
            let (x, y) = (self.pos_x(f, xc, i)?, self.pos_y(f, yc, i)?);
            Some((x + dx * self.font, y + dy * self.font))
        };
        // Past THIN_FROM marks, of the marks falling in one cell as wide as
        // a mark's radius only the last is drawn: it would cover the
        // others (opaque marks), or they would add up to one blot
        // (translucent marks of one colour and shape). Kept marks are drawn
        // in row order, so what shows is what drawing them all would show,
        // up to the edges of marks sticking out of a cell.
        let kept: Vec<(usize, (f64, f64))> = if rows.len() > THIN_FROM {
            let cell = (6.0 * self.font).max(1.0);
            let opaque = r.layer.opacity >= 1.0;
            let placed: Vec<(usize, (f64, f64))> =
                rows.iter().filter_map(|&i| Some((i, at(i)?))).collect();
            keep_last(placed, |&(i, (x, y))| {
                let (ck, sk) = if opaque {
                    (0, 0)
                } else {
                    (code(&r.color, i), code(&r.shape, i))
                };
                ((x / cell) as i32, (y / cell) as i32, ck, sk)
            })
        } else {
            rows.iter().filter_map(|&i| Some((i, at(i)?))).collect()
        };
        for (i, (x, y)) in kept {
            let color = self.color_of(r, i);
            let radius = self.radius(r, i);
            c.begin(self.tooltip(r, i).as_deref());
            draw_shape(
                c,
                self.shape_of(r, i),
                (x, y),
                radius,
                Paint::solid(color).with_alpha(r.layer.opacity),
            );
            c.end();
            labels.obstacle(x - radius, y - radius, x + radius, y + radius);
            if let Some(l) = r.label.as_ref().filter(|_| !labels.full()) {
                labels.add(
                    l.text(i),
                    (x, y),
                    (x + radius + 4.0 * self.font, y),
                    color_for_text(color),
                );
            }
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_lines(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        r: &Resolved,
        rows: &[usize],
        labels: &mut Labels,
    ) {
        let (Some(xc), Some(yc)) = (&r.x, &r.y) else {
            return;
        };
        for (first, group) in groups(r, rows) {
            let mut pts: Vec<(f64, f64, usize)> = group
                .iter()
                .filter_map(|&i| {
                    Some((
                        xc.values
                            .get(i)
                            .copied()
                            .flatten()
                            .or_else(|| self.pos_x(f, xc, i))?,
                        yc.values.get(i).copied().flatten()?,
                        i,
                    ))
                })
                .collect();
            if xc.kind != Kind::Category {
                pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            }
            if r.layer.cumulative {
                let mut sum = 0.0;
                for p in &mut pts {
                    sum += p.1;
                    p.1 = sum;
                }
            }
            let mut px: Vec<(f64, f64)> = pts
                .iter()
                .filter_map(|&(x, y, i)| {
                    let x = if xc.kind == Kind::Category {
                        self.pos_x(f, xc, i)?
                    } else {
                        self.px(f, x)
                    };
                    Some((x, self.py(f, y)))
                })
                .collect();
            if r.layer.mark == Mark::Step {
                px = steps(&px);
            }
            if group.len() > 4 * THIN_FROM {
                px = thin(&px);
            }
            let color = self.color_of(r, first);
            c.begin(self.group_tooltip(r, first).as_deref());
            c.polyline(
                &px,
                Paint::solid(color).with_alpha(r.layer.opacity),
                r.layer.width * self.font,
                r.layer.dashed,
            );
            c.end();
            for w in px.windows(2) {
                labels.obstacle_segment(w[0], w[1]);
            }
            if let (Some(l), Some(&(x, y))) = (&r.label, px.last()) {
                labels.add(
                    l.text(first),
                    (x, y),
                    (x + 6.0 * self.font, y),
                    color_for_text(color),
                );
            }
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn group_tooltip(&self, r: &Resolved, row: usize) -> Option<String> {
        let mut lines: Vec<String> = Vec::new();
        for ch in r
            .tooltips
            .iter()
            .chain(r.group.iter())
            .chain(r.label.iter())
            .chain(r.color.iter())
        {
            let l = format!("{}: {}", ch.name, ch.text(row));
            if !lines.contains(&l) {
                lines.push(l);
            }
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_ribbons(&self, c: &mut dyn Canvas, f: &Frame, r: &Resolved, rows: &[usize]) {
        let (Some(xc), Some(lo), Some(hi)) = (&r.x, &r.y, &r.end) else {
            return;
        };
        for (first, group) in groups(r, rows) {
            let mut pts: Vec<(f64, f64, f64)> = group
                .iter()
                .filter_map(|&i| {
                    Some((
                        xc.values.get(i).copied().flatten()?,
                        lo.values.get(i).copied().flatten()?,
                        hi.values.get(i).copied().flatten()?,
                    ))
                })
                .collect();
            pts.sort_by(|a, b| a.0.total_cmp(&b.0));
            if pts.len() > 4 * THIN_FROM {
                // Many rows to a pixel column: the band there reaches from
                // the least low to the greatest high of its rows (what the
                // zigzag of them all would cover), one step per column.
                let mut env: Vec<(f64, f64, f64)> = Vec::new();
                let mut col = f64::NAN;
                for p in pts {
                    let c = self.px(f, p.0).round();
                    match env.last_mut() {
                        Some(e) if c == col => {
                            e.1 = e.1.min(p.1);
                            e.2 = e.2.max(p.2);
                        }
                        _ => {
                            env.push(p);
                            col = c;
                        }
                    }
                }
                pts = env;
            }
            let upper: Vec<(f64, f64)> = steps(
                &pts.iter()
                    .map(|p| (self.px(f, p.0), self.py(f, p.2)))
                    .collect::<Vec<_>>(),
            );
            let lower: Vec<(f64, f64)> = steps(
                &pts.iter()
                    .map(|p| (self.px(f, p.0), self.py(f, p.1)))
                    .collect::<Vec<_>>(),
            );
            let mut poly = upper;
            poly.extend(lower.into_iter().rev());
            let color = self.color_of(r, first);
            let alpha = if r.layer.opacity < 1.0 {
                r.layer.opacity
            } else {
                0.22
            };
            c.begin(None);
            c.polygon(&poly, Paint::solid(color).with_alpha(alpha));
            c.end();
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_intervals(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        r: &Resolved,
        rows: &[usize],
        labels: &mut Labels,
    ) {
        let (Some(xc), Some(yc), Some(ec)) = (&r.x, &r.y, &r.end) else {
            return;
        };
        let vertical = r.layer.mark == Mark::Range;
        let s = self.font;
        // Along: the interval's two ends; across: its position.
        let place = |i: usize| -> Option<(f64, f64, f64)> {
            Some(if vertical {
                let p = self.pos_x(f, xc, i)?;
                let (a, b) = (yc.values.get(i).copied()??, ec.values.get(i).copied()??);
                (p, self.py(f, self.floor_y(a)), self.py(f, self.floor_y(b)))
            } else {
                let p = self.pos_y(f, yc, i)?;
                let (a, b) = (xc.values.get(i).copied()??, ec.values.get(i).copied()??);
                (p, self.px(f, self.floor_x(a)), self.px(f, self.floor_x(b)))
            })
        };
        let placed: Vec<(usize, (f64, f64, f64))> =
            rows.iter().filter_map(|&i| Some((i, place(i)?))).collect();
        // Past THIN_FROM marks, of intervals covering the same pixels in
        // the same colour only the last is drawn (in row order): it covers
        // the others exactly.
        let placed = if placed.len() > THIN_FROM {
            keep_last(placed, |&(i, (across, a, b))| {
                let px = |v: f64| v.round() as i32;
                (px(across), px(a), px(b), code(&r.color, i))
            })
        } else {
            placed
        };
        for (i, (across, a, b)) in placed {
            let band = if vertical { &self.x } else { &self.y };
            let thick = if band.is_band() {
                let n = match band {
                    Scale::Band { levels } => levels.len().max(1),
                    _ => 1,
                } as f64;
                let extent = if vertical { f.x1 - f.x0 } else { f.y1 - f.y0 };
                (extent / n * 0.56).min(40.0 * s)
            } else {
                10.0 * s
            };
            let (lo, hi) = (a.min(b), a.max(b));
            // A zero-length interval (an exact value) is a tick 3 px wide.
            let (lo, hi) = if hi - lo < 3.0 {
                ((lo + hi) / 2.0 - 1.5, (lo + hi) / 2.0 + 1.5)
            } else {
                (lo, hi)
            };
            let color = Paint::solid(self.color_of(r, i)).with_alpha(r.layer.opacity);
            c.begin(self.tooltip(r, i).as_deref());
            if vertical {
                c.rect(
                    across - thick / 2.0,
                    lo,
                    across + thick / 2.0,
                    hi,
                    Some(color),
                    None,
                );
                labels.obstacle(across - thick / 2.0, lo, across + thick / 2.0, hi);
            } else {
                c.rect(
                    lo,
                    across - thick / 2.0,
                    hi,
                    across + thick / 2.0,
                    Some(color),
                    None,
                );
                labels.obstacle(lo, across - thick / 2.0, hi, across + thick / 2.0);
            }
            c.end();
            if let Some(l) = r.label.as_ref().filter(|_| !labels.full()) {
                let (mark, at) = if vertical {
                    ((across, lo), (across + thick / 2.0 + 4.0 * s, lo))
                } else {
                    ((hi, across), (hi + 6.0 * s, across))
                };
                labels.add(l.text(i), mark, at, palette::DARK);
            }
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_rule(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        r: &Resolved,
        labels: &mut Labels,
    ) {
        let l = r.layer;
        let s = self.font;
        let paint = Paint::solid(l.fixed.unwrap_or(palette::DARK)).with_alpha(l.opacity);
        let text_color = l.fixed.unwrap_or(palette::DARK);
        match (l.mark, &l.at) {
            (Mark::RuleX, Some(at)) => {
                let x = match at {
                    At::Category(cat) => self.x_band(f, cat).map(|(a, w)| a + w / 2.0),
                    _ => at_value(&l.at).map(|v| self.px(f, v)),
                };
                let Some(x) = x else { return };
                c.begin(l.text.as_deref());
                c.polyline(&[(x, f.y0), (x, f.y1)], paint, 1.5 * s, true);
                c.end();
                labels.obstacle(x - 2.0, f.y0, x + 2.0, f.y1);
                if let Some(t) = &l.text {
                    // Right of the line, or left of it at the right edge.
                    let w = text::width(t, sizes::LABEL * s, false);
                    let lx = if x + 5.0 * s + w > f.x1 {
                        x - 5.0 * s - w
                    } else {
                        x + 5.0 * s
                    };
                    labels.add_fixed(t.clone(), (lx, f.y0 + 10.0 * s), text_color);
                }
            }
            (Mark::RuleY, Some(at)) => {
                let y = match at {
                    At::Category(cat) => self.y_band(f, cat).map(|(a, h)| a + h / 2.0),
                    _ => at_value(&l.at).map(|v| self.py(f, v)),
                };
                let Some(y) = y else { return };
                c.begin(l.text.as_deref());
                c.polyline(&[(f.x0, y), (f.x1, y)], paint, 1.5 * s, true);
                c.end();
                labels.obstacle(f.x0, y - 2.0, f.x1, y + 2.0);
                if let Some(t) = &l.text {
                    let w = text::width(t, sizes::LABEL * s, false);
                    labels.add_fixed(t.clone(), (f.x1 - w - 4.0 * s, y - 11.0 * s), text_color);
                }
            }
            _ => {}
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_texts(&self, f: &Frame, r: &Resolved, rows: &[usize], labels: &mut Labels) {
        let (Some(xc), Some(yc), Some(lc)) = (&r.x, &r.y, &r.label) else {
            return;
        };
        let (dx, dy) = r.layer.nudge;
        for &i in rows.iter().take(MAX_LABELS) {
            let (Some(x), Some(y)) = (self.pos_x(f, xc, i), self.pos_y(f, yc, i)) else {
                continue;
            };
            let (x, y) = (x + dx * self.font, y + dy * self.font);
            let color = match (&r.color, r.layer.fixed) {
                (None, None) => palette::BLACK,
                _ => self.color_of(r, i),
            };
            // Centred on (x, y) if it is clear there, else moved clear.
            labels.add_centred(lc.text(i), (x, y), color);
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_heat(&self, c: &mut dyn Canvas, f: &Frame, r: &Resolved, rows: &[usize]) {
        let (Some(xc), Some(yc)) = (&r.x, &r.y) else {
            return;
        };
        let s = self.font;
        let mut done: HashSet<(u32, u32)> = HashSet::new();
        for &i in rows {
            let (Some(xl), Some(yl)) = (xc.level(i), yc.level(i)) else {
                continue;
            };
            let (Some((x, w)), Some((y, h))) = (self.x_band(f, xl), self.y_band(f, yl)) else {
                continue;
            };
            let key = (xc.codes[i].unwrap_or(0), yc.codes[i].unwrap_or(0));
            if !done.insert(key) {
                continue;
            }
            let fill = match &r.color {
                Some(_) => theme::tint(self.color_of(r, i), 0.55),
                None => palette::LIGHT,
            };
            c.begin(self.tooltip(r, i).as_deref());
            c.rect(
                x + 2.0,
                y + 2.0,
                x + w - 2.0,
                y + h - 2.0,
                Some(Paint::solid(fill)),
                None,
            );
            if let Some(l) = &r.label {
                let size = sizes::LABEL * s;
                let lines = text::wrap(
                    &l.text(i),
                    size,
                    false,
                    w - 12.0 * s,
                    ((h - 6.0) / (size * 1.25)).floor().max(1.0) as usize,
                );
                let n = lines.len() as f64;
                for (k, line) in lines.iter().enumerate() {
                    let ly = y + h / 2.0 + (k as f64 - (n - 1.0) / 2.0) * size * 1.25;
                    c.text(
                        line,
                        (x + w / 2.0, ly),
                        self.look(sizes::LABEL, false, palette::BLACK),
                        Anchor::Centre,
                        false,
                    );
                }
            }
            c.end();
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn legend_entries(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        let title = self.color_title.clone().unwrap_or_default();
        // Only layers that keep their legend (not `no_legend`) are in it.
        let in_legend: Vec<&Resolved> = self.layers.iter().filter(|r| r.layer.legend).collect();
        let shown: HashSet<&str> = in_legend
            .iter()
            .filter_map(|r| {
                let c = r.color.as_ref().filter(|c| c.kind == Kind::Category)?;
                Some(r.rows.iter().filter_map(move |&i| {
                    let k = c.codes.get(i).copied().flatten()?;
                    c.levels.get(k as usize).map(String::as_str)
                }))
            })
            .flatten()
            .collect();
        let ramp_shown = in_legend.iter().any(|r| r.color.is_some());
        match &self.colors {
            Colors::Levels(levels)
                if (!title.is_empty() || self.plot.color_title.is_some()) && !shown.is_empty() =>
            {
                let kind = in_legend
                    .iter()
                    .find(|r| r.color.is_some())
                    .map(|r| r.layer.mark);
                if !title.is_empty() {
                    out.push(Entry::Title(format!("{title}:")));
                }
                for (l, c) in levels.iter().filter(|(l, _)| shown.contains(l.as_str())) {
                    out.push(Entry::Color(l.clone(), *c, kind.unwrap_or(Mark::Bar)));
                }
            }
            Colors::Ramp(lo, hi) if ramp_shown => {
                out.push(Entry::Title(format!("{title}:")));
                out.push(Entry::Ramp(*lo, *hi));
            }
            _ => {}
        }
        let shape_col = in_legend
            .iter()
            .find_map(|r| r.shape.as_ref().map(|c| c.name.clone()));
        if let Some(name) = shape_col {
            let literal = self.shapes.iter().all(|(l, s)| l == s);
            if !literal {
                if self.plot.shape_map.is_empty() {
                    out.push(Entry::Title(format!("{name}:")));
                }
                for (l, s) in &self.shapes {
                    out.push(Entry::Shape(l.clone(), s.clone()));
                }
            }
        }
        out
    }
}

impl<'a> Scene<'a> {
    pub(super) fn entry_width(&self, e: &Entry) -> f64 {
        let s = self.font;
        let size = sizes::LEGEND * s;
        match e {
            Entry::Title(t) => text::width(t, size, true) + 12.0 * s,
            Entry::Color(l, _, _) | Entry::Shape(l, _) => {
                24.0 * s
                    + text::width(&text::fit(l, size, false, 520.0 * s), size, false)
                    + 22.0 * s
            }
            Entry::Ramp(..) => 260.0 * s,
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn layout_legend<'e>(
        &self,
        entries: &'e [Entry],
        width: f64,
    ) -> Vec<Vec<(f64, &'e Entry)>> {
        let mut rows: Vec<Vec<(f64, &Entry)>> = vec![Vec::new()];
        let mut x = 0.0;
        for e in entries {
            let w = self.entry_width(e);
            if x + w > width && x > 0.0 && rows.len() < 4 {
                rows.push(Vec::new());
                x = 0.0;
            }
            if let Some(row) = rows.last_mut() {
                row.push((x, e));
            }
            x += w;
        }
        rows
    }
}
