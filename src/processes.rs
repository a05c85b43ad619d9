#![doc = include_str!("../data/codebook/processes.md")]

use crate::schema::{codes, col, provenance as p, Kind, Table};

/// The `processes` table.
pub const TABLE: Table = Table {
    name: "processes",
    file: "processes.csv",
    row: "One negotiation process (a case): a mediator's effort to end or settle one conflict.",
    primary_key: &["process_id"],
    columns: &[
        col("process_id", Kind::Text, "Short, stable identifier.").required(),
        col("name", Kind::Text, "The process as a reader would name it.").required(),
        col("conflict", Kind::Text, "The war or dispute being negotiated.").required(),
        col("mediator", Kind::Text, "The lead person on the American (or mediating) side; empty when there was none."),
        col("approach", Kind::Enum(codes::APPROACH), "The style the process is filed under: `kissinger`, `trump`, `roosevelt` or `other`.").required(),
        col("parties", Kind::List, "The sides negotiating.").required(),
        col("start", Kind::Date, "When the process began (first day of the period at month or year precision)."),
        col("start_precision", Kind::Enum(codes::PRECISION), "Precision of `start`."),
        col("end", Kind::Date, "When it ended (agreement signed, or talks broke off); empty while ongoing."),
        col("end_precision", Kind::Enum(codes::PRECISION), "Precision of `end`."),
        col("status", Kind::Enum(codes::STATUS), "Where the process stands as of the latest article.").required(),
        col("meetings_count", Kind::Integer, "The number of meetings an article states (the Korean armistice's 575); empty when none is stated.").unit("meetings"),
        p::SOURCE_ID,
        p::QUOTE,
        p::DATE_BASIS,
        p::NOTES,
    ],
};
