//! Each agreement from its signing to its unraveling or the as-of date, on
//! a calendar axis, coloured by whether it held: green held, orange
//! fragile, vermillion unraveled. A bar has at least a few pixels, so the
//! youngest agreements stay visible; the label says how long each lasted.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    approach_color, fit, font, frame, held_color, legend, palette, plot_err, right, sources_of,
    square, text_at, tint, year_of,
};
use crate::{Dataset, Result};

/// Draws the outcomes chart on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Dataset,
    as_of: NaiveDate,
) -> Result<()> {
    let o = data.table("outcomes")?;
    let p = data.table("processes")?;
    let spans = crate::metrics::outcomes(data, as_of)?;
    let low = spans.column("held_days_low")?.i64()?.clone();
    let lasting = |r: usize| {
        !matches!(o.text("kind", r), Some("prize" | "no_agreement")) && o.date("date", r).is_some()
    };
    let mut rows: Vec<usize> = (0..o.height()).filter(|&r| lasting(r)).collect();
    rows.sort_by_key(|&r| (o.date("date", r), o.text("outcome_id", r)));
    let note = super::keep_top(&mut rows, "agreements", "the most recently signed", |r| {
        std::cmp::Reverse(o.date("date", r))
    });
    let process_row = p.lookup("process_id");
    let first = rows
        .iter()
        .filter_map(|&r| o.date("date", r))
        .min()
        .unwrap_or(as_of);
    let x0 = (year_of(first) / 10.0).floor() * 10.0 - 2.0;
    let x1 = year_of(as_of) + 3.0;

    let sources = sources_of(data, "outcomes", lasting)?;
    let src: Vec<&str> = sources.iter().map(String::as_str).collect();
    let inner = frame(
        area,
        "Did it last? Every agreement from signing to unraveling or today",
        &super::noted(&note, &format!("Bars run from signing to the day an agreement unraveled, or to {as_of} while it holds. Label colour gives the mediator's style.")),
        &src,
    )?;
    let (plot, legend_area) = inner.split_vertically(inner.dim_in_pixel().1 - 44);
    let n = rows.len() as f64;
    let mut chart = ChartBuilder::on(&plot)
        .x_label_area_size(46)
        .y_label_area_size(560)
        .build_cartesian_2d(x0..x1, 0f64..n)
        .map_err(plot_err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_label_formatter(&|x| format!("{}", x.round() as i64))
        .label_style(font(16.0))
        .max_light_lines(2)
        .light_line_style(tint(palette::GREY, 0.9))
        .bold_line_style(tint(palette::GREY, 0.65))
        .draw()
        .map_err(plot_err)?;
    for (i, &r) in rows.iter().enumerate() {
        let y = n - i as f64 - 0.5;
        let Some(start) = o.date("date", r) else {
            continue;
        };
        let held = o.text("held", r).unwrap_or("unknown");
        let end = o.date("ended", r).unwrap_or(as_of);
        let color = held_color(held);
        let (sx, sy) = chart.backend_coord(&(year_of(start), y));
        let (ex, _) = chart.backend_coord(&(year_of(end), y));
        let ex = ex.max(sx + 5);
        let base = area.get_base_pixel();
        area.draw(&Rectangle::new(
            [
                (sx - base.0, sy - base.1 - 11),
                (ex - base.0, sy - base.1 + 11),
            ],
            color.filled(),
        ))
        .map_err(plot_err)?;
        let approach = o
            .text("process_id", r)
            .and_then(|id| process_row.get(id))
            .and_then(|&k| p.text("approach", k))
            .unwrap_or("other");
        let label_color = approach_color(approach);
        let span = super::human_days(low.get(r).unwrap_or(0) as f64);
        let status = match held {
            "held" => format!("held, {span} so far"),
            "fragile" => format!("fragile, {span} so far"),
            "unraveled" => format!("unraveled after {span}"),
            other => other.to_string(),
        };
        let name = o.text("name", r).unwrap_or_default();
        use chrono::Datelike;
        let label = fit(
            area,
            &format!("{name} ({}) — {status}", start.year()),
            &font(15.0),
            540,
        );
        let (px, py) = chart.backend_coord(&(x0, y));
        text_at(
            area,
            &label,
            &right(font(15.0).color(&label_color)),
            (px - 12, py),
        )?;
    }
    let (h, f, u, k, t, ro, ot) = (
        square::<DB>(held_color("held")),
        square::<DB>(held_color("fragile")),
        square::<DB>(held_color("unraveled")),
        swatch_text::<DB>(approach_color("kissinger")),
        swatch_text::<DB>(approach_color("trump")),
        swatch_text::<DB>(approach_color("roosevelt")),
        swatch_text::<DB>(approach_color("other")),
    );
    legend(
        &legend_area,
        (10, 28),
        &[
            (&h, "held".into()),
            (&f, "fragile".into()),
            (&u, "unraveled".into()),
            (&k, "label: Kissinger".into()),
            (&t, "Trump".into()),
            (&ro, "Roosevelt".into()),
            (&ot, "other cases".into()),
        ],
    )?;
    Ok(())
}

/// A legend swatch for a label colour: the letter "A" in that colour.
fn swatch_text<DB: DrawingBackend>(
    color: RGBColor,
) -> impl Fn(&DrawingArea<DB, Shift>, (i32, i32)) -> Result<()> {
    move |area, (x, y)| {
        area.draw_text("A", &super::centre(super::bold(18.0).color(&color)), (x, y))
            .map_err(plot_err)
    }
}
