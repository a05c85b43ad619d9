//! A scene made from a plot: the layers' columns read, the rows each can
//! draw kept, the axes' kinds and bands found, the rest fitted (see
//! `fit`), and notes on what the drawing leaves out or thins.

#[allow(unused_imports)]
use super::*;

impl<'a> Scene<'a> {
    pub(super) fn new(plot: &'a Plot) -> Result<Scene<'a>> {
        let mut notes = plot.notes.clone();
        let mut layers = Vec::with_capacity(plot.layers.len());
        for layer in &plot.layers {
            layers.push(resolve(plot, layer)?);
        }
        let x_kind = axis_kind(&layers, x_kinds, "x")?;
        let y_kind = axis_kind(&layers, y_kinds, "y")?;
        for r in &mut layers {
            keep_rows(plot, r, &mut notes);
        }
        let x = first_scale(x_kind, &layers, &plot.x, true, &mut notes);
        let y = first_scale(y_kind, &layers, &plot.y, false, &mut notes);
        drop_off_bands(&mut layers, &x, &y);

        let mut scene = Scene {
            plot,
            layers,
            x,
            y,
            colors: Colors::None,
            color_title: plot.color_title.clone(),
            shapes: Vec::new(),
            panels: vec![None],
            notes,
            caption: String::new(),
            font: (f64::from(plot.size.0) / 1600.0).clamp(0.75, 1.5),
            empty: false,
            late_notes: Vec::new(),
            skip: HashSet::new(),
            left_out: std::sync::Mutex::new(Vec::new()),
            settled: false,
        };
        scene.fit_continuous(x_kind, y_kind)?;
        scene.fit_colors();
        scene.fit_shapes();
        scene.fit_panels();
        scene.caption = match &plot.caption {
            Some(c) => c.clone(),
            None => sources_caption(&scene.layers),
        };
        scene.empty = scene
            .layers
            .iter()
            .all(|r| r.rows.is_empty() && !matches!(r.layer.mark, Mark::RuleX | Mark::RuleY));
        scene.note_thinning();
        Ok(scene)
    }

    /// Notes on what is drawn short of every row: hover text, dense lines,
    /// ribbons and points, labels and text past [`MAX_LABELS`].
    fn note_thinning(&mut self) {
        let untipped = self.layers.iter().any(|r| {
            r.rows.len() > MAX_TOOLTIPS
                && matches!(r.layer.mark, Mark::Point | Mark::Interval | Mark::Range)
        });
        if untipped {
            self.notes.push(format!(
                "Marks carry no hover text past {} rows.",
                thousands(MAX_TOOLTIPS)
            ));
        }
        for r in &self.layers {
            self.notes.extend(thinning_note(r));
            self.notes.extend(labels_note(r));
        }
    }
}

/// The kind of the values on an axis (`pick` lists a layer's), which
/// every mark must share; `None` if no mark puts values on it.
fn axis_kind(
    layers: &[Resolved],
    pick: fn(&Resolved) -> Vec<Kind>,
    axis: &str,
) -> Result<Option<Kind>> {
    let mut kind: Option<Kind> = None;
    for r in layers {
        for k in pick(r) {
            match kind {
                None => kind = Some(k),
                Some(seen) if seen != k => {
                    return Err(Error::Invalid(format!(
                        "the {axis} axis is given {} in one mark and {} in another; give every mark the same kind",
                        seen.name(),
                        k.name()
                    )));
                }
                _ => {}
            }
        }
    }
    Ok(kind)
}

/// Keeps the rows of a layer that can be drawn, noting those left out:
/// rows with an empty value the mark needs, and rows with no place on a
/// log axis. Then the range of a number size over the rows kept.
fn keep_rows(plot: &Plot, r: &mut Resolved, notes: &mut Vec<String>) {
    let total = r.layer.data.height();
    let needed = needed_channels(r);
    let (x_checked, y_checked) = log_checked(r);
    let off_log = |i: usize| {
        (plot.x.log && x_checked.iter().any(|c| positive_fails(c, i)))
            || (plot.y.log && y_checked.iter().any(|c| positive_fails(c, i)))
    };
    let mut rows = Vec::with_capacity(total);
    let mut dropped = 0usize;
    let mut nonpositive = 0usize;
    let mut empty_in = vec![false; needed.len()];
    for i in 0..total {
        let mut null = false;
        for (k, c) in needed.iter().enumerate() {
            if c.is_null(i) {
                empty_in[k] = true;
                null = true;
            }
        }
        if null {
            dropped += 1;
        } else if off_log(i) {
            nonpositive += 1;
        } else {
            rows.push(i);
        }
    }
    if dropped > 0 {
        notes.push(empty_note(&needed, &empty_in, dropped));
    }
    if nonpositive > 0 {
        notes.push(format!(
            "{} row{} at or below zero left out of the log scale.",
            thousands(nonpositive),
            if nonpositive == 1 { "" } else { "s" }
        ));
    }
    r.rows = rows;
    if let Some(ch) = r.size.as_ref().filter(|c| c.kind == Kind::Number) {
        r.size_range = r
            .rows
            .iter()
            .filter_map(|&i| ch.values.get(i).copied().flatten())
            .fold(r.size_range, |(a, b), v| (a.min(v), b.max(v)));
    }
}

/// The channels a log axis needs above zero, on x and on y. An interval
/// or range may start at zero on a log axis ("within 24 hours"): it is
/// drawn from the axis's start. Anything else at or below zero has no
/// place on it.
fn log_checked<'r>(r: &'r Resolved) -> (Vec<&'r Option<Channel>>, Vec<&'r Option<Channel>>) {
    match r.layer.mark {
        Mark::Interval => (vec![&r.end], vec![&r.y]),
        Mark::Range | Mark::Ribbon => (vec![&r.x], vec![&r.end]),
        Mark::Bar if r.horizontal => (vec![], vec![&r.y]),
        Mark::Bar => (vec![&r.x], vec![]),
        _ => (vec![&r.x], vec![&r.y]),
    }
}

