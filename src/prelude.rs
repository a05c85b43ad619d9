//! The one import a notebook needs: `use negotiations::prelude::*;`.
//!
//! It brings the data ([`Dataset`], [`Context`], [`TABLES`]), the chart
//! layer ([`Plot`], the [`theme`] and [`palette`], [`Chart`] and
//! [`Figure`] for the report charts, [`house`] for their colours), the metrics and base rates, table
//! display ([`show`], [`Show`]), the row builders and `extract` for adding
//! an article, survival's [`Level`] and [`Clock`], the codes, dates, and
//! polars' own prelude
//! (`col`, `lit`, `DataFrame`, the lazy API...). The `negotiations`
//! Jupyter kernel starts with it in scope.
//!
//! ```
//! use negotiations::prelude::*;
//!
//! let data = Dataset::embedded()?;
//! let trump = data.frame("meetings")?.lazy().filter(col("format").eq(lit("summit"))).collect()?;
//! let fig = Plot::new(&trump).point("date", "place").title("Summits");
//! assert!(fig.svg()?.contains("Summits"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use polars::prelude::*;

pub use crate::analysis::base_rates;
pub use crate::analysis::metrics;
pub use crate::base::codes::{
    Approach, Code, DateBasis, DurationKind, Fate, Format, Held, MeetingResult, MissionKind,
    OutcomeKind, Precision, Provenance, Side, Status, UsLevel, UsRole,
};
pub use crate::base::dates::Period;
pub use crate::charts::{Chart, Figure, house};
pub use crate::notebook::{Show, TableView, share, shared, show};
pub use crate::plot::{At, Plot, theme, theme::palette};
pub use crate::tables::context::Context;
// Adding an article and rows to a data directory (notebook 03). `Row`
// here is this crate's row of a table; polars' `Row` stays
// `polars::prelude::Row`.
pub use crate::authoring::extract;
pub use crate::authoring::rows::{
    self, DurationRow, MeetingRow, OutcomeRow, ProcessRow, Row, SourceMeta, SourceRow,
};
// Survival and base rates (notebook 05).
pub use crate::analysis::survival::{self, Clock, Level};
pub use crate::error::Error as NegotiationsError;
pub use crate::tables::dataset::{Dataset, Origin, TABLES};
pub use chrono;
pub use chrono::NaiveDate;
