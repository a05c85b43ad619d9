//! Drawing a scene: its texts, panels and axes, and its layers in turn
//! (the bars in `bars`, the other marks in `marks`).

#[allow(unused_imports)]
use super::*;

/// Line heights, at a font scale of 1: a title's first line takes 44 px
/// with the space below it.
const TITLE_LINE: f64 = 36.0;
const SUBTITLE_LINE: f64 = 26.0;
const NOTE_LINE: f64 = 21.0;

/// The title, subtitle, notes and caption, wrapped to the chart's width.
pub(super) struct Texts {
    title: Vec<String>,
    subtitle: Vec<String>,
    notes: Vec<Vec<String>>,
    /// Notes found by drawing ([`Scene::settle`]).
    late: Vec<Vec<String>>,
    caption: Vec<String>,
}

impl<'a> Scene<'a> {
    /// The texts around the panels, wrapped (never cut) to the width.
    pub(super) fn texts(&self) -> Texts {
        let s = self.font;
        let width = f64::from(self.plot.size.0) - 2.0 * sizes::MARGIN * s;
        let wrap = |t: &str, size: f64, bold: bool| text::wrap_all(t, size * s, bold, width);
        let mut seen = HashSet::new();
        Texts {
            title: self
                .plot
                .title
                .as_deref()
                .map_or(Vec::new(), |t| wrap(t, sizes::TITLE, true)),
            subtitle: self
                .plot
                .subtitle
                .as_deref()
                .map_or(Vec::new(), |t| wrap(t, sizes::SUBTITLE, false)),
            notes: self
                .notes
                .iter()
                .filter(|n| seen.insert(n.as_str()))
                .map(|n| wrap(n, sizes::CAPTION, false))
                .collect(),
            late: self
                .late_notes
                .iter()
                .map(|n| wrap(n, sizes::CAPTION, false))
                .collect(),
            caption: if self.caption.is_empty() {
                Vec::new()
            } else {
                wrap(&self.caption, sizes::CAPTION, false)
            },
        }
    }

    /// The figure's height: the height asked for, grown by every line of
    /// text past the first of each block and by the notes found in
    /// drawing, so that the panels keep the size they would have with
    /// one-line texts, and no text is cut.
    pub(super) fn height(&self) -> u32 {
        let t = self.texts();
        let s = self.font;
        let extra = |lines: &Vec<String>, h: f64| lines.len().saturating_sub(1) as f64 * h;
        let grow = extra(&t.title, TITLE_LINE)
            + extra(&t.subtitle, SUBTITLE_LINE)
            + t.notes.iter().map(|n| extra(n, NOTE_LINE)).sum::<f64>()
            + t.late
                .iter()
                .map(|n| n.len() as f64 * NOTE_LINE)
                .sum::<f64>()
            + extra(&t.caption, NOTE_LINE);
        self.plot.size.1 + (grow * s).ceil() as u32
    }

