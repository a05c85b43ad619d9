//! CSV records read with csv-core, and where to cut a large file so that
//! its parts can be parsed side by side.

/// The cores to use, asked once: the standard library reads the cgroup
/// files each time it is asked, which costs more than loading a small file.
pub(crate) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Chunks smaller than this are not worth a thread.
pub(crate) const MIN_CHUNK: usize = 4 << 20;

/// Where to cut `body` into about `n` chunks for parsing in parallel: the
/// byte offsets at which chunks after the first start, each just after a
/// line feed. A cut may fall inside a quoted field; [`parse_chunks`]
/// detects that and parses from start to end instead.
pub(crate) fn chunks(body: &[u8], n: usize) -> Vec<usize> {
    let mut cuts = Vec::new();
    for k in 1..n {
        let aim = (body.len() * k / n).max(cuts.last().copied().unwrap_or(0));
        match memchr::memchr(b'\n', &body[aim..]) {
            Some(i) if aim + i + 1 < body.len() => cuts.push(aim + i + 1),
            _ => break,
        }
    }
    cuts.dedup();
    cuts
}

/// CSV records read with csv-core from a byte slice. The parser (with its
/// DFA) is built once per thread and reset for each file: building it costs
/// more than parsing a small file (and, under the fuzzer's instrumentation,
/// most of each run).
pub(crate) struct Records<'a> {
    /// Always `Some` until dropped (then it goes back to [`PARSER`]).
    core: Option<csv_core::Reader>,
    input: &'a [u8],
    /// Bytes of `input` consumed.
    pos: usize,
    /// The current record's fields, end to end (kept as long as it is large).
    out: Vec<u8>,
    /// Where each field of the current record ends in `out`.
    ends: Vec<usize>,
    fields: usize,
    done: bool,
}

impl<'a> Records<'a> {
    pub(crate) fn new(input: &'a [u8]) -> Records<'a> {
        // (Not a clone of one parser: csv-core's `Clone` for its DFA copies
        // only the transition table, and the copy misparses.)
        let core = PARSER
            .with(|p| p.borrow_mut().take())
            .map(|mut p| {
                p.reset();
                p
            })
            .unwrap_or_else(|| csv_core::ReaderBuilder::new().build());
        Records {
            core: Some(core),
            input,
            pos: 0,
            out: vec![0; 1024],
            ends: vec![0; 32],
            fields: 0,
            done: false,
        }
    }

    /// Reads the next record; returns the offset in `input` where reading
    /// it began (at a line end left by the record before, or at a blank
    /// line, csv-core skips those), or `None` at the end.
    pub(crate) fn next_record(&mut self) -> Option<usize> {
        if self.done {
            return None;
        }
        let start = self.pos;
        let (mut out, mut ends) = (0, 0);
        loop {
            let core = self.core.as_mut()?;
            let (result, nin, nout, nends) = core.read_record(
                self.input.get(self.pos..).unwrap_or_default(),
                &mut self.out[out..],
                &mut self.ends[ends..],
            );
            self.pos += nin;
            out += nout;
            ends += nends;
            match result {
                // At the end of the input, the next call (with no input)
                // finishes the last record.
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    let len = self.out.len();
                    self.out.resize(len * 2, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len();
                    self.ends.resize(len * 2, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    self.fields = ends;
                    return Some(start);
                }
                csv_core::ReadRecordResult::End => {
                    self.done = true;
                    return None;
                }
            }
        }
    }

    /// The number of fields in the current record.
    pub(crate) fn len(&self) -> usize {
        self.fields
    }

    /// Field `i` of the current record.
    pub(crate) fn get(&self, i: usize) -> Option<&[u8]> {
        if i >= self.fields {
            return None;
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.out.get(start..self.ends[i])
    }

    /// Bytes of the input read so far.
    pub(crate) fn consumed(&self) -> usize {
        self.pos
    }
}

thread_local! {
    /// A parser for the next [`Records`] on this thread.
    static PARSER: std::cell::RefCell<Option<csv_core::Reader>> = const { std::cell::RefCell::new(None) };
}

impl Drop for Records<'_> {
    fn drop(&mut self) {
        if let Some(core) = self.core.take() {
            let _ = PARSER.try_with(|p| p.borrow_mut().replace(core));
        }
    }
}
