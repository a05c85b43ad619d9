#![doc = include_str!("../data/codebook/meetings.md")]

use crate::codes::{Code, Format, MeetingResult, Precision, Provenance};
use crate::schema::{Kind, Table, col, max_len, provenance as p};

/// The `meetings` table.
pub const TABLE: Table = Table {
    name: "meetings",
    file: "meetings.csv",
    row: "One meeting, round of talks, phone call or summit within a process.",
    primary_key: &["meeting_id"],
    columns: &[
        col("meeting_id", Kind::Text, "Short, stable identifier.").required().max_len(max_len::ID),
        col("process_id", Kind::Text, "The process the meeting belongs to.").required().references("processes", "process_id").max_len(max_len::ID),
        col("date", Kind::Date, "When it took place (first day of the period at month or year precision); empty when unknown."),
        col("date_precision", Kind::Enum(Precision::CODES), "Precision of `date`."),
        col("place", Kind::Text, "City or site; empty for phone calls and unknown places."),
        col("country", Kind::Text, "Country of `place`."),
        col("participants", Kind::List, "The principal people present (or on the line).").required(),
        col("format", Kind::Enum(Format::CODES), "The form of the meeting; `summit` and `phone_call` are leader-level contact.").required(),
        col("duration_hours", Kind::Number, "How long it lasted, when known.").unit("hours"),
        col("duration_phrase", Kind::Text, "How an article describes its length, verbatim (\"for hours\")."),
        col("result", Kind::Enum(MeetingResult::CODES), "What it achieved, as the articles judge it (see `data/CODING.md`, \"Meeting results\").").required(),
        col("provenance", Kind::Enum(Provenance::CODES), "Whether an article tells of this meeting: `stated` (it describes this one), `collective` (it tells of such meetings together, \"several phone calls\"; the row is one of them, found in the public record) or `external` (the public record only).").required(),
        p::SOURCE_ID,
        p::QUOTE,
        p::DATE_BASIS,
        p::NOTES,
    ],
};
