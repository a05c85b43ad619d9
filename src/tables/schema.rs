//! The tables' schema: one declaration per column, from which the loader
//! validates, the DataFrames take their dtypes, and `datapackage.json` and
//! the codebooks are written. Keeping it in one place is what keeps those
//! four from drifting apart (a test holds the committed files to it).
//!
//! This module holds the types; each table declares its columns in a
//! module of its own ([`crate::tables::meetings`], [`crate::tables::context`]...), and
//! [`crate::tables::package`] lists which tables make up a data package.

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text (UTF-8).
    Text,
    /// A whole number (`i64`).
    Integer,
    /// A decimal number (`f64`).
    Number,
    /// `true` or `false`.
    Boolean,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// One of a fixed list of codes.
    Enum(&'static [&'static str]),
    /// A list of text items separated by `;` in the CSV cell.
    List,
    /// A list of whole numbers separated by `;` in the CSV cell.
    IntegerList,
}

impl Kind {
    /// The Frictionless Table Schema type of the column.
    pub fn frictionless_type(self) -> &'static str {
        match self {
            Kind::Text | Kind::Enum(_) | Kind::List | Kind::IntegerList => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Date => "date",
        }
    }

    /// A short name for codebooks.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Date => "date",
            Kind::Enum(_) => "enum",
            Kind::List => "list of text (`;`-separated)",
            Kind::IntegerList => "list of whole numbers (`;`-separated)",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The CSV header and DataFrame column name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether every row must have a value.
    pub required: bool,
    /// The unit of a number, if it has one.
    pub unit: Option<&'static str>,
    /// `(table, column)` this column refers to, if it is a foreign key.
    pub references: Option<(&'static str, &'static str)>,
    /// What the column means.
    pub description: &'static str,
    /// The most characters a text or list cell may hold (0 for other
    /// kinds): a pasted article in `notes` is a mistake the check catches.
    pub max_len: usize,
    /// Whether the value names a file of the package (or is part of one's
    /// name), and so must be a plain file name ([`crate::base::paths`]).
    pub file_name: bool,
}

/// One table of the data package.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The table's name (`meetings`).
    pub name: &'static str,
    /// The CSV file name inside the data directory.
    pub file: &'static str,
    /// What one row is.
    pub row: &'static str,
    /// The columns, in file order.
    pub columns: &'static [Column],
    /// The columns whose values together identify a row.
    pub primary_key: &'static [&'static str],
}

impl Table {
    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The position of the column named `name`.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The precision column of the date column `date`: `X_precision`, or
    /// for `X_date` also `X_precision` (`set_date` → `set_precision`).
    ///
    /// ```
    /// let t = &negotiations::durations::TABLE;
    /// assert_eq!(t.precision_of("set_date"), Some("set_precision"));
    /// assert_eq!(negotiations::meetings::TABLE.precision_of("date"), Some("date_precision"));
    /// assert_eq!(t.precision_of("phrase"), None);
    /// ```
    pub fn precision_of(&self, date: &str) -> Option<&'static str> {
        // No allocation: this is asked once per row in some loops.
        let short = date.strip_suffix("_date").unwrap_or(date);
        self.columns.iter().map(|c| c.name).find(|n| {
            n.strip_suffix("_precision")
                .is_some_and(|stem| stem == date || stem == short)
        })
    }
}

/// Longest text cells, in characters, by what the column holds.
pub mod max_len {
    /// Identifiers and codes-like text.
    pub const ID: usize = 64;
    /// Names, places, labels, titles, phrases.
    pub const SHORT: usize = 300;
    /// Descriptions and lists.
    pub const MEDIUM: usize = 600;
    /// Quotes and notes.
    pub const LONG: usize = 1200;
}

/// Shorthand constructors keep the table declarations readable. Text
/// columns may hold [`max_len::SHORT`] characters and lists
/// [`max_len::MEDIUM`] unless a declaration says otherwise.
pub(crate) const fn col(name: &'static str, kind: Kind, description: &'static str) -> Column {
    Column {
        name,
        kind,
        required: false,
        unit: None,
        references: None,
        description,
        max_len: match kind {
            Kind::Text => max_len::SHORT,
            Kind::List | Kind::IntegerList => max_len::MEDIUM,
            _ => 0,
        },
        file_name: false,
    }
}

impl Column {
    pub(crate) const fn required(mut self) -> Column {
        self.required = true;
        self
    }
    pub(crate) const fn unit(mut self, unit: &'static str) -> Column {
        self.unit = Some(unit);
        self
    }
    pub(crate) const fn references(mut self, table: &'static str, column: &'static str) -> Column {
        self.references = Some((table, column));
        self
    }
    pub(crate) const fn max_len(mut self, chars: usize) -> Column {
        self.max_len = chars;
        self
    }
    pub(crate) const fn file_name(mut self) -> Column {
        self.file_name = true;
        self
    }
}

/// The provenance columns every article-derived table ends with.
pub(crate) mod provenance {
    use super::{Column, Kind, col, max_len};
    use crate::base::codes::{Code, DateBasis};

    pub(crate) const SOURCE_ID: Column = col(
        "source_id",
        Kind::Text,
        "The article the row is drawn from (`sources.source_id`).",
    )
    .required()
    .references("sources", "source_id")
    .max_len(max_len::ID);
    pub(crate) const QUOTE: Column = col(
        "quote",
        Kind::Text,
        "A verbatim passage of that article supporting the row; the check finds it in `sources/<source_id>.txt` after folding white space.",
    )
    .required()
    .max_len(max_len::LONG);
    /// `source_id` where a row may rest on the record instead of an
    /// article (a meeting or a mission).
    pub(crate) const SOURCE_ID_UNLESS_RECORD: Column = col(
        "source_id",
        Kind::Text,
        "The article the row is drawn from (`sources.source_id`); empty only for a row from the record, which cites its document in `citation` instead.",
    )
    .references("sources", "source_id")
    .max_len(max_len::ID);
    /// `quote` where a row may rest on the record instead of an article.
    pub(crate) const QUOTE_UNLESS_RECORD: Column = col(
        "quote",
        Kind::Text,
        "A verbatim passage of that article supporting the row (the check finds it in `sources/<source_id>.txt` after folding white space); empty exactly when `source_id` is.",
    )
    .max_len(max_len::LONG);
    /// The document a row from the record rests on.
    pub(crate) const CITATION: Column = col(
        "citation",
        Kind::Text,
        "The document that identifies and dates the row, in one of the forms of `negotiations::citation`: a FRUS document id (`frus1969-76v26/d77`), `readout: ISSUER, YYYY-MM-DD`, `outlet: OUTLET, YYYY-MM-DD[, \"HEADLINE\"]` or `document: ISSUER, YYYY[-MM[-DD]], \"TITLE\"`.",
    )
    .max_len(max_len::SHORT);
    /// Where the cited document can be read.
    pub(crate) const CITATION_URL: Column = col(
        "citation_url",
        Kind::Text,
        "The cited document's address (`https://...`); for FRUS, its page at history.state.gov.",
    )
    .max_len(max_len::SHORT);
    pub(crate) const DATE_BASIS: Column = col(
        "date_basis",
        Kind::Enum(DateBasis::CODES),
        "Where the row's dates come from: `stated` in the article, `inferred` from it (reasoning in `notes`), or `external` (the public record; reference in `notes`). Empty only when the row has no date.",
    );
    pub(crate) const NOTES: Column = col(
        "notes",
        Kind::Text,
        "Reasoning for inferred values, references for external ones, caveats.",
    )
    .max_len(max_len::LONG);
}