/// "12 rows with an empty 'start' or 'end' left out."
fn empty_note(needed: &[&Channel], empty_in: &[bool], dropped: usize) -> String {
    let names: Vec<String> = needed
        .iter()
        .zip(empty_in)
        .filter(|(_, e)| **e)
        .map(|(c, _)| format!("'{}'", c.name))
        .collect();
    let names = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} or {last}", rest.join(", "))
        }
        _ => names.join(""),
    };
    format!(
        "{} row{} with an empty {names} left out.",
        thousands(dropped),
        if dropped == 1 { "" } else { "s" },
    )
}

/// An axis's scale before its domain is fitted: the categories of a band
/// axis (at most [`MAX_BANDS`]); a continuous axis stands at 0 to 1 until
/// `fit_continuous` fits it (and stays so if no mark puts values on it).
fn first_scale(
    kind: Option<Kind>,
    layers: &[Resolved],
    axis: &Axis,
    is_x: bool,
    notes: &mut Vec<String>,
) -> Scale {
    match kind {
        Some(Kind::Category) => band_scale(layers, axis, is_x, notes),
        _ => Scale::Linear {
            lo: 0.0,
            hi: 1.0,
            format: NumberFormat::Plain,
        },
    }
}

/// Rows whose category fell off a band axis are not drawn.
fn drop_off_bands(layers: &mut [Resolved], x: &Scale, y: &Scale) {
    let keep = |ch: &Option<Channel>, s: &Scale, row: usize| {
        ch.as_ref()
            .filter(|c| c.kind == Kind::Category && s.is_band())
            .and_then(|c| c.level(row))
            .is_none_or(|l| s.index_of(l).is_some())
    };
    for r in layers {
        r.rows.retain(|&i| keep(&r.x, x, i) && keep(&r.y, y, i));
    }
}

/// What a layer too dense to draw mark by mark keeps of its rows.
fn thinning_note(r: &Resolved) -> Option<String> {
    let n = r.rows.len();
    // Lines and ribbons are thinned one by one (see draw_lines).
    let dense = || {
        n > 4 * THIN_FROM
            && groups(r, &r.rows)
                .iter()
                .any(|(_, g)| g.len() > 4 * THIN_FROM)
    };
    match r.layer.mark {
        Mark::Line | Mark::Step if dense() => Some(format!(
            "{} rows: a line keeps, in each pixel column, its first, lowest, highest and last point.",
            thousands(n)
        )),
        Mark::Ribbon if dense() => Some(format!(
            "{} rows: the band spans, in each pixel column, the least low to the greatest high of its rows.",
            thousands(n)
        )),
        Mark::Point if n > THIN_FROM => Some(format!(
            "{} points: where marks would cover one another (within a mark's radius), only the last is drawn.",
            thousands(n)
        )),
        _ => None,
    }
}

/// Which labels (or text marks) past [`MAX_LABELS`] are drawn.
fn labels_note(r: &Resolved) -> Option<String> {
    let n = r.rows.len();
    match r.layer.mark {
        Mark::Text if n > MAX_LABELS => Some(format!(
            "Text of the first {MAX_LABELS} of {} rows only.",
            thousands(n)
        )),
        Mark::Point if r.label.is_some() && n > MAX_LABELS => Some(format!(
            "Labels on at most {MAX_LABELS} of the {} points.",
            thousands(n)
        )),
        _ => None,
    }
}
