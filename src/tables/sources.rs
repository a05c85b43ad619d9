#![doc = include_str!("../../data/codebook/sources.md")]

use crate::base::codes::{Code, Precision};
use crate::tables::schema::{Kind, Table, col, max_len};

/// The `sources` table.
pub const TABLE: Table = Table {
    name: "sources",
    file: "sources.csv",
    row: "One article the data is drawn from.",
    primary_key: &["source_id"],
    columns: &[
        col("source_id", Kind::Text, "Short, stable identifier of the article; its text is `sources/<source_id>.txt`, so it is a plain file name.").required().max_len(max_len::ID).file_name(),
        col("label", Kind::Text, "A short description of the article for charts and tables, written by us (not a title).").required(),
        col("title", Kind::Text, "The headline, as the text gives it; empty when the text carries none."),
        col("outlet", Kind::Text, "The publication the text names; empty when it names none."),
        col("author", Kind::Text, "The author the text names; empty when unnamed."),
        col("published", Kind::Date, "Publication date as the text states it; empty when the text does not say (never a guess)."),
        col("published_precision", Kind::Enum(Precision::CODES), "Precision of `published`."),
        col("rights", Kind::Text, "Who holds the rights to the text, and on what terms we keep it (see `data/README.md`, \"The article texts\").").required(),
        col("file", Kind::Text, "The raw file under `data/raw/`, as received: a plain file name inside the package (no path, no `..`).").required().file_name(),
        col("notes", Kind::Text, "What the text implies about its date and origin, how it was repaired, and where it is unreliable.").max_len(max_len::LONG),
    ],
};
