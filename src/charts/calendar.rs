//! The shuttle calendar: every mission day by day, on one axis for both
//! styles. A pale bar per mission runs from its first day to its last; a
//! mark per session sits on the day it was held, coloured by the party met,
//! so a shuttle shows as marks alternating between two parties day after
//! day (Kissinger between Aswan and Jerusalem, Damascus and Jerusalem) and
//! an envoy's trip as one mark on one day (Witkoff to Moscow and back).
//! Missions are listed by style (Kissinger, then Trump, then the others),
//! then by first day; sessions off a mission (calls, meetings in the
//! negotiator's own country) are not on it: the meeting-pace chart has them.
//!
//! ```
//! use negotiations::charts::calendar;
//! let data = negotiations::Dataset::embedded()?;
//! let rows = calendar::rows(&data)?;
//! assert!(rows.column("mission_day").is_ok());
//! assert!(calendar::plot(&rows)?.svg()?.contains("The Golan shuttle"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use polars::prelude::*;

use super::{distinct, only};
use crate::base::codes::{APPROACH_ORDER, Approach};
use crate::error::Result;
use crate::plot::{Plot, theme::palette};
use crate::tables::dataset::Dataset;
use crate::tables::frame::enum_series;
use crate::tables::model::{Mission, Model};

/// The parties given a colour of their own; the others share grey.
/// (Not the styles' blue and vermillion: the bars wear those.)
const PARTY_COLORS: [(&str, RGBColor8); 6] = [
    ("Egypt", palette::ORANGE),
    ("Israel", palette::PURPLE),
    ("Syria", palette::GREEN),
    ("Russia", palette::SKY_BLUE),
    ("Ukraine", palette::BLACK),
    ("Hamas", palette::YELLOW),
];
type RGBColor8 = plotters::style::RGBColor;
const OTHER_PARTY: &str = "another party";

/// The calendar's rows: one per mark. `mark` is `mission` (a mission's
/// span: `mission_day` 1 to `last_day`) or `session` (on its
/// `mission_day`, drawn at `at`: the day, shifted a third of a day for each
/// earlier session that day; with its `party`, `place`, `date`,
/// `participants` and `label`). Every row has its mission's `mission_id`, `mission` (its
/// name and first day), `process_id` and `approach`.
pub fn rows(data: &Dataset) -> Result<DataFrame> {
    let m = data.model();
    let table = data.table("meetings")?;
    let mut order: Vec<&Mission> = m.missions.iter().collect();
    let rank = |a: Approach| APPROACH_ORDER.iter().position(|x| *x == a).unwrap_or(9);
    order.sort_by_key(|x| (rank(m.processes[x.process].approach), x.start, x.id.clone()));
    let mut out = Rows::default();
    for x in order {
        let name = format!("{} · {}", x.name, x.start.format("%-d %b %Y"));
        let p = &m.processes[x.process];
        let (approach, pid) = (p.approach, p.id.as_str());
        out.push(x, pid, &name, approach, "mission", 1, x.days(), None);
        // Sessions of one day side by side (a third of a day apart), in
        // the order of the table, so none hides another.
        let mut last: Option<(chrono::NaiveDate, f64)> = None;
        for &k in &x.meetings {
            let Some(d) = m.meetings[k].date.filter(|d| d.first == d.last) else {
                continue;
            };
            let day = (d.first - x.start).num_days() + 1;
            let shift = match last {
                Some((prev, s)) if prev == d.first => s + 0.3,
                _ => 0.0,
            };
            last = Some((d.first, shift));
            let session = Session::of(m, table, k, d.first);
            out.push(x, pid, &name, approach, "session", day, day, Some(session));
            if let Some(at) = out.at.last_mut() {
                *at += shift;
            }
        }
    }
    out.frame()
}

/// What a session's mark shows.
struct Session {
    party: String,
    place: String,
    date: String,
    participants: String,
    label: String,
}

impl Session {
    fn of(
        m: &Model,
        t: &crate::tables::table::TableData,
        k: usize,
        date: chrono::NaiveDate,
    ) -> Session {
        let row = m.meetings[k].row;
        let counterpart: Vec<&str> = t.items("counterpart", row).into_iter().flatten().collect();
        let counterpart = counterpart.join(", ");
        let party = if PARTY_COLORS.iter().any(|(p, _)| *p == counterpart) {
            counterpart.clone()
        } else {
            OTHER_PARTY.to_string()
        };
        let place = t
            .text("place", row)
            .or(t.text("country", row))
            .unwrap_or_default();
        Session {
            label: format!("{date}: {counterpart}, {place}"),
            party,
            place: place.to_string(),
            date: date.to_string(),
            participants: t
                .text("participants", row)
                .unwrap_or_default()
                .replace(';', ", "),
        }
    }
}

