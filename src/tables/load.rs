//! Reading one CSV file against its schema: every field parsed to its
//! column's type, every problem collected with its position.
//!
//! The file is read as CSV records (`records`), each cell parsed
//! to its column's type (`cell`) into a [`TableData`]. A large
//! file is cut at line feeds and its parts parsed side by side.

use crate::error::Problem;
use crate::tables::cell::{column_list, push};
use crate::tables::records::{MIN_CHUNK, Records, chunks, threads};
use crate::tables::schema::Table;
use crate::tables::table::{TableData, Values};

/// Parses `bytes` as the CSV file of `spec`, adding every problem found to
/// `problems`. The result holds every row; a field with a problem is null.
///
/// A large file is parsed in chunks on all cores (see `chunks`); the
/// result, positions included, is the same as a parse from start to end.
///
/// ```
/// let mut problems = Vec::new();
/// let t = negotiations::load::parse(&negotiations::approaches::TABLE, "a.csv", b"dimension,actor\ntempo,kissinger\n", &mut problems);
/// assert_eq!(t.height(), 1);
/// // Four columns are missing; each is named.
/// assert_eq!(problems.len(), 4);
/// assert_eq!(problems[0].to_string(), "a.csv:1: header lacks column 'value' (\"dimension,actor\")");
/// ```
pub fn parse(
    spec: &'static Table,
    file: &str,
    bytes: &[u8],
    problems: &mut Vec<Problem>,
) -> TableData {
    parse_in(spec, file, bytes, problems, None)
}

/// [`parse`], in `chunks` chunks if given (else as many as there are cores,
/// for a large file).
fn parse_in(
    spec: &'static Table,
    file: &str,
    bytes: &[u8],
    problems: &mut Vec<Problem>,
    chunks: Option<usize>,
) -> TableData {
    let empty = TableData {
        spec,
        file: file.to_string(),
        columns: spec
            .columns
            .iter()
            .map(|c| Values::new(c.kind, 0))
            .collect(),
        lines: Vec::new(),
        positions: vec![None; spec.columns.len()],
        invalid: Default::default(),
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let names: Vec<_> = spec.columns.iter().map(|c| c.name).collect();
        problems.push(Problem::file(
            file,
            format!("file is empty; expected a header row: {}", names.join(",")),
        ));
        return empty;
    }
    let mut reader = Records::new(bytes);
    if reader.next_record().is_none() {
        return empty;
    }
    let header: Vec<Vec<u8>> = (0..reader.len())
        .filter_map(|i| reader.get(i).map(<[u8]>::to_vec))
        .collect();
    let body_start = reader.consumed();
    let header_lines = memchr::memchr_iter(b'\n', &bytes[..body_start]).count() as u64;
    let mut positions = vec![None; spec.columns.len()];
    for (i, raw) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(raw);
        match spec.index(name.trim()) {
            Some(k) if positions[k].is_some() => problems.push(Problem::at(
                file,
                1,
                Some(i + 1),
                format!("column '{name}' appears twice in the header"),
                Some(&name),
            )),
            Some(k) => positions[k] = Some(i + 1),
            None => problems.push(Problem::at(
                file,
                1,
                Some(i + 1),
                format!(
                    "unknown column '{name}' in the header; expected {}",
                    column_list(spec)
                ),
                Some(&name),
            )),
        }
    }
    for (k, c) in spec.columns.iter().enumerate() {
        if positions[k].is_none() {
            problems.push(Problem::at(
                file,
                1,
                None,
                format!("header lacks column '{}'", c.name),
                Some(
                    &header
                        .iter()
                        .map(|f| String::from_utf8_lossy(f))
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ));
        }
    }
    let body = bytes.get(body_start..).unwrap_or_default();
    let ctx = Body {
        spec,
        file,
        positions: &positions,
        width: header.len(),
    };
    let n = chunks.unwrap_or_else(|| threads().min(body.len() / MIN_CHUNK));
    // One chunk goes on with the reader that read the header: building a
    // reader costs more than parsing a small file.
    let parts = if n <= 1 {
        vec![parse_part(&ctx, body, Some((reader, body_start)))]
    } else {
        parse_chunks(&ctx, body, n)
    };
    let mut data = TableData {
        positions: positions.clone(),
        ..empty
    };
    let mut line_offset = header_lines;
    for part in parts {
        let row_offset = data.lines.len();
        data.lines
            .extend(part.lines.iter().map(|l| l + line_offset));
        for (all, more) in data.columns.iter_mut().zip(part.columns) {
            all.append(more);
        }
        data.invalid
            .extend(part.invalid.iter().map(|&(r, k)| (r + row_offset, k)));
        problems.extend(part.problems.into_iter().map(|mut p| {
            p.line = p.line.map(|l| l + line_offset);
            p
        }));
        line_offset += part.newlines;
    }
    data
}