    pub(super) fn draw(&self, c: &mut dyn Canvas) -> Result<()> {
        let (w, h) = (f64::from(self.plot.size.0), f64::from(self.height()));
        let s = self.font;
        let margin = sizes::MARGIN * s;
        let texts = self.texts();
        c.rect(
            0.0,
            0.0,
            w,
            h,
            Some(Paint::solid(RGBColor(255, 255, 255))),
            None,
        );
        // Top: title, subtitle, notes.
        let mut top = 22.0 * s;
        for (k, line) in texts.title.iter().enumerate() {
            c.text(
                line,
                (margin, top),
                self.look(sizes::TITLE, true, palette::BLACK),
                Anchor::TopLeft,
                false,
            );
            top += if k + 1 == texts.title.len() {
                44.0
            } else {
                TITLE_LINE
            } * s;
        }
        for line in &texts.subtitle {
            c.text(
                line,
                (margin, top),
                self.look(sizes::SUBTITLE, false, palette::DARK),
                Anchor::TopLeft,
                false,
            );
            top += SUBTITLE_LINE * s;
        }
        for line in texts.notes.iter().chain(&texts.late).flatten() {
            c.text(
                line,
                (margin, top),
                self.look(sizes::CAPTION, false, palette::GREY),
                Anchor::TopLeft,
                false,
            );
            top += NOTE_LINE * s;
        }
        top += 14.0 * s;
        // Bottom: caption, then the legend above it.
        let mut bottom = h - 18.0 * s;
        if !texts.caption.is_empty() {
            let n = texts.caption.len();
            for (k, line) in texts.caption.iter().enumerate() {
                c.text(
                    line,
                    (
                        margin,
                        bottom - 4.0 * s - (n - 1 - k) as f64 * NOTE_LINE * s,
                    ),
                    self.look(sizes::CAPTION, false, palette::GREY),
                    Anchor::Left,
                    false,
                );
            }
            bottom -= 30.0 * s + (n - 1) as f64 * NOTE_LINE * s;
        }
        let legend = self.legend_entries();
        if !legend.is_empty() {
            let rows = self.layout_legend(&legend, w - 2.0 * margin);
            let row_h = 28.0 * s;
            let legend_top = bottom - row_h * rows.len() as f64;
            for (k, row) in rows.iter().enumerate() {
                let y = legend_top + row_h * (k as f64 + 0.5);
                for (x, entry) in row {
                    self.draw_legend_entry(c, entry, (margin + x, y));
                }
            }
            bottom = legend_top - 6.0 * s;
        }
        // The panels.
        let area = (margin, top, w - margin, bottom);
        if self.empty {
            c.text(
                "No rows to draw",
                ((area.0 + area.2) / 2.0, (area.1 + area.3) / 2.0),
                self.look(sizes::SUBTITLE, false, palette::GREY),
                Anchor::Centre,
                false,
            );
            return Ok(());
        }
        self.draw_panels(c, area)
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_panels(&self, c: &mut dyn Canvas, area: (f64, f64, f64, f64)) -> Result<()> {
        let s = self.font;
        let n = self.panels.len();
        let cols = self
            .plot
            .facet_columns
            .unwrap_or_else(|| (n as f64).sqrt().ceil() as usize)
            .clamp(1, n.max(1));
        let rows = n.div_ceil(cols);
        // Room for the axes: y labels on the left, x labels at the bottom.
        let label = sizes::LABEL;
        let y_ticks = self
            .y
            .ticks(((area.3 - area.1) / rows as f64).max(50.0), 55.0 * s);
        let y_label_w = if self.plot.y.hidden {
            0.0
        } else if self.y.is_band() {
            let longest = y_ticks
                .iter()
                .map(|t| text::width(&t.label, label * s, false))
                .fold(0.0, f64::max);
            longest.min((area.2 - area.0) * 0.45) + 12.0 * s
        } else {
            y_ticks
                .iter()
                .map(|t| text::width(&t.label, label * s, false))
                .fold(0.0, f64::max)
                + 12.0 * s
        };
        let y_title = self.y_title();
        let y_title_w = if y_title.is_empty() || self.y.is_band() {
            0.0
        } else {
            26.0 * s
        };
        let x_title = self.x_title();
        let x_area_h = 26.0 * s + if x_title.is_empty() { 0.0 } else { 28.0 * s };
        let header_h = if self.plot.facet.is_some() {
            30.0 * s
        } else {
            0.0
        };
        let gap = if n > 1 { 24.0 * s } else { 0.0 };
        let left = area.0 + y_title_w + y_label_w;
        let right = area.2 - 10.0 * s;
        let pw = ((right - left) - gap * (cols as f64 - 1.0)) / cols as f64;
        let ph =
            ((area.3 - area.1 - x_area_h) - (gap + header_h) * rows as f64 + gap) / rows as f64;
        if pw < 20.0 || ph < 20.0 {
            return Err(Error::Invalid(format!(
                "the chart is too small for its {n} panel{} and labels; give it more room with .size(w, h)",
                if n == 1 { "" } else { "s" }
            )));
        }
        if !y_title.is_empty() && !self.y.is_band() {
            c.text(
                &y_title,
                (
                    area.0 + 8.0 * s,
                    area.1 + (area.3 - area.1 - x_area_h) / 2.0,
                ),
                self.look(sizes::AXIS_TITLE, false, palette::BLACK),
                Anchor::Centre,
                true,
            );
        }
        for (k, panel) in self.panels.iter().enumerate() {
            let (col, row) = (k % cols, k / cols);
            let x0 = left + col as f64 * (pw + gap);
            let y0 = area.1 + row as f64 * (ph + gap + header_h) + header_h;
            let frame = Frame {
                x0,
                y0,
                x1: x0 + pw,
                y1: y0 + ph,
            };
            if let Some(p) = panel {
                let t = text::fit(p, sizes::AXIS_TITLE * s, true, pw);
                c.text(
                    &t,
                    (x0, y0 - header_h / 2.0),
                    self.look(sizes::AXIS_TITLE, true, palette::BLACK),
                    Anchor::Left,
                    false,
                );
            }
            let show_y = col == 0 && !self.plot.y.hidden;
            let show_x = row + 1 == rows || k + cols >= n;
            self.draw_axes(c, &frame, show_x, show_y, y_label_w);
            self.draw_layers(c, &frame, k, panel.as_deref())?;
        }
        if !x_title.is_empty() {
            c.text(
                &x_title,
                ((left + right) / 2.0, area.3 - 12.0 * s),
                self.look(sizes::AXIS_TITLE, false, palette::BLACK),
                Anchor::Centre,
                false,
            );
        }
        Ok(())
    }
}

impl<'a> Scene<'a> {
    pub(super) fn x_title(&self) -> String {
        if let Some(t) = &self.plot.x.title {
            return t.clone();
        }
        self.layers
            .iter()
            .find_map(|r| match r.layer.mark {
                Mark::Bar if r.horizontal => r.x.as_ref().map(|c| c.name.clone()),
                Mark::Heat => None,
                _ => r.x.as_ref().map(|c| c.name.clone()),
            })
            .unwrap_or_default()
    }
}

impl<'a> Scene<'a> {
    pub(super) fn y_title(&self) -> String {
        if let Some(t) = &self.plot.y.title {
            return t.clone();
        }
        self.layers
            .iter()
            .find_map(|r| match r.layer.mark {
                Mark::Histogram => Some("count".to_string()),
                Mark::Heat => None,
                Mark::Range | Mark::Ribbon => None,
                _ => r.y.as_ref().map(|c| c.name.clone()),
            })
            .unwrap_or_default()
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_axes(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        show_x: bool,
        show_y: bool,
        y_label_w: f64,
    ) {
        let s = self.font;
        let light = Paint::solid(theme::tint(palette::GREY, 0.82));
        let axis = Paint::solid(theme::tint(palette::GREY, 0.4));
        let label_look = self.look(sizes::LABEL, false, palette::BLACK);
        let x_ticks = self.x.ticks(f.x1 - f.x0, 95.0 * s);
        let y_ticks = self.y.ticks(f.y1 - f.y0, 55.0 * s);
        if !self.x.is_band() {
            for t in &x_ticks {
                let x = f.x0 + t.at * (f.x1 - f.x0);
                c.polyline(&[(x, f.y0), (x, f.y1)], light, 1.0, false);
            }
        }
        if !self.y.is_band() {
            for t in &y_ticks {
                let y = f.y1 - t.at * (f.y1 - f.y0);
                c.polyline(&[(f.x0, y), (f.x1, y)], light, 1.0, false);
            }
        }
        c.polyline(&[(f.x0, f.y1), (f.x1, f.y1)], axis, 1.0, false);
        if !self.y.is_band() {
            c.polyline(&[(f.x0, f.y0), (f.x0, f.y1)], axis, 1.0, false);
        }
        if show_x {
            let band_w = if self.x.is_band() {
                (f.x1 - f.x0) / x_ticks.len().max(1) as f64
            } else {
                f64::MAX
            };
            let mut last_right = f64::NEG_INFINITY;
            for t in &x_ticks {
                let x = f.x0 + t.at * (f.x1 - f.x0);
                let label = text::fit(&t.label, sizes::LABEL * s, false, band_w.min(220.0 * s));
                let wl = text::width(&label, sizes::LABEL * s, false);
                // Labels that would overlap the previous one are skipped.
                if x - wl / 2.0 < last_right + 6.0 * s {
                    continue;
                }
                c.polyline(&[(x, f.y1), (x, f.y1 + 5.0 * s)], axis, 1.0, false);
                c.text(&label, (x, f.y1 + 8.0 * s), label_look, Anchor::Top, false);
                last_right = x + wl / 2.0;
            }
        }
        if show_y {
            let band_h = if self.y.is_band() {
                (f.y1 - f.y0) / y_ticks.len().max(1) as f64
            } else {
                f64::MAX
            };
            let size = if band_h < sizes::LABEL * s * 1.3 {
                (band_h / 1.3).max(8.0)
            } else {
                sizes::LABEL * s
            };
            let mut last_y = f64::INFINITY;
            for t in &y_ticks {
                // Bands run from the top; numbers from the bottom.
                let y = if self.y.is_band() {
                    f.y0 + t.at * (f.y1 - f.y0)
                } else {
                    f.y1 - t.at * (f.y1 - f.y0)
                };
                if (last_y - y).abs() < size * 1.1 && !self.y.is_band() {
                    continue;
                }
                let label = text::fit(&t.label, size, false, y_label_w - 12.0 * s);
                c.text(
                    &label,
                    (f.x0 - 8.0 * s, y),
                    Look { size, ..label_look },
                    Anchor::Right,
                    false,
                );
                last_y = y;
            }
        }
    }
}

impl<'a> Scene<'a> {
    /// A value at or below zero on a log x axis is drawn at the axis's
    /// start.
    pub(super) fn floor_x(&self, v: f64) -> f64 {
        match self.x {
            Scale::Log { lo, .. } if v < lo => lo,
            _ => v,
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn floor_y(&self, v: f64) -> f64 {
        match self.y {
            Scale::Log { lo, .. } if v < lo => lo,
            _ => v,
        }
    }
}

impl<'a> Scene<'a> {
    /// The pixel x of a continuous value.
    pub(super) fn px(&self, f: &Frame, v: f64) -> f64 {
        f.x0 + self.x.unit(v) * (f.x1 - f.x0)
    }
}

impl<'a> Scene<'a> {
    pub(super) fn py(&self, f: &Frame, v: f64) -> f64 {
        f.y1 - self.y.unit(v) * (f.y1 - f.y0)
    }
}

impl<'a> Scene<'a> {
    /// The band of a category on x: left edge and width in pixels.
    pub(super) fn x_band(&self, f: &Frame, level: &str) -> Option<(f64, f64)> {
        let i = self.x.index_of(level)?;
        let (a, w) = self.x.band(i);
        Some((f.x0 + a * (f.x1 - f.x0), w * (f.x1 - f.x0)))
    }
}

impl<'a> Scene<'a> {
    /// The band of a category on y, first level at the top: top edge and
    /// height.
    pub(super) fn y_band(&self, f: &Frame, level: &str) -> Option<(f64, f64)> {
        let i = self.y.index_of(level)?;
        let (a, h) = self.y.band(i);
        Some((f.y0 + a * (f.y1 - f.y0), h * (f.y1 - f.y0)))
    }
}

impl<'a> Scene<'a> {
    /// The pixel position of a row's value on x: a band's centre, or the
    /// value's position.
    pub(super) fn pos_x(&self, f: &Frame, ch: &Channel, row: usize) -> Option<f64> {
        match ch.kind {
            Kind::Category => self.x_band(f, ch.level(row)?).map(|(a, w)| a + w / 2.0),
            _ => Some(self.px(f, ch.values.get(row).copied().flatten()?)),
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn pos_y(&self, f: &Frame, ch: &Channel, row: usize) -> Option<f64> {
        match ch.kind {
            Kind::Category => self.y_band(f, ch.level(row)?).map(|(a, h)| a + h / 2.0),
            _ => Some(self.py(f, ch.values.get(row).copied().flatten()?)),
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn in_panel(&self, r: &Resolved, row: usize, panel: Option<&str>) -> bool {
        match (panel, &r.facet) {
            (Some(p), Some(ch)) => ch.text(row) == p,
            _ => true,
        }
    }
}

impl<'a> Scene<'a> {
    pub(super) fn draw_layers(
        &self,
        c: &mut dyn Canvas,
        f: &Frame,
        number: usize,
        panel: Option<&str>,
    ) -> Result<()> {
        let mut labels = Labels::new(f, self.font, number);
        // Marks are cut at the ends of a domain given with `x_domain` or
        // `y_domain` (one narrower than the data shows what is inside it
        // and no more); a fitted domain holds every mark, caps and all.
        let (x0, x1) = match self.plot.x.domain {
            Some(_) => (f.x0, f.x1),
            None => (f64::NEG_INFINITY, f64::INFINITY),
        };
        let (y0, y1) = match self.plot.y.domain {
            Some(_) => (f.y0, f.y1),
            None => (f64::NEG_INFINITY, f64::INFINITY),
        };
        let mut clipped = super::super::clip::Clipped::new(&mut *c, (x0, y0, x1, y1));
        let m: &mut dyn Canvas = &mut clipped;
        for r in &self.layers {
            let rows: Vec<usize> = r
                .rows
                .iter()
                .copied()
                .filter(|&i| self.in_panel(r, i, panel))
                .collect();
            match r.layer.mark {
                Mark::Bar => self.draw_bars(m, f, r, &rows),
                Mark::Histogram => self.draw_histogram(m, f, r, &rows),
                Mark::Point => self.draw_points(m, f, r, &rows, &mut labels),
                Mark::Line | Mark::Step => self.draw_lines(m, f, r, &rows, &mut labels),
                Mark::Interval | Mark::Range => self.draw_intervals(m, f, r, &rows, &mut labels),
                Mark::Ribbon => self.draw_ribbons(m, f, r, &rows),
                Mark::RuleX | Mark::RuleY => self.draw_rule(m, f, r, &mut labels),
                Mark::Text => self.draw_texts(f, r, &rows, &mut labels),
                Mark::Heat => self.draw_heat(m, f, r, &rows),
            }
        }
        labels.draw(c, self);
        Ok(())
    }
}
