//! Fitting a scene: the layers' columns read into scales, colours, shapes and panels.

#[allow(unused_imports)]
use super::*;

impl Colors {
    pub(super) fn of_level(&self, level: &str) -> Option<RGBColor> {
        match self {
            Colors::Levels(l) => l.iter().find(|(n, _)| n == level).map(|(_, c)| *c),
            _ => None,
        }
    }

    pub(super) fn of_number(&self, v: f64) -> Option<RGBColor> {
        match self {
            Colors::Ramp(lo, hi) => {
                let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
                Some(theme::tint(palette::BLUE, 0.85 * (1.0 - t.clamp(0.0, 1.0))))
            }
            _ => None,
        }
    }
}

pub(super) fn need(layer: &Layer, what: &Option<String>, which: &str) -> Result<String> {
    what.clone()
        .ok_or_else(|| Error::Invalid(format!("a {:?} mark needs a {which} column", layer.mark)))
}

/// A canvas that draws nothing: the first drawing, which finds the labels
/// that have no clear place.
struct Nowhere;

impl Canvas for Nowhere {
    fn rect(&mut self, _: f64, _: f64, _: f64, _: f64, _: Option<Paint>, _: Option<(Paint, f64)>) {}
    fn polyline(&mut self, _: &[(f64, f64)], _: Paint, _: f64, _: bool) {}
    fn polygon(&mut self, _: &[(f64, f64)], _: Paint) {}
    fn circle(&mut self, _: (f64, f64), _: f64, _: Option<Paint>, _: Option<(Paint, f64)>) {}
    fn text(&mut self, _: &str, _: (f64, f64), _: Look, _: Anchor, _: bool) {}
    fn begin(&mut self, _: Option<&str>) {}
    fn end(&mut self) {}
}

impl<'a> Scene<'a> {
    /// Settles the labels: a first drawing (on no canvas) finds those with
    /// no place clear of the marks and the other labels; they are left out
    /// of the drawing that is kept, and a note names them. The note grows
    /// the figure rather than shrinking the panels, so every other label
    /// falls where the first drawing put it.
    pub(super) fn settle(mut self) -> Result<Scene<'a>> {
        let labelled = self
            .layers
            .iter()
            .any(|r| r.label.is_some() || r.layer.mark == Mark::Text || r.layer.text.is_some());
        if labelled && !self.empty {
            self.draw(&mut Nowhere)?;
            // A poisoned lock (a panic while drawing) still holds whole
            // entries.
            let out = std::mem::take(self.left_out.get_mut().unwrap_or_else(|e| e.into_inner()));
            if !out.is_empty() {
                self.skip = out.iter().map(|(p, i, _)| (*p, *i)).collect();
                self.late_notes.push(left_out_note(&out));
            }
        }
        self.settled = true;
        Ok(self)
    }
}

/// "3 labels left out (no place clear of the marks and other labels):
/// Ukraine, Gaza, Korea."
fn left_out_note(out: &[(usize, usize, String)]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for (_, _, t) in out {
        if !names.contains(&t.as_str()) {
            names.push(t);
        }
    }
    let shown = names.iter().take(6).copied().collect::<Vec<_>>().join(", ");
    let more = if names.len() > 6 {
        format!(" and {} more", names.len() - 6)
    } else {
        String::new()
    };
    format!(
        "{} label{} left out (no place clear of the marks and the other labels): {shown}{more}.",
        out.len(),
        if out.len() == 1 { "" } else { "s" }
    )
}

