//! Parsing one CSV cell into its column's type.

use crate::tables::schema::{Column, Kind, Table};
use crate::tables::table::Values;

pub(crate) fn column_list(spec: &Table) -> String {
    spec.columns
        .iter()
        .map(|c| c.name)
        .collect::<Vec<_>>()
        .join(",")
}

/// Parses one non-empty field of column `c` and appends it; `Err` says why
/// it is invalid.
pub(crate) fn push(values: &mut Values, c: &Column, text: &str) -> Result<(), String> {
    // Bytes first: a cell within the limit in bytes is within it in
    // characters, so only long cells are counted.
    if c.max_len > 0 && text.len() > c.max_len {
        let chars = text.chars().count();
        if chars > c.max_len {
            return Err(format!(
                "{chars} characters; the most this column holds is {}",
                c.max_len
            ));
        }
    }
    if c.file_name {
        crate::base::paths::check_file_name(text)?;
    }
    match (values, c.kind) {
        (Values::Text(v), Kind::Enum(allowed)) => {
            if !allowed.contains(&text) {
                return Err(format!(
                    "unknown value; expected one of {}",
                    allowed.join(", ")
                ));
            }
            v.push(Some(text));
        }
        (Values::Text(v), _) => v.push(Some(text)),
        (Values::Integer(v), _) => v.push(Some(
            text.parse::<i64>()
                .map_err(|_| "not a whole number".to_string())?,
        )),
        (Values::Number(v), _) => {
            let x = text
                .parse::<f64>()
                .map_err(|_| "not a number".to_string())?;
            if !x.is_finite() {
                return Err("not a finite number".into());
            }
            v.push(Some(x))
        }
        (Values::Boolean(v), _) => v.push(Some(match text {
            "true" => true,
            "false" => false,
            _ => return Err("not a boolean; expected true or false".into()),
        })),
        (Values::Date(v), _) => v.push(Some(crate::base::dates::parse_date(text)?)),
        (Values::List(v), _) => {
            let mut trimmed = true;
            for item in text.split(';') {
                let t = item.trim();
                if t.is_empty() {
                    return Err(
                        "list has an empty item (two `;` in a row, or a `;` at an end)".into(),
                    );
                }
                if c.kind == Kind::IntegerList && t.parse::<i64>().is_err() {
                    return Err(format!("list item {t:?} is not a whole number"));
                }
                trimmed &= t.len() == item.len();
            }
            // Stored trimmed; most cells already are.
            if trimmed {
                v.push(Some(text));
            } else {
                v.push(Some(
                    &text.split(';').map(str::trim).collect::<Vec<_>>().join(";"),
                ));
            }
        }
    }
    Ok(())
}
