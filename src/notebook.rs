//! Rich display in Jupyter (the evcxr kernel).
//!
//! evcxr shows a cell's last value through its `evcxr_display` method when
//! it has one. [`TableView`] shows a DataFrame as an HTML table (head and
//! tail, the row count, dtypes in the header, every cell escaped);
//! [`crate::charts::Figure`] shows as inline SVG. Plain polars DataFrames
//! keep their own text display beside them.

use polars::prelude::DataFrame;

use crate::{Dataset, Result};

/// Rows shown by default: the first and last halves of this many.
pub const DEFAULT_ROWS: usize = 10;

/// A DataFrame shown as an HTML table in a notebook.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let view = negotiations::notebook::show(&data.frame("meetings")?);
/// assert!(view.html().contains("21 rows"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct TableView {
    df: DataFrame,
    rows: usize,
}

/// A table view of `df` showing [`DEFAULT_ROWS`] rows.
pub fn show(df: &DataFrame) -> TableView {
    TableView {
        df: df.clone(),
        rows: DEFAULT_ROWS,
    }
}

impl TableView {
    /// Shows `n` rows (the first and last halves) instead.
    pub fn rows(mut self, n: usize) -> TableView {
        self.rows = n.max(2);
        self
    }

    /// The HTML table.
    pub fn html(&self) -> String {
        crate::export::html_table(&self.df, Some(self.rows))
    }

    /// The DataFrame shown.
    pub fn frame(&self) -> &DataFrame {
        &self.df
    }

    /// Shows the table in an evcxr notebook.
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT text/html\n{}\nEVCXR_END_CONTENT",
            self.html()
        );
    }
}

impl Dataset {
    /// The table named `name` as a [`TableView`] for a notebook.
    ///
    /// ```
    /// let data = negotiations::Dataset::embedded()?;
    /// assert!(data.show("outcomes")?.html().starts_with("<table"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn show(&self, name: &str) -> Result<TableView> {
        Ok(show(&self.frame(name)?))
    }
}
