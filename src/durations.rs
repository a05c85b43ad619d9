#![doc = include_str!("../data/codebook/durations.md")]

use crate::schema::{codes, col, provenance as p, Kind, Table};

/// The `durations` table.
pub const TABLE: Table = Table {
    name: "durations",
    file: "durations.csv",
    row: "One time span an article states: a negotiation's length, a deadline, a pledge, a meeting's length, or an interval between events.",
    primary_key: &["duration_id"],
    columns: &[
        col("duration_id", Kind::Text, "Short, stable identifier.").required(),
        col("process_id", Kind::Text, "The process it concerns; empty when it spans several or none.").references("processes", "process_id"),
        col("subject", Kind::Text, "What the span measures, in a phrase.").required(),
        col("kind", Kind::Enum(codes::DURATION_KIND), "`negotiation`, `deadline`, `pledge`, `meeting` or `interval`.").required(),
        col("phrase", Kind::Text, "The words of the article, verbatim (\"almost two years\").").required(),
        col("iso", Kind::Text, "The phrase's number and unit as an ISO-8601 duration (`P2Y`, `P50D`, `PT24H`); for vague quantities the low end (`months` is `P2M`).").required(),
        col("modifier", Kind::Enum(codes::MODIFIER), "How the phrase bounds the number: `exact`, `approx`, `less_than`, `more_than`, `at_most`, `at_least`.").required(),
        col("days_low", Kind::Number, "Low end of the span the phrase allows.").required().unit("days"),
        col("days_high", Kind::Number, "High end of the span the phrase allows.").required().unit("days"),
        col("count", Kind::Integer, "A count stated with the span (575 meetings)."),
        col("count_unit", Kind::Text, "What `count` counts."),
        col("fate", Kind::Enum(codes::FATE), "For deadlines and pledges, what became of them; `not_applicable` otherwise.").required(),
        col("set_date", Kind::Date, "When a deadline or pledge was set (first day of the period at month or year precision)."),
        col("set_precision", Kind::Enum(codes::PRECISION), "Precision of `set_date`."),
        col("due_date", Kind::Date, "When a deadline or pledge fell due."),
        col("due_precision", Kind::Enum(codes::PRECISION), "Precision of `due_date`."),
        p::SOURCE_ID,
        p::QUOTE,
        p::DATE_BASIS,
        p::NOTES,
    ],
};
