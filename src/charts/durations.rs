//! Every stated duration, deadline and pledge as an interval on a log day
//! axis from an hour to four years.
//!
//! Exact phrases are dots; vague and hedged ones are bars spanning the
//! interval the phrase allows (see [`crate::phrase`]). A bound beyond the
//! axis ends in an arrow at the edge (a lower bound of zero, as in "within
//! 50 days", points left; "120 years ago" points right). Each row is
//! labelled with its phrase and what it measures; colour gives the kind.

use foldhash::{HashMap, HashMapExt};
use std::cmp::Reverse;

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{fit, font, frame, left, palette, plot_err, right, sources_of, text_at, tint};
use crate::{Dataset, Result};

/// The colour of a duration's kind.
pub fn kind_color(kind: &str) -> RGBColor {
    match kind {
        "deadline" => palette::VERMILLION,
        "pledge" => palette::PURPLE,
        "negotiation" => palette::BLUE,
        "meeting" => palette::GREEN,
        _ => palette::GREY,
    }
}

const XMIN: f64 = 1.0 / 24.0;
const XMAX: f64 = 4.0 * 365.2425;

/// Draws the durations chart on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Dataset,
    _as_of: NaiveDate,
) -> Result<()> {
    let d = data.table("durations")?;
    let mut rows: Vec<usize> = (0..d.height()).collect();
    // Past MAX_ROWS spans, one row per phrase and kind (a phrase gives one
    // interval however often it recurs), labelled with how many there are.
    let mut counts: HashMap<usize, usize> = HashMap::new();
    let mut note = None;
    if rows.len() > super::MAX_ROWS {
        let mut first: HashMap<(&str, &str), usize> = HashMap::new();
        for r in 0..d.height() {
            let key = (
                d.text("phrase", r).unwrap_or_default(),
                d.text("kind", r).unwrap_or_default(),
            );
            *counts.entry(*first.entry(key).or_insert(r)).or_insert(0) += 1;
        }
        rows = counts.keys().copied().collect();
        rows.sort_unstable();
        let grouped = format!(
            "{} spans, one row per phrase and kind.",
            super::thousands(d.height())
        );
        note = Some(
            match super::keep_top(&mut rows, "phrases", "the most frequent", |r| {
                Reverse(counts[&r])
            }) {
                Some(top) => format!("{grouped} {top}"),
                None => grouped,
            },
        );
    }
    let key = |r: usize| {
        let lo = d.number("days_low", r).unwrap_or(0.0);
        let hi = d.number("days_high", r).unwrap_or(0.0);
        ((lo + hi) / 2.0, d.text("duration_id", r))
    };
    rows.sort_by(|&a, &b| {
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let sources = sources_of(data, "durations", |_| true)?;
    let src: Vec<&str> = sources.iter().map(String::as_str).collect();
    let inner = frame(
        area,
        "How long, by their own words: every stated span, deadline and pledge",
        &super::noted(&note, "Each phrase as the interval it allows, from an hour to four years (log scale). Dots are exact; bars are vague or hedged; arrows run past the axis."),
        &src,
    )?;
    let (plot, legend_area) = inner.split_vertically(inner.dim_in_pixel().1 - 44);
    let n = rows.len() as f64;
    let mut chart = ChartBuilder::on(&plot)
        .x_label_area_size(46)
        .y_label_area_size(620)
        .build_cartesian_2d((XMIN..XMAX).log_scale(), 0f64..n)
        .map_err(plot_err)?;
    let fmt = |x: &f64| super::human_days(*x);
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_label_formatter(&fmt)
        .x_desc("length (log scale)")
        .label_style(font(16.0))
        .axis_desc_style(font(17.0))
        .max_light_lines(2)
        .light_line_style(tint(palette::GREY, 0.9))
        .bold_line_style(tint(palette::GREY, 0.65))
        .draw()
        .map_err(plot_err)?;
    // Landmarks: a day, a week, a month, a year.
    for (x, label) in [
        (1.0, "1 day"),
        (7.0, "1 week"),
        (30.436875, "1 month"),
        (365.2425, "1 year"),
    ] {
        chart
            .draw_series(DashedLineSeries::new(
                [(x, 0.0), (x, n)],
                4,
                4,
                tint(palette::GREY, 0.4).into(),
            ))
            .map_err(plot_err)?;
        let (px, py) = chart.backend_coord(&(x, n));
        text_at(
            area,
            label,
            &left(font(14.0).color(&palette::GREY)),
            (px + 4, py + 10),
        )?;
    }
    for (i, &r) in rows.iter().enumerate() {
        let y = n - i as f64 - 0.5;
        let kind = d.text("kind", r).unwrap_or_default();
        let color = kind_color(kind);
        let phrase = d.text("phrase", r).unwrap_or_default();
        let subject = match counts.get(&r) {
            Some(n) => format!("{} × {kind}", super::thousands(*n)),
            None => d.text("subject", r).unwrap_or_default().to_string(),
        };
        let label = fit(area, &format!("“{phrase}” — {subject}"), &font(15.0), 600);
        let (px, py) = chart.backend_coord(&(XMIN, y));
        text_at(area, &label, &right(font(15.0)), (px - 12, py))?;
        let lo = d.number("days_low", r).unwrap_or(0.0);
        let hi = d.number("days_high", r).unwrap_or(0.0);
        let (a, b) = (lo.clamp(XMIN, XMAX), hi.clamp(XMIN, XMAX));
        if lo == hi && (XMIN..=XMAX).contains(&lo) {
            chart
                .draw_series([Circle::new((lo, y), 8, color.filled())])
                .map_err(plot_err)?;
        } else {
            chart
                .draw_series([Rectangle::new(
                    [(a, y - 0.3), (b, y + 0.3)],
                    tint(color, 0.4).filled(),
                )])
                .map_err(plot_err)?;
        }
        if lo < XMIN {
            let (ax, ay) = chart.backend_coord(&(XMIN, y));
            text_at(area, "◀", &left(font(16.0).color(&color)), (ax + 2, ay))?;
        }
        if hi > XMAX {
            let (ax, ay) = chart.backend_coord(&(XMAX, y));
            text_at(area, "▶", &right(font(16.0).color(&color)), (ax - 2, ay))?;
            // Say how far past the axis it runs.
            let beyond = if lo == hi {
                super::human_days(hi)
            } else {
                format!("to {}", super::human_days(hi))
            };
            text_at(area, &beyond, &right(font(14.0)), (ax - 22, ay))?;
        }
    }
    super::square_legend(
        &legend_area,
        &["negotiation", "deadline", "pledge", "meeting", "interval"].map(|k| (kind_color(k), k)),
    )?;
    Ok(())
}