/// Rows parsed before the text buffers are sized for the rest.
const SAMPLE_ROWS: usize = 1024;

/// What every chunk of one file's body is parsed against.
struct Body<'a> {
    spec: &'static Table,
    file: &'a str,
    positions: &'a [Option<usize>],
    width: usize,
}

/// One chunk's rows, with lines and problems counted from the chunk's
/// start.
struct Part {
    columns: Vec<Values>,
    lines: Vec<u64>,
    invalid: std::collections::HashSet<(usize, usize)>,
    problems: Vec<Problem>,
    /// Line feeds in the chunk: the next chunk's line offset.
    newlines: u64,
    /// Whether the chunk ended inside a quoted field: its cut was wrong.
    ended_in_quotes: bool,
}

fn parse_chunks(ctx: &Body, body: &[u8], n: usize) -> Vec<Part> {
    let cuts = chunks(body, n);
    if cuts.is_empty() {
        return vec![parse_part(ctx, body, None)];
    }
    let bounds: Vec<(usize, usize)> = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain(std::iter::once(body.len())))
        .collect();
    let parts: Vec<Option<Part>> = std::thread::scope(|s| {
        let handles: Vec<_> = bounds
            .iter()
            .map(|&(a, b)| s.spawn(move || parse_part(ctx, &body[a..b], None)))
            .collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    });
    // A chunk that ends inside quotes was cut inside a quoted field (a
    // field with a line feed in it): parse the whole body in one go.
    let last = parts.len() - 1;
    let trustworthy = parts
        .iter()
        .enumerate()
        .all(|(i, p)| p.as_ref().is_some_and(|p| i == last || !p.ended_in_quotes));
    if trustworthy {
        parts.into_iter().flatten().collect()
    } else {
        vec![parse_part(ctx, body, None)]
    }
}

