//! One error type for the whole crate.
//!
//! Data problems carry their position: the file, the 1-based line of that
//! file, the 1-based column and the offending value, and print as
//! `FILE:LINE:COLUMN: message (value)` so editors and terminals can jump to
//! them. A load or check collects every problem it finds before it fails,
//! so one run shows a user everything there is to fix.

use std::fmt;
use std::path::PathBuf;

/// A convenient alias for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One problem found in a data file, with its position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    /// The file, as the user named it (relative to the data directory).
    pub file: String,
    /// 1-based line of the file; `None` when the problem concerns the whole
    /// file (a missing file, say).
    pub line: Option<u64>,
    /// 1-based column (field index in the CSV record); `None` when the
    /// problem is not about one field.
    pub column: Option<usize>,
    /// What is wrong, naming the column where there is one.
    pub message: String,
    /// The offending value, verbatim (shortened when very long).
    pub value: Option<String>,
}

/// Values longer than this are shortened in messages, so a 10 MB field does
/// not flood a terminal or a notebook.
const MAX_VALUE_CHARS: usize = 120;

impl Problem {
    /// A problem about a whole file.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            value: None,
        }
    }

    /// A problem at a line (and optionally a column) with a value.
    pub fn at(
        file: impl Into<String>,
        line: u64,
        column: Option<usize>,
        message: impl Into<String>,
        value: Option<&str>,
    ) -> Problem {
        Problem {
            file: file.into(),
            line: Some(line),
            column,
            message: message.into(),
            value: value.map(shorten),
        }
    }
}

/// Shortens a value for display, on a character boundary.
pub(crate) fn shorten(value: &str) -> String {
    if value.chars().count() <= MAX_VALUE_CHARS {
        return value.to_string();
    }
    let head: String = value.chars().take(MAX_VALUE_CHARS).collect();
    format!("{head}… ({} bytes in all)", value.len())
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(v) = &self.value {
            write!(f, " ({v:?})")?;
        }
        Ok(())
    }
}

/// Every problem a load or check found, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// The problems, sorted by file, line and column.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(
            f,
            "{n} problem{} in the data:",
            if n == 1 { "" } else { "s" }
        )?;
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// The crate's error. Each kind can be matched; every message names what
/// it is about (a file and position, a column, a name and the names that
/// would have worked).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The data has problems; all of them are listed.
    #[error("{0}")]
    Data(Problems),
    /// A file or directory could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A path that should be a data directory is not one.
    #[error("{}: not a data directory", .0.display())]
    NotADirectory(PathBuf),
    /// A duration phrase the normalizer cannot read.
    #[error("cannot read duration phrase {phrase:?}: {reason}")]
    Phrase {
        /// The phrase as given.
        phrase: String,
        /// Why it was rejected, naming the word that stopped it.
        reason: String,
    },
    /// A name that is not one of those known: a table, a column of a
    /// frame, a chart, a code, a format.
    #[error("no {what} named {name:?}; {}", known_list(known))]
    Unknown {
        /// What kind of name (`table`, `column`, `held`...).
        what: &'static str,
        /// The name given.
        name: String,
        /// The names that exist.
        known: Vec<String>,
    },
    /// A column that cannot serve where it was asked to, with its dtype and
    /// what would work.
    #[error("column {column:?} ({dtype}) cannot be used {role}: {hint}")]
    Column {
        /// The column.
        column: String,
        /// Its dtype.
        dtype: String,
        /// What it was asked to do ("as x", "as a colour").
        role: String,
        /// What would work.
        hint: String,
    },
    /// An argument outside what a function accepts (a negative time, a
    /// survival curve of no rows), said in a sentence.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// A SQL query polars could not run: what went wrong, in the query's
    /// terms (the columns there are, the line and column of a syntax error).
    #[error("SQL: {0}")]
    Sql(String),
    /// A notebook cell stopped before its end (the stop button, or polars
    /// aborting a query): what happened and what was kept.
    #[error("interrupted: {0}")]
    Interrupted(String),
    /// A command or function needs a cargo feature this build lacks.
    #[error(
        "{what} needs the `{feature}` feature, which this build lacks; rebuild with `--features {feature}` (for the command line: `cargo install negotiations --features {feature}`, or `cargo run --release --features {feature} -- ...`)"
    )]
    MissingFeature {
        /// What was asked for.
        what: String,
        /// The feature that provides it.
        feature: &'static str,
    },
    /// A chart chain (the builder calls as text, `plot::chain`) that cannot
    /// be read or applied: where in the cell, what is wrong and what would
    /// fit, then the line with a caret under the culprit.
    #[error("line {line}, column {column}: {message}\n{excerpt}")]
    Chain {
        /// 1-based line in the cell.
        line: usize,
        /// 1-based column (in characters) in the cell.
        column: usize,
        /// What is wrong, and what would fit.
        message: String,
        /// The line and a caret under the culprit.
        excerpt: String,
    },
    /// Drawing a chart or encoding an image failed.
    #[error("drawing: {0}")]
    Drawing(String),
    /// Writing CSV or JSON failed.
    #[error("writing {format}: {message}")]
    Write {
        /// The format being written.
        format: &'static str,
        /// What went wrong.
        message: String,
    },
    /// An error from polars while building or exporting a DataFrame.
    #[error("polars: {0}")]
    Polars(#[from] polars::error::PolarsError),
}

/// `the tables are a, b, c` or `there are none`.
fn known_list(known: &[String]) -> String {
    match known.len() {
        0 => "there are none".to_string(),
        _ => format!("expected one of: {}", known.join(", ")),
    }
}

impl Error {
    /// The data problems, if this is a data error.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let err = negotiations::Dataset::from_dir(dir.path()).unwrap_err();
    /// // An empty directory: every file is reported missing.
    /// let problems = err.problems().unwrap();
    /// assert!(problems.iter().any(|p| p.to_string().ends_with("meetings.csv: file is missing")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            Error::Data(p) => Some(p),
            _ => None,
        }
    }

    /// An unknown `what` named `name`, listing the `known` ones.
    ///
    /// ```
    /// let e = negotiations::Error::unknown("table", "meetnigs", ["meetings", "outcomes"]);
    /// assert_eq!(e.to_string(), "no table named \"meetnigs\"; expected one of: meetings, outcomes");
    /// ```
    pub fn unknown<S: ToString>(
        what: &'static str,
        name: &str,
        known: impl IntoIterator<Item = S>,
    ) -> Error {
        Error::Unknown {
            what,
            name: name.to_string(),
            known: known.into_iter().map(|k| k.to_string()).collect(),
        }
    }

    /// An I/O error about `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<Vec<Problem>> for Error {
    fn from(mut v: Vec<Problem>) -> Error {
        v.sort();
        v.dedup();
        Error::Data(Problems(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_prints_file_line_column_value() {
        let p = Problem::at("meetings.csv", 12, Some(3), "bad date", Some("1975-02-30"));
        assert_eq!(
            p.to_string(),
            "meetings.csv:12:3: bad date (\"1975-02-30\")"
        );
        let p = Problem::file("sources.csv", "file is missing");
        assert_eq!(p.to_string(), "sources.csv: file is missing");
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(10_000);
        let p = Problem::at("a.csv", 2, Some(1), "too long", Some(&long));
        assert!(p.to_string().len() < 300);
        assert!(p.to_string().contains("10000 bytes"));
    }
}
