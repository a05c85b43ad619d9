#![doc = include_str!("../../data/codebook/approaches.md")]

use crate::tables::schema::{Kind, Table, col, max_len, provenance as p};

/// The `approaches` table.
pub const TABLE: Table = Table {
    name: "approaches",
    file: "approaches.csv",
    row: "One coding of one actor's approach on one dimension of negotiating (tidy: dimension × actor).",
    primary_key: &["dimension", "actor"],
    columns: &[
        col("dimension", Kind::Text, "The aspect of negotiating compared: `tempo`, `team`, `drafting`, `endpoint`, `expectations`, `success_test`, `economic_terms`, `leverage`, `format`, `philosophy`, `persistence`, `role`, `engagement`, `sequencing`, `deadlines`, `recognition`, `concessions`.").required().max_len(max_len::ID),
        col("actor", Kind::Text, "Whose approach: `kissinger`, `trump`, `roosevelt`, `putin`, or `recommended` (what an article's author prescribes).").required().max_len(max_len::ID),
        col("value", Kind::Text, "A short coded label (`marathon`, `sprint`).").required().max_len(max_len::ID),
        col("description", Kind::Text, "The coding in a sentence.").required().max_len(max_len::MEDIUM),
        p::SOURCE_ID,
        p::QUOTE,
    ],
};
