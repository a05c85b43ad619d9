//! Columns read for a chart: each becomes numbers (numbers, or dates as
//! days since 1970) or categories, by its dtype; anything else is an error
//! that names the column, its dtype and what would work.

use polars::prelude::*;

use crate::error::{Error, Result};

/// What a column holds, for a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Numbers: a linear or log axis.
    Number,
    /// Dates (or datetimes), as days since 1970-01-01: a time axis.
    Date,
    /// Categories: bands, colours, shapes.
    Category,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Number => "numbers",
            Kind::Date => "dates",
            Kind::Category => "categories",
        }
    }
}

/// A column read for a chart.
#[derive(Debug, Clone)]
pub(crate) struct Channel {
    pub name: String,
    pub kind: Kind,
    /// Numbers and dates, by row (`None`: null).
    pub values: Vec<Option<f64>>,
    /// Categories, by row: an index into `levels`.
    pub codes: Vec<Option<u32>>,
    /// The categories in the order of first appearance, or for an `Enum`
    /// its own order.
    pub levels: Vec<String>,
    /// Whether `levels` is an `Enum`'s order (kept for bands), rather than
    /// the order of first appearance (bands are then sorted).
    pub ordered: bool,
    /// The column's dtype, for messages.
    pub dtype: String,
}

impl Channel {
    pub(crate) fn is_null(&self, row: usize) -> bool {
        match self.kind {
            Kind::Category => self.codes.get(row).is_none_or(Option::is_none),
            _ => self
                .values
                .get(row)
                .is_none_or(|v| v.is_none_or(|x| !x.is_finite())),
        }
    }

    /// The value of `row` as text, for tooltips and labels.
    pub(crate) fn text(&self, row: usize) -> String {
        match self.kind {
            Kind::Category => self
                .codes
                .get(row)
                .copied()
                .flatten()
                .and_then(|c| self.levels.get(c as usize))
                .cloned()
                .unwrap_or_default(),
            Kind::Date => self
                .values
                .get(row)
                .copied()
                .flatten()
                .and_then(|d| super::base::day_of_epoch(d.floor() as i64))
                .map(|d| d.to_string())
                .unwrap_or_default(),
            Kind::Number => self
                .values
                .get(row)
                .copied()
                .flatten()
                .map(super::base::format_number)
                .unwrap_or_default(),
        }
    }

    /// The category of `row`, if this is a category channel.
    pub(crate) fn level(&self, row: usize) -> Option<&str> {
        self.codes
            .get(row)
            .copied()
            .flatten()
            .and_then(|c| self.levels.get(c as usize))
            .map(String::as_str)
    }
}

/// Reads `name` from `df` for the role `role` ("as x", "as a colour").
pub(crate) fn read(df: &DataFrame, name: &str, role: &str) -> Result<Channel> {
    let column = df.column(name).map_err(|_| {
        Error::unknown(
            "column",
            name,
            df.get_column_names().iter().map(|n| n.to_string()),
        )
    })?;
    let series = column.as_materialized_series();
    let dtype = series.dtype().clone();
    let mut ch = Channel {
        name: name.to_string(),
        kind: Kind::Number,
        values: Vec::new(),
        codes: Vec::new(),
        levels: Vec::new(),
        ordered: false,
        dtype: dtype.to_string(),
    };
    let wrong = |hint: &str| Error::Column {
        column: name.to_string(),
        dtype: dtype.to_string(),
        role: role.to_string(),
        hint: hint.to_string(),
    };
    match &dtype {
        DataType::Date => {
            ch.kind = Kind::Date;
            let days = series.cast(&DataType::Int32)?;
            ch.values = days.i32()?.iter().map(|d| d.map(f64::from)).collect();
        }
        DataType::Datetime(unit, _) => {
            ch.kind = Kind::Date;
            let per_day = match unit {
                TimeUnit::Milliseconds => 86_400_000.0,
                TimeUnit::Microseconds => 86_400_000_000.0,
                TimeUnit::Nanoseconds => 86_400_000_000_000.0,
            };
            let raw = series.cast(&DataType::Int64)?;
            ch.values = raw
                .i64()?
                .iter()
                .map(|v| v.map(|v| v as f64 / per_day))
                .collect();
        }
        DataType::Duration(unit) => {
            // A duration reads as a number of days.
            let per_day = match unit {
                TimeUnit::Milliseconds => 86_400_000.0,
                TimeUnit::Microseconds => 86_400_000_000.0,
                TimeUnit::Nanoseconds => 86_400_000_000_000.0,
            };
            let raw = series.cast(&DataType::Int64)?;
            ch.values = raw
                .i64()?
                .iter()
                .map(|v| v.map(|v| v as f64 / per_day))
                .collect();
        }
        d if d.is_primitive_numeric() => {
            let f = series.cast(&DataType::Float64)?;
            ch.values = f.f64()?.iter().collect();
        }
        DataType::Enum(categories, _) => {
            ch.kind = Kind::Category;
            ch.ordered = true;
            ch.levels = categories
                .categories()
                .values_iter()
                .map(str::to_string)
                .collect();
            let text = series.cast(&DataType::String)?;
            let index: foldhash::HashMap<&str, u32> = ch
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| (l.as_str(), i as u32))
                .collect();
            ch.codes = text
                .str()?
                .iter()
                .map(|v| v.and_then(|v| index.get(v).copied()))
                .collect();
        }
        DataType::String | DataType::Categorical(..) | DataType::Boolean => {
            ch.kind = Kind::Category;
            let text = series.cast(&DataType::String)?;
            // Keys borrow from the column: a million distinct labels cost
            // one copy each (the level), not two.
            let mut index: foldhash::HashMap<&str, u32> = Default::default();
            let mut codes = Vec::with_capacity(text.len());
            for (k, v) in text.str()?.iter().enumerate() {
                // Mostly distinct (labels, ids): room for them all at
                // once, rather than growing the map twenty times.
                if k == 4_096 && index.len() > 2_048 {
                    index.reserve(text.len() - index.len());
                }
                codes.push(v.map(|v| {
                    *index.entry(v).or_insert_with(|| {
                        ch.levels.push(v.to_string());
                        (ch.levels.len() - 1) as u32
                    })
                }));
            }
            ch.codes = codes;
        }
        DataType::List(_) => {
            return Err(wrong(&format!(
                "a list has several values a row; give one per row with `.explode([\"{name}\"])` first"
            )));
        }
        _ => {
            return Err(wrong(
                "a chart reads numbers, dates, datetimes, text, enums, categoricals or booleans",
            ));
        }
    }
    Ok(ch)
}

/// Reads `name` and requires it to be of one of `kinds`.
pub(crate) fn read_as(df: &DataFrame, name: &str, role: &str, kinds: &[Kind]) -> Result<Channel> {
    let ch = read(df, name, role)?;
    if kinds.contains(&ch.kind) {
        return Ok(ch);
    }
    let wanted: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
    let hint = match (ch.kind, kinds) {
        (Kind::Category, [Kind::Number, ..]) => format!(
            "it holds {}; {role} needs {} (count rows per category first, e.g. `.group_by([col(\"{name}\")]).agg([len().alias(\"n\")])`)",
            ch.kind.name(),
            wanted.join(" or ")
        ),
        _ => format!(
            "it holds {}; {role} needs {}",
            ch.kind.name(),
            wanted.join(" or ")
        ),
    };
    Err(Error::Column {
        column: name.to_string(),
        dtype: ch.dtype,
        role: role.to_string(),
        hint,
    })
}
