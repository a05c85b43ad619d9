#![doc = include_str!("../data/codebook/sources.md")]

use crate::schema::{codes, col, Kind, Table};

/// The `sources` table.
pub const TABLE: Table = Table {
    name: "sources",
    file: "sources.csv",
    row: "One article the data is drawn from.",
    primary_key: &["source_id"],
    columns: &[
        col("source_id", Kind::Text, "Short, stable identifier of the article.").required(),
        col("label", Kind::Text, "A short description of the article for charts and tables, written by us (not a title).").required(),
        col("title", Kind::Text, "The headline, as the text gives it; empty when the text carries none."),
        col("outlet", Kind::Text, "The publication the text names; empty when it names none."),
        col("author", Kind::Text, "The author the text names; empty when unnamed."),
        col("published", Kind::Date, "Publication date as the text states it; empty when the text does not say (never a guess)."),
        col("published_precision", Kind::Enum(codes::PRECISION), "Precision of `published`."),
        col("file", Kind::Text, "The raw file under `data/raw/`, as received.").required(),
        col("notes", Kind::Text, "What the text implies about its date and origin, and how it was repaired."),
    ],
};

/// The `(source_id, raw file)` pairs listed in `dir/sources.csv`, read on
/// their own so the article texts can be rebuilt before the rest of the
/// data checks out.
///
/// ```
/// let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
/// let pairs = negotiations::sources::raw_files(dir)?;
/// assert_eq!(pairs[0], ("kissinger_echo".to_string(), "000_d8ae396c68ac7cc6.txt".to_string()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn raw_files(dir: &std::path::Path) -> crate::Result<Vec<(String, String)>> {
    let path = dir.join(TABLE.file);
    let bytes = std::fs::read(&path).map_err(|e| crate::Error::io(&path, e))?;
    let mut problems = Vec::new();
    let t = crate::load::parse(&TABLE, TABLE.file, &bytes, &mut problems);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    Ok((0..t.height())
        .filter_map(|r| {
            Some((
                t.text("source_id", r)?.to_string(),
                t.text("file", r)?.to_string(),
            ))
        })
        .collect())
}