#[derive(Default)]
struct Rows {
    mission_id: Vec<String>,
    mission: Vec<String>,
    process_id: Vec<String>,
    approach: Vec<Option<Approach>>,
    mark: Vec<&'static str>,
    day: Vec<f64>,
    /// Where the mark is drawn: the day, shifted when a day has several.
    at: Vec<f64>,
    last_day: Vec<f64>,
    party: Vec<Option<String>>,
    place: Vec<Option<String>>,
    date: Vec<Option<String>>,
    participants: Vec<Option<String>>,
    label: Vec<Option<String>>,
}

impl Rows {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        x: &Mission,
        pid: &str,
        name: &str,
        approach: Approach,
        mark: &'static str,
        day: i64,
        last: i64,
        s: Option<Session>,
    ) {
        self.mission_id.push(x.id.clone());
        self.mission.push(name.to_string());
        self.process_id.push(pid.to_string());
        self.approach.push(Some(approach));
        self.mark.push(mark);
        self.day.push(day as f64);
        self.at.push(day as f64);
        self.last_day.push(last as f64);
        let (party, place, date, participants, label) = match s {
            Some(s) => (
                Some(s.party),
                Some(s.place),
                Some(s.date),
                Some(s.participants),
                Some(s.label),
            ),
            None => (None, None, None, None, None),
        };
        self.party.push(party);
        self.place.push(place);
        self.date.push(date);
        self.participants.push(participants);
        self.label.push(label);
    }

    fn frame(self) -> Result<DataFrame> {
        let n = self.day.len();
        Ok(DataFrame::new(
            n,
            vec![
                Series::new("mission_id".into(), self.mission_id).into(),
                Series::new("mission".into(), self.mission).into(),
                Series::new("process_id".into(), self.process_id).into(),
                enum_series("approach", self.approach)?,
                Series::new("mark".into(), self.mark).into(),
                Series::new("mission_day".into(), self.day).into(),
                Series::new("at".into(), self.at).into(),
                Series::new("last_day".into(), self.last_day).into(),
                Series::new("party".into(), self.party).into(),
                Series::new("place".into(), self.place).into(),
                Series::new("date".into(), self.date).into(),
                Series::new("participants".into(), self.participants).into(),
                Series::new("label".into(), self.label).into(),
            ],
        )?)
    }
}

/// The shuttle calendar of `rows` (as [`rows`] makes them). Past
/// 40 missions (the chart layer's band limit) it shows the longest (ties: the
/// earliest) and says so in its note.
pub fn plot(rows: &DataFrame) -> Result<Plot> {
    let (rows, note) = longest(rows, crate::plot::MAX_BANDS)?;
    let rows = &rows;
    let spans = only(rows, "mark", "mission")?;
    let order = distinct(&spans, "mission")?;
    let order: Vec<&str> = order.iter().map(String::as_str).collect();
    let mut colors: Vec<(&str, RGBColor8)> = PARTY_COLORS.to_vec();
    colors.push((OTHER_PARTY, palette::GREY));
    let plot = Plot::new(&spans)
        .title("Shuttle or sprint: every mission, day by day")
        .subtitle("Bars: each mission (a trip of the lead negotiator or the president to meet the parties) from its first session to its last. Marks: its sessions, coloured by the party met.")
        .interval("mission", "mission_day", "last_day")
        .color("approach")
        .opacity(0.3)
        .data(&only(rows, "mark", "session")?)
        .point("at", "mission")
        .color("party")
        .tooltip("label")
        .tooltip("participants")
        .color_map(&colors)
        .y_order(&order)
        .x_title("day of the mission")
        .y_title("")
        .color_title("")
        .caption("Sessions: data/meetings.csv, each citing its document (FRUS 1969–76 vols. XXV–XXVI, readouts, dated reports).");
    Ok(match note {
        Some(n) => plot.note(&n),
        None => plot,
    })
}

/// The rows of the `max` longest missions (ties: the earlier row), and a
/// note saying so when there were more.
fn longest(rows: &DataFrame, max: usize) -> Result<(DataFrame, Option<String>)> {
    let spans = only(rows, "mark", "mission")?;
    if spans.height() <= max {
        return Ok((rows.clone(), None));
    }
    let (ids, days) = (
        spans.column("mission_id")?.str()?,
        spans.column("last_day")?.f64()?,
    );
    let mut ranked: Vec<(usize, f64)> = (0..spans.height())
        .map(|i| (i, days.get(i).unwrap_or(0.0)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let keep: std::collections::HashSet<&str> = ranked[..max]
        .iter()
        .filter_map(|&(i, _)| ids.get(i))
        .collect();
    let mask: BooleanChunked = rows
        .column("mission_id")?
        .str()?
        .iter()
        .map(|id| Some(id.is_some_and(|id| keep.contains(id))))
        .collect();
    let note = format!(
        "Showing the {max} longest of {} missions.",
        crate::plot::thousands(spans.height())
    );
    Ok((rows.filter(&mask)?, Some(note)))
}