impl<'a> Scene<'a> {
    /// The domains of continuous axes, from every layer's values.
    pub(super) fn fit_continuous(
        &mut self,
        x_kind: Option<Kind>,
        y_kind: Option<Kind>,
    ) -> Result<()> {
        let mut xs: Vec<f64> = Vec::new();
        let mut ys: Vec<f64> = Vec::new();
        let mut x_zero = false;
        let mut y_zero = false;
        for r in &self.layers {
            let l = r.layer;
            let vals = |c: &Option<Channel>, out: &mut Vec<f64>| {
                if let Some(c) = c.as_ref().filter(|c| c.kind != Kind::Category) {
                    out.extend(
                        r.rows
                            .iter()
                            .filter_map(|&i| c.values.get(i).copied().flatten()),
                    );
                }
            };
            match l.mark {
                Mark::Bar => {
                    // The measure axis runs from zero to the largest stack.
                    let stacks = bar_extent(r);
                    if r.horizontal {
                        x_zero = true;
                        xs.extend(stacks);
                        vals(&r.y, &mut ys);
                    } else {
                        y_zero = true;
                        ys.extend(stacks);
                        vals(&r.x, &mut xs);
                    }
                }
                Mark::Histogram => {
                    vals(&r.x, &mut xs);
                    y_zero = true;
                    ys.push(0.0);
                }
                Mark::Line | Mark::Step if l.cumulative => {
                    vals(&r.x, &mut xs);
                    ys.extend(cumulative_extent(r));
                }
                Mark::RuleX => {
                    if let Some(v) = at_value(&l.at) {
                        xs.push(v);
                    }
                }
                Mark::RuleY => {
                    if let Some(v) = at_value(&l.at) {
                        ys.push(v);
                    }
                }
                Mark::Interval => {
                    vals(&r.x, &mut xs);
                    vals(&r.end, &mut xs);
                    vals(&r.y, &mut ys);
                }
                Mark::Range | Mark::Ribbon => {
                    vals(&r.x, &mut xs);
                    vals(&r.y, &mut ys);
                    vals(&r.end, &mut ys);
                }
                _ => {
                    vals(&r.x, &mut xs);
                    vals(&r.y, &mut ys);
                }
            }
        }
        if let Some(k) = x_kind.filter(|k| *k != Kind::Category) {
            self.x = continuous(
                k,
                &xs,
                &self.plot.x,
                x_zero,
                self.plot.size.0 as f64 / 110.0,
            )?;
        }
        // A histogram's bars are as tall as its bins' counts, known once
        // the x scale is: the y axis must reach the tallest stack, of the
        // rows each panel draws (facets share the axis).
        for r in self
            .layers
            .iter()
            .filter(|r| r.layer.mark == Mark::Histogram)
        {
            let mut stacks = |rows: &[usize]| {
                if let Some(b) = self.bins(r, rows) {
                    ys.extend(
                        b.counts
                            .iter()
                            .map(|c| c.values().map(|v| v.0).sum::<usize>() as f64),
                    );
                }
            };
            match &r.facet {
                None => stacks(&r.rows),
                Some(c) => {
                    let mut panels: HashMap<String, Vec<usize>> = HashMap::new();
                    for &i in &r.rows {
                        panels.entry(c.text(i)).or_default().push(i);
                    }
                    panels.values().for_each(|rows| stacks(rows));
                }
            }
        }
        if let Some(k) = y_kind.filter(|k| *k != Kind::Category) {
            self.y = continuous(k, &ys, &self.plot.y, y_zero, self.plot.size.1 as f64 / 90.0)?;
        }
        Ok(())
    }
}

impl<'a> Scene<'a> {
    pub(super) fn fit_colors(&mut self) {
        // Every coloured layer is coloured; `no_legend` only keeps a
        // layer's colours out of the legend (see `legend_entries`).
        let channels: Vec<&Channel> = self
            .layers
            .iter()
            .filter_map(|r| r.color.as_ref())
            .collect();
        if channels.is_empty() {
            return;
        }
        let first_name = self
            .layers
            .iter()
            .filter(|r| r.layer.legend)
            .find_map(|r| r.color.as_ref())
            .or(channels.first().copied())
            .map(|c| c.name.clone());
        if channels.iter().all(|c| c.kind != Kind::Category) {
            let vals: Vec<f64> = self
                .layers
                .iter()
                .filter_map(|r| r.color.as_ref().map(|c| (r, c)))
                .flat_map(|(r, c)| {
                    r.rows
                        .iter()
                        .filter_map(|&i| c.values.get(i).copied().flatten())
                })
                .collect();
            let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo.is_finite() {
                self.colors = Colors::Ramp(lo, hi);
            }
            if self.color_title.is_none() {
                self.color_title = first_name;
            }
            return;
        }
        // Category levels in use, in Enum order or first appearance.
        let mut levels: Vec<String> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for r in &self.layers {
            let Some(c) = r.color.as_ref().filter(|c| c.kind == Kind::Category) else {
                continue;
            };
            let used: HashSet<u32> = r
                .rows
                .iter()
                .filter_map(|&i| c.codes.get(i).copied().flatten())
                .collect();
            for (k, l) in c.levels.iter().enumerate() {
                if used.contains(&(k as u32)) && seen.insert(l.clone()) {
                    levels.push(l.clone());
                }
            }
        }
        let literal = !levels.is_empty() && levels.iter().all(|l| parse_hex(l).is_some());
        let house = self.plot.theme.colors_for(&levels);
        let mut k = 0;
        let mapped = &self.plot.color_map;
        let colors = levels
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let c = if literal {
                    parse_hex(&l)
                } else if let Some((_, c)) = mapped.iter().find(|(n, _)| *n == l) {
                    Some(*c)
                } else {
                    house.as_ref().and_then(|h| h.get(i).copied())
                };
                let c = c.unwrap_or_else(|| {
                    let c = palette::CATEGORICAL[k % palette::CATEGORICAL.len()];
                    k += 1;
                    c
                });
                (l, c)
            })
            .collect();
        self.colors = Colors::Levels(colors);
        if literal {
            // Literal colours explain nothing in a legend.
            self.color_title = Some(String::new());
        }
        if self.color_title.is_none() {
            self.color_title = first_name;
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn fit_shapes(&mut self) {
        let mut levels: Vec<String> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for r in &self.layers {
            if let Some(c) = r.shape.as_ref().filter(|c| c.kind == Kind::Category) {
                for l in &c.levels {
                    if seen.insert(l) {
                        levels.push(l.clone());
                    }
                }
            }
        }
        let literal = !levels.is_empty() && levels.iter().all(|l| SHAPES.contains(&l.as_str()));
        let mapped = &self.plot.shape_map;
        let mut k = 0;
        self.shapes = levels
            .into_iter()
            .map(|l| {
                let s = if literal {
                    l.clone()
                } else if let Some((_, s)) = mapped.iter().find(|(n, _)| *n == l) {
                    s.clone()
                } else {
                    k += 1;
                    SHAPES[(k - 1) % SHAPES.len()].to_string()
                };
                (l, s)
            })
            .collect();
    }
}

