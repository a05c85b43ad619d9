//! Rich display in Jupyter (the evcxr kernel).
//!
//! evcxr shows a cell's last value through its `evcxr_display` method when
//! it has one. [`TableView`] shows a DataFrame as an HTML table (head and
//! tail, the row count, dtypes in the header, every cell escaped);
//! [`crate::charts::Figure`] and [`crate::plot::Plot`] show as inline SVG
//! with, in the same output, an interactive Vega-Lite twin that JupyterLab
//! shows in its place ([`crate::plot::Plot::vega_lite`]). Plain polars
//! DataFrames keep their own text display beside them.
//!
//! [`Show`] gives every other value an `evcxr_display` too, which halves
//! what a cell ending in a number, a string or a DataFrame costs (see its
//! docs). The notebooks import it once: `use negotiations::notebook::Show;`.

mod cells;
mod interrupt;
mod panics;
mod share;
pub use cells::{Answer, Cell, Session};
pub use interrupt::{INTERRUPT_GRACE, listen_for_interrupts};
pub use panics::{CELL_LINES_FILE, CRATE_DIR_ENV, LAST_PANIC_FILE, panic_line, quiet_panics};
pub use share::{SESSION_DIR_ENV, share, shared};

use polars::prelude::DataFrame;

use crate::error::Result;
use crate::tables::dataset::Dataset;

/// Shows any value that has a `Debug` form, as evcxr would, in one
/// compile rather than two.
///
/// evcxr shows a cell's last value by compiling a call to its
/// `evcxr_display` method, and when the value has none (a number, a string,
/// a DataFrame), by compiling the whole cell again to print it with `{:?}`.
/// With this trait in scope every such value has the method, so the first
/// compile succeeds: measured on the 2-core machine, a cell like `n + 1`
/// went from two compiles to one. Values with an `evcxr_display` of their
/// own ([`TableView`], [`crate::charts::Figure`]) keep theirs, as inherent
/// methods come first. (A reference to a figure, `&fig`, would be shown
/// as text: end the cell with the figure itself.)
///
/// ```
/// use negotiations::notebook::Show;
/// 42.evcxr_display(); // prints EVCXR_BEGIN_CONTENT text/plain, 42, EVCXR_END_CONTENT
/// ```
pub trait Show {
    /// Prints the value for evcxr as plain text, formatted with `{:?}`.
    fn evcxr_display(&self);
}

impl<T: std::fmt::Debug + ?Sized> Show for T {
    fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/plain\n{self:?}\nEVCXR_END_CONTENT");
    }
}

/// Rows shown by default: the first and last halves of this many.
pub const DEFAULT_ROWS: usize = 10;

/// A DataFrame shown as an HTML table in a notebook.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let view = negotiations::notebook::show(&data.frame("meetings")?);
/// assert!(view.html().contains("222 rows"));
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
        crate::tables::export::html_table(&self.df, Some(self.rows))
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
    /// assert!(data.show("outcomes")?.html().contains("<table"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn show(&self, name: &str) -> Result<TableView> {
        Ok(show(&self.frame(name)?))
    }
}
