#![doc = include_str!("../../data/codebook/meetings.md")]

use crate::base::codes::{Code, Format, MeetingResult, Precision, Provenance, UsLevel};
use crate::tables::schema::{Kind, Table, col, max_len, provenance as p};

/// The `meetings` table.
pub const TABLE: Table = Table {
    name: "meetings",
    file: "meetings.csv",
    row: "One session: a meeting or call of a process's lead negotiator (or the U.S. president) with a principal of a party; one row per day, place and party (see `data/CODING.md`, \"Sessions and missions\").",
    primary_key: &["meeting_id"],
    columns: &[
        col("meeting_id", Kind::Text, "Short, stable identifier.").required().max_len(max_len::ID),
        col("process_id", Kind::Text, "The process the meeting belongs to.").required().references("processes", "process_id").max_len(max_len::ID),
        col("date", Kind::Date, "When it took place (first day of the period at month or year precision); empty when unknown."),
        col("date_precision", Kind::Enum(Precision::CODES), "Precision of `date`."),
        col("place", Kind::Text, "City or site; empty for phone calls and unknown places."),
        col("country", Kind::Text, "Country of `place`."),
        col("mission_id", Kind::Text, "The mission (trip) the session belongs to; empty for a call or a one-off meeting, which is a mission of its own day.").references("missions", "mission_id").max_len(max_len::ID),
        col("participants", Kind::List, "The principal people present (or on the line).").required(),
        col("counterpart", Kind::List, "The party or parties whose principals the lead negotiator met (`Egypt`, `Russia`), each one of the process's `parties`.").required(),
        col("us_level", Kind::Enum(UsLevel::CODES), "How high the U.S. (or mediator's) side was: `president` (leader-level: the U.S. president took part), `negotiator` or `none`.").required(),
        col("format", Kind::Enum(Format::CODES), "The form of the meeting; `summit` and `phone_call` are leader-level contact.").required(),
        col("duration_hours", Kind::Number, "How long it lasted, when known.").unit("hours"),
        col("duration_phrase", Kind::Text, "How an article describes its length, verbatim (\"for hours\")."),
        col("result", Kind::Enum(MeetingResult::CODES), "What it achieved, as the articles judge it (see `data/CODING.md`, \"Meeting results\").").required(),
        col("provenance", Kind::Enum(Provenance::CODES), "Where the row comes from: `stated` (an article describes this session), `collective` (an article tells of such sessions together, \"several phone calls\"; the row is one of them, dated by the document in `citation`) or `record` (no article tells of it; `citation` dates it and there is no quote).").required(),
        p::SOURCE_ID_UNLESS_RECORD,
        p::QUOTE_UNLESS_RECORD,
        p::CITATION,
        p::CITATION_URL,
        p::DATE_BASIS,
        p::NOTES,
    ],
};
