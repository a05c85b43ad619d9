//! Tables as polars DataFrames with real dtypes.
//!
//! | schema kind | dtype |
//! |---|---|
//! | text | `String` |
//! | enum | `Enum` with the column's codes, in codebook order |
//! | integer | `Int64` |
//! | number | `Float64` |
//! | boolean | `Boolean` |
//! | date | `Date` |
//! | list | `List(String)` |
//!
//! A date's precision travels with it. Each date column with a precision
//! column gets a companion `<date>_last`: the last day of the period the
//! date stands for. A `month` date of 1975-03-01 is the interval
//! [1975-03-01, 1975-03-31], not the 1st of March.

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use crate::dataset::precision_column;
use crate::load::{TableData, Values};
use crate::schema::Kind;
use crate::Result;

/// The last day of the period a date stands for at `precision`
/// (`day`, `month` or `year`).
///
/// ```
/// use negotiations::chrono::NaiveDate;
/// use negotiations::frame::last_day;
/// let march = NaiveDate::from_ymd_opt(1975, 3, 1).unwrap();
/// assert_eq!(last_day(march, "month"), NaiveDate::from_ymd_opt(1975, 3, 31).unwrap());
/// assert_eq!(last_day(march, "day"), march);
/// ```
pub fn last_day(date: NaiveDate, precision: &str) -> NaiveDate {
    let next = match precision {
        "month" if date.month() == 12 => NaiveDate::from_ymd_opt(date.year() + 1, 1, 1),
        "month" => NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1),
        "year" => NaiveDate::from_ymd_opt(date.year() + 1, 1, 1),
        _ => return date,
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(date)
}

/// Days since 1970-01-01, polars' physical representation of a `Date`.
pub(crate) fn epoch_days(d: NaiveDate) -> i32 {
    d.signed_duration_since(NaiveDate::default()).num_days() as i32
}

/// A `Date` series from optional dates.
pub(crate) fn date_series(
    name: &str,
    values: impl IntoIterator<Item = Option<NaiveDate>>,
) -> Result<Series> {
    let days: Vec<Option<i32>> = values.into_iter().map(|d| d.map(epoch_days)).collect();
    Ok(Series::new(name.into(), days).cast(&DataType::Date)?)
}

/// The polars dtype of an enum column with these codes.
///
/// ```
/// let dtype = negotiations::frame::enum_dtype(&["held", "fragile"])?;
/// assert!(matches!(dtype, negotiations::polars::prelude::DataType::Enum(..)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn enum_dtype(codes: &[&str]) -> Result<DataType> {
    Ok(DataType::from_frozen_categories(FrozenCategories::new(
        codes.iter().copied(),
    )?))
}

/// Converts one parsed table to a DataFrame.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let df = negotiations::frame::to_frame(data.table("processes")?)?;
/// assert!(df.column("start_last").is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_frame(t: &TableData) -> Result<DataFrame> {
    let mut columns: Vec<Column> = Vec::with_capacity(t.columns.len() + 4);
    for (spec, values) in t.spec.columns.iter().zip(&t.columns) {
        let name: PlSmallStr = spec.name.into();
        let series = match (values, spec.kind) {
            (Values::Text(v), Kind::Enum(codes)) => {
                StringChunked::from_iter_options(name, v.iter())
                    .into_series()
                    .cast(&enum_dtype(codes)?)?
            }
            (Values::Text(v), _) => StringChunked::from_iter_options(name, v.iter()).into_series(),
            (Values::Integer(v), _) => Series::new(name, v),
            (Values::Number(v), _) => Series::new(name, v),
            (Values::Boolean(v), _) => Series::new(name, v),
            (Values::Date(v), _) => date_series(spec.name, v.iter().copied())?,
            (Values::List(v), _) => {
                let mut builder = ListStringChunkedBuilder::new(name, v.len(), v.len() * 2);
                for cell in v.iter() {
                    match cell {
                        Some(cell) => builder.append_values_iter(cell.split(';')),
                        None => builder.append_null(),
                    }
                }
                builder.finish().into_series()
            }
        };
        columns.push(series.into());
        // After `X_precision`, the last day of each `X`.
        for date_col in t.spec.columns.iter().filter(|c| c.kind == Kind::Date) {
            if precision_column(t.spec, date_col.name) == Some(spec.name) {
                let lasts = (0..t.height()).map(|r| {
                    let d = t.date(date_col.name, r)?;
                    Some(last_day(d, t.text(spec.name, r).unwrap_or("day")))
                });
                columns.push(date_series(&format!("{}_last", date_col.name), lasts)?.into());
            }
        }
    }
    Ok(DataFrame::new(t.height(), columns)?)
}
