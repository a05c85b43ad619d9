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

use chrono::NaiveDate;
use polars::prelude::*;

use crate::base::codes::{Code, Precision};
use crate::base::dates::{epoch_days, last_day};
use crate::error::Result;
use crate::tables::schema::Kind;
use crate::tables::table::{TableData, Values};

/// A `Date` series from optional dates.
///
/// ```
/// use negotiations::chrono::NaiveDate;
/// let s = negotiations::frame::date_series("d", [NaiveDate::from_ymd_opt(1975, 3, 1), None])?;
/// assert_eq!(s.null_count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn date_series(
    name: &str,
    values: impl IntoIterator<Item = Option<NaiveDate>>,
) -> Result<Series> {
    let days: Vec<Option<i32>> = values.into_iter().map(|d| d.map(epoch_days)).collect();
    Ok(Series::new(name.into(), days).cast(&DataType::Date)?)
}

/// An `Enum` column of codes, its categories in codebook order.
///
/// ```
/// use negotiations::codes::Held;
/// let c = negotiations::frame::enum_series("held", [Some(Held::Fragile), None])?;
/// assert_eq!(c.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn enum_series<C: Code>(
    name: &str,
    values: impl IntoIterator<Item = Option<C>>,
) -> Result<Column> {
    let s =
        StringChunked::from_iter_options(name.into(), values.into_iter().map(|v| v.map(C::as_str)))
            .into_series()
            .cast(&enum_dtype(C::CODES)?)?;
    Ok(s.into())
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
            (Values::List(v), Kind::IntegerList) => {
                let lists: Vec<Option<Series>> = v
                    .iter()
                    .map(|cell| {
                        cell.map(|c| {
                            let items: Vec<i64> =
                                c.split(';').filter_map(|i| i.parse().ok()).collect();
                            Series::new(PlSmallStr::EMPTY, items)
                        })
                    })
                    .collect();
                let mut s: Series = lists.into_iter().collect::<ListChunked>().into_series();
                s.rename(name);
                s.cast(&DataType::List(Box::new(DataType::Int64)))?
            }
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
            if t.spec.precision_of(date_col.name) == Some(spec.name) {
                let lasts = (0..t.height()).map(|r| {
                    let d = t.date(date_col.name, r)?;
                    let p = t.text(spec.name, r).and_then(Precision::parse);
                    Some(last_day(d, p.unwrap_or(Precision::Day)))
                });
                columns.push(date_series(&format!("{}_last", date_col.name), lasts)?.into());
            }
        }
    }
    Ok(DataFrame::new(t.height(), columns)?)
}
