//! Every process on a relative axis (days since it began): the marathon
//! versus the sprint.
//!
//! A bar per process runs from its start to its end (solid to the shortest
//! length its dates allow, paler to the longest; open processes run to the
//! as-of date and end in an arrow). Meetings are circles (filled for
//! leader-level contact: summits and calls), outcomes are symbols: ▲ an
//! agreement, ★ a prize, ✕ no agreement. Colour tells Kissinger (blue),
//! Trump (vermillion), Roosevelt (green) and the other cases (orange) apart.

use foldhash::{HashMap, HashSet, HashSetExt};
use std::cmp::Reverse;

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    approach_color, centre, fit, font, frame, legend, palette, plot_err, right, sources_of, square,
    text_at, tint,
};
use super::last_day;
use crate::{Dataset, Result};

/// The order processes are listed in: by style, then by start.
pub(crate) fn process_order(data: &Dataset) -> Result<Vec<usize>> {
    let p = data.table("processes")?;
    let rank = |a: Option<&str>| match a {
        Some("kissinger") => 0,
        Some("trump") => 1,
        Some("roosevelt") => 2,
        _ => 3,
    };
    let mut rows: Vec<usize> = (0..p.height())
        .filter(|&r| p.date("start", r).is_some())
        .collect();
    rows.sort_by_key(|&r| {
        (
            rank(p.text("approach", r)),
            p.date("start", r),
            p.text("process_id", r).map(str::to_string),
        )
    });
    Ok(rows)
}

