#![doc = include_str!("../../data/codebook/processes.md")]

use crate::base::codes::{Approach, Code, Precision, Status, UsRole};
use crate::tables::schema::{Kind, Table, col, max_len, provenance as p};

/// The `processes` table.
pub const TABLE: Table = Table {
    name: "processes",
    file: "processes.csv",
    row: "One negotiation process (a case): a mediator's effort to end or settle one conflict.",
    primary_key: &["process_id"],
    columns: &[
        col("process_id", Kind::Text, "Short, stable identifier.").required().max_len(max_len::ID),
        col("name", Kind::Text, "The process as a reader would name it.").required(),
        col("conflict", Kind::Text, "The war or dispute being negotiated.").required(),
        col("mediator", Kind::Text, "The lead third-party mediator (a person); empty when no one mediated. A negotiator for one of the sides is never a mediator, even an American one: see `us_lead`."),
        col("us_role", Kind::Enum(UsRole::CODES), "The United States' part: `mediator` (a third party helping the sides agree), `party` (one of the sides) or `none`.").required(),
        col("us_lead", Kind::List, "Who led for the United States, mediator or party; empty when it took no part."),
        col("approach", Kind::Enum(Approach::CODES), "The style the process is filed under: `kissinger`, `trump`, `roosevelt` or `other`.").required(),
        col("parties", Kind::List, "The sides negotiating (never the mediator).").required(),
        col("start", Kind::Date, "When the process began (first day of the period at month or year precision)."),
        col("start_precision", Kind::Enum(Precision::CODES), "Precision of `start`."),
        col("end", Kind::Date, "When it ended (agreement signed, or talks broke off); empty while ongoing."),
        col("end_precision", Kind::Enum(Precision::CODES), "Precision of `end`."),
        col("status", Kind::Enum(Status::CODES), "Where the process stands as of the latest article.").required(),
        col("meetings_count", Kind::Integer, "The number of meetings an article states (the Korean armistice's 575); empty when none is stated.").unit("meetings"),
        p::SOURCE_ID,
        p::QUOTE,
        p::DATE_BASIS,
        p::NOTES,
    ],
};
