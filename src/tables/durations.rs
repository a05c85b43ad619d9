#![doc = include_str!("../../data/codebook/durations.md")]

use crate::base::codes::{Code, DurationKind, Fate, MODIFIER, Precision};
use crate::tables::schema::{Kind, Table, col, max_len, provenance as p};

/// The `durations` table.
pub const TABLE: Table = Table {
    name: "durations",
    file: "durations.csv",
    row: "One time span an article states: a negotiation's length, a deadline, a pledge, a meeting's length, or an interval between events.",
    primary_key: &["duration_id"],
    columns: &[
        col("duration_id", Kind::Text, "Short, stable identifier.").required().max_len(max_len::ID),
        col("process_id", Kind::Text, "The process it concerns; empty when it spans several or none.").references("processes", "process_id").max_len(max_len::ID),
        col("subject", Kind::Text, "What the span measures, in a phrase.").required(),
        col("kind", Kind::Enum(DurationKind::CODES), "`negotiation`, `deadline`, `pledge` (a promise or threat, with or without a time span), `meeting` or `interval`.").required(),
        col("phrase", Kind::Text, "The words of the article, verbatim (\"almost two years\"); empty only for a pledge that names no time span."),
        col("iso", Kind::Text, "The phrase's number and unit as an ISO-8601 duration (`P2Y`, `P50D`, `PT24H`), with `X` for a vague number as TimeML writes it (`years` is `PXY`); empty with `phrase`.").max_len(max_len::ID),
        col("modifier", Kind::Enum(MODIFIER), "How the phrase bounds the number: `exact`, `approx`, `less_than`, `more_than`, `at_most`, `at_least`; empty with `phrase`."),
        col("days_low", Kind::Number, "Low end of the span the phrase allows; empty with `phrase`.").unit("days"),
        col("days_high", Kind::Number, "High end of the span the phrase allows; empty with `phrase`.").unit("days"),
        col("count", Kind::Integer, "A count stated with the span (575 meetings)."),
        col("count_unit", Kind::Text, "What `count` counts."),
        col("fate", Kind::Enum(Fate::CODES), "For deadlines and pledges, what became of them; `not_applicable` otherwise.").required(),
        col("set_date", Kind::Date, "When a deadline or pledge was set (first day of the period at month or year precision)."),
        col("set_precision", Kind::Enum(Precision::CODES), "Precision of `set_date`."),
        col("due_date", Kind::Date, "When a deadline or pledge fell due."),
        col("due_precision", Kind::Enum(Precision::CODES), "Precision of `due_date`."),
        p::SOURCE_ID,
        p::QUOTE,
        p::DATE_BASIS,
        p::NOTES,
    ],
};
