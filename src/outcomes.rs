#![doc = include_str!("../data/codebook/outcomes.md")]

use crate::schema::{codes, col, provenance as p, Kind, Table};

/// The `outcomes` table.
pub const TABLE: Table = Table {
    name: "outcomes",
    file: "outcomes.csv",
    row: "One result of a process: an accord, a prize, or the absence of any agreement.",
    primary_key: &["outcome_id"],
    columns: &[
        col("outcome_id", Kind::Text, "Short, stable identifier.").required(),
        col("process_id", Kind::Text, "The process that produced it.").required().references("processes", "process_id"),
        col("date", Kind::Date, "When it was signed, took effect or was awarded (first day of the period at month or year precision)."),
        col("date_precision", Kind::Enum(codes::PRECISION), "Precision of `date`."),
        col("kind", Kind::Enum(codes::OUTCOME_KIND), "What sort of result it is.").required(),
        col("name", Kind::Text, "The result as a reader would name it.").required(),
        col("held", Kind::Enum(codes::HELD), "Whether it lasted, as of the latest article: `held`, `fragile`, `unraveled`, `unknown`, or `not_applicable` (prizes, no agreement).").required(),
        col("ended", Kind::Date, "When it unraveled; empty unless `held` is `unraveled`."),
        col("ended_precision", Kind::Enum(codes::PRECISION), "Precision of `ended`."),
        col("unmet_provisions", Kind::Text, "Provisions the articles say are not met."),
        col("us_economic_terms", Kind::Boolean, "Whether the accord includes economic benefits for the United States; empty when unknown."),
        p::SOURCE_ID,
        p::QUOTE,
        p::DATE_BASIS,
        p::NOTES,
    ],
};