/// Draws the timeline on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Dataset,
    as_of: NaiveDate,
) -> Result<()> {
    let p = data.table("processes")?;
    let m = data.table("meetings")?;
    let o = data.table("outcomes")?;
    let mut rows = process_order(data)?;
    let meetings_of = m.groups("process_id");
    let outcomes_of = o.groups("process_id");
    let of = |groups, r| super::group_of(groups, p.text("process_id", r));
    let note = super::keep_top(
        &mut rows,
        "processes",
        "those with the most meetings",
        |r| Reverse(of(&meetings_of, r).len()),
    );
    let lengths = crate::metrics::processes(data, as_of)?;
    let ids = lengths.column("process_id")?.str()?.clone();
    let lo = lengths.column("days_low")?.i64()?.clone();
    let hi = lengths.column("days_high")?.i64()?.clone();
    let length_by: HashMap<&str, (f64, f64)> = (0..ids.len())
        .filter_map(|i| {
            let l = (lo.get(i).unwrap_or(0) as f64, hi.get(i).unwrap_or(0) as f64);
            Some((ids.get(i)?, l))
        })
        .collect();
    let length_of = |id: &str| length_by.get(id).copied();
    // Long enough for every process shown and its outcomes, prizes included.
    let outcome_days = rows.iter().flat_map(|&r| {
        let start = p.date("start", r);
        of(&outcomes_of, r).iter().filter_map(move |&i| {
            let d = o.date("date", i)?;
            Some(super::days(
                start?,
                last_day(d, o.text("date_precision", i).unwrap_or("day")),
            ))
        })
    });
    let xmax = rows
        .iter()
        .filter_map(|&r| length_of(p.text("process_id", r)?).map(|l| l.1))
        .chain(outcome_days)
        .fold(30.0, f64::max)
        * 1.05;

    let mut sources: Vec<String> = sources_of(data, "processes", |_| true)?;
    sources.extend(sources_of(data, "meetings", |_| true)?);
    sources.extend(sources_of(data, "outcomes", |_| true)?);
    sources.sort();
    sources.dedup();
    let src: Vec<&str> = sources.iter().map(String::as_str).collect();
    let inner = frame(
        area,
        "Marathon or sprint: every negotiation from its first day",
        &super::noted(&note, "Bars: each process from its start (solid: shortest length its dates allow; pale: longest; → still open). Marks: meetings and outcomes."),
        &src,
    )?;
    let (plot, legend_area) = inner.split_vertically(inner.dim_in_pixel().1 - 44);
    let n = rows.len() as f64;
    let mut chart = ChartBuilder::on(&plot)
        .x_label_area_size(46)
        .y_label_area_size(430)
        .build_cartesian_2d(0f64..xmax, 0f64..n)
        .map_err(plot_err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_desc("days since the process began")
        .x_label_formatter(&|x| format!("{}", x.round() as i64))
        .label_style(font(16.0))
        .axis_desc_style(font(17.0))
        .max_light_lines(2)
        .light_line_style(tint(palette::GREY, 0.85))
        .bold_line_style(tint(palette::GREY, 0.6))
        .draw()
        .map_err(plot_err)?;

    let label_px = 410;
    for (i, &r) in rows.iter().enumerate() {
        let y = n - i as f64 - 0.5;
        let id = p.text("process_id", r).unwrap_or_default();
        let color = approach_color(p.text("approach", r).unwrap_or_default());
        let name = fit(
            area,
            p.text("name", r).unwrap_or_default(),
            &font(16.0),
            label_px,
        );
        let (px, py) = chart.backend_coord(&(0.0, y));
        text_at(area, &name, &right(font(16.0)), (px - 12, py))?;
        let Some((l, h)) = length_of(id) else {
            continue;
        };
        let band = 0.28;
        chart
            .draw_series([
                Rectangle::new([(0.0, y - band), (h, y + band)], tint(color, 0.75).filled()),
                Rectangle::new(
                    [(0.0, y - band), (l.max(xmax / 400.0), y + band)],
                    tint(color, 0.35).filled(),
                ),
            ])
            .map_err(plot_err)?;
        if p.date("end", r).is_none() {
            let (ex, ey) = chart.backend_coord(&(h, y));
            text_at(
                area,
                "→ ongoing",
                &super::left(font(15.0).color(&color)),
                (ex + 6, ey),
            )?;
        }
        let Some(start) = p.date("start", r) else {
            continue;
        };
        // Meetings: leader-level filled, envoy-level hollow; one mark of
        // each kind per pixel, however many meetings fall there.
        let mut drawn = HashSet::new();
        for &i in of(&meetings_of, r) {
            let Some(d) = m.date("date", i) else { continue };
            let x = super::days(start, d).max(0.0);
            let leader = m
                .text("format", i)
                .and_then(crate::codes::Format::parse)
                .is_some_and(crate::codes::Format::is_leader_level);
            if !drawn.insert((chart.backend_coord(&(x, y)).0, leader)) {
                continue;
            }
            let style = if leader {
                color.filled()
            } else {
                color.stroke_width(2)
            };
            chart
                .draw_series([Circle::new((x, y), 7, style)])
                .map_err(plot_err)?;
        }
        // Outcomes: ▲ agreement, ★ prize, ✕ no agreement.
        for &i in of(&outcomes_of, r) {
            let Some(d) = o.date("date", i) else { continue };
            let precision = o.text("date_precision", i).unwrap_or("day");
            let x = super::days(start, d).max(0.0);
            let (ox, oy) = chart.backend_coord(&(x, y));
            let symbol = match o.text("kind", i) {
                Some("prize") => {
                    // A year-precision prize is placed mid-year.
                    let mid = super::days(start, d) + super::days(d, last_day(d, precision)) / 2.0;
                    let (mx, my) = chart.backend_coord(&(mid.max(0.0).min(xmax), y));
                    text_at(
                        area,
                        "★",
                        &centre(font(24.0).color(&palette::BLACK)),
                        (mx, my - 16),
                    )?;
                    continue;
                }
                Some("no_agreement") => "✕",
                _ => "▲",
            };
            text_at(
                area,
                symbol,
                &centre(font(22.0).color(&palette::BLACK)),
                (ox, oy - 16),
            )?;
        }
    }

    let circle_filled = |a: &DrawingArea<DB, Shift>, (x, y): (i32, i32)| {
        a.draw(&Circle::new((x, y), 7, palette::GREY.filled()))
            .map_err(plot_err)
    };
    let circle_hollow = |a: &DrawingArea<DB, Shift>, (x, y): (i32, i32)| {
        a.draw(&Circle::new((x, y), 7, palette::GREY.stroke_width(2)))
            .map_err(plot_err)
    };
    let sym = |s: &'static str| {
        move |a: &DrawingArea<DB, Shift>, (x, y): (i32, i32)| {
            a.draw_text(s, &centre(font(20.0)), (x, y))
                .map_err(plot_err)
        }
    };
    let (k, t, ro, ot) = (
        square::<DB>(approach_color("kissinger")),
        square::<DB>(approach_color("trump")),
        square::<DB>(approach_color("roosevelt")),
        square::<DB>(approach_color("other")),
    );
    let (tri, star, cross) = (sym("▲"), sym("★"), sym("✕"));
    legend(
        &legend_area,
        (10, 28),
        &[
            (&k, "Kissinger".into()),
            (&t, "Trump".into()),
            (&ro, "Roosevelt".into()),
            (&ot, "other cases".into()),
            (&circle_filled, "summit or call".into()),
            (&circle_hollow, "envoy or delegation talks".into()),
            (&tri, "agreement".into()),
            (&star, "prize".into()),
            (&cross, "no agreement".into()),
        ],
    )?;
    Ok(())
}
