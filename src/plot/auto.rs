//! The first look at a frame in one call: the mark chosen from the
//! columns' dtypes, as Observable Plot's `auto` does.

use polars::prelude::*;

use super::Plot;
use super::data::{self, Kind};
use crate::error::Result;

impl Plot {
    /// A chart of `x` (and `y`, or `None`) with the mark their dtypes call
    /// for:
    ///
    /// | x | y | mark |
    /// |---|---|---|
    /// | date | number | a line, in date order |
    /// | category | number (or the other way) | bars, summed per category |
    /// | number or date | number or date | points |
    /// | category | category | a heat grid of row counts, each cell labelled |
    /// | number or date | none | a histogram |
    /// | category | none | bars of row counts |
    /// | date or number | category | points (a strip per category) |
    ///
    /// The result is a [`Plot`] like any other, to restyle. A column that
    /// is not in the frame is an error that lists the frame's columns.
    ///
    /// ```
    /// use negotiations::plot::Plot;
    /// use negotiations::polars::prelude::*;
    /// let df = df!("who" => ["kissinger", "trump", "trump"], "n" => [3, 17, 2])?;
    /// assert!(Plot::auto(&df, "who", "n")?.svg()?.contains("<rect")); // bars
    /// assert!(Plot::auto(&df, "n", None)?.svg()?.contains("<rect")); // a histogram
    /// let err = Plot::auto(&df, "whom", "n").unwrap_err();
    /// assert!(err.to_string().contains("who"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn auto<'a>(df: &DataFrame, x: &str, y: impl Into<Option<&'a str>>) -> Result<Plot> {
        let kx = data::read(df, x, "as x")?.kind;
        let Some(y) = y.into() else {
            return Ok(match kx {
                Kind::Category => {
                    let counts = count_by(df, &[x])?;
                    Plot::new(&counts)
                        .bar(x, "rows")
                        .x_sort("-rows")
                        .title(&format!("Rows by {x}"))
                }
                _ => Plot::new(df)
                    .histogram(x)
                    .title(&format!("{x}: rows per bin")),
            });
        };
        let ky = data::read(df, y, "as y")?.kind;
        let title = format!("{y} by {x}");
        Ok(match (kx, ky) {
            (Kind::Date, Kind::Number) => {
                let sorted = df.sort([x], SortMultipleOptions::default())?;
                Plot::new(&sorted).line(x, y).title(&title)
            }
            (Kind::Category, Kind::Number) | (Kind::Number, Kind::Category) => {
                Plot::new(df).bar(x, y).title(&title)
            }
            (Kind::Category, Kind::Category) => {
                let counts = count_by(df, &[x, y])?;
                Plot::new(&counts)
                    .heat(x, y, "rows")
                    .label("rows")
                    .title(&format!("Rows by {x} and {y}"))
            }
            _ => Plot::new(df).point(x, y).title(&title),
        })
    }
}

/// Row counts of `df` per value of `columns`, in a column `rows`.
fn count_by(df: &DataFrame, columns: &[&str]) -> Result<DataFrame> {
    let keys: Vec<Expr> = columns.iter().map(|c| col(*c)).collect();
    Ok(df
        .clone()
        .lazy()
        .group_by_stable(keys)
        .agg([len().cast(DataType::Int64).alias("rows")])
        .collect()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(p: &Plot) -> super::super::Mark {
        p.layers[0].mark
    }

    #[test]
    fn the_mark_follows_the_dtypes() {
        use super::super::Mark;
        let d = |m: u32| chrono::NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
        let df = df!(
            "when" => [d(3), d(1), d(2)],
            "n" => [1.0, 2.0, 3.0],
            "m" => [4, 5, 6],
            "side" => ["k", "t", "t"],
            "kind" => ["call", "visit", "visit"],
        )
        .unwrap();
        let cases = [
            ("when", Some("n"), Mark::Line),
            ("side", Some("n"), Mark::Bar),
            ("n", Some("side"), Mark::Bar),
            ("n", Some("m"), Mark::Point),
            ("when", Some("side"), Mark::Point),
            ("side", Some("kind"), Mark::Heat),
            ("n", None, Mark::Histogram),
            ("when", None, Mark::Histogram),
            ("side", None, Mark::Bar),
        ];
        for (x, y, want) in cases {
            let p = Plot::auto(&df, x, y).unwrap();
            assert_eq!(mark(&p), want, "{x} × {y:?}");
            assert!(p.svg().is_ok(), "{x} × {y:?}");
        }
        // The line runs in date order; the heat grid counts rows.
        let line = Plot::auto(&df, "when", "n").unwrap();
        let svg = line.svg().unwrap();
        assert!(svg.contains("<polyline"));
        let heat = Plot::auto(&df, "side", "kind").unwrap().svg().unwrap();
        assert!(heat.contains("aria-label=\"2\""), "t × visit is 2 rows");
    }
}
