//! SQL over the tables: polars' SQL engine with every table of a
//! [`Dataset`] and of its UCDP [`Context`] registered under its own name.
//!
//! ```
//! let data = negotiations::Dataset::embedded()?;
//! let df = negotiations::sql::sql(
//!     &data,
//!     "SELECT approach, count(*) AS processes FROM processes GROUP BY approach ORDER BY processes DESC",
//! )?;
//! assert_eq!(df.get_column_names(), ["approach", "processes"]);
//! # Ok::<(), negotiations::Error>(())
//! ```
//!
//! The tables: `processes`, `meetings`, `missions`, `durations`,
//! `outcomes`, `approaches`, `sources` (the dataset's, with the columns of
//! `data/codebook/`), and the context's `ucdp_conflicts`,
//! `ucdp_conflict_years`, `ucdp_dyads`, `ucdp_dyad_years`,
//! `ucdp_peace_agreements`, `ucdp_peace_agreement_conflicts`,
//! `ucdp_termination_episodes` and `links` (`data/context/README.md`). Dates are
//! dates and codes are text, as in [`Dataset::frame`].
//!
//! Errors say what would work: a table that does not exist lists the
//! tables, a column that does not exist lists the columns of the query's
//! tables, and a syntax error gives the line and column of the query where
//! the parser stopped.

use polars::prelude::*;
use polars::sql::SQLContext;

use crate::error::{Error, Result};
use crate::tables::context::{self, Context};
use crate::tables::dataset::{self, Dataset};

/// Queries over one dataset and its context: the tables registered once,
/// for several queries.
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let mut q = negotiations::sql::Queries::new(&data)?;
/// let n = q.run("SELECT count(*) AS n FROM meetings")?;
/// let k = q.run("SELECT count(*) AS n FROM meetings WHERE process_id LIKE 'kissinger%'")?;
/// assert!(k.column("n")?.u32()?.get(0) < n.column("n")?.u32()?.get(0));
/// # Ok::<(), negotiations::Error>(())
/// ```
pub struct Queries {
    ctx: SQLContext,
    /// Each table's name and columns, for errors.
    tables: Vec<(String, Vec<String>)>,
}

impl Queries {
    /// Registers the tables of `data` and of its context
    /// ([`Context::for_dataset`]).
    pub fn new(data: &Dataset) -> Result<Queries> {
        let context = Context::for_dataset(data)?;
        let ctx = SQLContext::new();
        let mut tables = Vec::new();
        let mut add = |name: &str, df: DataFrame| {
            tables.push((
                name.to_string(),
                df.get_column_names()
                    .iter()
                    .map(|c| c.to_string())
                    .collect(),
            ));
            ctx.register(name, df.lazy());
        };
        for t in dataset::TABLES {
            add(t.name, data.frame(t.name)?);
        }
        for t in context::TABLES {
            add(t.name, context.frame(t.name)?);
        }
        Ok(Queries { ctx, tables })
    }

    /// The tables a query may name, in order.
    ///
    /// ```
    /// let q = negotiations::sql::Queries::new(&negotiations::Dataset::embedded()?)?;
    /// assert!(q.tables().contains(&"meetings") && q.tables().contains(&"ucdp_peace_agreements"));
    /// # Ok::<(), negotiations::Error>(())
    /// ```
    pub fn tables(&self) -> Vec<&str> {
        self.tables.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Registers `df` as the table `name` (replacing a frame registered
    /// before under that name), for the queries that follow.
    ///
    /// ```
    /// use negotiations::polars::prelude::*;
    /// let mut q = negotiations::sql::Queries::new(&negotiations::Dataset::embedded()?)?;
    /// q.register("picked", df!("n" => [1, 2, 3])?);
    /// assert_eq!(q.run("SELECT sum(n) AS n FROM picked")?.column("n")?.i32()?.get(0), Some(6));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn register(&mut self, name: &str, df: DataFrame) {
        let columns = df
            .get_column_names()
            .iter()
            .map(|c| c.to_string())
            .collect();
        match self.tables.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = columns,
            None => self.tables.push((name.to_string(), columns)),
        }
        self.ctx.register(name, df.lazy());
    }

    /// Whether `name` is a table a query may name.
    pub fn is_table(&self, name: &str) -> bool {
        self.tables.iter().any(|(n, _)| n == name)
    }

    /// Runs `query` and collects its result.
    ///
    /// ```
    /// let mut q = negotiations::sql::Queries::new(&negotiations::Dataset::embedded()?)?;
    /// let err = q.run("SELECT * FROM meeting").unwrap_err().to_string();
    /// assert!(err.contains("no table named \"meeting\"") && err.contains("meetings"), "{err}");
    /// let err = q.run("SELECT dates FROM meetings").unwrap_err().to_string();
    /// assert!(err.contains("dates") && err.contains("date_precision"), "{err}");
    /// let err = q.run("SELEC * FROM meetings").unwrap_err().to_string();
    /// assert!(err.contains("Line: 1, Column: 1"), "{err}");
    /// # Ok::<(), negotiations::Error>(())
    /// ```
    pub fn run(&mut self, query: &str) -> Result<DataFrame> {
        let result = self.ctx.execute(query).and_then(|lf| lf.collect());
        result.map_err(|e| self.explain(query, e))
    }

    /// A polars error said in the terms of the query.
    fn explain(&self, query: &str, e: PolarsError) -> Error {
        let text = e.to_string();
        // polars-sql: "relation 'x' was not found".
        if let Some(name) = between(&text, "relation '", "' was not found") {
            return Error::Unknown {
                what: "table",
                name: name.to_string(),
                known: self.tables.iter().map(|(n, _)| n.clone()).collect(),
            };
        }
        if matches!(e, PolarsError::ColumnNotFound(_)) || text.contains("not found") {
            // The columns of the tables the query names.
            let lower = query.to_lowercase();
            let named: Vec<String> = self
                .tables
                .iter()
                .filter(|(n, _)| contains_word(&lower, n))
                .map(|(n, cols)| format!("{n}: {}", cols.join(", ")))
                .collect();
            let first = text.lines().next().unwrap_or(&text).trim();
            return Error::Sql(if named.is_empty() {
                first.to_string()
            } else {
                format!("{first}; the columns are {}", named.join("; "))
            });
        }
        Error::Sql(text.lines().next().unwrap_or(&text).trim().to_string())
    }
}

/// Runs one SQL query over the tables of `data` and of its context (see
/// the [module docs](self) for the tables and the errors).
///
/// ```
/// let data = negotiations::Dataset::embedded()?;
/// let df = negotiations::sql::sql(&data, "SELECT process_id, start FROM processes WHERE approach = 'kissinger'")?;
/// assert!(df.height() >= 4);
/// # Ok::<(), negotiations::Error>(())
/// ```
pub fn sql(data: &Dataset, query: &str) -> Result<DataFrame> {
    Queries::new(data)?.run(query)
}

/// The text between `a` and `b` in `s`.
fn between<'s>(s: &'s str, a: &str, b: &str) -> Option<&'s str> {
    let start = s.find(a)? + a.len();
    let len = s[start..].find(b)?;
    Some(&s[start..start + len])
}

/// Whether `word` stands in `text` as a whole word.
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        edge(before) && edge(after)
    })
}