/// Parses the records of `chunk`, with a reader of its own or with
/// `(reader, offset)`: a reader already at the chunk's start, whose byte
/// positions count from `offset` bytes before it.
fn parse_part<'a>(ctx: &Body, chunk: &'a [u8], with: Option<(Records<'a>, usize)>) -> Part {
    let width = ctx.width;
    let mut part = Part::sized_for(ctx.spec, chunk);
    // One check of the whole chunk; then fields need none of their own.
    let all_utf8 = std::str::from_utf8(chunk).is_ok();
    let (mut record, offset) = with.unwrap_or_else(|| (Records::new(chunk), 0));
    let mut last_field_ends_in_line_feed = false;
    // Lines are counted from byte offsets: a record's reported start can be
    // the line feed of a CRLF, or a blank line, before it.
    let (mut counted_to, mut newlines) = (0usize, 0u64);
    while let Some(at) = record.next_record() {
        last_field_ends_in_line_feed = record
            .get(record.len().saturating_sub(1))
            .is_some_and(|f| f.last() == Some(&b'\n'));
        let mut start = at.saturating_sub(offset);
        while matches!(chunk.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if let Some(skipped) = chunk.get(counted_to..start) {
            newlines += memchr::memchr_iter(b'\n', skipped).count() as u64;
            counted_to = start;
        }
        let line = newlines + 1;
        if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
            continue; // a blank line
        }
        if record.len() != width {
            part.problems.push(Problem::at(
                ctx.file,
                line,
                Some(record.len().min(width) + 1),
                format!("row has {} fields; the header has {width}", record.len()),
                None,
            ));
        }
        part.lines.push(line);
        let row = part.lines.len() - 1;
        if row == SAMPLE_ROWS {
            part.reserve_text((chunk.len() - start) / (start / SAMPLE_ROWS).max(1) + 1);
        }
        for (k, position) in ctx.positions.iter().enumerate() {
            let field = position.and_then(|p| record.get(p - 1));
            part.push_field(ctx, k, field, (line, row), all_utf8);
        }
    }
    // Inside quotes at the end, the chunk's last field swallowed the line
    // feed the chunk was cut after (a quoted field may end in a line feed
    // legitimately too; then the chunk is merely parsed again).
    part.ended_in_quotes = last_field_ends_in_line_feed;
    part.newlines = newlines
        + memchr::memchr_iter(b'\n', chunk.get(counted_to..).unwrap_or_default()).count() as u64;
    part
}

impl Part {
    /// An empty part with room for the rows of `chunk`, guessed from the
    /// lines in its first 64 KiB.
    fn sized_for(spec: &Table, chunk: &[u8]) -> Part {
        let sample = &chunk[..chunk.len().min(1 << 16)];
        let per_line = sample.len() / memchr::memchr_iter(b'\n', sample).count().max(1);
        let rows = chunk.len() / per_line.max(1) + 1;
        Part {
            columns: spec
                .columns
                .iter()
                .map(|c| Values::new(c.kind, rows))
                .collect(),
            lines: Vec::with_capacity(rows),
            invalid: Default::default(),
            problems: Vec::new(),
            newlines: 0,
            ended_in_quotes: false,
        }
    }

    /// Reserves each text column's room for `rows_left` more rows like
    /// those so far, so a large chunk's buffers are not regrown (and
    /// recopied) as they fill.
    fn reserve_text(&mut self, rows_left: usize) {
        for values in &mut self.columns {
            if let Values::Text(t) | Values::List(t) = values {
                t.reserve_like_so_far(rows_left);
            }
        }
    }

