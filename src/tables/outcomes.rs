#![doc = include_str!("../../data/codebook/outcomes.md")]

use crate::base::codes::{Code, Held, OutcomeKind, Precision};
use crate::tables::schema::{Kind, Table, col, max_len, provenance as p};

/// The `outcomes` table.
pub const TABLE: Table = Table {
    name: "outcomes",
    file: "outcomes.csv",
    row: "One result of a process: an accord, a prize, or the absence of any agreement.",
    primary_key: &["outcome_id"],
    columns: &[
        col("outcome_id", Kind::Text, "Short, stable identifier.").required().max_len(max_len::ID),
        col("process_id", Kind::Text, "The process that produced it.").required().references("processes", "process_id").max_len(max_len::ID),
        col("date", Kind::Date, "When it was signed, took effect or was awarded (first day of the period at month or year precision)."),
        col("date_precision", Kind::Enum(Precision::CODES), "Precision of `date`."),
        col("kind", Kind::Enum(OutcomeKind::CODES), "What sort of result it is.").required(),
        col("name", Kind::Text, "The result as a reader would name it.").required(),
        col("held", Kind::Enum(Held::CODES), "Whether it lasted, as of the latest article: `held`, `fragile`, `suspended`, `superseded`, `unraveled`, `unknown`, or `not_applicable` (prizes, no agreement). See `data/CODING.md`, \"Held\".").required(),
        col("ended", Kind::Date, "When it stopped holding: required when `held` is `suspended`, `superseded` or `unraveled`, empty otherwise."),
        col("ended_precision", Kind::Enum(Precision::CODES), "Precision of `ended`."),
        col("unmet_provisions", Kind::Text, "Provisions the articles say are not met.").max_len(max_len::MEDIUM),
        col("us_economic_terms", Kind::Boolean, "Whether the accord includes economic benefits for the United States; empty when unknown."),
        p::SOURCE_ID,
        p::QUOTE,
        p::DATE_BASIS,
        p::NOTES,
    ],
};