impl<'a> Scene<'a> {
    pub(super) fn fit_panels(&mut self) {
        let Some(name) = &self.plot.facet else {
            return;
        };
        let mut levels: Vec<String> = Vec::new();
        let mut taken: HashSet<String> = HashSet::new();
        for r in &self.layers {
            if let Some(c) = &r.facet {
                // Sets, not scans: facets of a million rows were quadratic.
                let used: HashSet<String> = r.rows.iter().map(|&i| c.text(i)).collect();
                let mut ordered: Vec<String> = c.levels.clone();
                if c.kind != Kind::Category {
                    ordered = used.iter().cloned().collect();
                    ordered.sort_by(|a, b| natural(a, b));
                } else if !c.ordered {
                    ordered.sort_by(|a, b| natural(a, b));
                }
                for l in ordered {
                    if used.contains(&l) && taken.insert(l.clone()) {
                        levels.push(l);
                    }
                }
            }
        }
        if levels.len() > 16 {
            self.notes.push(format!(
                "Showing the first 16 of {} panels of '{name}'.",
                levels.len()
            ));
            levels.truncate(16);
        }
        if !levels.is_empty() {
            self.panels = levels.into_iter().map(Some).collect();
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn color_of(&self, r: &Resolved, row: usize) -> RGBColor {
        if let Some(c) = r.layer.fixed {
            return c;
        }
        match &r.color {
            Some(ch) if ch.kind == Kind::Category => ch
                .level(row)
                .and_then(|l| self.colors.of_level(l))
                .unwrap_or(palette::GREY),
            Some(ch) => ch
                .values
                .get(row)
                .copied()
                .flatten()
                .and_then(|v| self.colors.of_number(v))
                .unwrap_or(palette::GREY),
            None => palette::BLUE,
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn shape_of(&self, r: &Resolved, row: usize) -> &str {
        match &r.shape {
            Some(ch) => ch
                .level(row)
                .and_then(|l| self.shapes.iter().find(|(n, _)| n == l))
                .map_or("circle", |(_, s)| s.as_str()),
            None => "circle",
        }
    }
}

impl<'a> Scene<'a> {
    /// What a mark shows on hover: the tooltip columns, or its encoded
    /// values.
    pub(super) fn tooltip(&self, r: &Resolved, row: usize) -> Option<String> {
        if r.rows.len() > MAX_TOOLTIPS {
            return None;
        }
        let lines: Vec<String> = if r.tooltips.is_empty() {
            [&r.label, &r.color, &r.y, &r.x, &r.end, &r.size]
                .into_iter()
                .flatten()
                .map(|c| format!("{}: {}", c.name, c.text(row)))
                .collect()
        } else {
            r.tooltips
                .iter()
                .map(|c| format!("{}: {}", c.name, c.text(row)))
                .collect()
        };
        let mut seen = HashSet::new();
        let lines: Vec<String> = lines
            .into_iter()
            .filter(|l| seen.insert(l.clone()))
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }
}

impl<'a> Scene<'a> {
    pub(super) fn look(&self, size: f64, bold: bool, color: RGBColor) -> Look {
        Look {
            size: size * self.font,
            bold,
            paint: Paint::solid(color),
        }
    }
}
