//! The loader on arbitrary data packages: it must return `Ok` or an error
//! with positions, never panic; and what it accepts, the frames, metrics
//! and charts must handle too.
//!
//! An input is a whole data package in one file, its parts separated by
//! `\n%%\n`: the seven CSV files in load order (`TABLES`: sources,
//! processes, missions, meetings, durations, outcomes, approaches), then one
//! part per article,
//! `<source_id>\n<text>`. `fuzz/seeds/` holds small valid packages
//! (written by `fuzz/make-seeds.py`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use negotiations::charts::{Chart, Figure};
use negotiations::{metrics, Dataset, Error, TABLES};

fuzz_target!(|input: &[u8]| {
    let parts: Vec<&[u8]> = split(input, b"\n%%\n");
    let mut files: Vec<(String, &[u8])> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        match TABLES.get(i) {
            Some(t) => files.push((t.file.to_string(), part)),
            None => {
                let (id, text) = match part.iter().position(|&b| b == b'\n') {
                    Some(k) => (&part[..k], &part[k + 1..]),
                    None => (*part, &[][..]),
                };
                files.push((format!("sources/{}.txt", String::from_utf8_lossy(id)), text));
            }
        }
    }
    let data = match Dataset::from_memory(files.iter().map(|(n, b)| (n.as_str(), *b))) {
        Ok(d) => d,
        Err(e) => {
            // A bad package is a data error: every problem names a file the
            // package has, and its message says what is wrong.
            let Error::Data(problems) = &e else {
                panic!("a bad package gave a non-data error: {e}");
            };
            assert!(!problems.is_empty(), "a data error with no problem");
            for p in problems.iter() {
                let named = files.iter().any(|(n, _)| p.file == *n)
                    || TABLES.iter().any(|t| p.file == t.file)
                    || p.file.starts_with("sources/");
                assert!(named, "a problem names no file of the package: {p}");
                assert!(!p.message.is_empty(), "a problem says nothing: {p}");
                assert!(p.to_string().starts_with(&p.file), "{p}");
            }
            return;
        }
    };
    for t in TABLES {
        data.frame(t.name).expect("a loaded table makes a frame");
    }
    let as_of = metrics::as_of(&data).expect("as_of");
    let _ = metrics::summary(&data, as_of).expect("summary");
    // A chart costs milliseconds, a load tens of microseconds: one valid
    // package in eight is drawn (which chart, by its length), to keep the
    // fuzzer fast.
    if input.len() % 8 == 0 {
        let chart = Chart::ALL[input.len() / 8 % Chart::ALL.len()];
        let _ = Figure::new(chart, &data).and_then(|f| f.svg());
    }
});

fn split<'a>(s: &'a [u8], sep: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(k) = rest.windows(sep.len()).position(|w| w == sep) {
        out.push(&rest[..k]);
        rest = &rest[k + sep.len()..];
    }
    out.push(rest);
    out
}
