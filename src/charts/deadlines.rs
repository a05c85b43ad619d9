//! Trump's deadlines and pledges: when each was set (○), when it fell due
//! (◆), and what became of it, on a calendar axis. A year-precision date
//! (the 2024 campaign) is drawn as the span of its year.

use chrono::{Datelike, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{fit, font, frame, left, palette, plot_err, right, sources_of, text_at, tint, year_of};
use super::last_day;
use crate::{Dataset, Result};

/// The colour of a deadline's fate.
pub fn fate_color(fate: &str) -> RGBColor {
    match fate {
        "met" => palette::GREEN,
        "missed" => palette::VERMILLION,
        "ignored" => palette::ORANGE,
        "extended" => palette::SKY_BLUE,
        "pending" => palette::BLUE,
        _ => palette::GREY,
    }
}

/// Draws the deadlines chart on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Dataset,
    as_of: NaiveDate,
) -> Result<()> {
    let d = data.table("durations")?;
    let p = data.table("processes")?;
    let process_row = p.lookup("process_id");
    let trump = |r: usize| {
        matches!(d.text("kind", r), Some("deadline" | "pledge"))
            && d.text("process_id", r)
                .and_then(|id| process_row.get(id))
                .is_some_and(|&k| p.text("approach", k) == Some("trump"))
    };
    let mut rows: Vec<usize> = (0..d.height()).filter(|&r| trump(r)).collect();
    rows.sort_by_key(|&r| (d.date("set_date", r), d.text("duration_id", r)));
    let note = super::keep_top(
        &mut rows,
        "deadlines and pledges",
        "the most recently set",
        |r| std::cmp::Reverse(d.date("set_date", r)),
    );
    let dates: Vec<NaiveDate> = rows
        .iter()
        .flat_map(|&r| [d.date("set_date", r), d.date("due_date", r)])
        .flatten()
        .chain([as_of])
        .collect();
    let lo = dates.iter().min().copied().unwrap_or(as_of);
    let hi = dates.iter().max().copied().unwrap_or(as_of);
    let (x0, x1) = (year_of(lo) - 0.08, year_of(hi) + 0.08);

    let sources = sources_of(data, "durations", trump)?;
    let src: Vec<&str> = sources.iter().map(String::as_str).collect();
    let inner = frame(
        area,
        "Two weeks, fifty days, twenty-four hours: Trump's deadlines and what became of them",
        &super::noted(&note, "○ when set, ◆ when due; colour gives the fate. \"Two weeks is the standard unit of time for Mr. Trump to demand results\" (strategic_muddle)."),
        &src,
    )?;
    let (plot, legend_area) = inner.split_vertically(inner.dim_in_pixel().1 - 44);
    let n = rows.len().max(1) as f64;
    let mut chart = ChartBuilder::on(&plot)
        .x_label_area_size(46)
        .y_label_area_size(640)
        .margin_right(40)
        .build_cartesian_2d(x0..x1, 0f64..n)
        .map_err(plot_err)?;
    let fmt = |x: &f64| {
        let year = x.floor() as i32;
        let month = ((x - x.floor()) * 12.0).floor() as u32 + 1;
        NaiveDate::from_ymd_opt(year, month.min(12), 1)
            .map(|d| d.format("%b %Y").to_string())
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_label_formatter(&fmt)
        .x_labels(8)
        .label_style(font(16.0))
        .max_light_lines(2)
        .light_line_style(tint(palette::GREY, 0.9))
        .bold_line_style(tint(palette::GREY, 0.65))
        .draw()
        .map_err(plot_err)?;
    let (ax, ay0) = chart.backend_coord(&(year_of(as_of), n));
    chart
        .draw_series(DashedLineSeries::new(
            [(year_of(as_of), 0.0), (year_of(as_of), n)],
            6,
            5,
            palette::GREY.into(),
        ))
        .map_err(plot_err)?;
    text_at(
        area,
        &format!("as of {as_of}"),
        &right(font(14.0).color(&palette::GREY)),
        (ax - 6, ay0 + 12),
    )?;
    for (i, &r) in rows.iter().enumerate() {
        let y = n - i as f64 - 0.5;
        let fate = d.text("fate", r).unwrap_or("pending");
        let color = fate_color(fate);
        let phrase = d.text("phrase", r).unwrap_or_default();
        let subject = d.text("subject", r).unwrap_or_default();
        let label = fit(area, &format!("“{phrase}” — {subject}"), &font(15.0), 620);
        let (px, py) = chart.backend_coord(&(x0, y));
        text_at(area, &label, &right(font(15.0)), (px - 12, py))?;
        let set = d.date("set_date", r);
        let due = d.date("due_date", r);
        if let (Some(s), Some(e)) = (set, due) {
            chart
                .draw_series([PathElement::new(
                    [(year_of(s), y), (year_of(e), y)],
                    color.stroke_width(3),
                )])
                .map_err(plot_err)?;
        }
        if let Some(s) = set {
            let precision = d.text("set_precision", r).unwrap_or("day");
            if precision != "day" {
                let end = last_day(s, precision);
                chart
                    .draw_series([Rectangle::new(
                        [(year_of(s), y - 0.12), (year_of(end), y + 0.12)],
                        tint(color, 0.55).filled(),
                    )])
                    .map_err(plot_err)?;
            }
            chart
                .draw_series([Circle::new((year_of(s), y), 9, WHITE.filled())])
                .map_err(plot_err)?;
            chart
                .draw_series([Circle::new((year_of(s), y), 9, color.stroke_width(3))])
                .map_err(plot_err)?;
        }
        if let Some(e) = due {
            let (ex, ey) = chart.backend_coord(&(year_of(e), y));
            text_at(
                area,
                "◆",
                &super::centre(font(24.0).color(&color)),
                (ex, ey),
            )?;
            let note = format!("{fate} ({} {})", e.format("%b"), e.year());
            let note_w = area
                .estimate_text_size(&note, &font(15.0))
                .map(|s| s.0 as i32)
                .unwrap_or(120);
            let (_, right_edge) = {
                let (rx, _) = chart.backend_coord(&(x1, y));
                (0, rx)
            };
            // Keep the note on the canvas: after the marker if it fits, else before.
            if ex + 16 + note_w < right_edge {
                text_at(area, &note, &left(font(15.0).color(&color)), (ex + 16, ey))?;
            } else {
                text_at(
                    area,
                    &note,
                    &right(font(15.0).color(&color)),
                    (ex - 16, ey - 22),
                )?;
            }
        }
    }
    super::square_legend(
        &legend_area,
        &["met", "missed", "ignored", "extended", "pending"].map(|k| (fate_color(k), k)),
    )?;
    Ok(())
}
