#![doc = include_str!("../../data/codebook/missions.md")]

use crate::base::codes::{Code, MissionKind};
use crate::tables::schema::{Kind, Table, col, max_len, provenance as p};

/// The `missions` table.
pub const TABLE: Table = Table {
    name: "missions",
    file: "missions.csv",
    row: "One mission: a trip of a process's lead negotiator (or the U.S. president) that groups sessions, from its first session to its last (see `data/CODING.md`, \"Sessions and missions\").",
    primary_key: &["mission_id"],
    columns: &[
        col("mission_id", Kind::Text, "Short, stable identifier.").required().max_len(max_len::ID),
        col("process_id", Kind::Text, "The process the mission mainly served (its sessions may serve other processes of the same negotiator too).").required().references("processes", "process_id").max_len(max_len::ID),
        col("name", Kind::Text, "The mission as a reader would name it.").required().max_len(max_len::SHORT),
        col("kind", Kind::Enum(MissionKind::CODES), "`shuttle` (back and forth between the parties' capitals), `trip` (a visit to one party, or to several without shuttling) or `venue` (the principals met at one place).").required(),
        col("start", Kind::Date, "The day of its first session.").required(),
        col("end", Kind::Date, "The day of its last session.").required(),
        col("lead", Kind::List, "Who led it for the United States (or the mediator).").required(),
        col("source_id", Kind::Text, "The article that tells of the mission, if one does (`sources.source_id`).").references("sources", "source_id").max_len(max_len::ID),
        col("quote", Kind::Text, "The passage of that article, verbatim; empty exactly when `source_id` is.").max_len(max_len::LONG),
        p::CITATION.required(),
        p::CITATION_URL.required(),
        p::DATE_BASIS,
        p::NOTES,
    ],
};
