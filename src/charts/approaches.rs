//! The Kissinger-versus-Trump coding as a matrix: a row per dimension of
//! negotiating, a column per actor, the coded label in each cell (tinted
//! with the actor's colour; grey where an article says nothing).

use foldhash::HashMap;

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    approach_color, bold, centre, fit, font, frame, palette, plot_err, right, sources_of, tint,
};
use crate::{Dataset, Result};

/// Dimensions in reading order; any others follow alphabetically.
const DIMENSIONS: &[&str] = &[
    "tempo",
    "format",
    "team",
    "drafting",
    "endpoint",
    "expectations",
    "success_test",
    "persistence",
    "role",
    "leverage",
    "economic_terms",
    "philosophy",
];
/// Actors in column order; any others follow alphabetically.
const ACTORS: &[&str] = &["kissinger", "trump", "roosevelt", "putin", "recommended"];

fn ordered<'a>(present: Vec<&'a str>, preferred: &[&str]) -> Vec<&'a str> {
    let mut out: Vec<&str> = preferred
        .iter()
        .filter_map(|p| present.iter().find(|x| *x == p).copied())
        .collect();
    let mut rest: Vec<&str> = present
        .into_iter()
        .filter(|x| !preferred.contains(x))
        .collect();
    rest.sort();
    rest.dedup();
    out.extend(rest);
    out
}

fn words(code: &str) -> String {
    code.replace('_', " ")
}

/// The most actors (columns) drawn.
const MAX_ACTORS: usize = 8;

/// Draws the approaches matrix on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &Dataset,
    _as_of: NaiveDate,
) -> Result<()> {
    let a = data.table("approaches")?;
    let dims = ordered(
        (0..a.height())
            .filter_map(|r| a.text("dimension", r))
            .collect(),
        DIMENSIONS,
    );
    let mut actors = ordered(
        (0..a.height()).filter_map(|r| a.text("actor", r)).collect(),
        ACTORS,
    );
    // Past MAX_ROWS dimensions or MAX_ACTORS actors, the first of each (in
    // the articles' order).
    let mut dims = dims;
    let (all_dims, all_actors) = (dims.len(), actors.len());
    dims.truncate(super::MAX_ROWS);
    actors.truncate(MAX_ACTORS);
    let note = (dims.len() < all_dims || actors.len() < all_actors).then(|| {
        format!(
            "Showing {} of {all_dims} dimensions and {} of {all_actors} actors (the first).",
            dims.len(),
            actors.len()
        )
    });
    let cells: HashMap<(&str, &str), usize> = (0..a.height())
        .filter_map(|r| Some(((a.text("dimension", r)?, a.text("actor", r)?), r)))
        .rev() // the first row of a pair wins, as a scan would find it
        .collect();
    let sources = sources_of(data, "approaches", |_| true)?;
    let src: Vec<&str> = sources.iter().map(String::as_str).collect();
    let inner = frame(
        area,
        "Two ways to negotiate: Kissinger's marathon and Trump's sprint",
        &super::noted(&note, "How the articles characterize each negotiator on each dimension; an empty cell means no article says."),
        &src,
    )?;
    let (w, h) = inner.dim_in_pixel();
    let label_w = 190;
    let header_h = 44;
    let cols = actors.len().max(1) as i32;
    let rows = dims.len().max(1) as i32;
    let cell_w = (w as i32 - label_w) / cols;
    let cell_h = ((h as i32 - header_h) / rows).min(70);
    for (j, actor) in actors.iter().enumerate() {
        let x = label_w + j as i32 * cell_w + cell_w / 2;
        let title = if *actor == "recommended" {
            "op-ed's advice".to_string()
        } else {
            capitalize(actor)
        };
        inner
            .draw_text(
                &title,
                &centre(bold(19.0).color(&approach_color(actor))),
                (x, header_h / 2),
            )
            .map_err(plot_err)?;
    }
    for (i, dim) in dims.iter().enumerate() {
        let y0 = header_h + i as i32 * cell_h;
        inner
            .draw_text(
                &words(dim),
                &right(font(17.0)),
                (label_w - 12, y0 + cell_h / 2),
            )
            .map_err(plot_err)?;
        for (j, actor) in actors.iter().enumerate() {
            let x0 = label_w + j as i32 * cell_w;
            let cell = cells.get(&(*dim, *actor)).copied();
            let fill = match cell {
                Some(_) => tint(approach_color(actor), 0.78),
                None => palette::LIGHT,
            };
            inner
                .draw(&Rectangle::new(
                    [(x0 + 2, y0 + 2), (x0 + cell_w - 2, y0 + cell_h - 2)],
                    fill.filled(),
                ))
                .map_err(plot_err)?;
            if let Some(r) = cell {
                let text = fit(
                    area,
                    &words(a.text("value", r).unwrap_or_default()),
                    &font(16.0),
                    (cell_w - 16) as u32,
                );
                inner
                    .draw_text(
                        &text,
                        &centre(font(16.0)),
                        (x0 + cell_w / 2, y0 + cell_h / 2),
                    )
                    .map_err(plot_err)?;
            }
        }
    }
    Ok(())
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
