//! One row per mission: how long it ran and how its days were spent.

use polars::prelude::*;

use super::{ints, session_days, strings};
use crate::error::Result;
use crate::tables::dataset::Dataset;
use crate::tables::frame::{date_series, enum_series};

/// One row per mission, in table order: its process and approach, kind,
/// first and last day, length in days (both ends counted), sessions,
/// days with a session, and sessions per mission day.
///
/// | column | meaning |
/// |---|---|
/// | `mission_id`, `process_id`, `name` | which mission |
/// | `approach`, `us_role` | the process's style and the U.S. part in it |
/// | `kind` | `shuttle`, `trip` or `venue` |
/// | `start`, `end`, `days` | its first and last day, and its length |
/// | `sessions` | its sessions (rows of `meetings` naming it) |
/// | `session_days` | the days on which at least one was held |
/// | `sessions_per_day` | `sessions / days` |
///
/// ```
/// use negotiations::polars::prelude::*;
/// let data = negotiations::Dataset::embedded()?;
/// let m = negotiations::metrics::missions(&data)?;
/// let golan = m.lazy().filter(col("mission_id").eq(lit("golan_shuttle"))).collect()?;
/// // 2 to 29 May 1974, both days counted.
/// assert_eq!(golan.column("days")?.i64()?.get(0), Some(28));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn missions(data: &Dataset) -> Result<DataFrame> {
    let m = data.model();
    let ms = &m.missions;
    let process = |i: usize| &m.processes[ms[i].process];
    let sessions: Vec<i64> = ms.iter().map(|x| x.meetings.len() as i64).collect();
    let columns = vec![
        strings("mission_id", ms.iter().map(|x| x.id.as_str())),
        strings("process_id", (0..ms.len()).map(|i| process(i).id.as_str())),
        strings("name", ms.iter().map(|x| x.name.as_str())),
        enum_series("approach", (0..ms.len()).map(|i| Some(process(i).approach)))?,
        enum_series("us_role", (0..ms.len()).map(|i| Some(process(i).us_role)))?,
        enum_series("kind", ms.iter().map(|x| Some(x.kind)))?,
        date_series("start", ms.iter().map(|x| Some(x.start)))?.into(),
        date_series("end", ms.iter().map(|x| Some(x.end)))?.into(),
        ints("days", ms.iter().map(|x| Some(x.days()))),
        ints("sessions", sessions.iter().map(|&n| Some(n))),
        ints(
            "session_days",
            ms.iter().map(|x| Some(session_days(m, x) as i64)),
        ),
        Series::new(
            "sessions_per_day".into(),
            ms.iter()
                .zip(&sessions)
                .map(|(x, &n)| n as f64 / x.days().max(1) as f64)
                .collect::<Vec<_>>(),
        )
        .into(),
    ];
    Ok(DataFrame::new(ms.len(), columns)?)
}