    /// Parses `field` (absent when the row is short of it, or the header
    /// lacks the column) into column `k` of row `row`, at line `line`; a
    /// field that is not UTF-8, is empty but required, or does not parse
    /// is a null and a problem.
    fn push_field(
        &mut self,
        ctx: &Body,
        k: usize,
        field: Option<&[u8]>,
        (line, row): (u64, usize),
        all_utf8: bool,
    ) {
        let (Some(c), Some(&column), Some(values)) = (
            ctx.spec.columns.get(k),
            ctx.positions.get(k),
            self.columns.get_mut(k),
        ) else {
            return;
        };
        let Some(field) = field else {
            values.push_null();
            return;
        };
        let text = if all_utf8 {
            // SAFETY: the chunk is valid UTF-8 and the csv reader splits
            // it only at ASCII bytes (commas, quotes, line ends), which
            // never fall inside a multi-byte character.
            unsafe { std::str::from_utf8_unchecked(field) }
        } else {
            match std::str::from_utf8(field) {
                Ok(t) => t,
                Err(e) => {
                    let bad = &field[e.valid_up_to()..field.len().min(e.valid_up_to() + 4)];
                    self.problems.push(Problem::at(
                        ctx.file,
                        line,
                        column,
                        format!("column '{}': not valid UTF-8 (bytes {bad:02X?})", c.name),
                        Some(&String::from_utf8_lossy(field)),
                    ));
                    values.push_null();
                    self.invalid.insert((row, k));
                    return;
                }
            }
        };
        if text.is_empty() {
            if c.required {
                self.problems.push(Problem::at(
                    ctx.file,
                    line,
                    column,
                    format!("column '{}' is required but empty", c.name),
                    Some(""),
                ));
            }
            values.push_null();
            return;
        }
        if let Err(msg) = push(values, c, text) {
            self.problems.push(Problem::at(
                ctx.file,
                line,
                column,
                format!("column '{}': {msg}", c.name),
                Some(text),
            ));
            values.push_null();
            self.invalid.insert((row, k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parsing in chunks gives what one pass gives: rows, values, lines and
    /// problems, even when cuts fall inside quoted fields with line feeds,
    /// beside blank lines, ragged rows and bad values.
    #[test]
    fn chunked_parse_equals_one_pass() {
        let spec = &crate::tables::approaches::TABLE;
        let mut csv = String::from("dimension,actor,value,description,source_id,quote\n");
        for i in 0..400 {
            match i % 7 {
                0 => csv.push_str(&format!("d{i},a,v,\"line one\nline two\n\",s,q\n")),
                1 => csv.push('\n'),
                2 => csv.push_str(&format!("d{i},a,v\n")),
                3 => csv.push_str(&format!(
                    "d{i},a,v,\"quoted \"\"inner\"\"\nand more\",s,\"q\n\"\n"
                )),
                _ => csv.push_str(&format!("d{i},a,,plain,s,q\r\n")),
            }
        }
        let one = {
            let mut p = Vec::new();
            let t = parse_in(spec, "a.csv", csv.as_bytes(), &mut p, Some(1));
            (t.columns, t.lines, t.invalid, p)
        };
        for n in [2, 3, 5, 16, 64] {
            let mut p = Vec::new();
            let t = parse_in(spec, "a.csv", csv.as_bytes(), &mut p, Some(n));
            assert_eq!(t.columns, one.0, "{n} chunks");
            assert_eq!(t.lines, one.1, "{n} chunks");
            assert_eq!(t.invalid, one.2, "{n} chunks");
            assert_eq!(p, one.3, "{n} chunks");
        }
        assert_eq!(one.1.len(), 400 - 57); // less the blank lines
        // Lines as an editor counts them: the row after a blank line, and
        // rows after CRLF line ends, on their own lines.
        assert_eq!(one.1[..6], [2, 6, 7, 10, 11, 12]);
        assert!(!one.3.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Whatever the bytes (quotes, line feeds and carriage returns
        /// anywhere, ragged rows, stray quotes mid-field), parsing in any
        /// number of chunks gives exactly what one pass gives.
        #[test]
        fn chunks_never_change_the_result(
            body in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'b', b',', b'"', b'\n', b'\r', b' ', 0xC3, 0xA9]),
                0..600,
            ),
            n in 2usize..9,
        ) {
            let spec = &crate::tables::approaches::TABLE;
            let mut bytes = b"dimension,actor,value,description,source_id,quote\n".to_vec();
            bytes.extend(body);
            let (mut p1, mut pn) = (Vec::new(), Vec::new());
            let one = parse_in(spec, "a.csv", &bytes, &mut p1, Some(1));
            let many = parse_in(spec, "a.csv", &bytes, &mut pn, Some(n));
            proptest::prop_assert_eq!(&one.columns, &many.columns);
            proptest::prop_assert_eq!(&one.lines, &many.lines);
            proptest::prop_assert_eq!(&one.invalid, &many.invalid);
            proptest::prop_assert_eq!(p1, pn);
        }
    }

    #[test]
    fn cuts_fall_after_line_feeds() {
        let body = b"a\nbb\nccc\ndddd\n";
        for cut in chunks(body, 4) {
            assert_eq!(body[cut - 1], b'\n');
        }
        assert!(chunks(b"no line feed at all", 4).is_empty());
    }
}
