//! The tables' schema: one declaration per column, from which the loader
//! validates, the DataFrames take their dtypes, and `datapackage.json` and
//! the codebooks are written. Keeping it in one place is what keeps those
//! four from drifting apart (a test holds the committed files to it).

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
}

impl Kind {
    /// The Frictionless Table Schema type of the column.
    pub fn frictionless_type(self) -> &'static str {
        match self {
            Kind::Text | Kind::Enum(_) | Kind::List => "string",
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
}

/// Shorthand constructors keep the table declarations readable.
pub(crate) const fn col(name: &'static str, kind: Kind, description: &'static str) -> Column {
    Column {
        name,
        kind,
        required: false,
        unit: None,
        references: None,
        description,
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
}

/// Codes shared by several tables.
pub mod codes {
    /// How precisely a date is known: the date is the first day of the
    /// period when the precision is `month` or `year`.
    pub const PRECISION: &[&str] = &["day", "month", "year"];
    /// Where a row's dates come from.
    pub const DATE_BASIS: &[&str] = &["stated", "inferred", "external"];
    /// Negotiating styles a process is filed under.
    pub const APPROACH: &[&str] = &["kissinger", "trump", "roosevelt", "other"];
    /// The state of a process.
    pub const STATUS: &[&str] = &["ongoing", "concluded", "stalled", "abandoned"];
    /// The form a meeting took.
    pub const FORMAT: &[&str] = &[
        "summit",
        "envoy_talks",
        "shuttle_round",
        "phone_call",
        "plenary",
        "delegation_talks",
        "other",
    ];
    /// What a meeting achieved.
    pub const RESULT: &[&str] = &[
        "agreement",
        "breakthrough",
        "progress",
        "no_breakthrough",
        "unknown",
    ];
    /// What a stated time span is about.
    pub const DURATION_KIND: &[&str] =
        &["negotiation", "deadline", "pledge", "meeting", "interval"];
    /// How a duration phrase bounds its number.
    pub const MODIFIER: &[&str] = &[
        "exact",
        "approx",
        "less_than",
        "more_than",
        "at_most",
        "at_least",
    ];
    /// What became of a deadline or pledge.
    pub const FATE: &[&str] = &[
        "met",
        "missed",
        "extended",
        "ignored",
        "pending",
        "not_applicable",
    ];
    /// What a process produced.
    pub const OUTCOME_KIND: &[&str] = &[
        "ceasefire",
        "disengagement",
        "armistice",
        "peace_agreement",
        "treaty",
        "memorandum",
        "de_escalation",
        "no_agreement",
        "prize",
    ];
    /// Whether an outcome lasted.
    pub const HELD: &[&str] = &["held", "fragile", "unraveled", "unknown", "not_applicable"];
}

/// Every table, in load order (a table comes after those it refers to).
pub fn tables() -> [&'static Table; 6] {
    [
        &crate::sources::TABLE,
        &crate::processes::TABLE,
        &crate::meetings::TABLE,
        &crate::durations::TABLE,
        &crate::outcomes::TABLE,
        &crate::approaches::TABLE,
    ]
}

/// The table named `name`, if there is one.
///
/// ```
/// let t = negotiations::schema::table("meetings").unwrap();
/// assert_eq!(t.file, "meetings.csv");
/// assert_eq!(t.primary_key, ["meeting_id"]);
/// ```
pub fn table(name: &str) -> Option<&'static Table> {
    tables().into_iter().find(|t| t.name == name)
}

/// The provenance columns every article-derived table ends with.
pub(crate) mod provenance {
    use super::{codes, col, Column, Kind};

    pub(crate) const SOURCE_ID: Column = col(
        "source_id",
        Kind::Text,
        "The article the row is drawn from (`sources.source_id`).",
    )
    .required()
    .references("sources", "source_id");
    pub(crate) const QUOTE: Column = col(
        "quote",
        Kind::Text,
        "A verbatim passage of that article supporting the row; the check finds it in `sources/<source_id>.txt` after folding white space.",
    )
    .required();
    pub(crate) const DATE_BASIS: Column = col(
        "date_basis",
        Kind::Enum(codes::DATE_BASIS),
        "Where the row's dates come from: `stated` in the article, `inferred` from it (reasoning in `notes`), or `external` (the public record; reference in `notes`). Empty only when the row has no date.",
    );
    pub(crate) const NOTES: Column = col(
        "notes",
        Kind::Text,
        "Reasoning for inferred values, references for external ones, caveats.",
    );
}
