//! Cumulative meetings against days since the start of each process, as
//! step lines, with the Korean armistice's stated 575 meetings over two
//! years (748 days) as the reference pace.
//!
//! The count axis is logarithmic, so the Korean reference (hundreds) and
//! the handful of meetings the articles list for each 2025 process share
//! one chart. Only dated meetings are drawn.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{approach_color, font, frame, left, palette, plot_err, sources_of, text_at, tint};
use crate::{Dataset, Result};

/// The most reference lines (stated totals) drawn.
const MAX_REFS: usize = 5;
/// Past this many meetings a process's line has no dot per meeting.
const MAX_DOTS: usize = 200;

/// Draws the meeting-pace chart on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Dataset,
    as_of: NaiveDate,
) -> Result<()> {
    let p = data.table("processes")?;
    let m = data.table("meetings")?;
    let metrics = crate::metrics::processes(data, as_of)?;
    let ids = metrics.column("process_id")?.str()?.clone();
    let stated = metrics.column("meetings_count")?.i64()?.clone();
    let hi = metrics.column("days_high")?.i64()?.clone();

    // Processes with dated meetings, in the timeline's order; past
    // MAX_ROWS, those with the most.
    let meetings_of = m.groups("process_id");
    let dated = |r: usize| -> Vec<NaiveDate> {
        super::group_of(&meetings_of, p.text("process_id", r))
            .iter()
            .filter_map(|&i| m.date("date", i))
            .collect()
    };
    let mut shown: Vec<usize> = super::timeline::process_order(data)?
        .into_iter()
        .filter(|&r| {
            super::group_of(&meetings_of, p.text("process_id", r))
                .iter()
                .any(|&i| m.date("date", i).is_some())
        })
        .collect();
    let note = super::keep_top(
        &mut shown,
        "processes with dated meetings",
        "those with the most meetings",
        |r| std::cmp::Reverse(super::group_of(&meetings_of, p.text("process_id", r)).len()),
    );
    // Steps per process: (days since start, cumulative count).
    let mut series: Vec<(usize, Vec<(f64, f64)>)> = Vec::new();
    for r in shown {
        let Some(start) = p.date("start", r) else {
            continue;
        };
        let mut dates = dated(r);
        dates.sort();
        let mut pts = Vec::new();
        for (k, d) in dates.iter().enumerate() {
            let x = super::days(start, *d).max(0.0);
            if k > 0 {
                pts.push((x, k as f64));
            }
            pts.push((x, k as f64 + 1.0));
        }
        series.push((r, pts));
    }
    // Reference lines: processes whose articles state a count (the
    // largest few, when many do).
    let mut refs: Vec<(String, f64, f64)> = (0..ids.len())
        .filter_map(|i| {
            Some((
                ids.get(i)?.to_string(),
                stated.get(i)? as f64,
                hi.get(i)? as f64,
            ))
        })
        .collect();
    if refs.len() > MAX_REFS {
        let mut by_count: Vec<usize> = (0..refs.len()).collect();
        by_count.sort_by(|&a, &b| refs[b].1.total_cmp(&refs[a].1).then(a.cmp(&b)));
        let mut keep = by_count[..MAX_REFS].to_vec();
        keep.sort_unstable();
        refs = keep.into_iter().map(|i| refs[i].clone()).collect();
    }
    let xmax = series
        .iter()
        .flat_map(|(_, pts)| pts.iter().map(|p| p.0))
        .chain(refs.iter().map(|r| r.2))
        .fold(30.0, f64::max)
        * 1.1;
    let ymax = refs
        .iter()
        .map(|r| r.1)
        .chain(series.iter().map(|s| s.1.len() as f64))
        .fold(10.0, f64::max)
        * 1.6;

    let mut srcs = sources_of(data, "meetings", |_| true)?;
    srcs.extend(sources_of(data, "processes", |r| {
        p.number("meetings_count", r).is_some()
    })?);
    srcs.sort();
    srcs.dedup();
    let src: Vec<&str> = srcs.iter().map(String::as_str).collect();
    let inner = frame(
        area,
        "Meeting pace: how often the parties met",
        &super::noted(&note, "Cumulative meetings listed in the articles against days since each process began (log scale); dashed: a stated total spread evenly."),
        &src,
    )?;
    let mut chart = ChartBuilder::on(&inner)
        .x_label_area_size(46)
        .y_label_area_size(70)
        .margin_right(260)
        .build_cartesian_2d(0f64..xmax, (0.8f64..ymax).log_scale())
        .map_err(plot_err)?;
    chart
        .configure_mesh()
        .x_desc("days since the process began")
        .x_label_formatter(&|x| format!("{}", x.round() as i64))
        .y_desc("meetings so far")
        .y_label_formatter(&|y| format!("{}", y.round() as i64))
        .label_style(font(16.0))
        .axis_desc_style(font(17.0))
        .max_light_lines(2)
        .light_line_style(tint(palette::GREY, 0.9))
        .bold_line_style(tint(palette::GREY, 0.65))
        .draw()
        .map_err(plot_err)?;
    let process_rows = p.groups("process_id");
    for (id, count, len) in &refs {
        let name = super::group_of(&process_rows, Some(id))
            .first()
            .and_then(|&r| p.text("name", r))
            .unwrap_or(id);
        // The stated total spread evenly, from the first meeting.
        let pts: Vec<(f64, f64)> = (0..=40)
            .map(|k| k as f64 / 40.0)
            .map(|f| (f * len, 1.0 + f * (count - 1.0)))
            .collect();
        chart
            .draw_series(DashedLineSeries::new(
                pts,
                8,
                6,
                palette::BLACK.stroke_width(2),
            ))
            .map_err(plot_err)?;
        let (px, py) = chart.backend_coord(&(*len, *count));
        let label = format!("{name}: {count} meetings in {len} days (stated)");
        let label = super::fit(area, &label, &font(15.0), 420);
        text_at(area, &label, &super::right(font(15.0)), (px - 6, py - 18))?;
    }
    let mut labels = Vec::new();
    let width_px = chart.plotting_area().dim_in_pixel().0;
    for (r, pts) in series {
        let r = &r;
        let color = approach_color(p.text("approach", *r).unwrap_or_default());
        let steps = pts.len();
        let pts = super::thin(pts, xmax, width_px);
        chart
            .draw_series(LineSeries::new(pts.iter().copied(), color.stroke_width(3)))
            .map_err(plot_err)?;
        // A dot per meeting while they can be told apart.
        if steps <= 2 * MAX_DOTS {
            chart
                .draw_series(
                    pts.iter()
                        .skip(1)
                        .step_by(2)
                        .chain(pts.first())
                        .map(|&(x, y)| Circle::new((x, y), 5, color.filled())),
                )
                .map_err(plot_err)?;
        }
        if let Some(&(x, y)) = pts.last() {
            let (px, py) = chart.backend_coord(&(x, y));
            let name = super::fit(
                area,
                p.text("name", *r).unwrap_or_default(),
                &font(15.0),
                300,
            );
            let text = format!("{name} ({})", y as i64);
            let (w, h) = area
                .estimate_text_size(&text, &font(15.0))
                .map_err(plot_err)?;
            let base = area.get_base_pixel();
            labels.push((
                super::Label {
                    text,
                    x: px - base.0 + 10,
                    y: py - base.1,
                    w: w as i32,
                    h: h as i32 + 4,
                },
                color,
                (px - base.0, py - base.1),
            ));
        }
    }
    // Line ends that meet (several processes with one meeting on day 0)
    // get their labels stacked, with a leader line from label to point.
    let mut placed: Vec<super::Label> = labels.iter().map(|l| l.0.clone()).collect();
    let (_, h) = area.dim_in_pixel();
    super::spread(&mut placed, (100, h as i32 - 60));
    for label in &placed {
        let Some((_, color, point)) = labels.iter().find(|l| l.0.text == label.text) else {
            continue;
        };
        if (label.y - point.1).abs() > 3 {
            area.draw(&PathElement::new(
                [*point, (label.x - 4, label.y)],
                color.stroke_width(1),
            ))
            .map_err(plot_err)?;
        }
        area.draw_text(
            &label.text,
            &left(font(15.0).color(color)),
            (label.x, label.y),
        )
        .map_err(plot_err)?;
    }
    Ok(())
}
