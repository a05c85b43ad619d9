//! CSV → DataFrame → CSV / JSON / Parquet → back loses nothing.

use negotiations::table::Values;
use negotiations::{Dataset, export};

#[test]
fn csv_export_reproduces_every_shipped_file() {
    let data = Dataset::embedded().unwrap();
    for t in negotiations::TABLES {
        let shipped =
            std::fs::read(format!("{}/data/{}", env!("CARGO_MANIFEST_DIR"), t.file)).unwrap();
        assert_eq!(
            export::csv(data.table(t.name).unwrap()).unwrap(),
            shipped,
            "{}",
            t.file
        );
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_round_trip_keeps_values_and_dtypes() {
    use negotiations::polars::prelude::*;
    let data = Dataset::embedded().unwrap();
    for t in negotiations::TABLES {
        let df = data.frame(t.name).unwrap();
        let bytes = export::parquet(&df).unwrap();
        let back = ParquetReader::new(std::io::Cursor::new(bytes))
            .finish()
            .unwrap();
        assert_eq!(back.shape(), df.shape(), "{}", t.name);
        for (a, b) in df.columns().iter().zip(back.columns()) {
            assert_eq!(a.name(), b.name());
            // Enums come back as enums or categoricals with the same codes;
            // compare them as text, everything else exactly.
            match a.dtype() {
                DataType::Enum(..) => {
                    let a = a.cast(&DataType::String).unwrap();
                    let b = b.cast(&DataType::String).unwrap();
                    assert!(a.equals_missing(&b), "{}.{}", t.name, a.name());
                }
                _ => {
                    assert_eq!(a.dtype(), b.dtype(), "{}.{}", t.name, a.name());
                    assert!(a.equals_missing(b), "{}.{}", t.name, a.name());
                }
            }
        }
    }
}

#[test]
fn json_rows_hold_every_value() {
    let data = Dataset::embedded().unwrap();
    for t in negotiations::TABLES {
        let table = data.table(t.name).unwrap();
        let rows: serde_json::Value =
            serde_json::from_slice(&export::json(table).unwrap()).unwrap();
        let rows = rows.as_array().unwrap();
        assert_eq!(rows.len(), table.height());
        for (c, values) in t.columns.iter().zip(&table.columns) {
            for (r, row) in rows.iter().enumerate() {
                let v = &row[c.name];
                let back = match (values, v) {
                    (_, serde_json::Value::Null) => String::new(),
                    (Values::List(_), serde_json::Value::Array(items)) => items
                        .iter()
                        .map(|i| i.as_str().unwrap().to_string())
                        .collect::<Vec<_>>()
                        .join(";"),
                    (_, serde_json::Value::String(s)) => s.clone(),
                    (Values::Number(_), n) => n.as_f64().unwrap().to_string(),
                    (_, other) => other.to_string(),
                };
                assert_eq!(back, values.render(r), "{}.{} row {r}", t.name, c.name);
            }
        }
    }
}

#[test]
fn saved_data_loads_back_identically() {
    let data = Dataset::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    data.save(dir.path()).unwrap();
    let back = Dataset::from_dir(dir.path()).unwrap();
    for t in negotiations::TABLES {
        assert_eq!(
            back.table(t.name).unwrap().columns,
            data.table(t.name).unwrap().columns,
            "{}",
            t.name
        );
    }
}
