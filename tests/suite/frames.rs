//! Every table loads as a DataFrame with real dtypes, and dates carry their
//! precision.

use negotiations::Dataset;
use negotiations::chrono::NaiveDate;
use negotiations::polars::prelude::*;
use negotiations::schema::Kind;

#[test]
fn every_column_has_the_dtype_its_kind_calls_for() {
    let data = Dataset::embedded().unwrap();
    for t in negotiations::TABLES {
        let df = data.frame(t.name).unwrap();
        assert_eq!(df.height(), data.table(t.name).unwrap().height());
        for c in t.columns {
            let dtype = df.column(c.name).unwrap().dtype().clone();
            let ok = match c.kind {
                Kind::Text => dtype == DataType::String,
                Kind::Integer => dtype == DataType::Int64,
                Kind::Number => dtype == DataType::Float64,
                Kind::Boolean => dtype == DataType::Boolean,
                Kind::Date => dtype == DataType::Date,
                Kind::List => dtype == DataType::List(Box::new(DataType::String)),
                Kind::IntegerList => dtype == DataType::List(Box::new(DataType::Int64)),
                Kind::Enum(codes) => match &dtype {
                    DataType::Enum(cats, _) => {
                        cats.categories().values_iter().eq(codes.iter().copied())
                    }
                    _ => false,
                },
            };
            assert!(ok, "{}.{} is {dtype:?}", t.name, c.name);
        }
    }
}

use crate::common::{date, row as row_where};

fn date_at(df: &DataFrame, column: &str) -> NaiveDate {
    let days = df
        .column(column)
        .unwrap()
        .cast(&DataType::Int32)
        .unwrap()
        .i32()
        .unwrap()
        .get(0)
        .unwrap();
    date(1970, 1, 1) + chrono::Duration::days(days as i64)
}

#[test]
fn a_month_precision_date_is_an_interval() {
    let data = Dataset::embedded().unwrap();
    let m = row_where(
        &data.frame("outcomes").unwrap(),
        "outcome_id",
        "sinai2_march_1975_no_agreement",
    );
    assert_eq!(date_at(&m, "date"), date(1975, 3, 1));
    assert_eq!(date_at(&m, "date_last"), date(1975, 3, 31));
    let k = row_where(
        &data.frame("meetings").unwrap(),
        "meeting_id",
        "kremlin_2025_12_02",
    );
    assert_eq!(date_at(&k, "date"), date(2025, 12, 2));
    assert_eq!(date_at(&k, "date_last"), date(2025, 12, 2));
    let nobel = row_where(
        &data.frame("outcomes").unwrap(),
        "outcome_id",
        "kissinger_nobel",
    );
    assert_eq!(date_at(&nobel, "date_last"), date(1973, 12, 31));
}

#[test]
fn lists_and_enums_hold_their_values() {
    let data = Dataset::embedded().unwrap();
    let k = row_where(
        &data.frame("meetings").unwrap(),
        "meeting_id",
        "kremlin_2025_12_02",
    );
    let people = k
        .column("participants")
        .unwrap()
        .list()
        .unwrap()
        .get_as_series(0)
        .unwrap();
    let people = people.str().unwrap();
    let people: Vec<&str> = (0..people.len()).map(|i| people.get(i).unwrap()).collect();
    assert_eq!(
        people,
        [
            "Steve Witkoff",
            "Jared Kushner",
            "Vladimir Putin",
            "Yuri Ushakov",
            "Kirill Dmitriev"
        ]
    );
    let format = k.column("format").unwrap().cast(&DataType::String).unwrap();
    assert_eq!(format.str().unwrap().get(0), Some("envoy_talks"));
    // Nulls stay null: the undated outcome has no date and no date_last.
    let u = row_where(
        &data.frame("outcomes").unwrap(),
        "outcome_id",
        "kim_no_denuclearization",
    );
    assert_eq!(u.column("date").unwrap().null_count(), 1);
    assert_eq!(u.column("date_last").unwrap().null_count(), 1);
}

#[test]
fn the_durations_table_is_what_the_normalizer_makes_of_each_phrase() {
    let data = Dataset::embedded().unwrap();
    let d = data.table("durations").unwrap();
    let mut spanless = 0;
    for row in 0..d.height() {
        let Some(phrase) = d.text("phrase", row) else {
            // Only a pledge may have no span, and then nothing to normalize.
            assert_eq!(d.text("kind", row), Some("pledge"));
            assert_eq!(
                (d.text("iso", row), d.number("days_low", row)),
                (None, None)
            );
            spanless += 1;
            continue;
        };
        let n = negotiations::phrase::normalize(phrase).unwrap();
        assert_eq!(d.text("iso", row), Some(n.iso.as_str()), "{phrase}");
        assert_eq!(
            d.text("modifier", row),
            Some(n.modifier.as_str()),
            "{phrase}"
        );
        assert_eq!(d.number("days_low", row), Some(n.days_low), "{phrase}");
        assert_eq!(d.number("days_high", row), Some(n.days_high), "{phrase}");
    }
    assert_eq!(spanless, 6, "the six spanless pledges of data 0.2.0");
}
